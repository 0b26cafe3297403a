"""Readings of issue 9 items 5, 6, 11, 13, 14 and issue 10 item 3, on small built scenarios.

Each test names the article (or the BKN deck) it pins; each fails on the code before these
readings: the pack's ``shortlist_ratio`` and ``unit_change_cap_share`` were read nowhere,
every JPT post was closed for open selection, KRW Pasal 15 ayat (1) huruf a-c and 22 ayat
(3) had no effect, and the nine-box recommendations were not rules.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import ScenarioBuilder, shift_months, shift_years
from models.enums import PERFORMANCE_ORDER
from planner.api import plan_round, prepare
from planner.inputs.load import InputError
from planner.rules.eligibility import RULES_BY_ID, RuleContext
from planner.rules.pack import advice_for, load_rule_pack
from test_eligibility import AS_OF, build

SEED_002_BOX_1 = ("Sangat disarankan untuk tidak menduduki jabatan setingkat lebih tinggi. "
                  "Disarankan agar menduduki jabatan yang sejenis dan setara")


# ------------------------------------------------------------------ 9.5: the 1:3 ratio


def _two_candidates(tmp_path, name, **scenario):
    """One vacant pengawas post and two eligible pelaksana: a 1:3 list cannot be formed."""
    b = ScenarioBuilder(AS_OF, "national", name=name, **scenario)
    b.post("KASI", "pengawas", "IV.b")
    for i in range(2):
        b.person(position_id=b.post(f"PLK-{i}", "pelaksana"), rank="III/a")
    return b.write(tmp_path / name)


def test_the_pack_ratio_is_read_when_the_scenario_has_none(tmp_path):
    """BKN "1 jabatan akan diisi dengan 3 calon": the pack's value is the rule; a pack value of
    2 (here through ``parameters:``) lets the post with two candidates be filled."""
    plan, _ = plan_round(_two_candidates(tmp_path, "pack3"), write=False)
    assert "KASI" in {u.position_id for u in plan.unfilled}
    assert plan.controls["shortlist_ratio"]["value"] == 3
    assert plan.controls["shortlist_ratio"]["source"] == "paket aturan national"
    assert "rasio 1:3" in plan.controls["shortlist_ratio"]["article"]

    plan, _ = plan_round(_two_candidates(tmp_path, "pack2", parameters={"shortlist_ratio": 2}), write=False)
    assert "KASI" in {m.to_position_id for m in plan.moves}
    assert len([n for n in plan.shortlist if n.position_id == "KASI"]) == 2
    assert plan.controls["shortlist_ratio"] == {
        "value": 2, "source": "skenario (parameters.shortlist_ratio)",
        "article": plan.controls["shortlist_ratio"]["article"]}
    assert plan.controls["shortlist_ratio"]["article"].startswith("ditetapkan dalam skenario")


def test_the_scenario_key_overrides_the_pack_only_when_present(tmp_path):
    plan, _ = plan_round(_two_candidates(tmp_path, "key2", shortlist_ratio=2), write=False)
    assert "KASI" in {m.to_position_id for m in plan.moves}
    assert plan.controls["shortlist_ratio"]["source"] == "skenario (shortlist_ratio)"
    prep = prepare(_two_candidates(tmp_path, "key2b", shortlist_ratio=2))
    assert prep.pack.value("shortlist_ratio") == 2  # rule_pack.json shows the value in force
    assert prep.pack.article("shortlist_ratio").startswith("ditetapkan dalam skenario (menggantikan: Paparan BKN")


def test_a_scenario_key_and_parameters_that_disagree_are_refused(tmp_path):
    scn = _two_candidates(tmp_path, "both", shortlist_ratio=2, parameters={"shortlist_ratio": 4})
    with pytest.raises(InputError) as exc:
        prepare(scn)
    assert "shortlist_ratio" in str(exc.value) and "bertentangan" in str(exc.value)


# ------------------------------------------------------------------ 9.6: JPT rotation


def _jpt_round(tmp_path, name="jpt", **scenario):
    """Four JPT Pratama 7y10m in post, one vacant JPT post, one administrator."""
    b = ScenarioBuilder(AS_OF, "karawang-2020", name=name, **scenario)
    since = shift_months(shift_years(AS_OF, -7), -10)
    nips = []
    for i in range(4):
        pid = b.post(f"KADIS-{i}", "jpt_pratama", "II.b", unit=f"DINAS{i}", title=f"Kepala Dinas {i}")
        nips.append(b.person(position_id=pid, position_since=since, rank="IV/c"))
    b.post("KADIS-V", "jpt_pratama", "II.b", unit="DINASV", title="Kepala Dinas V")
    admin = b.person(position_id=b.post("KABID", "administrator", "III.a", unit="DINAS0"), rank="IV/b")
    return b, nips, admin


def test_occupied_jpt_posts_are_open_for_rotation_and_only_vacant_ones_for_open_selection(tmp_path):
    """KU 46 ayat (1) "lowong", SMD 41 ayat (1) "kosong": open selection is for vacant JPT
    posts; KRW Pasal 20 huruf b: an occupied one may be rotated (Uji Kelayakan dan Kepatutan)."""
    b, nips, admin = _jpt_round(tmp_path)
    prep = prepare(b.write(tmp_path / "s"))
    posts = prep.round.posts.set_index("position_id")
    assert bool(posts.at["KADIS-V", "open_selection"])
    assert not posts.loc[[f"KADIS-{i}" for i in range(4)], "open_selection"].any()
    pairs = prep.round.pairs
    into_occupied = pairs[pairs["position_id"].str.startswith("KADIS-") & (pairs["position_id"] != "KADIS-V")]
    assert set(into_occupied["nip"]) == set(nips)  # JPT -> JPT rotations are decisions of the round
    assert (into_occupied["move_type"] == "horizontal").all()
    assert into_occupied["article"].str.contains("Pasal 20 huruf b").all()
    # the administrator reaches a JPT post only through open selection: never planned here
    assert admin not in set(into_occupied["nip"])
    assert "KADIS-V" not in set(pairs["position_id"])
    assert admin in set(prep.round.open_selection_pairs.loc[
        prep.round.open_selection_pairs["position_id"] == "KADIS-V", "nip"])


def test_a_locked_jpt_rotation_is_planned_with_its_article(tmp_path):
    b, nips, _ = _jpt_round(tmp_path, "lock", locks=[], max_moved_share=None)  # a swap of 2 of 5 officials
    b.scenario["locks"] = [{"nip": nips[0], "position_id": "KADIS-1"}, {"nip": nips[1], "position_id": "KADIS-0"}]
    plan, _ = plan_round(b.write(tmp_path / "lock"), write=False)
    m = next(m for m in plan.moves if m.nip == nips[0])
    assert m.to_position_id == "KADIS-1" and m.move_type.value == "horizontal"
    assert m.article == "Perbup Karawang 72/2020 Pasal 20 huruf b (melalui Uji Kelayakan dan Kepatutan, Pasal 17–18)"
    assert m.overdue


# ------------------------------------------------------------------ 9.11: KRW unit supply


def _jf_unit(tmp_path, name, **scenario):
    """DINKES: three JF ahli muda and one pelaksana (4 staffed posts); three vacant
    administrator posts elsewhere that each JF may reach diagonally (KRW 24 ayat (1) huruf c)."""
    b = ScenarioBuilder(AS_OF, "karawang-2020", name=name, **scenario)
    jf = [b.person(position_id=b.post(f"JF-{i}", "jf", jf_level="ahli_muda", unit="DINKES"), rank="III/d")
          for i in range(3)]
    b.person(position_id=b.post("PLK", "pelaksana", unit="DINKES"))
    for i in range(3):
        b.post(f"KABID-{i}", "administrator", "III.b", unit="BAPPEDA")
    return b.write(tmp_path / name), jf


def test_the_karawang_unit_cap_counts_the_jf_posts_that_diagonal_moves_leave(tmp_path):
    """KRW Pasal 23 ayat (3) huruf a "persediaan Pegawai pada jabatan yang ditinggalkan": the
    pack's 0.5 lets at most 2 of DINKES's 4 staffed posts be left in one round, JF posts included."""
    scn, jf = _jf_unit(tmp_path, "cap")
    plan, _ = plan_round(scn, write=False)
    assert plan.controls["unit_change_cap_share"]["value"] == 0.5
    assert plan.controls["unit_change_cap_share"]["source"] == "paket aturan karawang-2020"
    assert "Pasal 23 ayat (3) huruf a–b" in plan.controls["unit_change_cap_share"]["article"]
    movers = {m.nip for m in plan.moves}
    assert len(movers & set(jf)) == 2
    assert all(m.move_type.value == "diagonal" for m in plan.moves)


def test_the_scenario_unit_change_cap_overrides_the_pack(tmp_path):
    scn, jf = _jf_unit(tmp_path, "nocap", unit_change_cap=1.0)
    plan, _ = plan_round(scn, write=False)
    assert {m.nip for m in plan.moves} == set(jf)
    assert plan.controls["unit_change_cap_share"] == {
        "value": 1.0, "source": "skenario (unit_change_cap)",
        "article": plan.controls["unit_change_cap_share"]["article"]}


def test_national_has_no_unit_cap_by_default(tmp_path):
    assert load_rule_pack("national").value("unit_change_cap_share") is None
    assert load_rule_pack("karawang-2020").value("unit_change_cap_share") == 0.5


# ------------------------------------------------------------------ 9.13: KRW Pasal 22 ayat (3)


def _iii_b_to_jpt(tmp_path, name, **scenario):
    b = ScenarioBuilder(AS_OF, "karawang-2020", name=name, **scenario)
    b.post("KADIS", "jpt_pratama", "II.b", title="Kepala Dinas Kesehatan")
    since = shift_years(AS_OF, -3)
    nip = b.person(position_id=b.post("KABID", "administrator", "III.b"), position_since=since, rank="IV/b",
                   history=[("pengawas", "IV.a", None, None, None, shift_years(AS_OF, -12), since),
                            ("administrator", "III.b", None, None, None, since, None)])
    return build(b, tmp_path / name), nip


def test_iii_b_administrators_count_only_when_open_selection_applicants_fall_short(tmp_path):
    """KRW Pasal 22 ayat (1) huruf d angka 3 asks 2 years as III.a; ayat (3): when the open
    selection closes short of applicants, III.b administrators may apply (scenario switch)."""
    case, nip = _iii_b_to_jpt(tmp_path, "default")
    assert case.pack.value("open_selection_applicants_short") is False
    case.assert_rule(nip, "KADIS", "exp_jpt", False, "0 bl sebagai administrator eselon III.a", "minimal 2 th")
    assert "kurang" not in case.checks(nip, "KADIS").loc["exp_jpt", "label"]

    case, nip = _iii_b_to_jpt(tmp_path, "short", parameters={"open_selection_applicants_short": True})
    row = case.assert_rule(nip, "KADIS", "exp_jpt", True, "3 th sebagai administrator eselon III.b",
                           "pelamar seleksi terbuka kurang, ditetapkan dalam skenario (menggantikan: Perbup "
                           "Karawang 72/2020 Pasal 22 ayat (3))").loc["exp_jpt"]
    assert "administrator eselon III.b ikut dihitung" in row["label"]


def test_the_switch_adds_nothing_where_the_pack_has_no_fallback(tmp_path):
    b = ScenarioBuilder(AS_OF, "national", parameters={"open_selection_applicants_short": True})
    b.post("KADIS", "jpt_pratama", "II.b")
    nip = b.person(position_id=b.post("KABID", "pengawas", "IV.a"), rank="IV/b")
    case = build(b, tmp_path)
    assert "kurang" not in RULES_BY_ID["exp_jpt"].label_for(case_context(case))
    del nip


def case_context(case) -> RuleContext:
    from planner.rules.eligibility import rule_context

    return rule_context(case.data, case.pack)


# ------------------------------------------------------------------ 9.14: KRW Pasal 15 ayat (1)


def _pengawas_one_year(tmp_path, pack_name, name, **person):
    b = ScenarioBuilder(AS_OF, pack_name, name=name)
    b.post("KASI-B", "pengawas", "IV.a", unit="BAPPEDA")
    year_ago = shift_years(AS_OF, -1)
    nip = b.person(position_id=b.post("KASI-A", "pengawas", "IV.a"), position_since=year_ago,
                   history=[("pelaksana", None, None, None, None, shift_years(AS_OF, -10), shift_years(AS_OF, -4)),
                            ("pengawas", "IV.a", None, None, None, shift_years(AS_OF, -4), year_ago),
                            ("pengawas", "IV.a", None, None, None, year_ago, None)], **person)
    return build(b, tmp_path / name), nip


def test_a_pengawas_below_target_may_be_moved_before_two_years_in_karawang(tmp_path):
    """KRW Pasal 15 ayat (1) huruf a: "target Kinerja ... tidak tercapai" lifts the minimum."""
    case, nip = _pengawas_one_year(tmp_path, "karawang-2020", "below", performance="butuh_perbaikan")
    case.assert_rule(nip, "KASI-B", "tenure_min", True, "1 th dalam jabatan sekarang",
                     "dikecualikan: target kinerja tidak tercapai (predikat terakhir di bawah baik) "
                     "(Perbup Karawang 72/2020 Pasal 15 ayat (1) huruf a–c)")
    assert case.failed(nip, "KASI-B") == set()
    label = case.checks(nip, "KASI-B").loc["tenure_min", "label"]
    assert "boleh lebih awal bila target kinerja tidak tercapai" in label

    case, nip = _pengawas_one_year(tmp_path, "karawang-2020", "good")
    case.assert_rule(nip, "KASI-B", "tenure_min", False, "1 th dalam jabatan sekarang")
    case, nip = _pengawas_one_year(tmp_path, "national", "national", performance="butuh_perbaikan")
    case.assert_rule(nip, "KASI-B", "tenure_min", False, "minimal 2 th")


def test_qualification_and_violation_grounds(tmp_path):
    """KRW Pasal 15 ayat (1) huruf b (below the current post's qualification) and huruf c (a
    sanction while in the current post; the Pasal 37 bar still holds and fails on its own)."""
    case, nip = _pengawas_one_year(tmp_path, "karawang-2020", "edu", education="D2")
    case.assert_rule(nip, "KASI-B", "tenure_min", True, "tidak memenuhi kualifikasi jabatan sekarang")
    assert case.failed(nip, "KASI-B") == {"education"}  # D2 is below the target's D3 too

    b = ScenarioBuilder(AS_OF, "karawang-2020")
    b.post("KASI-B", "pengawas", "IV.a", unit="BAPPEDA")
    nip = b.person(position_id=b.post("KASI-A", "pengawas", "IV.a"), position_since=shift_years(AS_OF, -1))
    b.sanction(nip, "ringan", shift_months(AS_OF, -6), shift_months(AS_OF, -5))
    case = build(b, tmp_path / "sanction")
    case.assert_rule(nip, "KASI-B", "tenure_min", True, "melanggar ketentuan")
    assert case.failed(nip, "KASI-B") == {"discipline"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(months=st.integers(18, 30), rating=st.sampled_from(list(PERFORMANCE_ORDER)),
       pack_name=st.sampled_from(["karawang-2020", "national"]))
def test_tenure_minimum_boundary_with_the_kinerja_ground(tmp_path_factory, months, rating, pack_name):
    """Passes iff 2 years in post, or (Karawang) the latest rating is below baik."""
    b = ScenarioBuilder(AS_OF, pack_name)
    b.post("KASI-B", "pengawas", "IV.a", unit="BAPPEDA")
    nip = b.person(position_id=b.post("KASI-A", "pengawas", "IV.a"), position_since=shift_months(AS_OF, -months),
                   performance=rating)
    case = build(b, tmp_path_factory.mktemp("t"))
    row = case.checks(nip, "KASI-B").loc["tenure_min"]
    below = PERFORMANCE_ORDER[rating] < PERFORMANCE_ORDER["baik"]
    assert bool(row["passed"]) is (months >= 24 or (below and pack_name == "karawang-2020"))


def test_officials_past_five_years_are_listed_in_the_plan_and_the_report(tmp_path):
    """KRW Pasal 15 ayat (1) (at most 5 years) with 16 ayat (1) (reappointment): the official
    9 y 11 m in post is listed whether the round moves them or not."""
    from reports.data import Masker, read_run
    from reports.html import render_html

    b = ScenarioBuilder(AS_OF, "karawang-2020")
    old = b.person(position_id=b.post("SEKRETARIS", "administrator", "III.a", title="Sekretaris Dinas"),
                   position_since=shift_months(shift_years(AS_OF, -9), -11), rank="IV/b", performance="baik",
                   performance_prev="baik")
    new = b.person(position_id=b.post("KASI", "pengawas", "IV.a"), position_since=shift_years(AS_OF, -3))
    plan, folder = plan_round(b.write(tmp_path / "s"), out=tmp_path / "run")
    due = {t.nip: t for t in plan.past_tenure_max}
    assert set(due) == {old}
    t = due[old]
    assert t.tenure_text == "9 th 11 bl" and t.position_id == "SEKRETARIS" and not t.moved
    assert t.article == "Perbup Karawang 72/2020 Pasal 15 ayat (1)"
    assert new not in due
    html = render_html(read_run(folder), {}, Masker(False))
    section = html[html.index('id="masa-jabatan"'):]
    assert "9 th 11 bl" in section and "Sekretaris Dinas" in section  # not moved: listed by name
    assert "rotasi atau pengangkatan kembali" in section and "Yang belum dipindahkan dalam rencana ini" in section


# ------------------------------------------------------------------ 10.3: BKN nine-box recommendations


def _box_round(tmp_path, name, pack_name="karawang-2020", **scenario):
    b = ScenarioBuilder(AS_OF, pack_name, name=name, **scenario)
    b.post("KASI-KRITIS", "pengawas", "IV.a", unit="BAPPEDA", critical=True)
    b.post("KABID", "administrator", "III.a", unit="BAPPEDA")
    return b


def test_kotak_1_is_never_moved_to_a_higher_post(tmp_path):
    """BKN deck, Rekomendasi 9 kotak, kotak 1: "Sangat disarankan untuk tidak menduduki
    jabatan setingkat lebih tinggi": a hard rule, even where the pool would not apply."""
    b = _box_round(tmp_path, "k1", parameters={"pool_required_for": []})
    nip = b.person(position_id=b.post("KASI", "pengawas", "IV.a"), nine_box=1, rank="IV/b")
    case = build(b, tmp_path / "k1")
    case.assert_rule(nip, "KABID", "no_promotion_box", False, "kotak 1, ke jabatan setingkat lebih tinggi")
    assert case.failed(nip, "KABID") == {"no_promotion_box"}
    assert case.checks(nip, "KABID").loc["no_promotion_box", "label"] == \
        "Kotak 1 tidak dipindah ke eselon atau jenjang jabatan yang lebih tinggi"


def test_kotak_1_is_kept_from_a_higher_eselon_reached_horizontally(tmp_path):
    """National rows call IV.b -> IV.a horizontal (jenjang only), yet it is a higher post."""
    b = ScenarioBuilder(AS_OF, "national")
    b.post("KASI-A", "pengawas", "IV.a", unit="BAPPEDA")
    nip = b.person(position_id=b.post("KASI-B", "pengawas", "IV.b"), nine_box=1)
    case = build(b, tmp_path)
    assert case.checks(nip, "KASI-A").loc["move", "move_type"] == "horizontal"
    case.assert_rule(nip, "KASI-A", "no_promotion_box", False)
    assert case.failed(nip, "KASI-A") == {"no_promotion_box"}


@pytest.mark.parametrize("box, allowed, passes", [(2, False, False), (3, False, False), (4, False, True),
                                                  (2, True, True)])
def test_kotak_1_to_3_are_kept_from_critical_posts_unless_the_scenario_allows(tmp_path, box, allowed, passes):
    b = _box_round(tmp_path, "k", parameters={"low_talent_allowed": True} if allowed else {})
    nip = b.person(position_id=b.post("KASI", "pengawas", "IV.a"), nine_box=box)
    case = build(b, tmp_path / "k")
    assert case.checks(nip, "KASI-KRITIS").loc["move", "move_type"] == "horizontal"
    row = case.assert_rule(nip, "KASI-KRITIS", "low_talent_box", passes, f"kotak {box}, ke jabatan kritis")
    if allowed:
        assert "diizinkan skenario (ditetapkan dalam skenario" in row.loc["low_talent_box", "detail"]
    assert case.failed(nip, "KASI-KRITIS") == (set() if passes else {"low_talent_box"})


@pytest.mark.parametrize("rating, allowed, passes", [("butuh_perbaikan", False, False), ("kurang", False, False),
                                                     ("baik", False, True), ("kurang", True, True)])
def test_a_latest_rating_below_baik_is_kept_from_critical_posts_unless_allowed(tmp_path, rating, allowed, passes):
    b = _box_round(tmp_path, "r", parameters={"low_rating_allowed": True} if allowed else {})
    nip = b.person(position_id=b.post("KASI", "pengawas", "IV.a"), performance=rating, nine_box=9)
    case = build(b, tmp_path / "r")
    case.assert_rule(nip, "KASI-KRITIS", "low_rating", passes, f"kinerja terakhir {rating.replace('_', ' ')}")
    assert case.failed(nip, "KASI-KRITIS") == (set() if passes else {"low_rating"})


def test_a_promotion_is_not_judged_twice_on_the_same_fact(tmp_path):
    """The pool (kotak 7-9) and the two-year rating rule already bar a low box or rating on a
    promotion: the talent rules do not apply there, the verdict is said once."""
    b = _box_round(tmp_path, "p")
    nip = b.person(position_id=b.post("KASI", "pengawas", "IV.a"), nine_box=2, performance="kurang", rank="IV/b")
    case = build(b, tmp_path / "p")
    assert case.failed(nip, "KABID") == {"pool", "performance"}
    checks = case.checks(nip, "KABID")
    assert not checks.loc["low_talent_box", "applies"] and not checks.loc["low_rating", "applies"]


def test_nine_box_advice_is_the_bkn_text_per_box():
    for name in ("national", "karawang-2020", "kayong-utara-2023", "samarinda-2023"):
        pack = load_rule_pack(name)
        assert advice_for(1, pack) == SEED_002_BOX_1
        assert advice_for("9", pack).startswith("Disarankan agar dipromosikan dalam jabatan")
        assert advice_for(4, pack) == "Disarankan untuk dilakukan rotasi jabatan dan pengembangan kompetensi"
        assert advice_for(None, pack) is None and advice_for(float("nan"), pack) is None
        assert "Rekomendasi 9 (sembilan) kotak" in pack.article("nine_box_advice")
        assert len({advice_for(k, pack) for k in range(1, 10)}) == 9


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(box=st.integers(1, 9), rating=st.sampled_from(list(PERFORMANCE_ORDER)), critical=st.booleans(),
       target=st.sampled_from([("pengawas", "IV.a"), ("administrator", "III.b")]),
       pack_name=st.sampled_from(["national", "karawang-2020"]))
def test_no_eligible_pair_breaks_a_nine_box_recommendation(tmp_path_factory, box, rating, critical, target, pack_name):
    b = ScenarioBuilder(AS_OF, pack_name, parameters={"pool_required_for": [], "promotion_min_performance": "sangat_kurang"})
    b.post("T", *target, unit="BAPPEDA", critical=critical)
    nip = b.person(position_id=b.post("KASI", "pengawas", "IV.a"), nine_box=box, performance=rating,
                   performance_prev=rating, rank="IV/b")
    case = build(b, tmp_path_factory.mktemp("b"))
    up = target[0] == "administrator"
    low_rating = PERFORMANCE_ORDER[rating] < PERFORMANCE_ORDER["baik"]
    barred = (up and box == 1) or ((up or critical) and (box in (1, 2, 3) or low_rating))
    if not barred:
        assert case.is_eligible(nip, "T") or case.failed(nip, "T") - {"no_promotion_box", "low_talent_box",
                                                                      "low_rating"} == case.failed(nip, "T")
    else:
        assert not case.is_eligible(nip, "T")
        assert case.failed(nip, "T") & {"no_promotion_box", "low_talent_box", "low_rating"}


def test_an_occupied_sekda_post_is_not_reached_by_a_lower_eselon_rotation(tmp_path):
    """National rows call II.b -> II.a horizontal (jenjang only); the Sekda post is still filled
    by open selection, never by rotating a II.b JPT into it."""
    b = ScenarioBuilder(AS_OF, "national")
    b.person(position_id=b.post("SEKDA", "jpt_pratama", "II.a", title="Sekretaris Daerah"), rank="IV/d")
    jpt = b.person(position_id=b.post("KADIS", "jpt_pratama", "II.b"), rank="IV/d")
    b.post("KADIS-2", "jpt_pratama", "II.b", unit="DINAS2")
    b.person(position_id="KADIS-2", rank="IV/d")
    prep = prepare(b.write(tmp_path / "s"))
    assert (jpt, "SEKDA") in set(zip(prep.elig.pairs["nip"], prep.elig.pairs["position_id"]))
    assert "SEKDA" not in set(prep.round.pairs["position_id"])
    assert (jpt, "KADIS-2") in set(zip(prep.round.pairs["nip"], prep.round.pairs["position_id"]))


def test_the_target_not_met_threshold_is_the_packs(tmp_path):
    b = ScenarioBuilder(AS_OF, "karawang-2020", parameters={"target_not_met_below": "sangat_baik"})
    b.post("KASI-B", "pengawas", "IV.a", unit="BAPPEDA")
    nip = b.person(position_id=b.post("KASI-A", "pengawas", "IV.a"), position_since=shift_years(AS_OF, -1),
                   performance="baik")
    case = build(b, tmp_path)
    case.assert_rule(nip, "KASI-B", "tenure_min", True, "target kinerja tidak tercapai (predikat terakhir di bawah "
                                                        "sangat baik)")


def test_explain_says_why_an_administrator_is_not_planned_into_an_occupied_jpt_post(tmp_path):
    from planner.explain.explain import Explainer

    b, nips, admin = _jpt_round(tmp_path, "explain")
    _, folder = plan_round(b.write(tmp_path / "explain"), out=tmp_path / "run")
    why = " ".join(Explainer(folder).person("KADIS-1", admin, resolve=False)["why_not"])
    assert "hanya dapat dirotasi oleh JPT pada jenjang dan eselon yang sama" in why

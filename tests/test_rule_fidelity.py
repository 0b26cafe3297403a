"""Verdicts as each region's regulation says (issue 9): one boundary test per reading.

Each test names the article it pins. Where a seed is ambiguous, the pack states its reading
as a parameter with its article, and the test pins that parameter's effect.
"""
from __future__ import annotations

import pytest

from builders import ScenarioBuilder, shift_months, shift_years
from test_eligibility import AS_OF, build


# ------------------------------------------------------------------ item 7: KRW Pasal 15 ayat (2)

def test_karawang_tenure_exemption_is_pelaksana_and_jf_keterampilan_only(tmp_path):
    """KRW Pasal 15 ayat (2): "Pejabat Pelaksana atau Pejabat Fungsional Pelaksana" (JF
    keterampilan) are exempt from the 2-year minimum; a JF ahli muda one year in post is not."""
    b = ScenarioBuilder(AS_OF, "karawang-2020")
    b.post("KASI", "pengawas", "IV.a")
    b.post("KASUBAG", "pengawas", "IV.b")
    year_ago = shift_years(AS_OF, -1)
    career = lambda level: [("pelaksana", None, None, None, None, shift_years(AS_OF, -10), year_ago),  # noqa: E731
                            ("jf", None, level, None, None, year_ago, None)]
    muda = b.person(position_id=b.post("JF-MUDA", "jf", jf_level="ahli_muda"), position_since=year_ago,
                    history=career("ahli_muda"))
    mahir = b.person(position_id=b.post("JF-MAHIR", "jf", jf_level="mahir"), position_since=year_ago,
                     history=career("mahir"))
    case = build(b, tmp_path)
    assert case.pack.value("tenure_exempt_from") == ["pelaksana", "jf:keterampilan"]
    case.assert_rule(muda, "KASI", "tenure_min", False, "1 th dalam jabatan sekarang", "minimal 2 th")
    assert case.failed(muda, "KASI") == {"tenure_min"}
    case.assert_rule(mahir, "KASUBAG", "tenure_min", True, applies=False)
    assert case.failed(mahir, "KASUBAG") == set()
    label = case.checks(muda, "KASI").loc["tenure_min", "label"]
    assert "(kecuali pelaksana dan JF keterampilan)" in label


def test_national_tenure_exemption_keeps_every_jf(tmp_path):
    b = ScenarioBuilder(AS_OF, "national")
    b.post("KASI", "pengawas", "IV.a")
    year_ago = shift_years(AS_OF, -1)
    muda = b.person(position_id=b.post("JF-MUDA", "jf", jf_level="ahli_muda"), position_since=year_ago,
                    history=[("pelaksana", None, None, None, None, shift_years(AS_OF, -10), year_ago),
                             ("jf", None, "ahli_muda", None, None, year_ago, None)])
    case = build(b, tmp_path)
    case.assert_rule(muda, "KASI", "tenure_min", True, applies=False)


# ------------------------------------------------------------------ item 8: JPT -> JPT, 5 years related

@pytest.mark.parametrize("pack_name", ["kayong-utara-2023", "samarinda-2023", "national", "karawang-2020"])
def test_jpt_rotation_needs_five_years_in_the_related_field(tmp_path, pack_name):
    """KU Pasal 40 huruf a with Pasal 9 ayat (1); SMD Pasal 37 huruf a with Pasal 14 ayat (1):
    a JPT rotating to another JPT post needs 5 cumulative years in its field, as an
    administrator with the same career would. Karawang (Pasal 20 huruf b rotation) has no
    such article and keeps the national PP 11/2017 Pasal 107 huruf c."""
    b = ScenarioBuilder(AS_OF, pack_name)
    b.post("KABAN-KEU", "jpt_pratama", "II.b", unit="BPKAD", rumpun="keuangan")
    b.post("KADIS-KPG", "jpt_pratama", "II.b", unit="BKD", rumpun="kepegawaian")
    since = shift_years(AS_OF, -7)
    career = [("administrator", "III.a", None, "BKD", "kepegawaian", shift_years(AS_OF, -15), since),
              ("jpt_pratama", "II.b", None, "DINKES", "kesehatan", since, None)]
    jpt = b.person(position_id=b.post("KADIS-KES", "jpt_pratama", "II.b", unit="DINKES", rumpun="kesehatan"),
                   position_since=since, rank="IV/c", history=career)
    case = build(b, tmp_path)
    assert case.checks(jpt, "KABAN-KEU").loc["move", "move_type"] == "horizontal"
    case.assert_rule(jpt, "KABAN-KEU", "related_field_jpt", False, "0 bl di rumpun keuangan", "minimal 5 th")
    assert case.failed(jpt, "KABAN-KEU") == {"related_field_jpt"}
    case.assert_rule(jpt, "KADIS-KPG", "related_field_jpt", True, "8 th di rumpun kepegawaian")
    assert case.failed(jpt, "KADIS-KPG") == set()


# ------------------------------------------------------------------ item 9: penyelia is below pengawas

@pytest.mark.parametrize("pack_name, passes", [("kayong-utara-2023", False), ("samarinda-2023", False),
                                               ("national", False), ("karawang-2020", True)])
def test_penyelia_years_are_not_pengawas_level_experience(tmp_path, pack_name, passes):
    """KU Pasal 38 ayat (1) huruf b, 40 huruf b with 21 ayat (1) huruf a (penyelia moves *up* to
    pengawas): 2 years as pengawas after 3 as penyelia is not 3 years at pengawas level.
    Karawang counts penyelia, since its Pasal 24 ayat (1) huruf c opens penyelia -> administrator."""
    b = ScenarioBuilder(AS_OF, pack_name)
    b.post("KABID", "administrator", "III.b")
    since = shift_years(AS_OF, -2)
    nip = b.person(position_id=b.post("KASI", "pengawas", "IV.a"), position_since=since, history=[
        ("jf", None, "penyelia", None, None, shift_years(AS_OF, -5), since),
        ("pengawas", "IV.a", None, None, None, since, None)])
    case = build(b, tmp_path)
    if passes:
        case.assert_rule(nip, "KABID", "exp_administrator", True, "5 th sebagai pengawas atau JF (", "penyelia)")
        assert case.failed(nip, "KABID") == set()
    else:
        case.assert_rule(nip, "KABID", "exp_administrator", False,
                         "2 th sebagai pengawas atau JF (ahli muda, ahli madya, ahli utama), minimal 3 th")
        assert case.failed(nip, "KABID") == {"exp_administrator"}


# ------------------------------------------------------------------ item 1: KRW cross-urusan diagonal

def test_karawang_cross_urusan_diagonal_move_is_weighed_not_barred(tmp_path):
    """KRW Pasal 23 ayat (3) huruf d, ayat (4): a diagonal move to another urusan "memperhatikan
    perumpunan": shown to the committee, not a bar. Kayong Utara (Pasal 40 huruf d) bars it."""
    # Karawang weighs it by default; a scenario may still bar it with `parameters:`; the other
    # packs bar it (Kayong Utara Pasal 40 huruf d; Samarinda keeps the national rule).
    cases = (("karawang-2020", False, {}), ("karawang-2020", True, {"same_rumpun_bars_move": True}),
             ("kayong-utara-2023", True, {}), ("samarinda-2023", True, {}), ("national", True, {}))
    for k, (pack_name, bars, parameters) in enumerate(cases):
        b = ScenarioBuilder(AS_OF, pack_name)
        if parameters:
            b.scenario["parameters"] = parameters
        b.post("KABID-KES", "administrator", "III.b", unit="DINKES", rumpun="kesehatan")
        nip = b.person(position_id=b.post("JF", "jf", jf_level="ahli_muda", unit="BPKAD", rumpun="keuangan"))
        case = build(b, tmp_path / f"{pack_name}-{k}")
        assert case.checks(nip, "KABID-KES").loc["move", "move_type"] == "diagonal"
        if bars:
            case.assert_rule(nip, "KABID-KES", "same_rumpun", False, "rumpun keuangan → kesehatan")
            assert case.failed(nip, "KABID-KES") == {"same_rumpun"}
            continue
        c = case.assert_rule(nip, "KABID-KES", "same_rumpun", True,
                             "rumpun berbeda (keuangan → kesehatan): dipertimbangkan",
                             "Perbup Karawang 72/2020 Pasal 23 ayat (3) huruf d dan ayat (4)")
        assert case.failed(nip, "KABID-KES") == set()
        assert "dipertimbangkan, bukan syarat" in c.loc["same_rumpun", "label"]
        assert "Perbup Karawang 72/2020 Pasal 23" in c.loc["same_rumpun", "article"]


def _rumpun_round(pack_name: str, tmp_path, **scenario):
    """A vacant Kepala Bidang (kesehatan) and three JF ahli muda alike but for their rumpun:
    one of kesehatan, one of keuangan, one of keuangan with 3 years in kesehatan before."""
    b = ScenarioBuilder(AS_OF, pack_name, merit_exempt=True, shortlist_ratio=1, **scenario)
    b.post("KABID-KES", "administrator", "III.b", unit="DINKES", rumpun="kesehatan")
    people = {}
    for i, (tag, rumpun, served) in enumerate((("same", "kesehatan", False), ("other", "keuangan", False),
                                               ("served", "keuangan", True))):
        since = shift_years(AS_OF, -5)
        career = [("pelaksana", None, None, "DINKES" if served else None, "kesehatan" if served else None,
                   shift_years(AS_OF, -15), shift_years(AS_OF, -12 if served else -5))]
        if not served:
            career[0] = ("pelaksana", None, None, None, None, shift_years(AS_OF, -15), since)
        else:
            career.append(("pelaksana", None, None, None, None, shift_years(AS_OF, -12), since))
        unit = "DINKES" if rumpun == "kesehatan" else "BPKAD"
        people[tag] = b.person(position_id=b.post(f"JF-{tag}", "jf", jf_level="ahli_muda", unit=unit, rumpun=rumpun),
                               birth_date=f"1985-01-1{i}", position_since=since,
                               history=[*career, ("jf", None, "ahli_muda", None, None, since, None)])
    return b, people


def test_karawang_same_rumpun_scores_higher_than_a_cross_rumpun_twin(tmp_path):
    """KRW Pasal 23 ayat (4): "memperhatikan perumpunan ... dan/atau kesesuaian kualifikasi dan
    kompetensi". The pack's rumpun_mismatch_points mark the cross-rumpun candidate down
    (less with years in the target rumpun); the plan and its facts show it per nominee."""
    b, people = _rumpun_round("karawang-2020", tmp_path)
    case = build(b, tmp_path / "case")
    pts = case.pack.value("rumpun_mismatch_points")
    assert "Pasal 23 ayat (4)" in case.pack.article("rumpun_mismatch_points")
    for tag in ("other", "served"):  # eligible: weighed, not barred
        case.assert_rule(people[tag], "KABID-KES", "same_rumpun", True, "rumpun berbeda (keuangan → kesehatan)")
        assert case.failed(people[tag], "KABID-KES") == set()
    from planner.api import prepare
    prep = prepare(b.write(tmp_path / "plan"))
    pairs = prep.round.pairs.set_index("nip")
    score = {tag: float(pairs.loc[nip, "score"]) for tag, nip in people.items()}
    fit = {tag: float(pairs.loc[nip, "term_rumpun_fit"]) for tag, nip in people.items()}
    assert fit == {"same": 0.0, "other": -pts["different"], "served": -pts["with_experience"]}
    assert score["same"] - score["other"] == pytest.approx(pts["different"])
    assert score["same"] - score["served"] == pytest.approx(pts["with_experience"])
    assert score["same"] > score["served"] > score["other"]

    from planner.api import solve_prepared
    plan = solve_prepared(prep).plan
    move = next(m for m in plan.moves if m.to_position_id == "KABID-KES")
    assert move.nip == people["same"] and move.score_terms["rumpun_fit"] == 0.0
    facts = {f.nip: f for f in plan.nominee_facts if f.position_id == "KABID-KES"}
    from reports.nominee_facts import concerns, fact_texts
    assert fact_texts(facts[people["same"]])["rumpun"] == "rumpun sama (kesehatan)"
    assert "rumpun" not in concerns(facts[people["same"]])

    # Locked in, the cross-rumpun candidate carries the mark in its score terms and facts.
    b.scenario["locks"] = [{"nip": people["served"], "position_id": "KABID-KES"}]
    plan2 = solve_prepared(prepare(b.write(tmp_path / "locked"))).plan
    move = next(m for m in plan2.moves if m.to_position_id == "KABID-KES")
    assert move.nip == people["served"] and move.score_terms["rumpun_fit"] == -pts["with_experience"]
    f = next(f for f in plan2.nominee_facts if f.nip == people["served"] and f.position_id == "KABID-KES")
    text = fact_texts(f)["rumpun"]
    assert text.startswith("rumpun berbeda: keuangan → kesehatan") and "3 tahun di rumpun kesehatan" in text
    assert f.rumpun_weighed and "rumpun" in concerns(f)


@pytest.mark.parametrize("pack_name", ["kayong-utara-2023", "samarinda-2023", "national"])
def test_other_packs_still_bar_a_cross_rumpun_jf_and_score_no_rumpun_term(tmp_path, pack_name):
    b, people = _rumpun_round(pack_name, tmp_path)
    case = build(b, tmp_path / "case")
    for tag in ("other", "served"):
        case.assert_rule(people[tag], "KABID-KES", "same_rumpun", False, "rumpun keuangan → kesehatan")
        assert not case.is_eligible(people[tag], "KABID-KES")
    from planner.api import prepare
    pairs = prepare(b.write(tmp_path / "plan")).round.pairs
    assert set(pairs["nip"]) == {people["same"]} and (pairs["term_rumpun_fit"] == 0).all()


def test_karawang_can_still_bar_a_cross_rumpun_jf_by_scenario(tmp_path):
    b, people = _rumpun_round("karawang-2020", tmp_path, parameters={"same_rumpun_bars_move": True})
    from planner.api import prepare
    pairs = prepare(b.write(tmp_path / "plan")).round.pairs
    assert set(pairs["nip"]) == {people["same"]} and (pairs["term_rumpun_fit"] == 0).all()


def _crowd(tmp_path, name: str, same: int, cross: int, solver=None, locks=()):
    """A vacant Kepala Bidang (kesehatan), ``same`` JF ahli muda of kesehatan and ``cross`` of
    keuangan, the latter with distinct JPM (so distinct Nilai); returns the prepared round."""
    from planner.api import prepare
    b = ScenarioBuilder(AS_OF, "karawang-2020", merit_exempt=True,
                        solver={"cross_rumpun_per_post": 2, "cross_rumpun_full_below": 3, **(solver or {})})
    b.post("KABID-KES", "administrator", "III.b", unit="DINKES", rumpun="kesehatan")
    nips = {"same": [], "cross": []}
    for i in range(same + cross):
        tag = "same" if i < same else "cross"
        rumpun, unit = ("kesehatan", "DINKES") if tag == "same" else ("keuangan", "BPKAD")
        nips[tag].append(b.person(position_id=b.post(f"JF-{i}", "jf", jf_level="ahli_muda", unit=unit, rumpun=rumpun),
                                  birth_date=f"1985-02-{i + 1:02d}", jpm=50 + 3 * i))
    b.scenario["locks"] = [{"nip": nips["cross"][k], "position_id": "KABID-KES"} for k in locks]
    return prepare(b.write(tmp_path / name)), nips


def test_cross_rumpun_pruning_keeps_a_short_post_whole_and_the_best_otherwise(tmp_path):
    """The planner's pruning of cross-rumpun pairs (solver.cross_rumpun_*; not a rule): a post
    with fewer than cross_rumpun_full_below other candidates keeps every cross-rumpun one;
    otherwise the best cross_rumpun_per_post by Nilai, and every lock."""
    def candidates(prep):
        return set(prep.round.all_pairs.loc[prep.round.all_pairs["position_id"] == "KABID-KES", "nip"])

    # short of same-rumpun candidates: nothing pruned, the post has what it has unpruned
    short, nips = _crowd(tmp_path, "short", same=2, cross=5)
    whole, _ = _crowd(tmp_path, "whole", same=2, cross=5, solver={"cross_rumpun_per_post": None})
    assert candidates(short) == candidates(whole) == set(nips["same"]) | set(nips["cross"])
    assert short.round.sizes["rumpun_pruned_pairs"] == 0

    # enough others: every same-rumpun candidate, the 2 best cross-rumpun ones (highest JPM), the lock
    crowd, nips = _crowd(tmp_path, "crowd", same=4, cross=5, locks=[0])
    kept = candidates(crowd)
    assert kept == set(nips["same"]) | set(nips["cross"][-2:]) | {nips["cross"][0]}
    assert crowd.round.sizes["rumpun_pruned_pairs"] == 2
    assert (crowd.round.pairs["nip"] == nips["cross"][0]).any()  # the lock is in the model
    # every pair the barring reading would hold is kept, and more
    barred, _ = _crowd(tmp_path, "barred", same=4, cross=5, solver={"cross_rumpun_per_post": None})
    assert set(nips["same"]) <= kept <= candidates(barred)


def test_cross_rumpun_pair_left_out_comes_back_with_a_later_lock(tmp_path):
    """A lock added after the eligibility was computed (a committee session) brings back a
    cross-rumpun pair the pruning left out: a pruned pair is eligible, never refused."""
    from planner.round.build import prepare_round
    from planner.rules.eligibility import restore_pairs
    crowd, nips = _crowd(tmp_path, "crowd", same=4, cross=5)
    elig, data = crowd.elig, crowd.data
    worst = nips["cross"][0]
    assert not (elig.pairs["nip"] == worst).any()
    from models.schema import Assignment
    data.scenario = data.scenario.model_copy(update={"locks": [Assignment(nip=worst, position_id="KABID-KES")]})
    r = prepare_round(data, crowd.pack, elig)
    assert ((r.pairs["nip"] == worst) & (r.pairs["position_id"] == "KABID-KES")).any()
    assert float(r.pairs.loc[r.pairs["nip"] == worst, "term_rumpun_fit"].iloc[0]) < 0
    assert restore_pairs(elig, crowd.pack, [(worst, "KABID-KES")]) == 0  # once is enough


# ------------------------------------------------------------------ items 2 and 3: open selection, no pool

def _jpt_round(pack_name, tmp_path, **scenario):
    b = ScenarioBuilder(AS_OF, pack_name, **scenario)
    b.post("KADIS", "jpt_pratama", "II.b", rumpun="kepegawaian")
    outsider = dict(in_pool=False, rank="IV/b", birth_date="1975-01-01")
    admin = b.person(position_id=b.post("KABID", "administrator", "III.a", rumpun="kepegawaian"), **outsider)
    jf = b.person(position_id=b.post("JF", "jf", jf_level="ahli_madya", rumpun="kepegawaian"), **outsider)
    return build(b, tmp_path), admin, jf


def test_karawang_jf_ahli_madya_to_jpt_by_open_selection_needs_no_pool(tmp_path):
    """KRW Pasal 24 ayat (1) huruf d names only "seleksi terbuka"; the vertical route of
    Pasal 22 ayat (1) huruf d angka 1 still comes from the succession pool."""
    case, admin, jf = _jpt_round("karawang-2020", tmp_path)
    assert case.checks(jf, "KADIS").loc["move", "move_type"] == "diagonal"
    case.assert_rule(jf, "KADIS", "pool", True, applies=False)
    assert case.failed(jf, "KADIS") == set()
    case.assert_rule(admin, "KADIS", "pool", False, "bukan anggota kelompok rencana suksesi")
    assert case.failed(admin, "KADIS") == {"pool"}
    # the pool verdict cites Karawang's own articles
    assert case.checks(admin, "KADIS").loc["pool", "article"].startswith("Perbup Karawang 72/2020 Pasal 21 ayat (2)")


def test_kayong_utara_open_selection_shortlist_is_not_filtered_by_the_pool(tmp_path):
    """KU Pasal 18 ayat (1), 22, 46 ayat (1): JPT by open selection (or merit); the pool is the
    planner's own route, so it binds again when the scenario is exempt from open selection."""
    case, admin, jf = _jpt_round("kayong-utara-2023", tmp_path)
    for nip in (admin, jf):
        case.assert_rule(nip, "KADIS", "pool", True, applies=False)
        assert case.failed(nip, "KADIS") == set()
    exempt, admin, jf = _jpt_round("kayong-utara-2023", tmp_path / "merit", merit_exempt=True)
    for nip in (admin, jf):
        exempt.assert_rule(nip, "KADIS", "pool", False, "bukan anggota")
        assert exempt.checks(nip, "KADIS").loc["pool", "article"].startswith("Perbup Kayong Utara 23/2023 Pasal 16")


# ------------------------------------------------------------------ item 15: KU Pasal 35 ayat (2) huruf b, d

def test_kayong_utara_flags_a_nominee_without_leadership_training(tmp_path):
    """KU Pasal 35 ayat (2) huruf b: leadership training "harus dipenuhi"; huruf d: a competence
    test may stand in for the time being. Flagged per nominee, not a bar, unless the pack says so."""
    for name, params in (("flag", {}), ("bar", {"leadership_training_bars_move": True})):
        b = ScenarioBuilder(AS_OF, "kayong-utara-2023", **({"parameters": params} if params else {}))
        b.post("KABID", "administrator", "III.b")
        without = b.person(position_id=b.post("KASI-1", "pengawas", "IV.a"), leadership_training="pkp")
        trained = b.person(position_id=b.post("KASI-2", "pengawas", "IV.a"), leadership_training="pka")
        case = build(b, tmp_path / name)
        case.assert_rule(trained, "KABID", "leadership_training", True, "pelatihan kepemimpinan PKA, sesuai")
        if name == "flag":
            c = case.assert_rule(without, "KABID", "leadership_training", True, "pelatihan kepemimpinan PKP",
                                 "harus dipenuhi, sementara dapat uji kompetensi (ditandai)")
            assert case.failed(without, "KABID") == set()
            assert c.loc["leadership_training", "article"] == "Perbup Kayong Utara 23/2023 Pasal 35 ayat (2) huruf b"
        else:
            case.assert_rule(without, "KABID", "leadership_training", False, "yang sesuai: PKA")
            assert case.failed(without, "KABID") == {"leadership_training"}


# ------------------------------------------------------------------ across packs: JF posts are outside the round

def test_check_says_in_words_that_jf_posts_are_outside_the_round(tmp_path):
    from planner.rules.check import check_report

    b = ScenarioBuilder(AS_OF, "kayong-utara-2023")
    b.post("JF-V", "jf", jf_level="ahli_muda")
    # a JF ahli muda in kesehatan: its only structural route (administrator, same rumpun) has no post here
    nip = b.person(position_id=b.post("JF-A", "jf", jf_level="ahli_muda", rumpun="kesehatan"))
    b.post("KASI", "pengawas", "IV.a")
    kasi = b.person(position_id=b.post("KASI-A", "pengawas", "IV.a"))
    folder = b.write(tmp_path / "s")
    text = check_report(folder, position_id="JF-V")
    assert "di luar putaran mutasi ini" in text and "JF ahli muda" in text
    assert "kandidat" not in text
    text = check_report(folder, nip=nip)
    assert text.startswith(f"PNS {nip}: tidak ada jabatan pengawas, administrator dan JPT")
    assert "Jalur ke JF ahli muda diizinkan paket aturan, tetapi jabatan itu di luar putaran" in text
    assert "0 memenuhi syarat" not in text
    text = check_report(folder, nip=kasi)  # also eligible for structural posts: the note is an extra line
    assert "1 memenuhi syarat" in text and "di luar putaran" in text
    assert check_report(folder, position_id="KASI").startswith("Jabatan KASI")


def test_session_lock_on_a_pruned_cross_rumpun_pair_is_planned(tmp_path):
    """In a committee session, locking a cross-rumpun candidate the pruning left out plans
    them there (a cold rebuild), and says nothing of broken rules: none is broken."""
    from planner.session import Session
    crowd, nips = _crowd(tmp_path, "crowd", same=4, cross=5)
    s = Session.open(crowd.data.path.parent)
    worst = nips["cross"][0]
    assert not (s.plan and any(m.nip == worst for m in s.plan.moves))
    s.lock(worst, "KABID-KES")
    s.resolve()
    move = next(m for m in s.plan.moves if m.to_position_id == "KABID-KES")
    assert move.nip == worst and move.score_terms["rumpun_fit"] < 0
    f = next(f for f in s.plan.nominee_facts if f.nip == worst and f.position_id == "KABID-KES")
    assert f.rumpun_weighed and f.move_type == "diagonal"


def test_rumpun_fact_in_the_report_and_the_explanation(tmp_path):
    """The committee reads the rumpun of each nominee where it weighs it: the post page of the
    pack, the workbook and `planner explain` say "rumpun berbeda: X → Y", with the article."""
    from planner.api import plan_round
    from planner.explain.explain import Explainer
    from reports.explain_text import render_text
    from reports.pack import write_report
    b, people = _rumpun_round("karawang-2020", tmp_path)
    b.scenario["locks"] = [{"nip": people["other"], "position_id": "KABID-KES"}]
    _, run = plan_round(b.write(tmp_path / "s"), out=tmp_path / "run")
    html = write_report(run).html.read_text(encoding="utf-8")
    post = html[html.index('id="jabatan-KABID-KES"'):]
    assert "Rumpun jabatan" in post
    assert '<span class="perhatian">rumpun berbeda: keuangan → kesehatan; dipertimbangkan</span>' in post
    text = render_text(Explainer(run).post("KABID-KES"))
    line = next(x for x in text.splitlines() if "rumpun berbeda: keuangan → kesehatan" in x)
    assert line.lstrip().startswith("!")
    assert "rumpun berbeda (keuangan → kesehatan): dipertimbangkan (Perbup Karawang 72/2020 Pasal 23" in text

"""Rules one at a time, and their words rendered from the pack in force.

- every label that states a figure, a box list or a kind list takes it from the pack
  (varied parameter by parameter below, Indonesian number formatting);
- each rule is a named function with a docstring citing what it implements;
- the verifier: on a pair-table row built to pass every rule, changing one fact makes
  that rule, and only that rule, fail.
"""
from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd
import pytest

from builders import ScenarioBuilder, shift_months
from models.enums import EDUCATION_ORDER, PERFORMANCE_ORDER, RANK_ORDER
from planner.rules import wording as say
from planner.rules.eligibility import RULE_FUNCTIONS, RULES, RULES_BY_ID, RuleContext, verdicts
from planner.rules.pack import load_rule_pack

AS_OF = pd.Timestamp("2026-12-01")


def context(pack_name: str = "national", overrides: dict | None = None, **switches) -> RuleContext:
    pack = load_rule_pack(pack_name, overrides)
    rumpun_months = switches.pop("rumpun_months", pd.Series(
        [120.0], index=pd.MultiIndex.from_tuples([("N1", "keuangan")], names=["nip", "rumpun"])))
    return RuleContext(pack=pack, as_of=AS_OF, allow_need_development=switches.pop("allow_need_development", False),
                       election_blocked=switches.pop("election_blocked", False), rumpun_months=rumpun_months)


# ------------------------------------------------------------------ wording

@pytest.mark.parametrize("value, text", [
    (2, "2"), (2.0, "2"), (2.5, "2,5"), (0.25, "0,25"), (1000, "1.000"), (1234.5, "1.234,5"), (0, "0"),
])
def test_numbers_are_written_the_indonesian_way(value, text):
    assert say.number(value) == text


@pytest.mark.parametrize("values, text", [
    ([7, 8, 9], "7–9"), ([9, 7, 8], "7–9"), ([8, 9], "8 dan 9"), ([7, 9], "7 dan 9"), ([9], "9"),
    ([1, 2, 5, 6, 7], "1, 2 dan 5–7"), ([6, 7, 8, 9], "6–9"),
])
def test_box_lists(values, text):
    assert say.boxes(values) == text


def test_grade_lists_gather_jf_levels():
    assert say.grades(["administrator", "jf:ahli_madya"]) == "administrator atau JF ahli madya"
    assert say.grades(["administrator:III.a", "jf:ahli_madya"]) == "administrator eselon III.a atau JF ahli madya"
    assert say.grades(["pelaksana", "jf:*"]) == "pelaksana atau JF"
    assert say.grades(["pengawas", "jf:ahli_muda", "jf:penyelia"]) == "pengawas atau JF (ahli muda, penyelia)"
    assert say.kinds(["pengawas", "jpt_pratama", "jf"]) == "pengawas, JPT Pratama dan JF"


# ------------------------------------------------------------------ labels from the pack

# (rule, overrides, text the label must show). Each parameter a label renders is varied.
LABEL_CASES = [
    ("tenure_min", {"tenure_min_years": 3}, "Paling singkat 3 tahun dalam jabatan"),
    ("tenure_min", {"tenure_min_years": 2.5}, "Paling singkat 2,5 tahun dalam jabatan"),
    ("tenure_min", {"tenure_exempt_from": ["pelaksana"]}, "(kecuali pelaksana)"),
    ("tenure_min", {"tenure_exempt_from": ["pelaksana", "jf:keterampilan"]}, "(kecuali pelaksana dan JF keterampilan)"),
    ("new_jpt", {"new_jpt_protection_years": 3}, "JPT tidak diganti dalam 3 tahun sejak pelantikan"),
    ("age_jpt_pratama", {"max_age_jpt_pratama": 55}, "Usia paling tinggi 55 tahun untuk JPT Pratama"),
    ("age_jpt_madya", {"max_age_jpt_madya": 57}, "Usia paling tinggi 57 tahun untuk JPT Madya"),
    ("before_bup", {"min_years_before_bup_structural": 2}, "paling lambat 2 tahun sebelum BUP"),
    ("before_bup", {"min_years_before_bup_structural": 1.5}, "paling lambat 1,5 tahun sebelum BUP"),
    ("pool", {"pool_boxes": [8, 9]}, "(kotak 8 dan 9)"),
    ("pool", {"pool_boxes": [6, 7, 8, 9]}, "(kotak 6–9)"),
    ("pool", {"pool_required_for": ["jpt_pratama", "jpt_madya"]}, "untuk promosi ke JPT Pratama atau JPT Madya"),
    ("pool", {"pool_exempt_open_selection_from": ["jf:ahli_madya"]}, "kecuali seleksi terbuka dari JF ahli madya"),
    ("leadership_training", {"leadership_training_required_for": ["administrator"]}, "untuk administrator: bila belum"),
    ("performance", {"promotion_min_performance": "sangat_baik"}, "paling rendah sangat baik dalam 2 tahun terakhir"),
    ("performance", {"promotion_performance_years": 1}, "paling rendah baik dalam tahun terakhir"),
    ("discipline", {"discipline_cooldown_years": 3}, "hukuman terakhir selesai paling sedikit 3 tahun yang lalu"),
    ("discipline", {"discipline_levels": ["sedang", "berat"]}, "tingkat sedang atau berat"),
    ("election", {"election_window_months_before": 4}, "4 bulan sebelum penetapan pasangan calon"),
    ("election", {"election_window_months_after_inauguration": 5}, "5 bulan sesudah pelantikan"),
    ("exp_pengawas", {"min_experience_pengawas_years": 5}, "Pengalaman paling singkat 5 tahun sebagai"),
    ("exp_pengawas", {"pengawas_experience_from": ["pelaksana"]}, "sebagai pelaksana sebelum pengawas"),
    ("time_in_level_pengawas", {"min_time_in_level_pengawas_years": 1.5}, "paling singkat 1,5 tahun"),
    ("exp_administrator", {"min_experience_administrator_years": 3.5}, "paling singkat 3,5 tahun"),
    ("exp_administrator", {"administrator_experience_from": ["pengawas", "jf:ahli_muda"]},
     "sebagai pengawas atau JF ahli muda sebelum administrator"),
    ("exp_jpt", {"min_experience_jpt_pratama_years": 4}, "paling singkat 4 tahun"),
    ("exp_jpt", {"jpt_pratama_experience_from": ["administrator:III.a"]},
     "sebagai administrator eselon III.a sebelum JPT Pratama"),
    ("related_field_jpt", {"min_cumulative_related_years_jpt": 6}, "kumulatif paling singkat 6 tahun"),
    ("sekda", {"min_years_jpt_for_sekda": 3}, "JPT Pratama paling singkat 3 tahun sebelum Sekretaris Daerah"),
    ("eselon_step", {"min_years_in_lower_eselon": 1}, "naik eselon: paling singkat 1 tahun"),
    ("tenure_min", {"tenure_min_exceptions": ["kinerja"]}, "; boleh lebih awal bila target kinerja tidak tercapai"),
    ("tenure_min", {"tenure_min_exceptions": ["kinerja", "pelanggaran"]},
     "bila target kinerja tidak tercapai atau melanggar ketentuan"),
    ("exp_jpt", {"jpt_pratama_experience_fallback_from": ["administrator:III.b"], "open_selection_applicants_short": True},
     "pelamar seleksi terbuka kurang, administrator eselon III.b ikut dihitung"),
    ("no_promotion_box", {"no_promotion_boxes": [1, 2]}, "Kotak 1 dan 2 tidak dipindah"),
    ("low_talent_box", {"low_talent_boxes": [1, 2]}, "Kotak 1 dan 2 tidak diusulkan untuk jabatan kritis"),
    ("low_talent_box", {"low_talent_allowed": True}, "lebih tinggi: diizinkan skenario (ditandai)"),
    ("low_rating", {"low_rating_below": "sangat_baik"}, "di bawah sangat baik tidak diusulkan"),
    ("low_rating", {"low_rating_allowed": True}, "lebih tinggi: diizinkan skenario (ditandai)"),
]


@pytest.mark.parametrize("rule_id, overrides, text", LABEL_CASES,
                         ids=[f"{r}-{next(iter(o))}={next(iter(o.values()))}" for r, o, _ in LABEL_CASES])
def test_label_is_rendered_from_the_pack(rule_id, overrides, text):
    rule = RULES_BY_ID[rule_id]
    assert text in rule.label_for(context("national", overrides))
    assert text not in rule.label_for(context("national"))  # the national value reads otherwise


def test_a_rule_the_pack_leaves_out_says_so():
    for rule_id in ("time_in_level_pengawas", "sekda", "eselon_step"):
        assert "tidak diatur dalam paket aturan" in RULES_BY_ID[rule_id].label_for(context("national"))
    assert "2 tahun" in RULES_BY_ID["sekda"].label_for(context("karawang-2020"))


def test_pool_label_follows_ready_now_and_the_scenario_switch():
    pool = RULES_BY_ID["pool"]
    assert "siap (ready now)" in pool.label_for(context("national"))
    assert "siap" not in pool.label_for(context("national", allow_need_development=True))
    assert "siap" not in pool.label_for(context("national", {"pool_requires_ready_now": False}))


# Numeric parameters set to values no label would hard-code.
ODD = {
    "tenure_min_years": 13, "new_jpt_protection_years": 14, "max_age_jpt_pratama": 51, "max_age_jpt_madya": 52,
    "min_years_before_bup_structural": 15, "pool_boxes": [3, 5], "promotion_performance_years": 2,
    "discipline_cooldown_years": 16, "election_window_months_before": 17,
    "election_window_months_after_inauguration": 18, "min_experience_pengawas_years": 19,
    "min_time_in_level_pengawas_years": 20.5, "min_experience_administrator_years": 21,
    "min_experience_jpt_pratama_years": 22, "min_cumulative_related_years_jpt": 23, "min_years_jpt_for_sekda": 24,
    "min_years_in_lower_eselon": 25, "jpt_pratama_experience_from": ["administrator:III.a"],
    "no_promotion_boxes": [3], "low_talent_boxes": [3, 5],
}


def test_no_label_states_a_figure_the_pack_does_not_hold():
    ctx = context("national", ODD)
    allowed = {say.number(v) for v in ODD.values() if not isinstance(v, list)} | {"3", "5", "III.a"}
    for rule in RULES:
        label = rule.label_for(ctx)
        figures = set(re.findall(r"\d+(?:,\d+)?", label.replace("III.a", "")))
        assert figures <= allowed, (rule.id, label)
        assert not re.search(r"\d", rule.label), (rule.id, "the pack-free label states a figure", rule.label)


def test_verdict_reads_the_scenario_override(tmp_path):
    """With ``tenure_min_years: 3`` in the scenario, the verdict's label and detail say 3."""
    b = ScenarioBuilder("2026-12-01", "national", parameters={"tenure_min_years": 3})
    b.post("KASI-V", "pengawas", "IV.a", unit="BAPPEDA")
    since = shift_months(dt.date(2026, 12, 1), -30)
    nip = b.person(position_id=b.post("KASI-A", "pengawas", "IV.a"), position_since=since)
    data = b.load(tmp_path)
    pack = load_rule_pack("national", {"tenure_min_years": 3})
    v = verdicts(data, pack, nips=[nip], position_ids=["KASI-V"]).set_index("rule")
    row = v.loc["tenure_min"]
    assert not row["passed"]
    assert row["label"].startswith("Paling singkat 3 tahun dalam jabatan sebelum dimutasi")
    assert "2 th 6 bl dalam jabatan sekarang" in row["detail"] and row["detail"].endswith("minimal 3 th")
    assert row["article"].startswith("ditetapkan dalam skenario")


# ------------------------------------------------------------------ one function per rule

def test_each_rule_is_a_named_function_with_a_docstring_citing_its_source():
    assert [r.id for r in RULES] == [f.__name__ for f in RULE_FUNCTIONS]
    assert len(set(RULES_BY_ID)) == len(RULES)
    for make, rule in zip(RULE_FUNCTIONS, RULES):
        doc = make.__doc__ or ""
        assert re.search(r"Pasal|PermenPANRB|UU \d+/\d+|PP \d+/\d+", doc), make.__name__
        assert rule.doc and rule.doc.split()[0] == doc.split()[0]
        if rule.parameter:
            assert f"``{rule.parameter}``" in doc or rule.parameter in doc, (make.__name__, rule.parameter)


# ------------------------------------------------------------------ the verifier

def _row(**changes) -> dict:
    """A pelaksana -> pengawas (IV.b) promotion that passes every rule of the verifier pack."""
    row = dict(
        nip="N1", name="Uji", from_position_id="A", position_id="B", kind="pelaksana", eselon=None,
        jf_level=None, rumpun="keuangan", has_post=True, structural=False, move_type="vertical",
        t_kind="pengawas", t_eselon="IV.b", t_rumpun="keuangan", t_sekda=False, same_rumpun=False, open_selection=False,
        t_min_rank_ord=np.nan, t_min_edu_ord=np.nan, article="Pasal uji",
        retiring=False, age_months=40 * 12, bup=58.0, birth_date=pd.Timestamp("1986-12-01"),
        sanction_running=False, sanction_text=None, sanction_last_end=pd.NaT,
        in_pool=True, nine_box=9, readiness="ready_now",
        performance="sangat_baik", performance_prev="baik",
        tenure_months=60, position_since=pd.Timestamp("2021-12-01"),
        rank="III/d", education="S1", leadership_training="pkn1",
        exp_pelaksana_or_jf=120, exp_level_pengawas=120, exp_pengawas_or_jf=120, exp_jpt_feeder=120, exp_jpt_pratama=120,
        exp_current_eselon=120, exp_jpt_fallback=0, t_critical=False, t_jf_level=None,
        below_own_qualification=False, sanction_in_post=False,
    )
    row.update(changes)
    row["rank_ord"] = RANK_ORDER[row["rank"]]
    row["education_ord"] = EDUCATION_ORDER[row["education"]]
    row["perf_ord"] = PERFORMANCE_ORDER[row["performance"]]
    row["perf_prev_ord"] = PERFORMANCE_ORDER[row["performance_prev"]]
    return row


# Other moves, each passing every rule as written.
TO_ADMINISTRATOR = dict(kind="pengawas", eselon="IV.a", structural=True, t_kind="administrator", t_eselon="III.b")
SENIOR = dict(rank="IV/c", education="S2")  # rank and education enough for any JPT post
JPT_HORIZONTAL = dict(SENIOR, kind="jpt_pratama", eselon="II.b", structural=True, move_type="horizontal",
                      t_kind="jpt_pratama", t_eselon="II.b")
TO_JPT = dict(SENIOR, kind="administrator", eselon="III.a", structural=True, t_kind="jpt_pratama", t_eselon="II.b")
TO_SEKDA = dict(JPT_HORIZONTAL, move_type="vertical", t_eselon="II.a", t_sekda=True)
TO_JPT_MADYA = dict(JPT_HORIZONTAL, move_type="vertical", t_kind="jpt_madya", t_eselon="I.b")
ESELON_UP = dict(kind="pengawas", eselon="IV.b", structural=True, t_eselon="IV.a")
JF_TO_PENGAWAS = dict(kind="jf", jf_level="ahli_pertama", move_type="diagonal", same_rumpun=True)
CRITICAL_HORIZONTAL = dict(kind="pengawas", eselon="IV.a", structural=True, move_type="horizontal", t_critical=True,
                           t_eselon="IV.a")
# National-style "eselon: level" rows: IV.b -> IV.a is horizontal, yet a higher post.
ESELON_UP_HORIZONTAL = dict(ESELON_UP, move_type="horizontal")
BASES = {"critical_horizontal": CRITICAL_HORIZONTAL, "eselon_up_horizontal": ESELON_UP_HORIZONTAL, "to_pengawas": {}, "to_administrator": TO_ADMINISTRATOR, "jpt_horizontal": JPT_HORIZONTAL,
         "to_jpt": TO_JPT, "to_sekda": TO_SEKDA, "to_jpt_madya": TO_JPT_MADYA, "eselon_up": ESELON_UP,
         "jf_to_pengawas": JF_TO_PENGAWAS}

# Karawang has every optional rule but two; the verifier pack adds them, and a shorter
# tenure minimum so that a new JPT can fail its protection alone.
VERIFIER_PACK = ("karawang-2020", {"min_time_in_level_pengawas_years": 2, "tenure_min_years": 1,
                                   "min_years_before_bup_structural": 1, "same_rumpun_bars_move": True,
                                   "leadership_training_required_for": ["pengawas", "administrator", "jpt_pratama",
                                                                        "jpt_madya"],
                                   "leadership_training_bars_move": True,
                                   # kotak 1 out, so that no_promotion_box can fail alone
                                   "low_talent_boxes": [2, 3]})

# rule -> (base move, facts changed, context switches, text the failing detail shows)
FAILS = {
    "retirement": ({}, dict(retiring=True), {}, "BUP 58 th"),
    "discipline": ({}, dict(sanction_running=True, sanction_text="teguran tertulis"), {}, "sedang menjalani"),
    "election": ({}, {}, dict(election_blocked=True), "dalam masa larangan"),
    "pool": ({}, dict(in_pool=False), {}, "bukan anggota"),
    "performance": ({}, dict(performance_prev="butuh_perbaikan"), {}, "paling rendah baik"),
    "tenure_min": (TO_ADMINISTRATOR, dict(tenure_months=11), {}, "minimal 1 th"),
    "new_jpt": (JPT_HORIZONTAL, dict(tenure_months=18), {}, "1 th 6 bl yang lalu"),
    "age_jpt_pratama": (JPT_HORIZONTAL, dict(age_months=57 * 12), {}, "paling tinggi 56 th"),
    "age_jpt_madya": (TO_JPT_MADYA, dict(age_months=59 * 12), {}, "paling tinggi 58 th"),
    "before_bup": ({}, dict(age_months=57 * 12 + 1, birth_date=pd.Timestamp("1969-10-31")), {},
                   "BUP 58 th pada 2027-10-31, sisa masa kerja 10 bl (334 hari), paling sedikit 1 th"),
    "rank": ({}, dict(t_min_rank_ord=RANK_ORDER["IV/a"]), {}, "paling rendah IV/a"),
    "education": ({}, dict(t_min_edu_ord=EDUCATION_ORDER["S2"]), {}, "paling rendah S2"),
    "exp_pengawas": ({}, dict(exp_pelaksana_or_jf=47), {}, "3 th 11 bl sebagai pelaksana atau JF, minimal 4 th"),
    "time_in_level_pengawas": ({}, dict(exp_level_pengawas=23), {}, "1 th 11 bl dalam jenjang (pelaksana atau JF), minimal 2 th"),
    "exp_administrator": (TO_ADMINISTRATOR, dict(exp_pengawas_or_jf=35), {}, "2 th 11 bl sebagai pengawas"),
    "exp_jpt": (TO_JPT, dict(exp_jpt_feeder=23), {}, "sebagai administrator eselon III.a atau JF ahli madya"),
    "related_field_jpt": (TO_JPT, dict(t_rumpun="kesehatan"), {}, "0 bl di rumpun kesehatan, minimal 5 th"),
    "sekda": (TO_SEKDA, dict(exp_jpt_pratama=23), {}, "1 th 11 bl sebagai JPT Pratama, minimal 2 th"),
    "eselon_step": (ESELON_UP, dict(exp_current_eselon=23), {}, "1 th 11 bl di eselon IV.b, minimal 2 th"),
    "same_rumpun": (JF_TO_PENGAWAS, dict(t_rumpun="kesehatan"), {}, "rumpun keuangan → kesehatan"),
    "leadership_training": (TO_ADMINISTRATOR, dict(leadership_training="pkp"), {},
                            "pelatihan kepemimpinan PKP, yang sesuai: PKA, PKN Tingkat II atau PKN Tingkat I"),
    # a horizontal move into a critical post: the pool and performance rules do not apply
    "no_promotion_box": (ESELON_UP_HORIZONTAL, dict(nine_box=1), {}, "kotak 1, ke jabatan setingkat lebih tinggi"),
    "low_talent_box": (CRITICAL_HORIZONTAL, dict(nine_box=2), {}, "kotak 2, ke jabatan kritis"),
    "low_rating": (CRITICAL_HORIZONTAL, dict(performance="butuh_perbaikan"), {},
                   "kinerja terakhir butuh perbaikan, ke jabatan kritis, paling rendah baik"),
}


def _verdicts(ctx: RuleContext, row: dict) -> dict[str, tuple[bool, bool, str]]:
    """rule id -> (applies, passes, detail) on a one-row pair table."""
    p = pd.DataFrame([row])
    out = {}
    for rule in RULES:
        applies = bool(rule.applies(ctx, p).to_numpy(dtype=bool)[0])
        passes = bool(rule.passes(ctx, p).fillna(False).to_numpy(dtype=bool)[0])
        out[rule.id] = (applies, passes, rule.detail(ctx, p)[0])
    return out


def test_the_verifier_covers_every_rule():
    assert set(FAILS) == set(RULES_BY_ID)


@pytest.mark.parametrize("base", BASES)
def test_verifier_base_rows_pass_every_rule(base):
    ctx = context(*VERIFIER_PACK)
    failed = {r for r, (applies, passes, _) in _verdicts(ctx, _row(**BASES[base])).items() if applies and not passes}
    assert failed == set()


@pytest.mark.parametrize("rule_id", list(FAILS))
def test_verifier_one_rule_fails_alone(rule_id):
    base, changes, switches, shown = FAILS[rule_id]
    ctx = context(*VERIFIER_PACK, **switches)
    before = _verdicts(context(*VERIFIER_PACK), _row(**base))
    assert before[rule_id][0], f"{rule_id} does not apply to its base row"
    assert before[rule_id][1], f"{rule_id} fails on its base row"
    after = _verdicts(ctx, _row(**{**base, **changes}))
    failed = {r for r, (applies, passes, _) in after.items() if applies and not passes}
    assert failed == {rule_id}
    assert shown in after[rule_id][2], after[rule_id][2]

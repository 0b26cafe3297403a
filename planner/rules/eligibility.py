"""Eligibility of (candidate, target post) pairs: every rule a table row with its citation.

Pairs are first pruned by the rule pack's move table (grade to grade), then each rule is
evaluated on whole columns. Two modes share the same rule rows:

- :func:`eligible_pairs` (for the model): rules run in order and failing pairs are dropped
  as soon as one rule fails, so cost follows the survivors, not all pairs;
- :func:`verdicts` (for ``planner check`` and explanations): every rule on every pair,
  with the compared values written out in words and the article of the pack in force.

Each rule is one named function (``tenure_min()``, ...) returning its :class:`Rule`, with a
docstring citing what it implements; :data:`RULES` is the ordered tuple built from
:data:`RULE_FUNCTIONS`. Labels and details render the pack's values (:meth:`Rule.label_for`,
``planner/rules/wording.py``), so a verdict never states a figure the pack does not hold.

A rule knows nothing about the solver: the model only sees the resulting table.
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable

import numpy as np
import pandas as pd

from models.enums import (
    EDUCATION_ORDER,
    ESELON_ORDER,
    KIND_LABEL,
    MOVE_TYPE_LABEL,
    PERFORMANCE_ORDER,
    RANK_ORDER,
    RANKS,
    STRUCTURAL_KINDS,
)
from planner.rules import wording as say
from planner.rules.durations import add_years, completed_months, fmt_months
from planner.rules.facts import candidate_facts, grade_of, history_months, matches_spec
from planner.rules.pack import JF_LEVEL, KIND_LEVEL

if TYPE_CHECKING:
    from planner.inputs.load import ScenarioData
    from planner.rules.pack import RulePack

Mask = Callable[["RuleContext", pd.DataFrame], pd.Series]
Text = Callable[["RuleContext", pd.DataFrame], list[str]]
EDUCATIONS = list(EDUCATION_ORDER)


@dataclass
class RuleContext:
    """What rules read besides the pair table: the pack, the date, the scenario switches."""

    pack: RulePack
    as_of: pd.Timestamp
    allow_need_development: bool
    election_blocked: bool
    rumpun_months: pd.Series  # (nip, rumpun) -> months in that rumpun
    merit_exempt: bool = False  # the scenario's merit-system exemption from JPT open selection

    def v(self, name: str):
        return self.pack.value(name)

    @property
    def open_selection(self) -> bool:
        """JPT posts of this round are filled by open selection (the pack's rule, no exemption)."""
        return bool(self.v("jpt_open_selection")) and not self.merit_exempt


@dataclass(frozen=True)
class Rule:
    """One regulation rule: where it applies, whether a pair passes, and the values compared.

    ``label`` is the rule in the committee's words without the pack's figures, for tables
    that have no pack at hand; :meth:`label_for` is the same rule with the figures, kinds
    and boxes of the pack in force ("Paling singkat 3 tahun ..."), for verdicts.
    """

    id: str
    label: str  # in the committee's words, no figure of the pack
    parameter: str | None  # pack parameter whose article is cited; None = the move's own article
    applies: Mask
    passes: Mask
    detail: Text
    wording: Callable[[RuleContext], str] | None = None  # the label with the pack's values
    doc: str = ""  # what the rule implements, with its articles (the rule function's docstring)

    @property
    def param(self) -> str | None:
        return self.parameter

    def label_for(self, ctx: RuleContext) -> str:
        """The label with the values of ``ctx.pack`` (and the scenario switches in ``ctx``)."""
        return self.wording(ctx) if self.wording is not None else self.label


# ------------------------------------------------------------------------ helpers

def _promotion(p: pd.DataFrame) -> pd.Series:
    return p["move_type"].isin(["vertical", "diagonal"])


def _age(p: pd.DataFrame) -> list[str]:
    return [fmt_months(m) for m in p["age_months"]]


def _ge(values: pd.Series, minimum) -> pd.Series:
    return pd.Series(np.asarray(values, dtype="float64") >= minimum, index=values.index)


def mapped(values: pd.Series, mapping) -> pd.Series:
    """``values.map(mapping)`` looked up once per distinct value: a text column of a million
    pairs holds a handful of distinct values, and mapping it element by element is slow."""
    codes, uniques = pd.factorize(values)
    looked_up = pd.Series(uniques).map(mapping).to_numpy(dtype="float64")
    return pd.Series(np.where(codes >= 0, looked_up[np.maximum(codes, 0)] if len(uniques) else np.nan, np.nan),
                     index=values.index)


def minimum_rank_ord(pack: RulePack, p: pd.DataFrame) -> pd.Series:
    """The post's ``min_rank``, else the pack's ``min_rank_by_eselon`` for its eselon (ordinal):
    the one definition, read by the rank rule and by the merit score."""
    by_eselon = {e: RANK_ORDER[r] for e, r in pack.value("min_rank_by_eselon").items()}
    return p["t_min_rank_ord"].fillna(mapped(p["t_eselon"], by_eselon))


def minimum_education_ord(pack: RulePack, p: pd.DataFrame) -> pd.Series:
    """The post's ``min_education``, else the pack's ``min_education`` for its kind (ordinal)."""
    by_kind = {k: EDUCATION_ORDER[e] for k, e in pack.value("min_education").items()}
    return p["t_min_edu_ord"].fillna(mapped(p["t_kind"], by_kind))


def _min_rank_ord(ctx: RuleContext, p: pd.DataFrame) -> pd.Series:
    return minimum_rank_ord(ctx.pack, p)


def _min_edu_ord(ctx: RuleContext, p: pd.DataFrame) -> pd.Series:
    return minimum_education_ord(ctx.pack, p)


def _performance_ok(ctx: RuleContext, p: pd.DataFrame) -> pd.Series:
    """The latest ``promotion_performance_years`` ratings (the file holds two) at least the pack's minimum."""
    minimum = PERFORMANCE_ORDER[ctx.v("promotion_min_performance")]
    years = int(ctx.v("promotion_performance_years"))
    ok = pd.Series(True, index=p.index)
    if years >= 1:
        ok &= p["perf_ord"] >= minimum
    if years >= 2:
        ok &= p["perf_prev_ord"].fillna(-1) >= minimum
    return ok


def _bar_discipline(ctx: RuleContext, p: pd.DataFrame) -> pd.Series:
    years = ctx.v("discipline_cooldown_years") or 0
    cooled = p["sanction_last_end"].isna() | (add_years(p["sanction_last_end"], years) <= ctx.as_of)
    return ~p["sanction_running"].astype(bool) & cooled


def _discipline_detail(ctx: RuleContext, p: pd.DataFrame) -> list[str]:
    years = ctx.v("discipline_cooldown_years") or 0
    out = []
    for running, text, last in zip(p["sanction_running"], p["sanction_text"], p["sanction_last_end"]):
        if running:
            out.append(f"sedang menjalani hukuman disiplin ({text})")
        elif pd.notna(last):
            until = add_years(pd.Series([last]), years).iloc[0].date()
            out.append(f"hukuman terakhir selesai {last.date()}; larangan {say.number(years)} th sampai {until}")
        else:
            out.append("tidak ada hukuman disiplin")
    return out


def _years(ctx: RuleContext, name: str) -> float:
    """A pack's years as months; a rule the pack leaves out (None) never passes, nor applies."""
    value = ctx.v(name)
    return np.nan if value is None else float(value) * 12


def _th(ctx: RuleContext, name: str) -> str:
    """A pack's years as the details write them: ``2 th``, ``2,5 th``; ``-`` where the pack has no such rule."""
    value = ctx.v(name)
    return "-" if value is None else f"{say.number(value)} th"


def _at_least(ctx: RuleContext, name: str) -> str:
    """``paling singkat 2 tahun``, or that the pack has no such rule (null)."""
    value = ctx.v(name)
    return "tidak diatur dalam paket aturan" if value is None else f"paling singkat {say.years(value)}"


def _always(c: RuleContext, p: pd.DataFrame) -> pd.Series:
    return pd.Series(True, index=p.index)


# ------------------------------------------------------------------------ the rules
#
# One function per rule, in the order the model applies them (cheap, selective rules
# first). Each returns its Rule; the docstring says what the rule implements and where the
# law says so. The article a verdict cites is the pack's article for ``parameter``.

def retirement() -> Rule:
    """Nobody at or past the retirement age (BUP) of their current post is moved.

    PP 11/2017 Pasal 239 ayat (2); BUP per kind of post in ``retirement_age``.
    """
    return Rule(
        "retirement", "Belum mencapai batas usia pensiun (BUP)", "retirement_age",
        _always,
        lambda c, p: ~p["retiring"].astype(bool),
        lambda c, p: [f"usia {a} pada {c.as_of.date()}, BUP {int(b)} th" for a, b in zip(_age(p), p["bup"])])


def discipline() -> Rule:
    """No move while serving a disciplinary sanction of a counted level, nor within the cooldown after it.

    PP 94/2021 Pasal 8 (national practice); Perbup Karawang 72/2020 Pasal 37 ayat (1)–(2)
    (2 years after the sanction); not a bar where ``discipline_bars_move`` is false
    (Perwali Samarinda 69/2023 Pasal 45 ayat (4)–(5): recorded and weighed instead).
    """
    def wording(c: RuleContext) -> str:
        levels = say.enumeration(c.v("discipline_levels"), "atau")
        years = c.v("discipline_cooldown_years") or 0
        after = f", dan hukuman terakhir selesai paling sedikit {say.years(years)} yang lalu" if years else ""
        return f"Tidak sedang menjalani hukuman disiplin (tingkat {levels}){after}"

    return Rule(
        "discipline", "Tidak sedang/baru selesai menjalani hukuman disiplin", "discipline_bars_move",
        lambda c, p: pd.Series(bool(c.v("discipline_bars_move")), index=p.index),
        _bar_discipline, _discipline_detail, wording)


def election() -> Rule:
    """No replacement of officials in the Pilkada window without the Minister's written approval.

    UU 10/2016 Pasal 71 ayat (2) (``election_window_months_before`` the designation of
    candidates to the end of the term) and Pasal 162 ayat (3)
    (``election_window_months_after_inauguration``).
    """
    def wording(c: RuleContext) -> str:
        return (f"Di luar masa larangan penggantian pejabat: {say.months(c.v('election_window_months_before'))} "
                f"sebelum penetapan pasangan calon sampai akhir masa jabatan, dan "
                f"{say.months(c.v('election_window_months_after_inauguration'))} sesudah pelantikan")

    return Rule(
        "election", "Di luar masa larangan penggantian pejabat menjelang/sesudah Pilkada",
        "election_window_months_before",
        lambda c, p: p["structural"].astype(bool) | p["t_kind"].isin(STRUCTURAL_KINDS),
        lambda c, p: pd.Series(not c.election_blocked, index=p.index),
        lambda c, p: ["dalam masa larangan tanpa persetujuan tertulis Mendagri" if c.election_blocked
                      else "di luar masa larangan" for _ in range(len(p))],
        wording)


def _pool_waived(c: RuleContext, p: pd.DataFrame) -> pd.Series:
    """Open-selection moves from the grades of ``pool_exempt_open_selection_from``, in a
    round whose JPT posts go to open selection: the selection panel shortlists, not the pool."""
    exempt = c.v("pool_exempt_open_selection_from")
    if not exempt or not c.open_selection:
        return pd.Series(False, index=p.index)
    return p["open_selection"].astype(bool) & matches_spec(p, exempt)


def _pool_applies(c: RuleContext, p: pd.DataFrame) -> pd.Series:
    return _promotion(p) & p["t_kind"].isin(c.v("pool_required_for")) & ~_pool_waived(c, p)


def pool() -> Rule:
    """Vertical and diagonal moves into ``pool_required_for`` come from the succession pool,
    except open-selection moves from the grades of ``pool_exempt_open_selection_from``.

    Pool members sit in a box of ``pool_boxes`` and, if ``pool_requires_ready_now``, are
    ready now unless the scenario allows need-development. PermenPANRB 3/2020; Perbup
    Karawang 72/2020 Pasal 1 angka 26, 21 ayat (2), 22 ayat (1), 30 ayat (5) (but Pasal 24
    ayat (1) huruf d: JF ahli madya -> JPT Pratama by open selection only); Perbup Kayong
    Utara 23/2023 Pasal 16 ayat (1), 47 ayat (2) (and Pasal 18 ayat (1), 22, 46 ayat (1):
    JPT by open selection or merit, no pool); BKN deck (Ready Now).
    """
    def wording(c: RuleContext) -> str:
        ready = c.v("pool_requires_ready_now") and not c.allow_need_development
        exempt = c.v("pool_exempt_open_selection_from")
        unless = (f", kecuali seleksi terbuka dari {say.grades(exempt)}" if exempt and c.open_selection else "")
        return (f"Anggota kelompok rencana suksesi (kotak {say.boxes(c.v('pool_boxes'))})"
                f"{' dan siap (ready now)' if ready else ''}, untuk promosi ke "
                f"{say.kinds(c.v('pool_required_for'), 'atau') or '-'}{unless}")

    return Rule(
        "pool", "Anggota kelompok rencana suksesi dan siap", "pool_required_for",
        _pool_applies,
        lambda c, p: p["in_pool"].astype(bool) & p["nine_box"].isin(c.v("pool_boxes"))
        & ((c.allow_need_development or not c.v("pool_requires_ready_now")) | (p["readiness"] == "ready_now")),
        lambda c, p: [f"{'anggota' if ip else 'bukan anggota'} kelompok rencana suksesi, kotak {nb}"
                      f"{', ' + r.replace('_', ' ') if isinstance(r, str) else ''}"
                      for ip, nb, r in zip(p["in_pool"], p["nine_box"], p["readiness"])],
        wording)


def performance() -> Rule:
    """A vertical or diagonal move needs a rating of at least ``promotion_min_performance``
    in each of the latest ``promotion_performance_years`` years.

    PP 11/2017 Pasal 54 ayat (1)–(2) ◐; Perbup Karawang 72/2020 Pasal 21 ayat (2).
    """
    def wording(c: RuleContext) -> str:
        n = int(c.v("promotion_performance_years"))
        span = "tahun terakhir" if n == 1 else f"{say.number(n)} tahun terakhir"
        return (f"Predikat kinerja paling rendah {say.words(c.v('promotion_min_performance'))} "
                f"dalam {span}, untuk promosi")

    return Rule(
        "performance", "Predikat kinerja untuk promosi", "promotion_min_performance",
        lambda c, p: _promotion(p),
        _performance_ok,
        lambda c, p: [f"kinerja {a.replace('_', ' ')}, tahun sebelumnya "
                      f"{b.replace('_', ' ') if isinstance(b, str) else 'tidak ada'}, paling rendah "
                      f"{c.v('promotion_min_performance').replace('_', ' ')}"
                      for a, b in zip(p["performance"], p["performance_prev"])],
        wording)


def tenure_min() -> Rule:
    """At least ``tenure_min_years`` in the current post before a mutation, except holders
    of the grades in ``tenure_exempt_from`` (exempt from this minimum only).

    PP 11/2017 Pasal 190 ayat (3)–(5); Perbup Karawang 72/2020 Pasal 15 ayat (1)–(2)
    (only "Pejabat Pelaksana atau Pejabat Fungsional Pelaksana", from the minimum only).
    """
    def wording(c: RuleContext) -> str:
        exempt = c.v("tenure_exempt_from")
        unless = f" (kecuali {say.grades(exempt, 'dan')})" if exempt else ""
        grounds = [_GROUND_SHORT[g] for g in c.v("tenure_min_exceptions")]
        earlier = f"; boleh lebih awal bila {say.enumeration(grounds, 'atau')}" if grounds else ""
        return f"Paling singkat {say.years(c.v('tenure_min_years'))} dalam jabatan sebelum dimutasi{unless}{earlier}"

    def detail(c: RuleContext, p: pd.DataFrame) -> list[str]:
        short = ~_ge(p["tenure_months"], _years(c, "tenure_min_years"))
        why = c.pack.article("tenure_min_exceptions")
        return [f"{fmt_months(m)} dalam jabatan sekarang (sejak {d.date()}), minimal {_th(c, 'tenure_min_years')}"
                + (f"; dikecualikan: {_ground_words(c, g)} ({why})" if s and isinstance(g, str) else "")
                for m, d, s, g in zip(p["tenure_months"], p["position_since"], short, _tenure_ground(c, p))]

    return Rule(
        "tenure_min", "Masa paling singkat dalam jabatan sebelum dimutasi", "tenure_min_years",
        lambda c, p: p["has_post"].astype(bool) & ~matches_spec(p, c.v("tenure_exempt_from")),
        lambda c, p: _ge(p["tenure_months"], _years(c, "tenure_min_years")) | _tenure_ground(c, p).notna(),
        detail, wording)


_GROUND_SHORT = {"kinerja": "target kinerja tidak tercapai", "kualifikasi": "tidak memenuhi kualifikasi",
                 "pelanggaran": "melanggar ketentuan"}


def _ground_words(c: RuleContext, ground: str) -> str:
    """A ground of ``tenure_min_exceptions`` in the committee's words."""
    return {
        "kinerja": f"target kinerja tidak tercapai (predikat terakhir di bawah {say.words(c.v('target_not_met_below'))})",
        "kualifikasi": "tidak memenuhi kualifikasi jabatan sekarang (pendidikan atau golongan)",
        "pelanggaran": "melanggar ketentuan (hukuman disiplin selama di jabatan sekarang)",
    }[ground]


def _tenure_ground(c: RuleContext, p: pd.DataFrame) -> pd.Series:
    """The first ground of ``tenure_min_exceptions`` that holds for each pair's candidate, or None.

    Perbup Karawang 72/2020 Pasal 15 ayat (1) huruf a-c, read from the data: a latest rating
    below ``target_not_met_below``; education or golongan below the current post's minimum;
    a sanction imposed while in the current post."""
    out = pd.Series(None, index=p.index, dtype=object)
    facts = {
        "kinerja": lambda: p["perf_ord"] < PERFORMANCE_ORDER[c.v("target_not_met_below")],
        "kualifikasi": lambda: p["below_own_qualification"].astype(bool),
        "pelanggaran": lambda: p["sanction_in_post"].astype(bool),
    }
    for ground in reversed(c.v("tenure_min_exceptions")):  # the first listed wins
        out = out.mask(facts[ground]().fillna(False).to_numpy(dtype=bool), ground)
    return out


def new_jpt() -> Rule:
    """A JPT is not replaced within ``new_jpt_protection_years`` of inauguration.

    UU 5/2014 Pasal 116 ayat (1) (revoked by UU 20/2023: see the pack's note).
    """
    return Rule(
        "new_jpt", "JPT tidak diganti dalam masa perlindungan sejak pelantikan", "new_jpt_protection_years",
        lambda c, p: p["kind"].isin(["jpt_pratama", "jpt_madya"]) & p["has_post"].astype(bool),
        lambda c, p: _ge(p["tenure_months"], _years(c, "new_jpt_protection_years")),
        lambda c, p: [f"dilantik {d.date()}, {fmt_months(m)} yang lalu"
                      for m, d in zip(p["tenure_months"], p["position_since"])],
        lambda c: f"JPT tidak diganti dalam {say.years(c.v('new_jpt_protection_years'))} sejak pelantikan")


def age_jpt_pratama() -> Rule:
    """Age in completed years on ``as_of`` at most ``max_age_jpt_pratama`` for a JPT Pratama post.

    PP 11/2017 Pasal 107 huruf c jo. PP 17/2020; Perbup Kayong Utara 23/2023 Pasal 37
    huruf b; Perwali Samarinda 69/2023 Pasal 41 ayat (3).
    """
    return Rule(
        "age_jpt_pratama", "Usia paling tinggi untuk JPT Pratama", "max_age_jpt_pratama",
        lambda c, p: p["t_kind"] == "jpt_pratama",
        lambda c, p: p["age_months"] < (c.v("max_age_jpt_pratama") + 1) * 12,
        lambda c, p: [f"usia {a} pada {c.as_of.date()}, paling tinggi {_th(c, 'max_age_jpt_pratama')}"
                      for a in _age(p)],
        lambda c: f"Usia paling tinggi {say.years(c.v('max_age_jpt_pratama'))} untuk JPT Pratama")


def age_jpt_madya() -> Rule:
    """Age in completed years on ``as_of`` at most ``max_age_jpt_madya`` for a JPT Madya post.

    PP 11/2017 Pasal 107 huruf b jo. PP 17/2020 ◐.
    """
    return Rule(
        "age_jpt_madya", "Usia paling tinggi untuk JPT Madya", "max_age_jpt_madya",
        lambda c, p: p["t_kind"] == "jpt_madya",
        lambda c, p: p["age_months"] < (c.v("max_age_jpt_madya") + 1) * 12,
        lambda c, p: [f"usia {a} pada {c.as_of.date()}, paling tinggi {_th(c, 'max_age_jpt_madya')}"
                      for a in _age(p)],
        lambda c: f"Usia paling tinggi {say.years(c.v('max_age_jpt_madya'))} untuk JPT Madya")


def _bup_reached(c: RuleContext, p: pd.DataFrame) -> pd.Series:
    """The date the JA retirement age is reached: the birthday, or with ``bup_reference:
    pension_start`` the pension's start (TMT pensiun), the 1st of the following month."""
    reached = add_years(p["birth_date"], int(c.v("retirement_age")["ja"]))
    if c.v("bup_reference") == "pension_start":
        reached = reached + pd.offsets.MonthBegin(1)
    return reached


def _latest_appointment(c: RuleContext) -> pd.Timestamp | None:
    """``as_of`` plus ``min_years_before_bup_structural``: the BUP date may come no earlier."""
    years = c.v("min_years_before_bup_structural")
    return None if years is None else c.as_of + pd.DateOffset(months=int(round(float(years) * 12)))


def _before_bup_detail(c: RuleContext, p: pd.DataFrame) -> list[str]:
    if c.v("min_years_before_bup_structural") is None:
        return ["tidak diatur dalam paket aturan" for _ in range(len(p))]
    ja = say.number(c.v("retirement_age")["ja"])
    reached = _bup_reached(c, p)
    what = ", TMT pensiun" if c.v("bup_reference") == "pension_start" else " pada"
    left = completed_months(pd.Series(c.as_of, index=p.index), reached)
    return [f"usia {a}; BUP {ja} th{what} {r.date() if pd.notna(r) else '-'}, sisa masa kerja {fmt_months(m)} "
            f"({(r - c.as_of).days if pd.notna(r) else '-'} hari), paling sedikit {_th(c, 'min_years_before_bup_structural')}"
            for a, r, m in zip(_age(p), reached, left)]


def before_bup() -> Rule:
    """Pengawas and administrator are appointed at least ``min_years_before_bup_structural``
    before reaching the JA retirement age, day-exact against the date of ``bup_reference``
    (null: no such rule).

    Perbup Kayong Utara 23/2023 Pasal 37 huruf a ("paling tinggi 1 (satu) tahun sebelum
    mencapai batas usia pensiun"); PermenPANRB 22/2021 (unsur usia) ◐. Samarinda and
    Karawang have no such article: their packs leave the rule out.
    """
    def wording(c: RuleContext) -> str:
        if c.v("min_years_before_bup_structural") is None:
            return "Diangkat paling lambat sebelum BUP (pengawas/administrator): tidak diatur dalam paket aturan"
        what = "TMT pensiun" if c.v("bup_reference") == "pension_start" else "tanggal mencapai BUP"
        return (f"Diangkat paling lambat {say.years(c.v('min_years_before_bup_structural'))} sebelum BUP "
                f"(pengawas/administrator; dihitung per hari sampai {what})")

    return Rule(
        "before_bup", "Diangkat paling lambat sebelum BUP (pengawas/administrator)",
        "min_years_before_bup_structural",
        lambda c, p: pd.Series(c.v("min_years_before_bup_structural") is not None, index=p.index)
        & p["t_kind"].isin(["pengawas", "administrator"]),
        lambda c, p: pd.Series(True, index=p.index) if _latest_appointment(c) is None
        else _bup_reached(c, p) >= _latest_appointment(c),
        _before_bup_detail, wording)


def rank() -> Rule:
    """Golongan at least the post's ``min_rank``, else ``min_rank_by_eselon`` of its eselon.

    PP 100/2000 Pasal 5 huruf b jo. Lampiran PP 13/2002 ◐ (legacy bands, used by many job maps).
    """
    return Rule(
        "rank", "Pangkat/golongan paling rendah", "min_rank_by_eselon",
        lambda c, p: _min_rank_ord(c, p).notna(),
        lambda c, p: p["rank_ord"] >= _min_rank_ord(c, p),
        lambda c, p: [f"golongan {r}, paling rendah {RANKS[int(m)] if pd.notna(m) else '-'}"
                      for r, m in zip(p["rank"], _min_rank_ord(c, p))])


def education() -> Rule:
    """Education at least the post's ``min_education``, else ``min_education`` of its kind.

    PP 11/2017 Pasal 54 ayat (1)–(3) and Pasal 107 ◐; Perbup Karawang 72/2020 Pasal 9 ayat (1).
    """
    return Rule(
        "education", "Pendidikan paling rendah", "min_education",
        lambda c, p: _min_edu_ord(c, p).notna(),
        lambda c, p: p["education_ord"] >= _min_edu_ord(c, p),
        lambda c, p: [f"pendidikan {e}, paling rendah {EDUCATIONS[int(m)] if pd.notna(m) else '-'}"
                      for e, m in zip(p["education"], _min_edu_ord(c, p))])


def exp_pengawas() -> Rule:
    """At least ``min_experience_pengawas_years`` in the grades of ``pengawas_experience_from``
    (pelaksana or an equivalent JF) before a pengawas post.

    PP 11/2017 Pasal 54 ayat (2) ◐; Perbup Kayong Utara 23/2023 Pasal 38 ayat (1) huruf a;
    Perwali Samarinda 69/2023 Pasal 37 huruf c; Perbup Karawang 72/2020 Pasal 22 ayat (1) huruf b angka 3.
    """
    return Rule(
        "exp_pengawas", "Pengalaman sebagai pelaksana/JF setara sebelum pengawas", "min_experience_pengawas_years",
        lambda c, p: (p["t_kind"] == "pengawas") & (p["kind"] != "pengawas"),
        lambda c, p: _ge(p["exp_pelaksana_or_jf"], _years(c, "min_experience_pengawas_years")),
        lambda c, p: [f"{fmt_months(m)} sebagai {say.grades(c.v('pengawas_experience_from'))}, minimal "
                      f"{_th(c, 'min_experience_pengawas_years')}" for m in p["exp_pelaksana_or_jf"]],
        lambda c: (f"Pengalaman {_at_least(c, 'min_experience_pengawas_years')} sebagai "
                   f"{say.grades(c.v('pengawas_experience_from'))} sebelum pengawas"))


def time_in_level_pengawas() -> Rule:
    """At least ``min_time_in_level_pengawas_years`` in the pelaksana/JF level before a
    promotion to pengawas (null: no such rule), counted over every post of the grades in
    ``time_in_level_pengawas_from`` (cumulative time in the level, not the current post).

    Perwali Samarinda 69/2023 Pasal 38 huruf a ("paling singkat 2 tahun dalam Jabatan
    Pelaksana dan/atau JF").
    """
    return Rule(
        "time_in_level_pengawas", "Masa dalam jenjang sebelum pengawas", "min_time_in_level_pengawas_years",
        lambda c, p: pd.Series(c.v("min_time_in_level_pengawas_years") is not None, index=p.index)
        & (p["t_kind"] == "pengawas") & _promotion(p),
        lambda c, p: _ge(p["exp_level_pengawas"], _years(c, "min_time_in_level_pengawas_years")),
        lambda c, p: [f"{fmt_months(m)} dalam jenjang ({say.grades(c.v('time_in_level_pengawas_from'))}), "
                      f"minimal {_th(c, 'min_time_in_level_pengawas_years')}"
                      for m in p["exp_level_pengawas"]],
        lambda c: (f"Masa dalam jenjang {say.grades(c.v('time_in_level_pengawas_from'))} sebelum pengawas: "
                   f"{_at_least(c, 'min_time_in_level_pengawas_years')}"))


def exp_administrator() -> Rule:
    """At least ``min_experience_administrator_years`` in the grades of
    ``administrator_experience_from`` (pengawas or an equivalent JF) before an administrator post.

    PP 11/2017 Pasal 54 ayat (1) ◐; Perbup Kayong Utara 23/2023 Pasal 38 ayat (1) huruf b;
    Perwali Samarinda 69/2023 Pasal 37 huruf b jo. 38 huruf b; Perbup Karawang 72/2020
    Pasal 22 ayat (1) huruf c angka 3.
    """
    return Rule(
        "exp_administrator", "Pengalaman sebagai pengawas/JF setara sebelum administrator",
        "min_experience_administrator_years",
        lambda c, p: (p["t_kind"] == "administrator") & (p["kind"] != "administrator"),
        lambda c, p: _ge(p["exp_pengawas_or_jf"], _years(c, "min_experience_administrator_years")),
        lambda c, p: [f"{fmt_months(m)} sebagai {say.grades(c.v('administrator_experience_from'))}, minimal "
                      f"{_th(c, 'min_experience_administrator_years')}" for m in p["exp_pengawas_or_jf"]],
        lambda c: (f"Pengalaman {_at_least(c, 'min_experience_administrator_years')} sebagai "
                   f"{say.grades(c.v('administrator_experience_from'))} sebelum administrator"))


def exp_jpt() -> Rule:
    """At least ``min_experience_jpt_pratama_years`` in the grades of ``jpt_pratama_experience_from``
    before a JPT Pratama post.

    PP 11/2017 Pasal 107 huruf c jo. PP 17/2020; Perbup Kayong Utara 23/2023 Pasal 38 ayat (2);
    Perwali Samarinda 69/2023 Pasal 38 huruf c; Perbup Karawang 72/2020 Pasal 22 ayat (1) huruf d angka 3.
    """
    def wording(c: RuleContext) -> str:
        text = (f"Pengalaman {_at_least(c, 'min_experience_jpt_pratama_years')} sebagai "
                f"{say.grades(c.v('jpt_pratama_experience_from'))} sebelum JPT Pratama")
        if _fallback(c):
            text += (f"; pelamar seleksi terbuka kurang, {say.grades(c.v('jpt_pratama_experience_fallback_from'))} "
                     f"ikut dihitung")
        return text

    def detail(c: RuleContext, p: pd.DataFrame) -> list[str]:
        base = [f"{fmt_months(m)} sebagai {say.grades(c.v('jpt_pratama_experience_from'))}"
                for m in p["exp_jpt_feeder"]]
        if _fallback(c):
            why = c.pack.article("open_selection_applicants_short")
            fallback = say.grades(c.v("jpt_pratama_experience_fallback_from"))
            base = [f"{b}, {fmt_months(m)} sebagai {fallback} (pelamar seleksi terbuka kurang, {why})"
                    for b, m in zip(base, p["exp_jpt_fallback"])]
        return [f"{b}, minimal {_th(c, 'min_experience_jpt_pratama_years')}" for b in base]

    return Rule(
        "exp_jpt", "Pengalaman jabatan sebelum JPT Pratama", "min_experience_jpt_pratama_years",
        lambda c, p: (p["t_kind"] == "jpt_pratama") & ~p["kind"].isin(["jpt_pratama", "jpt_madya"]),
        lambda c, p: _ge(p["exp_jpt_feeder"] + (p["exp_jpt_fallback"] if _fallback(c) else 0),
                         _years(c, "min_experience_jpt_pratama_years")),
        detail, wording)


def _fallback(c: RuleContext) -> bool:
    """Perbup Karawang 72/2020 Pasal 22 ayat (3): the scenario says the open selection closed
    short of applicants (``open_selection_applicants_short``), and the pack names the grades."""
    return bool(c.v("open_selection_applicants_short")) and bool(c.v("jpt_pratama_experience_fallback_from"))


def related_field_jpt() -> Rule:
    """At least ``min_cumulative_related_years_jpt`` cumulative years in the target's rumpun
    before a JPT post, also for a JPT moving to another JPT post (rotation).

    PP 11/2017 Pasal 107 huruf c jo. PP 17/2020; Perbup Kayong Utara 23/2023 Pasal 40 huruf a
    (for every filling of a JPT post, so also the JPT -> JPT move of Pasal 9 ayat (1));
    Perwali Samarinda 69/2023 Pasal 37 huruf a (with Pasal 14 ayat (1)).
    """
    return Rule(
        "related_field_jpt", "Pengalaman kumulatif di bidang terkait untuk JPT", "min_cumulative_related_years_jpt",
        lambda c, p: p["t_kind"].isin(["jpt_pratama", "jpt_madya"]),
        lambda c, p: _ge(_rumpun_months(c, p), _years(c, "min_cumulative_related_years_jpt")),
        lambda c, p: [f"{fmt_months(m)} di rumpun {r}, minimal {_th(c, 'min_cumulative_related_years_jpt')}"
                      for m, r in zip(_rumpun_months(c, p), p["t_rumpun"])],
        lambda c: (f"Pengalaman kumulatif {_at_least(c, 'min_cumulative_related_years_jpt')} "
                   f"di bidang terkait untuk JPT"))


def sekda() -> Rule:
    """At least ``min_years_jpt_for_sekda`` as JPT Pratama before Sekretaris Daerah (null: no such rule).

    Perbup Karawang 72/2020 Pasal 22 ayat (1) huruf e angka 3.
    """
    return Rule(
        "sekda", "Pengalaman JPT Pratama sebelum Sekretaris Daerah", "min_years_jpt_for_sekda",
        lambda c, p: pd.Series(c.v("min_years_jpt_for_sekda") is not None, index=p.index)
        & p["t_sekda"].astype(bool) & (p["kind"] != "jpt_madya"),
        lambda c, p: _ge(p["exp_jpt_pratama"], _years(c, "min_years_jpt_for_sekda")),
        lambda c, p: [f"{fmt_months(m)} sebagai JPT Pratama, minimal {_th(c, 'min_years_jpt_for_sekda')}"
                      for m in p["exp_jpt_pratama"]],
        lambda c: f"Pengalaman JPT Pratama {_at_least(c, 'min_years_jpt_for_sekda')} sebelum Sekretaris Daerah")


def eselon_step() -> Rule:
    """At least ``min_years_in_lower_eselon`` in the lower eselon before a step up within a
    level (null: no such rule).

    Perbup Karawang 72/2020 Pasal 22 ayat (2) (JA levels of Pasal 6 ayat (1) only).
    """
    return Rule(
        "eselon_step", "Masa dalam eselon yang lebih rendah sebelum naik eselon", "min_years_in_lower_eselon",
        lambda c, p: pd.Series(c.v("min_years_in_lower_eselon") is not None, index=p.index)
        & (p["kind"] == p["t_kind"]) & (p["eselon"] != p["t_eselon"]) & p["t_eselon"].notna(),
        lambda c, p: _ge(p["exp_current_eselon"], _years(c, "min_years_in_lower_eselon")),
        lambda c, p: [f"{fmt_months(m)} di eselon {e}, minimal {_th(c, 'min_years_in_lower_eselon')}"
                      for m, e in zip(p["exp_current_eselon"], p["eselon"])],
        lambda c: (f"Masa dalam eselon yang lebih rendah sebelum naik eselon: "
                   f"{_at_least(c, 'min_years_in_lower_eselon')}"))


def rumpun_rule_applies(pack: RulePack, p: pd.DataFrame) -> pd.Series:
    """Where the same-rumpun rule applies: move rows marked ``same_rumpun``, and JF -> JA/JPT
    while ``jf_to_structural_same_rumpun`` holds."""
    return p["same_rumpun"].astype(bool) | ((p["kind"] == "jf") & p["t_kind"].isin(STRUCTURAL_KINDS)
                                            & bool(pack.value("jf_to_structural_same_rumpun")))


def rumpun_weighed(pack: RulePack, p: pd.DataFrame) -> pd.Series:
    """Pairs of another rumpun where the rule applies and the pack weighs the rumpun instead of
    barring it (``same_rumpun_bars_move`` false, Perbup Karawang 72/2020 Pasal 23 ayat (4)):
    eligible, marked down by the score term ``rumpun_fit``, and what the round's
    cross-rumpun pruning (a planner's, not a rule) may leave out."""
    if bool(pack.value("same_rumpun_bars_move")):
        return pd.Series(False, index=p.index)
    return rumpun_rule_applies(pack, p) & (p["rumpun"] != p["t_rumpun"])


def same_rumpun() -> Rule:
    """JF -> JA/JPT moves (and move rows marked ``same_rumpun``) keep the rumpun, while
    ``jf_to_structural_same_rumpun`` holds. Where ``same_rumpun_bars_move`` is false the
    rumpun is weighed, not a bar: the verdict always passes and its detail tells the
    committee that the rumpun differs (the score term ``rumpun_fit`` marks it down).

    Perbup Kayong Utara 23/2023 Pasal 40 huruf d; PermenPANRB 22/2021 (unsur pengalaman
    jabatan); Perbup Karawang 72/2020 Pasal 23 ayat (3) huruf d and ayat (4) (weighed).
    """
    def wording(c: RuleContext) -> str:
        if c.v("same_rumpun_bars_move"):
            return "Rumpun jabatan sama (JF ke JA/JPT)"
        return "Rumpun jabatan (JF ke JA/JPT): rumpun berbeda dipertimbangkan, bukan syarat"

    def detail(c: RuleContext, p: pd.DataFrame) -> list[str]:
        weighed = not c.v("same_rumpun_bars_move")
        why = c.pack.article("same_rumpun_bars_move")
        return [f"rumpun berbeda ({a} → {b}): dipertimbangkan ({why})" if weighed and a != b else f"rumpun {a} → {b}"
                for a, b in zip(p["rumpun"], p["t_rumpun"])]

    return Rule(
        "same_rumpun", "Rumpun jabatan sama (JF ke JA/JPT)", "jf_to_structural_same_rumpun",
        lambda c, p: rumpun_rule_applies(c.pack, p),
        lambda c, p: (p["rumpun"] == p["t_rumpun"]) | (not c.v("same_rumpun_bars_move")),
        detail, wording)


_TRAINING_WORD = {"pkp": "PKP", "pka": "PKA", "pkn2": "PKN Tingkat II", "pkn1": "PKN Tingkat I"}


def _training_fits(c: RuleContext, p: pd.DataFrame) -> pd.Series:
    fits = c.v("merit_training_for")
    # Once per distinct (training, kind): a test per pair in Python was a rule's largest cost.
    t_codes, t_values = pd.factorize(p["leadership_training"], use_na_sentinel=False)
    k_codes, k_values = pd.factorize(p["t_kind"], use_na_sentinel=False)
    table = np.array([[isinstance(t, str) and t in fits.get(k, []) for k in k_values] for t in t_values],
                     dtype=bool).reshape(len(t_values), len(k_values))
    return pd.Series(table[t_codes, k_codes], index=p.index, dtype=bool)


def leadership_training() -> Rule:
    """The leadership training that fits the target kind (``merit_training_for``) "harus
    dipenuhi" for the kinds in ``leadership_training_required_for``. A nominee without it is
    flagged; the rule bars only where ``leadership_training_bars_move`` is true, since a post
    that must be filled may be filled after a competence test instead.

    Perbup Kayong Utara 23/2023 Pasal 35 ayat (2) huruf b (harus dipenuhi) and huruf d
    (uji kompetensi while the training is missing).
    """
    def wording(c: RuleContext) -> str:
        kinds = c.v("leadership_training_required_for")
        if not kinds:
            return "Pelatihan kepemimpinan sesuai jenjang: tidak diatur dalam paket aturan"
        how = "syarat" if c.v("leadership_training_bars_move") else \
            "bila belum, sementara uji kompetensi (ditandai, bukan penghalang)"
        return f"Pelatihan kepemimpinan sesuai jenjang untuk {say.kinds(kinds, 'atau')}: {how}"

    def detail(c: RuleContext, p: pd.DataFrame) -> list[str]:
        fits = c.v("merit_training_for")
        bars = c.v("leadership_training_bars_move")
        out = []
        for t, k, ok in zip(p["leadership_training"], p["t_kind"], _training_fits(c, p)):
            need = say.enumeration((_TRAINING_WORD.get(x, x) for x in fits.get(k, [])), "atau") or "-"
            have = _TRAINING_WORD.get(t, "belum ada") if isinstance(t, str) else "belum ada"
            if ok:
                out.append(f"pelatihan kepemimpinan {have}, sesuai ({need})")
            else:
                out.append(f"pelatihan kepemimpinan {have}, yang sesuai: {need}"
                           + ("" if bars else "; harus dipenuhi, sementara dapat uji kompetensi (ditandai)"))
        return out

    return Rule(
        "leadership_training", "Pelatihan kepemimpinan sesuai jenjang", "leadership_training_required_for",
        lambda c, p: p["t_kind"].isin(c.v("leadership_training_required_for")),
        lambda c, p: _training_fits(c, p) | (not c.v("leadership_training_bars_move")),
        detail, wording)


def _level(kind: pd.Series, jf_level: pd.Series) -> pd.Series:
    """Career level of each grade (1 pelaksana .. 5 JPT Madya, JF at its structural equivalent)."""
    return mapped(kind, KIND_LEVEL).where(kind != "jf", mapped(jf_level, JF_LEVEL))


_UP_COLUMNS = ["move_type", "kind", "jf_level", "eselon", "t_kind", "t_jf_level", "t_eselon"]


def moves_up(p: pd.DataFrame) -> pd.Series:
    """Pairs that put the candidate in a higher post: a vertical or diagonal move, a higher
    career level, or a higher eselon of the same kind (national ``eselon: level`` rows call
    IV.b -> IV.a horizontal, yet the post is "setingkat lebih tinggi").

    Decided once per distinct combination of the grades compared and spread back: three
    talent rules ask it of every surviving pair, which a Karawang region has many of."""
    codes = np.zeros(len(p), dtype=np.int64)
    for col in _UP_COLUMNS:
        k, u = pd.factorize(p[col], use_na_sentinel=False)
        codes = codes * (len(u) + 1) + k
    _, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
    d = p[_UP_COLUMNS].iloc[first].reset_index(drop=True)
    up = _promotion(d) | (_level(d["t_kind"], d["t_jf_level"]) > _level(d["kind"], d["jf_level"]))
    higher_eselon = mapped(d["t_eselon"], ESELON_ORDER) < mapped(d["eselon"], ESELON_ORDER)
    out = (up | ((d["kind"] == d["t_kind"]) & higher_eselon)).to_numpy(dtype=bool)
    return pd.Series(out[inverse.reshape(-1)], index=p.index)


def _up(p: pd.DataFrame) -> pd.Series:
    """``moves_up(p)``, once per rule frame: three talent rules ask it of the same pairs."""
    return p.once("moves_up", lambda: moves_up(p)) if isinstance(p, RuleFrame) else moves_up(p)


def _where_to(p: pd.DataFrame) -> list[str]:
    """Why a talent rule applies to a pair: a critical post, a higher post, or both."""
    up, crit = _up(p), p["t_critical"].astype(bool)
    return ["jabatan kritis, setingkat lebih tinggi" if u and k else "jabatan kritis" if k
            else "jabatan setingkat lebih tinggi" for u, k in zip(up, crit)]


def no_promotion_box() -> Rule:
    """Nobody in a box of ``no_promotion_boxes`` is moved to a higher eselon or level (hard
    rule: no scenario switch).

    Paparan BKN "Bagaimana ASN sampai pada puncak karir" (seed 002), Rekomendasi 9 (sembilan)
    kotak: kotak 1 "Sangat disarankan untuk tidak menduduki jabatan setingkat lebih tinggi";
    the boxes as PermenPANRB 3/2020 (Manajemen Talenta ASN) numbers them. It does not apply
    where the pool rule applies and none of these boxes is a pool box (the pool bars them
    already), so a promotion's verdict is not said twice.
    """
    def wording(c: RuleContext) -> str:
        boxes = c.v("no_promotion_boxes")
        if not boxes:
            return "Kotak talenta yang tidak dipindah ke jabatan setingkat lebih tinggi: tidak diatur dalam paket aturan"
        return f"Kotak {say.boxes(boxes)} tidak dipindah ke eselon atau jenjang jabatan yang lebih tinggi"

    def applies(c: RuleContext, p: pd.DataFrame) -> pd.Series:
        boxes = c.v("no_promotion_boxes")
        # Where the pool applies and holds none of these boxes, it already bars them: said once.
        by_pool = _pool_applies(c, p) & (not set(boxes) & set(c.v("pool_boxes")))
        return _up(p) & bool(boxes) & ~by_pool

    return Rule(
        "no_promotion_box", "Kotak talenta yang tidak dipindah ke jabatan setingkat lebih tinggi", "no_promotion_boxes",
        applies,
        lambda c, p: ~p["nine_box"].isin(c.v("no_promotion_boxes")),
        lambda c, p: [f"kotak {nb}, ke jabatan setingkat lebih tinggi" for nb in p["nine_box"]],
        wording)


def _allowed_detail(c: RuleContext, allowed: str) -> str:
    return f"; diizinkan skenario ({c.pack.article(allowed)})"


def low_talent_box() -> Rule:
    """Nobody in a box of ``low_talent_boxes`` is proposed for a critical post or a higher
    eselon or level, unless the scenario allows it (``low_talent_allowed``: the verdict then
    passes and says so).

    Paparan BKN "Bagaimana ASN sampai pada puncak karir" (seed 002), Rekomendasi 9 (sembilan)
    kotak: kotak 1-3 are advised performance coaching and "penempatan dalam jabatan yang
    sesuai"; Perbup Karawang 72/2020 Pasal 30 ayat (5) nominates boxes 7-9 for critical posts.
    It does not apply where another rule already bars every box of the list (the pool of a
    promotion, ``no_promotion_boxes`` for a higher post), so a verdict is not said twice.
    """
    def wording(c: RuleContext) -> str:
        boxes = c.v("low_talent_boxes")
        if not boxes:
            return "Kotak talenta rendah untuk jabatan kritis atau lebih tinggi: tidak diatur dalam paket aturan"
        how = ": diizinkan skenario (ditandai)" if c.v("low_talent_allowed") else ", kecuali diizinkan skenario"
        return f"Kotak {say.boxes(boxes)} tidak diusulkan untuk jabatan kritis atau eselon yang lebih tinggi{how}"

    def detail(c: RuleContext, p: pd.DataFrame) -> list[str]:
        low = p["nine_box"].isin(c.v("low_talent_boxes"))
        allowed = _allowed_detail(c, "low_talent_allowed") if c.v("low_talent_allowed") else ""
        return [f"kotak {nb}, ke {w}" + (allowed if x else "") for nb, w, x in zip(p["nine_box"], _where_to(p), low)]

    def applies(c: RuleContext, p: pd.DataFrame) -> pd.Series:
        boxes = c.v("low_talent_boxes")
        up = _up(p)
        # Where another rule already bars every box of the list, this one adds nothing: the
        # pool (boxes 7-9 only) and, for a higher post, no_promotion_box on its own boxes.
        by_pool = _pool_applies(c, p) & (not set(boxes) & set(c.v("pool_boxes")))
        by_no_promotion = up & p["nine_box"].isin(c.v("no_promotion_boxes"))
        return (up | p["t_critical"].astype(bool)) & bool(boxes) & ~by_pool & ~by_no_promotion

    return Rule(
        "low_talent_box", "Kotak talenta rendah untuk jabatan kritis atau lebih tinggi", "low_talent_boxes",
        applies,
        lambda c, p: ~p["nine_box"].isin(c.v("low_talent_boxes")) | bool(c.v("low_talent_allowed")),
        detail, wording)


def low_rating() -> Rule:
    """Nobody whose latest rating is below ``low_rating_below`` is proposed for a critical
    post or a higher eselon or level, unless the scenario allows it (``low_rating_allowed``).

    Paparan BKN "Bagaimana ASN sampai pada puncak karir" (seed 002), Rekomendasi 9 (sembilan)
    kotak (low performance: coaching and counselling, kotak 1, 3 and 6). It does not apply to
    a promotion whose ``promotion_min_performance`` already asks at least as much of the latest
    year (Perbup Karawang 72/2020 Pasal 21 ayat (2)), so a verdict is not said twice.
    """
    def wording(c: RuleContext) -> str:
        how = ": diizinkan skenario (ditandai)" if c.v("low_rating_allowed") else ", kecuali diizinkan skenario"
        return (f"Predikat kinerja terakhir di bawah {say.words(c.v('low_rating_below'))} tidak diusulkan untuk "
                f"jabatan kritis atau eselon yang lebih tinggi{how}")

    def ok(c: RuleContext, p: pd.DataFrame) -> pd.Series:
        return p["perf_ord"] >= PERFORMANCE_ORDER[c.v("low_rating_below")]

    def detail(c: RuleContext, p: pd.DataFrame) -> list[str]:
        allowed = _allowed_detail(c, "low_rating_allowed") if c.v("low_rating_allowed") else ""
        return [f"kinerja terakhir {say.words(r) if isinstance(r, str) else 'tidak ada'}, ke {w}, paling rendah "
                f"{say.words(c.v('low_rating_below'))}" + ("" if good else allowed)
                for r, w, good in zip(p["performance"], _where_to(p), ok(c, p))]

    def applies(c: RuleContext, p: pd.DataFrame) -> pd.Series:
        # A promotion whose performance rule already asks at least as much of the latest year adds nothing.
        covered = int(c.v("promotion_performance_years")) >= 1 and \
            PERFORMANCE_ORDER[c.v("promotion_min_performance")] >= PERFORMANCE_ORDER[c.v("low_rating_below")]
        return (_up(p) | p["t_critical"].astype(bool)) & ~(_promotion(p) & covered)

    return Rule(
        "low_rating", "Predikat kinerja terakhir untuk jabatan kritis atau lebih tinggi", "low_rating_below",
        applies,
        lambda c, p: ok(c, p) | bool(c.v("low_rating_allowed")),
        detail, wording)


# The rule functions in evaluation order; RULES is built from them.
RULE_FUNCTIONS: tuple[Callable[[], Rule], ...] = (
    retirement, discipline, election, pool, performance, tenure_min, new_jpt, age_jpt_pratama,
    age_jpt_madya, before_bup, rank, education, exp_pengawas, time_in_level_pengawas, exp_administrator,
    exp_jpt, related_field_jpt, sekda, eselon_step, same_rumpun, leadership_training,
    no_promotion_box, low_talent_box, low_rating,
)


def _build(make: Callable[[], Rule]) -> Rule:
    rule = make()
    if rule.id != make.__name__:  # the function's name is the rule's id: one name to grep for
        raise AssertionError(f"rule function {make.__name__} builds rule {rule.id!r}")
    return replace(rule, doc=inspect.getdoc(make) or "")


RULES: tuple[Rule, ...] = tuple(_build(make) for make in RULE_FUNCTIONS)
RULES_BY_ID = {r.id: r for r in RULES}
CHECK_COLUMNS = ["nip", "name", "from_position_id", "position_id", "move_type", "rule", "label", "applies",
                 "passed", "detail", "article"]


def _rumpun_months(ctx: RuleContext, p: pd.DataFrame) -> pd.Series:
    return months_in_rumpun(ctx.rumpun_months, p["nip"], p["t_rumpun"])


def months_in_rumpun(rumpun_months: pd.Series, nips: pd.Series, rumpun: pd.Series) -> pd.Series:
    """Months each person served in ``rumpun`` (history.csv, ``RuleContext.rumpun_months``)."""
    key = pd.MultiIndex.from_arrays([nips, rumpun])
    return pd.Series(rumpun_months.reindex(key).fillna(0).to_numpy(), index=nips.index)


# ------------------------------------------------------------------------ building pairs

@dataclass
class Eligibility:
    """The eligibility table and what it was computed from.

    ``outcomes`` holds the rules' verdicts on every (candidate, class) pair the move table
    admits, as bit masks (bit i = ``RULES[i]``). The round needs only each pair's first
    failure; the exclusion counts and the verdicts behind nominees need every rule, and the
    rules a pair was not yet checked against are checked then, once, and kept.
    """

    pairs: pd.DataFrame  # eligible (nip, position_id) with move type, article and facts used by scores
    facts: pd.DataFrame  # candidate facts, one row per employee
    targets: pd.DataFrame  # posts considered in this round
    excluded: pd.DataFrame  # (rule_id, pairs excluded) counts in short-circuit order
    context: RuleContext
    # One row per admitted (candidate, move, class) pair: nip, t_class, the row numbers it is
    # built from (cand, move, cls), applies / failed bit masks and how many rules were checked.
    outcomes: pd.DataFrame | None = None
    classes: pd.DataFrame | None = None  # the classes of identical posts the rows refer to
    # Outcome rows of eligible cross-rumpun (candidate, class) pairs that the round's pruning
    # left out of ``pairs`` (a planner's pruning, not a verdict: see eligible_pairs), and the
    # (candidate, post) pairs they stand for.
    rumpun_pruned: np.ndarray | None = None
    rumpun_pruned_pairs: int = 0


def target_posts(data: ScenarioData, facts: pd.DataFrame, scope: tuple[str, ...] = tuple(STRUCTURAL_KINDS)) -> pd.DataFrame:
    """Posts the round may fill, with the attributes rules compare (prefixed ``t_``)."""
    pos = data.positions
    t = pd.DataFrame({
        "position_id": pos["position_id"],
        "t_title": pos["title"],
        "t_kind": pos["kind"],
        "t_eselon": pos["eselon"],
        "t_jf_level": pos["jf_level"],
        "t_unit": pos["unit"],
        "t_rumpun": pos["rumpun"],
        "t_min_rank_ord": pos["min_rank"].map(RANK_ORDER),
        "t_min_edu_ord": pos["min_education"].map(EDUCATION_ORDER),
        "t_critical": pos["critical"].astype(bool),
        "t_sekda": pos["title"].str.contains("Sekretaris Daerah", case=False, regex=False)
        & ~pos["title"].str.contains("Asisten", case=False, regex=False),
        "holder_nip": pos["holder_nip"],
    })
    t["t_grade"] = grade_of(t["t_kind"], t["t_jf_level"])
    retiring = set(facts.index[facts["retiring"]])
    t["holder_retiring"] = t["holder_nip"].isin(retiring)
    t["vacant"] = t["holder_nip"].isna() | t["holder_retiring"]
    return t[t["t_kind"].isin(scope)].reset_index(drop=True)


def _moves(pack: RulePack) -> pd.DataFrame:
    m = pack.move_table().copy()
    m["from_grade"] = grade_of(m["from_kind"], m["from_jf_level"].replace("", None))
    m["to_grade"] = grade_of(m["to_kind"], m["to_jf_level"].replace("", None))
    for col in ("from_eselon", "to_eselon"):
        m[col] = m[col].replace("", None)
    return m


# Target attributes the rules read. Posts equal on these are one "class" for the rules,
# so rules run on candidate x class and only the survivors are expanded to posts.
# t_critical: the talent rules (low_talent_box, low_rating) treat critical posts apart.
CLASS_KEY = ["t_kind", "t_eselon", "t_jf_level", "t_grade", "t_rumpun", "t_min_rank_ord", "t_min_edu_ord", "t_sekda",
             "t_critical"]


def _class_table(targets: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    key = targets.groupby(CLASS_KEY, dropna=False, sort=True).ngroup().astype(str)
    classes = targets.assign(t_class=key).drop_duplicates("t_class")[[*CLASS_KEY, "t_class"]]
    return classes.reset_index(drop=True), key


def _text(values: pd.Series, missing: str) -> pd.Series:
    """Text with a placeholder for missing values; a column empty everywhere loads as float NaN."""
    return values.astype(object).where(values.notna(), missing).astype(str)


MOVE_COLUMNS = ["move_type", "article", "same_rumpun", "open_selection"]


def _taken(*parts: tuple[pd.DataFrame, np.ndarray]) -> pd.DataFrame:
    """Rows ``index`` of each frame side by side: a join whose matches are already known.

    Cheaper than ``merge`` on text keys over a million rows, and one copy instead of two."""
    return pd.concat([frame.take(index).reset_index(drop=True) for frame, index in parts], axis=1)


def _admitted(facts: pd.DataFrame, classes: pd.DataFrame, pack: RulePack) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row numbers (candidate, move, class) of every pair the move table admits, in that order.

    The move table is matched once per distinct (grade, eselon) of the candidates, not once
    per candidate: people of one grade share their admissible classes."""
    moves = _moves(pack)
    key = pd.DataFrame({"grade": facts["grade"].to_numpy(), "_es": _text(facts["eselon"], "-").to_numpy()})
    codes = key.groupby(["grade", "_es"], dropna=False, sort=False).ngroup().to_numpy()
    grades = key.assign(_k=codes).drop_duplicates("_k").sort_values("_k")
    n_keys = len(grades)
    mv = pd.DataFrame({"from_grade": moves["from_grade"].to_numpy(), "_fes": _text(moves["from_eselon"], "-").to_numpy(),
                       "to_grade": moves["to_grade"].to_numpy(), "_tes": _text(moves["to_eselon"], "-").to_numpy(),
                       "_mi": np.arange(len(moves))})
    cl = pd.DataFrame({"t_grade": classes["t_grade"].to_numpy(), "_ces": _text(classes["t_eselon"], "-").to_numpy(),
                       "_ci": np.arange(len(classes))})
    km = grades.merge(mv, left_on=["grade", "_es"], right_on=["from_grade", "_fes"])
    kmc = km[["_k", "_mi", "to_grade", "_tes"]].merge(cl, left_on=["to_grade", "_tes"], right_on=["t_grade", "_ces"])
    kmc = kmc.sort_values(["_k", "_mi", "_ci"], kind="stable")
    # Expand each candidate to the combinations of their key (numpy, no hashing per pair).
    start = np.searchsorted(kmc["_k"].to_numpy(), np.arange(n_keys))
    count = np.bincount(kmc["_k"].to_numpy(), minlength=n_keys)
    per = count[codes]
    cand = np.repeat(np.arange(len(facts)), per)
    offset = np.arange(len(cand)) - np.repeat(np.cumsum(per) - per, per)
    combo = np.repeat(start[codes], per) + offset
    return cand, kmc["_mi"].to_numpy()[combo], kmc["_ci"].to_numpy()[combo]


def _pair_parts(facts: pd.DataFrame, moves: pd.DataFrame, classes: pd.DataFrame,
                cand: np.ndarray, move: np.ndarray, cls: np.ndarray) -> tuple[tuple[pd.DataFrame, np.ndarray], ...]:
    f = facts.rename(columns={"position_id": "from_position_id"})
    return (f, cand), (moves[MOVE_COLUMNS], move), (classes[[*CLASS_KEY, "t_class"]], cls)


def _pair_frame(facts: pd.DataFrame, moves: pd.DataFrame, classes: pd.DataFrame,
                cand: np.ndarray, move: np.ndarray, cls: np.ndarray) -> pd.DataFrame:
    return _taken(*_pair_parts(facts, moves, classes, cand, move, cls))


_FEW_VALUES = 200  # a text column with at most this many distinct values is read as codes


class RuleFrame:
    """The (candidate, move, class) pairs the rules run on, each column taken when first read.

    A rule reads a few of the pair table's ~60 columns (facts, move, class), most rules only
    the rows still alive after the cheap ones: taking every column for every admitted pair
    (kabupaten: 380 k rows, 27 text columns) cost more than the rules themselves. Rules read
    ``p[column]``, ``p[[columns]]``, ``p.index`` and ``len(p)``, as on a DataFrame; a column
    comes back with the values ``_pair_frame`` would hold (index 0..n-1) and is kept for the
    next rule. ``p[mask]`` is the frame of the rows of ``mask``.

    Text columns of few distinct values (kinds, eselons, rumpun, move types) come back as
    categoricals over one shared list of categories, so that comparing, ``isin`` and
    factorising work on integer codes instead of Python strings, and two such columns
    compare with each other as the text would (``rumpun == t_rumpun``). The verdicts are
    the same bit for bit as on the text columns (tests/test_eligibility.py; checked also on
    generated regions of every pack).
    """

    def __init__(self, parts: tuple[tuple[pd.DataFrame, np.ndarray], ...], categories: dict[str, list[str]],
                 columns: dict[str, pd.Series] | None = None):
        self._parts = parts
        self._where = {col: i for i, (frame, _) in enumerate(parts) for col in frame.columns}
        self._categories = categories
        self._columns = columns or {}
        self._memo: dict[str, pd.Series] = {}
        self.index = pd.RangeIndex(len(parts[0][1]))

    @classmethod
    def of(cls, facts: pd.DataFrame, moves: pd.DataFrame, classes: pd.DataFrame,
           cand: np.ndarray, move: np.ndarray, cls_: np.ndarray) -> RuleFrame:
        parts = _pair_parts(facts, moves, classes, cand, move, cls_)
        distinct = {col: frame[col].dropna().unique() for frame, _ in parts for col in frame.columns
                    if isinstance(frame[col].dtype, pd.StringDtype)}
        few = {col: values for col, values in distinct.items() if len(values) <= _FEW_VALUES}
        shared = sorted(set().union(*few.values())) if few else []
        return cls(parts, {col: shared for col in few})

    def __len__(self) -> int:
        return len(self.index)

    @property
    def columns(self) -> list[str]:
        return list(self._where)

    def __getitem__(self, key):
        if isinstance(key, list):
            return pd.DataFrame({c: self[c] for c in key}, index=self.index)
        if isinstance(key, np.ndarray) and key.dtype == bool:
            return self._subset(key)
        if key not in self._columns:
            frame, rows = self._parts[self._where[key]]
            source = frame[key]
            if key in self._categories:
                source = pd.Series(pd.Categorical(source, categories=self._categories[key]), index=source.index)
            self._columns[key] = source.take(rows).reset_index(drop=True)
        return self._columns[key]

    def _subset(self, mask: np.ndarray) -> RuleFrame:
        parts = tuple((frame, rows[mask]) for frame, rows in self._parts)
        return RuleFrame(parts, self._categories,
                         {c: s[mask].reset_index(drop=True) for c, s in self._columns.items()})

    def once(self, name: str, compute: Callable[[], pd.Series]) -> pd.Series:
        """``compute()`` once per frame: a fact several rules read (``moves_up``)."""
        if name not in self._memo:
            self._memo[name] = compute()
        return self._memo[name]


def class_pairs(facts: pd.DataFrame, classes: pd.DataFrame, pack: RulePack) -> pd.DataFrame:
    """(candidate, target class) pairs the move table admits, with the move's type and article."""
    return _pair_frame(facts, _moves(pack), classes, *_admitted(facts, classes, pack))


POST_COLUMNS = ["position_id", "t_title", "t_unit", "holder_nip", "vacant"]  # t_critical comes with the class


def expand_to_posts(pairs: pd.DataFrame, targets: pd.DataFrame, class_of: pd.Series) -> pd.DataFrame:
    """Surviving (candidate, class) pairs as (candidate, post) pairs; nobody targets their own post."""
    posts = targets[POST_COLUMNS].reset_index(drop=True)
    order = np.argsort(class_of.to_numpy(), kind="stable")  # posts grouped by class, in target order
    post_class = class_of.to_numpy()[order]
    classes, first, count = np.unique(post_class, return_index=True, return_counts=True)
    where = np.searchsorted(classes, pairs["t_class"].to_numpy())
    per = count[where] if len(classes) else np.zeros(len(pairs), dtype=np.int64)
    left = np.repeat(np.arange(len(pairs)), per)
    offset = np.arange(len(left)) - np.repeat(np.cumsum(per) - per, per)
    right = order[np.repeat(first[where], per) + offset]
    mine = posts["position_id"].to_numpy()[right] != pairs["from_position_id"].to_numpy()[left]
    return _taken((pairs, left[mine]), (posts, right[mine]))


def rule_context(data: ScenarioData, pack: RulePack) -> RuleContext:
    sc = data.scenario
    as_of = pd.Timestamp(sc.as_of)
    his = data.history.assign(months=history_months(data.history, as_of))
    rumpun_months = his.groupby(["nip", "rumpun"])["months"].sum()
    return RuleContext(pack=pack, as_of=as_of, allow_need_development=sc.allow_need_development,
                       election_blocked=_election_blocked(sc, pack, as_of), rumpun_months=rumpun_months,
                       merit_exempt=bool(sc.merit_exempt))


def _election_blocked(sc, pack: RulePack, as_of: pd.Timestamp) -> bool:
    """UU 10/2016 Ps 71(2), 162(3): the window before designation and after inauguration."""
    e = sc.election
    if e is None or e.minister_approval:
        return False
    before = pack.value("election_window_months_before")
    after = pack.value("election_window_months_after_inauguration")
    if e.candidate_designation is not None:
        start = pd.Timestamp(e.candidate_designation) - pd.DateOffset(months=before)
        end = pd.Timestamp(e.term_end) if e.term_end else pd.Timestamp(e.candidate_designation)
        if start <= as_of <= end:
            return True
    if e.inauguration is not None:
        ina = pd.Timestamp(e.inauguration)
        if ina <= as_of < ina + pd.DateOffset(months=after):
            return True
    return False


_COMPACT = 0.95  # compact the rule frame once a twentieth of its rows have failed
_BIT = [np.int64(1) << np.int64(i) for i in range(len(RULES))]
assert len(RULES) < 63, "rule outcomes are kept as bits of an int64"


def _check(ctx: RuleContext, rule: Rule, bit, frame: "pd.DataFrame | RuleFrame") -> tuple[np.ndarray, np.ndarray]:
    """One rule on a frame: its bit where it applies, and where it applies and fails."""
    a = rule.applies(ctx, frame).to_numpy(dtype=bool)
    ok = rule.passes(ctx, frame).fillna(False).to_numpy(dtype=bool)
    return np.where(a, bit, 0), np.where(a & ~ok, bit, 0)


def _evaluate(ctx: RuleContext, pairs: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Every rule on every pair: bit i of ``applies`` / ``failed`` is ``RULES[i]``'s."""
    applies = np.zeros(len(pairs), dtype=np.int64)
    failed = np.zeros(len(pairs), dtype=np.int64)
    if len(pairs):
        for bit, rule in zip(_BIT, RULES):
            a, f = _check(ctx, rule, bit, pairs)
            applies |= a
            failed |= f
    return applies, failed


def _run_rules(ctx: RuleContext, pairs: RuleFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Apply the rules in order; a pair is out at its first failed rule.

    Returns the applies / failed bits and, per pair, how many rules (from the first) were
    checked: every rule for a survivor, at least up to its first failure for the others.
    The frame drops the rows already out once a twentieth of them have failed: a
    :class:`RuleFrame` copies only the columns read so far, so compacting is cheap, but
    not free: after every rule it cost more than evaluating rules on a few rows already out.
    """
    n = len(pairs)
    applies = np.zeros(n, dtype=np.int64)
    failed = np.zeros(n, dtype=np.int64)
    checked = np.zeros(n, dtype=np.int64)
    rows, frame, alive = np.arange(n), pairs, np.ones(n, dtype=bool)
    for i, (bit, rule) in enumerate(zip(_BIT, RULES)):
        if not alive.any():
            break
        a, f = _check(ctx, rule, bit, frame)
        applies[rows] |= a
        failed[rows] |= f
        checked[rows] = i + 1
        alive &= f == 0
        if alive.sum() < _COMPACT * len(alive):
            frame, rows, alive = frame[alive], rows[alive], np.ones(int(alive.sum()), dtype=bool)
    return applies, failed, checked


def _first_failed(failed: np.ndarray) -> np.ndarray:
    """Index of the lowest failed rule of each pair (-1 if none): the short-circuit verdict."""
    low = failed & -failed
    out = np.full(len(failed), -1, dtype=np.int64)
    hit = low != 0
    out[hit] = np.round(np.log2(low[hit].astype(np.float64))).astype(np.int64)
    return out


# Chooses which eligible cross-rumpun (candidate, class) rows the round keeps: called with the
# surviving rows, the mask of those that are cross-rumpun and weighed (rumpun_weighed), the
# number of posts of each row's class, and the rule context; returns the rows to keep.
Pruner = Callable[[pd.DataFrame, np.ndarray, np.ndarray, RuleContext], np.ndarray]


def eligible_pairs(data: ScenarioData, pack: RulePack, scope: tuple[str, ...] = tuple(STRUCTURAL_KINDS),
                   prune: Pruner | None = None) -> Eligibility:
    """Every eligible (candidate, post) pair of the round.

    Rules run on every (candidate, class of identical posts) pair the move table admits,
    and only survivors are expanded to posts. The exclusion counts are per (candidate,
    class), each pair counted under its first failed rule, in rule order.

    ``prune`` (planner.round.build.cross_rumpun_pruner) may leave out eligible cross-rumpun
    pairs where the pack weighs the rumpun, before the expansion to posts: it is a planner's
    pruning, not a verdict (every rule still passes them; ``verdicts`` and ``planner check``
    say so), and the pairs of the scenario's locks are always kept. What it left out is
    ``Eligibility.rumpun_pruned``; :func:`restore_pairs` brings pairs of it back.
    """
    ctx = rule_context(data, pack)
    facts = candidate_facts(data, pack)
    targets = target_posts(data, facts, scope)
    classes, class_of = _class_table(targets)
    moves = _moves(pack)
    cand, move, cls = _admitted(facts, classes, pack)
    admitted = RuleFrame.of(facts, moves, classes, cand, move, cls)
    applies, failed, checked = _run_rules(ctx, admitted)
    first = _first_failed(failed)
    excluded = [(rule.id, int((first == i).sum())) for i, rule in enumerate(RULES)]
    outcomes = pd.DataFrame({"nip": admitted["nip"].to_numpy(), "t_class": admitted["t_class"].to_numpy(),
                             "cand": cand, "move": move, "cls": cls,
                             "applies": applies, "failed": failed, "checked": checked})
    alive = failed == 0
    # The whole pair table, only for the survivors: the round reads its columns.
    survivors = _pair_frame(facts, moves, classes, cand[alive], move[alive], cls[alive])
    del admitted
    pruned_rows, pruned_pairs = None, 0
    if prune is not None and not bool(pack.value("same_rumpun_bars_move")) and len(survivors):
        survivors, pruned_rows, pruned_pairs = _prune_cross_rumpun(
            survivors, np.flatnonzero(failed == 0), prune, ctx, targets, class_of, data)
    pairs = expand_to_posts(survivors, targets, class_of)
    return Eligibility(pairs=pairs, facts=facts, targets=targets,
                       excluded=pd.DataFrame(excluded, columns=["rule", "excluded"]), context=ctx,
                       outcomes=outcomes, classes=classes, rumpun_pruned=pruned_rows,
                       rumpun_pruned_pairs=pruned_pairs)


def _prune_cross_rumpun(survivors: pd.DataFrame, rows: np.ndarray, prune: Pruner, ctx: RuleContext,
                        targets: pd.DataFrame, class_of: pd.Series,
                        data: ScenarioData) -> tuple[pd.DataFrame, np.ndarray, int]:
    """``survivors`` (outcome rows ``rows``) without the cross-rumpun rows ``prune`` leaves
    out, those rows, and how many (candidate, post) pairs they stand for. Only weighed
    cross-rumpun rows can be left out, and never a row of one of the scenario's locks."""
    weighed = rumpun_weighed(ctx.pack, survivors).to_numpy()
    if not weighed.any():
        return survivors, rows[:0], 0
    size = class_of.value_counts()
    in_class = size.reindex(survivors["t_class"].to_numpy()).fillna(0).to_numpy(dtype=np.int64)
    keep = np.asarray(prune(survivors, weighed, in_class, ctx), dtype=bool) | ~weighed
    locks = data.scenario.locks
    if locks:
        post_class = dict(zip(targets["position_id"], class_of))
        wanted = {(lk.nip, post_class[lk.position_id]) for lk in locks if lk.position_id in post_class}
        keys = pd.MultiIndex.from_arrays([survivors["nip"], survivors["t_class"]])
        keep |= np.asarray(keys.isin(list(wanted)), dtype=bool)
    dropped = ~keep
    # A candidate is never a candidate for their own post: a class holding it has one pair less.
    own = pd.Series(class_of.to_numpy(), index=targets["position_id"].to_numpy())
    mine = survivors["from_position_id"].map(own).to_numpy() == survivors["t_class"].to_numpy()
    n_pairs = int(in_class[dropped].sum() - (mine & dropped).sum())
    return survivors[keep], rows[dropped], n_pairs


def restore_pairs(elig: Eligibility, pack: RulePack, wanted) -> int:
    """Put the (nip, position_id) pairs of ``wanted`` that the cross-rumpun pruning left out
    back into ``elig.pairs`` (a lock the committee adds later); returns how many were added."""
    if elig.rumpun_pruned is None or not len(elig.rumpun_pruned):
        return 0
    wanted = {(str(n), str(p)) for n, p in wanted}
    o = elig.outcomes
    rows = elig.rumpun_pruned
    rows = rows[np.isin(o["nip"].to_numpy()[rows].astype(str), list({n for n, _ in wanted}))]
    targets = elig.targets[elig.targets["position_id"].isin({p for _, p in wanted})]
    if not len(rows) or targets.empty:
        return 0
    class_of = _class_table(elig.targets)[1][targets.index]
    rows = rows[np.isin(o["t_class"].to_numpy()[rows], class_of.unique())]
    if not len(rows):
        return 0
    frame = _pair_frame(elig.facts, _moves(pack), elig.classes, o["cand"].to_numpy()[rows],
                        o["move"].to_numpy()[rows], o["cls"].to_numpy()[rows])
    extra = expand_to_posts(frame, targets.reset_index(drop=True), class_of.reset_index(drop=True))
    keys = list(zip(extra["nip"].astype(str), extra["position_id"].astype(str)))
    extra = extra[[k in wanted for k in keys]]
    have = set(zip(elig.pairs["nip"], elig.pairs["position_id"])) if len(extra) else set()
    extra = extra[[k not in have for k in zip(extra["nip"], extra["position_id"])]]
    if extra.empty:
        return 0
    elig.pairs = pd.concat([elig.pairs, extra[elig.pairs.columns]], ignore_index=True)
    return len(extra)


def _complete(elig: Eligibility, pack: RulePack, rows: np.ndarray) -> pd.DataFrame:
    """Outcome rows ``rows`` with every rule checked: the rules left after a pair's first
    failure are checked now, on those pairs only, and kept for the next caller."""
    o = elig.outcomes
    need = rows[o["checked"].to_numpy()[rows] < len(RULES)]
    if len(need):
        frame = RuleFrame.of(elig.facts, _moves(pack), elig.classes, o["cand"].to_numpy()[need],
                             o["move"].to_numpy()[need], o["cls"].to_numpy()[need])
        done = o["checked"].to_numpy()[need]
        applies = o["applies"].to_numpy()[need].copy()
        failed = o["failed"].to_numpy()[need].copy()
        for i, (bit, rule) in enumerate(zip(_BIT, RULES)):
            todo = done <= i
            if todo.any():
                a, f = _check(elig.context, rule, bit, frame if todo.all() else frame[todo])
                applies[todo] |= a
                failed[todo] |= f
        for col, values in (("applies", applies), ("failed", failed), ("checked", len(RULES))):
            whole = o[col].to_numpy().copy()
            whole[need] = values
            o[col] = whole
    return o.iloc[rows]


def verdicts(data: ScenarioData, pack: RulePack, *, nips=None, position_ids=None,
             scope: tuple[str, ...] = tuple(STRUCTURAL_KINDS)) -> pd.DataFrame:
    """Every rule on every admitted pair (for a few posts or people): one row per check.

    Columns: nip, name, from_position_id, position_id, move_type, rule, label, applies,
    passed, detail, article. A pair the move table does not admit has no rows here.
    """
    ctx = rule_context(data, pack)
    facts = candidate_facts(data, pack)
    if nips is not None:
        facts_sel = facts[facts["nip"].isin(nips)]
    else:
        facts_sel = facts
    targets = target_posts(data, facts, scope)
    if position_ids is not None:
        targets = targets[targets["position_id"].isin(position_ids)]
    classes, class_of = _class_table(targets)
    pairs = expand_to_posts(class_pairs(facts_sel, classes, pack), targets, class_of)
    if pairs.empty:
        return pd.DataFrame(columns=CHECK_COLUMNS)
    return _all_checks(ctx, pack, pairs)


def _inputs(data: ScenarioData, pack: RulePack, scope, elig: Eligibility | None):
    """Context, facts and targets: from an eligibility already computed, or afresh."""
    if elig is not None:
        return elig.context, elig.facts, elig.targets
    ctx = rule_context(data, pack)
    facts = candidate_facts(data, pack)
    return ctx, facts, target_posts(data, facts, scope)


def verdicts_for_pairs(data: ScenarioData, pack: RulePack, requested: pd.DataFrame,
                       scope: tuple[str, ...] = tuple(STRUCTURAL_KINDS),
                       elig: Eligibility | None = None) -> pd.DataFrame:
    """Every rule on exactly the requested (nip, position_id) pairs: the checks behind nominees.

    With ``elig`` the verdicts are those computed with it; only their wording is rendered here."""
    if requested.empty:
        return pd.DataFrame(columns=CHECK_COLUMNS)
    ctx, facts, targets = _inputs(data, pack, scope, elig)
    classes, class_of = _class_table(targets)
    targets = targets.assign(t_class=class_of.values)
    req = requested[["nip", "position_id"]].drop_duplicates()
    req = req.merge(targets[["position_id", "t_class"]], on="position_id")
    posts = targets[POST_COLUMNS]
    bits = None
    if elig is not None and elig.outcomes is not None:
        o = elig.outcomes
        mine = np.flatnonzero(o["nip"].isin(req["nip"]).to_numpy() & o["t_class"].isin(req["t_class"]).to_numpy())
        found = o.iloc[mine][["nip", "t_class"]].assign(_row=mine).merge(req, on=["nip", "t_class"])
        known = _complete(elig, pack, found["_row"].to_numpy())
        admitted = _pair_frame(facts, _moves(pack), elig.classes, known["cand"].to_numpy(),
                               known["move"].to_numpy(), known["cls"].to_numpy())
        admitted = admitted.assign(position_id=found["position_id"].to_numpy(), _applies=known["applies"].to_numpy(),
                                   _failed=known["failed"].to_numpy())
        pairs = admitted.merge(posts, on="position_id").reset_index(drop=True)
        bits = (pairs.pop("_applies").to_numpy(), pairs.pop("_failed").to_numpy())
    else:
        admitted = class_pairs(facts[facts["nip"].isin(req["nip"])], classes[classes["t_class"].isin(req["t_class"])],
                               pack)
        admitted = admitted.merge(req, on=["nip", "t_class"])
        pairs = admitted.merge(posts, on="position_id").reset_index(drop=True)
    return _all_checks(ctx, pack, pairs, bits)


def _all_checks(ctx: RuleContext, pack: RulePack, pairs: pd.DataFrame,
                bits: tuple[np.ndarray, np.ndarray] | None = None) -> pd.DataFrame:
    base = pairs[["nip", "name", "from_position_id", "position_id", "move_type"]]
    applies_bits, failed_bits = bits if bits is not None else _evaluate(ctx, pairs)
    rows = [base.assign(rule="move", label="Jalur mutasi diizinkan", applies=True, passed=True,
                        detail=[f"{KIND_LABEL.get(a, a)} → {KIND_LABEL.get(b, b)} ({MOVE_TYPE_LABEL[m]})"
                                for a, b, m in zip(pairs["kind"], pairs["t_kind"], pairs["move_type"])],
                        article=pairs["article"])]
    for bit, rule in zip(_BIT, RULES):
        applies = (applies_bits & bit) != 0
        passed = (failed_bits & bit) == 0
        article = pack.article(rule.parameter) if rule.parameter else ""
        rows.append(base.assign(rule=rule.id, label=rule.label_for(ctx), applies=applies, passed=passed,
                                detail=rule.detail(ctx, pairs) if len(pairs) else [], article=article))
    out = pd.concat(rows, ignore_index=True)
    return out.sort_values(["position_id", "nip"], kind="stable").reset_index(drop=True)


CONSIDERED = "_considered"  # the exclusion counts' entry for candidates admitted by the move table


def exclusion_counts(data: ScenarioData, pack: RulePack, position_ids,
                     scope: tuple[str, ...] = tuple(STRUCTURAL_KINDS),
                     elig: Eligibility | None = None) -> dict[str, dict[str, int]]:
    """For each post: candidates the move table admits, and how many each rule excludes.

    Counted per class of identical posts, so cost does not grow with the number of posts.
    A candidate failing two rules counts under both. With ``elig`` the verdicts computed
    with it are counted; without, the rules run on the classes of the posts asked for.
    """
    ctx, facts, targets = _inputs(data, pack, scope, elig)
    classes, class_of = _class_table(targets)
    targets = targets.assign(t_class=class_of.values)
    wanted = targets[targets["position_id"].isin(list(position_ids))]
    if elig is not None and elig.outcomes is not None:
        rows = np.flatnonzero(elig.outcomes["t_class"].isin(wanted["t_class"]).to_numpy())
        found = _complete(elig, pack, rows)
    else:
        pairs = class_pairs(facts, classes[classes["t_class"].isin(wanted["t_class"])], pack)
        applies, failed = _evaluate(ctx, pairs)
        found = pd.DataFrame({"nip": pairs["nip"].to_numpy(), "t_class": pairs["t_class"].to_numpy(),
                              "failed": failed})
    considered = found.groupby("t_class")["nip"].nunique()
    per_rule = []
    failed = found["failed"].to_numpy()
    for bit, rule in zip(_BIT, RULES):
        hit = found[(failed & bit) != 0]
        per_rule.append((rule.id, hit.groupby("t_class")["nip"].nunique()))
    per_class: dict[str, dict[str, int]] = {}
    for cls, n in considered.items():
        counts = {CONSIDERED: int(n)}
        for rule_id, by_class in per_rule:
            k = int(by_class.get(cls, 0))
            if k:
                counts[rule_id] = k
        per_class[cls] = counts
    return {pid: per_class.get(cls, {CONSIDERED: 0})
            for pid, cls in zip(wanted["position_id"], wanted["t_class"])}

"""Rule packs: the regional rule sets a scenario plans under.

A pack is a YAML file in ``planner/rules/packs/`` (format: ``docs/rule-packs.md``). Every
parameter value and every allowed move carries the article that makes it law, so a plan's
justification can cite the pack in force. A regional pack ``extends`` another (normally
``national``): its parameters replace the parent's, its move rows replace parent rows with
the same ``from``/``to`` spelling and add the others (or, with ``moves_replace: true``,
replace the whole table).

Public API: :func:`available_packs`, :func:`load_rule_pack`, :class:`RulePack`
(``value``, ``article``, ``move_table``, ``describe``), :class:`Parameter`, :class:`MoveRule`,
:func:`pack_findings` and :class:`RulePackError` (every problem of a pack file or of a
scenario's overrides, reported at once, in Indonesian).
"""
from __future__ import annotations

import difflib
import math
from pathlib import Path
from typing import Annotated, Any, Callable, Literal, NamedTuple

import pandas as pd
import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from models.enums import (
    ESELON_ORDER,
    ESELONS_OF_KIND,
    JF_KETERAMPILAN,
    JF_KEAHLIAN,
    JF_LEVEL_ORDER,
    RANKS,
    AwardLevel,
    DisciplineLevel,
    Education,
    Eselon,
    Kind,
    LeadershipTraining,
    MoveType,
    Performance,
)
from models.schema import Finding, Scenario

PACK_DIR = Path(__file__).with_name("packs")

# The parameter names the eligibility engine reads, in report order, with their meaning.
# Every resolved pack must define all of them (``national`` supplies the defaults).
PARAMETERS: dict[str, str] = {
    "retirement_age": "BUP by post type (ja, jpt, jf_keterampilan, jf_ahli_pertama ... jf_ahli_utama)",
    "max_age_jpt_pratama": "highest age in completed years on as_of for JPT Pratama",
    "max_age_jpt_madya": "highest age in completed years on as_of for JPT Madya",
    "min_years_before_bup_structural": "pengawas/administrator appointed at least this long before BUP (null: no rule)",
    "bup_reference": "the date BUP is reached for min_years_before_bup_structural: birthday or pension_start",
    "min_experience_pengawas_years": "years as pelaksana or equivalent JF before pengawas",
    "pengawas_experience_from": "grades whose years count for min_experience_pengawas_years",
    "min_time_in_level_pengawas_years": "cumulative years in the pelaksana/JF level before pengawas (null: no rule)",
    "time_in_level_pengawas_from": "grades whose years count as time in the level for min_time_in_level_pengawas_years",
    "min_experience_administrator_years": "years as pengawas or equivalent JF before administrator",
    "administrator_experience_from": "grades whose years count for min_experience_administrator_years",
    "min_experience_jpt_pratama_years": "years in a post of jpt_pratama_experience_from before JPT Pratama",
    "jpt_pratama_experience_from": "grades whose years count for min_experience_jpt_pratama_years",
    "jpt_pratama_experience_fallback_from":
        "grades that also count when an open selection lacks applicants (null: no rule)",
    "open_selection_applicants_short":
        "the open selection closed short of the minimum number of applicants: jpt_pratama_experience_fallback_from counts (scenario switch)",
    "min_cumulative_related_years_jpt": "cumulative years in related fields before JPT",
    "min_years_jpt_for_sekda": "years in JPT Pratama before Sekretaris Daerah (null: no rule)",
    "sekda_two_jpt_preferred": "having held two JPT Pratama posts scores for Sekda (not a bar)",
    "min_years_in_lower_eselon": "years in the lower eselon before a step up within a level (null: no rule)",
    "min_education": "lowest education by kind of post",
    "min_rank_by_eselon": "lowest golongan by eselon when the post names none",
    "promotion_min_performance": "lowest annual rating for a vertical or diagonal move",
    "promotion_performance_years": "number of latest years that must meet promotion_min_performance",
    "pool_boxes": "nine-box boxes forming the succession pool",
    "pool_required_for": "target kinds whose vertical/diagonal filling must come from the pool",
    "pool_exempt_open_selection_from": "grades whose open-selection moves need no pool membership (the panel shortlists)",
    "pool_requires_ready_now": "pool members must be ready_now (unless the scenario allows need_development)",
    "tenure_min_years": "least years in a post before a mutation",
    "tenure_max_years": "most years in a post",
    "tenure_exempt_from": "grades exempt from the minimum tenure (tenure_min_years) only",
    "tenure_min_exceptions": "grounds on which a holder may be moved before tenure_min_years: kinerja, kualifikasi, pelanggaran",
    "target_not_met_below": "a latest rating below this means the performance target was not met (the kinerja ground)",
    "tenure_max_exempt_from": "grades exempt from the maximum tenure (tenure_max_years): not listed as due",
    "new_jpt_protection_years": "a JPT is not replaced within this many years of inauguration",
    "discipline_bars_move": "a PNS serving a disciplinary sanction is not moved",
    "discipline_cooldown_years": "years after a sanction ends during which the bar still holds",
    "discipline_levels": "sanction levels that count",
    "jpt_open_selection": "JPT posts are filled by open selection unless the scenario has a merit exemption",
    "election_window_months_before": "no replacement of officials from this many months before candidate designation",
    "election_window_months_after_inauguration": "no replacement within this many months after inauguration",
    "shortlist_ratio": "nominees per filled post (the scenario's shortlist_ratio key overrides it)",
    "no_promotion_boxes": "nine-box boxes never moved to a higher eselon or level",
    "low_talent_boxes": "nine-box boxes not proposed for a critical post or a higher eselon unless low_talent_allowed",
    "low_talent_allowed": "the scenario allows low_talent_boxes into critical posts and higher eselons",
    "low_rating_below": "a latest rating below this is not proposed for a critical post or a higher eselon unless low_rating_allowed",
    "low_rating_allowed": "the scenario allows a latest rating below low_rating_below there",
    "nine_box_advice": "nine-box box -> the BKN advice for it, shown per nominee",
    "jf_to_structural_same_rumpun": "JF to JA/JPT moves require the same rumpun",
    "same_rumpun_bars_move": "a different rumpun bars the move (false: weighed by the committee, shown, not a bar)",
    "rumpun_mismatch_points": "merit points taken from a candidate of another rumpun where the rumpun is weighed "
                              "(different), fewer with experience_years in the target rumpun (with_experience)",
    "overdue_years": "years in a post after which rotation is due (tour of duty)",
    "unit_change_cap_share":
        "largest share of a unit's staffed posts that moves may empty in one round (null: no cap; the scenario's unit_change_cap overrides it)",
    "spread_share": "share of a unit's posts whose officials may leave in one round before unit_spread costs",
    "merit_rank_points": "merit points per golongan above the post's minimum (per_step) and their cap",
    "merit_education_points": "merit points per education level above the post's minimum (per_step) and their cap",
    "leadership_training_required_for": "target kinds whose fitting leadership training (merit_training_for) must be met",
    "leadership_training_bars_move": "a nominee without that training is barred (false: flagged only)",
    "merit_training_points": "merit points for the leadership training the target kind asks for",
    "merit_sekda_jpt_points": "merit points for a Sekda candidate who held two JPT Pratama posts (if preferred)",
    "merit_training_for": "target kind -> leadership trainings that fit it",
    "merit_innovation_points": "merit points for an implemented innovation",
    "merit_award_points": "award level -> merit points",
    "merit_performance_points": "latest performance rating -> merit points",
    "discipline_record_penalty": "merit points taken for a discipline record where discipline does not bar a move",
}
# Parameters whose value may be null: the rule does not exist in that pack.
NULLABLE = frozenset({
    "min_years_before_bup_structural",
    "min_time_in_level_pengawas_years",
    "jpt_pratama_experience_fallback_from",
    "min_years_jpt_for_sekda",
    "min_years_in_lower_eselon",
    "unit_change_cap_share",
})
# Durations in years that may be fractional (2,5 tahun): they are compared in months.
# Ages, counts, the discipline cooldown (added to a date) and months stay whole numbers.
FRACTIONAL_YEARS = frozenset({
    "min_years_before_bup_structural", "min_experience_pengawas_years", "min_time_in_level_pengawas_years",
    "min_experience_administrator_years", "min_experience_jpt_pratama_years", "min_cumulative_related_years_jpt",
    "min_years_jpt_for_sekda", "min_years_in_lower_eselon", "tenure_min_years", "tenure_max_years",
    "new_jpt_protection_years", "overdue_years",
})
RETIREMENT_KEYS = ("ja", "jpt", "jf_keterampilan", "jf_ahli_pertama", "jf_ahli_muda", "jf_ahli_madya", "jf_ahli_utama")
EDUCATION_KINDS = ("pelaksana", "pengawas", "administrator", "jpt_pratama", "jpt_madya")

MOVE_TABLE_COLUMNS = [
    "from_kind", "from_eselon", "from_jf_level", "to_kind", "to_eselon", "to_jf_level",
    "move_type", "article", "same_rumpun", "open_selection", "sekda",
]


# --------------------------------------------------------------------------- grades

class Grade(NamedTuple):
    """A concrete post grade; ``""`` where eselon or JF level does not apply."""

    kind: str
    eselon: str
    jf_level: str


def _by_order(levels: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(levels, key=JF_LEVEL_ORDER.__getitem__))


_JF_GROUPS: dict[str, tuple[str, ...]] = {
    "*": tuple(JF_LEVEL_ORDER),
    "keterampilan": _by_order(JF_KETERAMPILAN),
    "keahlian": _by_order(JF_KEAHLIAN),
}

# Career level of each grade, for "no move down" and "horizontal means equal level".
# The equivalences are the regulations' own: pengawas ~ JF ahli muda and administrator ~
# JF ahli madya (Perbup Kayong Utara 23/2023 Pasal 13, Perwali Samarinda 69/2023 Pasal 46),
# JPT Pratama ~ JF ahli utama (KU Pasal 10, 12), and JF keterampilan / ahli pertama sit at
# the pelaksana level since they move *up* (diagonally) into pengawas (KU Pasal 21).
KIND_LEVEL = _KIND_LEVEL = {"pelaksana": 1, "pengawas": 2, "administrator": 3, "jpt_pratama": 4, "jpt_madya": 5}
JF_LEVEL = _JF_LEVEL = {**{lvl: 1 for lvl in JF_KETERAMPILAN}, "ahli_pertama": 1, "ahli_muda": 2, "ahli_madya": 3,
                        "ahli_utama": 4}
_KIND_ORDER = {k: i for i, k in enumerate(("pelaksana", "pengawas", "administrator", "jpt_pratama", "jpt_madya", "jf"))}


def expand_grade(grade: str) -> list[Grade]:
    """Concrete grades named by a grade string.

    ``pelaksana``; ``pengawas``/``administrator``/``jpt_pratama``/``jpt_madya`` (all their
    eselons) or ``kind:eselon`` (e.g. ``jpt_pratama:II.b``); ``jf:<level>``, ``jf:*``,
    ``jf:keterampilan`` (pemula..penyelia), ``jf:keahlian`` (ahli_pertama..ahli_utama).
    """
    kind, sep, qualifier = grade.partition(":")
    if kind == Kind.JF.value:
        if qualifier in _JF_GROUPS:
            levels = _JF_GROUPS[qualifier]
        elif qualifier in JF_LEVEL_ORDER:
            levels = (qualifier,)
        else:
            raise ValueError(
                f"jenjang JF {grade!r} tidak dikenal: pakai jf:<jenjang> ({', '.join(JF_LEVEL_ORDER)}), "
                "jf:*, jf:keterampilan atau jf:keahlian"
            )
        return [Grade("jf", "", lvl) for lvl in levels]
    if kind not in _KIND_LEVEL:
        raise ValueError(f"jenjang {grade!r} tidak dikenal: jenis jabatan {', '.join(k.value for k in Kind)}")
    eselons = sorted(ESELONS_OF_KIND[kind], key=ESELON_ORDER.__getitem__, reverse=True)
    if sep:
        if qualifier not in eselons:
            raise ValueError(f"jenjang {grade!r}: eselon {kind} hanya {', '.join(eselons) or 'tidak ada (tanpa eselon)'}")
        eselons = [qualifier]
    return [Grade(kind, e, "") for e in eselons] or [Grade(kind, "", "")]


def grade_level(g: Grade) -> int:
    """Career level 1 (pelaksana) .. 5 (JPT Madya), JF mapped to its structural equivalent."""
    return _JF_LEVEL[g.jf_level] if g.kind == "jf" else _KIND_LEVEL[g.kind]


def _within(g: Grade) -> int:
    """Rank inside one kind: higher eselon or JF level is larger."""
    return JF_LEVEL_ORDER[g.jf_level] if g.kind == "jf" else -ESELON_ORDER.get(g.eselon, 0)


def _sort_key(g: Grade) -> tuple[int, int, int]:
    return grade_level(g), _KIND_ORDER[g.kind], _within(g)


def _is_down(f: Grade, t: Grade) -> bool:
    return grade_level(t) < grade_level(f) or (f.kind == t.kind and _within(t) < _within(f))


def _is_lateral(f: Grade, t: Grade) -> bool:
    return grade_level(t) == grade_level(f) and (f.kind != t.kind or _within(t) == _within(f))


# --------------------------------------------------------------------------- models

def _non_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("tidak boleh kosong")
    return text


# Every value must be traceable to a regulation, so an article is never empty.
Article = Annotated[str, AfterValidator(_non_blank)]


class Parameter(BaseModel):
    """One pack parameter: its value and the article that sets it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: Any
    article: Article
    note: str | None = None


class MoveRule(BaseModel):
    """One row of the allowed-move table, written with grade strings (see :func:`expand_grade`)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    from_: str = Field(alias="from")
    to: str
    type: MoveType
    article: Article
    note: str | None = None
    same_jf_level: bool = False
    same_rumpun: bool = False
    # For rows between two posts of the same structural kind: ``same`` pairs equal eselons
    # (the default, a horizontal move), ``up`` pairs lower -> higher eselon in the level,
    # ``level`` pairs equal or higher eselons of the same jenjang as one horizontal move
    # (regulations that speak of jenjang only, e.g. KU Pasal 14 "JA lain yang setara").
    eselon: Literal["same", "up", "level"] | None = None
    open_selection: bool = False
    sekda: bool = False

    @field_validator("from_", "to")
    @classmethod
    def _known_grade(cls, grade: str) -> str:
        expand_grade(grade)
        return grade

    @model_validator(mode="after")
    def _check_pairs(self) -> MoveRule:
        kinds = {g.kind for g in expand_grade(self.from_)} | {g.kind for g in expand_grade(self.to)}
        if self.eselon and (len(kinds) != 1 or not ESELONS_OF_KIND[next(iter(kinds))]):
            raise ValueError(f"{self.label}: 'eselon' hanya berlaku antara jabatan dari satu jenis jabatan struktural")
        if self.same_jf_level and kinds != {"jf"}:
            raise ValueError(f"{self.label}: 'same_jf_level' hanya berlaku untuk baris JF -> JF")
        pairs = self.pairs()
        if not pairs:
            raise ValueError(f"{self.label}: tidak cocok dengan pasangan jabatan mana pun")
        # Validated here so that a pack can never carry a demotion or a mislabelled move.
        for f, t in pairs:
            if _is_down(f, t):
                raise ValueError(f"{self.label}: {_fmt(f)} -> {_fmt(t)} adalah perpindahan turun")
            if self.type is MoveType.HORIZONTAL and not _is_lateral(f, t) \
                    and not (self.eselon == "level" and grade_level(f) == grade_level(t)):
                raise ValueError(f"{self.label}: horizontal {_fmt(f)} -> {_fmt(t)} berpindah jenjang")
            if self.type is not MoveType.HORIZONTAL and f == t:
                raise ValueError(f"{self.label}: {self.type.value} {_fmt(f)} -> {_fmt(t)} bukan promosi")
        return self

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity of the row for ``extends``: its from/to spelling and eselon mode."""
        return self.from_, self.to, self.eselon or "same"

    @property
    def label(self) -> str:
        return f"jalur {self.from_} -> {self.to} ({self.type.value})"

    def pairs(self) -> list[tuple[Grade, Grade]]:
        """The concrete (from, to) grade pairs this row allows."""
        out = []
        for f in expand_grade(self.from_):
            for t in expand_grade(self.to):
                if self.same_jf_level and f.jf_level != t.jf_level:
                    continue
                if f.kind == t.kind and f.eselon:
                    mode = self.eselon or "same"
                    if mode == "same" and f.eselon != t.eselon:
                        continue
                    if mode == "up" and ESELON_ORDER[t.eselon] >= ESELON_ORDER[f.eselon]:
                        continue
                    if mode == "level" and ESELON_ORDER[t.eselon] > ESELON_ORDER[f.eselon]:
                        continue
                out.append((f, t))
        return out


def _fmt(g: Grade) -> str:
    return f"jf:{g.jf_level}" if g.kind == "jf" else (f"{g.kind}:{g.eselon}" if g.eselon else g.kind)


_TYPE_PRIORITY = {MoveType.VERTICAL.value: 0, MoveType.DIAGONAL.value: 1, MoveType.HORIZONTAL.value: 2}


class RulePack(BaseModel):
    """A resolved rule pack: parameters (value + article) and the allowed-move rows."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    title: str
    extends: str | None = None
    parameters: dict[str, Parameter] = Field(default_factory=dict)
    moves: list[MoveRule] = Field(default_factory=list)

    def _param(self, name: str) -> Parameter:
        try:
            return self.parameters[name]
        except KeyError:
            raise ValueError(
                f"rule pack {self.name!r} has no parameter {name!r}; valid: {', '.join(self.parameters)}"
            ) from None

    def value(self, name: str) -> Any:
        return self._param(name).value

    def article(self, name: str) -> str:
        return self._param(name).article

    def describe(self) -> list[dict[str, Any]]:
        """Rows (parameter, value, article, note) for reports, in PARAMETERS order."""
        return [
            {"parameter": n, "value": p.value, "article": p.article, "note": p.note or ""}
            for n in PARAMETERS
            if (p := self.parameters.get(n)) is not None
        ]

    def move_table(self) -> pd.DataFrame:
        """The moves expanded to concrete grade pairs, one row per (from, to) pair, sorted.

        When several rows yield the same pair: rows of the same type agree, so they merge
        (articles joined with "; ", flags or-ed since every article's condition applies);
        rows of different types conflict, and the stricter classification wins, vertical >
        diagonal > horizontal, because vertical and diagonal moves carry the pool and
        performance conditions.
        """
        best: dict[tuple[Grade, Grade], dict[str, Any]] = {}
        for rule in self.moves:
            for f, t in rule.pairs():
                row = {
                    "from_kind": f.kind, "from_eselon": f.eselon, "from_jf_level": f.jf_level,
                    "to_kind": t.kind, "to_eselon": t.eselon, "to_jf_level": t.jf_level,
                    "move_type": rule.type.value, "article": rule.article,
                    "same_rumpun": rule.same_rumpun, "open_selection": rule.open_selection,
                    "sekda": rule.sekda,
                }
                cur = best.get((f, t))
                if cur is None or _TYPE_PRIORITY[row["move_type"]] < _TYPE_PRIORITY[cur["move_type"]]:
                    best[(f, t)] = row
                elif row["move_type"] == cur["move_type"]:
                    if rule.article not in cur["article"].split("; "):
                        cur["article"] = f"{cur['article']}; {rule.article}"
                    for flag in ("same_rumpun", "open_selection", "sekda"):
                        cur[flag] = cur[flag] or row[flag]
        keys = sorted(best, key=lambda ft: (_sort_key(ft[0]), _sort_key(ft[1])))
        table = pd.DataFrame([best[k] for k in keys], columns=MOVE_TABLE_COLUMNS)
        return table.astype({c: bool for c in ("same_rumpun", "open_selection", "sekda")})


class _PackFile(RulePack):
    """A pack as written in its YAML file, before ``extends`` is resolved."""

    moves_replace: bool = False


# --------------------------------------------------------------------------- value checks

def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and not math.isnan(v)


def _years(v: Any) -> bool:
    return _is_int(v) and v >= 0


def _amount(v: Any) -> bool:
    return _is_number(v) and v >= 0


def _list_of(allowed: set[str] | frozenset[str]) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, list) and all(isinstance(x, str) and x in allowed for x in v)


def _grades(v: Any) -> bool:
    try:
        return isinstance(v, list) and bool(v) and all(isinstance(g, str) and expand_grade(g) for g in v)
    except ValueError:
        return False


def _mapping(keys: tuple[str, ...] | frozenset[str], ok: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, dict) and set(v) == set(keys) and all(ok(x) for x in v.values())


def _some_of(keys: set[str] | frozenset[str], ok: Callable[[Any], bool]) -> Callable[[Any], bool]:
    """A mapping whose keys are some of ``keys`` (the others count as zero or none)."""
    return lambda v: isinstance(v, dict) and all(k in keys and ok(x) for k, x in v.items())


_KINDS = {k.value for k in Kind}
# The grounds of Perbup Karawang 72/2020 Pasal 15 ayat (1) huruf a-c, in that order.
TENURE_EXCEPTIONS = ("kinerja", "kualifikasi", "pelanggaran")


def _box_key(k: Any) -> int | None:
    """A nine-box key as YAML (1) or JSON ("1") writes it."""
    if _is_int(k):
        return k
    return int(k) if isinstance(k, str) and k.isdigit() else None
_TRAININGS = {t.value for t in LeadershipTraining} - {LeadershipTraining.NONE.value}
_POINTS_AND_CAP = (_mapping(("per_step", "cap"), _amount), "pemetaan per_step dan cap ke poin (bilangan >= 0)")
_CHECKS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "retirement_age": (_mapping(RETIREMENT_KEYS, _years), f"pemetaan kunci {', '.join(RETIREMENT_KEYS)} ke usia (tahun)"),
    "min_education": (_mapping(EDUCATION_KINDS, lambda x: x in {e.value for e in Education}),
                      f"pemetaan {', '.join(EDUCATION_KINDS)} ke jenjang pendidikan"),
    "min_rank_by_eselon": (_mapping(tuple(e.value for e in Eselon), lambda x: x in RANKS),
                           "pemetaan setiap eselon ke golongan, mis. III/a"),
    "promotion_min_performance": (lambda v: v in {p.value for p in Performance}, "predikat kinerja (sangat_baik, baik, ...)"),
    "pool_boxes": (lambda v: isinstance(v, list) and bool(v) and all(_is_int(b) and 1 <= b <= 9 for b in v),
                   "daftar nomor kotak talenta 1..9"),
    "pool_required_for": (_list_of(_KINDS), "daftar jenis jabatan"),
    "bup_reference": (lambda v: v in ("birthday", "pension_start"),
                      "birthday (tanggal mencapai usia BUP) atau pension_start (TMT pensiun, tanggal 1 bulan berikutnya)"),
    "pool_exempt_open_selection_from": (lambda v: v == [] or _grades(v),
                                        "daftar jenjang (boleh kosong), mis. jf:ahli_madya"),
    "leadership_training_required_for": (_list_of(_KINDS), "daftar jenis jabatan (boleh kosong)"),
    "tenure_exempt_from": (lambda v: v == [] or _grades(v), "daftar jenjang (boleh kosong), mis. pelaksana atau jf:keterampilan"),
    "tenure_max_exempt_from": (lambda v: v == [] or _grades(v), "daftar jenjang (boleh kosong), mis. pelaksana"),
    "tenure_min_exceptions": (_list_of(set(TENURE_EXCEPTIONS)),
                              f"daftar alasan (boleh kosong): {', '.join(TENURE_EXCEPTIONS)}"),
    "target_not_met_below": (lambda v: v in {p.value for p in Performance}, "predikat kinerja (sangat_baik, baik, ...)"),
    "low_rating_below": (lambda v: v in {p.value for p in Performance}, "predikat kinerja (sangat_baik, baik, ...)"),
    "no_promotion_boxes": (lambda v: isinstance(v, list) and all(_is_int(b) and 1 <= b <= 9 for b in v),
                           "daftar nomor kotak talenta 1..9 (boleh kosong)"),
    "low_talent_boxes": (lambda v: isinstance(v, list) and all(_is_int(b) and 1 <= b <= 9 for b in v),
                         "daftar nomor kotak talenta 1..9 (boleh kosong)"),
    "nine_box_advice": (lambda v: isinstance(v, dict) and {_box_key(k) for k in v} == set(range(1, 10))
                        and all(isinstance(x, str) and x.strip() for x in v.values()),
                        "pemetaan setiap kotak 1..9 ke teks rekomendasi"),
    "discipline_levels": (_list_of({d.value for d in DisciplineLevel}), "daftar ringan/sedang/berat"),
    "pengawas_experience_from": (_grades, "daftar jenjang, mis. pelaksana atau jf:*"),
    "time_in_level_pengawas_from": (_grades, "daftar jenjang, mis. pelaksana atau jf:*"),
    "administrator_experience_from": (_grades, "daftar jenjang, mis. pengawas atau jf:ahli_muda"),
    "jpt_pratama_experience_from": (_grades, "daftar jenjang, mis. administrator:III.a atau jf:ahli_madya"),
    "jpt_pratama_experience_fallback_from": (_grades, "daftar jenjang, mis. administrator:III.a atau jf:ahli_madya"),
    "unit_change_cap_share": (lambda v: _is_number(v) and 0 < v <= 1, "bagian antara 0 dan 1"),
    "spread_share": (lambda v: _is_number(v) and 0 < v <= 1, "bagian antara 0 dan 1"),
    "shortlist_ratio": (lambda v: _is_int(v) and v >= 1, "bilangan bulat >= 1"),
    "rumpun_mismatch_points": (lambda v: isinstance(v, dict) and set(v) == {"different", "with_experience",
                                                                            "experience_years"}
                               and all(_amount(x) for x in v.values())
                               and v["with_experience"] <= v["different"],
                               "{different: poin, with_experience: poin (<= different), experience_years: tahun}, "
                               "bilangan >= 0"),
    "merit_rank_points": _POINTS_AND_CAP,
    "merit_education_points": _POINTS_AND_CAP,
    "merit_training_for": (_some_of(_KINDS, _list_of(_TRAININGS)),
                           f"pemetaan jenis jabatan ke daftar diklat kepemimpinan ({', '.join(sorted(_TRAININGS))})"),
    "merit_award_points": (_some_of({a.value for a in AwardLevel}, _amount),
                           f"pemetaan tingkat penghargaan ({', '.join(a.value for a in AwardLevel)}) ke poin >= 0"),
    "merit_performance_points": (_some_of({p.value for p in Performance}, _amount),
                                 "pemetaan predikat kinerja (sangat_baik, baik, ...) ke poin >= 0"),
}
for _name in ("sekda_two_jpt_preferred", "pool_requires_ready_now", "discipline_bars_move",
              "jpt_open_selection", "jf_to_structural_same_rumpun", "same_rumpun_bars_move",
              "leadership_training_bars_move", "open_selection_applicants_short", "low_talent_allowed",
              "low_rating_allowed"):
    _CHECKS[_name] = (lambda v: isinstance(v, bool), "true atau false")
for _name in ("merit_training_points", "merit_innovation_points", "discipline_record_penalty", "merit_sekda_jpt_points"):
    _CHECKS[_name] = (_amount, "poin, bilangan >= 0")
for _name in FRACTIONAL_YEARS:
    _CHECKS[_name] = (_amount, "bilangan (tahun) >= 0, mis. 2 atau 2.5")
for _name in PARAMETERS:
    _CHECKS.setdefault(_name, (_years, "bilangan bulat (tahun/bulan) >= 0"))
del _name


def _value_problem(name: str, value: Any) -> str | None:
    """Why ``value`` is no valid value of parameter ``name`` (Indonesian), or None."""
    if value is None and name in NULLABLE:
        return None
    ok, expected = _CHECKS[name]
    if not ok(value):
        null = " atau null (aturan tidak berlaku)" if name in NULLABLE else ""
        return f"harus {expected}{null}, bukan {value!r}"
    return None


# --------------------------------------------------------------------------- problems

class PackProblem(NamedTuple):
    """One thing wrong with a pack file or a scenario override, located."""

    file: str  # the pack file, or "" for the scenario (its overrides, its rule_pack name)
    key: str | None  # e.g. "parameters.tenure_min_years.value", "moves.3.to", "rule_pack"
    value: Any
    message: str  # Indonesian

    def __str__(self) -> str:
        where = Path(self.file).name if self.file else "skenario"
        key = f", {self.key}" if self.key else ""
        return f"{where}{key}: {self.message}"


class RulePackError(ValueError):
    """A rule pack that cannot be used: every problem found, not the first only."""

    def __init__(self, problems: list[PackProblem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


_PYDANTIC_WORDS = {
    "missing": "wajib diisi",
    "extra_forbidden": "kunci tidak dikenal",
    "string_type": "harus teks",
    "bool_type": "harus true atau false",
    "bool_parsing": "harus true atau false",
    "dict_type": "harus pemetaan (kunci: nilai)",
    "model_type": "harus pemetaan (kunci: nilai)",
    "list_type": "harus daftar",
}


def _unknown_parameter(key: str, pack: str) -> str:
    close = difflib.get_close_matches(str(key), PARAMETERS, n=1, cutoff=0.6)
    hint = f" (maksudnya {close[0]!r}?)" if close else ""
    return f"parameter {key!r} tidak dikenal{hint}; daftar parameter: planner rules {pack}"


def _validation_problems(file: str, prefix: str, exc: ValidationError) -> list[PackProblem]:
    out = []
    for err in exc.errors():
        key = ".".join(str(x) for x in (prefix, *err["loc"]) if str(x) != "")
        kind = err["type"]
        if kind == "value_error":
            message = str(err.get("ctx", {}).get("error", err["msg"]))
        elif kind in ("enum", "literal_error"):
            expected = str(err.get("ctx", {}).get("expected", "")).replace(" or ", " atau ")
            message = f"harus salah satu dari {expected}"
        else:
            message = _PYDANTIC_WORDS.get(kind, err["msg"])
        value = err.get("input") if kind != "missing" else None
        out.append(PackProblem(file, key, value if not isinstance(value, dict) else None, message))
    return out


# --------------------------------------------------------------------------- loading

def _directory(search_path: str | Path | None) -> Path:
    return Path(search_path) if search_path is not None else PACK_DIR


def available_packs(search_path: str | Path | None = None) -> list[str]:
    """Names of the packs in the pack directory (the YAML file stems), sorted."""
    return sorted(p.stem for p in _directory(search_path).glob("*.yaml"))


def _shown(path: Path) -> str:
    """A pack file as messages name it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


_FILE_KEYS = ("name", "title", "extends", "parameters", "moves", "moves_replace")


def _read(name: str, directory: Path) -> tuple[_PackFile | None, list[PackProblem]]:
    """One pack file, validated part by part so that every problem in it is reported."""
    path = directory / f"{name}.yaml"
    if not path.is_file():
        return None, [PackProblem("", "rule_pack", name, f"paket aturan {name!r} tidak dikenal; yang tersedia: "
                                                         f"{', '.join(available_packs(directory))}")]
    file = _shown(path)
    try:
        text = path.read_text(encoding="utf-8")
        # libyaml's parser when built in (a pack is read twice per run; the pure-Python one took
        # 0.1-0.2 s each time); on a broken file the pure one again, for its message.
        try:
            raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader
        except yaml.YAMLError:
            raw = yaml.safe_load(text)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return None, [PackProblem(file, None, None, f"berkas YAML tidak dapat dibaca: {exc}")]
    if not isinstance(raw, dict):
        return None, [PackProblem(file, None, None, "isi berkas harus pemetaan (name, title, parameters, moves)")]
    problems = [PackProblem(file, k, None, f"kunci tidak dikenal; yang ada: {', '.join(_FILE_KEYS)}")
                for k in raw if k not in _FILE_KEYS]
    if raw.get("name") != name:
        problems.append(PackProblem(file, "name", raw.get("name"), f"nama paket harus sama dengan nama berkas ({name!r})"))
    if not isinstance(raw.get("title"), str) or not raw["title"].strip():
        problems.append(PackProblem(file, "title", raw.get("title"), "judul paket wajib diisi (teks)"))
    if raw.get("extends") is not None and not isinstance(raw["extends"], str):
        problems.append(PackProblem(file, "extends", raw["extends"], "harus nama paket induk (teks)"))
    if not isinstance(raw.get("moves_replace", False), bool):
        problems.append(PackProblem(file, "moves_replace", raw["moves_replace"], "harus true atau false"))

    params: dict[str, Parameter] = {}
    raw_params = raw.get("parameters") or {}
    if not isinstance(raw_params, dict):
        problems.append(PackProblem(file, "parameters", None, "harus pemetaan nama parameter ke value dan article"))
        raw_params = {}
    for key, entry in raw_params.items():
        where = f"parameters.{key}"
        if key not in PARAMETERS:
            problems.append(PackProblem(file, where, None, _unknown_parameter(key, name)))
            continue
        try:
            param = Parameter.model_validate(entry)
        except ValidationError as exc:
            problems += _validation_problems(file, where, exc)
            continue
        why = _value_problem(key, param.value)
        if why:
            problems.append(PackProblem(file, f"{where}.value", param.value, f"parameter {key!r} {why}"))
        params[key] = param

    moves: list[MoveRule] = []
    raw_moves = raw.get("moves") or []
    if not isinstance(raw_moves, list):
        problems.append(PackProblem(file, "moves", None, "harus daftar jalur mutasi"))
        raw_moves = []
    for i, entry in enumerate(raw_moves):
        try:
            moves.append(MoveRule.model_validate(entry))
        except ValidationError as exc:
            problems += _validation_problems(file, f"moves.{i}", exc)
    keys = [m.key for m in moves]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    if dupes:
        problems.append(PackProblem(file, "moves", None, "jalur mutasi berulang: "
                                    + ", ".join(f"{a} -> {b}" for a, b, _ in dupes)))
    if problems:
        return None, problems
    pack = _PackFile(name=name, title=raw["title"], extends=raw.get("extends"), parameters=params,
                     moves=moves, moves_replace=bool(raw.get("moves_replace", False)))
    return pack, []


def _resolve(name: str, directory: Path, chain: tuple[str, ...]) -> tuple[RulePack | None, list[PackProblem]]:
    if name in chain:
        file = _shown(directory / f"{chain[-1]}.yaml")
        return None, [PackProblem(file, "extends", name, f"pewarisan paket berputar: {' -> '.join((*chain, name))}")]
    raw, problems = _read(name, directory)
    if raw is None:
        if chain and problems and problems[0].key == "rule_pack":
            # An unknown parent: the child's ``extends`` is at fault, not the scenario.
            file = _shown(directory / f"{chain[-1]}.yaml")
            problems = [PackProblem(file, "extends", name, problems[0].message)]
        return None, problems
    params, moves = dict(raw.parameters), list(raw.moves)
    if raw.extends is not None:
        parent, problems = _resolve(raw.extends, directory, (*chain, name))
        if parent is None:
            return None, problems
        params = {**parent.parameters, **raw.parameters}
        if not raw.moves_replace:
            # A child row with the same key (from/to spelling, eselon mode) takes the parent
            # row's place, so a region can reclassify a move or cite its own article; the
            # child's other rows are added after the parent's.
            own = {m.key: m for m in raw.moves}
            merged = [own.pop(m.key, m) for m in parent.moves]
            moves = merged + [m for m in raw.moves if m.key in own]
    return RulePack(name=raw.name, title=raw.title, extends=raw.extends, parameters=params, moves=moves), []


def load_rule_pack(
    name: str,
    overrides: dict[str, object] | None = None,
    *,
    search_path: str | Path | None = None,
) -> RulePack:
    """Load pack ``name`` with its ``extends`` chain resolved, then apply scenario overrides.

    ``overrides`` maps parameter names to new values; the article of an overridden
    parameter records that the scenario set it and which article it replaced.
    ``search_path`` is the pack directory (default: the packs shipped with the planner).
    Raises :class:`RulePackError` (a ``ValueError``) listing every problem found: an
    unknown pack, an ``extends`` cycle, every invalid entry of the pack files, every
    unknown or ill-typed override.
    """
    directory = _directory(search_path)
    pack, problems = _resolve(name, directory, ())
    if pack is not None:
        missing = [p for p in PARAMETERS if p not in pack.parameters]
        if missing:
            problems.append(PackProblem(_shown(directory / f"{name}.yaml"), "parameters", None,
                                        f"parameter tidak terisi (juga tidak dari paket induk): {', '.join(missing)}"))
    params = dict(pack.parameters) if pack is not None else {}
    for key, value in (overrides or {}).items():
        where = f"parameters.{key}"
        if key not in PARAMETERS:
            problems.append(PackProblem("", where, None, _unknown_parameter(key, name)))
            continue
        why = _value_problem(key, value)
        if why:
            problems.append(PackProblem("", where, value, f"parameter {key!r} {why}"))
        elif key in params:
            old = params[key]
            params[key] = Parameter(
                value=value,
                article=f"ditetapkan dalam skenario (menggantikan: {old.article})",
                note=f"nilai dalam paket {name}: {old.value!r}",
            )
    if problems:
        raise RulePackError(problems)
    assert pack is not None
    return pack.model_copy(update={"parameters": params}) if overrides else pack


# Scenario keys that set a pack parameter. Each overrides the pack only when present; the
# pack's value (and article) holds otherwise, and the value in force is the pack's.
SCENARIO_KEYS: dict[str, str] = {"shortlist_ratio": "shortlist_ratio", "unit_change_cap": "unit_change_cap_share"}


def scenario_overrides(scenario: Scenario) -> dict[str, Any]:
    """The scenario's overrides of its pack: ``parameters:`` and the keys of :data:`SCENARIO_KEYS`.

    Raises :class:`RulePackError` when a key and ``parameters:`` set the same parameter to
    different values (the scenario must say one thing).
    """
    out = dict(scenario.parameters or {})
    problems = []
    for key, name in SCENARIO_KEYS.items():
        value = getattr(scenario, key)
        if value is None:
            continue
        if name in out and out[name] != value:
            problems.append(PackProblem("", key, value, f"bertentangan dengan parameters.{name} ({out[name]!r}); "
                                                        f"tulis salah satu saja"))
        out[name] = value
    if problems:
        raise RulePackError(problems)
    return out


def advice_for(box: Any, pack: RulePack) -> str | None:
    """The BKN advice for nine-box ``box`` (``nine_box_advice``), or None for no box."""
    try:
        key = int(box)
    except (TypeError, ValueError):
        return None
    advice = {_box_key(k): v for k, v in pack.value("nine_box_advice").items()}
    return advice.get(key)


def pack_findings(scenario: Scenario, scenario_path: str | Path, *,
                  search_path: str | Path | None = None) -> list[Finding]:
    """Every problem of the scenario's rule pack and ``parameters:`` overrides, as findings.

    Problems in a pack file name that file and the key (``parameters.X.value``); problems
    in the scenario name ``scenario_path`` and ``rule_pack`` or ``parameters.X``. An empty
    list means the pack loads.
    """
    try:
        load_rule_pack(scenario.rule_pack, scenario_overrides(scenario) or None, search_path=search_path)
    except RulePackError as exc:
        scenario_file = Path(scenario_path).name
        return [Finding(severity="error", file=p.file or scenario_file, column=p.key,
                        value=None if p.value is None else str(p.value),
                        message=p.message if p.file or p.key == "rule_pack"
                        else f"paket aturan {scenario.rule_pack!r}: {p.message}")
                for p in exc.problems]
    return []

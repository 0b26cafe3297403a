"""The data contract as pydantic models: one model per input row, and the scenario file.

Field types validate single cells (formats, enum values, ranges). Checks that need more
than one cell - NIP against birth date, holder against post, overlapping history - live in
``planner.inputs.validate`` where they run vectorised over whole tables.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
)

from models.enums import (
    RANKS,
    AwardLevel,
    DisciplineLevel,
    Education,
    Eselon,
    Gender,
    JfLevel,
    Kind,
    LeadershipTraining,
    Performance,
    Potential,
    Readiness,
)

_TRUE = {"true", "ya", "1", "y", "yes"}
_FALSE = {"false", "tidak", "0", "n", "no"}


def _parse_bool(v: Any) -> Any:
    if isinstance(v, bool) or v is None:
        return v
    s = str(v).strip().lower()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise ValueError("harus true/false (atau ya/tidak, 1/0)")


def _check_rank(v: str) -> str:
    if v not in RANKS:
        raise ValueError(f"golongan tidak dikenal; yang diterima: {RANKS[0]} … {RANKS[-1]} (mis. III/b)")
    return v


_SCIENTIFIC = re.compile(r"[0-9]([.,][0-9]+)?[eE]\+?[0-9]+")


def _check_nip(v: str) -> str:
    # isascii: str.isdigit also accepts other scripts' digits and superscripts ("²").
    if len(v) != 18 or not (v.isascii() and v.isdigit()):
        if _SCIENTIFIC.fullmatch(v):  # 1,98001E+17: Excel showed the NIP as a number
            raise ValueError("NIP tersimpan sebagai angka (1,98E+17) dan digit terakhirnya hilang; format kolom "
                             "sebagai teks lalu ketik ulang NIP-nya")
        raise ValueError("NIP harus 18 digit angka")
    return v


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _parse_date(v: Any) -> Any:
    """A date is ``YYYY-MM-DD`` (the one documented format) or a date object (YAML, XLSX).

    pydantic alone would read ``0`` and ``86400`` as Unix timestamps (1970-01-01/02) and
    accept ``2020-01-01T00:00:00``: silent nonsense in a career record.
    """
    # ValueError, not TypeError: pydantic turns only ValueError into a located finding.
    if isinstance(v, dt.datetime):
        raise ValueError("harus tanggal tanpa jam (format YYYY-MM-DD)")  # noqa: TRY004
    if isinstance(v, date):
        return v
    if isinstance(v, str):
        return _iso_date(v)
    raise ValueError("bukan tanggal yang valid (format YYYY-MM-DD)")


@functools.lru_cache(maxsize=65536)
def _iso_date(v: str) -> date:
    """``YYYY-MM-DD`` text as a date, once per distinct text: a scenario's files repeat the
    same dates (TMT, starts of periods) thousands of times. Errors are raised, never cached."""
    s = v.strip()
    if _ISO_DATE.fullmatch(s):
        try:
            return date.fromisoformat(s)
        except ValueError:
            raise ValueError("tanggal tidak ada di kalender (format YYYY-MM-DD)") from None
    raise ValueError("bukan tanggal yang valid (format YYYY-MM-DD)")


# Control characters (C0, DEL, C1) in a name or title break the XLSX report (openpyxl
# refuses them) and hide text in a terminal; a line break inside an id is usually a
# stray quote that merged rows. Rejected where the cell is read, with its row and column.
_CONTROL_BUT_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
MAX_TEXT = 500  # characters in one cell of text; a longer cell is a pasting accident


def control_message(ch: str) -> str:
    return (f"berisi karakter kontrol (kode {ord(ch):#04x}, mis. tab atau pindah baris); "
            "hapus karakter itu")


def _check_free_text(v: str) -> str:
    m = _CONTROL_BUT_LINES.search(v)
    if m:
        raise ValueError(control_message(m.group()))
    return v


Bool = Annotated[bool, BeforeValidator(_parse_bool)]
Rank = Annotated[str, AfterValidator(_check_rank)]
Nip = Annotated[str, AfterValidator(_check_nip)]
Date = Annotated[date, BeforeValidator(_parse_date)]
# The pattern runs in pydantic's core (no Python call per cell); its error is worded by
# the loader ("string_pattern_mismatch").
NO_CONTROL = r"^[^\x00-\x1f\x7f-\x9f]*$"
Text = Annotated[str, Field(max_length=MAX_TEXT, pattern=NO_CONTROL)]
NonEmpty = Annotated[str, Field(min_length=1, max_length=MAX_TEXT, pattern=NO_CONTROL)]
FreeText = Annotated[str, Field(max_length=20 * MAX_TEXT), AfterValidator(_check_free_text)]


class _Row(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=True)


class PositionRow(_Row):
    """One seat of the job map (peta jabatan): ``positions.csv``."""

    position_id: NonEmpty
    title: NonEmpty
    unit: NonEmpty
    kind: Kind
    eselon: Eselon | None = None
    jf_level: JfLevel | None = None
    rumpun: NonEmpty
    min_rank: Rank | None = None
    min_education: Education | None = None
    critical: Bool = False
    holder_nip: Nip | None = None


class EmployeeRow(_Row):
    """One PNS profile: ``employees.csv``."""

    nip: Nip
    name: NonEmpty
    birth_date: Date
    gender: Gender
    rank: Rank
    rank_since: Date
    education: Education
    position_id: Text | None = None
    position_since: Date | None = None
    performance: Performance
    performance_prev: Performance | None = None
    potential: Potential
    jpm: Annotated[float, Field(ge=0, le=100)] | None = None
    assessment_date: Date | None = None
    nine_box: Annotated[int, Field(ge=1, le=9)] | None = None
    in_pool: Bool = False
    readiness: Readiness | None = None
    leadership_training: LeadershipTraining = LeadershipTraining.NONE
    innovation: Bool = False
    award_level: AwardLevel = AwardLevel.NONE


class HistoryRow(_Row):
    """One past or current post of a career record: ``history.csv``."""

    nip: Nip
    kind: Kind
    eselon: Eselon | None = None
    jf_level: JfLevel | None = None
    unit: NonEmpty
    rumpun: NonEmpty
    start: Date
    end: Date | None = None


class DisciplineRow(_Row):
    """One disciplinary sanction (hukuman disiplin): ``discipline.csv``."""

    nip: Nip
    level: DisciplineLevel
    sanction: NonEmpty
    start: Date
    end: Date | None = None


# Columns of the contract that a file may leave out, with what is then assumed (listed in
# docs/data-contract.md, "Columns left out"). Leaving out any other column is an error:
# dropping `critical` or `in_pool` must not silently make every post non-critical.
ABSENT_COLUMN_DEFAULTS: dict[str, dict[str, str]] = {
    "positions": {
        "min_rank": "kosong (golongan minimal bawaan paket aturan)",
        "min_education": "kosong (pendidikan minimal bawaan paket aturan)",
    },
    "employees": {
        "performance_prev": "kosong (tanpa penilaian kinerja tahun sebelumnya)",
        "jpm": "kosong (tanpa nilai JPM)",
        "assessment_date": "kosong (tanpa tanggal asesmen)",
        "nine_box": "dihitung dari kinerja dan potensial",
    },
}

TABLE_MODELS: dict[str, type[_Row]] = {
    "positions": PositionRow,
    "employees": EmployeeRow,
    "history": HistoryRow,
    "discipline": DisciplineRow,
}


# --------------------------------------------------------------------------- scenario


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DataFiles(_Strict):
    # The loader makes every path absolute (relative to the file that names it); a relative
    # default here means "not given by any scenario file" and is never read.
    positions: NonEmpty = "positions.csv"
    employees: NonEmpty = "employees.csv"
    history: NonEmpty = "history.csv"
    discipline: NonEmpty = "discipline.csv"


class Assignment(_Strict):
    """A (person, post) pair named by the planner: a lock or a ban."""

    nip: Nip
    position_id: NonEmpty


class SolverSettings(_Strict):
    time_limit_s: Annotated[float, Field(gt=0)] = 60.0
    seed: Annotated[int, Field(ge=0)] = 0
    workers: Annotated[int, Field(ge=1, le=64)] = 2
    # Reproducible even when a limit stops the search: CP-SAT interleaved search with a work
    # budget in deterministic seconds (time_limit_s x planner.solve.cpsat.DTIME_PER_SECOND);
    # the wall clock still stops it at time_limit_s, and then the plan may differ between
    # runs (the run says so). Off: CP-SAT's parallel portfolio, stopped by the wall clock
    # only, which may find better plans in the same time but not the same ones twice.
    deterministic: bool = True
    # The work budget of a deterministic search, in CP-SAT deterministic seconds; None:
    # time_limit_s x planner.solve.cpsat.DTIME_PER_SECOND. Set it to keep runs reproducible
    # on a machine so slow or shared that the wall clock would end the search first.
    work_limit: Annotated[float, Field(gt=0)] | None = None
    # "auto": the LP relaxation first (proof without search when integral), otherwise CP-SAT
    # on the decisions the LP duals price within the gap (reduced-cost fixing: a proof);
    # "cp-sat": CP-SAT over the whole neighbourhood of the LP's fractional values first, then
    # the same proof (slower; to compare and to exercise the search).
    method: Literal["auto", "cp-sat"] = "auto"
    # Stop the search when within this relative gap of the best bound (LP or CP-SAT's own).
    relative_gap: Annotated[float, Field(ge=0, le=0.5)] = 1e-5
    # Keep only this many best pairs per post (plus each person's best and every lock).
    # None (default) keeps every eligible pair: measured, pruning lost 7 % of the objective
    # on the kabupaten benchmark while the LP solves the full model in seconds.
    candidates_per_post: Annotated[int, Field(ge=1)] | None = None
    # Where the pack weighs a different rumpun instead of barring it (Karawang Pasal 23 ayat
    # (4)), the JF candidates of other rumpun multiply the pairs (generated provinsi 0.7 M ->
    # 3.7 M, 5 GB). A planner's pruning, not a rule: each class of identical posts keeps its
    # best cross_rumpun_per_post such candidates per post (by Nilai), and all of them where
    # it has fewer than cross_rumpun_full_below other candidates; every lock is kept.
    # None: every cross-rumpun pair is kept. plan.json sizes.rumpun_pruned_pairs counts the rest.
    cross_rumpun_per_post: Annotated[int, Field(ge=0)] | None = 10
    cross_rumpun_full_below: Annotated[int, Field(ge=0)] = 10


class ElectionWindow(_Strict):
    """Pilkada dates (UU 10/2016 Pasal 71 ayat (2), Pasal 162 ayat (3))."""

    candidate_designation: Date | None = None
    term_end: Date | None = None
    inauguration: Date | None = None
    minister_approval: bool = False


class Weights(_Strict):
    """Objective weights; defaults and their reasons are in docs/objective.md.

    Three tiers, each far above the next: filling posts (``fill``, ``fill_critical``), merit
    (the fit terms, scaled by the target post's ``level`` weight and ``critical_merit``), and
    the purpose terms that only decide between candidates of comparable merit
    (``overdue_rotation``, ``cross_unit``, ``unit_spread``, ``move_cost``: each below one point).
    """

    fill_critical: float = 2500.0
    fill: float = 1000.0
    nine_box: float = 15.0
    jpm: float = 30.0
    merit: float = 1.0
    # Per point of the pack's rumpun_mismatch_points, where the pack weighs a different rumpun
    # instead of barring it (Karawang Pasal 23 ayat (4)): the points are the pack's.
    rumpun_fit: Annotated[float, Field(ge=0)] = 1.0
    # Merit counts more in a higher post, by eselon: the best people go up (a promotion of the
    # stronger candidate is worth more than that of the weaker, a step from III.b to III.a
    # included), and to critical posts. A post without eselon counts 1.
    level: dict[Eselon, Annotated[float, Field(ge=0)]] = Field(default_factory=lambda: {
        Eselon("IV.b"): 1.0, Eselon("IV.a"): 1.5, Eselon("III.b"): 2.0, Eselon("III.a"): 2.5,
        Eselon("II.b"): 3.0, Eselon("II.a"): 3.5, Eselon("I.b"): 4.0})
    critical_merit: Annotated[float, Field(ge=1)] = 1.5
    # Per point of the chosen one's merit score, per move: between plans of equal merit and
    # equal moves, the stronger candidate takes the post being filled. Below 1/100 so that
    # it never pays a move by itself (scores stay under 100 points).
    choice: Annotated[float, Field(ge=0)] = 0.008
    overdue_rotation: float = 0.15
    cross_unit: float = 0.03
    unit_spread: float = 0.5
    move_cost: float = 1.0
    nomination: float = 0.1
    # Merit order: per point (at the post's level weight) by which the one chosen for a post
    # falls more than ``comparable_merit`` below the post's strongest available candidate.
    # At most 1 × 5,25 × 105 ≈ 551 points, below a post filled (1000): never worth leaving a
    # post empty. Measured in docs/objective.md.
    shortfall: Annotated[float, Field(ge=0, le=1)] = 1.0

class Scenario(_Strict):
    """A resolved ``scenario.yaml`` (``extends`` already merged; data paths absolute)."""

    name: NonEmpty
    as_of: Date
    rule_pack: NonEmpty = "national"
    data: DataFiles = DataFiles()
    # Nominees per filled post; None: the rule pack's ``shortlist_ratio`` (BKN 1:3). A value
    # here overrides the pack (planner.rules.pack.SCENARIO_KEYS); plan.json reports the one in force.
    shortlist_ratio: Annotated[int, Field(ge=1, le=10)] | None = None
    max_nominations: Annotated[int, Field(ge=1)] = 3
    allow_need_development: bool = False
    merit_exempt: bool = False
    # Share of a unit's staffed posts that moves may empty; None: the pack's
    # ``unit_change_cap_share`` (Karawang 0.5, Pasal 23 ayat (3) huruf a-b; national none).
    unit_change_cap: Annotated[float, Field(gt=0, le=1)] | None = None
    # Round size: at most this share of the structural officials (holders of posts in the
    # round's scope) change posts in one round; null = no cap. A planner's setting, not a
    # regulation: a quarter keeps a round reviewable by the committee (docs/objective.md).
    max_moved_share: Annotated[float, Field(gt=0, le=1)] | None = 0.25
    # Candidates within this many points of merit score (Nilai) are of comparable merit: the
    # purpose terms (rotation, spread, stability) decide between them (docs/objective.md).
    comparable_merit: Annotated[float, Field(ge=0)] = 1.0
    # Strict merit order: no post goes to someone more than ``comparable_merit`` below an
    # available candidate who stays where they are (priced re-solves, docs/objective.md,
    # "Strict merit order"). On by default (issue 10: merit first); false gives the plain
    # objective, with its proof of optimality and fewer moves (measured there).
    merit_order: bool = True
    parameters: dict[str, Any] = Field(default_factory=dict)
    election: ElectionWindow | None = None
    weights: Weights = Weights()
    locks: list[Assignment] = Field(default_factory=list)
    bans: list[Assignment] = Field(default_factory=list)
    keep: list[Nip] = Field(default_factory=list)
    reserve: list[NonEmpty] = Field(default_factory=list)
    solver: SolverSettings = SolverSettings()
    description: FreeText | None = None


SHOWN_VALUE_MAX = 80  # characters of an offending value shown in a message


class Finding(BaseModel):
    """One problem found in the input, located precisely enough for a clerk to fix it."""

    model_config = ConfigDict(frozen=True)

    severity: Literal["error", "warning"]
    file: str
    sheet: str | None = None  # the worksheet, for XLSX input
    row: int | None = None  # spreadsheet row number: the header is row 1
    column: str | None = None
    value: str | None = None
    message: str

    @field_validator("value", "column", mode="before")
    @classmethod
    def _bounded(cls, v: Any) -> Any:
        # A message shows the offending value, never all of it: a 100 kB cell (or a YAML
        # structure) must not turn one message into a flood.
        if isinstance(v, str) and len(v) > SHOWN_VALUE_MAX:
            return v[:SHOWN_VALUE_MAX] + f"… ({len(v):,} karakter)"
        return v

    @property
    def where_file(self) -> str:
        """The file, and the sheet of a workbook: ``data.xlsx, lembar employees``."""
        return self.file if not self.sheet else f"{self.file}, lembar {self.sheet}"

    def __str__(self) -> str:
        where = self.where_file
        if self.row is not None:
            where += f"{',' if self.sheet else ''} baris {self.row}"
        if self.column:
            key = "kunci" if self.file.endswith((".yaml", ".yml")) else "kolom"
            where += f", {key} {self.column}"
        label = "GALAT" if self.severity == "error" else "PERINGATAN"
        shown = f" {self.value!r}" if self.value not in (None, "") else ""
        return f"[{label}] {where}:{shown} — {self.message}"

"""A plan as written to a run folder: what reports, explanations and comparisons read.

Nothing here knows the solver. ``plan.json`` is this model serialised; the CSV files of
the data contract (plan.csv, shortlist.csv, unfilled.csv) are flat views of it, and
checks.csv holds every rule verdict behind every nominee.
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from models.enums import MoveType



MERIT_ORDER_METHOD = "merit-order"  # Plan.method of a plan solved under the strict merit order (Scenario.merit_order)

class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Move(_M):
    """One proposed move (usulan mutasi)."""

    nip: str
    name: str
    rank: str  # golongan
    from_position_id: str | None
    from_title: str | None
    from_unit: str | None
    from_kind: str | None
    to_position_id: str
    to_title: str
    to_unit: str
    to_kind: str
    to_critical: bool = False
    move_type: MoveType
    article: str  # the move table row that allows this path
    score: float  # the pair's fit score (objective units)
    score_terms: dict[str, float]
    chain: int  # moves that free posts for each other share a chain number
    chain_kind: str  # "rantai" (chain), "tukar" (swap), "rotasi" (cycle of 3+), "tunggal" (single)
    overdue: bool  # at or past the tour-of-duty limit in the old post
    tenure_months: int | None


class Nominee(_M):
    position_id: str
    rank: int  # 1 = the chosen one when the post is filled
    nip: str
    name: str
    score: float
    chosen: bool
    # "nominasi": the 1:3 shortlist of a post the plan fills; "seleksi_terbuka": candidates
    # proposed to the open-selection panel for a JPT post the plan does not fill.
    purpose: str = "nominasi"


class Unfilled(_M):
    position_id: str
    title: str
    unit: str
    kind: str
    critical: bool
    reason: str  # code: kurang_kandidat, seleksi_terbuka, dicadangkan, pemegang_tetap, tidak_terpilih, ...
    reason_text: str  # in the committee's words
    recommendation: str  # seleksi_terbuka | seleksi_internal | pengembangan_talenta | tetap
    eligible_candidates: int
    considered: int = 0  # candidates the move table admits for this post
    excluded_by_rule: dict[str, int] = Field(default_factory=dict)  # rule id -> candidates it excludes


class PassedOver(_M):
    """An eligible candidate of a filled post who scores higher than the chosen one, and why
    they were not chosen (passed_over.csv; reason codes: models.labels.PASSED_OVER_REASON_LABEL)."""

    position_id: str
    nip: str
    name: str = ""
    score: float  # the candidate's merit score (Nilai) for this post
    chosen_nip: str
    chosen_score: float
    reason: str  # code, one of PASSED_OVER_REASON_LABEL
    detail: str  # the concrete facts, in Indonesian (post named, score there, who cannot take it...)
    other_position_id: str | None = None  # the post the reason names (placed at, own post, locked to)


class NomineeFacts(_M):
    """The facts the committee weighs about one nominee of one post, whatever the move type
    (a horizontal move shows kinerja and talent box too): from the eligibility facts on
    ``as_of`` (planner.plan.facts). Codes, not words: labels are in models.labels."""

    position_id: str
    nip: str
    performance: str | None = None  # latest rating (models.enums.Performance)
    performance_prev: str | None = None  # the year before
    nine_box: int | None = None  # kotak talenta, as stated or computed (models.talent)
    nine_box_advice: str = ""  # the BKN advice for that box (pack nine_box_advice); "" when the pack has none
    jpm: float | None = None  # job-person match (JPM), percent
    jpm_date: str | None = None  # ISO date of the assessment
    pool: bool = False  # in the succession pool as the pack reads it: in_pool and a box of pool_boxes
    readiness: str | None = None  # ready_now | need_development
    tenure_months: int | None = None  # completed months in the current post (None: no post now)
    sanction_running: bool = False  # a counted disciplinary sanction runs on as_of
    sanction_level: str | None = None  # of the running sanction
    sanction_text: str | None = None  # of the running sanction
    sanction_records: int = 0  # sanctions on record, any level
    sanction_last_end: str | None = None  # ISO date the latest counted sanction ended
    move_type: str | None = None  # vertical | horizontal | diagonal (the path into this post)
    article: str = ""  # the move table row that allows the path
    rumpun: str | None = None  # the rumpun of the candidate's current post (or last one)
    t_rumpun: str | None = None  # the rumpun of the post
    # A different rumpun that the pack weighs instead of barring (Perbup Karawang 72/2020
    # Pasal 23 ayat (4)): the committee weighs it; the Nilai carries the term rumpun_fit.
    rumpun_weighed: bool = False
    rumpun_months: int | None = None  # months served in the post's rumpun (history.csv), when it differs

class TenureDue(_M):
    """A holder of a post in the round at or past the pack's maximum tenure (``tenure_max_years``):
    due for rotation or reappointment (Perbup Karawang 72/2020 Pasal 15 ayat (1), 16 ayat (1))."""

    nip: str
    name: str
    position_id: str
    title: str
    unit: str
    kind: str
    since: str | None  # TMT in the post, YYYY-MM-DD
    tenure_months: int
    tenure_text: str  # "9 th 11 bl"
    grounds: list[str] = Field(default_factory=list)  # Pasal 15 ayat (1) huruf a-c grounds that hold
    article: str
    moved: bool = False  # the plan moves them (rotation or promotion)


class Plan(_M):
    """Everything a run produced."""

    scenario: dict[str, Any]
    scenario_path: str
    solver: dict[str, Any] = Field(default_factory=dict)  # the settings actually used (CLI overrides included)
    rule_pack: str
    status: str  # OPTIMAL, FEASIBLE, INFEASIBLE, ...
    objective: float | None
    bound: float | None
    gap: float | None
    objective_terms: dict[str, float]
    weights: dict[str, float | dict[str, float]]
    timings: dict[str, float]
    sizes: dict[str, int]
    input_hashes: dict[str, str]
    kpis: dict[str, int | float]
    moves: list[Move]
    shortlist: list[Nominee]
    unfilled: list[Unfilled]
    vacated_outside_scope: list[str] = Field(default_factory=list)
    passed_over: list[PassedOver] = Field(default_factory=list)
    nominee_facts: list[NomineeFacts] = Field(default_factory=list)  # one per shortlist entry (issue 10 item 5)
    # Pack parameters the round applies as controls (shortlist_ratio, unit_change_cap_share):
    # name -> {value, source (pack or scenario key), article} (planner.rules.scenario_pack.round_controls).
    controls: dict[str, dict[str, Any]] = Field(default_factory=dict)
    past_tenure_max: list[TenureDue] = Field(default_factory=list)
    greedy: dict[str, float] | None = None
    interrupted: bool = False
    # How the plan was reached: lp (integral relaxation), cp-sat, cp-sat-joint, or merit-order
    # (MERIT_ORDER_METHOD: priced re-solves under the strict merit order, deterministic).
    method: str = "cp-sat"
    messages: list[str] = Field(default_factory=list)
    version: str = "1"


def chain_of(plan: Plan, chain: int) -> list[Move]:
    """The moves of one chain in order: each move fills the post the next one leaves.

    A vacancy chain starts with the move into the post that was empty; a swap or rotation
    starts at its lowest post id and goes round once.
    """
    members = [m for m in plan.moves if m.chain == chain]
    if len(members) <= 1:
        return members
    by_target = {m.to_position_id: m for m in members}
    sources = {m.from_position_id for m in members}
    starts = sorted((m for m in members if m.to_position_id not in sources), key=lambda m: m.to_position_id)
    start = starts[0] if starts else min(members, key=lambda m: m.to_position_id)
    order, seen, cur = [], set(), start
    while cur is not None and cur.nip not in seen:
        order.append(cur)
        seen.add(cur.nip)
        cur = by_target.get(cur.from_position_id) if cur.from_position_id else None
    # Anything not reached (should not happen: chains are paths or cycles) goes last.
    order += sorted((m for m in members if m.nip not in seen), key=lambda m: m.to_position_id)
    return order

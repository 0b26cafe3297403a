"""A plan as written to a run folder: what reports, explanations and comparisons read.

Nothing here knows the solver. ``plan.json`` is this model serialised; the CSV files of
the data contract (plan.csv, shortlist.csv, unfilled.csv) are flat views of it, and
checks.csv holds every rule verdict behind every nominee.
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from models.enums import MoveType


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
    weights: dict[str, float]
    timings: dict[str, float]
    sizes: dict[str, int]
    input_hashes: dict[str, str]
    kpis: dict[str, int | float]
    moves: list[Move]
    shortlist: list[Nominee]
    unfilled: list[Unfilled]
    vacated_outside_scope: list[str] = Field(default_factory=list)
    greedy: dict[str, float] | None = None
    interrupted: bool = False
    method: str = "cp-sat"  # how optimality was reached: lp (integral relaxation), cp-sat, cp-sat-joint
    messages: list[str] = Field(default_factory=list)
    version: str = "1"

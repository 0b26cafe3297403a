"""The round as solver-neutral problem data: what every solver backend and the plan's
accounting read. It imports no rule, no input and no solver (import-linter keeps it so)."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

def spread_allowance(unit_posts: int, share: float) -> int:
    """Officials a unit may lose in one round before each further one costs ``unit_spread``.

    ``share`` is the pack's ``spread_share`` (``Round.spread_share``).
    """
    return max(1, math.ceil(share * unit_posts))


@dataclass
class Round:
    """Everything the model is built from."""

    pairs: pd.DataFrame  # one row per decision: nip, from_position_id, position_id, terms, coef
    posts: pd.DataFrame  # targets in scope with fill weight, status and holder
    locks: list[tuple[str, str]]
    keep: set[str]
    ratio: int
    max_nominations: int
    unit_change_cap: float | None
    unit_spread_weight: float
    nomination_weight: float
    open_selection_pairs: pd.DataFrame  # eligible pairs into JPT posts left to open selection
    all_pairs: pd.DataFrame  # every eligible pair with scores, before pruning (for shortlists)
    pruned: int = 0
    sizes: dict[str, int] = field(default_factory=dict)
    # Candidates who may be nominated per post (eligible, not banned or kept), before pruning.
    nominees_pool: pd.DataFrame | None = None
    spread_share: float | None = None  # the pack's spread_share (see spread_allowance)
    # The controls in force with their source (plan.json ``controls``): shortlist_ratio,
    # unit_change_cap_share -> {value, source, article}.
    controls: dict[str, dict] = field(default_factory=dict)
    # Staffed posts per unit, every kind (the unit cap's denominator). None: the cap counts
    # the holders of the round's posts against the unit's posts in scope.
    unit_staff: dict[str, int] | None = None
    max_moved_share: float | None = None  # scenario's cap on the share of structural officials moved
    # Candidates within this many points of merit score are of comparable merit (Scenario).
    comparable_merit: float = 1.0
    # Merit order (docs/objective.md): (position_id, nip, score, price) — the post's occupants
    # scoring more than ``comparable_merit`` below ``score`` pay ``price`` points, and every
    # move of this candidate earns it (planner.solve.formulation.merit_prices). Set by the
    # solve strategy from the plans that pass such a candidate over.
    merit_order_prices: tuple[tuple[str, str, float, float], ...] = ()
    strict_merit_order: bool = False  # Scenario.merit_order: solve under the merit order

    @property
    def officials(self) -> list[str]:
        """The structural officials of the round: holders of the posts in scope."""
        return sorted(set(self.posts.loc[~self.posts["vacant"], "holder_nip"].dropna()))

    @property
    def max_officials_moved(self) -> int | None:
        """How many structural officials may change posts in this round (at least one)."""
        if self.max_moved_share is None:
            return None
        return max(1, math.floor(self.max_moved_share * len(self.officials)))

    @property
    def nominable(self) -> dict[str, int]:
        pool = self.nominees_pool if self.nominees_pool is not None else self.pairs
        return pool.groupby("position_id")["nip"].nunique().to_dict()

"""What a set of chosen pairs is worth and what it does: the plan's value, its objective terms
and its KPIs, computed from the round the formulation was built from (one definition each)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from models.plan import Move, Unfilled
from models.terms import PAIR_TERMS
from planner.round.problem import Round, spread_allowance


def plan_value(r: Round, chosen: np.ndarray) -> float:
    """The plan's value without the shortlist-quality term: comparable between methods."""
    picked = r.pairs[chosen]
    value = float(picked["coef"].sum())
    if r.unit_spread_weight > 0 and len(picked):
        unit_of = r.posts.set_index("position_id")["t_unit"]
        size = r.posts.groupby("t_unit").size()
        leaving = picked["from_position_id"].map(unit_of).dropna().value_counts()
        for unit, k in leaving.items():
            value -= r.unit_spread_weight * max(0, k - spread_allowance(size.get(unit, 1), r.spread_share))
    return value


def objective_terms(r: Round, chosen: np.ndarray, nominees: pd.DataFrame) -> dict[str, float]:
    """Each term of the registry summed over the plan (models.terms), in points."""
    picked = r.pairs[chosen]
    terms = {t: round(float(picked[f"term_{t}"].sum()), 2) for t in PAIR_TERMS}
    terms["unit_spread"] = round(plan_value(r, chosen) - float(picked["coef"].sum()), 2)
    terms["nomination"] = round(float(nominees.loc[~nominees["chosen"].astype(bool), "score"].sum()
                                      * r.nomination_weight), 2)
    return terms


def empty_posts(r: Round, chosen: np.ndarray) -> list[str]:
    """Posts in scope that end the round empty: vacant before, or left, and not filled."""
    picked = r.pairs[chosen]
    left = set(picked["from_position_id"].dropna())
    p = r.posts
    empty = p[(p["vacant"] | p["position_id"].isin(left)) & ~p["position_id"].isin(set(picked["position_id"]))]
    return sorted(empty["position_id"])


def vacancies_filled(r: Round, chosen: np.ndarray) -> int:
    """Net: posts occupied at the end minus posts occupied at the start, in scope."""
    picked = r.pairs[chosen]
    filled = set(picked["position_id"])
    left = set(picked["from_position_id"].dropna()) & set(r.posts["position_id"])
    return len(filled) - len(left)


def greedy_summary(r: Round, greedy: np.ndarray, chosen: np.ndarray) -> dict[str, float]:
    """The manual baseline beside the plan, on the same value."""
    return {"posts_filled": int(r.pairs.loc[greedy, "position_id"].nunique()),
            "vacancies_filled": vacancies_filled(r, greedy), "value": round(plan_value(r, greedy), 2),
            "model_value": round(plan_value(r, chosen), 2)}


def kpis(r: Round, chosen: np.ndarray, moves: list[Move], unfilled: list[Unfilled]) -> dict[str, float]:
    picked = r.pairs[chosen]
    vacant0 = r.posts["vacant"]
    crit = r.posts.loc[r.posts["t_critical"] & vacant0, "position_id"]
    overdue = picked["term_overdue_rotation"] > 0
    units = set(picked["t_unit"]) | set(picked["unit"].dropna())
    by_type = picked["move_type"].value_counts()
    return {
        "posts_in_scope": int(len(r.posts)),
        "vacant_before": int(vacant0.sum()),
        "vacant_after": int(len(unfilled)),
        "posts_filled": int(len(picked)),
        "vacancies_filled": vacancies_filled(r, chosen),
        "critical_vacant_before": int(len(crit)),
        "critical_filled": int(picked["position_id"].isin(set(crit)).sum()),
        "moves": int(len(picked)),
        "officials": len(r.officials),
        "officials_moved": int(picked["nip"].isin(set(r.officials)).sum()),
        "max_officials_moved": -1 if r.max_officials_moved is None else r.max_officials_moved,
        "moves_vertical": int(by_type.get("vertical", 0)),
        "moves_horizontal": int(by_type.get("horizontal", 0)),
        "moves_diagonal": int(by_type.get("diagonal", 0)),
        "overdue_rotated": int(overdue.sum()),
        "units_affected": int(len(units)),
        "mean_nine_box_chosen": round(float(picked["nine_box"].mean()), 3) if len(picked) else 0.0,
        "chains": int(len({m.chain for m in moves if m.chain_kind != "tunggal"})),
    }

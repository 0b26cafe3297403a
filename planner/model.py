"""The mutation round as one CP-SAT model.

Decisions: ``x[i]`` = pair i (person → post) happens; ``y[i]`` = the person is a nominee
for the post (the 1:3 shortlist). Constraints:

- each person moves at most once; each post takes at most one person;
- an occupied post is taken only if its holder moves in the same round (chains, swaps and
  rotation cycles all follow from this);
- a filled post has exactly ``ratio`` nominees, the chosen one among them; nobody is
  nominated to more than ``max_nominations`` posts (KU Pasal 28 ayat (2) huruf c);
- locks happen; an optional cap on the share of a unit's posts that change hands.

The objective is linear: each pair's coefficient already holds its fill value, the value
lost by emptying the mover's old post, and its fit terms (planner.round). Coefficients are
integers in 1/100 point, times 1000, plus a small distinct tie-break so that the optimum is
unique and the plan reproducible whatever the number of workers.
"""
from __future__ import annotations

import math
import zlib
from dataclasses import dataclass

import numpy as np
import pandas as pd
from ortools.sat.python import cp_model

from planner.round import Round, spread_allowance

POINT = 100  # objective units per point of score, before the tie-break factor
TIE = 1_000_000  # room under each 1/100 point for the tie-break
UNIT = POINT * TIE  # objective units per point


@dataclass
class RoundModel:
    model: cp_model.CpModel
    x: list[cp_model.IntVar]
    y: list[cp_model.IntVar] | None
    excess: dict[str, cp_model.IntVar]
    lock_literals: dict[tuple[str, str], cp_model.IntVar]
    round: Round


def _tiebreak(pairs: pd.DataFrame, salt: str) -> np.ndarray:
    """A pseudo-random integer in [1, TIE) per (person, post), stable across runs and machines.

    Hashing the pair itself (not its position in a list) means two plans that differ only by
    who goes where tie with probability about 1/TIE per near-tie, instead of systematically.
    """
    keys = (salt + "|" + pairs["nip"].astype(str) + "|" + pairs["position_id"].astype(str)).tolist()
    return np.fromiter((1 + zlib.crc32(k.encode()) % (TIE - 1) for k in keys), dtype=np.int64, count=len(keys))


def objective_coefficients(r: Round) -> tuple[np.ndarray, np.ndarray]:
    x_coef = np.round(r.pairs["coef"].to_numpy() * POINT).astype(np.int64) * TIE + _tiebreak(r.pairs, "x")
    y_coef = np.round(r.pairs["score"].to_numpy() * r.nomination_weight * POINT).astype(np.int64) * TIE \
        + _tiebreak(r.pairs, "y")
    return x_coef, y_coef


def build_model(r: Round, *, enforce_locks: bool = True, nominees: bool = True) -> RoundModel:
    """The round model. With ``nominees=False`` the 1:3 shortlist is left to a second stage
    (planner.solve): posts with fewer nominable candidates than the ratio are simply not
    fillable, which relaxes the joint model and keeps it a network problem with side
    constraints, whose LP bound is tight."""
    m = cp_model.CpModel()
    pairs = r.pairs
    n = len(pairs)
    x = [m.new_bool_var(f"x{i}") for i in range(n)]
    by_person = pairs.groupby("nip", sort=True).indices
    by_post = pairs.groupby("position_id", sort=True).indices

    moved: dict[str, cp_model.LinearExpr] = {}
    for nip, idx in by_person.items():
        expr = sum(x[i] for i in idx)
        m.add(expr <= 1)
        moved[nip] = expr
    filled: dict[str, cp_model.LinearExpr] = {}
    for pid, idx in by_post.items():
        expr = sum(x[i] for i in idx)
        m.add(expr <= 1)
        filled[pid] = expr

    posts = r.posts.set_index("position_id")
    for pid, expr in filled.items():
        if not posts.at[pid, "vacant"]:
            holder = posts.at[pid, "holder_nip"]
            # A holder with nowhere to go keeps the post (prepare_round usually prunes these).
            m.add(expr <= moved[holder]) if holder in moved else m.add(expr == 0)

    if not nominees and r.ratio > 1:
        for pid, expr in filled.items():
            if r.nominable.get(pid, 0) < r.ratio:
                m.add(expr == 0)
    y = None
    if nominees and r.ratio > 1:
        y = [m.new_bool_var(f"y{i}") for i in range(n)]
        for i in range(n):
            m.add_implication(x[i], y[i])
        for pid, idx in by_post.items():
            m.add(sum(y[i] for i in idx) == r.ratio * filled[pid])
        for nip, idx in by_person.items():
            if len(idx) > r.max_nominations:
                m.add(sum(y[i] for i in idx) <= r.max_nominations)

    if r.unit_change_cap is not None:
        # A post changes hands when its holder leaves; filling a vacancy disturbs nobody.
        # At least one change is allowed, so a unit of one or two posts is not frozen.
        size = r.posts.groupby("t_unit").size()
        occupied = r.posts[~r.posts["vacant"]]
        for unit, holders in occupied.groupby("t_unit")["holder_nip"]:
            leaving = [moved[h] for h in holders if h in moved]
            if leaving:
                m.add(sum(leaving) <= max(1, math.floor(r.unit_change_cap * size[unit])))

    # Spread: a unit losing more officials than its allowance pays per extra move.
    excess: dict[str, cp_model.IntVar] = {}
    if r.unit_spread_weight > 0:
        size = r.posts.groupby("t_unit").size()
        from_unit = pairs.loc[pairs["from_position_id"].isin(r.posts["position_id"])]
        unit_of = r.posts.set_index("position_id")["t_unit"]
        for unit, idx in from_unit.groupby(from_unit["from_position_id"].map(unit_of)).groups.items():
            soft = spread_allowance(size.get(unit, 1))
            leavers = sorted(set(pairs.loc[idx, "nip"]))
            if len(leavers) <= soft:
                continue
            e = m.new_int_var(0, len(leavers), f"excess_{unit}")
            m.add(e >= sum(moved[nb] for nb in leavers) - soft)
            excess[unit] = e

    lock_literals: dict[tuple[str, str], cp_model.IntVar] = {}
    index = {k: i for i, k in enumerate(zip(pairs["nip"], pairs["position_id"]))}
    for lock in r.locks:
        lit = x[index[lock]]
        lock_literals[lock] = lit
        if enforce_locks:
            m.add(lit == 1)

    x_coef, y_coef = objective_coefficients(r)
    obj = cp_model.LinearExpr.weighted_sum(x, x_coef.tolist())
    if y is not None:
        obj += cp_model.LinearExpr.weighted_sum(y, y_coef.tolist())
    if excess:
        w = int(round(r.unit_spread_weight * UNIT))
        obj -= cp_model.LinearExpr.weighted_sum(list(excess.values()), [w] * len(excess))
    m.maximize(obj)
    return RoundModel(model=m, x=x, y=y, excess=excess, lock_literals=lock_literals, round=r)

"""The LP relaxation of stage 1 (moves without shortlists), solved with GLOP.

Without side constraints the round is a network problem whose LP relaxation is integral
(solver notes; measured here: kecil 4,300 pairs in 0.3 s, no fractional value). When the
LP optimum is integral it is the proven optimum of the integer model and CP-SAT is not
needed; otherwise it is a valid bound and a good hint for CP-SAT.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from ortools.linear_solver import pywraplp

from planner.model import UNIT, objective_coefficients
from planner.round import Round, spread_allowance

INTEGRAL_TOL = 1e-6


@dataclass
class LpResult:
    feasible: bool
    values: np.ndarray  # x per pair
    objective: float  # points
    integral: bool



def _row(s: pywraplp.Solver, lb: float, ub: float, terms) -> None:
    """One constraint lb <= sum(coef * var) <= ub, set coefficient by coefficient: the natural
    API's expression objects cost several times more on a few hundred thousand variables."""
    c = s.Constraint(lb, ub)
    for var, coef in terms:
        c.SetCoefficient(var, coef)


def solve_lp(r: Round) -> LpResult:
    s = pywraplp.Solver.CreateSolver("GLOP")
    inf = s.infinity()
    pairs = r.pairs
    n = len(pairs)
    x = [s.NumVar(0.0, 1.0, "") for _ in range(n)]
    by_person = pairs.groupby("nip", sort=True).indices
    by_post = pairs.groupby("position_id", sort=True).indices
    for idx in by_person.values():
        _row(s, -inf, 1.0, ((x[i], 1.0) for i in idx))
    posts = r.posts.set_index("position_id")
    nominable = r.nominable
    for pid, idx in by_post.items():
        if r.ratio > 1 and nominable.get(pid, 0) < r.ratio:
            for i in idx:
                x[i].SetUb(0.0)
            continue
        _row(s, -inf, 1.0, ((x[i], 1.0) for i in idx))
        if not posts.at[pid, "vacant"]:
            h = posts.at[pid, "holder_nip"]
            leave = by_person.get(h, ())
            # filled(post) - moved(holder) <= 0
            _row(s, -inf, 0.0, [*((x[i], 1.0) for i in idx), *((x[j], -1.0) for j in leave)])
    if r.unit_change_cap is not None:
        size = r.posts.groupby("t_unit").size()
        for unit, holders in r.posts[~r.posts["vacant"]].groupby("t_unit")["holder_nip"]:
            leaving = [x[i] for h in holders for i in by_person.get(h, ())]
            if leaving:
                _row(s, -inf, float(max(1, math.floor(r.unit_change_cap * size[unit]))),
                     ((v, 1.0) for v in leaving))
    excess = []
    if r.unit_spread_weight > 0:
        size = r.posts.groupby("t_unit").size()
        unit_of = r.posts.set_index("position_id")["t_unit"]
        from_unit = pairs[pairs["from_position_id"].isin(r.posts["position_id"])]
        for unit, idx in from_unit.groupby(from_unit["from_position_id"].map(unit_of)).groups.items():
            soft = spread_allowance(size.get(unit, 1))
            leavers = sorted(set(pairs.loc[idx, "nip"]))
            if len(leavers) <= soft:
                continue
            e = s.NumVar(0.0, float(len(leavers)), "")
            # moved(leavers) - e <= soft
            _row(s, -inf, float(soft), [*((x[i], 1.0) for nb in leavers for i in by_person[nb]), (e, -1.0)])
            excess.append(e)
    index = {k: i for i, k in enumerate(zip(pairs["nip"], pairs["position_id"]))}
    for lock in r.locks:
        x[index[lock]].SetLb(1.0)
    x_coef, _ = objective_coefficients(r)
    obj = s.Objective()
    for var, c in zip(x, x_coef.tolist()):
        obj.SetCoefficient(var, float(c))
    for e in excess:
        obj.SetCoefficient(e, -float(round(r.unit_spread_weight * UNIT)))
    obj.SetMaximization()
    status = s.Solve()
    if status != pywraplp.Solver.OPTIMAL:
        return LpResult(False, np.zeros(n), math.nan, False)
    values = np.array([v.solution_value() for v in x])
    extra = [e.solution_value() for e in excess]
    integral = bool(np.all((values < INTEGRAL_TOL) | (values > 1 - INTEGRAL_TOL))
                    and all(abs(v - round(v)) < INTEGRAL_TOL for v in extra))
    return LpResult(True, values, obj.Value() / UNIT, integral)


def neighbourhood(r: Round, values: np.ndarray, rounds: int = 1) -> np.ndarray:
    """Pairs left free around the LP's fractional values; the others keep their LP value.

    Starting from the people and posts of fractional pairs, the set grows ``rounds`` times
    along the round's links (a post's holder, a holder's post) and takes in every person
    leaving a unit under a cap. Every integral move that depends on a fractional one is
    reached this way, so fixing the rest keeps the sub-problem feasible.
    """
    pairs = r.pairs
    frac = (values > INTEGRAL_TOL) & (values < 1 - INTEGRAL_TOL)
    people = set(pairs.loc[frac, "nip"])
    posts = set(pairs.loc[frac, "position_id"])
    holder = r.posts.set_index("position_id")["holder_nip"].dropna()
    post_of = {h: p for p, h in holder.items()}
    for _ in range(rounds):
        people |= {holder[p] for p in posts if p in holder.index}
        posts |= {post_of[h] for h in people if h in post_of}
        touched = pairs["nip"].isin(people) | pairs["position_id"].isin(posts)
        people |= set(pairs.loc[touched & (values > INTEGRAL_TOL), "nip"])
        posts |= set(pairs.loc[touched & (values > INTEGRAL_TOL), "position_id"])
    if r.unit_change_cap is not None and people:
        unit_of = r.posts.set_index("position_id")["t_unit"]
        units = {unit_of[p] for p in posts if p in unit_of.index}
        people |= set(holder[holder.index.map(unit_of).isin(units)])
    return (pairs["nip"].isin(people) | pairs["position_id"].isin(posts)).to_numpy()

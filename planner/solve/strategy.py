"""The solve strategy, in one place: LP first (an integral LP optimum is a proof), CP-SAT around
fractional values otherwise, then the 1:3 shortlists, and the joint model when the nomination
cap binds."""
from __future__ import annotations

import dataclasses
import math
import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd
from ortools.sat.python import cp_model

from models.schema import SolverSettings
from planner.round.problem import Round
from planner.solve.conflicts import conflicting_locks
from planner.solve.cpsat import _gap, _run, build_model
from planner.solve.formulation import UNIT
from planner.solve.lp import neighbourhood, solve_lp
from planner.solve.shortlist import NO_NOMINEES, nominate

Reporter = Callable[[str], None]


@dataclass
class SolveResult:
    status: str
    objective: float | None  # points
    bound: float | None
    gap: float | None
    chosen: np.ndarray  # bool per pair of the round
    nominees: pd.DataFrame  # nip, position_id, score, chosen: the 1:3 shortlists
    wall_s: float
    interrupted: bool = False
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # locks that cannot hold together
    method: str = "cp-sat"  # "lp" when the LP relaxation was integral (optimal without search)
    keep_conflicts: list[str] = field(default_factory=list)



def solve(r: Round, settings: SolverSettings, report: Reporter | None = None,
          hint: np.ndarray | None = None, lp_first: bool = True) -> SolveResult:
    """Solve a round lexicographically: the moves first, then the best 1:3 shortlists.

    Stage 1 chooses the moves on a relaxation of the joint model (a post is fillable when
    it has at least ``ratio`` nominable candidates, the nomination cap ignored). Stage 2
    picks the alternates by min-cost flow under the cap. If every filled post gets its
    alternates, stage 1's optimum is optimal for the joint model too; otherwise the joint
    model is solved, seeded with stage 1's moves.
    """
    n = len(r.pairs)
    t0 = time.perf_counter()
    lp = solve_lp(r)
    if lp_first and lp.integral:
        # An integral LP optimum is optimal for the integer model: proof without search.
        chosen = lp.values > 0.5
        name, obj, bound, stopped, method = "OPTIMAL", lp.objective, lp.objective, False, "lp"
        wall = time.perf_counter() - t0
        if report:
            report(f"  {wall:7.1f} s  relaksasi LP integral: objektif {obj:,.1f} optimal")
    else:
        sub, keep, seed = r, np.ones(n, dtype=bool), ((lp.values > 0.5) if lp.feasible else hint)
        if lp.feasible:
            # The LP optimum is nearly integral: search only around its fractional values,
            # keeping its integral decisions elsewhere. The LP value stays the bound.
            free = neighbourhood(r, lp.values)
            ones = ~free & (lp.values > 0.5)
            keep = free | ones
            forced = list(zip(r.pairs.loc[ones, "nip"], r.pairs.loc[ones, "position_id"]))
            pool = r.nominees_pool if r.nominees_pool is not None else r.pairs[["nip", "position_id", "score"]]
            sub = dataclasses.replace(r, pairs=r.pairs[keep].reset_index(drop=True),
                                      locks=sorted(set(r.locks) | set(forced)), nominees_pool=pool)
            seed = None
            if report:
                report(f"  relaksasi LP pecahan di {int(((lp.values > 1e-6) & (lp.values < 1 - 1e-6)).sum())} "
                       f"pasangan (batas {lp.objective:,.1f}); dicari ulang {int(free.sum()):,} pasangan di sekitarnya")
        stage1 = build_model(sub, nominees=False)
        # LP objective in model units, floored: the integer optimum cannot exceed it.
        stop_at = math.floor(lp.objective * UNIT + 1e-6) if lp.feasible else None
        solver, status, wall, stopped = _run(stage1, settings, report, seed, settings.time_limit_s, stop_at)
        if sub is not r and status not in (cp_model.OPTIMAL, cp_model.FEASIBLE) and not stopped:
            # The neighbourhood should always be feasible; if not, search the whole round.
            sub, keep = r, np.ones(n, dtype=bool)
            stage1 = build_model(r, nominees=False)
            solver, status, wall2, stopped = _run(stage1, settings, report, None,
                                                  max(1.0, settings.time_limit_s - wall), stop_at)
            wall += wall2
        name = solver.status_name(status)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            result = SolveResult(name, None, None, None, np.zeros(n, bool), NO_NOMINEES, wall, stopped)
            if status == cp_model.INFEASIBLE and stage1.lock_literals:
                result.conflicts = conflicting_locks(stage1)
            return result
        chosen = np.zeros(n, dtype=bool)
        chosen[np.flatnonzero(keep)] = [solver.boolean_value(v) for v in stage1.x]
        obj, bound = solver.objective_value / UNIT, solver.best_objective_bound / UNIT
        if lp.feasible:  # the LP optimum bounds the integer one too
            bound = min(bound, lp.objective)
        if bound - obj < 1e-9 * max(1.0, abs(obj)):
            name = "OPTIMAL"
        method = "cp-sat"
    nominees = nominate(r, chosen)
    if nominees is not None:
        return SolveResult(name, obj, bound, _gap(obj, bound), chosen, nominees, time.perf_counter() - t0,
                           stopped, method=method)

    if report:
        report("  batas nominasi per orang mengikat: model gabungan dengan daftar calon 1:3")
    joint = build_model(r, nominees=True)
    remaining = settings.time_limit_s - wall
    solver, status, wall2, stopped2 = _run(joint, settings, report, chosen, remaining)
    name = solver.status_name(status)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return SolveResult(name, None, None, None, np.zeros(n, bool), NO_NOMINEES, wall + wall2, stopped or stopped2)
    chosen = np.array([solver.boolean_value(v) for v in joint.x], dtype=bool)
    picked = np.array([solver.boolean_value(v) for v in joint.y], dtype=bool)
    nominees = r.pairs.loc[picked, ["nip", "position_id", "score"]].assign(chosen=chosen[picked])
    obj, bound = solver.objective_value / UNIT, solver.best_objective_bound / UNIT
    return SolveResult(name, obj, bound, _gap(obj, bound), chosen, nominees.reset_index(drop=True),
                       wall + wall2, stopped or stopped2, method="cp-sat-joint")



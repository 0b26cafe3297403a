"""The CP-SAT backend: the round's formulation as a CP-SAT model, its parameters, and a run
with progress, Ctrl-C and the known-bound stop."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

import numpy as np
from ortools.sat.python import cp_model

from models.schema import SolverSettings
from planner.round.problem import Round
from planner.solve.formulation import UNIT, moves_rows, objective_coefficients, spread_units

Reporter = Callable[[str], None]

# With few workers CP-SAT's default portfolio may lack an LP-heavy subsolver, and then the
# bound of this network-like model never moves (measured: kecil, 2 workers, gap 35 % after
# 60 s; with max_lp + default_lp proven optimal in under a second). Below 8 workers we name
# the subsolvers, LP-heavy first.
SUBSOLVERS = ["default_lp", "max_lp", "quick_restart", "core", "reduced_costs", "pseudo_costs", "lb_tree_search"]


@dataclass
class RoundModel:
    model: cp_model.CpModel
    x: list[cp_model.IntVar]
    y: list[cp_model.IntVar] | None
    excess: dict[str, cp_model.IntVar]
    lock_literals: dict[tuple[str, str], cp_model.IntVar]
    round: Round



def build_model(r: Round, *, enforce_locks: bool = True, nominees: bool = True) -> RoundModel:
    """The round model. With ``nominees=False`` the 1:3 shortlist is left to a second stage
    (planner.solve.strategy): posts with fewer nominable candidates than the ratio are simply not
    fillable, which relaxes the joint model and keeps it a network problem with side
    constraints, whose LP bound is tight."""
    m = cp_model.CpModel()
    n = len(r.pairs)
    mr = moves_rows(r, close_unfillable=not nominees)
    x = [m.new_bool_var(f"x{i}") for i in range(n)]
    e = [m.new_int_var(0, ub, f"excess_{u}") for ub, u in zip(mr.excess_ub, mr.excess_units)]
    for row in mr.rows:
        expr = sum(x[i] for i in row.plus) - sum(x[i] for i in row.minus)
        m.add((expr - e[row.excess] if row.excess is not None else expr) <= row.ub)
    for i in mr.closed:
        m.add(x[i] == 0)

    y = None
    if nominees and r.ratio > 1:
        y = [m.new_bool_var(f"y{i}") for i in range(n)]
        for i in range(n):
            m.add_implication(x[i], y[i])
        for idx in mr.by_post.values():
            m.add(sum(y[i] for i in idx) == r.ratio * sum(x[i] for i in idx))
        for idx in mr.by_person.values():
            if len(idx) > r.max_nominations:
                m.add(sum(y[i] for i in idx) <= r.max_nominations)

    lock_literals = {lock: x[i] for lock, i in mr.locks.items()}
    if enforce_locks:
        for lit in lock_literals.values():
            m.add(lit == 1)

    x_coef, y_coef = objective_coefficients(r)
    obj = cp_model.LinearExpr.weighted_sum(x, x_coef.tolist())
    if y is not None:
        obj += cp_model.LinearExpr.weighted_sum(y, y_coef.tolist())
    if e:
        obj -= cp_model.LinearExpr.weighted_sum(e, [spread_units(r)] * len(e))
    m.maximize(obj)
    return RoundModel(model=m, x=x, y=y, excess=dict(zip(mr.excess_units, e)), lock_literals=lock_literals, round=r)



class _Progress(cp_model.CpSolverSolutionCallback):
    """Prints each improving solution: elapsed time, objective, bound, gap."""

    def __init__(self, report: Reporter | None, stop_at: float | None = None, relative_gap: float = 0.0):
        super().__init__()
        self.report = report
        self.stop_at = stop_at  # a bound known from elsewhere (the LP)
        self.relative_gap = relative_gap
        self.stopped = False  # we stopped the search: the known bound was reached
        self.start = time.perf_counter()

    def on_solution_callback(self) -> None:
        if self.stop_at is not None and \
                self.stop_at - self.objective_value <= max(0.5, self.relative_gap * abs(self.objective_value)):
            self.stopped = True
            self.stop_search()
        if self.report is None:
            return
        best = self.best_objective_bound if self.stop_at is None else min(self.best_objective_bound, self.stop_at)
        obj, bound = self.objective_value / UNIT, best / UNIT
        self.report(f"  {time.perf_counter() - self.start:7.1f} s  objektif {obj:12.1f}  batas {bound:12.1f}  "
                    f"selisih {_gap(obj, bound) * 100:6.2f} %")


def _gap(obj: float, bound: float) -> float:
    return abs(bound - obj) / max(1.0, abs(obj))


def _parameters(solver: cp_model.CpSolver, s: SolverSettings) -> None:
    p = solver.parameters
    p.num_workers = s.workers
    p.random_seed = s.seed
    p.relative_gap_limit = s.relative_gap
    if s.workers < 8:
        p.subsolvers.extend(SUBSOLVERS[: s.workers])
    if s.deterministic:
        # Deterministic whatever the number of workers, even when stopped by the limit.
        p.interleave_search = True
        p.max_deterministic_time = s.time_limit_s
    else:
        p.max_time_in_seconds = s.time_limit_s


def _run(rm: RoundModel, settings: SolverSettings, report: Reporter | None, hint: np.ndarray | None,
         time_limit: float, stop_at: float | None = None) -> tuple[cp_model.CpSolver, int, float, bool]:
    if hint is not None:
        for var, v in zip(rm.x, hint):
            rm.model.add_hint(var, bool(v))
    solver = cp_model.CpSolver()
    _parameters(solver, settings.model_copy(update={"time_limit_s": max(1.0, time_limit)}))
    progress = _Progress(report, stop_at, settings.relative_gap)
    t0 = time.perf_counter()
    # CP-SAT catches Ctrl-C itself (catch_sigint_signal) and stops as at a time limit, keeping
    # the best solution; we tell that apart from the limit and from our own gap stop.
    status = solver.solve(rm.model, progress)
    wall = time.perf_counter() - t0
    interrupted = (status in (cp_model.FEASIBLE, cp_model.UNKNOWN) and not progress.stopped
                   and wall < solver.parameters.max_time_in_seconds - 0.5 and not settings.deterministic)
    return solver, status, wall, interrupted



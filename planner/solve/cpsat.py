"""The CP-SAT backend: the round's formulation as a CP-SAT model, its parameters, and a run
with progress, Ctrl-C and the known-bound stop."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

import numpy as np
from ortools.sat.python import cp_model

from models.numbers import angka
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
        self.report(f"  {angka(time.perf_counter() - self.start):>7} s  objektif {angka(obj):>12}  batas {angka(bound):>12}  "
                    f"selisih {angka(_gap(obj, bound) * 100, 2):>6} %")


def _gap(obj: float, bound: float) -> float:
    return abs(bound - obj) / max(1.0, abs(obj))


# CP-SAT's deterministic time is a work count, not seconds. Measured on this model with 2
# workers (benchmarks/RESULTS.md, "Reproducibility and proof"): one deterministic second
# took 4 to 9 wall seconds on the 2-core machine shared by a dozen processes. The budget is
# time_limit_s x this factor in deterministic seconds, so that the budget, not the wall
# clock (still a hard stop), ends the search unless the machine is slower than that; the
# proofs of fractional rounds need far less (0.6 on the kabupaten cap case).
DTIME_PER_SECOND = 0.25


def _parameters(solver: cp_model.CpSolver, s: SolverSettings, wall_limit: float, exact: bool = False) -> None:
    p = solver.parameters
    p.num_workers = s.workers
    p.random_seed = s.seed
    p.relative_gap_limit = 0.0 if exact else s.relative_gap
    if s.workers < 8:
        p.subsolvers.extend(SUBSOLVERS[: s.workers])
    # The wall clock always stops the search: --time-limit is a promise to the user.
    p.max_time_in_seconds = max(0.1, wall_limit)
    if s.deterministic:
        # Interleaved search runs the subsolvers in a fixed order of fixed-size chunks, so the
        # same inputs give the same search whatever the thread timing; its limit must then be
        # a work count too (deterministic time), fixed by the settings alone.
        p.interleave_search = True
        p.max_deterministic_time = s.work_limit or max(0.1, s.time_limit_s * DTIME_PER_SECOND)


def _run(rm: RoundModel, settings: SolverSettings, report: Reporter | None, hint: np.ndarray | None,
         time_limit: float, stop_at: float | None = None, exact: bool = False
         ) -> tuple[cp_model.CpSolver, int, float, bool]:
    """Solve ``rm`` within ``time_limit`` wall seconds. Returns the solver, its status, the wall
    time and whether the user interrupted it (Ctrl-C). ``exact``: no gap tolerance (a proof)."""
    if hint is not None:
        for var, v in zip(rm.x, hint):
            rm.model.add_hint(var, bool(v))
    solver = cp_model.CpSolver()
    _parameters(solver, settings, time_limit, exact)
    progress = _Progress(report, stop_at, settings.relative_gap)
    if solver.parameters.interleave_search:
        # Interleaved search finishes its whole batch of chunks (up to one deterministic second
        # each, or-tools #5199) after a subsolver has proven the optimum: measured 0.15 s to
        # the proof, then 4 to 7 s more. The proof is final, so stopping there changes nothing
        # but the time.
        solver.parameters.log_search_progress = True
        solver.parameters.log_to_stdout = False

        def on_log(line: str) -> None:
            if line.startswith("#Done"):
                solver.stop_search()

        solver.log_callback = on_log
    t0 = time.perf_counter()
    # CP-SAT catches Ctrl-C itself (catch_sigint_signal) and stops as at a time limit, keeping
    # the best solution; we tell that apart from both limits and from our own gap stop.
    status = solver.solve(rm.model, progress)
    wall = time.perf_counter() - t0
    p = solver.parameters
    limit_hit = wall >= p.max_time_in_seconds - 0.5 or (
        p.interleave_search and solver.deterministic_time >= 0.99 * p.max_deterministic_time)
    interrupted = status in (cp_model.FEASIBLE, cp_model.UNKNOWN) and not progress.stopped and not limit_hit
    return solver, status, wall, interrupted


def wall_limited(solver: cp_model.CpSolver, status: int) -> bool:
    """The wall clock, not the work budget, ended a deterministic search: its plan may differ
    between runs."""
    p = solver.parameters
    return (status in (cp_model.FEASIBLE, cp_model.UNKNOWN) and p.interleave_search
            and solver.deterministic_time < 0.99 * p.max_deterministic_time
            and solver.wall_time >= p.max_time_in_seconds - 0.5)

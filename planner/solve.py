"""Running CP-SAT on a round: progress, interruption, and explaining infeasible locks."""
from __future__ import annotations

import math
import signal
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
from ortools.sat.python import cp_model

from models.schema import SolverSettings
from planner.model import UNIT, RoundModel, build_model

Reporter = Callable[[str], None]


@dataclass
class SolveResult:
    status: str
    objective: float | None  # points
    bound: float | None
    gap: float | None
    chosen: np.ndarray  # bool per pair
    nominated: np.ndarray  # bool per pair
    wall_s: float
    interrupted: bool = False
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # locks that cannot hold together
    keep_conflicts: list[str] = field(default_factory=list)


class _Progress(cp_model.CpSolverSolutionCallback):
    """Prints each improving solution: elapsed time, objective, bound, gap."""

    def __init__(self, report: Reporter | None):
        super().__init__()
        self.report = report
        self.start = time.perf_counter()

    def on_solution_callback(self) -> None:
        if self.report is None:
            return
        obj, bound = self.objective_value / UNIT, self.best_objective_bound / UNIT
        self.report(f"  {time.perf_counter() - self.start:7.1f} s  objektif {obj:12.1f}  batas {bound:12.1f}  "
                    f"selisih {_gap(obj, bound) * 100:6.2f} %")


def _gap(obj: float, bound: float) -> float:
    return abs(bound - obj) / max(1.0, abs(obj))


def _parameters(solver: cp_model.CpSolver, s: SolverSettings) -> None:
    p = solver.parameters
    p.num_workers = s.workers
    p.random_seed = s.seed
    if s.deterministic:
        # Deterministic whatever the number of workers, even when stopped by the limit.
        p.interleave_search = True
        p.max_deterministic_time = s.time_limit_s
    else:
        p.max_time_in_seconds = s.time_limit_s


def solve(rm: RoundModel, settings: SolverSettings, report: Reporter | None = None,
          hint: np.ndarray | None = None) -> SolveResult:
    if hint is not None:
        for var, v in zip(rm.x, hint):
            rm.model.add_hint(var, bool(v))
    solver = cp_model.CpSolver()
    _parameters(solver, settings)
    progress = _Progress(report)
    interrupted = threading.Event()

    def on_sigint(signum, frame):  # Ctrl-C: keep the best plan found so far
        interrupted.set()
        solver.stop_search()

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        t0 = time.perf_counter()
        status = solver.solve(rm.model, progress)
        wall = time.perf_counter() - t0
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    name = solver.status_name(status)
    n = len(rm.x)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        chosen = np.array([solver.boolean_value(v) for v in rm.x], dtype=bool)
        nominated = np.array([solver.boolean_value(v) for v in rm.y], dtype=bool) if rm.y else chosen.copy()
        obj, bound = solver.objective_value / UNIT, solver.best_objective_bound / UNIT
        return SolveResult(name, obj, bound, _gap(obj, bound), chosen, nominated, wall, interrupted.is_set())
    result = SolveResult(name, None, None, None, np.zeros(n, bool), np.zeros(n, bool), wall, interrupted.is_set())
    if status == cp_model.INFEASIBLE and rm.lock_literals:
        result.conflicts = conflicting_locks(rm)
    return result


def conflicting_locks(rm: RoundModel) -> list[tuple[str, str]]:
    """Which locks cannot hold together: a single-worker feasibility solve with assumptions.

    The core CP-SAT returns is then confirmed: without those locks the round must be
    feasible, otherwise all locks are reported (solver notes: presolve can mislead).
    """
    r = rm.round
    feas = build_model(r, enforce_locks=False)
    feas.model.clear_objective()
    locks = list(feas.lock_literals.items())
    feas.model.add_assumptions([lit for _, lit in locks])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 60
    if solver.solve(feas.model) != cp_model.INFEASIBLE:
        return []
    core = set(solver.sufficient_assumptions_for_infeasibility())
    named = [lock for lock, lit in locks if lit.index in core] or [lock for lock, _ in locks]
    # Confirm: the other locks alone are feasible.
    check = build_model(r, enforce_locks=False)
    check.model.clear_objective()
    for lock, lit in check.lock_literals.items():
        if lock not in named:
            check.model.add(lit == 1)
    s2 = cp_model.CpSolver()
    s2.parameters.num_workers = 1
    s2.parameters.max_time_in_seconds = 60
    if s2.solve(check.model) == cp_model.INFEASIBLE:
        return [lock for lock, _ in locks]
    return named

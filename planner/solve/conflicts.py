"""Which locks cannot hold together: an assumption core from CP-SAT, confirmed by re-solving."""
from __future__ import annotations

from ortools.sat.python import cp_model

from planner.solve.cpsat import RoundModel, build_model


def conflicting_locks(rm: RoundModel) -> list[tuple[str, str]]:
    """Which locks cannot hold together: a single-worker feasibility solve with assumptions.

    The core CP-SAT returns is then confirmed: without those locks the round must be
    feasible, otherwise all locks are reported (solver notes: presolve can mislead).
    """
    r = rm.round
    feas = build_model(r, enforce_locks=False, nominees=False)
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
    check = build_model(r, enforce_locks=False, nominees=False)
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

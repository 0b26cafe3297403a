"""Running CP-SAT on a round: progress, interruption, and explaining infeasible locks."""
from __future__ import annotations

import dataclasses
import math
import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
from ortools.sat.python import cp_model

import pandas as pd
from ortools.graph.python import min_cost_flow

from models.schema import SolverSettings
from planner.solve.formulation import POINT, UNIT, RoundModel, build_model
from planner.solve.lp import neighbourhood, solve_lp
from planner.round.build import Round

# With few workers CP-SAT's default portfolio may lack an LP-heavy subsolver, and then the
# bound of this network-like model never moves (measured: kecil, 2 workers, gap 35 % after
# 60 s; with max_lp + default_lp proven optimal in under a second). Below 8 workers we name
# the subsolvers, LP-heavy first.
SUBSOLVERS = ["default_lp", "max_lp", "quick_restart", "core", "reduced_costs", "pseudo_costs", "lb_tree_search"]

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


NO_NOMINEES = pd.DataFrame(columns=["nip", "position_id", "score", "chosen"])


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


def nominate(r: Round, chosen: np.ndarray) -> pd.DataFrame | None:
    """Best alternates for every filled post under the nomination cap, or None if impossible.

    A max-flow min-cost problem: post → candidate (one nomination each, cost = −score),
    candidate → sink (capacity: the cap, less one for the post they are chosen for).
    """
    picked = r.pairs.loc[chosen, ["nip", "position_id", "score"]]
    if r.ratio <= 1 or picked.empty:
        return picked.assign(chosen=True).reset_index(drop=True)
    pool = r.nominees_pool if r.nominees_pool is not None else r.pairs[["nip", "position_id", "score"]]
    filled = set(picked["position_id"])
    already = set(zip(picked["nip"], picked["position_id"]))
    arcs = pool[pool["position_id"].isin(filled)]
    arcs = arcs[[k not in already for k in zip(arcs["nip"], arcs["position_id"])]]
    arcs = arcs.sort_values(["position_id", "nip"], kind="stable").reset_index(drop=True)
    posts = sorted(filled)
    people = sorted(set(arcs["nip"]))
    post_node = {p: 1 + i for i, p in enumerate(posts)}
    person_node = {n: 1 + len(posts) + i for i, n in enumerate(people)}
    sink = 1 + len(posts) + len(people)
    uses = picked["nip"].value_counts()
    flow = min_cost_flow.SimpleMinCostFlow()
    need = r.ratio - 1
    for p in posts:
        flow.add_arc_with_capacity_and_unit_cost(0, post_node[p], need, 0)
    arc_ids = []
    for nip, pid, score in zip(arcs["nip"], arcs["position_id"], arcs["score"]):
        arc_ids.append(flow.add_arc_with_capacity_and_unit_cost(post_node[pid], person_node[nip], 1,
                                                                 -int(round(score * POINT))))
    for nip in people:
        cap = r.max_nominations - int(uses.get(nip, 0))
        if cap > 0:
            flow.add_arc_with_capacity_and_unit_cost(person_node[nip], sink, cap, 0)
    flow.set_node_supply(0, need * len(posts))
    flow.set_node_supply(sink, -need * len(posts))
    if flow.solve_max_flow_with_min_cost() != flow.OPTIMAL or flow.maximum_flow() < need * len(posts):
        return None
    used = np.array([flow.flow(a) > 0 for a in arc_ids], dtype=bool)
    alternates = arcs.loc[used, ["nip", "position_id", "score"]].assign(chosen=False)
    return pd.concat([picked.assign(chosen=True), alternates], ignore_index=True)


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

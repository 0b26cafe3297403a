"""The solve strategy, in one place: LP first (an integral LP optimum is a proof), CP-SAT around
fractional values otherwise, then the 1:3 shortlists, and the joint model when the nomination
cap binds."""
from __future__ import annotations

import dataclasses
import math
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

import numpy as np
import pandas as pd
# The status codes only: CP-SAT's Python module (planner.solve.cpsat, conflicts) costs about
# 0.1 s of import and a round whose LP optimum is integral never searches, so those modules
# are imported by the searches below, on their first call.
from ortools.sat import cp_model_pb2 as cp_status

from models.numbers import angka
from models.plan import MERIT_ORDER_METHOD
from models.schema import SolverSettings
from planner.round.problem import Round
from planner.solve.formulation import (UNIT, MeritPricing, fill_value, merit_order_breaches, merit_prices, tiebreak,
                                       x_coefficients)
from planner.solve.highs import HighsLp, solve_lp_highs
from planner.solve.lp import LpResult, lp_arrays, neighbourhood, pricing, solve_lp
from planner.solve.shortlist import NO_NOMINEES, nominate
from planner.solve.sifting import Sifter, solve_lp_sifting

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

Reporter = Callable[[str], None]

# The LP backend of stage 1, chosen here only. Measured (benchmarks/RESULTS.md, "LP backends"):
# GLOP is faster from scratch on every generated region (kabupaten 1.6 s against HiGHS's
# 2.4 s at its best options) with the same plans and bounds; HiGHS keeps its basis, so the
# interactive round (planner.session) re-solves with it warm (WarmRound below).
# Sifting (planner.solve.sifting) proves the integral optimum on a working set of pairs with
# HiGHS and falls back to GLOP on the whole LP otherwise: kabupaten 2.6 s -> about 1 s.
LP_SOLVERS: dict[str, Callable[[Round], LpResult]] = {"glop": solve_lp, "highs": solve_lp_highs,
                                                     "sifting": solve_lp_sifting}
LP_SOLVER = "sifting"


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
    merit_prices: int = 0  # merit-order prices the plan was solved with (see solve)
    merit_breaches: int = 0  # candidates the strict merit order still passes over, at one post or more (see solve)



# First reduced-cost threshold, in objective units (1e-4 point): on the kabupaten cap case
# (benchmarks/RESULTS.md) it leaves about 950 of 185k decisions free and the proof takes one
# CP-SAT call; the threshold grows only when that restriction cannot prove the optimum.
TAU0 = 10_000.0
MAX_ROUNDS = 5


@dataclass
class _Search:
    chosen: np.ndarray | None = None
    objective: float | None = None  # objective units
    status: int = cp_status.UNKNOWN
    proven: bool = False
    interrupted: bool = False
    wall_cut: bool = False  # the wall clock, not the work budget, ended the search
    solver: cp_model.CpSolver | None = None
    model: object = None


def _gap(obj: float, bound: float) -> float:
    """Relative gap of a result (as planner.solve.cpsat's progress lines; here so that a round
    proven by its LP imports no CP-SAT)."""
    return abs(bound - obj) / max(1.0, abs(obj))


def _restricted(r: Round, keep: np.ndarray, fixed_one: np.ndarray) -> Round:
    """The round with only ``keep``'s pairs, those of ``fixed_one`` locked."""
    forced = list(zip(r.pairs.loc[fixed_one, "nip"], r.pairs.loc[fixed_one, "position_id"]))
    pool = r.nominees_pool if r.nominees_pool is not None else r.pairs[["nip", "position_id", "score"]]
    return dataclasses.replace(r, pairs=r.pairs[keep].reset_index(drop=True),
                               locks=sorted(set(r.locks) | set(forced)), nominees_pool=pool)


def _priced_search(r: Round, lp, settings: SolverSettings, report: Reporter | None,
                   left: Callable[[], float], start: _Search | None = None) -> tuple[_Search, float]:
    """The exact optimum of a round whose LP optimum is fractional, by reduced-cost fixing.

    Every plan better than one of value z differs from the LP's best bounds only in decisions
    whose reduced cost is below ``bound - z`` (planner.solve.lp.Pricing). So: fix every
    decision whose reduced cost is at least tau, solve what is left exactly with CP-SAT (a few
    hundred to a few thousand decisions), and if its optimum z reaches ``bound - tau`` no plan
    outside the restriction can beat it: z is the optimum of the whole round. Otherwise tau
    becomes ``bound - z`` (a restriction that contains every better plan), or grows a
    hundredfold if the restriction had no plan at all. Returns the search and the bound.
    """
    from planner.solve.cpsat import _run, build_model, wall_limited

    pr = pricing(r, lp)
    n = len(r.pairs)
    movable = pr.hi > pr.lo
    best = start or _Search()
    tau = TAU0 if best.objective is None else max(TAU0, pr.bound - best.objective + 1.0)
    seed = lp.values > 0.5
    for k in range(MAX_ROUNDS):
        up = movable & (pr.reduced >= tau)
        fixed_one = up | (pr.lo > 0.5)
        keep = (pr.hi > 0.5) & ~(movable & (pr.reduced <= -tau))
        free = int((keep & ~fixed_one).sum())
        if report:
            report(f"  {angka(settings.time_limit_s - left()):>7} s  relaksasi LP pecahan di {int(((lp.values > 1e-6) & (lp.values < 1 - 1e-6)).sum())} "
                   f"pasangan (batas {angka(pr.bound / UNIT, 4)}); {angka(free, 0)} pasangan dengan biaya tereduksi di bawah "
                   f"{tau / UNIT:g} poin dicari ulang, sisanya tetap")
        if k and left() <= 0:
            break
        sub = _restricted(r, keep, fixed_one & keep)
        stage1 = build_model(sub, nominees=False)
        hint = best.chosen[keep] if best.chosen is not None else seed[keep]
        # The first restriction runs even when the LP took the whole limit: it is small, and a
        # plan a second late beats no plan.
        solver, status, _, stopped = _run(stage1, settings, report, hint, max(1.0, left()) if not k else left(),
                                          exact=True)
        if wall_limited(solver, status) and best.chosen is not None:
            # The wall clock cut this round: its plan depends on the machine's speed. The last
            # round that ended by itself gives the same plan on every run; keep that one.
            best.interrupted = stopped
            break
        if status in (cp_status.OPTIMAL, cp_status.FEASIBLE) and (
                best.objective is None or solver.objective_value > best.objective):
            chosen = np.zeros(n, dtype=bool)
            chosen[np.flatnonzero(keep)] = [solver.boolean_value(v) for v in stage1.x]
            best.chosen, best.objective = chosen, solver.objective_value
        best.status, best.solver, best.model = status, solver, stage1
        if status == cp_status.OPTIMAL:
            if pr.bound - best.objective <= tau:
                best.proven = True
                break
            tau = pr.bound - best.objective + 1.0
        elif status == cp_status.INFEASIBLE:
            tau *= 100.0
        else:  # stopped by a limit or by the user
            best.interrupted, best.wall_cut = stopped, wall_limited(solver, status)
            break
    if best.chosen is not None and best.status == cp_status.INFEASIBLE:
        best.status = cp_status.FEASIBLE
    return best, pr.bound


def _neighbourhood_search(r: Round, lp, settings: SolverSettings, report: Reporter | None,
                          left: Callable[[], float]) -> tuple[_Search, float]:
    """``method: cp-sat``: CP-SAT over every link of the LP's fractional values (the others keep
    their LP value), stopped by its limits or by reaching the LP bound. Wider than the priced
    restriction and without its proof; kept to compare the two and to exercise CP-SAT."""
    from planner.solve.cpsat import _run, build_model, wall_limited

    n = len(r.pairs)
    free = neighbourhood(r, lp.values)
    ones = ~free & (lp.values > 0.5)
    keep = free | ones
    if report:
        report(f"  relaksasi LP: batas {angka(lp.objective)}; dicari ulang {angka(int(free.sum()), 0)} pasangan di sekitar "
               f"nilai pecahannya")
    stage1 = build_model(_restricted(r, keep, ones), nominees=False)
    # LP objective in model units, floored: the integer optimum cannot exceed it.
    stop_at = math.floor(lp.objective * UNIT + 1e-6)
    solver, status, _, stopped = _run(stage1, settings, report, (lp.values > 0.5)[keep], max(1.0, left()), stop_at)
    search = _Search(status=status, interrupted=stopped, solver=solver, model=stage1,
                     wall_cut=wall_limited(solver, status))
    if status in (cp_status.OPTIMAL, cp_status.FEASIBLE):
        search.chosen = np.zeros(n, dtype=bool)
        search.chosen[np.flatnonzero(keep)] = [solver.boolean_value(v) for v in stage1.x]
        search.objective = solver.objective_value
        search.proven = lp.objective * UNIT - search.objective < 1e-9 * max(1.0, abs(search.objective))
    if status == cp_status.OPTIMAL and not search.proven:
        # Optimal in the neighbourhood only: the priced restriction around it proves or improves it.
        return _priced_search(r, lp, settings, report, left, start=search)
    return search, min(solver.best_objective_bound, lp.objective * UNIT)


MERIT_ROUNDS = 10  # priced re-solves at most
# A price starts at the points by which the candidate outranks the one chosen and is
# multiplied by GROW each further round in which the candidate is passed over (at that post
# or at another: alike posts otherwise take turns, one round each). Measured on the demo and
# four kabupaten (docs/objective.md, "Strict merit order"): 3 reaches a plan that keeps the
# order in 2-4 rounds; 8 as many rounds but 1-3 % more moves; 2 one round more. Easing
# prices that buy nothing after the first such plan gained 0-0,3 % of value for 1 s more.
GROW = 3.0
STALL = 3  # rounds without fewer candidates passed over: what is left is held by the rules, not by prices


def solve(r: Round, settings: SolverSettings, report: Reporter | None = None,
          hint: np.ndarray | None = None, lp_first: bool = True, lp_solver: str | None = None) -> SolveResult:
    """:func:`solve_rows` under the merit order: each post to its strongest available candidate.

    The merit order is one row per (post, stronger available candidate): "if the post goes
    to someone weaker, this candidate moves too". As constraints they make the LP fractional
    and the proof slow (docs/objective.md, "Measured"), so they are priced instead
    (Lagrangian relaxation): each candidate a plan passes over while they stay put gets a
    price, credited to their moves and charged to the post's weaker occupants, raised while
    plans pass them over, until a plan keeps the order. The priced round is a network problem
    as before (integral LP). The unpriced optimum bounds every plan that keeps the order, and
    so does every priced optimum (weak duality); the smallest is the reported bound. When the
    unpriced optimum keeps the order it is the proven optimum (method ``lp`` as usual). All
    deterministic: the same inputs give the same prices, rounds and plan. If no plan keeps
    the order, without filling fewer posts than the unpriced optimum, within MERIT_ROUNDS (or
    STALL rounds without progress), the one that passes over the fewest is returned, with
    ``merit_breaches`` set: the rules and the filling of posts come before the order.
    Without ``r.strict_merit_order``: :func:`solve_rows`."""
    if not r.strict_merit_order:
        return solve_rows(r, settings, report, hint, lp_first, lp_solver)
    t0 = time.perf_counter()
    prices: dict[tuple[str, str], list[float]] = {(p, n): [sc, q] for p, n, sc, q in r.merit_order_prices}
    passed: dict[str, int] = {}  # rounds in which each candidate was passed over
    bound = math.inf
    sifter: Sifter | None = None
    tie = tiebreak(r.pairs, "x")
    priced = MeritPricing(r)

    def relaxation(rk: Round) -> LpResult | None:
        # Only the costs change between rounds: one sifting LP, re-solved from its last basis.
        nonlocal sifter
        if sifter is None:
            sifter = Sifter(lp_arrays(rk, tie))
            return sifter.solve()
        objective = sifter.a.objective.copy()
        objective[:len(rk.pairs)] = x_coefficients(rk, tie, priced)
        return sifter.solve(objective)

    warm = relaxation if lp_first and (lp_solver or LP_SOLVER) == "sifting" else None
    rk = r
    best: tuple | None = None  # (breaches, -value, priced Round, result, k, breaches) of the best plan filling as much
    fill0 = unpriced = math.inf
    for k in range(MERIT_ROUNDS):
        rk = dataclasses.replace(r, merit_order_prices=tuple((p, n, sc, q) for (p, n), (sc, q) in prices.items())) \
            if prices else r
        left = settings.time_limit_s - (time.perf_counter() - t0)
        res = solve_rows(rk, settings.model_copy(update={"time_limit_s": max(1.0, left)}) if k else settings,
                         report, hint, lp_first, lp_solver, relaxation=warm, nominees=False)
        if res.objective is None:
            if best is None:
                return res
            break
        own = res.objective - (float(merit_prices(rk, priced)[res.chosen].sum()) if prices else 0.0)
        if res.status == "OPTIMAL":
            bound = min(bound, res.objective)  # a priced optimum bounds every merit-ordered plan
        fill = fill_value(r, res.chosen)
        if not k:
            fill0, unpriced = fill, res.bound  # the plain round's bound bounds every plan
        new = merit_order_breaches(r, res.chosen)
        if report and prices:
            report(f"  urutan merit ({k}): {len(new)} calon lebih kuat tidak dimutasi; nilai rencana "
                   f"{angka(own)}, batas {angka(bound)}")
        if fill < fill0 - 1e-6:
            # The prices now outweigh filling posts: the order yields to the filling (issue 10:
            # within the rules and the filling of posts), the best plan so far stands.
            break
        if best is None or (len(new), -own) < best[:2]:
            best = (len(new), -own, rk, res, k, new)
        if not new or k - best[4] >= STALL or res.interrupted:  # Ctrl-C ends the rounds too
            break
        for pid, n, sc, chosen_score in new:
            if (pid, n) in prices:
                prices[(pid, n)][1] *= GROW
            else:
                prices[(pid, n)] = [sc, max(1.0, sc - chosen_score) * GROW ** passed.get(n, 0)]
        for n in {n for _, n, _, _ in new}:
            passed[n] = passed.get(n, 0) + 1
    stopped = res.interrupted
    breaches, value, rk, final, at, left_over = best
    final.interrupted = final.interrupted or stopped
    final.merit_breaches = len({n for _, n, _, _ in left_over})  # candidates, each at one post or more
    if report and breaches:
        report(f"  urutan merit tidak tercapai: {final.merit_breaches} calon lebih kuat tetap tidak dimutasi "
               f"(alasannya di passed_over.csv)")
    if at:
        final.objective = -value
        # Plans that keep the order are bounded by every priced optimum; others by the unpriced one.
        final.bound = max(final.objective, unpriced if breaches or not math.isfinite(bound) else bound)
        final.gap = _gap(final.objective, final.bound)
        if final.status == "OPTIMAL" and final.bound - final.objective >= 1.0 / UNIT:
            final.status = "FEASIBLE"
        final.method = MERIT_ORDER_METHOD
    final.merit_prices = len(rk.merit_order_prices)
    nominees = nominate(r, final.chosen)
    if nominees is None:
        # The nomination cap binds: the joint model on the last prices decides moves and lists.
        final = solve_rows(rk, settings, report, final.chosen, lp_first, lp_solver)
    else:
        final.nominees = nominees
    final.wall_s = time.perf_counter() - t0
    return final


def solve_rows(r: Round, settings: SolverSettings, report: Reporter | None = None,
               hint: np.ndarray | None = None, lp_first: bool = True, lp_solver: str | None = None,
               relaxation: Callable[[Round], LpResult | None] | None = None,
               nominees: bool = True) -> SolveResult:
    """Solve a round lexicographically: the moves first, then the best 1:3 shortlists.

    Stage 1 chooses the moves on a relaxation of the joint model (a post is fillable when
    it has at least ``ratio`` nominable candidates, the nomination cap ignored). Stage 2
    picks the alternates by min-cost flow under the cap. If every filled post gets its
    alternates, stage 1's optimum is optimal for the joint model too; otherwise the joint
    model is solved, seeded with stage 1's moves. ``settings.time_limit_s`` bounds the whole
    call in wall seconds (LP included). ``lp_solver``: a key of ``LP_SOLVERS`` (default ``LP_SOLVER``).
    """
    n = len(r.pairs)
    t0 = time.perf_counter()
    deadline = t0 + settings.time_limit_s

    def left() -> float:
        return deadline - time.perf_counter()

    lp = (relaxation(r) if relaxation is not None else None) or LP_SOLVERS[lp_solver or LP_SOLVER](r)
    if lp_first and lp.integral:
        # An integral LP optimum is optimal for the integer model: proof without search.
        chosen = lp.values > 0.5
        name, obj, bound, stopped, method = "OPTIMAL", lp.objective, lp.objective, False, "lp"
        wall = time.perf_counter() - t0
        if report:
            report(f"  {angka(wall):>7} s  relaksasi LP integral: objektif {angka(obj)} optimal")
    else:
        if lp.feasible:
            explore = _priced_search if lp_first else _neighbourhood_search
            search, lp_bound = explore(r, lp, settings, report, left)
        else:
            # No LP optimum (conflicting locks, say): CP-SAT on the whole round tells why.
            from planner.solve.cpsat import _run, build_model, wall_limited

            stage1 = build_model(r, nominees=False)
            solver, status, _, stopped = _run(stage1, settings, report, hint, max(1.0, left()))
            search, lp_bound = _Search(status=status, interrupted=stopped, solver=solver, model=stage1,
                                       wall_cut=wall_limited(solver, status)), None
            if status in (cp_status.OPTIMAL, cp_status.FEASIBLE):
                search.chosen = np.array([solver.boolean_value(v) for v in stage1.x], dtype=bool)
                search.objective = solver.objective_value
                search.proven = status == cp_status.OPTIMAL
        wall, stopped = time.perf_counter() - t0, search.interrupted
        if search.chosen is None:
            name = search.solver.status_name(search.status) if search.solver else "UNKNOWN"
            result = SolveResult(name, None, None, None, np.zeros(n, bool), NO_NOMINEES, wall, stopped)
            if search.status == cp_status.INFEASIBLE and search.model is not None and search.model.lock_literals \
                    and not lp.feasible:
                from planner.solve.conflicts import conflicting_locks

                result.conflicts = conflicting_locks(search.model)
            return result
        chosen, obj = search.chosen, search.objective / UNIT
        if search.proven:
            name, bound = "OPTIMAL", obj
        else:
            name = "FEASIBLE"
            bound = search.solver.best_objective_bound / UNIT if lp_bound is None else lp_bound / UNIT
        if report and search.proven and lp.feasible:
            report(f"  {angka(wall):>7} s  terbukti optimal: objektif {angka(obj, 4)}, tidak ada rencana yang lebih baik")
        if report and search.wall_cut:
            report("  batas waktu jam dinding menghentikan pencarian sebelum anggaran kerja deterministiknya: "
                   "rencana ini bisa berbeda antar-run (naikkan --time-limit)")
        method = "cp-sat"
    picked = nominate(r, chosen) if nominees else NO_NOMINEES
    if picked is not None:
        return SolveResult(name, obj, bound, _gap(obj, bound), chosen, picked, time.perf_counter() - t0,
                           stopped, method=method)

    if report:
        report("  batas nominasi per orang mengikat: model gabungan dengan daftar calon 1:3")
    from planner.solve.cpsat import _run, build_model

    joint = build_model(r, nominees=True)
    solver, status, wall2, stopped2 = _run(joint, settings, report, chosen, max(1.0, left()))
    name = solver.status_name(status)
    if status not in (cp_status.OPTIMAL, cp_status.FEASIBLE):
        return SolveResult(name, None, None, None, np.zeros(n, bool), NO_NOMINEES, wall + wall2, stopped or stopped2)
    chosen = np.array([solver.boolean_value(v) for v in joint.x], dtype=bool)
    picked = np.array([solver.boolean_value(v) for v in joint.y], dtype=bool)
    nominees = r.pairs.loc[picked, ["nip", "position_id", "score"]].assign(chosen=chosen[picked])
    obj, bound = solver.objective_value / UNIT, solver.best_objective_bound / UNIT
    return SolveResult(name, obj, bound, _gap(obj, bound), chosen, nominees.reset_index(drop=True),
                       wall + wall2, stopped or stopped2, method="cp-sat-joint")




class WarmRound:
    """Stage 1 of a base round kept in HiGHS with its basis, re-solved after changes of controls.

    Every later round is the base round with fewer pairs (a ban, a keep, a reserve, a post
    closed for lack of nominees) and more locks: its stage-1 LP is the base LP with the
    missing pairs' upper bound at 0 and the locks' lower bound at 1 (the rows of the missing
    pairs are then the same constraints; planner.solve.formulation). So its LP optimum is the
    cold LP's, found from the kept basis in a few dual simplex pivots; when it is integral it
    is the optimum of the integer model, as in :func:`solve`. Otherwise (or when the
    nomination cap binds) the round is solved by :func:`solve`, hinted with the given plan.
    """

    def __init__(self, base: Round):
        self.base = base
        self.lp = HighsLp(base)
        self._post_code, self._posts = pd.factorize(base.pairs["position_id"])
        self._pair_at: dict[tuple[str, str], int] | None = None  # (nip, post) -> position, built at the first lock

    def index_of(self, r: Round) -> np.ndarray:
        """The position in the base round of each pair of ``r`` (which must be a subset of it)."""
        keys = pd.MultiIndex.from_arrays([self.base.pairs["nip"], self.base.pairs["position_id"]])
        idx = keys.get_indexer(pd.MultiIndex.from_arrays([r.pairs["nip"], r.pairs["position_id"]]))
        if (idx < 0).any():
            raise KeyError("the round has pairs the base round does not have")
        return idx

    def relaxation(self, r: Round, index: np.ndarray, time_limit: float | None = None) -> LpResult:
        """The stage-1 LP of ``r`` (``index``: its pairs' positions in the base), from the kept basis."""
        n = len(self.base.pairs)
        lower, upper = np.zeros(n), np.zeros(n)
        upper[index] = 1.0
        if r.ratio > 1 and len(index):
            # Posts with fewer nominable candidates than the ratio are closed in stage 1
            # (planner.solve.formulation.moves_rows). Round.nominable counts distinct people
            # per post; the pool holds each pair once (eligibility is one row per candidate
            # and post), so counting rows is the same and several times faster.
            pool = r.nominees_pool if r.nominees_pool is not None else r.pairs
            count = pool["position_id"].value_counts().reindex(self._posts, fill_value=0).to_numpy()
            upper[index[count[self._post_code[index]] < r.ratio]] = 0.0
        if r.locks:
            if self._pair_at is None:
                keys = zip(self.base.pairs["nip"].tolist(), self.base.pairs["position_id"].tolist())
                self._pair_at = {k: i for i, k in enumerate(keys)}
            member = np.zeros(n, dtype=bool)
            member[index] = True
            for lock in set(r.locks):
                i = self._pair_at.get(lock)
                if i is None or not member[i]:
                    return LpResult(False, np.zeros(len(index)), float("nan"), False)
                lower[i] = 1.0
        self.lp.set_pair_bounds(lower, upper)
        res = self.lp.solve(time_limit)
        if not res.feasible:
            return res
        # The pairs outside ``index`` are fixed at 0: res.integral speaks for ``r``'s pairs too.
        return LpResult(True, res.values[index], res.objective, res.integral)

    def solve(self, r: Round, settings: SolverSettings, report: Reporter | None = None,
              hint: np.ndarray | Callable[[], np.ndarray] | None = None,
              index: np.ndarray | None = None) -> SolveResult:
        """:func:`solve` of ``r``, warm: the same plan, from the kept basis when the LP is integral.
        ``index``: the positions of ``r``'s pairs in the base round, when the caller knows them;
        ``hint`` may be a function, called only when CP-SAT runs."""
        t0 = time.perf_counter()
        if index is None:
            index = self.index_of(r)
        if r.strict_merit_order:  # priced re-solves (see solve): the cold strategy, for the same plan
            return solve(r, settings, report=report, hint=hint() if callable(hint) else hint,
                         lp_first=settings.method == "auto")
        lp = self.relaxation(r, index, settings.time_limit_s) if settings.method == "auto" else None
        if lp is not None and lp.feasible and lp.integral:
            chosen = lp.values > 0.5
            nominees = nominate(r, chosen)
            if nominees is not None:
                wall = time.perf_counter() - t0
                if report:
                    report(f"  {angka(wall):>7} s  relaksasi LP integral (dari basis sebelumnya): "
                           f"objektif {angka(lp.objective)} optimal")
                return SolveResult("OPTIMAL", lp.objective, lp.objective, 0.0, chosen, nominees, wall, method="lp")
        if report and lp is not None:
            report("  relaksasi LP tidak langsung memberi rencana bulat: diselesaikan dengan strategi penuh")
        return solve(r, settings, report=report, hint=hint() if callable(hint) else hint,
                     lp_first=settings.method == "auto")

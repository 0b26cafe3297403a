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
from ortools.linear_solver.python import model_builder_helper as mbh

from planner.round.problem import Round
from planner.solve.formulation import UNIT, MovesRows, Row, moves_rows, spread_units, x_coefficients

INTEGRAL_TOL = 1e-6


@dataclass
class LpResult:
    feasible: bool
    values: np.ndarray  # x per pair
    objective: float  # points
    integral: bool
    duals: np.ndarray | None = None  # one per row of ``rows`` (>= 0: every row is a <= row of a maximisation)
    rows: MovesRows | None = None



def _matrix(rows: list[Row], n_vars: int, n_pairs: int):
    """The rows as one sparse matrix (CSR): +1 on ``plus``, -1 on ``minus`` and on the excess."""
    import scipy.sparse as sp  # imported here: only the LP needs it, and it costs import time

    # Built as whole arrays: each row is three segments (plus, minus, its excess), each
    # segment one sign; a Python loop allocating small arrays per row cost more than GLOP's setup.
    n_plus = np.fromiter((len(row.plus) for row in rows), dtype=np.int64, count=len(rows))
    n_minus = np.fromiter((len(row.minus) for row in rows), dtype=np.int64, count=len(rows))
    excess = np.fromiter((-1 if row.excess is None else row.excess for row in rows), dtype=np.int64, count=len(rows))
    has_excess = (excess >= 0).astype(np.int64)
    lens = n_plus + n_minus + has_excess
    indptr = np.concatenate([[0], np.cumsum(lens)]).astype(np.int64)
    segments = [a for row in rows for a in (row.plus, row.minus)]
    index = np.empty(int(lens.sum()), dtype=np.int64)
    body = np.concatenate(segments).astype(np.int64) if segments else np.zeros(0, dtype=np.int64)
    # Where each row's excess goes: after its plus and minus entries.
    at_excess = indptr[1:][has_excess > 0] - 1
    keep = np.ones(len(index), dtype=bool)
    keep[at_excess] = False
    index[keep] = body
    index[at_excess] = n_pairs + excess[has_excess > 0]
    data = np.repeat(np.tile([1.0, -1.0, -1.0], len(rows)),
                     np.column_stack([n_plus, n_minus, has_excess]).reshape(-1))
    return sp.csr_matrix((data, index, indptr), shape=(len(rows), n_vars))


@dataclass
class LpArrays:
    """Stage 1's LP as arrays, the same for every LP backend (GLOP here, HiGHS in planner.solve.highs):
    variables are the round's pairs then the spread excesses; every row is ``A x <= ub``."""

    lower: np.ndarray
    upper: np.ndarray
    objective: np.ndarray  # objective units, maximised
    row_upper: np.ndarray
    matrix: object  # scipy.sparse.csr_matrix, rows x variables
    rows: MovesRows
    n_pairs: int


def lp_arrays(r: Round, tie: np.ndarray | None = None) -> LpArrays:
    """The relaxation of the first stage from the rows every backend reads (planner.solve.formulation).
    ``tie``: the round's tie-break, when the caller has it (planner.solve.formulation.tiebreak)."""
    n = len(r.pairs)
    mr = moves_rows(r, close_unfillable=True)
    k = len(mr.excess_ub)
    lower = np.zeros(n + k)
    upper = np.concatenate([np.ones(n), np.asarray(mr.excess_ub, dtype=float)])
    upper[mr.closed] = 0.0
    lower[np.fromiter(mr.locks.values(), dtype=np.int64, count=len(mr.locks))] = 1.0
    objective = np.concatenate([x_coefficients(r, tie).astype(float), np.full(k, -float(spread_units(r)))])
    return LpArrays(lower, upper, objective, np.array([row.ub for row in mr.rows], dtype=float),
                    _matrix(mr.rows, n + k, n), mr, n)


def lp_result(a: LpArrays, solution: np.ndarray, objective: float, duals: np.ndarray) -> LpResult:
    """An optimal LP solution as the strategy reads it (objective in objective units)."""
    values, extra = solution[:a.n_pairs], solution[a.n_pairs:]
    integral = bool(np.all((values < INTEGRAL_TOL) | (values > 1 - INTEGRAL_TOL))
                    and np.all(np.abs(extra - np.round(extra)) < INTEGRAL_TOL))
    return LpResult(True, values, objective / UNIT, integral, duals, a.rows)


def solve_lp(r: Round) -> LpResult:
    """The relaxation of the first stage with GLOP: the same rows as the CP-SAT model.

    The model is handed to GLOP as arrays and one sparse matrix: setting a few hundred
    thousand coefficients one by one through pywraplp took longer than solving."""
    return solve_arrays(lp_arrays(r))


def solve_arrays(a: LpArrays) -> LpResult:
    """GLOP on the whole of ``a`` (see :func:`solve_lp`)."""
    model = mbh.ModelBuilderHelper()
    model.fill_model_from_sparse_data(a.lower, a.upper, a.objective, np.full(len(a.row_upper), -np.inf),
                                      a.row_upper, a.matrix)
    model.set_maximize(True)
    solver = mbh.ModelSolverHelper("glop")
    solver.solve(model)
    if solver.status() != mbh.SolveStatus.OPTIMAL:
        return LpResult(False, np.zeros(a.n_pairs), math.nan, False)
    return lp_result(a, np.asarray(solver.variable_values(), dtype=float), solver.objective_value(),
                     np.asarray(solver.dual_values(), dtype=float))


@dataclass
class Pricing:
    """An exact upper bound from the LP duals, and what each decision costs against it.

    For any duals y >= 0 and any integer plan x, objective(x) <= bound - sum |d_j| * |x_j - best_j|
    where d = c - A'y are the reduced costs and best_j the bound of x_j that maximises d_j * x_j
    (weak duality, term by term). The bound is computed here from y, not read from GLOP, so
    it holds whatever GLOP's tolerances: a decision whose |d_j| exceeds the bound minus a known
    plan's value keeps its best_j in every better plan (reduced-cost fixing).
    """

    bound: float  # objective units
    reduced: np.ndarray  # d_j per pair, objective units
    lo: np.ndarray  # bounds of x_j in the LP: locks have lo 1, closed pairs hi 0
    hi: np.ndarray


def pricing(r: Round, lp: LpResult) -> Pricing:
    mr, y = lp.rows, np.maximum(lp.duals, 0.0)
    n = len(r.pairs)
    x_coef = x_coefficients(r)
    lo, hi = np.zeros(n), np.ones(n)
    hi[mr.closed] = 0.0
    lo[list(mr.locks.values())] = 1.0
    plus = np.concatenate([row.plus for row in mr.rows]) if mr.rows else np.array([], dtype=np.int64)
    plus_y = np.repeat(y, [len(row.plus) for row in mr.rows])
    minus = np.concatenate([row.minus for row in mr.rows]) if mr.rows else np.array([], dtype=np.int64)
    minus_y = np.repeat(y, [len(row.minus) for row in mr.rows])
    reduced = x_coef.astype(float) - np.bincount(plus, plus_y, n) + np.bincount(minus, minus_y, n)
    e_reduced = np.full(len(mr.excess_ub), -float(spread_units(r)))
    for k, row in enumerate(mr.rows):
        if row.excess is not None:
            e_reduced[row.excess] += y[k]
    ub = np.array([row.ub for row in mr.rows], dtype=float)
    bound = float(y @ ub + np.where(reduced > 0, reduced * hi, reduced * lo).sum()
                  + (np.maximum(e_reduced, 0.0) * np.array(mr.excess_ub, dtype=float)).sum())
    return Pricing(bound, reduced, lo, hi)


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

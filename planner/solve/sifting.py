"""Stage 1's LP by sifting: HiGHS on a small working set of pairs, grown by pricing, with a proof.

The LP has a few thousand rows and a few hundred thousand columns (pairs), and its optimum
moves a few hundred people: most columns are never basic. Sifting (column generation over
known columns) solves the LP over a working set — each person's and each post's best pairs
by coefficient — prices every pair with the duals (reduced cost ``c - A'y``), adds the best
few pairs of each person and post that would improve it, and re-solves from the kept basis
(HiGHS keeps it across ``addCols``), until the weak-duality bound of the *whole* LP,
computed here from the duals (as planner.solve.lp.pricing does), is within ``PROOF_GAP`` of
the working set's integral optimum. The coefficients are integers, so no integer plan of the
whole round is better: it is the integer optimum, the one GLOP's solve of the whole LP
returns (the tie-break makes the optimum unique; checked byte for byte on the generated
regions, benchmarks/RESULTS.md).

A fractional or unproven result falls back to GLOP on the whole LP (planner.solve.lp): the
priced search (planner.solve.strategy) reads its duals, and its plans and messages stay those
of GLOP's vertex.
"""
from __future__ import annotations

import math

import highspy
try:  # the bare core class (see _highs); private in highspy, so any release without it falls back
    from highspy._core import _Highs
except ImportError:  # pragma: no cover - depends on the installed highspy
    _Highs = highspy.Highs
import numpy as np

from planner.round.problem import Round
from planner.solve.lp import LpArrays, LpResult, lp_arrays, lp_result, solve_arrays

FIRST = 3  # pairs per person and per post in the first working set (by coefficient; measured: 2-3 best)
ADD = 5  # improving pairs per person and per post added per round (by reduced cost)
PRICE_TOL = 1e-3  # objective units: reduced costs below this are GLOP's noise level (about 1e-4)
PROOF_GAP = 0.5  # objective units: the coefficients are integers, so a gap below 1 proves an integer plan
MAX_ROUNDS = 25  # then GLOP on the whole LP: a stalled sifting costs a bounded detour (6 rounds on kabupaten)


def _best_per_group(idx: np.ndarray, score: np.ndarray, groups: tuple[np.ndarray, ...], k: int) -> np.ndarray:
    """The ``k`` best of ``idx`` by ``score`` in each group of each grouping (union, sorted)."""
    by_score = idx[np.argsort(-score[idx], kind="stable")]
    out = []
    for g in groups:
        # Stable sort by group keeps the score order inside each group (a radix sort on small codes).
        order = by_score[np.argsort(g[by_score], kind="stable")]
        gg = g[order]
        start = np.flatnonzero(np.r_[True, gg[1:] != gg[:-1]])
        rank = np.arange(len(order)) - np.repeat(start, np.diff(np.r_[start, len(order)]))
        out.append(order[rank < k])
    return np.unique(np.concatenate(out)) if out else idx[:0]


def _codes(groups: dict, n: int) -> np.ndarray:
    codes = np.full(n, -1, dtype=np.int16 if len(groups) < 2**15 else np.int64)
    for k, idx in enumerate(groups.values()):
        codes[idx] = k
    return codes


def _highs(a: LpArrays, csc, cols: np.ndarray):
    # The bare core class: highspy.Highs's wrapper prints HiGHS's banner on stdout when it is
    # constructed (before any option can be set), into the middle of the plan's progress lines.
    # Its extras (callbacks, Ctrl-C handling) are not needed for runs of a fraction of a second.
    h = _Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    # As in planner.solve.highs: primal simplex without presolve; after columns are added the
    # basis stays primal feasible, so the primal simplex continues from it.
    h.setOptionValue("presolve", "off")
    h.setOptionValue("simplex_strategy", 4)
    sub = csc[:, cols]
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = len(cols), csc.shape[0]
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = a.objective[cols].astype(np.float64)
    lp.col_lower_, lp.col_upper_ = a.lower[cols].astype(np.float64), a.upper[cols].astype(np.float64)
    lp.row_lower_ = np.full(csc.shape[0], -highspy.kHighsInf)
    lp.row_upper_ = a.row_upper.astype(np.float64)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = len(cols), csc.shape[0]
    lp.a_matrix_.start_ = sub.indptr.astype(np.int32)
    lp.a_matrix_.index_ = sub.indices.astype(np.int32)
    lp.a_matrix_.value_ = sub.data.astype(np.float64)
    if h.passModel(lp) == highspy.HighsStatus.kError:
        raise RuntimeError("HiGHS refused the model")
    return h


class Sifter:
    """Sifting on one LP whose objective may change between solves: the working set and HiGHS's
    basis are kept, so a re-solve after new costs (the merit-order prices of
    planner.solve.strategy.solve) starts from the last optimum."""

    def __init__(self, a: LpArrays):
        self.a = a
        n, nv = a.n_pairs, len(a.objective)
        self.csc = a.matrix.tocsc()
        self.csc.sort_indices()
        self.groups = (_codes(a.rows.by_person, n), _codes(a.rows.by_post, n))
        self.c = a.objective
        open_pairs = np.flatnonzero(a.upper[:n] > 0)
        self.member = np.zeros(nv, dtype=bool)
        self.member[_best_per_group(open_pairs, self.c, self.groups, FIRST)] = True
        self.member[a.lower > 0] = True  # locks
        self.member[n:] = True  # spread excesses
        self.cols = np.flatnonzero(self.member)
        self.h = _highs(a, self.csc, self.cols)

    def solve(self, objective: np.ndarray | None = None) -> LpResult | None:
        """The LP's integral optimum with its proof, or None (fractional, or not proven)."""
        a, h = self.a, self.h
        n = a.n_pairs
        if objective is not None:
            self.c = objective
            h.changeColsCost(len(self.cols), np.arange(len(self.cols), dtype=np.int32),
                             objective[self.cols].astype(np.float64))
        c, lower, upper = self.c, a.lower, a.upper
        open_all = upper > 0
        for _ in range(MAX_ROUNDS):
            h.run()
            if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                return None
            sol = h.getSolution()
            y = np.maximum(np.asarray(sol.row_dual, dtype=float), 0.0)
            reduced = c - a.matrix.T @ y
            # Weak duality over every column of the whole LP (any y >= 0 gives a bound).
            terms = np.concatenate([y * a.row_upper, np.where(reduced > 0, reduced * upper, reduced * lower)])
            bound = math.fsum(terms[terms != 0])  # exactly rounded: the proof compares it to within 1 unit
            x = np.zeros(len(c))
            x[self.cols] = np.asarray(sol.col_value, dtype=float)
            integral = bool(np.all(np.abs(x - np.round(x)) < 1e-6))
            if integral:
                xi = np.round(x)
                value = float(c @ xi)
                feasible = np.all(a.matrix @ xi <= a.row_upper + 1e-9) and np.all((xi >= lower) & (xi <= upper))
                if feasible and bound - value <= PROOF_GAP:
                    res = lp_result(a, xi, value, y)
                    return res if res.integral else None
            add = np.flatnonzero(~self.member & open_all & (reduced > PRICE_TOL))
            if not len(add):
                return None  # optimal over the working set but not proven integral for the whole LP
            add_pairs = _best_per_group(add[add < n], reduced, self.groups, ADD)
            add = np.concatenate([add_pairs, add[add >= n]])
            sub = self.csc[:, add]
            h.addCols(len(add), c[add].astype(np.float64), lower[add].astype(np.float64),
                      upper[add].astype(np.float64), sub.nnz, sub.indptr[:-1].astype(np.int32),
                      sub.indices.astype(np.int32), sub.data.astype(np.float64))
            self.member[add] = True
            self.cols = np.concatenate([self.cols, add])
        return None


def sift(a: LpArrays) -> LpResult | None:
    """The LP's integral optimum with its proof, or None (fractional, or not proven)."""
    return Sifter(a).solve()


def solve_lp_sifting(r: Round) -> LpResult:
    """Stage 1's LP: the proven integral optimum by sifting, else GLOP on the whole LP."""
    a = lp_arrays(r)
    res = sift(a)
    return res if res is not None else solve_arrays(a)

"""The LP relaxation of stage 1 with HiGHS, kept in memory with its basis for warm re-solves.

The model is the same as GLOP's (planner.solve.lp.lp_arrays: the rows of
planner.solve.formulation), handed to HiGHS in one call as a column-wise sparse matrix.
HiGHS keeps the optimal basis after a solve: changing column bounds (a lock sets a pair's
lower bound to 1, a ban its upper bound to 0) and solving again starts the dual simplex
from that basis, a few pivots instead of a solve from scratch (the interactive round of
issue 13: planner.session).
"""
from __future__ import annotations

import math

import highspy
import numpy as np

from planner.round.problem import Round
from planner.solve.lp import LpArrays, LpResult, lp_arrays, lp_result


class HighsLp:
    """Stage 1's LP in a HiGHS instance: solve, change column bounds, solve again warm."""

    def __init__(self, r: Round | None = None, *, arrays: LpArrays | None = None, threads: int = 1):
        a = arrays if arrays is not None else lp_arrays(r)
        self.arrays = a
        csc = a.matrix.tocsc()
        csc.sort_indices()
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        # One thread: the simplex is serial, and a thread pool per instance only competes
        # with the other processes of a 2-core machine.
        h.setOptionValue("threads", threads)
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = csc.shape[1], csc.shape[0]
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.col_cost_ = a.objective.astype(np.float64)
        lp.col_lower_, lp.col_upper_ = a.lower.astype(np.float64), a.upper.astype(np.float64)
        lp.row_lower_ = np.full(csc.shape[0], -highspy.kHighsInf)
        lp.row_upper_ = a.row_upper.astype(np.float64)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = csc.shape[1], csc.shape[0]
        lp.a_matrix_.start_ = csc.indptr.astype(np.int32)
        lp.a_matrix_.index_ = csc.indices.astype(np.int32)
        lp.a_matrix_.value_ = csc.data.astype(np.float64)
        if h.passModel(lp) == highspy.HighsStatus.kError:
            raise RuntimeError("HiGHS refused the model")
        # Measured on kabupaten (benchmarks/RESULTS.md, "LP backends"): from scratch, the primal
        # simplex without presolve is fastest (2.4 s; 5.6 s with the defaults). After a change
        # of bounds the kept basis is still dual feasible, so later solves are dual simplex
        # from it, without cost perturbation: with it, the huge and nearly equal costs of this
        # model (a pair's value times 10^8 plus a tie-break) made a single ban take 5,000 to
        # 78,000 iterations; without, 0 to 20 (0.05 s).
        h.setOptionValue("presolve", "off")
        h.setOptionValue("simplex_strategy", 4)
        self.highs = h
        self.lower = a.lower.astype(np.float64).copy()
        self.upper = a.upper.astype(np.float64).copy()
        self.solves = 0

    @property
    def n_pairs(self) -> int:
        return self.arrays.n_pairs

    def set_pair_bounds(self, lower: np.ndarray, upper: np.ndarray) -> int:
        """Bounds of the pair columns (the excess columns keep theirs); returns how many changed.

        Only the changed columns are passed: HiGHS keeps its basis across the change."""
        n = self.n_pairs
        lower, upper = np.asarray(lower, dtype=np.float64), np.asarray(upper, dtype=np.float64)
        changed = np.flatnonzero((self.lower[:n] != lower) | (self.upper[:n] != upper))
        if len(changed):
            self.highs.changeColsBounds(len(changed), changed.astype(np.int32), lower[changed], upper[changed])
            self.lower[changed], self.upper[changed] = lower[changed], upper[changed]
        return len(changed)

    def solve(self, time_limit: float | None = None) -> LpResult:
        """Solve from the kept basis (the first call from scratch)."""
        h = self.highs
        if time_limit is not None:
            h.setOptionValue("time_limit", max(0.1, float(time_limit)))
        h.run()
        self.solves += 1
        if self.solves == 1:
            h.setOptionValue("simplex_strategy", 1)
            h.setOptionValue("dual_simplex_cost_perturbation_multiplier", 0.0)
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return LpResult(False, np.zeros(self.n_pairs), math.nan, False)
        sol = h.getSolution()
        # Same convention as GLOP's (checked in tests/test_highs.py): >= 0 on the <= rows of this
        # maximisation, what planner.solve.lp.pricing reads.
        duals = np.asarray(sol.row_dual, dtype=float)
        return lp_result(self.arrays, np.asarray(sol.col_value, dtype=float), h.getInfo().objective_function_value,
                         duals)


def solve_lp_highs(r: Round) -> LpResult:
    """The relaxation of the first stage with HiGHS (the same model as planner.solve.lp.solve_lp)."""
    return HighsLp(r).solve()

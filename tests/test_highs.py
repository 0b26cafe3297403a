"""planner.solve.highs: the same stage-1 LP as GLOP's, and warm re-solves from the kept basis
that agree with solving the changed round from scratch."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from planner.api import prepare
from planner.solve import strategy
from planner.solve.highs import HighsLp, solve_lp_highs
from planner.solve.lp import pricing, solve_lp
from planner.solve.strategy import WarmRound, solve

DEMO = Path(__file__).parent.parent / "scenarios" / "demo"


@pytest.fixture(scope="module")
def demo():
    """The demo under the plain objective: one LP per round, whose backends these tests compare
    (the strict merit order re-solves it with prices, tests/test_merit.py)."""
    p = prepare(DEMO)
    return dataclasses.replace(p, round=dataclasses.replace(p.round, strict_merit_order=False))


def test_highs_solves_the_same_lp_as_glop(demo) -> None:
    r = demo.round
    glop, highs = solve_lp(r), solve_lp_highs(r)
    assert glop.feasible and highs.feasible and glop.integral and highs.integral
    assert np.array_equal(glop.values > 0.5, highs.values > 0.5)
    assert highs.objective == pytest.approx(glop.objective, abs=1e-6)
    # The duals follow GLOP's sign convention: the priced proof reads them unchanged.
    assert (highs.duals >= -1e-6).all()
    assert pricing(r, highs).bound == pytest.approx(pricing(r, glop).bound, rel=1e-12)


def test_the_strategy_gives_the_same_plan_with_either_lp(demo) -> None:
    r, s = demo.round, demo.settings
    a, b = solve(r, s, lp_solver="glop"), solve(r, s, lp_solver="highs")
    assert a.method == b.method == "lp" and a.status == b.status == "OPTIMAL"
    assert np.array_equal(a.chosen, b.chosen) and a.objective == pytest.approx(b.objective, abs=1e-6)
    assert a.nominees.equals(b.nominees)
    assert strategy.LP_SOLVER in strategy.LP_SOLVERS


def test_the_strict_merit_order_gives_the_same_plan_with_any_lp(demo) -> None:
    r, s = dataclasses.replace(demo.round, strict_merit_order=True), demo.settings
    plans = [solve(r, s, lp_solver=k) for k in ("sifting", "glop", "highs")]
    assert {p.method for p in plans} == {"merit-order"}
    assert all(np.array_equal(plans[0].chosen, p.chosen) for p in plans[1:])
    assert all(p.objective == pytest.approx(plans[0].objective, abs=1e-6) for p in plans[1:])


def _without(r, drop: np.ndarray):
    """The round less some pairs (what a ban does to the round), with its base positions."""
    keep = ~drop
    return dataclasses.replace(r, pairs=r.pairs[keep].reset_index(drop=True)), np.flatnonzero(keep)


def test_bound_changes_re_solved_warm_match_a_cold_solve(demo) -> None:
    r = demo.round
    lp = HighsLp(r)
    first = lp.solve()
    chosen = np.flatnonzero(first.values > 0.5)
    rng = np.random.default_rng(0)
    for k in rng.choice(len(chosen), 4, replace=False):
        upper = lp.upper[:lp.n_pairs].copy()
        upper[chosen[k]] = 0.0
        assert lp.set_pair_bounds(lp.lower[:lp.n_pairs], upper) == 1
        warm = lp.solve()
        cut, _ = _without(r, np.isin(np.arange(len(r.pairs)), [chosen[k]]))
        cold = solve_lp(cut)
        keep = np.arange(len(r.pairs)) != chosen[k]
        assert np.array_equal(warm.values[keep] > 0.5, cold.values > 0.5)
        assert warm.objective == pytest.approx(cold.objective, abs=1e-6)
        assert warm.objective < first.objective
        upper[chosen[k]] = 1.0
        lp.set_pair_bounds(lp.lower[:lp.n_pairs], upper)
    assert lp.solves == 5


def test_a_warm_round_locks_and_returns_the_strategy_result(demo) -> None:
    r, s = demo.round, demo.settings
    warm = WarmRound(r)
    base = warm.solve(r, s)
    assert base.method == "lp"
    assert np.array_equal(base.chosen, solve(r, s).chosen)
    # Lock someone who does not move into a post the plan fills with someone else.
    moved = set(r.pairs.loc[base.chosen, "nip"])
    i = next(i for i in range(len(r.pairs)) if not base.chosen[i] and r.pairs.at[i, "nip"] not in moved)
    locked = dataclasses.replace(r, locks=[*r.locks, (r.pairs.at[i, "nip"], r.pairs.at[i, "position_id"])])
    a, b = warm.solve(locked, s), solve(locked, s)
    assert a.chosen[i] and np.array_equal(a.chosen, b.chosen) and a.objective == pytest.approx(b.objective)
    assert a.nominees.reset_index(drop=True).equals(b.nominees.reset_index(drop=True))
    # A lock on a pair the round does not have: no LP, and the strategy says why.
    assert not warm.relaxation(dataclasses.replace(r, locks=[("nobody", "nowhere")]),
                               np.arange(len(r.pairs))).feasible


def test_the_nominee_pool_holds_each_pair_once(demo) -> None:
    """WarmRound counts a post's nominable candidates as the pool's rows for it (Round.nominable
    counts distinct people): the same only while the pool holds each pair once."""
    pool = demo.round.nominees_pool
    assert not pool.duplicated(["nip", "position_id"]).any()
    counts = pool["position_id"].value_counts().to_dict()
    assert counts == demo.round.nominable


def test_a_round_proven_by_its_lp_never_imports_cp_sat() -> None:
    # CP-SAT's module costs about 0.1 s of import: only a search may load it.
    import subprocess
    import sys
    code = ("import sys; from planner.api import prepare, solve_prepared; "
            f"p = solve_prepared(prepare({str(DEMO)!r})); "
            "print(p.plan.method, sorted(m for m in sys.modules if m.startswith('ortools.sat.python')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parent.parent, capture_output=True,
                         text=True, check=True)
    # The default strict merit order re-solves the same LP with prices: still no search.
    assert out.stdout.split()[0] in ("lp", "merit-order") and out.stdout.strip().endswith("[]"), out.stdout

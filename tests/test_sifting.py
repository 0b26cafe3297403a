"""planner.solve.sifting: the stage-1 LP solved on a working set of pairs gives GLOP's plan with
a proof over every pair, and gives way to GLOP on the whole LP when it cannot prove one."""
from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

from planner.api import prepare
from planner.solve import sifting
from planner.solve.formulation import UNIT
from planner.solve.lp import lp_arrays, pricing, solve_lp
from planner.solve.sifting import sift, solve_lp_sifting
from planner.synth.generate import generate_scenario
from tests.builders import FORMER_WEIGHTS

ROOT = Path(__file__).parent.parent
DEMO = ROOT / "scenarios" / "demo"


@pytest.fixture(scope="module")
def demo():
    return prepare(DEMO).round


def _same(a, b) -> None:
    assert np.array_equal(a.values > 0.5, b.values > 0.5)
    assert a.objective == b.objective


def test_sifting_proves_glops_optimum_with_a_fraction_of_the_pairs(demo) -> None:
    a = lp_arrays(demo)
    res, glop = sift(a), solve_lp(demo)
    assert res is not None and res.integral and glop.integral
    _same(res, glop)
    # The proof holds for every pair, not only the working set: weak duality from its duals.
    assert pricing(demo, res).bound - res.objective * UNIT <= sifting.PROOF_GAP


def test_rounds_cut_down_as_a_ban_does_get_glops_plan_too(demo) -> None:
    chosen = np.flatnonzero(solve_lp(demo).values > 0.5)
    rng = np.random.default_rng(1)
    for k in rng.choice(len(chosen), 3, replace=False):
        keep = np.arange(len(demo.pairs)) != chosen[k]
        cut = dataclasses.replace(demo, pairs=demo.pairs[keep].reset_index(drop=True))
        res = sift(lp_arrays(cut))
        assert res is not None
        _same(res, solve_lp(cut))


def test_without_a_proof_glop_solves_the_whole_lp(demo, monkeypatch) -> None:
    monkeypatch.setattr(sifting, "MAX_ROUNDS", 1)  # the first working set alone proves nothing here
    assert sift(lp_arrays(demo)) is None
    res, glop = solve_lp_sifting(demo), solve_lp(demo)
    _same(res, glop)
    assert np.array_equal(res.duals, glop.duals)


@pytest.fixture(scope="module")
def capped(tmp_path_factory):
    """A kecil round whose LP optimum is fractional under a unit change cap (tests/test_determinism.py)."""
    root = tmp_path_factory.mktemp("sifting")
    generate_scenario("kecil", 2, root / "base")
    doc = {"extends": str(root / "base" / "scenario.yaml"), "name": "cap", "unit_change_cap": 0.1,
           "weights": FORMER_WEIGHTS, "max_moved_share": None,
           "parameters": {"tenure_exempt_from": ["pelaksana", "jf:*"], "same_rumpun_bars_move": True,
                          "min_years_before_bup_structural": 1, "pool_exempt_open_selection_from": []}}
    (root / "cap").mkdir()
    (root / "cap" / "scenario.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    return prepare(root / "cap").round


def test_a_fractional_lp_gets_glops_vertex_and_duals(capped) -> None:
    glop = solve_lp(capped)
    assert not glop.integral
    assert sift(lp_arrays(capped)) is None
    res = solve_lp_sifting(capped)
    assert np.array_equal(res.values, glop.values) and np.array_equal(res.duals, glop.duals)


def test_sifting_prints_nothing() -> None:
    # HiGHS prints its banner once per process, on stdout, from highspy's wrapper class.
    code = ("from planner.api import prepare; from planner.solve.sifting import solve_lp_sifting; "
            f"solve_lp_sifting(prepare({str(DEMO)!r}).round)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout == ""


def test_a_warm_resolve_after_new_costs_is_the_cold_solve_of_those_costs(demo) -> None:
    # The strict merit order re-solves one Sifter with prices (planner.solve.strategy.solve):
    # from the kept basis and working set it must find what a cold solve of the priced round finds.
    from planner.solve.formulation import x_coefficients
    from planner.solve.sifting import Sifter

    warm = Sifter(lp_arrays(demo))
    first = warm.solve()
    assert first is not None
    chosen = np.flatnonzero(first.values > 0.5)
    rng = np.random.default_rng(7)
    pairs = demo.pairs
    changed = 0
    for k in rng.choice(len(chosen), 3, replace=False):
        i = chosen[k]
        # Price the post's chosen pair down: as a merit price would, it moves the optimum.
        entry = (pairs.at[i, "position_id"], pairs.at[pairs.index[(pairs["position_id"] != pairs.at[i, "position_id"])][0],
                                                       "nip"], float(pairs.at[i, "score"]) + 50.0, 400.0)
        priced = dataclasses.replace(demo, merit_order_prices=(entry,))
        objective = warm.a.objective.copy()
        objective[:len(pairs)] = x_coefficients(priced)
        got, cold = warm.solve(objective), sift(lp_arrays(priced))
        assert got is not None and cold is not None
        _same(got, cold)
        _same(got, solve_lp(priced))
        changed += not np.array_equal(got.values > 0.5, first.values > 0.5)
    assert changed  # the prices did move the optimum: the warm path was exercised, not just replayed

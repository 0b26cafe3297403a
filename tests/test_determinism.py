"""The same inputs and seed give the same plan, byte for byte, when CP-SAT searches with 2 workers.

The round is a generated kecil region (seed 2) under a unit change cap of 0.1: its LP
optimum is fractional, so the plan comes from CP-SAT, not from the LP alone. (The cap counts
every post a move empties against the unit's staffed posts since issue 9 item 11, so 0.1
binds about as 0.2 did when it counted only the holders of the round's posts.)
Before the deterministic default, CP-SAT's parallel portfolio under a time limit returned a
different plan from run to run on such rounds (issue 15, item 5).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from planner.api import plan_round
from planner.synth.generate import generate_scenario
from tests.builders import FORMER_WEIGHTS


@pytest.fixture(scope="module")
def capped(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("determinism")
    generate_scenario("kecil", 2, root / "base")
    return root


def scenario(root: Path, name: str, solver: dict) -> Path:
    folder = root / name
    folder.mkdir()
    # The Karawang readings before issue 9 and the weights before issue 10 keep this round the one the search budgets below
    # were tuned for (its LP fractional); the readings themselves are pinned in test_rule_fidelity.py.
    # 0.1: since issue 9 item 11 the cap counts every post a move empties against the unit's
    # staffed posts, and 0.2 leaves this round's LP integral (measured). The plain objective
    # (merit_order off) so that one CP-SAT search decides the plan.
    doc = {"extends": str(root / "base" / "scenario.yaml"), "name": name, "unit_change_cap": 0.1,
           "weights": FORMER_WEIGHTS, "max_moved_share": None, "merit_order": False,
           "parameters": {"tenure_exempt_from": ["pelaksana", "jf:*"], "same_rumpun_bars_move": True,
                          "min_years_before_bup_structural": 1, "pool_exempt_open_selection_from": []},
           "solver": {"workers": 2, "seed": 0, **solver}}
    (folder / "scenario.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    return folder


def three_runs(root: Path, scn: Path) -> list[tuple[dict[str, bytes], dict]]:
    runs = []
    for k in range(3):
        _, folder = plan_round(scn, out=root / f"{scn.name}-run{k}")
        csvs = {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}
        runs.append((csvs, json.loads((folder / "plan.json").read_text())))
    return runs


def test_fractional_round_is_proven_optimal_and_identical_three_times(capped: Path) -> None:
    runs = three_runs(capped, scenario(capped, "auto", {"time_limit_s": 30}))
    (first, doc), *rest = runs
    assert {"plan.csv", "shortlist.csv", "unfilled.csv"} <= set(first)
    assert doc["method"] == "cp-sat"  # the LP was fractional: CP-SAT decided the plan
    # Reduced-cost fixing closes the LP gap: a proof, not a stop at the time limit.
    assert doc["status"] == "OPTIMAL" and doc["gap"] == 0 and doc["interrupted"] is False
    for csvs, other in rest:
        assert csvs == first
        assert other["objective"] == doc["objective"]


def test_search_stopped_by_its_work_budget_is_identical_three_times(capped: Path, monkeypatch) -> None:
    # A wider restriction (every decision priced within 0.03 point of the bound, 5,850 of
    # 25,014 here, as a larger round would leave) that a small work budget cuts long before
    # the proof and long before the wall clock: where CP-SAT's parallel portfolio used to
    # return a different plan each time.
    from planner.solve import strategy

    monkeypatch.setattr(strategy, "TAU0", 3e6)
    runs = three_runs(capped, scenario(capped, "budget", {"time_limit_s": 60, "work_limit": 0.2}))
    (first, doc), *rest = runs
    assert doc["status"] == "FEASIBLE" and doc["interrupted"] is False and doc["gap"] > 0
    for csvs, other in rest:
        assert csvs == first
        assert other["objective"] == doc["objective"]

"""The round's build shortcuts give the same table as the plain computation."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from planner.api import prepare
from planner.round.build import ROUND_COLUMNS, _Key, _scored, _take_pairs

DEMOS = sorted(p.name for p in (Path(__file__).resolve().parents[1] / "scenarios").glob("demo*"))


@pytest.mark.parametrize("name", DEMOS)
def test_scoring_by_runs_and_taking_by_person_and_post_change_nothing(name):
    root = Path(__file__).resolve().parents[1] / "scenarios" / name
    prep = prepare(root)
    e, sc = prep.elig, prep.data.scenario
    args = dict(columns=ROUND_COLUMNS, facts=e.facts, rumpun_months=e.context.rumpun_months)
    plain = _scored(e.pairs, prep.pack, sc.weights, prep.data, **args)
    by_runs = _scored(e.pairs, prep.pack, sc.weights, prep.data, by_runs=True, **args)
    pd.testing.assert_frame_equal(by_runs, plain, check_exact=True)
    # shuffled pairs: more runs, the same terms
    shuffled = e.pairs.take(np.random.default_rng(0).permutation(len(e.pairs)))
    pd.testing.assert_frame_equal(_scored(shuffled, prep.pack, sc.weights, prep.data, by_runs=True, **args),
                                  _scored(shuffled, prep.pack, sc.weights, prep.data, **args), check_exact=True)
    rows = np.random.default_rng(1).permutation(len(plain))[: len(plain) // 2]
    taken = _take_pairs(plain, rows, _Key(plain["nip"]), _Key(plain["position_id"]))
    pd.testing.assert_frame_equal(taken, plain.take(rows).reset_index(drop=True), check_exact=True)

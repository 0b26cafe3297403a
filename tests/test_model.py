"""The CP-SAT model on hand-made rounds: it sees only pairs with coefficients, no rules.

Chains, swaps and cycles must be found when they are best; a brute-force enumeration on
small random rounds checks that the model's optimum is the true optimum.
"""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.schema import SolverSettings
from planner.plan.extract import chain_ids
from planner.solve.greedy import greedy_plan
from planner.round.build import Round
from planner.solve.strategy import solve
from planner.solve.strategy import solve as _solve

SOLVER = SolverSettings(time_limit_s=20, workers=2, seed=0)


def make_round(posts: list[tuple[str, str | None]], pairs: list[tuple[str, str | None, str, float]],
               ratio: int = 1, max_nominations: int = 3, locks=(), unit_cap=None, critical=()) -> Round:
    """posts: (position_id, holder or None); pairs: (nip, from_position_id, to_position_id, coef)."""
    p = pd.DataFrame({
        "position_id": [a for a, _ in posts], "holder_nip": [h for _, h in posts],
        "vacant": [h is None for _, h in posts], "t_unit": [f"U{i % 3}" for i in range(len(posts))],
        "t_kind": "pengawas", "t_eselon": "IV.a", "t_critical": [a in critical for a, _ in posts],
    })
    q = pd.DataFrame(pairs, columns=["nip", "from_position_id", "position_id", "coef"])
    q["score"] = q["coef"]
    q = q.sort_values(["position_id", "nip"], kind="stable").reset_index(drop=True)
    return Round(pairs=q, posts=p, locks=list(locks), keep=set(), ratio=ratio, max_nominations=max_nominations,
                 unit_change_cap=unit_cap, unit_spread_weight=0.0, nomination_weight=0.0,
                 open_selection_pairs=q.iloc[0:0], all_pairs=q)


@pytest.fixture(params=["lp", "cp-sat"], autouse=True)
def method(request, monkeypatch):
    """Every test runs twice: LP relaxation first (the default) and CP-SAT search alone."""
    import planner.solve.strategy as solve_module

    if request.param == "cp-sat":
        monkeypatch.setattr(solve_module, "solve", lambda r, s, **kw: _solve(r, s, lp_first=False, **kw))
        monkeypatch.setitem(globals(), "solve", lambda r, s, **kw: _solve(r, s, lp_first=False, **kw))
    return request.param


def chosen_moves(r: Round, settings: SolverSettings = SOLVER) -> set[tuple[str, str]]:
    res = solve(r, settings)
    assert res.status == "OPTIMAL"
    return set(zip(r.pairs.loc[res.chosen, "nip"], r.pairs.loc[res.chosen, "position_id"]))


def test_chain_of_three_fills_the_vacancy_through_two_holders() -> None:
    # A is vacant. b (holding B) is the only one who fits A; c (holding C) the only one for B;
    # d (outside scope) for C. Filling A forces the chain b->A, c->B, d->C.
    r = make_round([("A", None), ("B", "b"), ("C", "c")],
                   [("b", "B", "A", 100), ("c", "C", "B", 5), ("d", "D", "C", 5)])
    assert chosen_moves(r) == {("b", "A"), ("c", "B"), ("d", "C")}
    picked = r.pairs[r.pairs["nip"].isin(["b", "c", "d"])]
    ids, kinds = chain_ids(picked, r.posts)
    assert len(set(ids.values())) == 1 and kinds[ids["b"]] == "chain"


def test_longer_chain_of_five() -> None:
    posts = [("A", None)] + [(f"P{i}", f"h{i}") for i in range(4)]
    pairs = [("h0", "P0", "A", 50)] + [(f"h{i + 1}", f"P{i + 1}", f"P{i}", 1) for i in range(3)] + [("x", None, "P3", 1)]
    assert len(chosen_moves(make_round(posts, pairs))) == 5


def test_chain_not_taken_when_it_costs_more_than_it_gives() -> None:
    # Coefficients as prepare_round makes them: fill value 400 of the target, minus 400 for
    # the post a holder leaves empty, plus fit. The chain b->A, c->B is worth 10 + 350; e->A 405.
    r = make_round([("A", None), ("B", "b")], [("b", "B", "A", 10), ("c", None, "B", 350), ("e", None, "A", 405)])
    assert chosen_moves(r) == {("e", "A")}


def test_two_person_swap() -> None:
    r = make_round([("A", "a"), ("B", "b")], [("a", "A", "B", 30), ("b", "B", "A", 30)])
    assert chosen_moves(r) == {("a", "B"), ("b", "A")}
    picked = r.pairs
    ids, kinds = chain_ids(picked, r.posts)
    assert kinds[ids["a"]] == "swap"


def test_swap_not_taken_when_one_side_loses_more() -> None:
    r = make_round([("A", "a"), ("B", "b")], [("a", "A", "B", 30), ("b", "B", "A", -40)])
    assert chosen_moves(r) == set()


def test_three_person_cycle() -> None:
    r = make_round([("A", "a"), ("B", "b"), ("C", "c")],
                   [("a", "A", "B", 10), ("b", "B", "C", 10), ("c", "C", "A", 10), ("a", "A", "C", -5)])
    assert chosen_moves(r) == {("a", "B"), ("b", "C"), ("c", "A")}
    ids, kinds = chain_ids(r.pairs.iloc[[0, 2, 3]] if False else r.pairs[r.pairs["coef"] > 0], r.posts)
    assert kinds[ids["a"]] == "cycle"


def test_occupied_post_needs_its_holder_to_move() -> None:
    r = make_round([("A", "a")], [("b", None, "A", 100)])  # a has nowhere to go
    assert chosen_moves(r) == set()


def test_lock_is_honoured_even_at_a_loss() -> None:
    r = make_round([("A", None), ("B", None)], [("a", None, "A", 10), ("a", None, "B", -5)], locks=[("a", "B")])
    assert chosen_moves(r) == {("a", "B")}


def test_shortlist_ratio_leaves_post_vacant_with_too_few_candidates() -> None:
    r = make_round([("A", None), ("B", None)],
                   [("a", None, "A", 10), ("b", None, "A", 9), ("a", None, "B", 8), ("b", None, "B", 7),
                    ("c", None, "B", 1)], ratio=3)
    res = solve(r, SOLVER)
    filled = set(r.pairs.loc[res.chosen, "position_id"])
    assert filled == {"B"}  # A has only two eligible candidates
    nominees = res.nominees[res.nominees["position_id"] == "B"]
    assert set(nominees["nip"]) == {"a", "b", "c"} and nominees["chosen"].sum() == 1


def test_nomination_cap_spreads_nominees() -> None:
    # Two posts, four candidates; with at most one nomination each, two posts need 2+2 distinct.
    pairs = [(n, None, p, 1) for n in "abcd" for p in "AB"]
    r = make_round([("A", None), ("B", None)], pairs, ratio=2, max_nominations=1)
    res = solve(r, SOLVER)
    nom = res.nominees
    assert nom["nip"].is_unique and len(nom) == 4
    assert set(r.pairs.loc[res.chosen, "position_id"]) == {"A", "B"}


def test_unit_cap_limits_officials_leaving_a_unit() -> None:
    # Units cycle U0 U1 U2 U0 U1 U2: U0 holds A and D. Everyone would gladly swap around,
    # but with a cap of 0.5 only one of U0's two holders may leave.
    posts = [(p, p.lower()) for p in "ABCDEF"]
    pairs = [(p.lower(), p, q, 10) for p in "ABCDEF" for q in "ABCDEF" if p != q]
    r = make_round(posts, pairs, unit_cap=0.5)
    moved = {n for n, _ in chosen_moves(r)}
    assert not {"a", "d"} <= moved and not {"b", "e"} <= moved and not {"c", "f"} <= moved
    assert len(moved) == 3


def test_same_plan_twice_with_two_workers() -> None:
    rng = np.random.default_rng(3)
    posts = [(f"P{i}", None if i % 3 == 0 else f"h{i}") for i in range(30)]
    pairs = []
    for i in range(30):
        for j in rng.choice(30, size=4, replace=False):
            if j != i:
                pairs.append((f"h{i}", f"P{i}", f"P{j}", float(rng.integers(-20, 40))))
        pairs.append((f"x{i}", None, f"P{i}", 5.0))  # ties everywhere: the tie-break must decide
    r = make_round(posts, pairs, ratio=1)
    assert chosen_moves(r) == chosen_moves(r) == chosen_moves(r)


def test_greedy_fills_in_rank_order_and_misses_the_swap_chain() -> None:
    r = make_round([("A", None), ("B", "b")], [("b", "B", "A", 50), ("c", None, "B", 20), ("e", None, "A", 30)])
    g = set(zip(r.pairs.loc[greedy_plan(r).to_numpy(), "nip"], r.pairs.loc[greedy_plan(r).to_numpy(), "position_id"]))
    assert ("b", "A") in g and ("c", "B") in g  # greedy promotes b and refills B: one chain is natural


def brute_force_best(r: Round) -> float:
    """The best objective by enumeration (ratio 1, no caps): for tiny rounds only."""
    pairs = list(r.pairs.itertuples())
    holder = dict(zip(r.posts["position_id"], r.posts["holder_nip"]))
    best = 0.0
    for k in range(len(pairs) + 1):
        for combo in itertools.combinations(pairs, k):
            people = [p.nip for p in combo]
            posts = [p.position_id for p in combo]
            if len(set(people)) < k or len(set(posts)) < k:
                continue
            if any(isinstance(holder[p], str) and holder[p] not in people for p in posts):
                continue
            best = max(best, sum(p.coef for p in combo))
    return best


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_model_optimum_equals_brute_force(data) -> None:
    n_posts = data.draw(st.integers(2, 4))
    posts = [(f"P{i}", data.draw(st.sampled_from([None, f"h{i}"]))) for i in range(n_posts)]
    people = [f"h{i}" for i in range(n_posts)] + ["x", "y"]
    home = {f"h{i}": f"P{i}" for i in range(n_posts)}
    pairs = []
    for person in people:
        for post, _ in posts:
            if home.get(person) != post and data.draw(st.booleans()):
                pairs.append((person, home.get(person), post, float(data.draw(st.integers(-30, 60)))))
    # Only holders actually holding their post count as holders.
    held = {h for _, h in posts if h}
    pairs = [(n, f if n in held else None, p, c) for n, f, p, c in pairs if n in held or n in ("x", "y")]
    if not pairs:
        return
    r = make_round(posts, pairs)
    res = solve(r, SOLVER)
    assert res.status == "OPTIMAL"
    got = float(r.pairs.loc[res.chosen, "coef"].sum())
    assert abs(got - brute_force_best(r)) < 1e-6


def test_nomination_cap_binding_falls_back_to_the_joint_model() -> None:
    # Two posts want 1:2 shortlists; a and b fit both, c only A. With one nomination per
    # person, three people cannot give two posts two distinct nominees each: the relaxed
    # first stage fills both, the shortlist stage fails, and the joint model fills one.
    pairs = [("a", None, "A", 50), ("b", None, "A", 40), ("a", None, "B", 50), ("b", None, "B", 40),
             ("c", None, "A", 1)]
    r = make_round([("A", None), ("B", None)], pairs, ratio=2, max_nominations=1)
    res = solve(r, SOLVER)
    assert res.status == "OPTIMAL" and res.method == "cp-sat-joint"
    nom = res.nominees
    assert nom["nip"].value_counts().max() == 1  # the cap holds
    assert len(nom) == 2 and nom["position_id"].nunique() == 1 and nom["chosen"].sum() == 1
    assert int(res.chosen.sum()) == 1

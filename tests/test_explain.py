"""``planner explain``: explanations agree with the plan, the checks and the rule pack.

One small synthetic round (kecil, seed 1) is planned once per session. The solver runs in
deterministic mode, so that re-solving with the same lock gives the same objective in the
explanation and in the test even if a solve stops at its time limit.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.api import plan_round, rule_pack_for
from planner.cli import main
from models.terms import SCORE_TERMS
from planner.api import explain, explainer as Explainer
from reports.explain_text import render_text
from planner.inputs.load import load_valid
from planner.rules.eligibility import RULES_BY_ID, verdicts
from planner.plan.runfolder import RunFolderError, read_plan


@pytest.fixture(scope="session")
def run(small_run) -> Path:
    return small_run


@pytest.fixture(scope="session")
def explainer(run) -> Explainer:
    return Explainer(run)


@pytest.fixture(scope="session")
def pack_articles(run) -> dict[str, str]:
    rows = json.loads((run / "rule_pack.json").read_text(encoding="utf-8"))
    return {r["parameter"]: r["article"] for r in rows}


def test_every_filled_post_is_justified(run, explainer, pack_articles):
    plan = read_plan(run)
    assert plan.moves, "the round should move someone"
    for move in plan.moves:
        d = explainer.post(move.to_position_id)
        assert d["type"] == "terisi"
        assert d["chosen"]["nip"] == move.nip
        # Every rule checked passes and cites the pack in force.
        assert d["checks"] and d["all_passed"]
        for c in d["checks"]:
            assert c["passed"], c
            if c["rule"] == "move":
                assert c["article"] == move.article
            else:
                assert c["article"] == pack_articles[RULES_BY_ID[c["rule"]].parameter]
        # The score broken into its terms adds up to the plan's score.
        terms = {t["term"]: t["value"] for t in d["score_terms"]}
        assert terms == pytest.approx(move.score_terms)
        assert sum(terms[t] for t in SCORE_TERMS) == pytest.approx(move.score, abs=0.02)
        # The alternates are the shortlist, in rank order; their recomputed terms agree with it.
        shortlist = sorted((n for n in plan.shortlist if n.position_id == move.to_position_id and not n.chosen),
                           key=lambda n: n.rank)
        assert [a["nip"] for a in d["alternates"]] == [n.nip for n in shortlist]
        for a, n in zip(d["alternates"], shortlist):
            alt = {t["term"]: t["value"] for t in a["terms"]}
            assert sum(alt[t] for t in SCORE_TERMS) == pytest.approx(n.score, abs=0.02)
            for diff in a["difference"]:
                want = alt.get(diff["term"], 0) - terms.get(diff["term"], 0)
                assert diff["value"] == pytest.approx(want, abs=0.011)
            assert a["all_passed"]
        # The chain: every move sharing the chain number, each filling the post the next one leaves.
        chain = d["chain"]["moves"]
        assert sorted(m["nip"] for m in chain) == sorted(m.nip for m in plan.moves if m.chain == move.chain)
        assert move.nip in {m["nip"] for m in chain}
        if d["chain"]["kind"] == "rantai":
            for a, b in zip(chain, chain[1:]):
                assert b["to_position_id"] == a["from_position_id"]
    assert render_text(explainer.post(plan.moves[0].to_position_id)).startswith("Jabatan ")


def test_vacant_posts_say_why(run, explainer):
    plan = read_plan(run)
    assert plan.unfilled
    for u in plan.unfilled:
        d = explainer.post(u.position_id)
        assert d["type"] == "kosong"
        assert d["reason_text"] == u.reason_text
        assert d["recommendation"] == u.recommendation
        got = {r["rule"]: (r["label"], r["excluded"]) for r in d["excluded_by_rule"]}
        want = {k: (RULES_BY_ID[k].label, v) for k, v in u.excluded_by_rule.items()}
        assert got == want
        assert "Rekomendasi" in render_text(d)


def _filled_post_and_data(run):
    plan = read_plan(run)
    data = load_valid(plan.scenario_path)
    return plan, data, rule_pack_for(data)


def test_ineligible_person_gets_failed_rules_with_articles(run, explainer):
    plan, data, pack = _filled_post_and_data(run)
    pid = plan.moves[0].to_position_id
    v = verdicts(data, pack, position_ids=[pid])
    v = v[v["applies"].astype(bool)]
    failing = v[~v["passed"]]
    assert not failing.empty
    nip = sorted(failing["nip"])[0]
    d = explainer.person(pid, nip, resolve=False)
    assert d["verdict"] == "tidak_memenuhi_syarat"
    want = failing[failing["nip"] == nip]
    assert [(c["rule"], c["detail"], c["article"]) for c in d["failed"]] == \
        list(zip(want["rule"], want["detail"], want["article"]))
    assert d["counterfactual"] is None
    assert "TIDAK MEMENUHI SYARAT" in render_text(d)


def test_counterfactual_loss_is_the_resolved_difference(run, explainer):
    plan = read_plan(run)
    # An alternate of some post who was not chosen there: eligible by construction.
    chosen_at = {m.to_position_id: m.nip for m in plan.moves}
    alt = next(n for n in sorted(plan.shortlist, key=lambda n: (n.position_id, n.rank))
               if not n.chosen and n.position_id in chosen_at)
    d = explainer.person(alt.position_id, alt.nip)
    assert d["verdict"] == "memenuhi_syarat"
    assert d["why_not"]
    cf = d["counterfactual"]
    assert cf["feasible"], cf
    # Independently: the same round with the same lock.
    forced, _ = plan_round(plan.scenario_path, write=False, extra_locks=[(alt.nip, alt.position_id)])
    assert cf["forced_objective"] == forced.objective
    assert cf["loss"] == pytest.approx(plan.objective - forced.objective, abs=1e-6)
    assert cf["exact"] == (plan.status == "OPTIMAL" and forced.status == "OPTIMAL")
    if cf["exact"]:
        assert cf["loss"] >= -1e-6  # forcing a pair can only cost when both plans are optimal
    assert any(m["nip"] == alt.nip and m["to_position_id"] == alt.position_id for m in cf["moves_added"])
    before = {(m.nip, m.from_position_id, m.to_position_id) for m in plan.moves}
    after = {(m.nip, m.from_position_id, m.to_position_id) for m in forced.moves}
    assert {(m["nip"], m["from_position_id"], m["to_position_id"]) for m in cf["moves_added"]} == after - before
    assert {(m["nip"], m["from_position_id"], m["to_position_id"]) for m in cf["moves_removed"]} == before - after
    assert "berkurang" in render_text(d)


def test_forcing_into_a_reserved_post_is_reported_infeasible(run, explainer):
    plan, data, pack = _filled_post_and_data(run)
    reserved = plan.scenario["reserve"]
    assert reserved
    v = verdicts(data, pack, position_ids=[reserved[0]])
    v = v[v["applies"].astype(bool)]
    ok = v.groupby("nip")["passed"].all()
    nip = sorted(ok[ok].index)[0]
    d = explainer.person(reserved[0], nip)
    assert d["verdict"] == "memenuhi_syarat"
    assert any("dicadangkan" in w for w in d["why_not"])
    assert d["counterfactual"]["feasible"] is False
    assert any("dicadangkan" in m for m in d["counterfactual"]["messages"])
    assert "TIDAK DAPAT" in render_text(d)


def test_chosen_person_is_explained_as_chosen(run, explainer):
    move = read_plan(run).moves[0]
    d = explainer.person(move.to_position_id, move.nip)
    assert d["verdict"] == "terpilih"
    assert d["explanation"]["chosen"]["nip"] == move.nip


def test_cli_text_json_and_errors(run):
    move = read_plan(run).moves[0]
    runner = CliRunner()
    res = runner.invoke(main, ["explain", str(run), "--position", move.to_position_id])
    assert res.exit_code == 0, res.output
    assert move.name in res.output and "Syarat yang diperiksa" in res.output
    res = runner.invoke(main, ["explain", str(run), "--position", move.to_position_id, "--format", "json"])
    assert res.exit_code == 0
    assert json.loads(res.output)["chosen"]["nip"] == move.nip
    res = runner.invoke(main, ["explain", str(run), "--position", "TIDAK-ADA"])
    assert res.exit_code == 1
    assert "TIDAK-ADA" in res.output
    res = runner.invoke(main, ["explain", str(run)])
    assert res.exit_code == 2
    with pytest.raises(RunFolderError, match="plan.json tidak ada"):
        explain(run.parent, move.to_position_id)


def test_eligible_pairs_outside_the_model_are_explained_without_resolving(run, explainer):
    """--no-resolve on an eligible pair the solver never saw (its post cannot be vacated) says why."""
    from planner.api import prepare

    prep = prepare(read_plan(run).scenario_path)
    r = prep.round
    in_model = set(zip(r.pairs["nip"], r.pairs["position_id"]))
    movers = set(r.pairs["nip"])
    outside = [(n, p) for n, p in zip(r.all_pairs["nip"], r.all_pairs["position_id"]) if (n, p) not in in_model]
    outside.sort(key=lambda k: (k[1] in set(r.posts.loc[r.posts["open_selection"], "position_id"]), k))
    assert outside, "the generated round should have eligible pairs outside the model"
    posts = r.posts.set_index("position_id")
    holder = posts["holder_nip"]
    controlled = set(posts.index[posts["open_selection"] | posts["reserved"]])
    for nip, pid in outside[:40]:
        d = explainer.person(pid, nip, resolve=False)
        assert d["verdict"] in {"memenuhi_syarat", "terpilih"}, d["verdict"]
        if d["verdict"] == "memenuhi_syarat" and pid not in controlled and isinstance(holder.get(pid), str) \
                and holder[pid] not in movers:
            assert any(holder[pid] in w and "dikosongkan" in w for w in d["why_not"]), d["why_not"]
        assert render_text(d)
    res = CliRunner().invoke(main, ["explain", str(run), "--position", outside[0][1], "--nip", outside[0][0],
                                    "--no-resolve"])
    assert res.exit_code == 0, res.output


def test_a_pair_with_no_move_path_says_which_grades(run, explainer):
    """No row of the move table joins the person's grade to the post's: named in words."""
    from planner.api import prepare

    prep = prepare(read_plan(run).scenario_path)
    facts, posts = prep.elig.facts, prep.data.positions
    structural = posts[posts["kind"].isin(["jpt_pratama", "administrator", "pengawas"])]
    eligible = set(zip(prep.round.all_pairs["nip"], prep.round.all_pairs["position_id"]))
    # A pelaksana for a JPT Pratama post: no pack has that path.
    nip = facts.index[facts["kind"] == "pelaksana"][0]
    pid = structural.loc[structural["kind"] == "jpt_pratama", "position_id"].iloc[0]
    assert (nip, pid) not in eligible
    d = explainer.person(pid, nip, resolve=False)
    assert d["verdict"] == "tidak_ada_jalur"
    assert "Pelaksana" in d["why_not"][0] and "JPT Pratama" in d["why_not"][0]

"""planner.session.Session: a change re-solved warm gives the plan a cold `planner plan` of a
scenario file with the same controls gives (issue 13), and nothing the session does touches
the input files."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.api import InputError, Session, explain, plan_round
from planner.plan.runfolder import read_plan
from tests.conftest import tree_digest

DEMO = Path(__file__).parent.parent / "scenarios" / "demo"


def signature(plan) -> dict:
    """What must agree between a warm and a cold plan."""
    return {
        "status": plan.status,
        "objective": plan.objective,
        "objective_terms": plan.objective_terms,
        "moves": [(m.nip, m.from_position_id, m.to_position_id, m.move_type, m.chain, m.score) for m in plan.moves],
        "shortlist": sorted((n.position_id, n.rank, n.nip, n.chosen, n.purpose) for n in plan.shortlist),
        "unfilled": [(u.position_id, u.reason, u.eligible_candidates, u.excluded_by_rule) for u in plan.unfilled],
        "passed_over": [(p.position_id, p.nip, p.reason, p.detail, p.other_position_id) for p in plan.passed_over],
        "kpis": plan.kpis,
        "greedy": plan.greedy,
        "messages": plan.messages,
        "nominee_facts": [f.model_dump() for f in plan.nominee_facts],
        "past_tenure_max": [t.model_dump() for t in plan.past_tenure_max],
    }


def cold_checks(base: Path, controls, tmp: Path, name: str = "cold-checks"):
    """checks.csv's rows of a cold plan of ``base`` with ``controls``, as a frame."""
    from planner.api import prepare, solve_prepared

    folder = tmp / name
    folder.mkdir()
    body = {"extends": os.path.relpath(base / "scenario.yaml", folder), "name": name, **controls.yaml()}
    (folder / "scenario.yaml").write_text(yaml.safe_dump(body, sort_keys=False), encoding="utf-8")
    return solve_prepared(prepare(folder)).checks


def cold(base: Path, controls, tmp: Path, name: str = "cold"):
    """A cold plan of a scenario file that extends ``base`` and lists ``controls``."""
    folder = tmp / name
    folder.mkdir()
    body = {"extends": os.path.relpath(base / "scenario.yaml", folder), "name": name, **controls.yaml()}
    (folder / "scenario.yaml").write_text(yaml.safe_dump(body, sort_keys=False), encoding="utf-8")
    plan, _ = plan_round(folder, write=False)
    return plan


@pytest.fixture(scope="module", params=[True, False], ids=["strict", "plain"])
def demo(tmp_path_factory, request) -> Path:
    """The demo under the default strict merit order (re-solved cold with prices) and under
    the plain objective (re-solved warm from the kept LP basis)."""
    dst = tmp_path_factory.mktemp("session") / "demo"
    shutil.copytree(DEMO, dst)
    path = dst / "scenario.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["merit_order"] = request.param
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return dst


@pytest.fixture(scope="module")
def session(demo: Path) -> Session:
    return Session.open(demo)


@pytest.fixture
def fresh(session: Session):
    """The module's session back at version 0 after each test."""
    yield session
    while len(session.versions) > 1:
        session.undo()
    session.controls = session.versions[0].controls


def test_version_zero_is_the_cold_plan(session: Session, demo: Path) -> None:
    plan, _ = plan_round(demo, write=False)
    assert signature(session.plan) == signature(plan)
    assert session.plan.method == plan.method in ("merit-order", "lp")
    assert session.controls == session.base_controls
    assert session.controls.keep and session.controls.reserve  # the demo's own keep and reserve


def _alternate(plan):
    """An (nip, post) pair of the shortlist that the plan did not choose."""
    moved = {m.nip for m in plan.moves}
    return next((n.nip, n.position_id) for n in sorted(plan.shortlist, key=lambda n: (n.position_id, n.rank))
                if not n.chosen and n.nip not in moved and n.purpose != "seleksi_terbuka")


@pytest.mark.parametrize("kind", ["lock", "ban", "keep", "reserve"])
def test_a_change_resolved_warm_is_the_cold_plan(fresh: Session, demo: Path, tmp_path: Path, kind: str) -> None:
    before = fresh.plan
    vacant = set(fresh.prepared.round.posts.loc[fresh.prepared.round.posts["vacant"], "position_id"])
    # Into a vacant post: reserved, it is left empty (an occupied one would keep its holder).
    move = [m for m in before.moves if m.to_position_id in vacant][2]
    if kind == "lock":
        fresh.lock(*_alternate(before))
    elif kind == "ban":
        fresh.ban(move.nip, move.to_position_id)
    elif kind == "keep":
        fresh.keep(move.nip)
    else:
        fresh.reserve(move.to_position_id)
    change = fresh.resolve()
    after = fresh.plan
    assert signature(after) == signature(cold(demo, fresh.controls, tmp_path))
    assert change.version == 1 and len(fresh.versions) == 2
    assert change.objective_before == before.objective and change.objective_after == after.objective
    assert change.added or change.removed or change.changed
    if kind == "reserve":
        reason = {u.position_id: u.reason for u in after.unfilled}
        assert reason[move.to_position_id] == "dicadangkan"
    if kind in ("ban", "keep", "reserve"):
        assert (move.nip, move.to_position_id) not in {(m.nip, m.to_position_id) for m in after.moves}
    if kind == "lock":
        nip, pid = fresh.controls.locks[-1]
        assert (nip, pid) in {(m.nip, m.to_position_id) for m in after.moves}


def test_verdicts_and_facts_kept_between_versions_are_the_cold_ones(fresh: Session, demo: Path,
                                                                    tmp_path: Path) -> None:
    """Each version reuses the verdicts, nominee facts and exclusion counts earlier versions
    computed (planner.plan.assemble.Reuse): after a ban, a lock and a reserve on top of each
    other, the checks behind the nominees and their facts are still a cold plan's."""
    import pandas as pd

    first = fresh.plan
    vacant = set(fresh.prepared.round.posts.loc[fresh.prepared.round.posts["vacant"], "position_id"])
    fresh.ban(first.moves[1].nip, first.moves[1].to_position_id)
    fresh.resolve()
    fresh.lock(*_alternate(fresh.plan))
    fresh.resolve()
    locked = {p for _, p in fresh.controls.locks}
    fresh.reserve(next(m.to_position_id for m in fresh.plan.moves if m.to_position_id in vacant - locked))
    fresh.resolve()
    assert signature(fresh.plan) == signature(cold(demo, fresh.controls, tmp_path))
    # A re-solve leaves the verdicts to be rendered when first read; then they are kept.
    assert fresh.version.pending_checks is not None and fresh.version.computed_checks is None
    warm, want = fresh.version.checks, cold_checks(demo, fresh.controls, tmp_path)
    assert fresh.version.checks is warm and fresh.version.pending_checks is None
    assert len(fresh._reuse.checked) > len(first.shortlist)  # the version asked for pairs of its own
    assert len(want) and set(zip(want["nip"], want["position_id"])) == \
        {(n.nip, n.position_id) for n in fresh.plan.shortlist}
    pd.testing.assert_frame_equal(warm.reset_index(drop=True), want.reset_index(drop=True))
    # Back to the first version and re-solved: the kept values give the first plan again.
    while len(fresh.versions) > 1:
        fresh.undo()
    fresh.resolve()
    assert signature(fresh.plan) == signature(first)
    pd.testing.assert_frame_equal(fresh.version.checks.reset_index(drop=True),
                                  fresh.versions[0].checks.reset_index(drop=True))


def test_undo_and_release_return_to_the_first_plan(fresh: Session) -> None:
    first = signature(fresh.plan)
    move = fresh.plan.moves[0]
    fresh.ban(move.nip, move.to_position_id)
    fresh.resolve()
    assert signature(fresh.plan) != first
    back = fresh.undo()
    assert signature(back) == first and fresh.controls == fresh.base_controls
    fresh.keep(move.nip)
    fresh.release("keep", nip=move.nip)
    assert fresh.controls == fresh.base_controls
    fresh.resolve()
    assert signature(fresh.plan) == first


def test_two_changes_then_a_base_control_released(fresh: Session, demo: Path, tmp_path: Path) -> None:
    """Releasing one of the base scenario's keeps gives the round pairs the base round lacks:
    it is built again (cold), and still agrees with a cold plan."""
    m1, m2 = fresh.plan.moves[2], fresh.plan.moves[9]
    fresh.ban(m1.nip, m1.to_position_id)
    fresh.reserve(m2.to_position_id)
    fresh.resolve()
    assert signature(fresh.plan) == signature(cold(demo, fresh.controls, tmp_path, "two"))
    fresh.release("keep", nip=fresh.base_controls.keep[0])
    fresh.resolve()
    assert signature(fresh.plan) == signature(cold(demo, fresh.controls, tmp_path, "released"))


def test_a_lock_that_breaks_a_rule_gets_the_plan_commands_message(fresh: Session, demo: Path,
                                                                 tmp_path: Path) -> None:
    plan = fresh.plan
    # The holder of a post into their own post: refused by validate's lock checks.
    move = plan.moves[0]
    with pytest.raises(InputError) as warm:
        fresh.lock(move.nip, move.from_position_id)
    bad = fresh.controls.__class__(locks=(*fresh.controls.locks, (move.nip, move.from_position_id)),
                                   bans=fresh.controls.bans, keep=fresh.controls.keep,
                                   reserve=fresh.controls.reserve)
    with pytest.raises(InputError) as cold_error:
        cold(demo, bad, tmp_path)
    assert [str(f) for f in warm.value.findings] == [str(f) for f in cold_error.value.findings]
    assert fresh.controls == fresh.base_controls  # a refused change changes nothing


def test_a_lock_into_an_ineligible_post_names_the_rules(fresh: Session, demo: Path, tmp_path: Path) -> None:
    """prepare_round's own lock check: the rules the pair breaks, with their articles."""
    r = fresh.prepared.round
    eligible = set(zip(r.all_pairs["nip"], r.all_pairs["position_id"]))
    moved = {m.nip for m in fresh.plan.moves}
    keep = set(fresh.controls.keep)
    held = dict(zip(r.posts["position_id"], r.posts["holder_nip"]))
    nip = next(n for n in sorted(set(r.pairs["nip"])) if n not in moved and n not in keep)
    pid = next(p for p in sorted(r.posts["position_id"]) if (nip, p) not in eligible and held.get(p) != nip
               and p not in fresh.controls.reserve)
    with pytest.raises(InputError) as warm:
        fresh.lock(nip, pid)
    bad = fresh.controls.__class__(locks=((nip, pid),), bans=fresh.controls.bans, keep=fresh.controls.keep,
                                   reserve=fresh.controls.reserve)
    with pytest.raises(InputError) as cold_error:
        cold(demo, bad, tmp_path)
    assert [str(f) for f in warm.value.findings] == [str(f) for f in cold_error.value.findings]
    assert all(f.column == "locks.0" for f in warm.value.findings)


def test_why_not_is_the_explanation_of_the_run(fresh: Session, demo: Path, tmp_path: Path) -> None:
    _, run = plan_round(demo, out=tmp_path / "run")
    nip, pid = _alternate(fresh.plan)
    cold_answer = explain(run, pid, nip)
    warm_answer = fresh.why_not(pid, nip)
    cold_answer.pop("run"), warm_answer.pop("run")
    assert warm_answer == cold_answer
    assert warm_answer["counterfactual"]["feasible"] and warm_answer["counterfactual"]["loss"] >= 0
    assert fresh.controls == fresh.base_controls and len(fresh.versions) == 1


def test_save_round_trips_and_touches_no_input(session: Session, demo: Path, tmp_path: Path) -> None:
    s = Session.open(demo)
    inputs = tree_digest(demo)
    move = s.plan.moves[4]
    s.ban(move.nip, move.to_position_id)
    s.keep(s.plan.moves[7].nip)
    s.resolve()
    scenario, run = s.save("demo-sesi", run_dir=tmp_path / "runs" / "sesi")
    assert scenario == demo.parent / "demo-sesi" and (scenario / "scenario.yaml").is_file()
    saved = read_plan(run)
    assert signature(saved) == signature(s.plan)
    replanned, _ = plan_round(scenario, write=False)
    assert signature(replanned) == signature(saved)
    assert saved.scenario_path == str(scenario / "scenario.yaml")
    assert yaml.safe_load((scenario / "scenario.yaml").read_text(encoding="utf-8"))["extends"] == "../demo/scenario.yaml"
    # Never over an existing folder.
    with pytest.raises(OSError):
        s.save("demo-sesi", run_dir=tmp_path / "runs" / "other")
    with pytest.raises(OSError):
        s.save("demo-sesi-2", run_dir=tmp_path / "runs" / "sesi")
    assert not (demo.parent / "demo-sesi-2").exists()
    assert tree_digest(demo) == inputs


def test_a_run_folder_opens_with_its_plan_as_version_zero(demo: Path, tmp_path: Path) -> None:
    plan, run = plan_round(demo, out=tmp_path / "run")
    s = Session.open(run)
    assert signature(s.plan) == signature(plan) and s.versions[0].saved == run
    move = s.plan.moves[1]
    s.ban(move.nip, move.to_position_id)
    s.resolve()
    assert signature(s.plan) == signature(cold(demo, s.controls, tmp_path))


@pytest.fixture(scope="module")
def region(tmp_path_factory) -> Path:
    """A small generated region other than the demo (kecil, seed 2)."""
    from planner.synth.generate import generate_scenario

    out = tmp_path_factory.mktemp("region") / "kecil2"
    generate_scenario("kecil", 2, out)
    return out


@pytest.fixture(scope="module")
def region_session(region: Path) -> Session:
    return Session.open(region)


def test_generated_region_lock_and_keep(region_session: Session, region: Path, tmp_path: Path) -> None:
    s = region_session
    assert signature(s.plan) == signature(plan_round(region, write=False)[0])
    s.lock(*_alternate(s.plan))
    s.keep(s.plan.moves[3].nip)
    s.resolve()
    assert signature(s.plan) == signature(cold(region, s.controls, tmp_path))
    s.undo()


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pick=st.integers(min_value=0, max_value=10_000))
def test_any_single_ban_of_a_chosen_pair_is_the_cold_plan(region_session: Session, region: Path,
                                                          tmp_path_factory, pick: int) -> None:
    s = region_session
    first = s.versions[0].plan
    move = first.moves[pick % len(first.moves)]
    s.ban(move.nip, move.to_position_id)
    try:
        s.resolve()
        assert signature(s.plan) == signature(cold(region, s.controls, tmp_path_factory.mktemp("ban")))
    finally:
        while len(s.versions) > 1:
            s.undo()
        s.controls = s.versions[0].controls


def test_cli_explain_nip_answers_from_the_session(demo: Path, tmp_path: Path) -> None:
    """`planner explain RUN --position P --nip N` gives the explanation of the cold path."""
    import json

    from click.testing import CliRunner

    from planner.cli import main

    plan, run = plan_round(demo, out=tmp_path / "run")
    nip, pid = _alternate(plan)
    res = CliRunner().invoke(main, ["explain", str(run), "--position", pid, "--nip", nip, "--format", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output) == json.loads(json.dumps(explain(run, pid, nip), ensure_ascii=False, default=str))
    broken = tmp_path / "not-a-run"
    broken.mkdir()
    res = CliRunner().invoke(main, ["explain", str(broken), "--position", pid, "--nip", nip])
    assert res.exit_code == 1 and "Traceback" not in res.output


def test_a_fractional_round_falls_back_to_the_strategy_and_agrees(region: Path, tmp_path: Path) -> None:
    """Under a tight unit change cap (0.1) the LP is fractional (measured): the
    warm LP is then no proof, the strategy (priced CP-SAT search) decides, hinted with the
    current plan, and the plan is still the cold one."""
    from tests.builders import FORMER_WEIGHTS

    folder = tmp_path / "capped"
    folder.mkdir()
    doc = {"extends": str(region / "scenario.yaml"), "name": "capped", "unit_change_cap": 0.1,
           "weights": FORMER_WEIGHTS, "max_moved_share": None, "merit_order": False,
           "parameters": {"tenure_exempt_from": ["pelaksana", "jf:*"], "same_rumpun_bars_move": True,
                          "min_years_before_bup_structural": 1, "pool_exempt_open_selection_from": []},
           "solver": {"workers": 2, "seed": 0, "time_limit_s": 30}}
    (folder / "scenario.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    s = Session.open(folder)
    assert s.plan.method == "cp-sat" and s.plan.status == "OPTIMAL"
    assert signature(s.plan) == signature(plan_round(folder, write=False)[0])
    move = s.plan.moves[2]
    s.ban(move.nip, move.to_position_id)
    s.resolve()
    assert s.plan.status == "OPTIMAL"
    assert signature(s.plan) == signature(cold(folder, s.controls, tmp_path))


def test_a_change_under_the_strict_merit_order_is_the_cold_plan(tmp_path: Path) -> None:
    # merit_order: true re-solves with prices (planner.solve.strategy.solve): the session takes
    # the cold path for it, so a change still gives the cold plan of the same controls.
    demo = tmp_path / "demo"
    shutil.copytree(DEMO, demo)
    path = demo / "scenario.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["merit_order"] = True
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    s = Session.open(demo)
    assert signature(s.plan) == signature(plan_round(demo, write=False)[0])
    move = s.plan.moves[0]
    s.ban(move.nip, move.to_position_id)
    s.resolve()
    assert (move.nip, move.to_position_id) not in {(m.nip, m.to_position_id) for m in s.plan.moves}
    assert signature(s.plan) == signature(cold(demo, s.controls, tmp_path))

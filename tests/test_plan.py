"""Planning whole scenarios: the plan obeys the rule pack, the shortlist rule and the
scenario's controls, is reproducible, and never touches inputs or earlier runs."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.api import plan_round, rule_pack_for
from planner.cli import main
from planner.synth.generate import generate_scenario
from planner.inputs.load import InputError, load_valid
from planner.rules.eligibility import eligible_pairs, verdicts_for_pairs
from tests.conftest import tree_digest

DEMO = Path(__file__).resolve().parents[1] / "scenarios" / "demo"


@pytest.fixture(scope="module")
def demo_plan(tmp_path_factory):
    out = tmp_path_factory.mktemp("runs") / "demo"
    plan, folder = plan_round(DEMO, out=out, time_limit=30)
    return plan, folder


def child(tmp_path: Path, **changes) -> Path:
    """A scenario extending the demo with ``changes``."""
    folder = tmp_path / "child"
    folder.mkdir(parents=True)
    doc = {"extends": str(DEMO / "scenario.yaml"), "name": "uji", **changes}
    (folder / "scenario.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    return folder


def assert_plan_obeys_rules(scenario: Path, plan) -> None:
    data = load_valid(scenario)
    pack = rule_pack_for(data)
    moves = pd.DataFrame([(m.nip, m.to_position_id) for m in plan.moves], columns=["nip", "position_id"])
    checks = verdicts_for_pairs(data, pack, moves)
    checks = checks[checks["applies"].astype(bool)]
    assert set(zip(checks["nip"], checks["position_id"])) == set(zip(moves["nip"], moves["position_id"])), \
        "every move must be a path of the pack's move table"
    broken = checks[~checks["passed"].astype(bool)]
    assert broken.empty, broken[["nip", "position_id", "rule", "detail"]].to_string()
    # one person one post, one post one person, held posts only when the holder leaves
    assert moves["nip"].is_unique and moves["position_id"].is_unique
    holders = data.positions.set_index("position_id")["holder_nip"]
    movers = set(moves["nip"])
    retiring = set(eligible_pairs(data, pack).facts.query("retiring").index)
    for pid in moves["position_id"]:
        h = holders.get(pid)
        assert not isinstance(h, str) or h in movers or h in retiring


def assert_shortlists(plan, ratio: int, cap: int) -> None:
    sl = pd.DataFrame([n.model_dump() for n in plan.shortlist])
    filled = {m.to_position_id for m in plan.moves}
    ours = sl[sl["position_id"].isin(filled)]
    per_post = ours.groupby("position_id")
    assert set(per_post.groups) == filled
    assert (per_post.size() == ratio).all()
    assert (per_post["chosen"].sum() == 1).all()
    assert (ours[ours["chosen"]]["rank"] == 1).all()
    assert ours["nip"].value_counts().max() <= cap
    chosen = {(m.nip, m.to_position_id) for m in plan.moves}
    assert set(zip(ours.loc[ours["chosen"], "nip"], ours.loc[ours["chosen"], "position_id"])) == chosen


def test_demo_plan_keeps_the_merit_order_within_its_bound_and_obeys_every_rule(demo_plan) -> None:
    plan, _ = demo_plan
    # The default strict merit order: priced re-solves, bounded by the plain optimum.
    assert plan.method == "merit-order" and plan.status in ("OPTIMAL", "FEASIBLE")
    assert plan.objective <= plan.bound and plan.gap < 0.01
    assert plan.kpis["moves"] > 0
    assert_plan_obeys_rules(DEMO, plan)


def test_demo_shortlists(demo_plan) -> None:
    plan, _ = demo_plan
    sc = plan.scenario
    assert_shortlists(plan, sc["shortlist_ratio"], sc["max_nominations"])
    # every nominee pair is justified in checks.csv and passes every rule checked
    _, folder = demo_plan
    checks = pd.read_csv(folder / "checks.csv", dtype=str)
    nominee_pairs = {(n.nip, n.position_id) for n in plan.shortlist}
    assert set(zip(checks["nip"], checks["position_id"])) == nominee_pairs
    assert (checks["passed"] == "True").all()


def test_model_fills_more_than_the_manual_baseline(demo_plan) -> None:
    plan, _ = demo_plan
    assert plan.greedy["model_value"] >= plan.greedy["value"]
    assert plan.kpis["vacancies_filled"] >= plan.greedy["vacancies_filled"]


def test_run_folder_follows_the_contract(demo_plan) -> None:
    plan, folder = demo_plan
    assert list(pd.read_csv(folder / "plan.csv").columns[:6]) == \
        ["nip", "name", "from_position_id", "to_position_id", "move_type", "score"]
    assert list(pd.read_csv(folder / "shortlist.csv").columns[:5]) == ["position_id", "rank", "nip", "score", "chosen"]
    assert list(pd.read_csv(folder / "unfilled.csv").columns[:3]) == ["position_id", "reason", "recommendation"]
    doc = json.loads((folder / "plan.json").read_text())
    for key in ("status", "objective", "bound", "gap", "timings", "input_hashes", "scenario"):
        assert key in doc
    assert set(doc["input_hashes"]) >= {"positions.csv", "employees.csv", "history.csv", "discipline.csv"}
    assert set(pd.read_csv(folder / "plan.csv")["move_type"]) <= {"vertical", "horizontal", "diagonal"}


@pytest.mark.parametrize("merit_order", [True, False], ids=["strict", "plain"])
def test_same_plan_twice_with_two_workers_on_both_solver_paths(tmp_path: Path, merit_order: bool) -> None:
    for method in ("auto", "cp-sat"):
        scn = child(tmp_path / method, merit_order=merit_order,
                    solver={"workers": 2, "method": method, "time_limit_s": 60})
        a, _ = plan_round(scn, write=False)
        b, _ = plan_round(scn, write=False)
        assert a.status == b.status == ("FEASIBLE" if merit_order else "OPTIMAL")
        assert [m.model_dump() for m in a.moves] == [m.model_dump() for m in b.moves]
        assert [n.model_dump() for n in a.shortlist] == [n.model_dump() for n in b.shortlist]


def test_ban_keep_and_lock_are_respected(demo_plan, tmp_path: Path) -> None:
    plan, _ = demo_plan
    banned = plan.moves[0]
    kept = plan.moves[1]
    # a lock: an alternate of some filled post, forced into it
    alt = next(n for n in plan.shortlist if not n.chosen and n.nip not in {banned.nip, kept.nip})
    scn = child(tmp_path, bans=[{"nip": banned.nip, "position_id": banned.to_position_id}],
                keep=[kept.nip], locks=[{"nip": alt.nip, "position_id": alt.position_id}])
    new, _ = plan_round(scn, write=False)
    moves = {(m.nip, m.to_position_id) for m in new.moves}
    assert (banned.nip, banned.to_position_id) not in moves
    assert kept.nip not in {m.nip for m in new.moves}
    assert kept.from_position_id not in {m.to_position_id for m in new.moves}  # a kept holder's post stays
    assert (alt.nip, alt.position_id) in moves
    assert_plan_obeys_rules(scn, new)


def test_reserved_post_is_not_filled(demo_plan, tmp_path: Path) -> None:
    plan, _ = demo_plan
    target = plan.moves[0].to_position_id
    new, _ = plan_round(child(tmp_path, reserve=[target]), write=False)
    assert target not in {m.to_position_id for m in new.moves}
    assert next(u for u in new.unfilled if u.position_id == target).reason == "dicadangkan"


def test_conflicting_locks_are_named(demo_plan, tmp_path: Path) -> None:
    plan, _ = demo_plan
    post = plan.moves[0].to_position_id
    two = [n for n in plan.shortlist if n.position_id == post][:2]
    scn = child(tmp_path, locks=[{"nip": n.nip, "position_id": n.position_id} for n in two])
    with pytest.raises(InputError) as exc:
        plan_round(scn, write=False)
    text = str(exc.value)
    assert all(n.nip in text for n in two)


def test_lock_breaking_a_rule_is_refused_with_the_rule(tmp_path: Path) -> None:
    data = load_valid(DEMO)
    pack = rule_pack_for(data)
    elig = eligible_pairs(data, pack)
    # someone from outside the pool into a pengawas post: a vertical move the pool rule forbids
    outsider = elig.facts[(elig.facts["kind"] == "pelaksana") & ~elig.facts["in_pool"] & ~elig.facts["retiring"]].index[0]
    post = elig.targets[elig.targets["t_kind"] == "pengawas"]["position_id"].iloc[0]
    scn = child(tmp_path, locks=[{"nip": outsider, "position_id": post}])
    with pytest.raises(InputError) as exc:
        plan_round(scn, write=False)
    assert "kelompok rencana suksesi" in str(exc.value)


def test_plan_cli_never_overwrites_and_leaves_inputs_untouched(tmp_path: Path) -> None:
    scn = tmp_path / "scn"
    shutil.copytree(DEMO, scn)
    before = tree_digest(scn)
    out = tmp_path / "run"
    runner = CliRunner()
    first = runner.invoke(main, ["plan", str(scn), "--out", str(out), "--quiet"])
    assert first.exit_code == 0, first.output
    stamp = tree_digest(out)
    second = runner.invoke(main, ["plan", str(scn), "--out", str(out), "--quiet"])
    assert second.exit_code == 1 and "Traceback" not in second.output
    assert tree_digest(out) == stamp
    assert tree_digest(scn) == before


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=2, max_value=10_000), pack=st.sampled_from(
    ["national", "kayong-utara-2023", "samarinda-2023", "karawang-2020"]))
def test_no_plan_breaks_a_rule_on_generated_scenarios(tmp_path_factory, seed: int, pack: str) -> None:
    scn = tmp_path_factory.mktemp("gen") / "scn"
    generate_scenario("kecil", seed, scn, rule_pack=pack)
    plan, _ = plan_round(scn, write=False, time_limit=30)
    assert plan.status in ("OPTIMAL", "FEASIBLE")
    assert_plan_obeys_rules(scn, plan)
    assert_shortlists(plan, plan.scenario["shortlist_ratio"], plan.scenario["max_nominations"])


def test_lock_into_a_post_whose_holder_is_kept_names_the_keep(demo_plan, tmp_path: Path) -> None:
    plan, _ = demo_plan
    # a post filled in the plan because its holder moved on: keep that holder, lock an alternate there
    leaving = {m.from_position_id: m.nip for m in plan.moves}
    post = next(m.to_position_id for m in plan.moves if m.to_position_id in leaving)
    alt = next(n for n in plan.shortlist if n.position_id == post and not n.chosen)
    scn = child(tmp_path, locks=[{"nip": alt.nip, "position_id": post}], keep=[leaving[post]])
    with pytest.raises(InputError) as exc:
        plan_round(scn, write=False)
    text = str(exc.value)
    assert "locks.0" in text and "keep.0" in text and leaving[post] in text


@pytest.mark.parametrize("merit_order", [True, False], ids=["strict", "plain"])
def test_plan_cli_names_the_strict_merit_order_in_its_status_line(tmp_path: Path, merit_order: bool) -> None:
    scn = child(tmp_path, merit_order=merit_order)
    res = CliRunner().invoke(main, ["plan", str(scn), "--out", str(tmp_path / "run"), "--quiet"])
    assert res.exit_code == 0, res.output
    (status,) = [line for line in res.output.splitlines() if line.startswith("Status solver")]
    assert ("(urutan merit ketat)" in status) == merit_order

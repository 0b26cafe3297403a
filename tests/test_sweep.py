"""planner.scenarios.sweep: the grid, the scenario files, and the same plans wherever points run."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner

from models.schema import Weights
from planner.api import plan_round
from planner.cli import main
from planner.inputs.load import InputError, load_scenario_file
from planner.plan.runfolder import read_plan
from planner.api import sweep as run_sweep
from planner.scenarios.sweep import Vary, grid, overrides, parse_vary

# ------------------------------------------------------------- a slice of the demo
# The whole demo (~1,500 PNS) takes seconds per plan; one OPD of it is proven optimal in
# well under a second and keeps the demo's real careers.

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "scenarios" / "demo"


def demo_source(tmp: Path) -> Path:
    """The committed demo, or the same synthetic region generated afresh if it is absent."""
    if (DEMO / "scenario.yaml").is_file():
        return DEMO
    from planner.synth.generate import generate_scenario

    out = tmp / "demo-generated"
    if not out.exists():
        generate_scenario("kecil", 1, out)
    return out


def write_subset(src: Path, dst: Path, units: list[str], name: str = "uji-subset",
                 solver: dict | None = None) -> Path:
    """Copy the posts of ``units`` with their holders (and careers, sanctions) to ``dst``."""
    shutil.rmtree(dst, ignore_errors=True)
    dst.mkdir(parents=True)

    def read(n: str) -> pd.DataFrame:
        return pd.read_csv(src / n, dtype=str, keep_default_na=False)

    pos, emp, his, dis = (read(f"{t}.csv") for t in ("positions", "employees", "history", "discipline"))
    pos = pos[pos["unit"].isin(units)].copy()
    emp = emp[emp["position_id"].isin(set(pos["position_id"]))]
    pos.loc[~pos["holder_nip"].isin(set(emp["nip"])), "holder_nip"] = ""
    nips = set(emp["nip"])
    for n, frame in (("positions", pos), ("employees", emp), ("history", his[his["nip"].isin(nips)]),
                     ("discipline", dis[dis["nip"].isin(nips)])):
        frame.to_csv(dst / f"{n}.csv", index=False)
    sc = yaml.safe_load((src / "scenario.yaml").read_text(encoding="utf-8"))
    sc.pop("data", None)
    sc["name"] = name
    sc["keep"] = [k for k in sc.get("keep") or [] if k in nips]
    sc["reserve"] = [r for r in sc.get("reserve") or [] if r in set(pos["position_id"])]
    sc["locks"] = [x for x in sc.get("locks") or [] if x["nip"] in nips]
    sc["bans"] = [x for x in sc.get("bans") or [] if x["nip"] in nips]
    sc["solver"] = {**(sc.get("solver") or {}), **(solver or {})}
    (dst / "scenario.yaml").write_text(yaml.safe_dump(sc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return dst


# 300: under the strict merit order the rotation weight decides only between comparable candidates,
# and on this unit 60 changes nothing (measured); 300 changes the plan.
VARY = [Vary("weights.overdue_rotation", [0, 300])]


def moves(plan) -> list[tuple[str, str]]:
    return sorted((m.nip, m.to_position_id) for m in plan.moves)


# ------------------------------------------------------------------------- the grid


def test_parse_vary() -> None:
    assert parse_vary("weights.overdue_rotation=60,120") == Vary("weights.overdue_rotation", [60, 120])
    assert parse_vary("allow_need_development=true,false").values == [True, False]
    assert parse_vary("rule_pack=national, samarinda-2023").values == ["national", "samarinda-2023"]
    assert parse_vary("weights.nine_box=1.5,20").values == [1.5, 20]
    assert parse_vary("reserve=[[], [SETDA-AS2, BKPSDM-SEK]]").values == [[], ["SETDA-AS2", "BKPSDM-SEK"]]
    for bad in ("weights.fill", "=1,2", "name=a,b", "extends=x", "solver.seed=0,0", "a b=1"):
        with pytest.raises(ValueError):
            parse_vary(bad)


def test_grid_is_the_cartesian_product_first_key_slowest() -> None:
    g = grid([Vary("weights.fill", [1, 2]), Vary("solver.seed", [0, 1, 2])])
    assert len(g) == 6
    assert g[:4] == [{"weights.fill": 1, "solver.seed": 0}, {"weights.fill": 1, "solver.seed": 1},
                     {"weights.fill": 1, "solver.seed": 2}, {"weights.fill": 2, "solver.seed": 0}]
    with pytest.raises(ValueError):
        grid([Vary("weights", [{}]), Vary("weights.fill", [1])])


def test_overrides_nest_dotted_keys() -> None:
    base = {"parameters": {"limits": {"a": 1, "b": 2}}}
    assert overrides({"weights.fill": 5, "weights.jpm": 6, "solver.seed": 1, "rule_pack": "national"}, base) == {
        "weights": {"fill": 5, "jpm": 6}, "solver": {"seed": 1}, "rule_pack": "national"}
    # Deeper than extends merges: the second-level mapping is written whole.
    assert overrides({"parameters.limits.b": 3}, base) == {"parameters": {"limits": {"a": 1, "b": 3}}}


# --------------------------------------------------------------------------- running


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    """One OPD of the demo: proven optimal in about a second, with the demo's solver
    settings (2 CP-SAT workers); the sweeps below run it with other worker counts, so
    equal plans also show that an optimal plan does not depend on where it was solved."""
    tmp = tmp_path_factory.mktemp("subset")
    return write_subset(demo_source(tmp), tmp / "bkpsdm", ["BKPSDM"], name="uji-bkpsdm",
                        solver={"time_limit_s": 20})


@pytest.fixture(scope="module")
def one_by_one(small: Path, tmp_path_factory) -> dict[int, list[tuple[str, str]]]:
    """Each grid point planned on its own, through `planner plan`'s library call."""
    tmp = tmp_path_factory.mktemp("alone")
    out = {}
    for i, v in enumerate(VARY[0].values, start=1):
        f = tmp / f"p{i}.yaml"
        f.write_text(yaml.safe_dump({"extends": str(small / "scenario.yaml"), "name": f"p{i}",
                                     "weights": {"overdue_rotation": v}}), encoding="utf-8")
        plan, _ = plan_round(f, write=False)
        # Proven, or the deterministic strict merit order's plan (not cut by a limit).
        assert plan.status == "OPTIMAL" or plan.method == "merit-order"
        assert not plan.interrupted
        out[i] = moves(plan)
    assert out[1] != out[2], "the varied weight should change the plan"
    return out


def _check(res, one_by_one) -> None:
    assert not res.failed and len(res.points) == 2
    for p in res.points:
        plan = read_plan(p.run_folder)
        assert plan.status == "OPTIMAL" or plan.method == "merit-order"
        assert plan.scenario["weights"]["overdue_rotation"] == p.values["weights.overdue_rotation"]
        assert moves(plan) == one_by_one[p.index], p.label
        assert Path(p.run_folder).parent == res.folder / "runs"
    assert (res.folder / "sweep.csv").is_file() and (res.folder / "compare" / "compare.html").is_file()
    assert [d.run for d in res.comparison.diffs] == [res.points[1].label]


def test_sweep_in_parallel_equals_plans_one_by_one(small: Path, one_by_one, tmp_path: Path) -> None:
    res = run_sweep(small, VARY, out=tmp_path / "sw", workers=2, solver_workers=1)
    assert res.backend == "processes" and res.solver_workers == 1
    _check(res, one_by_one)
    # The point files extend the base by a relative path and set only what varies.
    f = Path(res.points[1].scenario_file)
    body = yaml.safe_load(f.read_text(encoding="utf-8"))
    assert not Path(body["extends"]).is_absolute() and body["weights"] == {"overdue_rotation": 300}
    sc, findings = load_scenario_file(f)
    assert not findings and sc.weights.overdue_rotation == 300 and sc.weights.cross_unit == Weights().cross_unit
    assert sc.data.positions == str((small / "positions.csv").resolve())


def test_sweep_on_a_dask_cluster_equals_local_plans(small: Path, one_by_one, tmp_path: Path) -> None:
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None,
                                  silence_logs=40) as cluster:
        res = run_sweep(small, VARY, out=tmp_path / "sw", scheduler=cluster.scheduler_address)
    assert res.backend == "dask" and res.solver_workers is None  # the scenario's own 2 workers
    _check(res, one_by_one)


def test_invalid_point_is_reported_before_planning(small: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        run_sweep(small, [Vary("weights.tidak_ada", [1, 2])], out=tmp_path / "bad", workers=1)
    assert any("tidak_ada" in (f.column or "") for f in exc.value.findings)
    assert not (tmp_path / "bad").exists()  # nothing half-made is left behind


def test_cli_sweep_sequential(small: Path, one_by_one, tmp_path: Path) -> None:
    out = tmp_path / "cli"
    res = CliRunner().invoke(main, ["sweep", str(small), "--vary", "weights.overdue_rotation=0,300",
                                    "--workers", "1", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "berurutan" in res.output and "p02" in res.output and (out / "compare" / "compare.xlsx").is_file()
    for i, run in enumerate(sorted((out / "runs").iterdir()), start=1):
        assert moves(read_plan(run)) == one_by_one[i]
    # Never into a folder that already holds files.
    again = CliRunner().invoke(main, ["sweep", str(small), "--vary", "weights.overdue_rotation=60", "--out", str(out)])
    assert again.exit_code == 1 and "sudah berisi" in again.output


def test_cli_sweep_usage_errors(small: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["sweep", str(small), "--vary", "weights.fill"]).exit_code == 2
    assert runner.invoke(main, ["sweep", str(small), "--vary", "weights.fill=1", "--workers", "0"]).exit_code == 2
    res = runner.invoke(main, ["sweep", str(small), "--vary", "weights.tidak_ada=1", "--out", str(tmp_path / "x")])
    assert res.exit_code == 1 and "tidak_ada" in res.output


def test_a_point_that_fails_is_reported_not_raised(tmp_path: Path) -> None:
    from planner.api import plan_round
    from planner.scenarios.sweep import plan_point

    r = plan_point(plan_round, str(tmp_path / "tidak-ada.yaml"), str(tmp_path / "run"))
    assert r["run_folder"] is None and r["errors"]

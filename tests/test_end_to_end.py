"""Every command on a copy of the demo: exit codes, and inputs left byte-identical.
A deliberately broken copy of the demo yields one message per defect."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from planner.cli import main
from planner.inputs.load import load
from tests.conftest import tree_digest

DEMO = Path(__file__).resolve().parents[1] / "scenarios" / "demo"


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.output


def test_every_command_leaves_inputs_untouched(tmp_path: Path) -> None:
    scn = tmp_path / "demo"
    shutil.copytree(DEMO, scn)
    before = tree_digest(scn)
    runs = tmp_path / "runs"

    assert "Data valid" in run("validate", str(scn))
    post = pd.read_csv(scn / "positions.csv", dtype=str).query("kind == 'administrator'")["position_id"].iloc[0]
    assert "kandidat dipertimbangkan" in run("check", str(scn), "--position", post)
    nip = pd.read_csv(scn / "employees.csv", dtype=str)["nip"].iloc[0]
    json.loads(run("check", str(scn), "--nip", nip, "--format", "json"))
    run("plan", str(scn), "--out", str(runs / "a"), "--quiet", "--report")
    plan = json.loads((runs / "a" / "plan.json").read_text())
    target = plan["moves"][0]["to_position_id"]
    assert plan["moves"][0]["name"] in run("explain", str(runs / "a"), "--position", target)
    run("report", str(runs / "a"), "--mask-nip")
    run("plan", str(scn), "--out", str(runs / "b"), "--quiet")
    run("compare", str(runs / "a"), str(runs / "b"), "--out", str(runs / "cmp"))
    assert tree_digest(scn) == before


def test_broken_demo_copy_gives_one_message_per_defect(tmp_path: Path) -> None:
    scn = tmp_path / "demo"
    shutil.copytree(DEMO, scn)

    def edit(table: str, change) -> None:
        frame = pd.read_csv(scn / f"{table}.csv", dtype=str, keep_default_na=False)
        frame = change(frame)
        frame.to_csv(scn / f"{table}.csv", index=False)

    his = pd.read_csv(scn / "history.csv", dtype=str, keep_default_na=False)
    pos = pd.read_csv(scn / "positions.csv", dtype=str, keep_default_na=False)
    i_emp = 10
    i_pos = int(pos.index[pos["kind"] == "pengawas"][0])
    two = his.groupby("nip").filter(lambda g: len(g) >= 2)
    i_his = int(two.index[1])  # the second period of someone with a career
    prev_start = his.loc[two.index[0], "start"]

    def flip_gender(f):
        f.loc[i_emp, "gender"] = "P" if f.loc[i_emp, "gender"] == "L" else "L"
        return f

    def wrong_eselon(f):
        f.loc[i_pos, "eselon"] = "III.a"
        return f

    def overlap(f):
        f.loc[i_his, "start"] = prev_start
        return f

    edit("employees", flip_gender)
    edit("positions", wrong_eselon)
    edit("history", overlap)
    edit("discipline", lambda f: pd.concat([f, pd.DataFrame([{
        "nip": "196001012000031999", "level": "ringan", "sanction": "teguran lisan",
        "start": "2024-01-01", "end": "2024-06-01"}])], ignore_index=True))
    with (scn / "scenario.yaml").open("a", encoding="utf-8") as fh:
        fh.write("shortlist_ration: 3\n")

    found = [(Path(f.file).name, f.row, f.column) for f in load(scn).errors]
    assert sorted(found, key=str) == sorted([
        ("scenario.yaml", None, "shortlist_ration"),
        ("employees.csv", i_emp + 2, "gender"),
        ("positions.csv", i_pos + 2, "eselon"),
        ("history.csv", i_his + 2, "start"),
        ("discipline.csv", len(pd.read_csv(scn / "discipline.csv")) + 1, "nip"),
    ], key=str)
    result = CliRunner().invoke(main, ["validate", str(scn)])
    assert result.exit_code == 1 and "5 galat" in result.output

"""Outputs that cannot hurt the people who open them, and run folders never half-written.

- every text cell of every CSV and XLSX the planner writes that a spreadsheet would run
  as a formula (``=``, ``+``, ``-``, ``@``, tab, CR first) is written as text; numbers stay
  numbers; HTML stays escaped;
- a run folder appears whole or not at all: written in a temporary sibling renamed into
  place, exclusive between concurrent runs, nothing left by a failed or interrupted write;
- a bad ``--out`` is refused before the solve; a full disk is one message, no traceback;
- a damaged run folder given to report / explain / compare is one message naming it.
"""
from __future__ import annotations

import csv
import errno
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from builders import ScenarioBuilder
from click.testing import CliRunner
from openpyxl import load_workbook
from pydantic import BaseModel

from planner.api import plan_round
from planner.cli import main
from planner.files.atomic import FolderTaken, PendingFolder, is_temporary
from planner.files.cells import csv_text, csv_unquote, is_risky, neutral_frame
from planner.plan import runfolder
from planner.plan.runfolder import (
    PLAN_COLUMNS,
    SHORTLIST_COLUMNS,
    UNFILLED_COLUMNS,
    RunFolderError,
    _view,
    read_checks,
    read_plan,
)
from planner.scenarios.compare import compare_runs
from reports.compare import write_comparison
from reports.pack import write_report

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]

HYPERLINK = '=HYPERLINK("http://evil.example/x","klik")'
DDE = "=cmd|' /C calc'!A0"
AT_TITLE = "@SUM(1+1)*cmd|' /C calc'!A0"
PLUS_TITLE = "+<img src=x onerror=alert(1)> Kepala Subbagian"
HOSTILE = {HYPERLINK, DDE, AT_TITLE, PLUS_TITLE}
RISKY = ("=", "+", "-", "@", "\t", "\r")


def hostile_scenario(dst: Path, name: str = "uji") -> Path:
    """A vacant administrator post with three pengawas as its 1:3 list, and vacant pengawas
    posts staff members are promoted to, with the names and titles an attacker would choose."""
    b = ScenarioBuilder(name=name)
    b.post("ADM-1", "administrator", title=AT_TITLE)
    for i, n in enumerate([HYPERLINK, "-Budi", "Ani"]):
        b.post(f"PGW-H{i}", "pengawas", title=f"Kepala Seksi H{i}")
        b.person(name=n, position_id=f"PGW-H{i}", jpm=90 - 5 * i)
    names = [DDE, "Siti", "Rina", "Dedi"]
    titles = [PLUS_TITLE, "Kepala Seksi B", "Kepala Seksi C", "Kepala Seksi D"]
    for i, (n, t) in enumerate(zip(names, titles)):
        b.post(f"PGW-{i}", "pengawas", title=t)
        b.post(f"STF-{i}", "pelaksana", title=f"Pengadministrasi {i}")
        b.person(name=n, position_id=f"STF-{i}", rank="III/c")
    return b.write(dst)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    _, folder = plan_round(hostile_scenario(root / "scn"), out=root / "run")
    return folder


def _no_traceback(res) -> None:
    assert "Traceback" not in res.output
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)


def _siblings(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}"))


# ----------------------------------------------------------------------------- cells

def test_cell_rules() -> None:
    for bad in ["=1+1", "+1", "-1", "@x", "\tx", "\rx"]:
        assert is_risky(bad) and csv_text(bad) == "'" + bad and csv_unquote(csv_text(bad)) == bad
    for fine in ["Budi", "", "1-2", " =x", "'x"]:
        assert csv_text(fine) == fine and csv_unquote(fine) == fine
    # an apostrophe already there before a risky character survives the round trip
    assert csv_unquote(csv_text("'=x")) == "'=x"
    # numbers stay numbers, a negative one too
    assert csv_text(-3.5) == -3.5 and not is_risky(-1)
    import pandas as pd

    frame = neutral_frame(pd.DataFrame({"a": ["=x", "y"], "n": [-1.5, 2.0], "m": [-2, "z"]}))
    assert frame["a"].tolist() == ["'=x", "y"] and frame["n"].tolist() == [-1.5, 2.0]
    assert frame["m"].tolist() == [-2, "z"]


def test_xlsx_cells_round_trip(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from planner.files.cells import xlsx_append

    wb = Workbook()
    values = [HYPERLINK, "@x", "+1", "-a", "\tb", -2.5, 3, "biasa", "bel\x07"]
    xlsx_append(wb.active, values)
    wb.save(tmp_path / "x.xlsx")
    row = next(load_workbook(tmp_path / "x.xlsx").active.iter_rows())
    assert [c.data_type for c in row] == ["s"] * 5 + ["n", "n", "s", "s"]
    assert [c.value for c in row][:8] == values[:8]  # verbatim, numbers as numbers
    assert row[8].value == "bel\ufffd"  # a control character XML cannot hold does not sink the workbook
    assert all(c.quotePrefix for c in row[:5]) and not row[7].quotePrefix


def _csv_fields(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [f for row in csv.reader(fh) for f in row]


def _is_number(field: str) -> bool:
    try:
        float(field)
    except ValueError:
        return False
    return True


def _assert_csv_safe(path: Path) -> list[str]:
    """No field a spreadsheet would run: each risky one carries the apostrophe; negative
    numbers are numbers (written as numbers, and harmless)."""
    fields = _csv_fields(path)
    bad = [f for f in fields if f[:1] in RISKY and not _is_number(f)]
    assert not bad, f"{path.name}: {bad[:3]}"
    return fields


def _assert_xlsx_safe(path: Path) -> set[str]:
    wb = load_workbook(path)
    texts = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{path.name} {ws.title}!{cell.coordinate}: {cell.value!r}"
                if isinstance(cell.value, str):
                    texts.add(cell.value)
                    if cell.value[:1] in RISKY:
                        assert cell.quotePrefix, f"{ws.title}!{cell.coordinate}"
    return texts


def test_run_folder_csvs_are_neutralised(hostile_run: Path) -> None:
    plan = read_plan(hostile_run)
    names = {m.name for m in plan.moves} | {n.name for n in plan.shortlist}
    titles = {m.to_title for m in plan.moves} | {m.from_title for m in plan.moves} | {u.title for u in plan.unfilled}
    assert {HYPERLINK, DDE, "-Budi"} <= names and {AT_TITLE, PLUS_TITLE} <= titles  # the attack reached the outputs
    seen = set()
    for name in ["plan.csv", "shortlist.csv", "unfilled.csv", "checks.csv"]:
        fields = _assert_csv_safe(hostile_run / name)
        seen |= {f[1:] for f in fields if f.startswith("'")}
    assert {HYPERLINK, DDE, "-Budi", AT_TITLE, PLUS_TITLE} <= seen  # verbatim after the apostrophe
    # read back through the run folder module: restored exactly
    checks = read_checks(hostile_run)
    assert {HYPERLINK, DDE} <= set(checks["name"])


def test_numbers_stay_numbers(hostile_run: Path, tmp_path: Path) -> None:
    with (hostile_run / "plan.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and all(_is_number(r["score"]) for r in rows)  # a number, no apostrophe
    kpi = write_comparison(compare_runs([hostile_run, hostile_run]), out=tmp_path / "cmp") / "kpi.csv"
    negative = [f for f in _csv_fields(kpi) if f.startswith("-")]
    assert negative and all(_is_number(f) for f in negative)  # objective terms below zero stay numbers


def test_report_workbook_has_no_formula(hostile_run: Path) -> None:
    pack = write_report(hostile_run)
    texts = _assert_xlsx_safe(pack.workbook)
    assert {HYPERLINK, DDE} <= texts  # kept verbatim as text
    assert {AT_TITLE, PLUS_TITLE} <= texts
    html = pack.html.read_text(encoding="utf-8")
    assert "<img src=x onerror" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "=HYPERLINK(&#34;http://evil.example/x&#34;,&#34;klik&#34;)" in html or \
        "=HYPERLINK(&quot;http://evil.example/x&quot;,&quot;klik&quot;)" in html


def test_comparison_outputs_have_no_formula(hostile_run: Path, tmp_path: Path) -> None:
    # A second run whose scenario name (a run label: a column header) is itself hostile.
    _, other = plan_round(hostile_scenario(tmp_path / "scn", name="@kalk"), out=tmp_path / "run2")
    cmp = compare_runs([hostile_run, other])
    folder = write_comparison(cmp, out=tmp_path / "cmp")
    texts = _assert_xlsx_safe(folder / "compare.xlsx")
    assert "@kalk" in texts
    for name in ["kpi.csv", "changes.csv"]:
        _assert_csv_safe(folder / name)
    assert "'@kalk" in _csv_fields(folder / "kpi.csv")
    assert "<img src=x" not in (folder / "compare.html").read_text(encoding="utf-8")


def test_sweep_outputs(tmp_path: Path) -> None:
    from planner.api import sweep
    from planner.scenarios.sweep import (
        PointResult,
        SweepResult,
        _write_summary,
        parse_vary,
    )

    scn = hostile_scenario(tmp_path / "scn")
    res = sweep(scn, [parse_vary("weights.overdue_rotation=-10,20")], out=tmp_path / "sw", workers=1)
    assert res.folder == (tmp_path / "sw").resolve() and not res.failed
    fields = _assert_csv_safe(res.folder / "sweep.csv")
    assert "-10" in fields  # a negative number stays a number
    assert json.loads((res.folder / "sweep.json").read_text(encoding="utf-8"))["points"]
    _assert_xlsx_safe(res.compare_folder / "compare.xlsx")
    # the sweep folder is claimed: a second sweep into it is refused, nothing of it touched
    before = sorted(p.name for p in res.folder.iterdir())
    with pytest.raises(FileExistsError):
        sweep(scn, [parse_vary("weights.overdue_rotation=1,2")], out=tmp_path / "sw", workers=1)
    assert sorted(p.name for p in res.folder.iterdir()) == before
    # text a point brings back (labels, error messages) is neutralised too
    bad = SweepResult(folder=tmp_path / "bad", base="x", varies=[], backend="sequential", processes=1,
                      solver_workers=None, seconds=0.0,
                      points=[PointResult(index=1, label="=1+1", values={"k": "@x"}, scenario_file="f",
                                          errors=[DDE])])
    bad.folder.mkdir()
    _write_summary(bad)
    fields = _assert_csv_safe(bad.folder / "sweep.csv")
    assert {"'=1+1", "'@x", "'" + DDE} <= set(fields)


# ----------------------------------------------------------------------------- headers

def test_csv_headers_come_from_the_models(hostile_run: Path) -> None:
    for name, cols in [("plan.csv", PLAN_COLUMNS), ("shortlist.csv", SHORTLIST_COLUMNS),
                       ("unfilled.csv", UNFILLED_COLUMNS)]:
        with (hostile_run / name).open(encoding="utf-8") as fh:
            assert next(csv.reader(fh)) == cols
    assert PLAN_COLUMNS[:6] == ["nip", "name", "from_position_id", "to_position_id", "move_type", "score"]

    class M(BaseModel):
        a: int
        b: int
        new: int

    with pytest.raises(RuntimeError, match="unplaced"):  # a field nobody placed
        _view(M, "a", "b", json_only="")
    with pytest.raises(RuntimeError, match="unknown"):  # a renamed field
        _view(M, "a old", "b", json_only="new")


# ----------------------------------------------------------------------------- atomic

def test_plan_json_written_once_with_timings(tmp_path: Path, monkeypatch) -> None:
    writes = []
    real = Path.write_text

    def spy(self, *a, **kw):
        if self.name == "plan.json":
            writes.append(self)
        return real(self, *a, **kw)

    monkeypatch.setattr(Path, "write_text", spy)
    plan, folder = plan_round(FIXTURES / "mini", out=tmp_path / "run")
    assert len(writes) == 1 and is_temporary(writes[0].parent)  # written in the temporary sibling, once
    saved = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
    assert {"write", "total"} <= set(saved["timings"]) and saved["timings"] == plan.timings
    assert _siblings(folder) == []


def test_second_commit_loses_and_leaves_the_first_intact(tmp_path: Path) -> None:
    target = tmp_path / "run"
    a, b = PendingFolder(target), PendingFolder(target)
    (a.path / "plan.json").write_text("a")
    (b.path / "plan.json").write_text("b")
    assert a.commit() == target
    with pytest.raises(FolderTaken):
        b.commit()
    assert (target / "plan.json").read_text() == "a" and not b.path.exists()
    assert _siblings(target) == []


def test_default_names_taken_meanwhile_get_a_suffix(tmp_path: Path, monkeypatch) -> None:
    import datetime as dt

    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return cls(2026, 12, 1, 8, 0, 0)

    monkeypatch.setattr(runfolder, "datetime", Frozen)
    a, b = runfolder.reserve_run("demo", base=tmp_path), runfolder.reserve_run("demo", base=tmp_path)
    assert a.target == b.target  # same second, same name: neither is written yet
    for p in (a, b):
        (p.path / "plan.json").write_text("x")
    first, second = runfolder.commit_run(a), runfolder.commit_run(b)
    assert second == first.with_name(first.name + "-2")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([first.name, second.name])


def test_concurrent_runs_with_the_same_out(tmp_path: Path) -> None:
    out = tmp_path / "run"
    cmd = [sys.executable, "-m", "planner.cli", "plan", str(FIXTURES / "mini"), "--out", str(out), "--quiet"]
    procs = [subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={**__import__("os").environ, "PYTHONPATH": str(ROOT)}) for _ in range(2)]
    outs = [p.communicate(timeout=300)[0] for p in procs]
    codes = sorted(p.returncode for p in procs)
    assert codes == [0, 1], outs
    loser = outs[[p.returncode for p in procs].index(1)]
    assert str(out) in loser and "Traceback" not in loser
    assert read_plan(out).moves is not None  # the winner's folder is whole
    assert _siblings(out) == []


def test_interrupted_write_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    real = runfolder.write_csv

    def interrupted(frame, path):
        if path.name == "checks.csv":
            raise KeyboardInterrupt
        return real(frame, path)

    monkeypatch.setattr(runfolder, "write_csv", interrupted)
    with pytest.raises(KeyboardInterrupt):
        plan_round(FIXTURES / "mini", out=tmp_path / "deep" / "run")
    assert list(tmp_path.iterdir()) == []  # neither the run, nor its temporary sibling, nor the parents made


def test_full_disk_is_one_message_and_no_run(tmp_path: Path, monkeypatch) -> None:
    real = runfolder.write_csv

    def full(frame, path):
        if path.name == "unfilled.csv":
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(frame, path)

    monkeypatch.setattr(runfolder, "write_csv", full)
    out = tmp_path / "run"
    res = CliRunner().invoke(main, ["plan", str(FIXTURES / "mini"), "--out", str(out), "--quiet"])
    assert res.exit_code == 1, res.output
    _no_traceback(res)
    assert "ruang disk penuh" in res.output and "tidak ditulis" in res.output and str(out) in res.output
    assert ".tmp-" not in res.output  # the message names the folder asked for, not the temporary one
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", ["file", "non-empty", "read-only"])
def test_bad_out_is_refused_before_the_solve(tmp_path: Path, monkeypatch, kind: str) -> None:
    from planner import api

    def no_solve(*a, **kw):
        raise AssertionError("solved although --out was bad")

    monkeypatch.setattr(api, "solve_prepared", no_solve)
    out = tmp_path / "out"
    if kind == "file":
        out.write_text("x")
    elif kind == "non-empty":
        out.mkdir()
        (out / "catatan.txt").write_text("x")
    else:
        from planner.files import atomic

        def read_only(*a, **kw):
            raise OSError(errno.EROFS, "Read-only file system")

        monkeypatch.setattr(atomic.tempfile, "mkdtemp", read_only)
    before = sorted(p.name for p in tmp_path.iterdir())
    res = CliRunner().invoke(main, ["plan", str(FIXTURES / "mini"), "--out", str(out), "--quiet"])
    assert res.exit_code == 1, res.output
    _no_traceback(res)
    assert str(out) in res.output
    assert {"file": "berkas", "non-empty": "sudah berisi", "read-only": "hanya-baca"}[kind] in res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.skipif(sys.platform == "win32" or __import__("os").geteuid() == 0,
                    reason="permissions do not bind root")
def test_read_only_parent_for_real(tmp_path: Path) -> None:
    parent = tmp_path / "ro"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        res = CliRunner().invoke(main, ["plan", str(FIXTURES / "mini"), "--out", str(parent / "run"), "--quiet"])
    finally:
        parent.chmod(0o755)
    assert res.exit_code == 1 and "izin" in res.output
    _no_traceback(res)


# ----------------------------------------------------------------------------- damaged

def _damaged(kind: str, good: Path, root: Path) -> Path:
    if kind == "temporary":
        folder = root / ".run.tmp-abc123"
        shutil.copytree(good, folder)  # complete, even: a temporary folder is never a run
        return folder
    folder = root / kind
    shutil.copytree(good, folder, ignore=shutil.ignore_patterns("laporan*"))
    if kind == "no-plan":
        (folder / "plan.json").unlink()
    elif kind == "empty-plan":
        (folder / "plan.json").write_text("")
    elif kind == "garbage-plan":
        (folder / "plan.json").write_text("{\"status\": ")
    elif kind == "wrong-plan":
        (folder / "plan.json").write_text(json.dumps({"status": "OPTIMAL"}))
    elif kind == "no-checks":
        (folder / "checks.csv").unlink()
    return folder


DAMAGE = ["no-plan", "empty-plan", "garbage-plan", "wrong-plan", "no-checks", "temporary"]


@pytest.mark.parametrize("kind", DAMAGE)
def test_damaged_run_folder_is_one_message(hostile_run: Path, tmp_path: Path, kind: str) -> None:
    folder = _damaged(kind, hostile_run, tmp_path)
    move = read_plan(hostile_run).moves[0]
    runner = CliRunner()
    commands = [["report", str(folder)],
                ["explain", str(folder), "--position", move.to_position_id],
                ["explain", str(folder), "--position", move.to_position_id, "--nip", move.nip, "--no-resolve"]]
    if kind != "no-checks":  # a comparison reads plan.json only
        commands.append(["compare", str(hostile_run), str(folder), "--out", str(tmp_path / "cmp")])
    for args in commands:
        res = runner.invoke(main, args)
        assert res.exit_code == 1, (args, res.output)
        _no_traceback(res)
        assert str(folder) in res.output, res.output
    assert not (tmp_path / "cmp").exists()
    with pytest.raises(RunFolderError):
        read_plan(folder) if kind != "no-checks" else read_checks(folder)


def test_full_disk_during_report_and_comparison_leaves_nothing(hostile_run: Path, tmp_path: Path,
                                                                monkeypatch) -> None:
    import reports.compare as rcompare
    import reports.pack as rpack

    run = tmp_path / "run"
    shutil.copytree(hostile_run, run, ignore=shutil.ignore_patterns("laporan*"))

    def full(*a, **kw):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(rpack, "write_workbook", full)
    monkeypatch.setattr(rcompare, "write_xlsx", full)
    before = sorted(p.name for p in run.iterdir())
    runner = CliRunner()
    res = runner.invoke(main, ["report", str(run)])
    assert res.exit_code == 1 and "ruang disk penuh" in res.output, res.output
    _no_traceback(res)
    assert sorted(p.name for p in run.iterdir()) == before  # no laporan/, no temporary folder
    assert str(run / "laporan") in res.output
    res = runner.invoke(main, ["compare", str(run), str(hostile_run), "--out", str(tmp_path / "cmp")])
    assert res.exit_code == 1 and "ruang disk penuh" in res.output and str(tmp_path / "cmp") in res.output, \
        res.output
    _no_traceback(res)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run"]


def test_check_csv_printed_to_the_terminal_is_neutralised(tmp_path: Path) -> None:
    """`planner check --format csv > file.csv` is opened in a spreadsheet too."""
    scn = hostile_scenario(tmp_path / "scn")
    res = CliRunner().invoke(main, ["check", str(scn), "--position", "ADM-1", "--format", "csv"])
    assert res.exit_code == 0, res.output
    rows = list(csv.reader(res.output.splitlines()))
    cells = [c for row in rows[1:] for c in row]
    assert any(csv_unquote(c) == HYPERLINK for c in cells), cells
    assert not [c for c in cells if c.startswith(RISKY)]

"""Seeded fuzzing of the inputs: a few hundred corruptions of the mini scenario, through the CLI.

Each case copies ``tests/fixtures/mini``, damages it one way (a cell, a truncation, an empty
file, a header, a control character, a huge value, a stray quote, a short row, a dropped
column, a broken workbook, a hostile scenario.yaml ...) and runs ``planner validate`` (and for
every tenth case ``planner check``). Whatever the bytes, the planner must

- end with exit 0, or exit 1 and at least one message naming the file (never a traceback);
- when it says "Data valid", have loaded every data row there is (nothing dropped silently);
- leave every input file byte-identical.

Deterministic: the cases are drawn from ``random.Random`` with a fixed seed per case.
"""
from __future__ import annotations

import csv
import io
import random
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import main
from planner.inputs.load import load
from tests.conftest import FIXTURES, tree_digest

SEED = 1415
TABLES = ("positions", "employees", "history", "discipline")
HEAD = "197001012000031001"
# What a clerk, a spreadsheet or an attacker puts in a cell.
VALUES = ["", " ", "0", "86400", "-1", "1e999", "nan", "inf", "2020-01-01T00:00:00", "2026-02-30",
          "1900-01-01", "9999-12-31", "x" * 5000, "9" * 5000, "\x00", "a\x07b", "\x1b[31mmerah", "a\tb",
          '"', 'a"b', '=HYPERLINK("http://evil.example/x","klik")', "NULL", "N/A", "true", "ya", "TIDAK",
          "☃", "\u202eabc", "💥", "BKD-SEK", HEAD, "III/b", "IV.a", "jf", "ahli_muda", "ready_now", "S2"]
LOCATED = re.compile(r"^\[GALAT\] (?P<file>\S+?\.(?:csv|xlsx|xlsm|xls|yaml|yml))\b", re.MULTILINE)
BOMB = ('  a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
        + "".join(f"  {k}: &{k} [{', '.join([f'*{p}'] * 9)}]\n" for p, k in zip("abcdefgh", "bcdefghi")))


# ------------------------------------------------------------------------ file helpers


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8"))


def _table(folder: Path, rng: random.Random, *, with_rows: bool = False) -> Path:
    names = [t for t in TABLES if not with_rows or len(_rows(folder / f"{t}.csv")) > 1]
    return folder / f"{rng.choice(names)}.csv"


def _lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


# ---------------------------------------------------------------------- corruptions
# Each takes the scenario folder and a seeded generator and damages the folder in place.


def cell(folder: Path, rng: random.Random) -> None:
    path = _table(folder, rng, with_rows=True)
    rows = _rows(path)
    r = rng.randrange(len(rows))
    c = rng.randrange(len(rows[r]))
    other = rng.choice(rng.choice(rows[1:]))
    rows[r][c] = rng.choice([*VALUES, other, rows[r][c].upper(), rows[r][c] + " "])
    _write_rows(path, rows)


def two_cells(folder: Path, rng: random.Random) -> None:
    cell(folder, rng)
    cell(folder, rng)


def truncate(folder: Path, rng: random.Random) -> None:
    path = _table(folder, rng)
    blob = path.read_bytes()
    path.write_bytes(blob[:rng.randrange(len(blob))])


def empty(folder: Path, rng: random.Random) -> None:
    _table(folder, rng).write_bytes(b"")


def header_only(folder: Path, rng: random.Random) -> None:
    path = _table(folder, rng)
    path.write_bytes(_lines(path)[0])


def blank_lines(folder: Path, rng: random.Random) -> None:
    path = _table(folder, rng)
    lines = _lines(path)
    lines.insert(rng.randrange(1, len(lines) + 1), rng.choice([b"\n", b",,,,\n", b"   \n", b"\r\n"]))
    path.write_bytes(b"".join(lines))


def drop_column(folder: Path, rng: random.Random) -> None:
    path = _table(folder, rng)
    rows = _rows(path)
    c = rng.randrange(len(rows[0]))
    _write_rows(path, [r[:c] + r[c + 1:] for r in rows])


def duplicate_header(folder: Path, rng: random.Random) -> None:
    path = _table(folder, rng)
    rows = _rows(path)
    i, j = rng.sample(range(len(rows[0])), 2)
    rows[0][j] = rows[0][i]
    _write_rows(path, rows)


def rename_header(folder: Path, rng: random.Random) -> None:
    path = _table(folder, rng)
    rows = _rows(path)
    c = rng.randrange(len(rows[0]))
    rows[0][c] = rng.choice([rows[0][c].upper(), " " + rows[0][c], rows[0][c] + "_", "", "Unnamed: 3"])
    _write_rows(path, rows)


def control_char(folder: Path, rng: random.Random) -> None:
    path = _table(folder, rng, with_rows=True)
    rows = _rows(path)
    r, c = rng.randrange(1, len(rows)), rng.randrange(len(rows[0]))
    ch = chr(rng.choice([*range(9), 11, 12, *range(14, 32), 127, *range(128, 160)]))
    at = rng.randrange(len(rows[r][c]) + 1)
    rows[r][c] = rows[r][c][:at] + ch + rows[r][c][at:]
    _write_rows(path, rows)


def huge_value(folder: Path, rng: random.Random) -> None:
    path = _table(folder, rng, with_rows=True)
    rows = _rows(path)
    r, c = rng.randrange(1, len(rows)), rng.randrange(len(rows[0]))
    rows[r][c] = rng.choice(["A", "9", "é"]) * rng.choice([600, 50_000, 200_000])
    _write_rows(path, rows)


def stray_quote(folder: Path, rng: random.Random) -> None:
    path = _table(folder, rng, with_rows=True)
    lines = _lines(path)
    i = rng.randrange(len(lines))
    if rng.random() < 0.5:
        lines[i] = b'"' + lines[i]
    else:
        at = rng.randrange(len(lines[i]))
        lines[i] = lines[i][:at] + b'"' + lines[i][at:]
    path.write_bytes(b"".join(lines))


def short_row(folder: Path, rng: random.Random) -> None:
    path = _table(folder, rng, with_rows=True)
    rows = _rows(path)
    r = rng.randrange(1, len(rows))
    rows[r] = rows[r][:rng.randrange(1, len(rows[r]))]
    _write_rows(path, rows)


def long_row(folder: Path, rng: random.Random) -> None:
    path = _table(folder, rng, with_rows=True)
    rows = _rows(path)
    r = rng.randrange(1, len(rows))
    rows[r].insert(rng.randrange(len(rows[r])), rng.choice(["", "x", "S.Kom."]))
    _write_rows(path, rows)


def duplicate_row(folder: Path, rng: random.Random) -> None:
    path = _table(folder, rng, with_rows=True)
    lines = _lines(path)
    lines.append(rng.choice(lines[1:]))
    path.write_bytes(b"".join(lines))


def delete_row(folder: Path, rng: random.Random) -> None:
    path = _table(folder, rng, with_rows=True)
    lines = _lines(path)
    del lines[rng.randrange(1, len(lines))]
    path.write_bytes(b"".join(lines))


def encoding(folder: Path, rng: random.Random) -> None:
    path = _table(folder, rng)
    text = path.read_text(encoding="utf-8").replace("a", "ä", 1)
    how = rng.choice(["latin-1", "utf-16", "cp1252", "bytes"])
    if how == "bytes":
        blob = bytearray(text.encode("utf-8"))
        blob.insert(rng.randrange(len(blob)), rng.choice([0xFF, 0xC3, 0x80, 0xE2]))
        path.write_bytes(bytes(blob))
    else:
        path.write_bytes(text.encode(how))


def line_endings(folder: Path, rng: random.Random) -> None:
    path = _table(folder, rng)
    blob = path.read_bytes()
    path.write_bytes(blob.replace(b"\n", rng.choice([b"\r\n", b"\r"])))


def garbage(folder: Path, rng: random.Random) -> None:
    _table(folder, rng).write_bytes(rng.randbytes(rng.choice([1, 100, 5000])))


def _to_workbook(folder: Path, rng: random.Random, *, numeric_nip: bool = False) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for t in TABLES:
        ws = wb.create_sheet(t)
        for i, row in enumerate(_rows(folder / f"{t}.csv")):
            if numeric_nip and i and row and row[0].isdigit():
                row = [float(row[0]), *row[1:]]
            ws.append(row)
    path = folder / "data.xlsx"
    wb.save(path)
    (folder / "scenario.yaml").write_text(
        "name: mini-xlsx\nas_of: 2026-12-01\nrule_pack: national\ndata: {"
        + ", ".join(f"{t}: data.xlsx" for t in TABLES) + "}\n", encoding="utf-8")
    return path


def xlsx(folder: Path, rng: random.Random) -> None:
    import openpyxl

    kind = rng.choice(["zero", "garbage", "truncated", "drop_sheet", "numeric_nip", "cell", "date_cell",
                       "renamed", "intact"])
    path = _to_workbook(folder, rng, numeric_nip=kind == "numeric_nip")
    if kind == "zero":
        path.write_bytes(b"")
    elif kind == "garbage":
        path.write_bytes(b"PK\x03\x04" + rng.randbytes(2000))
    elif kind == "truncated":
        blob = path.read_bytes()
        path.write_bytes(blob[:rng.randrange(len(blob))])
    elif kind in ("drop_sheet", "cell", "date_cell"):
        wb = openpyxl.load_workbook(path)
        if kind == "drop_sheet":
            wb.remove(wb[rng.choice(TABLES)])
        else:
            ws = wb[rng.choice(["positions", "employees", "history"])]
            r, c = rng.randrange(1, ws.max_row + 1), rng.randrange(1, ws.max_column + 1)
            import datetime as dt
            ws.cell(r, c).value = (rng.choice([dt.datetime(2020, 1, 1, 13, 30), dt.datetime(1970, 1, 1), 45000,
                                               3.5, True, None])
                                   if kind == "date_cell" else rng.choice(VALUES[:20]).replace("\x00", ""))
        wb.save(path)
    elif kind == "renamed":
        path.rename(folder / "data.csv")
        (folder / "scenario.yaml").write_text(
            "name: mini-xlsx\nas_of: 2026-12-01\ndata: {positions: data.csv}\n", encoding="utf-8")


SCENARIO_EDITS = [
    "as_of: 2026-02-30\n", "as_of: 0\n", "as_of: 2026-12-01 10:00:00\n", "as_of: besok\n", 'as_of: "2026-13-01"\n',
    "data: positions.csv\n", "data: [positions.csv]\n", "data: 5\n", "data: {positions: 5}\n",
    "data: {positions: ''}\n", "data: {positons: positions.csv}\n", "data: {positions: /nonexistent/p.csv}\n",
    "data: {positions: .}\n", "data: {positions: /dev/null}\n",
    "name: mini\nname: lagi\n", "weights: {fill: 1, fill: 2}\n", "weights: 5\n", "weights: {fill: banyak}\n",
    "solver: {time_limit_s: -1, workers: 0}\n", "shortlist_ratio: 99999999999999999999999\n",
    ('locks: [{nip: "12", position_id: X}, {nip: "198005052005042002", position_id: BKD-SEK}, '
     '{nip: "199002022015031003", position_id: BKD-SEK}]\n'),
    'locks: [{nip: "198005052005042002", position_id: BKD-SEK}]\nkeep: ["198005052005042002"]\n',
    'locks: [{nip: "198005052005042002", position_id: BKD-SEK}]\nreserve: [BKD-SEK]\n',
    ('locks: [{nip: "198005052005042002", position_id: BKD-SEK}]\nbans: [{nip: "198005052005042002", '
     'position_id: BKD-SEK}]\n'),
    'locks: "semua"\n', "keep: [[1, 2], {a: b}]\n", "reserve: [\"\\x07\"]\n", "description: \"a\\x00b\"\n",
    "name: \"mini\\x1b[31m\"\n", "extends: []\n", "extends: tidak-ada.yaml\n", "extends: scenario.yaml\n",
    "rule_pack: [a]\n", "parameters: 5\n", "election: {term_end: 2026-02-29}\n", "catatan: &x [*x]\n",
    "\tname: tab\n", "- daftar\n", "name: [belum ditutup\n", "x: !!python/object/apply:os.system [ls]\n",
    "[" * 3000 + "\n", "x: " + "9" * 6000 + "\n",
]


def scenario_yaml(folder: Path, rng: random.Random) -> None:
    path = folder / "scenario.yaml"
    kind = rng.choice(["edit", "edit", "edit", "bomb", "garbage", "truncate", "encoding", "empty"])
    text = path.read_text(encoding="utf-8")
    if kind == "edit":
        path.write_text(text + rng.choice(SCENARIO_EDITS), encoding="utf-8")
    elif kind == "bomb":
        where = rng.choice(["description: *i", "keep: *i", "catatan: *i", "parameters: {x: *i}", "locks: *i"])
        path.write_text(text + "x-jangkar:\n" + BOMB + where + "\n", encoding="utf-8")
    elif kind == "garbage":
        path.write_bytes(rng.randbytes(300))
    elif kind == "truncate":
        path.write_bytes(text.encode()[:rng.randrange(len(text))])
    elif kind == "encoding":
        path.write_bytes((text + "description: Pemeriksaan ulang\n").encode(rng.choice(["utf-16", "utf-32"])))
    else:
        path.write_bytes(b"")


def deep_extends(folder: Path, rng: random.Random) -> None:
    depth = rng.choice([3, 40, 1500])
    base = folder / "scenario.yaml"
    (folder / "base0.yaml").write_bytes(base.read_bytes())
    for i in range(1, depth):
        (folder / f"base{i}.yaml").write_text(f"extends: base{i - 1}.yaml\n", encoding="utf-8")
    base.write_text(f"extends: base{depth - 1}.yaml\nname: dalam\n", encoding="utf-8")


CORRUPTIONS: list[Callable[[Path, random.Random], None]] = [
    cell, cell, cell, two_cells, truncate, empty, header_only, blank_lines, drop_column, duplicate_header,
    rename_header, control_char, control_char, huge_value, stray_quote, stray_quote, short_row, long_row,
    duplicate_row, delete_row, encoding, line_endings, garbage, xlsx, xlsx, scenario_yaml, scenario_yaml,
    scenario_yaml, deep_extends,
]
N_CASES = 300
CASES = [(i, CORRUPTIONS[i % len(CORRUPTIONS)]) for i in range(N_CASES)]


# -------------------------------------------------------------------------- oracle


# docs/data-contract.md, "Columns left out": the only columns a file may omit.
MAY_BE_LEFT_OUT = {"positions": {"min_rank", "min_education"},
                   "employees": {"performance_prev", "jpm", "assessment_date", "nine_box"}}
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# What issue 12 accepts besides: dd/mm/yyyy, dd-mm-yyyy, an Excel serial (docs/data-contract.md).
CLERK_DATE = re.compile(r"[0-9]{1,2}([/-])[0-9]{1,2}\1[0-9]{4}|[0-9]{5}")


def _sheet_text(source: Path) -> str:
    from planner.inputs.clerk import decode

    return decode(source.read_bytes())[0]


def _sheet(source: Path, table: str) -> list[list[str]]:
    """The table as text cells, non-blank rows only, header first."""
    if source.suffix == ".xlsx":
        import openpyxl

        from planner.inputs.load import _cell

        wb = openpyxl.load_workbook(source, read_only=True)
        ws = wb[table] if table in wb.sheetnames else wb.worksheets[0]
        rows = [[_cell(v) for v in r] for r in ws.iter_rows(values_only=True)]
        wb.close()
        return [r for r in rows if "".join(r).strip()]
    from planner.inputs.clerk import decode, detect_delimiter

    text, _ = decode(source.read_bytes())  # UTF-8, or Windows-1252 (issue 12)
    return [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=detect_delimiter(text))
            if "".join(r).strip()]


def _assert_nothing_lost(folder: Path) -> None:
    """What "Data valid" promises: every row, every column, every value as written."""
    from models.schema import TABLE_MODELS

    data = load(folder)
    for table in TABLES:
        source = Path(getattr(data.scenario.data, table))
        rows = _sheet(source, table)
        from planner.inputs.clerk import match_header

        # Headers differing only in case or spaces are the contract's (issue 12).
        header, _ = match_header([h.strip() for h in rows[0]], list(TABLE_MODELS[table].model_fields))
        frame = getattr(data, table)
        assert len(frame) == len(rows) - 1, f"{table}: rows dropped"
        if source.suffix == ".csv":
            non_blank = [ln for ln in _sheet_text(source).splitlines() if ln.strip(" ,")]
            assert len(non_blank) == len(rows), f"{table}: lines merged into one row (stray quote?)"
            assert all(len(r) == len(header) for r in rows), f"{table}: a row with a different field count"
        absent = set(TABLE_MODELS[table].model_fields) - set(header) - MAY_BE_LEFT_OUT.get(table, set())
        assert not absent, f"{table}: contract columns {absent} missing, defaulted silently"
        for col in header:
            info = TABLE_MODELS[table].model_fields.get(col)
            if info is None:
                continue
            cells = [r[header.index(col)].strip() for r in rows[1:]]
            if "date" in col or col in ("start", "end", "rank_since", "position_since"):
                assert all(not c or ISO_DATE.fullmatch(c) or CLERK_DATE.fullmatch(c) for c in cells), \
                    f"{table}.{col}: a date accepted in none of the documented forms"
                # A bare number is a date only as an Excel serial 10000-73050: never 0 or 86400.
                assert all(not c.isdigit() or 10_000 <= int(c) <= 73_050 for c in cells), f"{table}.{col}"
            assert not any(CONTROL.search(c) for c in cells), f"{table}.{col}: a control character accepted"


def _invoke(args: list[str]):
    t0 = time.perf_counter()
    result = CliRunner().invoke(main, args)
    return result, time.perf_counter() - t0


def _assert_clean_outcome(result, folder: Path, what: str) -> None:
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        pytest.fail(f"{what}: {type(result.exception).__name__}\n"
                    + "".join(traceback.format_exception(result.exception)))
    assert result.exit_code in (0, 1), f"{what}: exit {result.exit_code}\n{result.output}"
    assert "Traceback" not in result.output
    if result.exit_code == 1:
        files = [Path(m.group("file")).name for m in LOCATED.finditer(result.output)]
        assert files, f"{what}: exit 1 without a located message\n{result.output[:2000]}"


@pytest.mark.parametrize("i, corrupt", CASES, ids=[f"{i:03d}-{c.__name__}" for i, c in CASES])
def test_corrupted_input_never_crashes_or_loses_data(tmp_path: Path, i: int, corrupt) -> None:
    rng = random.Random(f"{SEED}-{i}")
    folder = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", folder)
    corrupt(folder, rng)
    before = tree_digest(folder)

    result, seconds = _invoke(["validate", str(folder)])
    _assert_clean_outcome(result, folder, "validate")
    assert seconds < 10, f"validate took {seconds:.1f} s"
    if result.exit_code == 0:
        assert "Data valid" in result.output
        _assert_nothing_lost(folder)

    if i % 10 == 0:  # 10 and len(CORRUPTIONS) are coprime: every kind is checked too
        target = rng.choice([["--position", "BKD-SEK"], ["--nip", "198005052005042002"]])
        result, _ = _invoke(["check", str(folder), *target])
        _assert_clean_outcome(result, folder, "check")

    assert tree_digest(folder) == before, "an input file was modified"

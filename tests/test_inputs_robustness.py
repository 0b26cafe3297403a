"""The inputs stage loses nothing and never crashes (issue 14 item 6, issue 15 items 1-4, 7, 9-11).

Each test names the defect it guards against; each failed on the code before the change.
"""
from __future__ import annotations

import ast
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import main
from planner.inputs.load import load
from tests.conftest import edit_csv, tree_digest

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "scenarios" / "demo"
HEAD = "197001012000031001"  # Kepala BKPSDM, row 2 of employees.csv, holds BKD-KABAN
SUB = "198005052005042002"  # Kepala Subbagian, row 3, holds BKD-SUB1
PLK = "199002022015031003"  # pelaksana, row 4, holds BKD-PLK-001


def located(folder: Path) -> list[tuple[str, int | None, str | None]]:
    return [(Path(f.file).name, f.row, f.column) for f in load(folder).errors]


def validate(folder: Path):
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


# ------------------------------------------------------------------------ 1. layering


def _imports(path: Path) -> list[tuple[str, bool]]:
    """Modules imported by a file, and whether the import sits inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and inner.module:
                    out.append((inner.module, True))
                elif isinstance(inner, ast.Import):
                    out += [(a.name, True) for a in inner.names]
    top = {m for m, _ in out}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module not in top:
            out.append((node.module, False))
        elif isinstance(node, ast.Import):
            out += [(a.name, False) for a in node.names if a.name not in top]
    return out


# That inputs import no later stage is the layers contract (pyproject, lint-imports in make test).


def test_no_import_cycle_between_load_and_validate() -> None:
    validate_imports = [m for m, _ in _imports(ROOT / "planner" / "inputs" / "validate.py")]
    assert "planner.inputs.load" not in validate_imports
    lazy = [m for m, inside in _imports(ROOT / "planner" / "inputs" / "load.py") if inside and m.startswith("planner")]
    assert lazy == []


def test_load_still_exports_the_data_types() -> None:
    from planner.inputs import data
    from planner.inputs.load import InputError, ScenarioData, load_valid
    from planner.inputs.load import load as load_fn

    assert InputError is data.InputError and ScenarioData is data.ScenarioData
    assert callable(load_fn) and callable(load_valid)


# -------------------------------------------------------------- 2. silent data loss


def test_stray_quote_merging_rows_is_an_error_at_its_line(mini: Path) -> None:
    edit_csv(mini / "positions.csv", "BKD-SEK,Sekretaris", '"BKD-SEK,Sekretaris')
    found = load(mini).errors
    assert [(f.file, f.row) for f in found] == [("positions.csv", 3)]
    assert "tanda kutip" in found[0].message and "3–6" in found[0].message
    result = validate(mini)
    assert result.exit_code == 1 and "positions.csv baris 3" in result.output


def test_id_with_a_line_break_is_an_error(mini: Path) -> None:
    # Well-formed CSV (the quote is closed) whose id holds a newline: one post, two lines.
    edit_csv(mini / "positions.csv", "BKD-SEK,Sekretaris", '"BKD-\nSEK",Sekretaris')
    assert located(mini) == [("positions.csv", 3, None)]


def test_enumerated_value_with_a_line_break_is_an_error(mini: Path) -> None:
    edit_csv(mini / "positions.csv", "BKD-SEK,Sekretaris BKPSDM,BKPSDM,administrator",
             'BKD-SEK,Sekretaris BKPSDM,BKPSDM,"admini\nstrator"')
    assert located(mini) == [("positions.csv", 3, None)]


def test_row_with_more_fields_than_the_header_is_an_error(mini: Path) -> None:
    edit_csv(mini / "employees.csv", "Agus Salim", "Agus, Salim")
    found = load(mini).errors
    assert [(f.file, f.row) for f in found] == [("employees.csv", 4)]
    assert "21 kolom" in found[0].message and "20" in found[0].message


def test_short_row_is_an_error(mini: Path) -> None:
    rows = lines_of(mini / "employees.csv")
    rows[2] = ",".join(rows[2].rstrip("\n").split(",")[:17]) + "\n"  # 17 of 20 fields
    (mini / "employees.csv").write_text("".join(rows), encoding="utf-8")
    found = load(mini).errors
    assert [(f.file, f.row) for f in found] == [("employees.csv", 3)]
    assert "17 kolom" in found[0].message


def test_truncated_last_row_is_an_error(mini: Path) -> None:
    text = (mini / "employees.csv").read_text(encoding="utf-8")
    (mini / "employees.csv").write_text(text[:-25], encoding="utf-8")  # a file cut off mid-row
    assert located(mini) == [("employees.csv", 4, None)]


def _drop_columns(path: Path, *names: str) -> None:
    import csv

    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    keep = [i for i, h in enumerate(rows[0]) if h not in names]
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([[r[i] for i in keep] for r in rows])


def test_missing_contract_columns_are_errors(mini: Path) -> None:
    _drop_columns(mini / "positions.csv", "critical")
    _drop_columns(mini / "employees.csv", "in_pool", "readiness")
    assert sorted(located(mini)) == [("employees.csv", None, "in_pool"), ("employees.csv", None, "readiness"),
                                     ("positions.csv", None, "critical")]


def test_missing_column_with_a_documented_default_is_a_warning_saying_what(mini: Path) -> None:
    _drop_columns(mini / "employees.csv", "jpm")
    data = load(mini)
    assert data.errors == []
    warned = [w for w in data.warnings if w.column == "jpm"]
    assert len(warned) == 1 and "dianggap kosong" in warned[0].message and "3 baris" in warned[0].message


@pytest.mark.parametrize("bad", ["0", "86400", "2020-04-01T00:00:00", "20200401", "2020-4-1"])
def test_a_date_is_a_date_in_the_documented_format(mini: Path, bad: str) -> None:
    edit_csv(mini / "employees.csv", "IV/c,2020-04-01", f"IV/c,{bad}")
    found = load(mini).errors
    assert [(f.row, f.column) for f in found] == [(2, "rank_since")]
    assert "YYYY-MM-DD" in found[0].message


def test_scenario_dates_are_strict_too(mini: Path) -> None:
    (mini / "scenario.yaml").write_text("name: mini\nas_of: 0\n", encoding="utf-8")
    assert located(mini) == [("scenario.yaml", None, "as_of")]


# ---------------------------------------------------------------- 3. no traceback


@pytest.mark.parametrize("table", ["positions", "employees", "history", "discipline"])
def test_zero_byte_table(mini: Path, table: str) -> None:
    (mini / f"{table}.csv").write_bytes(b"")
    result = validate(mini)
    assert result.exit_code == 1
    assert located(mini) == [(f"{table}.csv", None, None)]


@pytest.mark.parametrize("table", ["positions", "employees"])
def test_header_only_table_a_round_needs_is_one_error(mini: Path, table: str) -> None:
    path = mini / f"{table}.csv"
    path.write_text(lines_of(path)[0], encoding="utf-8")
    assert located(mini) == [(f"{table}.csv", None, None)]  # and no "NIP tidak ada" for every reference


def _xlsx_scenario(mini: Path, blob: bytes) -> None:
    (mini / "employees.xlsx").write_bytes(blob)
    (mini / "scenario.yaml").write_text("name: mini\nas_of: 2026-12-01\ndata: {employees: employees.xlsx}\n",
                                        encoding="utf-8")


@pytest.mark.parametrize("blob", [b"", b"PK\x03\x04" + bytes(range(256)) * 4, b"not a workbook at all\n"])
def test_zero_byte_and_garbage_xlsx(mini: Path, blob: bytes) -> None:
    _xlsx_scenario(mini, blob)
    result = validate(mini)
    assert result.exit_code == 1
    assert located(mini) == [("employees.xlsx", None, None)]


def test_workbook_without_the_named_sheet_is_an_error(mini: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "positions"
    wb.create_sheet("history")
    wb.save(mini / "data.xlsx")
    (mini / "scenario.yaml").write_text("name: mini\nas_of: 2026-12-01\ndata: {employees: data.xlsx}\n",
                                        encoding="utf-8")
    found = load(mini).errors
    assert [(f.file, f.row) for f in found] == [("data.xlsx", None)] and "employees" in found[0].message


def test_duplicate_header_is_an_error(mini: Path) -> None:
    edit_csv(mini / "employees.csv", "nip,name,", "nip,nip,")
    assert located(mini) == [("employees.csv", 1, "nip")]


@pytest.mark.parametrize("file, old, column", [
    ("employees.csv", "Budi Santoso", "name"),
    ("positions.csv", "Sekretaris BKPSDM", "title"),
    ("positions.csv", "BKD-SEK,", "position_id"),
    ("discipline.csv", None, "sanction"),
])
@pytest.mark.parametrize("char", ["\x00", "\x07", "\t", "\x1b", "\x85"])
def test_control_character_in_text_is_rejected_where_it_is(mini: Path, file: str, old: str | None,
                                                           column: str, char: str) -> None:
    if old is None:
        with (mini / file).open("a", encoding="utf-8") as fh:
            fh.write(f"{PLK},ringan,teguran{char}lisan,2024-01-01,2024-06-01\n")
        row = 2
    else:
        edit_csv(mini / file, old, old[:3] + char + old[3:])
        row = {"Budi Santoso": 2, "Sekretaris BKPSDM": 3, "BKD-SEK,": 3}[old]
    found = load(mini).errors
    assert (file, row, column) in [(f.file, f.row, f.column) for f in found]
    assert any("karakter kontrol" in f.message for f in found)


def test_huge_values_are_bounded_in_messages(mini: Path) -> None:
    edit_csv(mini / "employees.csv", "Budi Santoso", "B" * 5000)
    edit_csv(mini / "employees.csv", ",7,true", "," + "9" * 5000 + ",true")
    result = validate(mini)
    assert result.exit_code == 1
    assert located(mini) == [("employees.csv", 2, "name"), ("employees.csv", 3, "nine_box")]
    assert len(result.output) < 2000


def test_cell_beyond_the_csv_field_limit(mini: Path) -> None:
    edit_csv(mini / "employees.csv", "Budi Santoso", "B" * 200_000)
    result = validate(mini)
    assert result.exit_code == 1 and len(result.output) < 1000
    assert located(mini) == [("employees.csv", None, None)]


def test_wrong_encoding_is_one_message_at_the_top(tmp_path: Path) -> None:
    """The root cause first: not 1 message among thousands of follow-on 'NIP tidak ada'."""
    scn = tmp_path / "demo"
    shutil.copytree(DEMO, scn)
    text = (scn / "employees.csv").read_text(encoding="utf-8")
    (scn / "employees.csv").write_bytes(text.encode("utf-16"))
    result = validate(scn)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("[GALAT]")]
    assert len(errors) == 1 and errors[0].startswith("[GALAT] employees.csv") and "UTF-8" in errors[0]


def test_misheaded_employees_is_one_message_with_a_hint(tmp_path: Path) -> None:
    scn = tmp_path / "demo"
    shutil.copytree(DEMO, scn)
    text = (scn / "employees.csv").read_text(encoding="utf-8")
    (scn / "employees.csv").write_text("nomor_nip" + text[3:], encoding="utf-8")  # the header's "nip"
    errors = load(scn).errors
    assert [(f.file, f.column) for f in errors] == [("employees.csv", "nip")]
    # Issue 12: a header differing only in case or spaces ("NIP") is read, with one warning.
    (scn / "employees.csv").write_text("NIP" + text[3:], encoding="utf-8")
    data = load(scn)
    assert data.errors == [] and sum("'NIP' → nip" in f.message for f in data.warnings) == 1


def test_damaged_utf8_names_file_and_line(mini: Path) -> None:
    """UTF-8 with one Latin-1 byte: not guessed as Windows-1252 (that would garble the rest)."""
    text = (mini / "employees.csv").read_text(encoding="utf-8").replace("Budi", "Büdi")
    blob = text.replace("Agus", "Ag\x00s").encode("utf-8").replace(b"Ag\x00s", "Agüs".encode("latin-1"))
    (mini / "employees.csv").write_bytes(blob)
    found = load(mini).errors
    assert len(found) == 1 and found[0].file == "employees.csv" and "baris 4" in found[0].message


def test_windows_1252_is_read_with_a_warning(mini: Path) -> None:
    """Issue 12: Excel's plain "CSV" on an Indonesian Windows is Windows-1252."""
    text = (mini / "employees.csv").read_text(encoding="utf-8").replace("Agus", "Agüs")
    (mini / "employees.csv").write_bytes(text.encode("cp1252"))
    data = load(mini)
    assert data.errors == [] and "Agüs Salim" in set(data.employees["name"])
    assert [f.file for f in data.warnings if "Windows-1252" in f.message] == ["employees.csv"]


def test_bom_from_excel_csv_utf8_is_accepted(mini: Path) -> None:
    text = (mini / "employees.csv").read_text(encoding="utf-8")
    (mini / "employees.csv").write_bytes(text.encode("utf-8-sig"))
    assert load(mini).findings == []


# --------------------------------------------------------------- 4. scenario.yaml

BOMB = "".join(f"{k}: &{k} [{', '.join([f'*{p}'] * 9)}]\n" for p, k in zip("abcdefgh", "bcdefghi"))
BOMB = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + BOMB


@pytest.mark.parametrize("where", ["description: *i", "keep: *i", "catatan: *i", "parameters: {x: *i}"])
def test_yaml_alias_bomb_is_refused_quickly(mini: Path, where: str) -> None:
    assert len(BOMB) < 1200  # about 1 kB standing for 9^9 strings
    (mini / "scenario.yaml").write_text("name: mini\nas_of: 2026-12-01\nx-anchors:\n"
                                        + "".join(f"  {line}\n" for line in BOMB.splitlines())
                                        + where + "\n", encoding="utf-8")
    t0 = time.perf_counter()
    result = validate(mini)
    assert time.perf_counter() - t0 < 5
    assert result.exit_code == 1 and "alias" in result.output and len(result.output) < 1000


def test_modest_aliases_are_still_fine(mini: Path) -> None:
    (mini / "scenario.yaml").write_text(
        "name: mini\nas_of: 2026-12-01\nsolver: &s {time_limit_s: 5}\nweights: {fill: 400}\n", encoding="utf-8")
    assert load(mini).findings == []


def test_invalid_calendar_date_in_scenario(mini: Path) -> None:
    (mini / "scenario.yaml").write_text("name: mini\nas_of: 2026-02-30\n", encoding="utf-8")
    result = validate(mini)
    assert result.exit_code == 1
    found = load(mini).errors
    assert [(f.column, f.value) for f in found] == [("as_of", "2026-02-30")] and "kalender" in found[0].message


@pytest.mark.parametrize("data", ["positions.csv", "[positions.csv]", "5", "{positions: 5}", "{positions: ''}",
                                  "{positons: x.csv}"])
def test_bad_data_is_a_message_and_never_reads_the_current_directory(mini: Path, tmp_path: Path,
                                                                     monkeypatch, data: str) -> None:
    # A current directory whose tables would give their own (wrong) messages if read.
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    for table in ("positions", "employees", "history", "discipline"):
        (cwd / f"{table}.csv").write_bytes(b"\xff\xfe garbage")
    monkeypatch.chdir(cwd)
    (mini / "scenario.yaml").write_text(f"name: mini\nas_of: 2026-12-01\ndata: {data}\n", encoding="utf-8")
    result = validate(mini)
    assert result.exit_code == 1
    found = load(mini).errors
    assert found and all(f.file == "scenario.yaml" and (f.column or "").startswith("data") for f in found)


@pytest.mark.parametrize("extra", ['data: {positions: "a\\0b"}', 'extends: "a\\0b"', "extends: " + "x" * 5000,
                                   "data: {positions: /dev/null}", "data: {positions: .}"])
def test_paths_the_os_refuses_are_messages(mini: Path, extra: str) -> None:
    (mini / "scenario.yaml").write_text(f"name: mini\nas_of: 2026-12-01\n{extra}\n", encoding="utf-8")
    result = validate(mini)
    assert result.exit_code == 1 and "[GALAT]" in result.output


def test_extends_chain_1500_deep_is_a_message(tmp_path: Path) -> None:
    for i in range(1500):
        (tmp_path / f"s{i}.yaml").write_text(f"extends: s{i + 1}.yaml\n")
    (tmp_path / "s1500.yaml").write_text("name: deep\nas_of: 2026-12-01\n")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "s0.yaml")])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    found = load(tmp_path / "s0.yaml").errors
    assert [f.column for f in found] == ["extends"]


def test_extends_chain_of_a_few_files_still_works(mini: Path, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(f"extends: {mini / 'scenario.yaml'}\nname: a\n")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\nname: b\nshortlist_ratio: 2\n")
    data = load(tmp_path / "b.yaml")
    assert data.findings == [] and data.scenario.name == "b" and len(data.positions) == 5


@pytest.mark.parametrize("body, key, row", [
    ("name: mini\nas_of: 2026-12-01\nname: lain\n", "name", 3),
    ("name: mini\nas_of: 2026-12-01\nweights:\n  fill: 1\n  fill: 2\n", "fill", 5),
])
def test_duplicate_yaml_keys_are_errors(mini: Path, body: str, key: str, row: int) -> None:
    (mini / "scenario.yaml").write_text(body, encoding="utf-8")
    assert located(mini) == [("scenario.yaml", row, key)]


@pytest.mark.parametrize("blob", [b"", b"\xff\xfe\x00n", b"name: [unclosed\n", b"- a\n- b\n", b"[" * 5000,
                                  b"x: " + b"9" * 6000 + b"\n", b"a: &a [*a]\n", b"name: !!python/object:os.system x\n"])
def test_damaged_scenario_file_is_a_message(mini: Path, blob: bytes) -> None:
    (mini / "scenario.yaml").write_bytes(blob)
    result = validate(mini)
    assert result.exit_code == 1 and "[GALAT] scenario.yaml" in result.output


# ------------------------------------------------------------- 5. locks agree with plan


def _scenario(mini: Path, extra: str) -> None:
    (mini / "scenario.yaml").write_text("name: mini\nas_of: 2026-12-01\nrule_pack: national\n" + extra,
                                        encoding="utf-8")


@pytest.mark.parametrize("extra, columns, word", [
    (f'locks: [{{nip: "{SUB}", position_id: BKD-SEK}}, {{nip: "{SUB}", position_id: BKD-KABAN}}]\n',
     ["locks.1"], "sudah dikunci ke BKD-SEK"),
    (f'locks: [{{nip: "{SUB}", position_id: BKD-SEK}}, {{nip: "{PLK}", position_id: BKD-SEK}}]\n',
     ["locks.1"], "sudah dikunci untuk"),
    (f'locks: [{{nip: "{SUB}", position_id: BKD-SEK}}]\nkeep: ["{SUB}"]\n', ["locks.0"], "keep.0"),
    (f'locks: [{{nip: "{SUB}", position_id: BKD-SEK}}]\nbans: [{{nip: "{SUB}", position_id: BKD-SEK}}]\n',
     ["locks.0"], "bans.0"),
    (f'locks: [{{nip: "{SUB}", position_id: BKD-SEK}}]\nreserve: [BKD-SEK]\n', ["locks.0"], "reserve.0"),
    (f'locks: [{{nip: "{PLK}", position_id: BKD-SUB1}}]\nkeep: ["{SUB}"]\n', ["locks.0"], "tidak kosong"),
    (f'locks: [{{nip: "{PLK}", position_id: BKD-PLK-001}}]\n', ["locks.0"], "sudah memegang"),
    (f'locks: [{{nip: "{SUB}", position_id: BKD-SEK}}, {{nip: "{SUB}", position_id: BKD-SEK}}]\n',
     ["locks.1"], "ganda"),
])
def test_conflicting_locks_are_found_by_validate(mini: Path, extra: str, columns: list[str], word: str) -> None:
    _scenario(mini, extra)
    found = load(mini).errors
    assert [f.column for f in found] == columns and word in found[0].message


def test_a_ban_on_another_post_is_no_conflict(mini: Path) -> None:
    _scenario(mini, f'locks: [{{nip: "{SUB}", position_id: BKD-SEK}}]\n'
                    f'bans: [{{nip: "{SUB}", position_id: BKD-KABAN}}]\n')
    assert load(mini).errors == []


def test_one_malformed_lock_does_not_hide_the_others(mini: Path) -> None:
    _scenario(mini, f'locks: [{{nip: "12345", position_id: BKD-SEK}}, {{nip: "{SUB}", position_id: NOPE}},\n'
                    f'        {{nip: "{PLK}", position_id: BKD-SEK}}, {{nip: "{HEAD}", position_id: BKD-SEK}}]\n'
                    f'keep: ["1", "{PLK}"]\n')
    found = sorted((f.column, f.message[:12]) for f in load(mini).errors)
    columns = [c for c, _ in found]
    assert "locks.0.nip" in columns and "keep.0" in columns  # the malformed ones
    assert "locks.1.position_id" in columns  # unknown post, found although locks.0 is malformed
    assert columns.count("locks.2") == 1  # PLK is kept (keep.1, its index in the file)
    assert "locks.3" in columns  # BKD-SEK locked twice
    keep_msg = [f.message for f in load(mini).errors if f.column == "locks.2"]
    assert "keep.1" in keep_msg[0]


# -------------------------------------------------------------- inputs untouched


def test_damaged_inputs_are_never_modified(mini: Path) -> None:
    edit_csv(mini / "positions.csv", "BKD-SEK,", '"BKD-SEK,')
    (mini / "discipline.csv").write_bytes(b"\xff\xfe")
    before = tree_digest(mini)
    validate(mini)
    assert tree_digest(mini) == before

"""Files as clerks really save them with an Indonesian-locale Excel (issue 12 items 2-4).

Each variant is written here from the clean mini fixture; it must load to the same tables
as the clean fixture, with one warning per file and kind of normalisation. Then: what
stays rejected, follow-on errors suppressed, grouping, and the full list written on request.
"""
from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from planner.cli import main
from planner.inputs.load import load
from tests.conftest import FIXTURES, tree_digest

TABLES = ("positions", "employees", "history", "discipline")
HEAD = "197001012000031001"
SUB = "198005052005042002"
PLK = "199002022015031003"


def rows_of(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def write_rows(path: Path, rows: list[list[str]], *, sep: str = ",", encoding: str = "utf-8",
               trailer: str = "") -> None:
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerows(rows)
    path.write_bytes((buf.getvalue() + trailer).encode(encoding))


def rewrite(folder: Path, table: str, cell: Callable[[str, str], str] | None = None,
            header: Callable[[str], str] | None = None, **kw) -> None:
    """Rewrite ``table``: every cell through ``cell(column, value)``, every header through ``header``."""
    rows = rows_of(folder / f"{table}.csv")
    names = rows[0]
    out = [[header(h) if header else h for h in names]]
    out += [[cell(c, v) if cell else v for c, v in zip(names, r)] for r in rows[1:]]
    write_rows(folder / f"{table}.csv", out, **kw)


def same_tables(clean: Path, variant: Path, *, ignore_rows: bool = False):
    a, b = load(clean), load(variant)
    assert b.errors == [], [str(f) for f in b.errors]
    for t in TABLES:
        x, y = getattr(a, t), getattr(b, t)
        if ignore_rows:
            x, y = x.drop(columns="row"), y.drop(columns="row")
        pd.testing.assert_frame_equal(x, y, obj=t)
    return b


def warnings_with(data, text: str) -> list[tuple[str, str | None, str | None]]:
    return [(f.file, f.sheet, f.column) for f in data.warnings if text in f.message]


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    dst = tmp_path / "clean"
    shutil.copytree(FIXTURES / "mini", dst)
    return dst


@pytest.fixture
def variant(tmp_path: Path) -> Path:
    dst = tmp_path / "variant"
    shutil.copytree(FIXTURES / "mini", dst)
    return dst


def test_clean_fixture_has_no_findings(clean: Path) -> None:
    assert load(clean).findings == []


# ----------------------------------------------------------------- 2. normalisations


@pytest.mark.parametrize("sep, word", [(";", "titik koma"), ("\t", "tab")])
def test_semicolon_and_tab_separated(clean: Path, variant: Path, sep: str, word: str) -> None:
    for t in TABLES:
        rewrite(variant, t, sep=sep)
    data = same_tables(clean, variant)
    assert warnings_with(data, word) == [(f"{t}.csv", None, None) for t in TABLES]
    assert len(data.warnings) == 4  # once per file, not per row


def test_semicolon_file_with_commas_in_values(clean: Path, variant: Path) -> None:
    for folder in (clean, variant):
        rows = rows_of(folder / "positions.csv")
        rows[1][1] = "Kepala Badan Kepegawaian, Pendidikan dan Pelatihan"
        write_rows(folder / "positions.csv", rows, sep=";" if folder == variant else ",")
    same_tables(clean, variant)


def test_windows_1252(clean: Path, variant: Path) -> None:
    for folder, enc in ((clean, "utf-8"), (variant, "cp1252")):
        rewrite(folder, "employees", lambda c, v: v.replace("Agus", "Agüs Ré"), encoding=enc)
    data = same_tables(clean, variant)
    assert warnings_with(data, "Windows-1252") == [("employees.csv", None, None)]


def test_utf8_bom_is_silent(clean: Path, variant: Path) -> None:
    """Excel's own "CSV UTF-8" writes a BOM: the recommended format, so no warning."""
    for t in TABLES:
        rewrite(variant, t, encoding="utf-8-sig")
    assert same_tables(clean, variant).warnings == []


DATE_COLUMNS = {"birth_date", "rank_since", "position_since", "assessment_date", "start", "end"}


@pytest.mark.parametrize("form", ["%d/%m/%Y", "%d-%m-%Y", "%-d/%-m/%Y"])
def test_day_month_year_dates(clean: Path, variant: Path, form: str) -> None:
    def dmy(column: str, value: str) -> str:
        return pd.Timestamp(value).strftime(form) if column in DATE_COLUMNS and value else value

    for t in ("employees", "history"):
        rewrite(variant, t, dmy)
    data = same_tables(clean, variant)
    got = warnings_with(data, "hh/bb/tttt")
    assert ("employees.csv", None, "birth_date") in got and ("history.csv", None, "start") in got
    assert len(got) == len(set(got))  # one per file and column
    birth = next(f for f in data.warnings if f.column == "birth_date")
    assert "3 baris: 2, 3, 4" in birth.message


def test_excel_serial_in_a_csv_date_column(clean: Path, variant: Path) -> None:
    def serial(column: str, value: str) -> str:
        if column in DATE_COLUMNS and value:
            return str((pd.Timestamp(value) - pd.Timestamp("1899-12-30")).days)
        return value

    rewrite(variant, "history", serial)
    data = same_tables(clean, variant)
    assert ("history.csv", None, "start") in warnings_with(data, "nomor seri Excel")


@pytest.mark.parametrize("bad", ["0", "86400", "123", "9999", "99999", "20200401", "1/2/20", "2020/04/01"])
def test_numbers_and_ambiguous_forms_are_not_dates(variant: Path, bad: str) -> None:
    """A bare small integer is not a date (the 1970 Unix-timestamp trap stays shut)."""
    rewrite(variant, "employees", lambda c, v: bad if c == "rank_since" and v == "2020-04-01" else v)
    assert [(f.row, f.column) for f in load(variant).errors] == [(2, "rank_since")]


def test_impossible_day_month_year_is_named(variant: Path) -> None:
    rewrite(variant, "employees", lambda c, v: "31/02/2020" if c == "rank_since" and v == "2020-04-01" else v)
    [err] = load(variant).errors
    assert (err.row, err.column) == (2, "rank_since") and "kalender" in err.message


def test_headers_in_any_case_and_spacing(clean: Path, variant: Path) -> None:
    spelled = {"nip": " Nip ", "birth_date": "Birth Date", "name": "NAME", "in_pool": "In_Pool"}
    rewrite(variant, "employees", header=lambda h: spelled.get(h, h))
    rewrite(variant, "history", header=lambda h: "NIP" if h == "nip" else h)
    data = same_tables(clean, variant)
    [emp] = [f for f in data.warnings if f.file == "employees.csv"]
    assert emp.row == 1 and "4 judul kolom" in emp.message and "'Nip' → nip" in emp.message
    assert "'Birth Date' → birth_date" in emp.message
    assert warnings_with(data, "'NIP' → nip") == [("history.csv", None, None)]


def test_enumerated_values_in_any_case(clean: Path, variant: Path) -> None:
    upper = {"performance", "performance_prev", "potential", "rank", "education", "gender", "readiness",
             "leadership_training", "award_level"}

    def shout(column: str, value: str) -> str:
        if column in upper:
            return value.replace("_", " ").title() if column.startswith("perf") else value.upper()
        return value

    rewrite(variant, "employees", shout)  # Sangat Baik, III/D, READY_NOW, PKN2, S2, L
    rewrite(variant, "positions", lambda c, v: v.upper() if c in ("kind", "eselon", "jf_level") else v)
    data = same_tables(clean, variant)
    got = warnings_with(data, "huruf besar/kecil")
    assert ("employees.csv", None, "rank") in got and ("employees.csv", None, "performance") in got
    assert ("positions.csv", None, "eselon") in got and len(got) == len(set(got))


def test_unknown_enumerated_value_still_rejected(variant: Path) -> None:
    rewrite(variant, "employees", lambda c, v: "Sangat Hebat" if c == "performance" and v == "baik" else v)
    assert [(f.row, f.column) for f in load(variant).errors] == [(4, "performance")]


@pytest.mark.parametrize("spell, kind", [
    (lambda n: f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}", "spasi"),
    (lambda n: "'" + n, "tanda petik"),
    (lambda n: f"'{n[:8]} {n[8:14]} {n[14]} {n[15:]}", "tanda petik"),
])
def test_nip_as_clerks_write_it(clean: Path, variant: Path, spell, kind: str) -> None:
    for t in TABLES:
        rewrite(variant, t, lambda c, v: spell(v) if c in ("nip", "holder_nip") and v else v)
    data = same_tables(clean, variant)
    got = warnings_with(data, kind)
    assert ("employees.csv", None, "nip") in got and ("positions.csv", None, "holder_nip") in got
    assert ("history.csv", None, "nip") in got


def test_nip_that_is_not_18_digits_is_still_an_error(variant: Path) -> None:
    rewrite(variant, "employees", lambda c, v: "'1970 0101 2000" if c == "nip" and v == HEAD else v)
    errors = load(variant).errors
    assert ("employees.csv", 2, "nip") in [(f.file, f.row, f.column) for f in errors]


@pytest.mark.parametrize("shown", ["1,97001E+17", "1.97001012000031E+17"])
def test_nip_shown_as_a_number_in_a_csv_says_so(variant: Path, shown: str) -> None:
    rewrite(variant, "employees", lambda c, v: shown if c == "nip" and v == HEAD else v, sep=";")
    errors = [f for f in load(variant).errors if f.file == "employees.csv"]
    assert [(f.row, f.column) for f in errors] == [(2, "nip")] and "digit terakhirnya hilang" in errors[0].message


def test_decimal_comma(clean: Path, variant: Path) -> None:
    rewrite(clean, "employees", lambda c, v: "80.5" if c == "jpm" and v == "80" else v)
    rewrite(variant, "employees", lambda c, v: "80,5" if c == "jpm" and v == "80" else v, sep=";")
    data = same_tables(clean, variant)
    assert warnings_with(data, "koma desimal") == [("employees.csv", None, "jpm")]


def test_blank_rows_between_and_after(clean: Path, variant: Path) -> None:
    rows = rows_of(variant / "employees.csv")
    rows.insert(2, [""] * len(rows[0]))
    write_rows(variant / "employees.csv", rows, sep=";", trailer=";;;\r\n\r\n;;;;\r\n")
    data = same_tables(clean, variant, ignore_rows=True)
    assert list(data.employees["row"]) == [2, 4, 5]  # the rows the clerk sees
    assert [f.message for f in data.warnings if "kosong" in f.message] == ["1 baris kosong dilewati (baris 3)"]


# ------------------------------------------------------------------------------ XLSX


def to_workbook(src: Path, path: Path, names: dict[str, str] | None = None,
                cell: Callable[[str, str, str], object] | None = None, trailing_blank: int = 0) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for t in TABLES:
        ws = wb.create_sheet((names or {}).get(t, t))
        rows = rows_of(src / f"{t}.csv")
        ws.append(rows[0])
        for r in rows[1:]:
            ws.append([cell(t, c, v) if cell else v for c, v in zip(rows[0], r)])
        for i in range(trailing_blank):
            ws.append(["  "] * (2 if i % 2 else 0) or [None])
    wb.save(path)


def xlsx_scenario(folder: Path, book: str = "data.xlsx") -> Path:
    (folder / "x.yaml").write_text("name: mini\nas_of: 2026-12-01\nrule_pack: national\ndata: {"
                                   + ", ".join(f"{t}: {book}" for t in TABLES) + "}\n", encoding="utf-8")
    return folder / "x.yaml"


def test_workbook_with_sheets_in_other_case_and_trailing_blank_rows(clean: Path, variant: Path) -> None:
    to_workbook(clean, variant / "data.xlsx", names={"employees": "Employees", "positions": " POSITIONS "},
                trailing_blank=6)
    a, b = load(clean), load(xlsx_scenario(variant))
    assert b.errors == []
    for t in TABLES:
        pd.testing.assert_frame_equal(getattr(a, t), getattr(b, t))
    assert sorted(f.sheet for f in b.warnings) == [" POSITIONS ", "Employees"]
    assert all("dibaca sebagai lembar" in f.message for f in b.warnings)


def exact_integers(book: Path, numbers: list[str]) -> None:
    """Write these numbers as exact integers in the sheets' XML (as some exporters do):
    openpyxl, like Excel, writes an 18-digit number as a 15-digit float."""
    import zipfile

    parts = {}
    with zipfile.ZipFile(book) as z:
        for info in z.infolist():
            blob = z.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                for n in numbers:
                    blob = blob.replace(f"<v>{float(n):.15g}</v>".encode(), f"<v>{n}</v>".encode())
            parts[info.filename] = blob
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in parts.items():
            z.writestr(name, blob)


def test_workbook_float_nip_that_lost_digits_stays_an_error(clean: Path, variant: Path) -> None:
    to_workbook(clean, variant / "data.xlsx",
                cell=lambda t, c, v: int(v) if t == "employees" and c == "nip" and v == SUB else v)
    errors = load(xlsx_scenario(variant)).errors
    assert [(f.sheet, f.row, f.column) for f in errors] == [("employees", 3, "nip")]
    assert "digit terakhirnya bisa hilang" in errors[0].message


def test_workbook_numbers_nip_serial_dates_and_decimal(clean: Path, variant: Path) -> None:
    """An exact 18-digit integer NIP, date cells and serial numbers, a jpm number."""
    def typed(table: str, column: str, value: str):
        if column in ("nip", "holder_nip") and value:
            return int(value)
        if column in DATE_COLUMNS and value:
            ts = pd.Timestamp(value)
            return (ts - pd.Timestamp("1899-12-30")).days if table == "history" else ts.to_pydatetime()
        if column == "jpm" and value:
            return float(value)
        return value

    to_workbook(clean, variant / "data.xlsx", cell=typed)
    exact_integers(variant / "data.xlsx", [HEAD, SUB, PLK])
    a, b = load(clean), load(xlsx_scenario(variant))
    assert b.errors == [], [str(f) for f in b.errors]
    for t in TABLES:
        pd.testing.assert_frame_equal(getattr(a, t), getattr(b, t))
    assert ("data.xlsx", "employees", "nip") in warnings_with(b, "angka (18 digit utuh)")
    assert ("data.xlsx", "history", "start") in warnings_with(b, "nomor seri Excel")


def test_missing_sheet_is_named(clean: Path, variant: Path) -> None:
    to_workbook(clean, variant / "data.xlsx", names={"history": "riwayat"})
    errors = load(xlsx_scenario(variant)).errors
    assert len(errors) == 1 and errors[0].file == "data.xlsx"
    assert "lembar 'history' tidak ada" in errors[0].message and "riwayat" in errors[0].message


def test_single_sheet_named_as_another_table_is_not_read_for_every_table(clean: Path, variant: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "positions"
    for r in rows_of(clean / "positions.csv"):
        wb.active.append(r)
    wb.save(variant / "only.xlsx")
    (variant / "x.yaml").write_text("name: mini\nas_of: 2026-12-01\ndata: {positions: only.xlsx, "
                                    "employees: only.xlsx}\n", encoding="utf-8")
    errors = load(variant / "x.yaml").errors
    assert [(f.file, f.row) for f in errors] == [("only.xlsx", None)]
    assert "lembar 'employees' tidak ada" in errors[0].message


def test_every_message_on_xlsx_input_names_the_sheet(clean: Path, variant: Path) -> None:
    rewrite(clean, "employees", lambda c, v: "bukan-tanggal" if c == "rank_since" and v == "2019-04-01" else v)
    rewrite(clean, "history", lambda c, v: "2030-01-01" if c == "start" and v == "2016-03-01" else v)
    to_workbook(clean, variant / "data.xlsx")
    found = load(xlsx_scenario(variant)).findings
    assert found and all(f.sheet for f in found if f.file == "data.xlsx")
    text = [str(f) for f in found]
    assert "[GALAT] data.xlsx, lembar employees, baris 3, kolom rank_since: 'bukan-tanggal'" in "\n".join(text)
    assert any(t.startswith("[GALAT] data.xlsx, lembar history, baris 8, kolom start") for t in text)


def test_cross_file_message_names_the_other_sheet(clean: Path, variant: Path) -> None:
    rewrite(clean, "history", lambda c, v: "199912312020121001" if c == "nip" and v == PLK else v)
    to_workbook(clean, variant / "data.xlsx")
    [err] = load(xlsx_scenario(variant)).errors
    assert (err.sheet, err.row, err.column) == ("history", 8, "nip")
    assert err.message == "NIP tidak ada di data.xlsx lembar employees"


# ---------------------------------------------------------------- 3. clerk-friendly errors


def test_bad_nip_does_not_cascade(variant: Path) -> None:
    """A bad NIP is one error: history, discipline, holders and locks naming it stay quiet."""
    bad = HEAD[:17]
    for t in TABLES:
        rewrite(variant, t, lambda c, v: bad if v == HEAD else v)
    with (variant / "discipline.csv").open("a", encoding="utf-8") as fh:
        fh.write(f"{bad},ringan,teguran lisan,2024-01-01,2024-06-01\n")
    with (variant / "scenario.yaml").open("a", encoding="utf-8") as fh:
        fh.write(f"keep: ['{SUB}']\n")
    errors = load(variant).errors
    nip_errors = [f for f in errors if "18 digit" in f.message]
    assert {f.file for f in nip_errors} >= {"employees.csv", "history.csv", "positions.csv", "discipline.csv"}
    assert not [f for f in errors if "tidak ada di" in f.message], [str(f) for f in errors]


def invoke(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def many_bad_dates(folder: Path, n: int = 40) -> None:
    rows = rows_of(folder / "discipline.csv")
    rows += [[PLK, "ringan", f"teguran {i}", f"2024.01.{i % 28 + 1:02d}", ""] for i in range(n)]
    write_rows(folder / "discipline.csv", rows)


def test_repeated_errors_are_grouped_with_count_and_first_rows(variant: Path) -> None:
    many_bad_dates(variant)
    result = invoke("validate", str(variant))
    assert result.exit_code == 1
    lines = [ln for ln in result.output.splitlines() if ln.startswith("[GALAT]")]
    assert lines == [("[GALAT] discipline.csv, kolom start: 40 baris — bukan tanggal yang valid (format "
                      "YYYY-MM-DD) (baris 2, 3, 4, 5, 6, …; mis. '2024.01.01', '2024.01.02', '2024.01.03', …)")]
    assert "40 galat ditemukan (1 jenis)" in result.output


def test_full_list_is_written_beside_the_scenario_never_inside_never_over(variant: Path) -> None:
    many_bad_dates(variant)
    rewrite(variant, "employees", lambda c, v: "Baik" if v == "baik" else v)
    before = tree_digest(variant)
    result = invoke("validate", str(variant), "--daftar-galat")
    target = variant.parent / "variant-daftar-galat.xlsx"
    assert result.exit_code == 1 and str(target) in result.output
    assert tree_digest(variant) == before  # nothing written inside, inputs untouched
    ws = openpyxl.load_workbook(target).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("tingkat", "berkas", "lembar", "baris", "kolom", "nilai", "pesan")
    errors = [r for r in rows[1:] if r[0] == "galat"]
    assert len(errors) == 40 and [r[3] for r in errors] == list(range(2, 42))
    assert any(r[0] == "peringatan" and r[4] == "performance" for r in rows[1:])
    # A second run never overwrites: the default name takes a number.
    invoke("validate", str(variant), "--daftar-galat")
    assert (variant.parent / "variant-daftar-galat-2.xlsx").is_file()
    assert openpyxl.load_workbook(target).active.max_row == len(rows)


def test_full_list_as_csv_and_an_existing_file_is_kept(variant: Path, tmp_path: Path) -> None:
    many_bad_dates(variant, 3)
    out = tmp_path / "galat.csv"
    assert invoke("validate", str(variant), "--daftar-galat", str(out)).exit_code == 1
    listed = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert listed[0][:3] == ["tingkat", "berkas", "lembar"] and len(listed) == 4
    assert listed[1][:5] == ["galat", "discipline.csv", "", "2", "start"]
    blob = out.read_bytes()
    result = invoke("validate", str(variant), "--daftar-galat", str(out))
    assert result.exit_code == 1 and "sudah ada" in result.output and out.read_bytes() == blob
    wrong = invoke("validate", str(variant), "--daftar-galat", str(tmp_path / "x.txt"))
    assert wrong.exit_code == 1 and ".xlsx atau .csv" in wrong.output and not (tmp_path / "x.txt").exists()


def test_list_written_for_a_valid_scenario_too(variant: Path, tmp_path: Path) -> None:
    rewrite(variant, "employees", lambda c, v: "Baik" if v == "baik" else v)
    out = tmp_path / "w.csv"
    result = invoke("validate", str(variant), "--daftar-galat", str(out))
    assert result.exit_code == 0 and "Data valid (2 peringatan)" in result.output  # performance, _prev
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) == 3

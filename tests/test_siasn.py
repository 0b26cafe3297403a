"""`planner import siasn`: reading a SIASN Export Data ASN, the template workbook, round trip.

Every export here is synthetic, written by the tests (never real personal data).
"""
from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from planner.cli import main
from planner.inputs.siasn import (
    CODES,
    REPORT_FILE,
    TEMPLATE_FILE,
    SiasnError,
    import_siasn,
    read_export,
)
from planner.inputs.template import TEMPLATE_SHEETS, column_choices
from tests.conftest import tree_digest

COLUMNS: list[str] = CODES["columns"]
# Distinctive values in the personal columns: none may appear in any output file.
PERSONAL = {"NIK": "3271999988887777", "NOMOR HP": "081299990000", "EMAIL": "rahasia.pribadi@contoh.invalid",
            "EMAIL GOV": "rahasia.dinas@contoh.invalid", "ALAMAT": "Jalan Rahasia Nomor 77",
            "NPWP NOMOR": "991234567890123", "BPJS": "0009998887776"}
GOL_ID = {v: k for k, v in CODES["golongan"].items()}
EDU_ID = {"SD": 5, "SMP": 10, "SLTA": 15, "D1": 20, "D2": 25, "D3": 30, "D4": 35, "S1": 40, "S2": 45, "S3": 50}
JENIS = {"jf": (2, "Fungsional"), "pelaksana": (4, "Pelaksana")}
AS_OF = dt.date(2026, 12, 1)


def siasn_row(**over) -> dict:
    """One synthetic PNS as SIASN exports it (dates as date objects: cells in XLSX)."""
    base = {c: "" for c in COLUMNS}
    base.update({
        "PNS ID": "A8ACA7F1-0000-4E5B-9D3A-000000000001", "NIP BARU": "'198503172010012003", "NAMA": "SITI AMINAH",
        "GELAR DEPAN": "", "GELAR BELAKANG": "S.E.", "TANGGAL LAHIR": dt.date(1985, 3, 17), "JENIS KELAMIN": "F",
        "KEDUDUKAN HUKUM ID": "01", "KEDUDUKAN HUKUM NAMA": "Aktif", "JENIS PEGAWAI NAMA": "PNS Daerah",
        "GOL AKHIR ID": "33", "GOL AKHIR NAMA": "III/c", "TMT GOLONGAN": dt.date(2020, 4, 1),
        "JENIS JABATAN ID": "2", "JENIS JABATAN NAMA": "Jabatan Fungsional", "JABATAN ID": "8ae48-jf-01",
        "JABATAN NAMA": "Analis Keuangan Pusat dan Daerah Ahli Muda", "TMT JABATAN": dt.date(2022, 1, 3),
        "TINGKAT PENDIDIKAN ID": "40", "TINGKAT PENDIDIKAN NAMA": "S-1/Sarjana", "UNOR ID": "8ae48-unor-01",
        "UNOR NAMA": "BPKAD", **PERSONAL,
    })
    base.update(over)
    return base


def write_xlsx(path: Path, rows: list[dict], sheet: str = "pns_9f3a2c", as_text_dates: bool = False) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(COLUMNS)
    for r in rows:
        vals = []
        for c in COLUMNS:
            v = r.get(c, "")
            if isinstance(v, dt.date) and as_text_dates:
                v = v.strftime("%d-%m-%Y")
            vals.append(None if v == "" else v)
        ws.append(vals)
    wb.save(path)
    return path


def write_csv(path: Path, rows: list[dict], delimiter: str = "|") -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=delimiter, lineterminator="\n")
        w.writerow(COLUMNS)
        for r in rows:
            w.writerow([v.strftime("%d-%m-%Y") if isinstance(v, dt.date) else v for v in (r.get(c, "") for c in COLUMNS)])
    return path


def run_import(export: Path, out: Path):
    return import_siasn(export, out, as_of=AS_OF, rule_pack="national", name="uji-siasn")


def sheet_records(path: Path, sheet: str) -> list[dict]:
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb[sheet]
    rows = list(ws.iter_rows(values_only=True))
    head = rows[0]
    return [dict(zip(head, r)) for r in rows[1:] if any(v not in (None, "") for v in r)]


# ----------------------------------------------------------------------------- reading


def test_xlsx_export_apostrophe_nip_and_date_cells(tmp_path: Path):
    export = write_xlsx(tmp_path / "Export Data ASN.xlsx", [
        siasn_row(),
        siasn_row(**{"NIP BARU": "'198001012005011002", "NAMA": "BUDI", "GELAR DEPAN": "Dr.", "GELAR BELAKANG": "M.Si.",
                     "TANGGAL LAHIR": dt.date(1980, 1, 1), "JENIS KELAMIN": "M", "GOL AKHIR ID": "41",
                     "GOL AKHIR NAMA": "IV/A", "JENIS JABATAN ID": "4", "JABATAN NAMA": "Pengelola Keuangan",
                     "TINGKAT PENDIDIKAN ID": "45", "TMT JABATAN": "05-07-2021"}),
    ])
    before = tree_digest(tmp_path)
    res = run_import(export, tmp_path / "out")
    assert tree_digest(tmp_path).items() >= before.items()  # the export is untouched
    assert res.notes == [] and res.employees == 2 and res.posts == 2
    emp = pd.read_csv(tmp_path / "out" / "employees.csv", dtype=str, keep_default_na=False)
    assert emp["nip"].tolist() == ["198503172010012003", "198001012005011002"]
    assert emp["name"].tolist() == ["SITI AMINAH, S.E.", "Dr. BUDI, M.Si."]
    assert emp["birth_date"].tolist() == ["1985-03-17", "1980-01-01"]
    assert emp["gender"].tolist() == ["P", "L"]
    assert emp["rank"].tolist() == ["III/c", "IV/a"]
    assert emp["education"].tolist() == ["S1", "S2"]
    assert emp["position_since"].tolist() == ["2022-01-03", "2021-07-05"]
    # Facts SIASN lacks stay empty for the clerk.
    assert set(emp["performance"]) == {""} and set(emp["potential"]) == {""}
    pos = sheet_records(tmp_path / "out" / TEMPLATE_FILE, "positions")
    assert [(p["title"], p["unit"], p["kind"], p["jf_level"], p["holder_nip"]) for p in pos] == [
        ("Analis Keuangan Pusat dan Daerah Ahli Muda", "BPKAD", "jf", "ahli_muda", "198503172010012003"),
        ("Pengelola Keuangan", "BPKAD", "pelaksana", None, "198001012005011002")]
    assert all(p["rumpun"] is None and p["critical"] is None for p in pos)


def test_csv_export_with_text_dates_and_tugas_belajar(tmp_path: Path):
    export = write_csv(tmp_path / "ekspor.csv", [
        siasn_row(),
        siasn_row(**{"NIP BARU": "'199002022015022001", "TANGGAL LAHIR": dt.date(1990, 2, 2),
                     "KEDUDUKAN HUKUM NAMA": "Tugas Belajar"}),
    ])
    res = run_import(export, tmp_path / "out")
    assert res.notes == []
    emp = pd.read_csv(tmp_path / "out" / "employees.csv", dtype=str, keep_default_na=False)
    assert emp["birth_date"].tolist() == ["1985-03-17", "1990-02-02"]
    assert emp.loc[1, "position_id"] == "" and emp.loc[1, "position_since"] == ""  # on study leave: no post now
    assert res.posts == 1


def test_semicolon_csv_is_read_too(tmp_path: Path):
    res = run_import(write_csv(tmp_path / "ekspor.csv", [siasn_row(**{"GELAR BELAKANG": ", S.Kom."})], delimiter=";"),
                     tmp_path / "out")
    assert res.employees == 1 and res.notes == []
    emp = pd.read_csv(tmp_path / "out" / "employees.csv", dtype=str, keep_default_na=False)
    assert emp["name"].tolist() == ["SITI AMINAH, S.Kom."]  # SIASN's comma kept once


def test_windows_1252_csv_is_read_and_said_once(tmp_path: Path):
    export = write_csv(tmp_path / "ekspor.csv", [siasn_row(NAMA="JOSÉ")], delimiter=";")
    export.write_bytes(export.read_text(encoding="utf-8").encode("cp1252"))
    records, notes = read_export(export)
    assert records[0]["name"] == "JOSÉ, S.E."
    assert [(n.row, n.column) for n in notes] == [(None, None)] and "Windows-1252" in notes[0].message


def test_nip_stored_as_a_number_is_reported_not_imported(tmp_path: Path):
    # Excel keeps 15 significant digits: the number below is already 198503172010012000.
    rows = [siasn_row(**{"NIP BARU": 198503172010012003}), siasn_row(**{"NIP BARU": "'198001012005011002"})]
    records, notes = read_export(write_xlsx(tmp_path / "e.xlsx", rows))
    assert [r["nip"] for r in records] == ["198001012005011002"]
    assert [(n.row, n.column) for n in notes] == [(2, "NIP BARU")] and "tidak diimpor" in notes[0].message


def test_eselon_column_when_present_gives_the_structural_kind(tmp_path: Path):
    wb_rows = [siasn_row(**{"JENIS JABATAN ID": "1", "JABATAN NAMA": "Kepala Bidang Anggaran", "ESELON NAMA": "III.a"}),
               siasn_row(**{"NIP BARU": "'198001012005011002", "JENIS JABATAN ID": "1", "JABATAN NAMA": "Kepala Badan"})]
    global COLUMNS
    saved, COLUMNS = COLUMNS, [*COLUMNS, "ESELON ID", "ESELON NAMA"]
    try:
        export = write_xlsx(tmp_path / "e.xlsx", wb_rows)
    finally:
        COLUMNS = saved
    records, notes = read_export(export)
    assert notes == []
    assert [(r["kind"], r["eselon"]) for r in records] == [("administrator", "III.a"), (None, None)]


def test_excel_serial_and_dd_mm_yyyy_text_dates_in_xlsx(tmp_path: Path):
    export = write_xlsx(tmp_path / "e.xlsx", [siasn_row(**{"TANGGAL LAHIR": 31123, "TMT GOLONGAN": "01-04-2020"})])
    records, notes = read_export(export)
    assert notes == []
    assert records[0]["birth_date"] == dt.date(1985, 3, 17) and records[0]["rank_since"] == dt.date(2020, 4, 1)


def test_unmappable_values_are_reported_with_location_and_left_empty(tmp_path: Path):
    export = write_xlsx(tmp_path / "e.xlsx", [
        siasn_row(),
        siasn_row(**{"NIP BARU": "'198001012005011002", "GOL AKHIR ID": "99", "GOL AKHIR NAMA": "",
                     "TINGKAT PENDIDIKAN ID": "77", "JENIS KELAMIN": "X", "TANGGAL LAHIR": "31-02-1980",
                     "JENIS JABATAN ID": "9", "KEDUDUKAN HUKUM NAMA": "Entah"}),
    ])
    res = run_import(export, tmp_path / "out")
    got = {(n.file, n.sheet, n.row, n.column, n.value) for n in res.notes}
    assert got == {
        ("e.xlsx", "pns_9f3a2c", 3, "GOL AKHIR ID", "99"),
        ("e.xlsx", "pns_9f3a2c", 3, "TINGKAT PENDIDIKAN ID", "77 (S-1/Sarjana)"),
        ("e.xlsx", "pns_9f3a2c", 3, "JENIS KELAMIN", "X"),
        ("e.xlsx", "pns_9f3a2c", 3, "TANGGAL LAHIR", "31-02-1980"),
        ("e.xlsx", "pns_9f3a2c", 3, "JENIS JABATAN ID", "9"),
        ("e.xlsx", "pns_9f3a2c", 3, "KEDUDUKAN HUKUM NAMA", "Entah"),
    }
    assert any("e.xlsx, lembar pns_9f3a2c, baris 3, kolom GOL AKHIR ID: '99'" in str(n) for n in res.notes)
    emp = pd.read_csv(tmp_path / "out" / "employees.csv", dtype=str, keep_default_na=False).iloc[1]
    assert (emp["rank"], emp["education"], emp["gender"], emp["birth_date"]) == ("", "", "", "")
    report = pd.read_csv(tmp_path / "out" / REPORT_FILE, dtype=str, keep_default_na=False)
    assert len(report) == len(res.notes) and set(report["baris"]) == {"3"} and set(report["lembar"]) == {"pns_9f3a2c"}


def test_rank_id_and_name_disagreeing_is_reported_not_guessed(tmp_path: Path):
    records, notes = read_export(write_xlsx(tmp_path / "e.xlsx", [siasn_row(**{"GOL AKHIR ID": "34", "GOL AKHIR NAMA": "III/b"})]))
    assert records[0]["rank"] is None
    assert [(n.row, n.column, n.value) for n in notes] == [(2, "GOL AKHIR NAMA", "III/b")]


def test_gol_akhir_id_34_is_iii_d_and_profesi_counts_as_s1(tmp_path: Path):
    records, notes = read_export(write_xlsx(tmp_path / "e.xlsx", [
        siasn_row(**{"GOL AKHIR ID": "34", "GOL AKHIR NAMA": "III/d", "TINGKAT PENDIDIKAN ID": "42"})]))
    assert notes == [] and records[0]["rank"] == "III/d" and records[0]["education"] == "S1"


def test_personal_columns_never_reach_any_output(tmp_path: Path):
    export = write_xlsx(tmp_path / "e.xlsx", [siasn_row(), siasn_row(**{"NIP BARU": "'19800101", "JENIS KELAMIN": "?"})])
    run_import(export, tmp_path / "out")
    blobs = []
    for f in (tmp_path / "out").rglob("*"):
        if f.suffix == ".xlsx":
            with zipfile.ZipFile(f) as z:
                blobs += [z.read(n).decode("utf-8", "replace") for n in z.namelist()]
        elif f.is_file():
            blobs.append(f.read_text(encoding="utf-8"))
    text = "\n".join(blobs)
    for col, value in PERSONAL.items():
        assert value not in text, col
    assert "198503172010012003" in text  # the scan does see cell contents


def test_refuses_missing_columns_and_non_empty_out(tmp_path: Path):
    wb = openpyxl.Workbook()
    wb.active.append(["NIP BARU", "NAMA"])
    wb.active.append(["'198503172010012003", "X"])
    wb.save(tmp_path / "bad.xlsx")
    with pytest.raises(SiasnError) as exc:
        run_import(tmp_path / "bad.xlsx", tmp_path / "out")
    assert {n.column for n in exc.value.notes} >= {"TANGGAL LAHIR", "GOL AKHIR ID atau GOL AKHIR NAMA"}
    assert not (tmp_path / "out").exists()
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "x.txt").write_text("x")
    with pytest.raises(SiasnError):
        run_import(write_xlsx(tmp_path / "e.xlsx", [siasn_row()]), busy)
    assert [p.name for p in busy.iterdir()] == ["x.txt"]


def test_cli_import_reports_and_exits(tmp_path: Path):
    export = write_xlsx(tmp_path / "e.xlsx", [siasn_row(**{"GOL AKHIR ID": "99", "GOL AKHIR NAMA": ""})])
    r = CliRunner().invoke(main, ["import", "siasn", str(export), "--out", str(tmp_path / "out"), "--as-of", "2026-12-01"])
    assert r.exit_code == 0, r.output
    assert "baris 2, kolom GOL AKHIR ID" in r.output and "1 PNS" in r.output
    r = CliRunner().invoke(main, ["import", "siasn", str(tmp_path / "nope.xlsx"), "--out", str(tmp_path / "o2")])
    assert r.exit_code == 1 and "tidak ditemukan" in r.output
    assert isinstance(r.exception, SystemExit)  # a message, not a traceback


def test_template_has_drop_downs_for_every_enumerated_column(tmp_path: Path):
    run_import(write_xlsx(tmp_path / "e.xlsx", [siasn_row()]), tmp_path / "out")
    wb = openpyxl.load_workbook(tmp_path / "out" / TEMPLATE_FILE)
    assert set(TEMPLATE_SHEETS) <= set(wb.sheetnames)
    for table in TEMPLATE_SHEETS:
        ws = wb[table]
        header = [c.value for c in ws[1]]
        from models.schema import TABLE_MODELS
        assert header == list(TABLE_MODELS[table].model_fields)
        lists = {}
        for dv in ws.data_validations.dataValidation:
            col = header[openpyxl.utils.column_index_from_string(re.match(r"[A-Z]+", str(dv.sqref)).group()) - 1]
            lists[col] = dv.formula1.strip('"').split(",")
        assert lists == column_choices(table), table
    assert column_choices("employees")["performance"] == ["sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"]
    assert column_choices("positions")["min_rank"][11] == "III/d"
    assert column_choices("discipline") == {"level": ["ringan", "sedang", "berat"]}
    assert set(column_choices("employees")) == {
        "gender", "rank", "education", "performance", "performance_prev", "potential", "nine_box", "in_pool",
        "readiness", "leadership_training", "innovation", "award_level"}
    assert set(column_choices("positions")) == {"kind", "eselon", "jf_level", "min_rank", "min_education", "critical"}
    assert set(column_choices("history")) == {"kind", "eselon", "jf_level"}


def test_validate_reads_the_template_back_and_names_what_is_missing(tmp_path: Path):
    run_import(write_xlsx(tmp_path / "e.xlsx", [siasn_row()]), tmp_path / "out")
    from planner.api import load_scenario

    data = load_scenario(tmp_path / "out")
    missing = {(Path(f.file).name, f.column) for f in data.errors}
    assert (TEMPLATE_FILE, "performance") in missing and (TEMPLATE_FILE, "rumpun") in missing
    assert (TEMPLATE_FILE, "nip") not in missing and (TEMPLATE_FILE, "birth_date") not in missing


# ----------------------------------------------------------------------------- round trip


def _split_name(full: str) -> tuple[str, str, str]:
    """Generated names are `[front titles ]Name[, back titles]`; SIASN keeps the three apart."""
    front = re.match(r"^((?:[A-Za-z]{1,3}\.\s)+)", full)
    depan = front.group(1).strip() if front else ""
    rest = full[front.end():] if front else full
    nama, _, belakang = rest.partition(", ")
    return depan, nama, belakang


def export_from_scenario(gen: Path, path: Path) -> Path:
    """A SIASN export of a generated scenario's staff (half the dates as dd-mm-yyyy text)."""
    emp = pd.read_csv(gen / "employees.csv", dtype=str, keep_default_na=False)
    pos = pd.read_csv(gen / "positions.csv", dtype=str, keep_default_na=False).set_index("position_id")
    rows = []
    for i, e in enumerate(emp.to_dict("records")):
        depan, nama, belakang = _split_name(e["name"])
        as_cell = i % 2 == 1

        def d(iso: str, as_cell: bool = as_cell):
            return dt.date.fromisoformat(iso) if as_cell else dt.date.fromisoformat(iso).strftime("%d-%m-%Y")
        row = siasn_row(**{"NIP BARU": "'" + e["nip"], "NAMA": nama, "GELAR DEPAN": depan, "GELAR BELAKANG": belakang,
                           "TANGGAL LAHIR": d(e["birth_date"]), "JENIS KELAMIN": {"L": "M", "P": "F"}[e["gender"]],
                           "GOL AKHIR ID": str(GOL_ID[e["rank"]]), "GOL AKHIR NAMA": e["rank"].upper() if i % 3 else e["rank"],
                           "TMT GOLONGAN": d(e["rank_since"]), "TINGKAT PENDIDIKAN ID": str(EDU_ID[e["education"]])})
        if e["position_id"]:
            p = pos.loc[e["position_id"]]
            jid, jname = JENIS.get(p["kind"], (1, "Struktural"))
            row.update({"JENIS JABATAN ID": str(jid), "JENIS JABATAN NAMA": jname, "JABATAN NAMA": p["title"],
                        "UNOR NAMA": p["unit"], "TMT JABATAN": d(e["position_since"])})
        else:  # back from (or still on) study leave: SIASN may still show the old post
            row.update({"KEDUDUKAN HUKUM NAMA": "Tugas Belajar"})
        rows.append(row)
    return write_xlsx(path, rows)


def _iso(v) -> str:
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    return str(v)


def complete_template(gen: Path, out: Path) -> None:
    """What the clerk does, from the generated scenario's tables: keep what the import
    pre-filled (checking it agrees), fill the empty cells, add the rows SIASN cannot know."""
    tables = {t: pd.read_csv(gen / f"{t}.csv", dtype=str, keep_default_na=False) for t in TEMPLATE_SHEETS}
    by_holder = tables["positions"][tables["positions"]["holder_nip"] != ""].set_index("holder_nip", drop=False)
    wb = openpyxl.load_workbook(out / TEMPLATE_FILE)
    renamed: dict[str, str] = {}  # imported position_id -> generated position_id

    def fill(ws, key_of, truth_of, rename=None) -> set:
        header = [c.value for c in ws[1]]
        done = set()
        for cells in ws.iter_rows(min_row=2):
            rec = {h: c.value for h, c in zip(header, cells)}
            if all(v in (None, "") for v in rec.values()):
                continue
            key = key_of(rec)
            truth = truth_of(key)
            done.add(key)
            for h, c in zip(header, cells):
                if h in (rename or ()):
                    c.value = rename[h](c.value)
                elif c.value in (None, ""):
                    c.value = truth[h] or None
                else:  # pre-filled by the import: must be the fact itself
                    assert _iso(c.value) == truth[h], (ws.title, key, h, c.value, truth[h])
        return done

    ws = wb["positions"]
    header = [c.value for c in ws[1]]
    for cells in ws.iter_rows(min_row=2):
        rec = dict(zip(header, (c.value for c in cells)))
        if rec["holder_nip"]:
            renamed[rec["position_id"]] = by_holder.loc[rec["holder_nip"], "position_id"]
    held = fill(ws, lambda r: r["holder_nip"], lambda k: by_holder.loc[k], rename={"position_id": lambda v: renamed[v]})
    for rec in tables["positions"][tables["positions"]["holder_nip"] == ""].to_dict("records"):
        ws.append([rec[h] or None for h in header])
    assert held == set(by_holder.index)

    emp = tables["employees"].set_index("nip", drop=False)
    seen = fill(wb["employees"], lambda r: r["nip"], lambda k: emp.loc[k],
                rename={"position_id": lambda v: renamed.get(v, v)})
    assert seen == set(emp.index)

    hist = tables["history"]
    current = hist[hist["end"] == ""].set_index("nip", drop=False)
    fill(wb["history"], lambda r: r["nip"], lambda k: current.loc[k])
    ws = wb["history"]
    header = [c.value for c in ws[1]]
    for rec in hist[hist["end"] != ""].to_dict("records"):
        ws.append([rec[h] or None for h in header])
    ws = wb["discipline"]
    header = [c.value for c in ws[1]]
    for rec in tables["discipline"].to_dict("records"):
        ws.append([rec[h] or None for h in header])
    wb.save(out / TEMPLATE_FILE)


SOLVER = "{time_limit_s: 30, seed: 0, workers: 2, deterministic: true}"


def test_round_trip_import_complete_validate_plan_gives_the_same_plan(tmp_path: Path):
    import yaml

    from planner.api import load_scenario, plan_round
    from planner.synth.generate import generate_scenario

    gen = tmp_path / "gen"
    generate_scenario("kecil", 1, gen)
    export = export_from_scenario(gen, tmp_path / "Export Data ASN.xlsx")
    out = tmp_path / "impor"
    res = run_import(export, out)
    assert res.notes == []
    complete_template(gen, out)
    # The clerk sets the round's controls as the generated scenario has them.
    base = yaml.safe_load((gen / "scenario.yaml").read_text(encoding="utf-8"))
    text = (out / "scenario.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(name|as_of|rule_pack|keep|reserve):.*$", "", text)
    text += yaml.safe_dump({k: base[k] for k in ("name", "as_of", "rule_pack", "keep", "reserve")})
    (out / "scenario.yaml").write_text(text + f"solver: {SOLVER}\n", encoding="utf-8")
    (gen / "scenario.yaml").write_text(
        (gen / "scenario.yaml").read_text(encoding="utf-8").replace(
            "solver: {time_limit_s: 60, seed: 0, workers: 2}", f"solver: {SOLVER}"), encoding="utf-8")

    data = load_scenario(out)
    assert data.errors == [], [str(f) for f in data.errors[:5]]
    r = CliRunner().invoke(main, ["validate", str(out), "--hide-warnings"])
    assert r.exit_code == 0, r.output

    direct, _ = plan_round(gen, write=False)
    imported, _ = plan_round(out, write=False)
    moves = lambda p: sorted((m.nip, m.from_position_id, m.to_position_id) for m in p.moves)
    assert len(direct.moves) > 0
    assert moves(imported) == moves(direct)

"""Import BKN's SIASN "Export Data ASN" (XLSX or CSV) into a new scenario folder.

SIASN knows who the PNS are: NIP, name, birth date, sex, golongan and its TMT, education,
the post held and its TMT, the unit. It does not know the job map's eselon (for structural
posts), critical posts, the rumpun, the career record, sanctions, two years of kinerja,
potential or the nine-box. The import writes what SIASN knows and leaves the rest empty in a
template workbook the clerk completes; ``planner validate`` then reads that workbook and
names every cell still missing. Nothing is invented: a value the code tables cannot map is
left empty and reported (file, sheet, row, column, value), never guessed.

Only the columns listed as read in ``siasn_codes.yaml`` are read; personal columns such as
NIK, NOMOR HP, EMAIL, ALAMAT, NPWP NOMOR and BPJS are never copied into any output.
The export is opened read-only.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from models.enums import ESELONS_OF_KIND, RANKS
from models.schema import TABLE_MODELS
from planner.inputs.template import write_template

__all__ = ["CODES", "ImportNote", "ImportResult", "SiasnError", "import_siasn", "read_export"]

CODES: dict[str, Any] = yaml.safe_load((Path(__file__).with_name("siasn_codes.yaml")).read_text(encoding="utf-8"))

TEMPLATE_FILE = "lengkapi-data.xlsx"
EMPLOYEES_FILE = "employees.csv"
REPORT_FILE = "laporan-impor.csv"
SCENARIO_FILE = "scenario.yaml"


@dataclass(frozen=True)
class ImportNote:
    """One value of the export the import could not map (or a fact about the import)."""

    file: str
    sheet: str | None
    row: int | None  # spreadsheet row number, header = its own row
    column: str | None
    value: str | None
    message: str
    severity: str = "warning"  # "error" stops the import (nothing written)

    def __str__(self) -> str:
        where = self.file
        if self.sheet:
            where += f", lembar {self.sheet}"
        if self.row is not None:
            where += f", baris {self.row}"
        if self.column:
            where += f", kolom {self.column}"
        shown = f" {self.value!r}" if self.value not in (None, "") else ""
        label = "GALAT" if self.severity == "error" else "PERINGATAN"
        return f"[{label}] {where}:{shown} — {self.message}"


class SiasnError(Exception):
    """The export cannot be imported at all (unreadable, no header, required columns missing)."""

    def __init__(self, notes: list[ImportNote]):
        super().__init__("\n".join(map(str, notes)))
        self.notes = notes


@dataclass
class ImportResult:
    folder: Path
    employees: int
    posts: int
    notes: list[ImportNote] = field(default_factory=list)


# ----------------------------------------------------------------------------- reading


def _header_key(h: Any) -> str:
    return re.sub(r"\s+", " ", str(h or "")).strip().upper()


def _pick_sheet(wb) -> Any:
    """SIASN names its sheet ``pns_<hex>``; otherwise the sheet whose header has NIP BARU."""
    for ws in wb.worksheets:
        if ws.title.lower().startswith("pns_"):
            return ws
    for ws in wb.worksheets:
        first = next(ws.iter_rows(max_row=1, values_only=True), ())
        if "NIP BARU" in {_header_key(v) for v in first}:
            return ws
    return wb.worksheets[0]


def _read_rows(path: Path) -> tuple[str | None, list[tuple[int, list[Any]]], str | None]:
    """(sheet name or None for CSV, [(spreadsheet row number, cells)] with the header first,
    the encoding a CSV was read with when it is not UTF-8)."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException

        try:
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except (OSError, KeyError, ValueError, zipfile.BadZipFile, InvalidFileException) as exc:
            # A corrupt or mislabelled file: say so, no traceback.
            raise SiasnError([ImportNote(path.name, None, None, None, None,
                                         f"berkas XLSX tidak dapat dibuka: {exc}", "error")]) from None
        try:
            ws = _pick_sheet(wb)
            rows = [(i, list(r)) for i, r in enumerate(ws.iter_rows(values_only=True), start=1)]
            return ws.title, rows, None
        finally:
            wb.close()
    raw = path.read_bytes()
    try:
        text, encoding = raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" as Windows-1252; latin-1 never fails on the bytes it leaves.
        try:
            text, encoding = raw.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            text, encoding = raw.decode("latin-1"), "Latin-1"
    first = text.split("\n", 1)[0]
    # SIASN writes CSV with pipes; Excel in an Indonesian locale re-saves with semicolons.
    delim = max(("|", ";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    return None, [(i, r) for i, r in enumerate(reader, start=1)], encoding


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


_DATE_TEXT = (
    (re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$"), (3, 2, 1)),   # dd-mm-yyyy (SIASN)
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), (3, 2, 1)),   # dd/mm/yyyy (Indonesian Excel)
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$"), (1, 2, 3)),  # ISO
)
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _date(v: Any) -> dt.date | None:
    """A date cell, an Excel serial number, or dd-mm-yyyy / dd/mm/yyyy / ISO text; else None."""
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if 1 <= v < 80000 and float(v).is_integer():
            return _EXCEL_EPOCH + dt.timedelta(days=int(v))
        return None
    s = _text(v).lstrip("'")
    for pattern, (y, m, d) in _DATE_TEXT:
        hit = pattern.match(s)
        if hit:
            try:
                return dt.date(int(hit.group(y)), int(hit.group(m)), int(hit.group(d)))
            except ValueError:
                return None
    return None


def _code(v: Any) -> int | None:
    s = _text(v).lstrip("'")
    return int(s) if s.isdigit() else None


_RANK_BY_KEY = {r.upper(): r for r in RANKS}
_ESELON_RE = re.compile(r"^(I|II|III|IV)[.\s/-]?([AB])$")


def _jf_level(title: str) -> str | None:
    t = re.sub(r"\s+", " ", title).strip().lower()
    for suffix, level in CODES["jf_level_suffix"].items():
        if t.endswith(" " + suffix):
            return level
    return None


def read_export(path: Path) -> tuple[list[dict[str, Any]], list[ImportNote]]:
    """Read the export into one record per PNS with the contract's field names.

    Raises :class:`SiasnError` when the file cannot be used at all; otherwise every value
    that cannot be mapped is a note and the field stays empty.
    """
    path = Path(path)
    if not path.is_file():
        raise SiasnError([ImportNote(str(path), None, None, None, None, "berkas ekspor tidak ditemukan", "error")])
    sheet, rows, encoding = _read_rows(path)
    file = path.name

    def note(row: int | None, column: str | None, value: Any, message: str, severity: str = "warning") -> ImportNote:
        shown = None if value is None else (value.isoformat() if isinstance(value, dt.date) else _text(value))
        return ImportNote(file, sheet, row, column, shown, message, severity)

    # The header is the first row naming NIP BARU (a title line above it is tolerated).
    head_at = next((k for k, (_, r) in enumerate(rows[:10]) if "NIP BARU" in {_header_key(v) for v in r}), None)
    if head_at is None:
        raise SiasnError([note(None, "NIP BARU", None, "baris judul dengan kolom NIP BARU tidak ditemukan; "
                               "apakah ini berkas Export Data ASN dari SIASN?", "error")])
    header_row, header = rows[head_at]
    index = {}
    for j, h in enumerate(header):
        key = _header_key(h)
        if key and key not in index:
            index[key] = j
    missing = [c for c in CODES["required"] if c not in index]
    missing += [" atau ".join(g) for g in CODES["one_of"] if not any(c in index for c in g)]
    if missing:
        raise SiasnError([note(header_row, c, None, "kolom wajib tidak ada di baris judul ekspor SIASN", "error")
                          for c in missing])

    notes: list[ImportNote] = []
    if encoding:
        notes.append(note(None, None, None, f"berkas bukan UTF-8; dibaca sebagai {encoding}. Periksa huruf "
                          "beraksen pada nama"))
    records: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for rownum, cells in rows[head_at + 1:]:
        if all(_text(v) == "" for v in cells):
            continue
        rec = _record(rownum, cells, index, note, notes, seen)
        if rec is not None:
            records.append(rec)
    return records, notes


def _record(rownum: int, cells: list[Any], index: dict[str, int], note, notes: list[ImportNote],
            seen: dict[str, int]) -> dict[str, Any] | None:
    """One PNS of the export with the contract's field names; None when the row cannot be keyed."""

    def report(column: str, value: Any, message: str) -> None:
        notes.append(note(rownum, column, value, message))

    def cell(col: str) -> Any:
        j = index.get(col)
        return cells[j] if j is not None and j < len(cells) else None

    rec: dict[str, Any] = {"_row": rownum}
    # NIP: text with SIASN's leading apostrophe; spaces as typed by hand.
    raw_nip = cell("NIP BARU")
    nip = re.sub(r"\s+", "", _text(raw_nip).lstrip("'"))
    if isinstance(raw_nip, (int, float)) and not isinstance(raw_nip, bool):
        # An 18-digit number does not fit a spreadsheet's floating point: the last digits are
        # already lost, and a NIP rounded to another PNS's would be an invented fact.
        report("NIP BARU", raw_nip, "NIP tersimpan sebagai angka sehingga digit terakhirnya hilang; baris ini "
               "tidak diimpor. Ekspor ulang dari SIASN, atau simpan kolom NIP BARU sebagai teks")
        return None
    if not nip:
        report("NIP BARU", raw_nip, "NIP kosong; baris ini tidak diimpor")
        return None
    if not (len(nip) == 18 and nip.isdigit()):
        report("NIP BARU", raw_nip, "NIP harus 18 digit angka; disalin apa adanya, perbaiki")
    if nip in seen:
        report("NIP BARU", raw_nip, f"NIP ganda; sudah ada di baris {seen[nip]}, "
               "baris ini tidak diimpor")
        return None
    seen[nip] = rownum
    rec["nip"] = nip

    name = " ".join(_text(cell("NAMA")).split())
    if not name:
        report("NAMA", None, "nama kosong")
    # SIASN sometimes keeps the comma with the back titles (", S.E."): one comma in the name.
    front, back = _text(cell("GELAR DEPAN")), _text(cell("GELAR BELAKANG")).lstrip(", ")
    rec["name"] = (f"{front} " if front and name else "") + name + (f", {back}" if back and name else "")

    for col, key in (("TANGGAL LAHIR", "birth_date"), ("TMT GOLONGAN", "rank_since")):
        v = cell(col)
        rec[key] = _date(v)
        if rec[key] is None:
            report(col, v, "bukan tanggal (diterima: sel tanggal Excel, dd-mm-yyyy, "
                   "dd/mm/yyyy, YYYY-MM-DD); dikosongkan")

    sex = _text(cell("JENIS KELAMIN")).upper()
    rec["gender"] = CODES["jenis_kelamin"].get(sex)
    if rec["gender"] is None:
        report("JENIS KELAMIN", sex, "jenis kelamin tidak dikenal (M/F); dikosongkan")

    rec["rank"] = _rank(cell("GOL AKHIR ID"), cell("GOL AKHIR NAMA"), report)

    edu_id = cell("TINGKAT PENDIDIKAN ID")
    rec["education"] = CODES["pendidikan"].get(_code(edu_id))
    if rec["education"] is None:
        edu_name = _text(cell("TINGKAT PENDIDIKAN NAMA"))
        shown = _text(edu_id) + (f" ({edu_name})" if edu_name else "")
        report("TINGKAT PENDIDIKAN ID", shown, "kode tingkat pendidikan tidak dikenal; "
               "dikosongkan, isi kolom education")

    # The post held now.
    status = " ".join(_text(cell("KEDUDUKAN HUKUM NAMA")).lower().split())
    holds = CODES["kedudukan_hukum"].get(status, True) if status else True
    if status and status not in CODES["kedudukan_hukum"]:
        report("KEDUDUKAN HUKUM NAMA", cell("KEDUDUKAN HUKUM NAMA"),
               "kedudukan hukum tidak dikenal; diimpor dengan jabatannya, periksa apakah ia "
                          "memegang jabatan saat ini")
    title = " ".join(_text(cell("JABATAN NAMA")).split())
    rec["holds_post"] = bool(holds and title)
    if holds and not title:
        report("JABATAN NAMA", None, "jabatan kosong; diimpor tanpa jabatan")
    if rec["holds_post"]:
        rec["title"] = title
        rec["unit"] = " ".join(_text(cell("UNOR NAMA")).split()) or None
        if rec["unit"] is None:
            report("UNOR NAMA", None, "unit organisasi kosong; isi kolom unit")
        rec["position_since"] = _date(cell("TMT JABATAN"))
        if rec["position_since"] is None:
            report("TMT JABATAN", cell("TMT JABATAN"), "bukan tanggal; dikosongkan")
        rec["siasn_jabatan_id"] = _text(cell("JABATAN ID"))
        rec["siasn_unor_id"] = _text(cell("UNOR ID"))
        rec.update(_post_kind(cell("JENIS JABATAN ID"), cell("ESELON NAMA"), title, report))
    return rec


def _rank(gid: Any, gname: Any, report) -> str | None:
    by_id = CODES["golongan"].get(_code(gid)) if _text(gid) else None
    by_name = _RANK_BY_KEY.get(_text(gname).replace(" ", "").upper()) if _text(gname) else None
    if _text(gid) and by_id is None:
        report("GOL AKHIR ID", gid, "kode golongan tidak dikenal")
    if _text(gname) and by_name is None:
        report("GOL AKHIR NAMA", gname, "golongan tidak dikenal (mis. III/d)")
    if by_id and by_name and by_id != by_name:
        report("GOL AKHIR NAMA", gname, f"tidak sesuai dengan GOL AKHIR ID {_text(gid)} ({by_id}); golongan dikosongkan")
        return None
    if not (by_id or by_name):
        if not (_text(gid) or _text(gname)):
            report("GOL AKHIR ID", None, "golongan kosong")
        return None
    return by_id or by_name


def _post_kind(jenis: Any, eselon_name: Any, title: str, report) -> dict[str, Any]:
    code = _code(jenis)
    out: dict[str, Any] = {"kind": None, "eselon": None, "jf_level": None}
    if code not in CODES["jenis_jabatan"]:
        report("JENIS JABATAN ID", jenis, "jenis jabatan tidak dikenal (1 Struktural, 2 Fungsional, 4 Pelaksana); "
               "isi kolom kind")
        return out
    out["kind"] = CODES["jenis_jabatan"][code]
    if code == 1 and _text(eselon_name):
        hit = _ESELON_RE.match(_text(eselon_name).upper())
        eselon = f"{hit.group(1)}.{hit.group(2).lower()}" if hit else None
        kind = CODES["eselon_kind"].get(hit.group(1)) if hit else None
        if kind and eselon in ESELONS_OF_KIND[kind]:
            out["kind"], out["eselon"] = kind, eselon
        else:
            report("ESELON NAMA", eselon_name, "eselon tidak dikenal; isi kolom kind dan eselon")
    if out["kind"] == "jf":
        out["jf_level"] = _jf_level(title)
        if out["jf_level"] is None:
            report("JABATAN NAMA", title, "jenjang jabatan fungsional tidak terbaca dari nama jabatan; isi kolom jf_level")
    return out


# ----------------------------------------------------------------------------- writing

_EMPLOYEE_FACTS = ("nip", "name", "birth_date", "gender", "rank", "rank_since", "education",
                   "position_id", "position_since")


def _guide(export: str, n_people: int, n_posts: int, n_notes: int) -> list[str]:
    return [
        "Lengkapi data untuk perencana mutasi",
        f"Dibuat dari ekspor SIASN '{export}': {n_people} PNS, {n_posts} jabatan yang sedang dipegang.",
        "Kolom yang sudah terisi berasal dari SIASN; kolom kosong adalah fakta yang tidak ada di SIASN.",
        "Isi lembar-lembar berikut (nama lembar dan judul kolom jangan diubah):",
        ("  positions  — peta jabatan: satu baris per jabatan yang dipegang sudah terisi. Lengkapi kind dan eselon "
        "(jabatan struktural), rumpun, critical (jabatan kritis), min_rank/min_education bila berbeda dari "
        "ketentuan, lalu tambahkan baris untuk jabatan yang lowong (holder_nip kosong)."),
        ("  employees  — profil PNS: isi performance (predikat kinerja tahun terakhir), performance_prev "
        "(tahun sebelumnya), potential, jpm dan assessment_date, nine_box (boleh kosong: dihitung), in_pool, "
        "readiness, leadership_training, innovation, award_level."),
        ("  history    — rekam jejak jabatan: baris jabatan saat ini sudah terisi (start = TMT JABATAN); "
        "lengkapi kind/eselon dan rumpun, lalu tambahkan jabatan-jabatan sebelumnya."),
        "  discipline — hukuman disiplin: satu baris per hukuman (level ringan/sedang/berat).",
        "Kolom bertanda daftar pilihan hanya menerima nilai dari daftar. Tanggal: sel tanggal atau YYYY-MM-DD.",
        "NIP dan position_id adalah teks; position_id boleh diganti asal sama di positions dan employees.",
        f"Nilai SIASN yang tidak dapat dipetakan ({n_notes}) ada di {REPORT_FILE}.",
        "Setelah selesai: planner validate <folder ini>  lalu  planner plan <folder ini>.",
    ]


def _scenario_yaml(name: str, as_of: dt.date, rule_pack: str, export: str) -> str:
    return (
        f"# Dibuat oleh `planner import siasn` dari {export}. Periksa as_of dan rule_pack.\n"
        f"name: {name}\n"
        f"as_of: {as_of.isoformat()}   # TMT keputusan mutasi; usia dan masa jabatan dihitung sampai tanggal ini\n"
        f"rule_pack: {rule_pack}\n"
        "data:   # semua tabel dibaca dari buku kerja yang dilengkapi\n"
        f"  positions: {TEMPLATE_FILE}\n"
        f"  employees: {TEMPLATE_FILE}\n"
        f"  history: {TEMPLATE_FILE}\n"
        f"  discipline: {TEMPLATE_FILE}\n"
        "keep: []      # NIP yang tetap di tempat\n"
        "reserve: []   # jabatan yang dibiarkan untuk seleksi terbuka\n"
    )


def import_siasn(export: Path, out: Path, *, as_of: dt.date, rule_pack: str = "national",
                 name: str | None = None) -> ImportResult:
    """Read ``export`` and write a new scenario folder ``out`` (which must not exist or be empty)."""
    export, out = Path(export), Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise SiasnError([ImportNote(str(out), None, None, None, None,
                                     "folder keluaran sudah ada dan tidak kosong; pilih folder baru", "error")])
    records, notes = read_export(export)
    if not records:
        raise SiasnError([*notes, ImportNote(export.name, None, None, None, None,
                                             "tidak ada baris PNS yang dapat diimpor", "error")])

    employees, positions, history, source = [], [], [], []
    for rec in records:
        emp = {k: rec.get(k) for k in _EMPLOYEE_FACTS}
        if rec["holds_post"]:
            pid = f"JAB-{len(positions) + 1:04d}"
            emp["position_id"] = pid
            positions.append({"position_id": pid, "title": rec["title"], "unit": rec["unit"], "kind": rec["kind"],
                              "eselon": rec["eselon"], "jf_level": rec["jf_level"], "holder_nip": rec["nip"]})
            history.append({"nip": rec["nip"], "kind": rec["kind"], "eselon": rec["eselon"],
                            "jf_level": rec["jf_level"], "unit": rec["unit"], "start": rec["position_since"]})
            source.append([pid, rec["nip"], rec["_row"], rec["siasn_jabatan_id"], rec["title"],
                           rec["siasn_unor_id"], rec["unit"]])
        else:
            emp["position_since"] = None
        employees.append(emp)

    out.mkdir(parents=True, exist_ok=True)
    label = name or re.sub(r"[^a-z0-9]+", "-", export.stem.lower()).strip("-") or "impor-siasn"
    (out / SCENARIO_FILE).write_text(_scenario_yaml(label, as_of, rule_pack, export.name), encoding="utf-8")
    columns = list(TABLE_MODELS["employees"].model_fields)
    with (out / EMPLOYEES_FILE).open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(columns)
        for emp in employees:
            w.writerow(["" if emp.get(c) is None else (emp[c].isoformat() if isinstance(emp[c], dt.date) else emp[c])
                        for c in columns])
    with (out / REPORT_FILE).open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["berkas", "lembar", "baris", "kolom", "nilai", "pesan"])
        for n in notes:
            w.writerow([n.file, n.sheet or "", "" if n.row is None else n.row, n.column or "", n.value or "", n.message])
    write_template(
        out / TEMPLATE_FILE,
        {"positions": positions, "employees": employees, "history": history, "discipline": []},
        _guide(export.name, len(employees), len(positions), len(notes)),
        {"sumber_siasn": (["position_id", "nip", "baris_ekspor", "JABATAN ID", "JABATAN NAMA", "UNOR ID", "UNOR NAMA"],
                          source)},
    )
    return ImportResult(folder=out, employees=len(employees), posts=len(positions), notes=notes)

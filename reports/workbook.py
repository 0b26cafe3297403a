"""The XLSX workbook of the Baperjakat pack (openpyxl).

Sheets: ``Usulan Mutasi`` (the draft decree attachment), ``Daftar Calon 1-3`` (the
shortlists), ``Jabatan Kosong`` (posts left vacant, reason and recommendation),
``Rincian Nilai`` (each move's score term by term) and ``Paket Aturan`` (the rule pack's
parameters with value and article). Every sheet: bold frozen header row, widths set,
NIPs written as text (an 18-digit number would lose digits in a spreadsheet), and every
text that a spreadsheet would run as a formula (a name starting with ``=``, ``+``, ``-``,
``@``, ...) written as plain text (planner.files.cells).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from models.enums import KIND_LABEL, MOVE_TYPE_LABEL
from planner.files.cells import xlsx_append, xlsx_neutralise
from planner.rules.eligibility import RULES_BY_ID
from models.terms import TERM_LABELS
from reports.data import Masker, RunData
from models.labels import BOOL_LABEL, REASON_LABEL, RECOMMENDATION_LABEL


SHEETS: dict[str, list[str]] = {
    "Usulan Mutasi": ["No", "NIP", "Nama", "Golongan", "Jabatan Lama", "Jabatan Baru",
                      "Unit Kerja (perangkat daerah)", "Jenis Mutasi", "Dasar Hukum"],
    "Daftar Calon 1-3": ["Kode Jabatan", "Jabatan", "Unit Kerja (perangkat daerah)", "Peringkat", "NIP", "Nama",
                         "Nilai", "Diusulkan", "Keterangan"],
    "Jabatan Kosong": ["Kode Jabatan", "Jabatan", "Unit Kerja (perangkat daerah)", "Jenis Jabatan", "Jabatan Kritis",
                       "Alasan", "Uraian Alasan", "Kandidat Memenuhi Syarat", "Tersaring per Aturan", "Rekomendasi"],
    # followed by one column per objective term of the moves, then the totals
    "Rincian Nilai": ["No", "NIP", "Nama", "Jabatan Baru", "Kode Jabatan"],
    "Paket Aturan": ["Parameter", "Nilai", "Pasal", "Catatan"],
}
WIDTHS: dict[str, list[int]] = {
    "Usulan Mutasi": [5, 22, 34, 10, 44, 44, 24, 12, 40],
    "Daftar Calon 1-3": [26, 44, 24, 10, 22, 34, 9, 10, 40],
    "Jabatan Kosong": [26, 44, 24, 16, 10, 34, 60, 12, 60, 40],
    "Rincian Nilai": [5, 22, 34, 44, 26],
    "Paket Aturan": [36, 40, 60, 60],
}
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")


def _value(v: Any) -> str:
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return "" if v is None else str(v)


def _sheet(wb: Workbook, title: str, rows: list[list[Any]], text_cols: tuple[int, ...] = (),
           extra: list[tuple[str, int]] = ()) -> None:
    """A sheet: SHEETS[title] headers plus ``extra`` (header, width) columns, then ``rows``."""
    ws = wb.create_sheet(title)
    xlsx_append(ws, [*SHEETS[title], *(h for h, _ in extra)])
    for row in rows:
        xlsx_append(ws, row)
    for cell in ws[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    for i, width in enumerate([*WIDTHS[title], *(w for _, w in extra)], 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for col in text_cols:  # NIP columns: text, never a number
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            cell.number_format = "@"
    if ws.max_row > 1:
        ws.auto_filter.ref = ws.dimensions


def build_workbook(rd: RunData, masker: Masker) -> Workbook:
    plan = rd.plan
    wb = Workbook()
    wb.remove(wb.active)
    moves = sorted(plan.moves, key=lambda m: (m.to_unit, m.to_position_id))

    _sheet(wb, "Usulan Mutasi", [
        [i, masker.nip(m.nip), m.name, m.rank, m.from_title or "(tanpa jabatan)", m.to_title, m.to_unit,
         MOVE_TYPE_LABEL[m.move_type.value], m.article]
        for i, m in enumerate(moves, 1)], text_cols=(2,))

    by_post = rd.moves_by_post()
    unfilled = rd.unfilled_by_post()
    placed = rd.moves_by_nip()
    rows = []
    for pid, nominees in rd.shortlist_by_post().items():
        m, u = by_post.get(pid), unfilled.get(pid)
        title = m.to_title if m else (u.title if u else "")
        unit = m.to_unit if m else (u.unit if u else "")
        for n in nominees:
            if u is not None:
                note = "calon untuk panitia seleksi terbuka"
            elif n.chosen:
                note = ""
            elif n.nip in placed:
                other = placed[n.nip]
                note = f"diusulkan ke {other.to_position_id} ({other.to_title})"
            else:
                note = "tidak dimutasi"
            rows.append([pid, title, unit, n.rank, masker.nip(n.nip), n.name, n.score, BOOL_LABEL[n.chosen], note])
    _sheet(wb, "Daftar Calon 1-3", rows, text_cols=(5,))

    rows = []
    for u in plan.unfilled:
        excl = "; ".join(f"{RULES_BY_ID[k].label if k in RULES_BY_ID else k}: {v}"
                         for k, v in u.excluded_by_rule.items())
        excl = f"dipertimbangkan {u.considered}" + (f"; {excl}" if excl else "")
        rows.append([u.position_id, u.title, u.unit, KIND_LABEL.get(u.kind, u.kind), BOOL_LABEL[bool(u.critical)],
                     REASON_LABEL.get(u.reason, u.reason), masker.text(u.reason_text), u.eligible_candidates, excl,
                     RECOMMENDATION_LABEL.get(u.recommendation, u.recommendation)])
    _sheet(wb, "Jabatan Kosong", rows)

    rows = []
    term_names = rd.pair_terms()
    for i, m in enumerate(moves, 1):
        terms = [round(float(m.score_terms.get(t, 0.0)), 2) for t in term_names]
        rows.append([i, masker.nip(m.nip), m.name, m.to_title, m.to_position_id, *terms, m.score,
                     round(sum(terms), 2)])
    extra = [(TERM_LABELS.get(t, t), 16) for t in term_names] + [("Nilai Pasangan", 14), ("Nilai dalam Objektif", 16)]
    _sheet(wb, "Rincian Nilai", rows, text_cols=(2,), extra=extra)

    _sheet(wb, "Paket Aturan", [[r.get("parameter", ""), _value(r.get("value")), r.get("article", ""),
                                 r.get("note", "")] for r in rd.rule_pack])
    wb.properties.title = f"Usulan mutasi {plan.scenario.get('name', '')}"
    wb.properties.creator = "pemda-placement-planner"
    xlsx_neutralise(wb)  # last, over every sheet: no cell of any sheet can become a formula
    return wb


def write_workbook(rd: RunData, path: Path, masker: Masker) -> Path:
    build_workbook(rd, masker).save(path)
    return path

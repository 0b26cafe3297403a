"""The XLSX workbook of the Baperjakat pack (openpyxl).

Sheets: ``Usulan Mutasi`` (the draft decree attachment: pangkat and golongan, old and new
post with their units, eselon, TMT), ``Daftar Calon 1-3`` (the shortlists, with the facts
the committee weighs about every nominee), ``Kandidat Tidak Dipilih`` (better-scoring
candidates not chosen, with the reason), ``Jabatan Kosong`` (posts left vacant, reason and
recommendation), ``Rincian Nilai`` (each move's
score term by term) and ``Paket Aturan`` (the rule pack in words, with its articles).
Every sheet: bold frozen header row, widths set, wrapped text, NIPs written as text (an
18-digit number would lose digits in a spreadsheet), and print settings for attaching it
to a draft decree: A4 landscape, one page wide, the header row repeated on every printed
page, the marking and "Halaman x dari y" in the printed header and footer.
Every text that a spreadsheet would run as a formula (a name starting with ``=``, ``+``,
``-``, ``@``, ...) is written as plain text (planner.files.cells).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from models.labels import (BOOL_LABEL, KIND_LABEL, MOVE_TYPE_LABEL, NOMINEE_FACT_LABEL, PANGKAT_LABEL,
                           PARAMETER_LABEL, PASSED_OVER_COLUMN_LABEL, PASSED_OVER_REASON_LABEL, REASON_LABEL,
                           RECOMMENDATION_LABEL)
from planner.files.cells import xlsx_append, xlsx_neutralise
from models.terms import TERM_LABELS
from planner.rules.eligibility import RULES_BY_ID
from reports import fmt
from reports.data import Masker, RunData
from reports.html import post_order, rule_value
from reports.nominee_facts import fact_texts


PASSED_OVER_SHEET = "Kandidat Tidak Dipilih"
SHEETS: dict[str, list[str]] = {
    "Usulan Mutasi": ["No", "NIP", "Nama", "Pangkat", "Golongan", "Jabatan Lama", "Unit Kerja Lama", "Jabatan Baru",
                      "Eselon", "Unit Kerja Baru", "Jenis Mutasi", "TMT", "Dasar Hukum"],
    # followed by one column per fact the committee weighs (NOMINEE_FACT_LABEL)
    "Daftar Calon 1-3": ["Kode Jabatan", "Jabatan", "Unit Kerja (perangkat daerah)", "Peringkat", "NIP", "Nama",
                         "Nilai", "Diusulkan", "Keterangan"],
    PASSED_OVER_SHEET: [PASSED_OVER_COLUMN_LABEL["position_id"], "Jabatan",
                        *(PASSED_OVER_COLUMN_LABEL[k] for k in ("nip", "name", "score", "chosen_nip", "chosen_name",
                                                                 "chosen_score", "reason", "detail"))],
    "Jabatan Kosong": ["Kode Jabatan", "Jabatan", "Unit Kerja (perangkat daerah)", "Jenis Jabatan", "Jabatan Kritis",
                       "Alasan", "Uraian Alasan", "Kandidat Memenuhi Syarat", "Tersaring per Aturan", "Rekomendasi"],
    # followed by one column per objective term of the moves, then the totals
    "Rincian Nilai": ["No", "NIP", "Nama", "Jabatan Baru", "Kode Jabatan"],
    "Paket Aturan": ["Ketentuan", "Nilai", "Dasar Hukum", "Catatan"],
}
WIDTHS: dict[str, list[int]] = {
    "Usulan Mutasi": [5, 21, 28, 16, 9, 32, 24, 32, 8, 24, 11, 16, 30],
    "Daftar Calon 1-3": [26, 44, 24, 10, 22, 34, 9, 10, 40],
    PASSED_OVER_SHEET: [26, 44, 22, 34, 9, 22, 34, 9, 40, 70],
    "Jabatan Kosong": [26, 44, 24, 16, 10, 34, 60, 12, 60, 40],
    "Rincian Nilai": [5, 22, 34, 44, 26],
    "Paket Aturan": [50, 36, 50, 60],
}
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")


_WRAP = Alignment(wrap_text=True, vertical="top")


def _print_setup(ws, marking: str, title: str) -> None:
    """A4 landscape, one page wide (as many pages tall as needed), header row on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddHeader.left.text = title
    ws.oddHeader.right.text = marking
    ws.oddFooter.left.text = marking
    ws.oddFooter.right.text = "Halaman &P dari &N"


def _sheet(wb: Workbook, title: str, rows: list[list[Any]], text_cols: tuple[int, ...] = (),
           extra: list[tuple[str, int]] = (), *, marking: str = "RAHASIA", heading: str = "") -> None:
    """A sheet: SHEETS[title] headers plus ``extra`` (header, width) columns, then ``rows``."""
    ws = wb.create_sheet(title)
    xlsx_append(ws, [*SHEETS[title], *(h for h, _ in extra)])
    for row in rows:
        xlsx_append(ws, row)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = _WRAP
    for cell in ws[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = _WRAP
    ws.freeze_panes = "A2"
    _print_setup(ws, marking, f"{heading} — {title}" if heading else title)
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
    by_post = rd.moves_by_post()
    moves = [by_post[p] for p in post_order(rd) if p in by_post]  # the HTML recap's order and numbers
    marking = "TERBATAS" if masker.enabled else "RAHASIA"
    heading = f"Usulan mutasi {plan.scenario.get('instansi') or plan.scenario.get('name', '')}"
    tmt = fmt.tanggal(plan.scenario.get("as_of"))

    def unit(code: str | None) -> str:
        return rd.unit_names.get(code, code) if code else ""

    def sheet(title: str, rows: list[list[Any]], **kw: Any) -> None:
        _sheet(wb, title, rows, marking=marking, heading=heading, **kw)

    sheet("Usulan Mutasi", [
        [i, masker.nip(m.nip), masker.name(m.name), PANGKAT_LABEL.get(m.rank, ""), m.rank,
         m.from_title or "(tanpa jabatan)", unit(m.from_unit), m.to_title, rd.eselon.get(m.to_position_id, ""),
         unit(m.to_unit), MOVE_TYPE_LABEL[m.move_type.value], tmt, m.article]
        for i, m in enumerate(moves, 1)], text_cols=(2,))

    unfilled = rd.unfilled_by_post()
    placed = rd.moves_by_nip()
    rows = []
    shortlist = rd.shortlist_by_post()
    for pid in post_order(rd):
        m, u = by_post.get(pid), unfilled.get(pid)
        title = m.to_title if m else (u.title if u else "")
        unit_name = unit(m.to_unit if m else (u.unit if u else ""))
        for n in shortlist.get(pid, []):
            if u is not None:
                note = "calon untuk panitia seleksi terbuka"
            elif n.chosen:
                note = ""
            elif n.nip in placed:
                other = placed[n.nip]
                note = f"diusulkan ke {other.to_title} ({unit(other.to_unit)})"
            else:
                note = "tidak dimutasi"
            facts = fact_texts(rd.facts_of(n.nip, pid), public=masker.enabled)
            rows.append([pid, title, unit_name, n.rank, masker.nip(n.nip), masker.name(n.name), n.score,
                         BOOL_LABEL[n.chosen], note, *facts.values()])
    sheet("Daftar Calon 1-3", rows, text_cols=(5,),
          extra=[(label, 70 if key == "move" else 30) for key, label in NOMINEE_FACT_LABEL.items()])

    rows = []
    by_post_passed = rd.passed_over_by_post()
    for pid in post_order(rd):
        m = by_post.get(pid)
        for p in by_post_passed.get(pid, []):
            chosen_name = m.name if m is not None and m.nip == p.chosen_nip else ""
            rows.append([pid, m.to_title if m else "", masker.nip(p.nip), masker.name(p.name), p.score,
                         masker.nip(p.chosen_nip), masker.name(chosen_name), p.chosen_score,
                         PASSED_OVER_REASON_LABEL.get(p.reason, p.reason), fmt.text(masker.text(p.detail))])
    sheet(PASSED_OVER_SHEET, rows, text_cols=(3, 6))

    rows = []
    for u in plan.unfilled:
        excl = "; ".join(f"{RULES_BY_ID[k].label if k in RULES_BY_ID else k}: {v}"
                         for k, v in u.excluded_by_rule.items())
        excl = f"dipertimbangkan {u.considered}" + (f"; {excl}" if excl else "")
        rows.append([u.position_id, u.title, unit(u.unit), KIND_LABEL.get(u.kind, u.kind), BOOL_LABEL[bool(u.critical)],
                     REASON_LABEL.get(u.reason, u.reason), fmt.text(masker.text(u.reason_text)),
                     u.eligible_candidates, excl, RECOMMENDATION_LABEL.get(u.recommendation, u.recommendation)])
    sheet("Jabatan Kosong", rows)

    rows = []
    term_names = rd.pair_terms()
    for i, m in enumerate(moves, 1):
        terms = [round(float(m.score_terms.get(t, 0.0)), 2) for t in term_names]
        rows.append([i, masker.nip(m.nip), masker.name(m.name), m.to_title, m.to_position_id, *terms, m.score,
                     round(sum(terms), 2)])
    extra = [(TERM_LABELS.get(t, t), 16) for t in term_names] + [("Nilai Pasangan", 14), ("Nilai dalam Rencana", 16)]
    sheet("Rincian Nilai", rows, text_cols=(2,), extra=extra)

    sheet("Paket Aturan", [[PARAMETER_LABEL.get(r.get("parameter", ""), r.get("parameter", "")),
                            rule_value(r.get("parameter", ""), r.get("value")), r.get("article", ""),
                            r.get("note", "")] for r in rd.rule_pack])
    for ws in wb.worksheets:  # numbers stay numbers, shown with two decimals
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, float):
                    cell.number_format = "#,##0.00"
    wb.properties.title = heading
    wb.properties.creator = "pemda-placement-planner"
    xlsx_neutralise(wb)  # last, over every sheet: no cell of any sheet can become a formula
    return wb


def write_workbook(rd: RunData, path: Path, masker: Masker) -> Path:
    build_workbook(rd, masker).save(path)
    return path

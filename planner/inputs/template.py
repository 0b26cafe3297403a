"""The template workbook a BKPSDM clerk completes: the four tables of the data contract.

One sheet per table (``positions``, ``employees``, ``history``, ``discipline``), headed by the
field names of the row models in ``models.schema``, so that the loader reads the completed
workbook as it reads any scenario workbook. Every column with a controlled vocabulary gets an
Excel drop-down (data validation) built from the same models, so the lists cannot drift from
what ``planner validate`` accepts. A first sheet ``petunjuk`` says what to fill.
"""
from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Any

from models.enums import RANKS
from models.schema import TABLE_MODELS

__all__ = ["TEMPLATE_SHEETS", "column_choices", "write_template"]

TEMPLATE_SHEETS = ("positions", "employees", "history", "discipline")
GUIDE_SHEET = "petunjuk"
# Drop-downs reach this many rows below the pre-filled ones, for the rows the clerk adds
# (vacant posts, past posts, sanctions).
SPARE_ROWS = 2000
DATE_FORMAT = "yyyy-mm-dd"


def _parts(annotation: Any) -> Iterable[Any]:
    """Every type and metadata item inside an annotation (Optional, Annotated, unions)."""
    yield annotation
    for arg in typing.get_args(annotation):
        yield from _parts(arg)
    for meta in getattr(annotation, "__metadata__", ()):
        yield meta
        yield from getattr(meta, "metadata", ())


def column_choices(table: str) -> dict[str, list[str]]:
    """The allowed values of every enumerated column of ``table``, in the contract's spelling."""
    out: dict[str, list[str]] = {}
    for name, info in TABLE_MODELS[table].model_fields.items():
        items = [*_parts(info.annotation), *info.metadata]
        choices: list[str] | None = None
        for item in items:
            if isinstance(item, type) and issubclass(item, Enum):
                choices = [m.value for m in item]
            elif item is bool:
                choices = ["true", "false"]
            elif getattr(getattr(item, "func", None), "__name__", "") == "_check_rank":
                choices = list(RANKS)
        if choices is None and any(item is int for item in items):
            lo = next((m.ge for m in items if hasattr(m, "ge")), None)
            hi = next((m.le for m in items if hasattr(m, "le")), None)
            if lo is not None and hi is not None and hi - lo <= 20:
                choices = [str(i) for i in range(int(lo), int(hi) + 1)]
        if choices:
            out[name] = choices
    return out


def _date_columns(table: str) -> set[str]:
    return {n for n, f in TABLE_MODELS[table].model_fields.items()
            if any(p is dt.date for p in _parts(f.annotation))}


def _cell_value(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Enum):
        return v.value
    return v


def write_template(path: Path, tables: dict[str, list[dict[str, Any]]], guide: list[str],
                   extra_sheets: dict[str, tuple[list[str], list[list[Any]]]] | None = None) -> None:
    """Write the workbook: ``tables`` maps a contract table to its pre-filled rows (dicts by
    field name; missing keys stay empty), ``guide`` the lines of the instruction sheet,
    ``extra_sheets`` reference sheets (header, rows) the loader does not read."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = GUIDE_SHEET
    for line in guide:
        ws.append([line])
    ws.column_dimensions["A"].width = 120
    if guide:
        ws["A1"].font = Font(bold=True, size=13)

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for table in TEMPLATE_SHEETS:
        sheet = wb.create_sheet(table)
        columns = list(TABLE_MODELS[table].model_fields)
        dates = _date_columns(table)
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font, cell.fill = bold, fill
        rows = tables.get(table, [])
        for rec in rows:
            sheet.append([_cell_value(rec.get(c)) for c in columns])
        last = len(rows) + 1 + SPARE_ROWS
        choices = column_choices(table)
        for j, col in enumerate(columns, start=1):
            letter = get_column_letter(j)
            sheet.column_dimensions[letter].width = max(12, min(40, len(col) + 4))
            if col in dates:
                for (cell,) in sheet.iter_rows(min_row=2, max_row=len(rows) + 1, min_col=j, max_col=j):
                    cell.number_format = DATE_FORMAT
            if col in ("nip", "holder_nip", "position_id"):
                # Text cells: Excel would turn an 18-digit NIP into a float and lose digits.
                for (cell,) in sheet.iter_rows(min_row=2, max_row=last, min_col=j, max_col=j):
                    cell.number_format = "@"
            if col in choices:
                dv = DataValidation(type="list", formula1='"' + ",".join(choices[col]) + '"', allow_blank=True,
                                    showErrorMessage=True, errorTitle="Nilai tidak dikenal",
                                    error=f"Kolom {col}: pilih salah satu nilai dari daftar.",
                                    promptTitle=col, prompt="Pilih dari daftar", showInputMessage=True)
                dv.add(f"{letter}2:{letter}{last}")
                sheet.add_data_validation(dv)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(rows) + 1)}"
    for name, (header, rows) in (extra_sheets or {}).items():
        sheet = wb.create_sheet(name)
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = bold
        for r in rows:
            sheet.append(r)
        for j in range(1, len(header) + 1):
            sheet.column_dimensions[get_column_letter(j)].width = 24
        sheet.freeze_panes = "A2"
    wb[GUIDE_SHEET]["A1"].alignment = Alignment(wrap_text=False)
    wb.save(path)

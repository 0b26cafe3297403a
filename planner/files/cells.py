"""Text cells that a spreadsheet cannot run (CSV/formula injection, OWASP).

A spreadsheet program evaluates a cell whose text starts with ``=``, ``+``, ``-`` or ``@``
(and, after a leading tab or carriage return, whatever follows) as a formula: an employee
named ``=HYPERLINK("http://evil.example/x","klik")`` would become a live link in the
workbook the committee opens. Every writer of the planner passes its text cells through
here:

- CSV: such a field gets the conventional leading apostrophe (``'=HYPERLINK(...)``); a
  field that already starts with apostrophes before such a character gets one more, so
  :func:`csv_unquote` gives back exactly what was written;
- XLSX: the cell is stored as a string (``t="inlineStr"``, never ``<f>``) with the
  ``quotePrefix`` style, so that editing the cell in Excel or LibreOffice keeps it text;
  the value stays verbatim.

Numbers stay numbers: ``-3.5`` as a float is a number, not text, and is never touched.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

RISKY_FIRST = ("=", "+", "-", "@", "\t", "\r")
_QUOTED = re.compile(r"^'+[=+\-@\t\r]")  # a field written by csv_text with its added apostrophe
_NEEDS_QUOTE = re.compile(r"^'*[=+\-@\t\r]")


def is_risky(value: Any) -> bool:
    """A text a spreadsheet would evaluate (numbers never are)."""
    return isinstance(value, str) and value[:1] in RISKY_FIRST


def csv_text(value: Any) -> Any:
    """``value`` as a CSV field: risky text with a leading apostrophe, anything else as is."""
    if isinstance(value, str) and _NEEDS_QUOTE.match(value):
        return "'" + value
    return value


def csv_unquote(value: Any) -> Any:
    """The inverse of :func:`csv_text` for a field read back from a CSV the planner wrote."""
    if isinstance(value, str) and _QUOTED.match(value):
        return value[1:]
    return value


def _text_cells(frame: pd.DataFrame, fn) -> pd.DataFrame:
    """A copy of ``frame`` with ``fn`` applied to every cell of its text columns."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            # ``fn`` returns its argument when a cell needs nothing, which is nearly always:
            # asked once per distinct value, the column is mapped only when a cell changes.
            try:
                distinct = pd.unique(out[col])
            except TypeError:  # unhashable cells (lists): every cell, as below
                distinct = None
            if distinct is None or any(fn(v) is not v for v in distinct):
                out[col] = out[col].map(fn)
    return out


def neutral_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells (and column names) are safe CSV fields."""
    out = _text_cells(frame, csv_text)
    out.columns = [csv_text(c) if isinstance(c, str) else c for c in out.columns]
    return out


def unquote_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame read from a planner CSV with the apostrophes of :func:`csv_text` removed."""
    return _text_cells(frame, csv_unquote)


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """``frame`` to ``path`` (UTF-8, no index) with every text cell neutralised."""
    neutral_frame(frame).to_csv(path, index=False)
    return path


def csv_string(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text, every text cell neutralised (for output that may be redirected to a file)."""
    return neutral_frame(frame).to_csv(index=False)


def xlsx_text(cell) -> None:
    """Make one openpyxl cell holding risky text a plain string cell.

    openpyxl turns any ``str`` starting with ``=`` into a formula (data_type ``f``);
    forcing data_type ``s`` writes it as an inline string, and ``quotePrefix`` tells
    Excel/LibreOffice to keep it text when someone edits the cell.
    """
    if is_risky(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True


_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what XML 1.0 cannot hold (openpyxl refuses it)


def xlsx_value(value: Any) -> Any:
    """``value`` as an XLSX cell can hold it: control characters XML cannot carry become
    U+FFFD (validation should have refused them; a report must still be written)."""
    if isinstance(value, str) and _XLSX_ILLEGAL.search(value):
        return _XLSX_ILLEGAL.sub("\ufffd", value)
    return value


def xlsx_append(ws, values: Iterable[Any]) -> None:
    """``ws.append(values)`` with every text cell of the new row made safe (xlsx_value,
    then xlsx_text)."""
    ws.append([xlsx_value(v) for v in values])
    for cell in ws[ws.max_row]:
        xlsx_text(cell)


def xlsx_neutralise(wb) -> None:
    """Neutralise every risky text cell of every sheet of ``wb`` (a last pass before saving)."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" or is_risky(cell.value):
                    xlsx_text(cell)

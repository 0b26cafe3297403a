"""Findings a clerk can work through: grouped for the screen, listed whole in a file.

Eleven thousand lines saying "bukan tanggal" for one column are one problem: the screen
shows it once, per (file, sheet, column, problem), with a count and the first rows; the
full list, one finding per line, goes to an XLSX or CSV the clerk can filter and sort.
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from models.schema import Finding
from planner.files.cells import csv_text, xlsx_append

__all__ = ["LIST_COLUMNS", "Group", "default_list_path", "group", "write_list"]

SHOWN_ROWS = 5
SHOWN_VALUES = 3
LIST_COLUMNS = ("tingkat", "berkas", "lembar", "baris", "kolom", "nilai", "pesan")


def _fmt(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@dataclass
class Group:
    """Findings of one (severity, file, sheet, column, message), in input order."""

    items: list[Finding]

    @property
    def first(self) -> Finding:
        return self.items[0]

    def __str__(self) -> str:
        f = self.first
        if len(self.items) == 1:
            return str(f)
        label = "GALAT" if f.severity == "error" else "PERINGATAN"
        where = f.where_file + (f", {'kunci' if f.file.endswith(('.yaml', '.yml')) else 'kolom'} {f.column}"
                                if f.column else "")
        rows = sorted({x.row for x in self.items if x.row is not None})
        values = list(dict.fromkeys(x.value for x in self.items if x.value not in (None, "")))
        shown_values = ""
        if values:
            shown_values = "; mis. " + ", ".join(repr(v) for v in values[:SHOWN_VALUES])
            shown_values += ", …" if len(values) > SHOWN_VALUES else ""
        if rows:
            shown = ", ".join(str(r) for r in rows[:SHOWN_ROWS]) + (", …" if len(rows) > SHOWN_ROWS else "")
            return (f"[{label}] {where}: {_fmt(len(self.items))} baris — {f.message} "
                    f"(baris {shown}{shown_values})")
        return f"[{label}] {where}: {_fmt(len(self.items))} kali — {f.message}{shown_values}"


def group(findings: list[Finding]) -> list[Group]:
    """Groups in the order of their first finding (the loader puts root causes first)."""
    groups: dict[tuple, Group] = {}
    for f in findings:
        key = (f.severity, f.file, f.sheet, f.column, f.message)
        groups.setdefault(key, Group([])).items.append(f)
    return list(groups.values())


def default_list_path(scenario: Path, suffix: str = ".xlsx") -> Path:
    """Beside the scenario folder, never inside it (the folder is the clerk's input), and
    never an existing file: ``demo-daftar-galat.xlsx``, then ``-2``, ``-3``, …"""
    folder = scenario if scenario.is_dir() else scenario.parent
    folder = folder.resolve()
    base = folder.parent / f"{folder.name}-daftar-galat"
    target, n = base.with_suffix(suffix), 1
    while target.exists():
        n += 1
        target = Path(f"{base}-{n}{suffix}")
    return target


def _rows(findings: list[Finding]) -> list[list]:
    return [["galat" if f.severity == "error" else "peringatan", f.file, f.sheet or "", f.row or "",
             f.column or "", f.value or "", f.message] for f in findings]


def write_list(findings: list[Finding], target: Path) -> Path:
    """Every finding, one a line, to ``target`` (.xlsx or .csv). Never overwrites:
    FileExistsError when ``target`` exists (also when it appears while writing)."""
    suffix = target.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ValueError("nama berkas daftar galat harus berakhiran .xlsx atau .csv")
    if target.exists() or target.is_symlink():
        raise FileExistsError(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        if suffix == ".csv":
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(LIST_COLUMNS)
            w.writerows([[csv_text(v) for v in r] for r in _rows(findings)])
            # BOM: Excel opens UTF-8 CSV right only with it.
            Path(tmp).write_text(buf.getvalue(), encoding="utf-8-sig")
        else:
            import openpyxl

            wb = openpyxl.Workbook()
            ws = wb.active
            ws.title = "daftar_galat"
            ws.append(LIST_COLUMNS)
            for r in _rows(findings):
                xlsx_append(ws, r)
            ws.auto_filter.ref = ws.dimensions
            ws.freeze_panes = "A2"
            for col, width in zip("ABCDEFG", (11, 22, 14, 7, 18, 30, 90)):
                ws.column_dimensions[col].width = width
            wb.save(tmp)
        os.link(tmp, target)  # fails if target exists: no overwrite, even in a race
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target

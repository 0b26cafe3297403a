"""Forgiving reading of what clerks really save with an Indonesian-locale Excel.

The contract (docs/data-contract.md) has one spelling for everything; a spreadsheet saved
by a clerk rarely has it: ``;`` as separator, Windows-1252 bytes, ``NIP`` as a header,
``Baik`` and ``III/D`` as values, ``19800101 200501 1 001`` or ``'198001012005011001`` as
a NIP, ``01/02/1980`` or an Excel serial as a date, ``0,85`` as a number. Each of these is
turned into the contract's spelling *before* the row models see the cell, and each kind
of normalisation is reported once per file (and column) as a warning with a count, so the
clerk knows what was assumed without reading one line per cell.

What stays rejected, on purpose: anything that could be read two ways. A bare small
integer in a date column (``0``, ``86400``) is not a date; a NIP that Excel stored as a
floating-point number may have lost its last digits and is not guessed back.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Annotated, Any, get_args, get_origin

from models.enums import RANKS
from models.schema import Finding

__all__ = ["Normaliser", "decode", "detect_delimiter", "header_key", "match_header", "serial_date"]


def _fmt(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# ----------------------------------------------------------------------------- bytes


def decode(blob: bytes) -> tuple[str | None, str | None]:
    """The text of a CSV and the encoding it was read with (``None`` when it is not one
    we can read without guessing: the caller then says why).

    UTF-8 (with or without the BOM Excel's "CSV UTF-8" writes) is the contract.
    Windows-1252 is what Excel's plain "CSV" writes on an Indonesian Windows; every byte
    but five decodes, so it is tried only when the file holds no valid UTF-8 multi-byte
    sequence at all: a UTF-8 file with one damaged byte must not be turned into mojibake
    (``Ã¤``) everywhere else. NUL bytes mean UTF-16/32, which is refused.
    """
    try:
        return blob.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in blob or blob.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, None
    lenient = blob.decode("utf-8", errors="replace")
    if any(ord(c) > 0x7F and c != "\ufffd" for c in lenient):
        return None, None  # real UTF-8 with a damaged byte
    try:
        return blob.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are not Windows-1252
        return None, None


DELIMITERS = {",": "koma (,)", ";": "titik koma (;)", "\t": "tab"}


def detect_delimiter(text: str) -> str:
    """The separator of the header line: the most frequent of ``,`` ``;`` tab outside
    quotes. A comma wins ties (and a one-column header), as the contract says."""
    line = next((ln for ln in text.splitlines() if ln.strip()), "")
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


# ---------------------------------------------------------------------------- header


def header_key(name: str) -> str:
    """``' Birth Date '``, ``BIRTH_DATE`` and ``birth_date`` are one header."""
    return re.sub(r"[\s_]+", "_", name.strip().lower())


def match_header(header: list[str], fields: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Header cells renamed to the contract's names where they differ only in case,
    spaces or underscores; the renames made. A name already spelled right, or two cells
    that would both become one field, are left alone (the duplicate is then reported)."""
    wanted = {header_key(f): f for f in fields}
    keys = [header_key(h) for h in header]
    out, renamed = list(header), []
    for i, (h, k) in enumerate(zip(header, keys)):
        target = wanted.get(k)
        if target is None or h == target or target in header or keys.count(k) > 1:
            continue
        out[i] = target
        renamed.append((h, target))
    return out, renamed


# ------------------------------------------------------------------------------ cells

# Excel's 1900 date system: serial 1 is 1900-01-01, and 60 is the 29 February 1900 that
# never was, so serials above 60 count from 1899-12-30.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# A serial is read as a date only in 10000..73050 (1927-05-18 … 2099-12-31): five digits,
# the span of any PNS career record. 0 and 86400 (Unix seconds) stay rejected.
SERIAL_MIN, SERIAL_MAX = 10_000, 73_050
_SERIAL = re.compile(r"[0-9]{5}(?:\.0+)?")
_DMY = re.compile(r"([0-9]{1,2})([/-])([0-9]{1,2})\2([0-9]{4})")
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DECIMAL_COMMA = re.compile(r"-?[0-9]+,[0-9]+")
_NIP_LOOSE = re.compile(r"'?[0-9][0-9 \u00a0.]*")


def serial_date(n: int) -> dt.date | None:
    if SERIAL_MIN <= n <= SERIAL_MAX:
        return _EXCEL_EPOCH + dt.timedelta(days=n)
    return None


def _enum_values(annotation: Any) -> list[str] | None:
    """The accepted spellings of an enumerated field (enum or the rank list)."""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [m.value for m in annotation]
    if get_origin(annotation) is Annotated:
        return _enum_values(get_args(annotation)[0])
    for a in get_args(annotation):
        found = _enum_values(a)
        if found:
            return found
    return None


_RANK_FIELDS = ("rank", "min_rank")  # plain str fields checked against RANKS


def _kind_of(name: str, annotation: Any) -> str | None:
    from planner.inputs.load import _is_date  # one definition of "a date field"

    if name in ("nip", "holder_nip"):
        return "nip"
    if name in _RANK_FIELDS:
        return "enum"
    if _is_date(annotation):
        return "date"
    if _enum_values(annotation):
        return "enum"
    text = repr(annotation)
    if "float" in text:
        return "number"
    return None


# Wording of each kind of normalisation (the warning says what was assumed).
_WHAT = {
    "nip_space": "NIP ditulis dengan spasi atau titik; dibaca tanpa spasi",
    "nip_apostrophe": "NIP diawali tanda petik (') seperti ekspor SIASN; tanda petik diabaikan",
    "nip_number": "NIP tersimpan sebagai angka (18 digit utuh); dibaca sebagai teks",
    "date_dmy": "tanggal ditulis hh/bb/tttt atau hh-bb-tttt; dibaca sebagai hari/bulan/tahun",
    "date_serial": (f"tanggal berupa nomor seri Excel (angka {_fmt(SERIAL_MIN)}–{_fmt(SERIAL_MAX)}); "
                    "dibaca sebagai tanggal"),
    "enum_case": "nilai ditulis dengan huruf besar/kecil atau spasi berbeda; dibaca sebagai ejaan kontrak",
    "decimal_comma": "angka memakai koma desimal; dibaca sebagai titik desimal",
}


@dataclass
class Normaliser:
    """Normalises the cells of one table and counts what it did, per column and kind."""

    fields: dict[str, Any]  # field name -> annotation
    counts: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # (column, kind) -> rows

    def __post_init__(self) -> None:
        self.kinds = {n: _kind_of(n, a) for n, a in self.fields.items()}
        self.enums = {n: {header_key(v): v for v in (RANKS if n in _RANK_FIELDS else _enum_values(a) or [])}
                      for n, a in self.fields.items() if self.kinds[n] == "enum"}

    def _note(self, column: str, kind: str, row: int) -> None:
        self.counts.setdefault((column, kind), []).append(row)

    def cell(self, column: str, value: str, row: int) -> str:
        kind = self.kinds.get(column)
        if not value or kind is None:
            return value
        if kind == "nip":
            return self.nip(column, value, row)
        if kind == "date":
            return self._date(column, value, row)
        if kind == "enum":
            canon = self.enums[column].get(header_key(value))
            if canon is not None and canon != value:
                self._note(column, "enum_case", row)
                return canon
            return value
        if kind == "number" and _DECIMAL_COMMA.fullmatch(value):
            self._note(column, "decimal_comma", row)
            return value.replace(",", ".")
        return value

    def nip(self, column: str, value: str, row: int) -> str:
        if not _NIP_LOOSE.fullmatch(value):
            return value
        s = value
        if s.startswith("'"):
            s = s[1:]
            kind = "nip_apostrophe"
        else:
            kind = "nip_space"
        digits = re.sub(r"[ \u00a0.]", "", s)
        # Only an 18-digit result is a NIP read right; anything else is left as written
        # so that the message shows what the clerk typed.
        if len(digits) != 18 or digits == value:
            return value
        self._note(column, kind, row)
        return digits

    def number_nip(self, column: str, value: int, row: int) -> str | None:
        """An XLSX numeric NIP cell: kept when it is an exact integer of 18 digits (the
        file held every digit); None when digits may have been lost (a float)."""
        if isinstance(value, int) and not isinstance(value, bool) and len(str(value)) == 18:
            self._note(column, "nip_number", row)
            return str(value)
        return None

    def _date(self, column: str, value: str, row: int) -> str:
        if _ISO.fullmatch(value):
            return value
        m = _DMY.fullmatch(value)
        if m:
            d, _, mo, y = m.groups()
            self._note(column, "date_dmy", row)
            # An impossible day (31/02/2020) is left to the schema, which says so.
            return f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
        if _SERIAL.fullmatch(value):
            day = serial_date(int(float(value)))
            if day is not None:
                self._note(column, "date_serial", row)
                return day.isoformat()
        return value

    def findings(self, file: str, sheet: str | None) -> list[Finding]:
        out = []
        for (column, kind), rows in self.counts.items():
            shown = ", ".join(str(r) for r in rows[:5]) + (", …" if len(rows) > 5 else "")
            out.append(Finding(severity="warning", file=file, sheet=sheet, column=column,
                               message=f"{_WHAT[kind]} ({_fmt(len(rows))} baris: {shown})"))
        return out

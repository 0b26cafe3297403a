"""Indonesian formats for everything a person reads in the report pack.

Numbers use a dot between thousands and a comma before decimals (``22.841,1``), dates
the month's name (``1 Desember 2026``), booleans ``Ya``/``Tidak``. The HTML template,
the workbook's text cells, the plots' labels and the PDF all format through here, so one
change of convention lands everywhere. Pure functions, no I/O.
"""
from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any

from models.numbers import angka, tanggal_dari
DASH = "–"
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def num(x: Any, digits: int = 1) -> str:
    """``22841.103`` → ``22.841,1``; ``-2400`` → ``−2.400,0``; None/NaN → ``–``."""
    if x is None or isinstance(x, str) or (isinstance(x, float) and math.isnan(x)):
        return DASH if x is None or not isinstance(x, str) else x
    return angka(x, digits)


def integer(x: Any) -> str:
    """``1234`` → ``1.234``."""
    return num(x, 0)


def pct(x: Any, digits: int = 1) -> str:
    """A share (0.0532) as ``5,3%``."""
    return DASH if x is None else num(float(x) * 100, digits) + "%"


def as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def tanggal(value: Any) -> str:
    """``2026-12-01`` → ``1 Desember 2026``; text that is not a date is returned as is."""
    d = as_date(value)
    if d is None:
        return DASH if value in (None, "") else str(value)
    return tanggal_dari(d)


def waktu(value: datetime) -> str:
    """``1 Desember 2026 pukul 23.05``."""
    return f"{tanggal(value)} pukul {value:%H.%M}"


def ya_tidak(value: Any) -> str:
    return "Ya" if bool(value) else "Tidak"


def bulan(months: int | None) -> str:
    """A duration in months as ``5 tahun 3 bulan``."""
    if months is None:
        return DASH
    y, m = divmod(int(months), 12)
    parts = ([f"{y} tahun"] if y else []) + ([f"{m} bulan"] if m or not y else [])
    return " ".join(parts)


def text(s: Any) -> str:
    """Free text from the planner with its ISO dates in Indonesian (``sejak 2017-12-28`` →
    ``sejak 28 Desember 2017``)."""
    if s is None:
        return ""
    return _ISO_DATE.sub(lambda m: tanggal(m.group(0)), str(s))

"""Numbers and dates as an Indonesian reader writes them: 22.841,1 (thousands with dots,
decimal comma); 1 Desember 2026.

The one formatter, at the bottom of the layers so that every stage that prints a number
for a person (the solver's progress lines, the plan's reason details, the reports) says it
the same way; reports.fmt.num adds the dash for a missing value.
"""
from __future__ import annotations

from datetime import date

MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]


def angka(x: float, digits: int = 1) -> str:
    """``22841.103`` → ``22.841,1``; ``-2400`` → ``−2.400,0``; a value that rounds to zero has no sign."""
    s = f"{abs(float(x)):,.{digits}f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    negative = float(x) < 0 and any(ch not in "0.," for ch in s)
    return ("−" if negative else "") + s


def tanggal_dari(d: date) -> str:
    """``date(2026, 12, 1)`` → ``1 Desember 2026`` (reports.fmt.tanggal adds parsing and the dash)."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"

"""NIP masking for the copies that circulate beyond the committee (labels: models.labels).

Pure data and string helpers; nothing here reads files or knows the solver.
"""
from __future__ import annotations

import re

_NIP = re.compile(r"\d{18}")


def mask_nip(nip: str | None) -> str | None:
    """``198005052006042002`` → ``**************2002``: the birth date and TMT CPNS are hidden.

    Only the last four digits (gender digit and serial) remain, so a reader can tell two
    people apart in one pack without learning who they are from the NIP alone.
    """
    if nip is None:
        return None
    s = str(nip)
    if len(s) <= 4:
        return s
    return "*" * (len(s) - 4) + s[-4:]


def mask_text(text: str) -> str:
    """Every 18-digit NIP inside free text masked (details, messages)."""
    return _NIP.sub(lambda m: mask_nip(m.group(0)), text)

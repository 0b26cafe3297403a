"""Words the committee reads, and NIP masking: shared by the report pack and ``planner explain``.

Pure data and string helpers; nothing here reads files or knows the solver.
"""
from __future__ import annotations

import re

# Unfilled.reason codes (planner.plan.extract.unfilled_from) in the committee's words.
REASON_LABEL: dict[str, str] = {
    "kurang_kandidat": "Kandidat yang memenuhi syarat kurang dari rasio 1:3",
    "seleksi_terbuka": "Diisi melalui seleksi terbuka (JPT)",
    "dicadangkan": "Dicadangkan untuk seleksi terbuka",
    "pemegang_tetap": "Pemegang jabatan tidak dapat berpindah / kandidat dikunci",
    "kandidat_terpakai": "Kandidat lebih bernilai di jabatan lain",
    "tidak_terpilih": "Tidak terpilih dalam putaran ini",
}

# Unfilled.recommendation codes.
RECOMMENDATION_LABEL: dict[str, str] = {
    "seleksi_terbuka": "Seleksi terbuka",
    "seleksi_internal": "Seleksi internal (uji kompetensi di lingkungan pemerintah daerah)",
    "pengembangan_talenta": "Pengembangan talenta dari kelompok rencana suksesi",
    "tetap": "Tetap (tidak diisi dalam putaran ini)",
}

# Move.chain_kind.
CHAIN_KIND_LABEL: dict[str, str] = {
    "rantai": "rantai kekosongan (setiap mutasi mengisi jabatan yang ditinggalkan mutasi berikutnya)",
    "tukar": "tukar jabatan (dua pejabat bertukar)",
    "rotasi": "rotasi melingkar (tiga pejabat atau lebih saling menggantikan)",
    "tunggal": "mutasi tunggal",
}


BOOL_LABEL = {True: "Ya", False: "Tidak"}

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

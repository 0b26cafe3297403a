"""The one table of Indonesian labels: every code of the data contract and of the plan, in the
words the committee reads. Reports, explanations, the comparison and the CLI read it here;
objective-term labels are in models.terms, rule labels are rendered from the rule pack.
"""
from __future__ import annotations

# Kinds of post and move types (models.enums).
KIND_LABEL: dict[str, str] = {
    "jpt_madya": "JPT Madya",
    "jpt_pratama": "JPT Pratama",
    "administrator": "Administrator",
    "pengawas": "Pengawas",
    "pelaksana": "Pelaksana",
    "jf": "Jabatan Fungsional",
}
MOVE_TYPE_LABEL: dict[str, str] = {"vertical": "vertikal", "horizontal": "horizontal", "diagonal": "diagonal"}



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


# KPI rows in display order: key → label the committee reads. Keys not listed here but
# present in a plan's kpis are appended with their key as label.
KPI_LABELS: dict[str, str] = {
    "posts_filled": "Jabatan terisi",
    "vacancies_filled": "Kekosongan terisi (neto)",
    "vacant_before": "Jabatan kosong sebelum",
    "vacant_after": "Jabatan kosong sesudah",
    "critical_filled": "Jabatan kritis terisi",
    "critical_vacant_before": "Jabatan kritis kosong sebelum",
    "mean_nine_box_chosen": "Rata-rata nine-box yang terpilih",
    "overdue_rotated": "Pejabat lewat masa jabatan yang dirotasi",
    "units_affected": "Perangkat daerah terdampak",
    "moves": "Jumlah mutasi",
    "moves_vertical": "Mutasi vertikal",
    "moves_horizontal": "Mutasi horizontal",
    "moves_diagonal": "Mutasi diagonal",
    "chains": "Rantai/tukar/rotasi",
    "posts_in_scope": "Jabatan dalam cakupan",
}
CHANGE_LABELS = {
    "added": "mutasi baru",
    "removed": "mutasi batal",
    "changed_post": "orang sama, jabatan lain",
    "changed_person": "jabatan sama, orang lain",
}

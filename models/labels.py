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

# Why a better-scoring eligible candidate was not chosen for a filled post (passed_over.csv).
PASSED_OVER_REASON_LABEL: dict[str, str] = {
    "placed_elsewhere": "ditempatkan di jabatan lain dalam putaran ini",
    "own_post_unfilled": "jabatannya sendiri akan kosong tanpa pengganti yang memenuhi syarat",
    "equal_post": "sudah menduduki jabatan setara; memindahkannya hanya memindahkan kekosongan",
    "kept": "ditetapkan tetap di jabatannya (keep) dalam skenario",
    "locked_elsewhere": "dikunci ke jabatan lain dalam skenario",
    "banned": "dilarang untuk jabatan ini (ban) dalam skenario",
    "reserved": "jabatannya sendiri dicadangkan dalam skenario",
    "nomination_cap": "sudah dicalonkan pada jumlah jabatan paling banyak",
    "round_size_cap": "batas jumlah pejabat yang dimutasi dalam putaran sudah tercapai",
    "unit_cap": "batas perubahan pejabat di perangkat daerahnya sudah tercapai",
    "not_in_model": "tidak masuk model karena pemangkasan kandidat (solver.candidates_per_post)",
    "round_value": "memilihnya menurunkan nilai putaran secara keseluruhan",
}

# The plan's message when the strict merit order yields to the rules or the filling of posts
# (planner.plan.assemble); the CLI shows messages that start with the prefix on their own line.
MERIT_ORDER_UNSERVED_PREFIX = "Urutan merit ketat tidak terpenuhi"
MERIT_ORDER_UNSERVED = (MERIT_ORDER_UNSERVED_PREFIX + " untuk {n} calon yang lebih kuat: aturan putaran atau "
                        "pengisian jabatan didahulukan; alasan masing-masing ada pada daftar calon yang dilewati "
                        "(passed_over.csv).")

# passed_over.csv / Plan.passed_over as the committee reads it (explain, report, workbook).
PASSED_OVER_HEADING = "Kandidat bernilai lebih tinggi yang tidak dipilih"
PASSED_OVER_COLUMN_LABEL: dict[str, str] = {
    "position_id": "Kode Jabatan", "nip": "NIP", "name": "Nama", "score": "Nilai",
    "chosen_nip": "NIP yang Diusulkan", "chosen_name": "Nama yang Diusulkan", "chosen_score": "Nilai yang Diusulkan",
    "reason": "Alasan", "detail": "Uraian",
}

# The facts the committee weighs about every nominee (models.plan.NomineeFacts), in display order.
NOMINEE_FACT_LABEL: dict[str, str] = {
    "performance": "Kinerja 2 tahun terakhir",
    "nine_box": "Kotak talenta dan saran BKN",
    "jpm": "JPM (tanggal asesmen)",
    "pool": "Kelompok rencana suksesi",
    "tenure": "Masa dalam jabatan sekarang",
    "discipline": "Hukuman disiplin",
    "rumpun": "Rumpun jabatan",
    "move": "Jenis mutasi dan dasar hukum",
}
NOMINEE_FACTS_HEADING = "Fakta yang ditimbang"
# The same facts two to a row on the post page of the report (the printed pack's page budget).
NOMINEE_FACT_PAIR_LABEL: list[tuple[str, tuple[str, ...]]] = [
    # kept to one printed line of the rule column; the order of the two ratings is stated in part C's note
    ("Kinerja 2 tahun; kotak talenta", ("performance", "nine_box")),
    ("JPM (asesmen); rencana suksesi", ("jpm", "pool")),
    ("Masa jabatan; hukuman disiplin", ("tenure", "discipline")),
    ("Rumpun jabatan", ("rumpun",)),
]
# Predikat kinerja (models.enums.Performance), PermenPANRB 6/2022.
PERFORMANCE_LABEL: dict[str, str] = {
    "sangat_baik": "sangat baik", "baik": "baik", "butuh_perbaikan": "butuh perbaikan", "kurang": "kurang",
    "sangat_kurang": "sangat kurang",
}
READINESS_LABEL: dict[str, str] = {"ready_now": "siap sekarang (ready now)",
                                   "need_development": "perlu pengembangan"}
DISCIPLINE_LEVEL_LABEL: dict[str, str] = {"ringan": "ringan", "sedang": "sedang", "berat": "berat"}

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
    "officials": "Pejabat struktural dalam cakupan",
    "officials_moved": "Pejabat struktural yang dimutasi",
    "max_officials_moved": "Batas pejabat yang dimutasi dalam putaran",
}
CHANGE_LABELS = {
    "added": "mutasi baru",
    "removed": "mutasi batal",
    "changed_post": "orang sama, jabatan lain",
    "changed_person": "jabatan sama, orang lain",
}


# Pangkat of each golongan ruang (PP 99/2000 Lampiran I), as an SK names it.
PANGKAT_LABEL: dict[str, str] = {
    "I/a": "Juru Muda", "I/b": "Juru Muda Tingkat I", "I/c": "Juru", "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda", "II/b": "Pengatur Muda Tingkat I", "II/c": "Pengatur", "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda", "III/b": "Penata Muda Tingkat I", "III/c": "Penata", "III/d": "Penata Tingkat I",
    "IV/a": "Pembina", "IV/b": "Pembina Tingkat I", "IV/c": "Pembina Utama Muda", "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}

# Rule-pack parameters (planner.rules.pack.PARAMETERS) in the committee's words.
PARAMETER_LABEL: dict[str, str] = {
    "retirement_age": "Batas usia pensiun (BUP) menurut jenis jabatan",
    "max_age_jpt_pratama": "Usia paling tinggi untuk JPT Pratama",
    "max_age_jpt_madya": "Usia paling tinggi untuk JPT Madya",
    "min_years_before_bup_structural": "Sisa masa kerja paling singkat sebelum BUP (pengawas, administrator)",
    "min_experience_pengawas_years": "Pengalaman paling singkat sebelum jabatan pengawas",
    "min_time_in_level_pengawas_years": "Masa paling singkat di jenjang sekarang sebelum jabatan pengawas",
    "min_experience_administrator_years": "Pengalaman paling singkat sebelum jabatan administrator",
    "min_experience_jpt_pratama_years": "Pengalaman paling singkat sebelum JPT Pratama",
    "jpt_pratama_experience_from": "Jabatan yang dihitung sebagai pengalaman untuk JPT Pratama",
    "jpt_pratama_experience_fallback_from": "Jabatan yang juga dihitung bila pelamar seleksi terbuka kurang",
    "min_cumulative_related_years_jpt": "Pengalaman kumulatif di bidang terkait sebelum JPT",
    "min_years_jpt_for_sekda": "Masa paling singkat dalam JPT Pratama sebelum Sekretaris Daerah",
    "sekda_two_jpt_preferred": "Pernah menduduki dua JPT Pratama diutamakan untuk Sekretaris Daerah",
    "min_years_in_lower_eselon": "Masa paling singkat di eselon bawah sebelum naik eselon",
    "min_education": "Pendidikan paling rendah menurut jenis jabatan",
    "min_rank_by_eselon": "Golongan paling rendah menurut eselon",
    "promotion_min_performance": "Predikat kinerja paling rendah untuk promosi",
    "promotion_performance_years": "Jumlah tahun terakhir dengan predikat kinerja tersebut",
    "pool_boxes": "Kotak talenta kelompok rencana suksesi",
    "pool_required_for": "Jabatan yang diisi dari kelompok rencana suksesi (promosi)",
    "pool_exempt_open_selection_from": "Jabatan asal yang melalui seleksi terbuka tanpa syarat kelompok rencana suksesi",
    "pool_requires_ready_now": "Anggota kelompok rencana suksesi harus siap sekarang (ready now)",
    "bup_reference": "Tanggal BUP yang dipakai untuk syarat sebelum BUP",
    "tenure_min_years": "Masa paling singkat dalam jabatan sebelum mutasi",
    "tenure_max_years": "Masa paling lama dalam satu jabatan",
    "tenure_exempt_from": "Jabatan yang dikecualikan dari masa paling singkat dalam jabatan",
    "new_jpt_protection_years": "JPT tidak diganti dalam masa sejak pelantikan",
    "discipline_bars_move": "PNS yang menjalani hukuman disiplin tidak dimutasi",
    "discipline_cooldown_years": "Masa sesudah hukuman disiplin berakhir",
    "discipline_levels": "Tingkat hukuman disiplin yang diperhitungkan",
    "jpt_open_selection": "JPT diisi melalui seleksi terbuka",
    "election_window_months_before": "Larangan penggantian pejabat sebelum penetapan pasangan calon",
    "election_window_months_after_inauguration": "Larangan penggantian pejabat sesudah pelantikan kepala daerah",
    "shortlist_ratio": "Jumlah calon untuk satu jabatan",
    "jf_to_structural_same_rumpun": "Perpindahan dari JF ke JA/JPT harus dalam rumpun yang sama",
    "same_rumpun_bars_move": "Rumpun berbeda menghalangi perpindahan (tidak: dipertimbangkan Tim Penilai Kinerja (Baperjakat))",
    "rumpun_mismatch_points": "Pengurang poin untuk calon dari rumpun lain (bila rumpun dipertimbangkan), dan bila berpengalaman di rumpun tujuan",
    "overdue_years": "Masa dalam jabatan yang mewajibkan rotasi (tour of duty)",
    "unit_change_cap_share": "Bagian terbesar jabatan terisi satu perangkat daerah yang ditinggalkan dalam satu putaran",
    "open_selection_applicants_short": "Seleksi terbuka JPT Pratama belum memenuhi jumlah minimal pelamar",
    "tenure_min_exceptions": "Alasan mutasi sebelum masa paling singkat (kinerja, kualifikasi, pelanggaran)",
    "target_not_met_below": "Predikat kinerja terakhir di bawah ini: target kinerja tidak tercapai",
    "tenure_max_exempt_from": "Jabatan yang dikecualikan dari masa paling lama dalam jabatan",
    "no_promotion_boxes": "Kotak talenta yang tidak dipindah ke jabatan setingkat lebih tinggi",
    "low_talent_boxes": "Kotak talenta yang tidak diusulkan untuk jabatan kritis atau eselon lebih tinggi",
    "low_talent_allowed": "Skenario mengizinkan kotak talenta itu ke jabatan kritis atau eselon lebih tinggi",
    "low_rating_below": "Predikat kinerja terakhir paling rendah untuk jabatan kritis atau eselon lebih tinggi",
    "low_rating_allowed": "Skenario mengizinkan predikat di bawahnya ke jabatan kritis atau eselon lebih tinggi",
    "nine_box_advice": "Rekomendasi BKN per kotak talenta",
    "pengawas_experience_from": "Jabatan yang dihitung sebagai pengalaman sebelum pengawas",
    "time_in_level_pengawas_from": "Jabatan yang dihitung sebagai masa dalam jenjang sebelum pengawas",
    "administrator_experience_from": "Jabatan yang dihitung sebagai pengalaman sebelum administrator",
    "spread_share": "Bagian pejabat suatu perangkat daerah yang boleh berpindah sebelum pemerataan diperhitungkan",
    "merit_rank_points": "Poin kepangkatan di atas syarat paling rendah (per tingkat, paling banyak)",
    "merit_education_points": "Poin pendidikan di atas syarat paling rendah (per tingkat, paling banyak)",
    "leadership_training_required_for": "Jabatan yang mensyaratkan pelatihan kepemimpinan sesuai jenjang",
    "leadership_training_bars_move": "Belum mengikuti pelatihan kepemimpinan menghalangi pengangkatan (tidak: ditandai)",
    "merit_training_points": "Poin pelatihan kepemimpinan sesuai jenjang",
    "merit_sekda_jpt_points": "Poin calon Sekda yang pernah menduduki 2 JPT Pratama",
    "merit_training_for": "Pelatihan kepemimpinan yang sesuai untuk tiap jenjang jabatan",
    "merit_innovation_points": "Poin inovasi",
    "merit_award_points": "Poin penghargaan menurut tingkat",
    "merit_performance_points": "Poin predikat kinerja",
    "discipline_record_penalty": "Pengurang poin untuk riwayat hukuman disiplin (bila ditimbang, bukan larangan)",
}
# The unit each rule-pack parameter is counted in (rendered after its value).
PARAMETER_UNIT: dict[str, str] = {
    "retirement_age": "tahun", "max_age_jpt_pratama": "tahun", "max_age_jpt_madya": "tahun",
    "min_years_before_bup_structural": "tahun", "min_experience_pengawas_years": "tahun",
    "min_time_in_level_pengawas_years": "tahun", "min_experience_administrator_years": "tahun",
    "min_experience_jpt_pratama_years": "tahun", "min_cumulative_related_years_jpt": "tahun",
    "min_years_jpt_for_sekda": "tahun", "min_years_in_lower_eselon": "tahun", "promotion_performance_years": "tahun",
    "tenure_min_years": "tahun", "tenure_max_years": "tahun", "new_jpt_protection_years": "tahun",
    "discipline_cooldown_years": "tahun", "election_window_months_before": "bulan",
    "election_window_months_after_inauguration": "bulan", "overdue_years": "tahun",
}
# Keys and codes that appear inside rule-pack values.
VALUE_LABEL: dict[str, str] = {
    "ja": "JA (administrator, pengawas, pelaksana)", "jpt": "JPT", "jf_keterampilan": "JF keterampilan",
    "jf_ahli_pertama": "JF ahli pertama", "jf_ahli_muda": "JF ahli muda", "jf_ahli_madya": "JF ahli madya",
    "jf_ahli_utama": "JF ahli utama", "jpt_madya": "JPT Madya", "jpt_pratama": "JPT Pratama",
    "administrator": "administrator", "pengawas": "pengawas", "pelaksana": "pelaksana", "jf": "JF",
    "ahli_madya": "ahli madya", "ahli_muda": "ahli muda", "ahli_pertama": "ahli pertama", "ahli_utama": "ahli utama",
    "baik": "baik", "sangat_baik": "sangat baik", "ringan": "ringan", "sedang": "sedang", "berat": "berat",
    "birthday": "tanggal mencapai usia BUP", "pension_start": "TMT pensiun (tanggal 1 bulan berikutnya)",
}

# Short names of the objective terms (models.terms) for the one-line score breakdown of each
# post in the Baperjakat pack; the full labels are in its technical appendix.
TERM_SHORT_LABEL: dict[str, str] = {
    "fill": "pengisian", "vacated": "jabatan ditinggalkan", "fit_left": "kecocokan di jabatan lama",
    "nine_box": "kotak talenta", "jpm": "JPM", "merit": "unsur penilaian", "cross_unit": "lintas perangkat daerah",
    "overdue_rotation": "rotasi lewat masa jabatan", "move_cost": "biaya perpindahan",
    "unit_spread": "pemerataan", "nomination": "calon pendamping",
    "level": "bobot jenjang", "choice": "calon terkuat", "sekda_experience": "2 kali JPT Pratama (Sekda)",
    "rumpun_fit": "rumpun jabatan",
}

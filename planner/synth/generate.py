"""Realistic synthetic scenarios: the job map, staff, careers and sanctions of a region.

``generate_scenario(size, seed, out_dir)`` writes a scenario folder in the data contract
(``shared/docs/data-contract.md``) for a synthetic *kabupaten* (``kecil``, ``kabupaten``)
or *provinsi*: real OPD structure and Indonesian titles, people whose NIP, age, rank,
education and career record agree with each other and with the rules the planner
enforces (4 years as pelaksana/JF before pengawas, 3 as pengawas before administrator,
2 in III.a before JPT, BUP, ...).

Determinism: one ``numpy.random.Generator(PCG64(seed))`` drawn in a fixed order, lists
and tuples only (no set or dict-of-hash iteration), no clock. Same seed, same bytes.
Large volumes (pelaksana and JF seats, their holders) are drawn vectorised; OPD and
structural posts are plain loops; career records are a loop over pre-drawn numbers.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from numpy.random import PCG64, Generator

from models.enums import (
    EDUCATION_ORDER,
    JF_KEAHLIAN,
    JF_LEVEL_ORDER,
    POOL_BOXES,
    RANK_ORDER,
    RANKS,
    AwardLevel,
    DisciplineLevel,
    Education,
    Eselon,
    JfLevel,
    Kind,
    LeadershipTraining,
    Performance,
    Potential,
    Readiness,
    nine_box,
)

__all__ = ["SIZES", "generate_scenario"]

YEAR = 365.2425  # days
_EPOCH = date(1970, 1, 1)

# --------------------------------------------------------------------------- sizes


@dataclass(frozen=True)
class SizeSpec:
    """How big a region is and how its OPD are cut."""

    level: str  # "kabupaten" or "provinsi"
    employees: int  # target head count (PNS with or without a post)
    kecamatan: int = 0
    kelurahan: int = 0  # kelurahan posts, all in the first kecamatan(s)
    puskesmas: int = 0
    bidang: int = 4  # bidang per dinas/badan (at most what the catalogue lists)
    seksi: int = 3  # seksi/subbidang per bidang
    subbag: int = 3  # subbagian in a sekretariat
    upt: int = 9  # UPT per OPD (kabupaten) at most
    kec_seksi: int = 5
    kec_subbag: int = 2
    irban: int = 4
    wadir: bool = True
    kecil_only: bool = False  # use the reduced OPD list of a small kabupaten
    cadisdik: int = 0  # provinsi: cabang dinas pendidikan
    uptd_ppd: int = 0  # provinsi: UPTD pengelolaan pendapatan daerah (samsat)
    uptd_pjj: int = 0  # provinsi: UPTD pengelolaan jalan dan jembatan
    uptd_kph: int = 0  # provinsi: UPTD kesatuan pengelolaan hutan
    uptd_psda: int = 0  # provinsi: UPTD pengelolaan sumber daya air


SIZES: dict[str, SizeSpec] = {
    "kecil": SizeSpec(level="kabupaten", employees=1500, kecamatan=7, kelurahan=3, puskesmas=8,
                      bidang=3, seksi=2, subbag=2, upt=0, kec_seksi=4, kec_subbag=1, irban=3,
                      wadir=False, kecil_only=True),
    "kabupaten": SizeSpec(level="kabupaten", employees=6000, kecamatan=20, kelurahan=8, puskesmas=26,
                          bidang=4, seksi=3, subbag=3, upt=2, kec_seksi=5, kec_subbag=2, irban=4),
    "provinsi": SizeSpec(level="provinsi", employees=25000, bidang=5, seksi=3, subbag=3, upt=0,
                         irban=5, cadisdik=12, uptd_ppd=14, uptd_pjj=6, uptd_kph=8, uptd_psda=4),
}

# --------------------------------------------------------------------------- vocabularies

LEVEL_LABEL: dict[str, str] = {
    "pemula": "Pemula", "terampil": "Terampil", "mahir": "Mahir", "penyelia": "Penyelia",
    "ahli_pertama": "Ahli Pertama", "ahli_muda": "Ahli Muda", "ahli_madya": "Ahli Madya",
    "ahli_utama": "Ahli Utama",
}
_LV = {"pm": "pemula", "tr": "terampil", "mh": "mahir", "py": "penyelia",
       "ap": "ahli_pertama", "am": "ahli_muda", "ad": "ahli_madya", "au": "ahli_utama"}

# Jabatan fungsional: key -> (name, levels with weights, share of women).
# Levels "tr:3 mh:2" = terampil weight 3, mahir weight 2.
_JF_TABLE: tuple[tuple[str, str, str, float], ...] = (
    ("guru", "Guru", "ap:30 am:32 ad:38", 0.68),
    ("pengawas_sekolah", "Pengawas Sekolah", "am:30 ad:70", 0.40),
    ("penilik", "Penilik", "ap:30 am:45 ad:25", 0.45),
    ("pamong_belajar", "Pamong Belajar", "ap:40 am:40 ad:20", 0.50),
    ("pamong_budaya", "Pamong Budaya", "ap:50 am:35 ad:15", 0.50),
    ("perawat", "Perawat", "tr:22 mh:20 py:10 ap:26 am:17 ad:5", 0.72),
    ("bidan", "Bidan", "tr:30 mh:25 py:12 ap:20 am:13", 1.00),
    ("dokter", "Dokter", "ap:35 am:35 ad:27 au:3", 0.55),
    ("dokter_gigi", "Dokter Gigi", "ap:40 am:40 ad:20", 0.65),
    ("apoteker", "Apoteker", "ap:50 am:35 ad:15", 0.70),
    ("asisten_apoteker", "Asisten Apoteker", "tr:45 mh:35 py:20", 0.75),
    ("pranata_lab", "Pranata Laboratorium Kesehatan", "tr:30 mh:25 py:10 ap:20 am:15", 0.65),
    ("nutrisionis", "Nutrisionis", "tr:35 mh:20 ap:30 am:15", 0.85),
    ("sanitarian", "Tenaga Sanitasi Lingkungan", "tr:35 mh:25 py:10 ap:20 am:10", 0.55),
    ("epidemiolog", "Epidemiolog Kesehatan", "ap:50 am:35 ad:15", 0.55),
    ("penyuluh_kesmas", "Penyuluh Kesehatan Masyarakat", "ap:45 am:40 ad:15", 0.65),
    ("perekam_medis", "Perekam Medis", "tr:45 mh:30 py:10 ap:15", 0.60),
    ("radiografer", "Radiografer", "tr:40 mh:35 py:10 ap:15", 0.45),
    ("fisioterapis", "Fisioterapis", "tr:40 mh:35 ap:25", 0.60),
    ("administrator_kesehatan", "Administrator Kesehatan", "ap:45 am:40 ad:15", 0.55),
    ("auditor", "Auditor", "tr:10 mh:8 ap:35 am:32 ad:15", 0.45),
    ("p2upd", "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", "ap:40 am:40 ad:20", 0.40),
    ("pranata_komputer", "Pranata Komputer", "tr:25 mh:15 py:5 ap:35 am:17 ad:3", 0.40),
    ("pranata_humas", "Pranata Hubungan Masyarakat", "tr:25 mh:20 ap:35 am:20", 0.55),
    ("statistisi", "Statistisi", "ap:50 am:40 ad:10", 0.55),
    ("sandiman", "Sandiman", "tr:35 mh:25 ap:25 am:15", 0.30),
    ("analis_kebijakan", "Analis Kebijakan", "ap:40 am:40 ad:20", 0.45),
    ("perencana", "Perencana", "ap:35 am:40 ad:25", 0.45),
    ("analis_sdma", "Analis Sumber Daya Manusia Aparatur", "ap:40 am:40 ad:20", 0.55),
    ("pranata_sdma", "Pranata Sumber Daya Manusia Aparatur", "tr:45 mh:35 py:20", 0.55),
    ("asesor_sdma", "Asesor Sumber Daya Manusia Aparatur", "ap:50 am:40 ad:10", 0.55),
    ("analis_keuangan", "Analis Keuangan Pusat dan Daerah", "ap:45 am:40 ad:15", 0.55),
    ("perancang_uu", "Perancang Peraturan Perundang-undangan", "ap:40 am:40 ad:20", 0.50),
    ("analis_hukum", "Analis Hukum", "ap:45 am:40 ad:15", 0.50),
    ("polpp", "Polisi Pamong Praja", "tr:35 mh:30 py:15 ap:12 am:8", 0.15),
    ("damkar", "Pemadam Kebakaran", "pm:15 tr:45 mh:30 py:10", 0.05),
    ("analis_kebakaran", "Analis Kebakaran", "ap:60 am:40", 0.20),
    ("adminduk", "Administrator Database Kependudukan", "ap:55 am:45", 0.50),
    ("penyuluh_pertanian", "Penyuluh Pertanian", "tr:20 mh:20 py:10 ap:25 am:20 ad:5", 0.35),
    ("popt", "Pengendali Organisme Pengganggu Tumbuhan", "tr:35 mh:25 ap:25 am:15", 0.35),
    ("medik_veteriner", "Medik Veteriner", "ap:45 am:40 ad:15", 0.45),
    ("paramedik_veteriner", "Paramedik Veteriner", "tr:45 mh:35 py:20", 0.35),
    ("pengawas_benih", "Pengawas Benih Tanaman", "tr:30 mh:25 ap:25 am:20", 0.35),
    ("analis_ketahanan_pangan", "Analis Ketahanan Pangan", "ap:50 am:40 ad:10", 0.55),
    ("pengawas_mutu_pangan", "Pengawas Mutu Hasil Pertanian", "tr:30 mh:20 ap:30 am:20", 0.50),
    ("penyuluh_perikanan", "Penyuluh Perikanan", "tr:25 mh:20 ap:30 am:20 ad:5", 0.35),
    ("pengawas_perikanan", "Pengawas Perikanan", "tr:30 mh:25 ap:25 am:20", 0.25),
    ("pekerja_sosial", "Pekerja Sosial", "tr:25 mh:20 py:5 ap:30 am:20", 0.60),
    ("penyuluh_sosial", "Penyuluh Sosial", "ap:50 am:40 ad:10", 0.55),
    ("penguji_kendaraan", "Penguji Kendaraan Bermotor", "tr:35 mh:30 py:10 ap:15 am:10", 0.10),
    ("pengendali_dampak", "Pengendali Dampak Lingkungan", "ap:45 am:40 ad:15", 0.50),
    ("pengawas_lh", "Pengawas Lingkungan Hidup", "ap:50 am:40 ad:10", 0.40),
    ("teknik_jalan", "Teknik Jalan dan Jembatan", "tr:25 mh:20 ap:30 am:20 ad:5", 0.20),
    ("teknik_pengairan", "Teknik Pengairan", "tr:25 mh:20 ap:30 am:20 ad:5", 0.20),
    ("penata_ruang", "Penata Ruang", "ap:45 am:40 ad:15", 0.40),
    ("teknik_bangunan", "Teknik Tata Bangunan dan Perumahan", "tr:25 mh:20 ap:30 am:25", 0.30),
    ("arsiparis", "Arsiparis", "tr:30 mh:20 py:10 ap:25 am:15", 0.60),
    ("pustakawan", "Pustakawan", "tr:30 mh:20 py:10 ap:25 am:15", 0.65),
    ("pengelola_pbj", "Pengelola Pengadaan Barang/Jasa", "ap:45 am:40 ad:15", 0.40),
    ("penera", "Penera", "tr:30 mh:25 py:10 ap:20 am:15", 0.30),
    ("pengawas_perdagangan", "Pengawas Perdagangan", "ap:50 am:40 ad:10", 0.45),
    ("pengantar_kerja", "Pengantar Kerja", "ap:50 am:40 ad:10", 0.50),
    ("mediator", "Mediator Hubungan Industrial", "ap:45 am:40 ad:15", 0.40),
    ("instruktur", "Instruktur", "tr:30 mh:25 ap:25 am:20", 0.30),
    ("pengawas_ketenagakerjaan", "Pengawas Ketenagakerjaan", "ap:40 am:40 ad:20", 0.35),
    ("pengawas_koperasi", "Pengawas Koperasi", "ap:50 am:40 ad:10", 0.50),
    ("penggerak_swadaya", "Penggerak Swadaya Masyarakat", "ap:50 am:40 ad:10", 0.45),
    ("analis_kebencanaan", "Analis Kebencanaan", "ap:55 am:35 ad:10", 0.35),
    ("adyatama", "Adyatama Kepariwisataan dan Ekonomi Kreatif", "ap:50 am:40 ad:10", 0.55),
    ("penyuluh_kb", "Penyuluh Keluarga Berencana", "tr:20 mh:20 ap:35 am:25", 0.65),
    ("penyuluh_kehutanan", "Penyuluh Kehutanan", "tr:25 mh:25 ap:30 am:20", 0.25),
    ("polhut", "Polisi Kehutanan", "tr:35 mh:30 py:15 ap:12 am:8", 0.10),
    ("penyelidik_bumi", "Penyelidik Bumi", "ap:45 am:40 ad:15", 0.30),
    ("pengawas_sekolah_prov", "Pengawas Sekolah", "am:30 ad:70", 0.40),
)
JF_DEFS: dict[str, tuple[str, tuple[str, ...], np.ndarray, float]] = {}
for _key, _name, _levels, _pf in _JF_TABLE:
    _pairs = [p.split(":") for p in _levels.split()]
    _w = np.array([float(w) for _, w in _pairs])
    JF_DEFS[_key] = (_name, tuple(_LV[c] for c, _ in _pairs), _w / _w.sum(), _pf)
_JF_KEYS: tuple[str, ...] = tuple(k for k, *_ in _JF_TABLE)
_JF_MEDICAL = ("dokter", "dokter_gigi", "apoteker")  # profession after S1: seats ask S1
_JF_S1 = ("guru", "pengawas_sekolah", "pengawas_sekolah_prov", *_JF_MEDICAL)  # holders have S1 at least

# Pelaksana job names (Kepmenpan-RB 41/2018 nomenclature as used in regional job maps).
_PLK_GENERIC: tuple[tuple[str, float], ...] = (
    ("Pengadministrasi Umum", 18), ("Pengadministrasi Perkantoran", 6), ("Pengelola Keuangan", 6),
    ("Bendahara", 3), ("Pengelola Barang Milik Daerah", 3), ("Pengadministrasi Kepegawaian", 4),
    ("Pengolah Data dan Informasi", 6), ("Penelaah Teknis Kebijakan", 6),
    ("Pengelola Layanan Operasional", 5), ("Operator Layanan Operasional", 4), ("Pengemudi", 2),
    ("Pengelola Sarana dan Prasarana Kantor", 3), ("Penyusun Laporan Keuangan", 3),
    ("Verifikator Keuangan", 2), ("Pengelola Data", 4), ("Analis Perencanaan, Evaluasi dan Pelaporan", 3),
    ("Pengadministrasi Persuratan", 3), ("Pramu Bakti", 2),
)
_PLK_RUMPUN: dict[str, tuple[tuple[str, float], ...]] = {
    "kesehatan": (("Pengelola Layanan Kesehatan", 10), ("Pengadministrasi Layanan Pasien", 6),
                  ("Pengelola Obat dan Perbekalan Kesehatan", 4)),
    "pendidikan": (("Pengadministrasi Sekolah", 14), ("Pengelola Data Pendidikan", 5),
                   ("Pengelola Layanan Perpustakaan Sekolah", 3)),
    "keuangan": (("Pengelola Keuangan", 10), ("Penyusun Rencana Kegiatan dan Anggaran", 4),
                 ("Pengelola Pajak dan Retribusi Daerah", 6), ("Pengelola Barang Milik Daerah", 4)),
    "kependudukan": (("Pengadministrasi Kependudukan", 12), ("Operator Sistem Informasi Administrasi Kependudukan", 6)),
    "ketertiban": (("Petugas Ketenteraman dan Ketertiban Umum", 10), ("Pengelola Sarana Pengamanan", 3)),
    "pekerjaan_umum": (("Teknisi Jalan dan Jembatan", 6), ("Pengelola Sumber Daya Air", 4),
                       ("Pengelola Data Infrastruktur", 4)),
    "pertanian": (("Pengelola Produksi Pertanian", 6), ("Pengelola Sarana dan Prasarana Pertanian", 4)),
    "perhubungan": (("Pengatur Lalu Lintas", 10), ("Pengelola Perparkiran", 5), ("Petugas Terminal", 3)),
    "lingkungan": (("Pengelola Persampahan", 8), ("Pengelola Lingkungan Hidup", 5)),
    "sosial": (("Pengelola Data Kesejahteraan Sosial", 6), ("Pengelola Layanan Sosial", 4)),
    "informatika": (("Pengelola Sistem dan Jaringan", 6), ("Pengelola Konten Informasi Publik", 4)),
    "kepegawaian": (("Pengadministrasi Kepegawaian", 10), ("Pengelola Sistem Informasi Kepegawaian", 5)),
    "pemerintahan": (("Pengelola Administrasi Pemerintahan", 6), ("Pengelola Pelayanan Umum", 4)),
    "hukum": (("Penelaah Produk Hukum", 6), ("Pengelola Dokumentasi Hukum", 3)),
    "perencanaan": (("Pengelola Data Perencanaan", 6), ("Penyusun Program Anggaran dan Pelaporan", 4)),
    "pengawasan": (("Pengadministrasi Pengawasan", 6), ("Pengelola Data Hasil Pengawasan", 4)),
    "perekonomian": (("Pengelola Perizinan", 5), ("Pengelola Pasar", 4), ("Pengelola Data Usaha", 3)),
    "umum": (("Pengelola Protokol", 3), ("Pengadministrasi Persuratan", 4)),
}

# --------------------------------------------------------------------------- OPD catalogue


@dataclass(frozen=True)
class OpdSpec:
    """One perangkat daerah in the catalogue.

    ``bidang`` lines read ``"Name[!][@rumpun]: seksi | seksi@rumpun | ..."``; ``!`` marks
    the kepala bidang as a critical post, ``@rumpun`` overrides the OPD's job family.
    """

    code: str
    kind: str  # dinas | badan | inspektorat | setwan | satpol | bpbd | rsud
    name: str
    rumpun: str
    bidang: tuple[str, ...] = ()
    upt: tuple[str, ...] = ()
    staff: float = 1.0  # relative weight of pelaksana/JF seats
    jf_share: float = 0.3
    jf: str = ""  # "perawat:30 bidan:20"
    critical: bool = False  # head is jabatan kritis
    kecil: bool = True  # present in a small kabupaten
    subbag: tuple[str, ...] = ("Umum dan Kepegawaian@umum", "Keuangan@keuangan",
                               "Perencanaan, Evaluasi dan Pelaporan@perencanaan")


_KAB_OPDS: tuple[OpdSpec, ...] = (
    OpdSpec("INSPEKTORAT", "inspektorat", "Inspektorat Daerah", "pengawasan", critical=True, staff=1.4,
            jf_share=0.75, jf="auditor:55 p2upd:40 pranata_komputer:5",
            subbag=("Perencanaan, Evaluasi dan Pelaporan@perencanaan", "Administrasi dan Umum@umum",
                    "Keuangan@keuangan")),
    OpdSpec("SETWAN", "setwan", "Sekretariat DPRD", "umum", staff=1.1, jf_share=0.15,
            jf="analis_kebijakan:40 perancang_uu:25 arsiparis:15 pranata_humas:20", bidang=(
                "Umum@umum: Tata Usaha dan Kepegawaian@kepegawaian | Rumah Tangga dan Perlengkapan | Hubungan Masyarakat dan Protokol",
                "Keuangan@keuangan: Perencanaan dan Anggaran | Penatausahaan Keuangan | Verifikasi dan Akuntansi",
                "Persidangan dan Perundang-undangan@hukum: Persidangan dan Risalah | Perundang-undangan | Kajian dan Informasi",
                "Fasilitasi Penganggaran dan Pengawasan@perencanaan: Fasilitasi Penganggaran | Fasilitasi Pengawasan | Kerja Sama dan Aspirasi",
            )),
    OpdSpec("DISDIK", "dinas", "Dinas Pendidikan dan Kebudayaan", "pendidikan", critical=True, staff=44,
            jf_share=0.94, jf="guru:92 pengawas_sekolah:4 penilik:1.5 pamong_belajar:0.7 pamong_budaya:0.4 "
            "pranata_komputer:0.7 analis_kebijakan:0.7", bidang=(
                "Pembinaan Sekolah Dasar: Kurikulum dan Penilaian Sekolah Dasar | Kelembagaan dan Sarana Prasarana Sekolah Dasar | Peserta Didik dan Pembangunan Karakter Sekolah Dasar",
                "Pembinaan Sekolah Menengah Pertama: Kurikulum dan Penilaian Sekolah Menengah Pertama | Kelembagaan dan Sarana Prasarana Sekolah Menengah Pertama | Peserta Didik dan Pembangunan Karakter Sekolah Menengah Pertama",
                "Guru dan Tenaga Kependidikan!: Guru dan Tenaga Kependidikan PAUD dan PNF | Guru dan Tenaga Kependidikan Sekolah Dasar | Guru dan Tenaga Kependidikan Sekolah Menengah Pertama",
                "Pembinaan Pendidikan Anak Usia Dini dan Pendidikan Nonformal: Kurikulum dan Penilaian PAUD | Kelembagaan dan Sarana Prasarana PAUD | Pendidikan Masyarakat dan Kesetaraan",
                "Kebudayaan: Cagar Budaya dan Permuseuman | Kesenian dan Tradisi | Sejarah dan Nilai Budaya",
            )),
    OpdSpec("DINKES", "dinas", "Dinas Kesehatan", "kesehatan", critical=True, staff=11, jf_share=0.80,
            jf="perawat:30 bidan:26 dokter:7 dokter_gigi:2 apoteker:2 asisten_apoteker:3 pranata_lab:4 "
            "nutrisionis:3 sanitarian:3 epidemiolog:1 penyuluh_kesmas:3 perekam_medis:2 administrator_kesehatan:2",
            upt=("Laboratorium Kesehatan Daerah", "Instalasi Farmasi"), bidang=(
                "Kesehatan Masyarakat: Kesehatan Keluarga dan Gizi | Promosi dan Pemberdayaan Masyarakat | Kesehatan Lingkungan, Kesehatan Kerja dan Olahraga",
                "Pelayanan Kesehatan!: Pelayanan Kesehatan Primer | Pelayanan Kesehatan Rujukan | Fasilitas Pelayanan Kesehatan dan Peningkatan Mutu",
                "Pencegahan dan Pengendalian Penyakit: Surveilans dan Imunisasi | Pencegahan dan Pengendalian Penyakit Menular | Pencegahan dan Pengendalian Penyakit Tidak Menular dan Kesehatan Jiwa",
                "Sumber Daya Kesehatan: Kefarmasian | Alat Kesehatan dan Perbekalan Kesehatan Rumah Tangga | Sumber Daya Manusia Kesehatan",
            )),
    OpdSpec("RSUD", "rsud", "Rumah Sakit Umum Daerah", "kesehatan", critical=True, staff=8, jf_share=0.80,
            jf="perawat:40 bidan:12 dokter:10 dokter_gigi:1 apoteker:3 asisten_apoteker:4 pranata_lab:5 "
            "nutrisionis:2 radiografer:3 fisioterapis:2 perekam_medis:4 administrator_kesehatan:1 sanitarian:1",
            bidang=(
                "Umum dan Kepegawaian@umum: Tata Usaha dan Rumah Tangga | Kepegawaian dan Pendidikan Pelatihan@kepegawaian",
                "Keuangan@keuangan: Perbendaharaan dan Mobilisasi Dana | Akuntansi dan Verifikasi",
                "Pelayanan Medik!: Pelayanan Rawat Jalan dan Gawat Darurat | Pelayanan Rawat Inap dan Bedah",
                "Keperawatan: Asuhan Keperawatan | Mutu dan Etika Keperawatan",
                "Penunjang Medik: Penunjang Medik | Penunjang Nonmedik",
            )),
    OpdSpec("DPUPR", "dinas", "Dinas Pekerjaan Umum dan Penataan Ruang", "pekerjaan_umum", staff=3.0,
            jf_share=0.30, jf="teknik_jalan:35 teknik_pengairan:25 penata_ruang:10 teknik_bangunan:15 "
            "pengelola_pbj:5 analis_kebijakan:5 pranata_komputer:5",
            upt=("Peralatan dan Perbekalan", "Pengelolaan Jalan dan Jembatan Wilayah Selatan"), bidang=(
                "Bina Marga: Perencanaan Teknis Jalan dan Jembatan | Pembangunan Jalan dan Jembatan | Preservasi Jalan dan Jembatan",
                "Sumber Daya Air: Irigasi dan Rawa | Sungai, Danau dan Pantai | Air Baku dan Drainase",
                "Cipta Karya: Bangunan Gedung | Air Minum dan Sanitasi | Penataan Bangunan dan Lingkungan",
                "Penataan Ruang: Perencanaan Tata Ruang | Pemanfaatan Ruang | Pengendalian Pemanfaatan Ruang",
                "Jasa Konstruksi: Pengaturan dan Pemberdayaan Jasa Konstruksi | Pengawasan Jasa Konstruksi | Sistem Informasi Jasa Konstruksi",
            )),
    OpdSpec("DINSOS", "dinas", "Dinas Sosial", "sosial", staff=1.3, jf_share=0.35,
            jf="pekerja_sosial:60 penyuluh_sosial:25 analis_kebijakan:10 pranata_komputer:5", bidang=(
                "Rehabilitasi Sosial: Rehabilitasi Sosial Anak dan Lanjut Usia | Rehabilitasi Sosial Penyandang Disabilitas | Rehabilitasi Sosial Tuna Sosial dan Korban Perdagangan Orang",
                "Perlindungan dan Jaminan Sosial: Perlindungan Sosial Korban Bencana | Jaminan Sosial Keluarga | Pengelolaan Data Terpadu Kesejahteraan Sosial",
                "Pemberdayaan Sosial dan Penanganan Fakir Miskin: Pemberdayaan Sosial Perorangan, Keluarga dan Kelembagaan | Penanganan Fakir Miskin | Kepahlawanan, Keperintisan dan Kesetiakawanan Sosial",
            )),
    OpdSpec("DISHUB", "dinas", "Dinas Perhubungan", "perhubungan", staff=2.0, jf_share=0.25,
            jf="penguji_kendaraan:70 analis_kebijakan:15 pranata_komputer:15",
            upt=("Pengujian Kendaraan Bermotor", "Pengelolaan Perparkiran"), bidang=(
                "Lalu Lintas: Manajemen dan Rekayasa Lalu Lintas | Pengendalian dan Operasional Lalu Lintas | Keselamatan Lalu Lintas",
                "Angkutan: Angkutan Orang | Angkutan Barang | Terminal dan Perparkiran",
                "Sarana dan Prasarana: Prasarana Jalan | Pengujian Sarana | Perlengkapan Jalan",
            )),
    OpdSpec("DLH", "dinas", "Dinas Lingkungan Hidup", "lingkungan", staff=3.0, jf_share=0.15,
            jf="pengendali_dampak:45 pengawas_lh:30 analis_kebijakan:10 pranata_komputer:15",
            upt=("Pengelolaan Sampah", "Laboratorium Lingkungan"), bidang=(
                "Tata Lingkungan: Inventarisasi dan Perencanaan Lingkungan Hidup | Kajian Dampak Lingkungan | Pemeliharaan Lingkungan Hidup",
                "Pengelolaan Sampah dan Limbah B3: Pengurangan Sampah | Penanganan Sampah | Pengelolaan Limbah B3",
                "Pengendalian Pencemaran dan Kerusakan Lingkungan: Pemantauan Lingkungan | Pencemaran Lingkungan | Kerusakan Lingkungan",
                "Penaatan dan Peningkatan Kapasitas Lingkungan Hidup: Pengaduan dan Penyelesaian Sengketa Lingkungan | Penegakan Hukum Lingkungan | Peningkatan Kapasitas Lingkungan Hidup",
            )),
    OpdSpec("DISDUKCAPIL", "dinas", "Dinas Kependudukan dan Pencatatan Sipil", "kependudukan", staff=1.6,
            jf_share=0.25, jf="adminduk:60 pranata_komputer:25 analis_kebijakan:15", bidang=(
                "Pelayanan Pendaftaran Penduduk: Identitas Penduduk | Pindah Datang Penduduk | Pendataan Penduduk",
                "Pelayanan Pencatatan Sipil: Kelahiran dan Kematian | Perkawinan dan Perceraian | Perubahan Status Anak dan Pewarganegaraan",
                "Pengelolaan Informasi Administrasi Kependudukan: Sistem Informasi Administrasi Kependudukan | Pengolahan dan Penyajian Data Kependudukan | Tata Kelola dan SDM Teknologi Informasi",
                "Pemanfaatan Data dan Inovasi Pelayanan: Kerja Sama | Pemanfaatan Data dan Dokumen Kependudukan | Inovasi Pelayanan",
            )),
    OpdSpec("DISTAN", "dinas", "Dinas Pertanian", "pertanian", staff=3.0, jf_share=0.60,
            jf="penyuluh_pertanian:60 popt:12 medik_veteriner:6 paramedik_veteriner:10 pengawas_benih:6 "
            "analis_kebijakan:3 pranata_komputer:3",
            upt=("Balai Benih Pertanian", "Pusat Kesehatan Hewan"), bidang=(
                "Tanaman Pangan: Produksi Tanaman Pangan | Perbenihan dan Perlindungan Tanaman Pangan | Pengolahan dan Pemasaran Hasil Tanaman Pangan",
                "Hortikultura dan Perkebunan: Produksi Hortikultura | Produksi Perkebunan | Pengolahan dan Pemasaran Hasil Hortikultura dan Perkebunan",
                "Peternakan dan Kesehatan Hewan: Produksi Peternakan | Kesehatan Hewan | Kesehatan Masyarakat Veteriner",
                "Penyuluhan: Kelembagaan Penyuluhan | Ketenagaan Penyuluhan | Metode dan Informasi Penyuluhan",
                "Prasarana dan Sarana Pertanian: Lahan dan Irigasi Pertanian | Pupuk, Pestisida dan Alat Mesin Pertanian | Pembiayaan Pertanian",
            )),
    OpdSpec("DPMPTSP", "dinas", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "perekonomian",
            staff=1.2, jf_share=0.20, jf="analis_kebijakan:40 pranata_komputer:30 arsiparis:30", bidang=(
                "Pelayanan Perizinan dan Nonperizinan: Perizinan Berusaha | Perizinan Non-Berusaha | Verifikasi Teknis Perizinan",
                "Perencanaan dan Promosi Penanaman Modal: Perencanaan Penanaman Modal | Promosi Penanaman Modal | Kerja Sama Penanaman Modal",
                "Pengendalian Pelaksanaan Penanaman Modal: Pemantauan Penanaman Modal | Pembinaan Penanaman Modal | Pengawasan Penanaman Modal",
                "Pengaduan, Kebijakan dan Pelaporan Layanan: Pengaduan Layanan | Kebijakan Layanan | Data, Informasi dan Pelaporan",
            )),
    OpdSpec("DISKOMINFO", "dinas", "Dinas Komunikasi dan Informatika", "informatika", staff=1.2, jf_share=0.45,
            jf="pranata_komputer:45 pranata_humas:20 statistisi:12 sandiman:10 analis_kebijakan:13", bidang=(
                "Informasi dan Komunikasi Publik: Pengelolaan Informasi Publik | Pengelolaan Komunikasi Publik | Layanan Hubungan Media",
                "Aplikasi Informatika: Pengembangan Aplikasi | Tata Kelola Sistem Pemerintahan Berbasis Elektronik | Layanan Data dan Integrasi Sistem",
                "Persandian dan Statistik: Persandian | Statistik Sektoral | Keamanan Informasi",
                "Infrastruktur Teknologi Informasi dan Komunikasi: Infrastruktur Jaringan | Pusat Data | Sarana Komunikasi dan Diseminasi Informasi",
            )),
    OpdSpec("SATPOLPP", "satpol", "Satuan Polisi Pamong Praja", "ketertiban", staff=2.6, jf_share=0.45,
            jf="polpp:90 analis_kebijakan:5 pranata_komputer:5", bidang=(
                "Penegakan Peraturan Daerah: Penyelidikan dan Penyidikan | Pembinaan, Pengawasan dan Penyuluhan | Penindakan",
                "Ketertiban Umum dan Ketenteraman Masyarakat: Operasi dan Pengendalian | Kerja Sama | Pengamanan dan Pengawalan",
                "Perlindungan Masyarakat: Satuan Perlindungan Masyarakat | Bina Potensi Masyarakat | Pengendalian Operasional Perlindungan Masyarakat",
                "Sumber Daya Aparatur: Pelatihan Dasar | Teknis Fungsional | Pembinaan Aparatur",
            )),
    OpdSpec("DAMKAR", "dinas", "Dinas Pemadam Kebakaran dan Penyelamatan", "ketertiban", staff=1.6,
            jf_share=0.55, kecil=False, jf="damkar:85 analis_kebakaran:10 pranata_komputer:5", bidang=(
                "Pencegahan dan Pemberdayaan Masyarakat: Pencegahan Kebakaran | Pemberdayaan Masyarakat | Investigasi Kebakaran",
                "Pemadaman dan Penyelamatan: Operasi Pemadaman | Penyelamatan dan Evakuasi | Pengendalian Operasional",
                "Sarana dan Prasarana: Peralatan dan Perlengkapan | Pemeliharaan Sarana | Komunikasi dan Informasi Kebakaran",
            )),
    OpdSpec("DISNAKER", "dinas", "Dinas Tenaga Kerja dan Transmigrasi", "ketenagakerjaan", staff=1.0,
            jf_share=0.30, kecil=False, jf="pengantar_kerja:35 mediator:25 instruktur:30 analis_kebijakan:10",
            upt=("Balai Latihan Kerja",), bidang=(
                "Penempatan dan Perluasan Kesempatan Kerja: Penempatan Tenaga Kerja | Perluasan Kesempatan Kerja | Informasi Pasar Kerja",
                "Hubungan Industrial dan Jaminan Sosial: Persyaratan Kerja | Pengupahan dan Jaminan Sosial | Penyelesaian Perselisihan Hubungan Industrial",
                "Pelatihan dan Produktivitas: Pelatihan Kerja | Produktivitas | Sertifikasi dan Kelembagaan Pelatihan",
                "Transmigrasi: Penyiapan Permukiman | Pengerahan dan Fasilitasi Perpindahan | Pengembangan Kawasan Transmigrasi",
            )),
    OpdSpec("DISKOP", "dinas", "Dinas Koperasi dan Usaha Mikro", "perekonomian", staff=0.8, jf_share=0.20,
            kecil=False, jf="pengawas_koperasi:50 analis_kebijakan:30 pranata_komputer:20", bidang=(
                "Kelembagaan dan Pengawasan Koperasi: Kelembagaan Koperasi | Pengawasan dan Pemeriksaan Koperasi | Penilaian Kesehatan Koperasi",
                "Pemberdayaan Usaha Mikro: Pengembangan Usaha Mikro | Pembiayaan dan Kemitraan | Pendataan Usaha Mikro",
                "Pengembangan Sumber Daya Manusia dan Pemasaran: Pelatihan Perkoperasian | Pemasaran Produk | Kewirausahaan",
            )),
    OpdSpec("DISPERINDAG", "dinas", "Dinas Perindustrian dan Perdagangan", "perekonomian", staff=1.5,
            jf_share=0.20, kecil=False, jf="penera:40 pengawas_perdagangan:30 analis_kebijakan:15 pranata_komputer:15",
            upt=("Metrologi Legal", "Pasar Induk"), bidang=(
                "Perdagangan: Distribusi dan Stabilisasi Harga | Sarana Perdagangan | Perlindungan Konsumen",
                "Perindustrian: Industri Agro | Industri Kimia, Sandang dan Aneka | Industri Logam, Mesin dan Elektronika",
                "Pengelolaan Pasar: Pendapatan Pasar | Ketertiban dan Kebersihan Pasar | Sarana dan Prasarana Pasar",
            )),
    OpdSpec("DPRKP", "dinas", "Dinas Perumahan, Kawasan Permukiman dan Pertanahan", "pekerjaan_umum", staff=1.5,
            jf_share=0.20, kecil=False, jf="teknik_bangunan:50 penata_ruang:15 analis_kebijakan:15 pranata_komputer:20",
            bidang=(
                "Perumahan: Pendataan dan Perencanaan Perumahan | Pembangunan Perumahan | Pengawasan dan Pengendalian Perumahan",
                "Kawasan Permukiman: Peningkatan Kualitas Permukiman Kumuh | Prasarana, Sarana dan Utilitas Umum | Penataan Kawasan Permukiman",
                "Pertanahan: Penatagunaan Tanah | Pengadaan Tanah | Penyelesaian Sengketa Tanah",
                "Pertamanan dan Penerangan Jalan Umum: Pertamanan | Pemakaman | Penerangan Jalan Umum",
            )),
    OpdSpec("DISPARPORA", "dinas", "Dinas Pariwisata, Pemuda dan Olahraga", "pariwisata", staff=0.9,
            jf_share=0.20, kecil=False, jf="adyatama:60 analis_kebijakan:20 pranata_komputer:20", bidang=(
                "Destinasi Pariwisata: Pengembangan Destinasi | Daya Tarik Wisata | Usaha Pariwisata",
                "Pemasaran Pariwisata dan Ekonomi Kreatif: Promosi Pariwisata | Ekonomi Kreatif | Kemitraan Pariwisata",
                "Kepemudaan: Pemberdayaan Pemuda | Pengembangan Pemuda | Kepramukaan dan Kepeloporan",
                "Keolahragaan: Pembudayaan Olahraga | Peningkatan Prestasi Olahraga | Sarana dan Prasarana Olahraga",
            )),
    OpdSpec("DP3AKB", "dinas", "Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan dan "
            "Perlindungan Anak", "sosial", staff=1.5, jf_share=0.60,
            jf="penyuluh_kb:75 analis_kebijakan:10 pranata_komputer:5 pekerja_sosial:10", bidang=(
                "Pengendalian Penduduk dan Penyuluhan: Pengendalian Penduduk | Penyuluhan dan Penggerakan | Data dan Informasi Keluarga",
                "Keluarga Berencana dan Ketahanan Keluarga: Jaminan Pelayanan Keluarga Berencana | Ketahanan dan Kesejahteraan Keluarga | Pembinaan Kesertaan Keluarga Berencana",
                "Pemberdayaan Perempuan: Kualitas Hidup Perempuan | Pengarusutamaan Gender | Perlindungan Hak Perempuan",
                "Perlindungan Anak: Pemenuhan Hak Anak | Perlindungan Khusus Anak | Kabupaten Layak Anak",
            )),
    OpdSpec("DPMD", "dinas", "Dinas Pemberdayaan Masyarakat dan Desa", "pemerintahan", staff=0.9, jf_share=0.25,
            jf="penggerak_swadaya:60 analis_kebijakan:25 pranata_komputer:15", bidang=(
                "Pemerintahan Desa: Administrasi Pemerintahan Desa | Aparatur dan Kelembagaan Desa | Penataan dan Kerja Sama Desa",
                "Keuangan dan Aset Desa: Pengelolaan Keuangan Desa | Pengelolaan Aset Desa | Badan Usaha Milik Desa",
                "Pemberdayaan Masyarakat: Kelembagaan Masyarakat | Pemberdayaan Adat dan Sosial Budaya | Pengembangan Teknologi Tepat Guna",
            )),
    OpdSpec("DKP", "dinas", "Dinas Ketahanan Pangan", "pertanian", staff=0.6, jf_share=0.35, kecil=False,
            jf="analis_ketahanan_pangan:50 pengawas_mutu_pangan:30 penyuluh_pertanian:20", bidang=(
                "Ketersediaan dan Distribusi Pangan: Ketersediaan Pangan | Distribusi dan Cadangan Pangan | Kerawanan Pangan",
                "Konsumsi dan Keamanan Pangan: Konsumsi dan Penganekaragaman Pangan | Keamanan Pangan Segar | Pengawasan Mutu Pangan",
            )),
    OpdSpec("DISKAN", "dinas", "Dinas Perikanan", "pertanian", staff=0.8, jf_share=0.45, kecil=False,
            jf="penyuluh_perikanan:60 pengawas_perikanan:20 analis_kebijakan:10 pranata_komputer:10",
            upt=("Balai Benih Ikan",), bidang=(
                "Perikanan Budidaya: Produksi Perikanan Budidaya | Kesehatan Ikan dan Lingkungan | Perbenihan Ikan",
                "Perikanan Tangkap: Sarana dan Prasarana Perikanan Tangkap | Pengelolaan Sumber Daya Ikan | Kenelayanan",
                "Pengolahan dan Pemasaran Hasil Perikanan: Pengolahan Hasil Perikanan | Pemasaran Hasil Perikanan | Mutu dan Keamanan Hasil Perikanan",
            )),
    OpdSpec("DISARPUS", "dinas", "Dinas Kearsipan dan Perpustakaan", "umum", staff=0.6, jf_share=0.60,
            kecil=False, jf="arsiparis:50 pustakawan:45 pranata_komputer:5", bidang=(
                "Pengelolaan Arsip: Pengolahan Arsip | Penyimpanan dan Pemeliharaan Arsip | Layanan dan Akuisisi Arsip",
                "Perpustakaan: Layanan Perpustakaan | Pengembangan Koleksi | Pembudayaan Kegemaran Membaca",
                "Pembinaan Kearsipan: Pengawasan Kearsipan | Pembinaan Arsiparis | Sistem Informasi Kearsipan",
            )),
    OpdSpec("BAPPEDA", "badan", "Badan Perencanaan Pembangunan Daerah", "perencanaan", critical=True, staff=1.0,
            jf_share=0.55, jf="perencana:70 analis_kebijakan:20 statistisi:5 pranata_komputer:5", bidang=(
                "Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah!: Perencanaan Pembangunan Daerah | Pengendalian dan Evaluasi | Data dan Informasi Pembangunan",
                "Pemerintahan dan Pembangunan Manusia: Pemerintahan | Pendidikan dan Kesehatan | Sosial dan Kebudayaan",
                "Perekonomian dan Sumber Daya Alam: Pertanian dan Pangan | Perindustrian, Perdagangan dan Pariwisata | Sumber Daya Alam dan Lingkungan Hidup",
                "Infrastruktur dan Kewilayahan: Prasarana Wilayah | Tata Ruang dan Permukiman | Perhubungan dan Energi",
                "Riset dan Inovasi Daerah: Riset dan Pengembangan | Inovasi Daerah | Kerja Sama Riset",
            )),
    OpdSpec("BPKAD", "badan", "Badan Pengelolaan Keuangan dan Aset Daerah", "keuangan", critical=True, staff=2.0,
            jf_share=0.25, jf="analis_keuangan:60 pranata_komputer:15 pengelola_pbj:5 analis_kebijakan:10 arsiparis:10",
            bidang=(
                "Anggaran!: Anggaran Pendapatan dan Pembiayaan | Anggaran Belanja | Penatausahaan Anggaran",
                "Perbendaharaan!: Pengelolaan Kas Daerah | Belanja Pegawai dan Gaji | Verifikasi dan Penerbitan SP2D",
                "Akuntansi!: Akuntansi Pendapatan dan Pembiayaan | Akuntansi Belanja | Pelaporan Keuangan Daerah",
                "Aset: Perencanaan dan Penatausahaan Aset | Pemanfaatan dan Pengamanan Aset | Penghapusan dan Pemindahtanganan Aset",
            )),
    OpdSpec("BAPENDA", "badan", "Badan Pendapatan Daerah", "keuangan", critical=True, staff=2.0, jf_share=0.15,
            jf="analis_keuangan:60 pranata_komputer:30 arsiparis:10",
            upt=("Pendapatan Daerah Wilayah I", "Pendapatan Daerah Wilayah II"), bidang=(
                "Pendaftaran, Pendataan dan Penetapan: Pendaftaran dan Pendataan | Penilaian dan Penetapan | Pengolahan Data dan Informasi Pendapatan",
                "Pajak Daerah!: Pajak Bumi dan Bangunan Perdesaan dan Perkotaan | Bea Perolehan Hak atas Tanah dan Bangunan | Pajak Barang dan Jasa Tertentu",
                "Penagihan, Keberatan dan Pengawasan: Penagihan | Keberatan dan Banding | Pemeriksaan dan Pengawasan",
                "Retribusi dan Pendapatan Lain-lain: Retribusi Daerah | Pendapatan Lain-lain | Evaluasi dan Pelaporan Pendapatan",
            )),
    OpdSpec("BKPSDM", "badan", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "kepegawaian",
            critical=True, staff=1.2, jf_share=0.45,
            jf="analis_sdma:45 pranata_sdma:25 asesor_sdma:10 pranata_komputer:10 analis_kebijakan:10", bidang=(
                "Mutasi dan Promosi!: Mutasi | Promosi dan Jabatan | Kepangkatan",
                "Pengadaan, Pemberhentian dan Informasi: Pengadaan | Pemberhentian dan Pensiun | Data dan Sistem Informasi Kepegawaian",
                "Pengembangan Kompetensi Aparatur: Pendidikan Formal | Pelatihan Struktural dan Fungsional | Penilaian Kompetensi",
                "Penilaian Kinerja Aparatur dan Penghargaan: Penilaian Kinerja | Disiplin dan Penghargaan | Kesejahteraan Pegawai",
            )),
    OpdSpec("BPBD", "bpbd", "Badan Penanggulangan Bencana Daerah", "kebencanaan", staff=0.8, jf_share=0.20,
            jf="analis_kebencanaan:60 pranata_komputer:20 analis_kebijakan:20", bidang=(
                "Pencegahan dan Kesiapsiagaan: Pencegahan | Kesiapsiagaan | Mitigasi Bencana",
                "Kedaruratan dan Logistik: Kedaruratan | Logistik | Pusat Pengendalian Operasi",
                "Rehabilitasi dan Rekonstruksi: Rehabilitasi | Rekonstruksi | Pemulihan Sosial Ekonomi",
            )),
    OpdSpec("KESBANGPOL", "badan", "Badan Kesatuan Bangsa dan Politik", "pemerintahan", staff=0.6, jf_share=0.15,
            jf="analis_kebijakan:70 pranata_komputer:30", bidang=(
                "Politik Dalam Negeri dan Organisasi Kemasyarakatan: Politik Dalam Negeri | Organisasi Kemasyarakatan | Pendidikan Politik",
                "Ideologi, Wawasan Kebangsaan dan Karakter Bangsa: Ideologi dan Wawasan Kebangsaan | Karakter Bangsa | Bela Negara",
                "Kewaspadaan Nasional dan Penanganan Konflik: Kewaspadaan Dini | Penanganan Konflik | Kerja Sama Kewaspadaan",
                "Ketahanan Ekonomi, Sosial, Budaya, Agama dan Kemasyarakatan: Ketahanan Ekonomi | Ketahanan Sosial Budaya | Ketahanan Agama dan Kemasyarakatan",
            )),
)

# Setda kabupaten: Asisten (II.b) with their bagian (III.a) and subbagian (IV.a).
_SETDA_KAB: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Asisten Pemerintahan dan Kesejahteraan Rakyat", "pemerintahan", (
        "Tata Pemerintahan@pemerintahan: Pemerintahan Umum | Otonomi Daerah | Kerja Sama",
        "Hukum!@hukum: Perundang-undangan | Bantuan Hukum | Dokumentasi dan Informasi Hukum",
        "Kesejahteraan Rakyat@sosial: Bina Mental dan Spiritual | Kesejahteraan Sosial | Pendidikan dan Kesehatan",
    )),
    ("Asisten Perekonomian dan Pembangunan", "perekonomian", (
        "Perekonomian dan Sumber Daya Alam@perekonomian: Perekonomian | Sumber Daya Alam | Pembinaan BUMD",
        "Pengadaan Barang dan Jasa!@umum: Pengelolaan Pengadaan Barang dan Jasa | Layanan Pengadaan Secara Elektronik | Pembinaan dan Advokasi Pengadaan",
        "Administrasi Pembangunan@perencanaan: Penyusunan Program | Pengendalian Program | Evaluasi dan Pelaporan",
    )),
    ("Asisten Administrasi Umum", "umum", (
        "Umum@umum: Tata Usaha Pimpinan | Rumah Tangga | Keuangan@keuangan",
        "Organisasi@kepegawaian: Kelembagaan dan Analisis Jabatan | Pelayanan Publik dan Tata Laksana | Kinerja dan Reformasi Birokrasi",
        "Protokol dan Komunikasi Pimpinan@umum: Protokol | Komunikasi Pimpinan | Dokumentasi Pimpinan",
    )),
)

# Setda provinsi: Asisten (II.a), biro (II.b, own unit), bagian (III.a).
_BIRO_PROV: tuple[tuple[int, str, str, str, tuple[str, ...]], ...] = (
    (0, "BIRO-PEMOTDA", "Biro Pemerintahan dan Otonomi Daerah", "pemerintahan",
     ("Pemerintahan Umum", "Otonomi Daerah", "Kerja Sama")),
    (0, "BIRO-KESRA", "Biro Kesejahteraan Rakyat", "sosial",
     ("Bina Mental dan Spiritual", "Kesejahteraan Sosial", "Pendidikan dan Kesehatan")),
    (0, "BIRO-HUKUM", "Biro Hukum", "hukum",
     ("Perundang-undangan", "Bantuan Hukum", "Dokumentasi dan Informasi Hukum")),
    (1, "BIRO-EKON", "Biro Perekonomian", "perekonomian",
     ("Perekonomian", "Sumber Daya Alam", "Badan Usaha Milik Daerah dan Badan Layanan Umum Daerah")),
    (1, "BIRO-ADPEM", "Biro Administrasi Pembangunan", "perencanaan",
     ("Penyusunan Program", "Pengendalian Program", "Evaluasi dan Pelaporan")),
    (1, "BIRO-PBJ", "Biro Pengadaan Barang dan Jasa", "umum",
     ("Pengelolaan Pengadaan Barang dan Jasa", "Layanan Pengadaan Secara Elektronik", "Pembinaan dan Advokasi Pengadaan")),
    (2, "BIRO-UMUM", "Biro Umum", "umum", ("Tata Usaha", "Rumah Tangga", "Keuangan")),
    (2, "BIRO-ORG", "Biro Organisasi", "kepegawaian",
     ("Kelembagaan dan Analisis Jabatan", "Reformasi Birokrasi dan Akuntabilitas Kinerja", "Tata Laksana")),
    (2, "BIRO-ADPIM", "Biro Administrasi Pimpinan", "umum",
     ("Protokol", "Materi dan Komunikasi Pimpinan", "Perencanaan dan Keuangan")),
)

# Provinsi: OPD taken from the kabupaten list (changed where a province differs) plus its own.
_PROV_CHANGES: dict[str, dict[str, Any]] = {
    "DISDIK": dict(name="Dinas Pendidikan", staff=0.6, jf_share=0.35,
                   jf="pengawas_sekolah_prov:40 analis_kebijakan:30 pranata_komputer:30", bidang=(
                       "Pembinaan Sekolah Menengah Atas: Kurikulum dan Penilaian SMA | Kelembagaan dan Sarana Prasarana SMA | Peserta Didik dan Pembangunan Karakter SMA",
                       "Pembinaan Sekolah Menengah Kejuruan: Kurikulum dan Penilaian SMK | Kelembagaan dan Sarana Prasarana SMK | Peserta Didik dan Pembangunan Karakter SMK",
                       "Guru dan Tenaga Kependidikan!: Guru dan Tenaga Kependidikan SMA | Guru dan Tenaga Kependidikan SMK | Guru dan Tenaga Kependidikan Pendidikan Khusus",
                       "Pendidikan Khusus dan Layanan Khusus: Kurikulum dan Penilaian Pendidikan Khusus | Kelembagaan dan Sarana Prasarana Pendidikan Khusus | Peserta Didik Pendidikan Khusus",
                       "Kebudayaan: Cagar Budaya dan Permuseuman | Kesenian dan Tradisi | Sejarah dan Nilai Budaya",
                   )),
    "DINKES": dict(staff=1.6, jf_share=0.55, upt=(), jf="epidemiolog:15 penyuluh_kesmas:20 administrator_kesehatan:25 "
                   "apoteker:10 dokter:10 nutrisionis:10 sanitarian:10"),
    "RSUD": dict(name="Rumah Sakit Umum Daerah Provinsi", staff=9.0),
    "DPUPR": dict(name="Dinas Bina Marga dan Penataan Ruang", upt=(), staff=2.0),
    "DISHUB": dict(upt=(), staff=2.0, jf="penguji_kendaraan:40 analis_kebijakan:30 pranata_komputer:30"),
    "DLH": dict(upt=(), staff=1.2),
    "DISDUKCAPIL": dict(staff=0.5),
    "DISTAN": dict(name="Dinas Tanaman Pangan dan Hortikultura", upt=(), staff=1.4, jf_share=0.45),
    "DPMPTSP": dict(staff=1.2),
    "SATPOLPP": dict(staff=1.8),
    "DISNAKER": dict(upt=(), staff=1.5, jf="pengawas_ketenagakerjaan:40 pengantar_kerja:20 mediator:15 instruktur:25",
                     jf_share=0.45),
    "DISKOP": dict(name="Dinas Koperasi dan Usaha Kecil Menengah"),
    "DISPERINDAG": dict(upt=(), staff=1.2),
    "DPRKP": dict(name="Dinas Perumahan dan Permukiman"),
    "DISPARPORA": dict(name="Dinas Pariwisata dan Kebudayaan"),
    "DP3AKB": dict(name="Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana"),
    "DPMD": dict(name="Dinas Pemberdayaan Masyarakat dan Desa"),
    "DKP": dict(code="DKPANGAN"),
    "DISKAN": dict(code="DKP", name="Dinas Kelautan dan Perikanan", upt=(), staff=1.4),
    "DISARPUS": dict(name="Dinas Perpustakaan dan Kearsipan"),
    "BAPENDA": dict(upt=(), staff=1.6),
    "BKPSDM": dict(code="BKD", name="Badan Kepegawaian Daerah"),
}
_PROV_ONLY: tuple[OpdSpec, ...] = (
    OpdSpec("DISHUT", "dinas", "Dinas Kehutanan", "kehutanan", staff=1.5, jf_share=0.55,
            jf="penyuluh_kehutanan:45 polhut:40 analis_kebijakan:10 pranata_komputer:5", bidang=(
                "Perencanaan dan Pemanfaatan Hutan: Perencanaan Kehutanan | Pemanfaatan Hutan | Iuran dan Peredaran Hasil Hutan",
                "Perlindungan Hutan dan Konservasi Sumber Daya Alam Ekosistem: Perlindungan dan Pengamanan Hutan | Konservasi | Pengendalian Kebakaran Hutan",
                "Rehabilitasi Hutan dan Lahan: Rehabilitasi Hutan | Perbenihan Tanaman Hutan | Daerah Aliran Sungai",
                "Penyuluhan dan Pemberdayaan Masyarakat: Penyuluhan Kehutanan | Perhutanan Sosial | Hutan Adat dan Kemitraan",
            )),
    OpdSpec("DESDM", "dinas", "Dinas Energi dan Sumber Daya Mineral", "energi", staff=0.9, jf_share=0.35,
            jf="penyelidik_bumi:60 analis_kebijakan:25 pranata_komputer:15", bidang=(
                "Mineral dan Batubara: Pengusahaan Mineral dan Batubara | Teknik dan Lingkungan Pertambangan | Penerimaan Negara Bukan Pajak",
                "Energi dan Ketenagalistrikan: Ketenagalistrikan | Energi Baru Terbarukan | Konservasi Energi",
                "Geologi dan Air Tanah: Air Tanah | Mitigasi Bencana Geologi | Informasi Geologi",
            )),
    OpdSpec("DISBUN", "dinas", "Dinas Perkebunan", "pertanian", staff=1.0, jf_share=0.45,
            jf="penyuluh_pertanian:50 pengawas_benih:25 popt:15 analis_kebijakan:10", bidang=(
                "Produksi Perkebunan: Tanaman Semusim | Tanaman Tahunan | Perbenihan Perkebunan",
                "Perlindungan Perkebunan: Pengendalian Organisme Pengganggu | Penanganan Gangguan Usaha dan Konflik | Penanganan Dampak Perubahan Iklim",
                "Pengolahan dan Pemasaran Hasil Perkebunan: Pengolahan Hasil | Pemasaran Hasil | Usaha dan Kelembagaan Perkebunan",
            )),
    OpdSpec("DISNAK", "dinas", "Dinas Peternakan dan Kesehatan Hewan", "pertanian", staff=1.0, jf_share=0.55,
            jf="medik_veteriner:30 paramedik_veteriner:40 penyuluh_pertanian:20 analis_kebijakan:10", bidang=(
                "Produksi Peternakan: Pakan Ternak | Bibit dan Perbibitan | Budidaya Ternak",
                "Kesehatan Hewan: Pencegahan dan Pemberantasan Penyakit Hewan | Obat Hewan | Pelayanan Kesehatan Hewan",
                "Kesehatan Masyarakat Veteriner: Higiene dan Sanitasi | Pengawasan Produk Hewan | Kesejahteraan Hewan",
            )),
    OpdSpec("DISPORA", "dinas", "Dinas Pemuda dan Olahraga", "pariwisata", staff=0.7, jf_share=0.15,
            jf="analis_kebijakan:60 pranata_komputer:40", bidang=(
                "Kepemudaan: Pemberdayaan Pemuda | Pengembangan Pemuda | Kepeloporan Pemuda",
                "Pembudayaan Olahraga: Olahraga Pendidikan | Olahraga Rekreasi | Sarana dan Prasarana Olahraga",
                "Peningkatan Prestasi Olahraga: Pembinaan Atlet | Tenaga Keolahragaan | Industri Olahraga",
            )),
    OpdSpec("BPSDM", "badan", "Badan Pengembangan Sumber Daya Manusia", "kepegawaian", staff=1.0, jf_share=0.55,
            jf="analis_sdma:30 instruktur:30 pranata_komputer:15 analis_kebijakan:25", bidang=(
                "Pengembangan Kompetensi Manajerial: Kepemimpinan | Prajabatan | Pelatihan Manajerial",
                "Pengembangan Kompetensi Teknis dan Fungsional: Pelatihan Teknis | Pelatihan Fungsional | Sertifikasi Kompetensi",
                "Sertifikasi Kompetensi dan Pengelolaan Kelembagaan: Penjaminan Mutu | Kelembagaan Pelatihan | Sistem Informasi Pengembangan Kompetensi",
            )),
    OpdSpec("RSJ", "rsud", "Rumah Sakit Jiwa Daerah", "kesehatan", staff=3.0, jf_share=0.80,
            jf="perawat:55 dokter:12 apoteker:4 asisten_apoteker:5 pranata_lab:5 perekam_medis:6 "
            "nutrisionis:3 pekerja_sosial:5 administrator_kesehatan:5", bidang=(
                "Umum dan Kepegawaian@umum: Tata Usaha dan Rumah Tangga | Kepegawaian@kepegawaian",
                "Keuangan@keuangan: Perbendaharaan | Akuntansi dan Verifikasi",
                "Pelayanan Medik!: Pelayanan Rawat Jalan | Pelayanan Rawat Inap",
                "Keperawatan: Asuhan Keperawatan | Mutu Keperawatan",
            )),
)
# Provinsi UPTD units: (code, name, rumpun, seksi, jf catalogue, staff weight each, jf share).
_UPTD_PROV_SINGLE: tuple[tuple[str, str, str, tuple[str, ...], str, float, float], ...] = (
    ("UPTD-LABKES", "UPTD Laboratorium Kesehatan Daerah", "kesehatan", ("Pelayanan Laboratorium",),
     "pranata_lab:70 dokter:10 administrator_kesehatan:20", 0.8, 0.7),
    ("UPTD-BLK", "UPTD Balai Latihan Kerja", "ketenagakerjaan", ("Pelatihan dan Sertifikasi",),
     "instruktur:85 analis_kebijakan:15", 0.6, 0.55),
    ("UPTD-BBI", "UPTD Balai Benih Induk Tanaman Pangan dan Hortikultura", "pertanian", ("Produksi Benih",),
     "pengawas_benih:70 penyuluh_pertanian:30", 0.5, 0.4),
    ("UPTD-PSTW", "UPTD Panti Sosial Tresna Werdha", "sosial", ("Pelayanan dan Rehabilitasi Sosial",),
     "pekerja_sosial:80 perawat:20", 0.5, 0.45),
    ("UPTD-PSBR", "UPTD Panti Sosial Bina Remaja", "sosial", ("Pelayanan dan Rehabilitasi Sosial",),
     "pekerja_sosial:90 analis_kebijakan:10", 0.4, 0.45),
    ("UPTD-BPSMB", "UPTD Balai Pengujian dan Sertifikasi Mutu Barang", "perekonomian", ("Pengujian Mutu Barang",),
     "penera:60 pengawas_perdagangan:40", 0.4, 0.45),
    ("UPTD-LLAJ", "UPTD Pengelolaan Prasarana Perhubungan Lalu Lintas dan Angkutan Jalan", "perhubungan",
     ("Operasional Prasarana", "Keselamatan Lalu Lintas"), "penguji_kendaraan:60 analis_kebijakan:40", 0.6, 0.25),
    ("UPTD-PELABUHAN", "UPTD Pelabuhan Penyeberangan", "perhubungan", ("Operasional Pelabuhan",),
     "analis_kebijakan:50 pranata_komputer:50", 0.4, 0.1),
    ("UPTD-PPI", "UPTD Pelabuhan Perikanan", "pertanian", ("Operasional Pelabuhan Perikanan",),
     "pengawas_perikanan:60 penyuluh_perikanan:40", 0.4, 0.3),
    ("UPTD-BBIKAN", "UPTD Balai Benih Ikan", "pertanian", ("Produksi Benih Ikan",),
     "penyuluh_perikanan:50 pengawas_perikanan:50", 0.3, 0.35),
    ("UPTD-BIB", "UPTD Balai Inseminasi Buatan", "pertanian", ("Produksi Semen Beku",),
     "medik_veteriner:40 paramedik_veteriner:60", 0.3, 0.5),
    ("UPTD-RSH", "UPTD Rumah Sakit Hewan", "pertanian", ("Pelayanan Medik Veteriner",),
     "medik_veteriner:50 paramedik_veteriner:50", 0.3, 0.6),
    ("UPTD-BPP", "UPTD Balai Pelatihan Pertanian", "pertanian", ("Penyelenggaraan Pelatihan",),
     "penyuluh_pertanian:70 instruktur:30", 0.3, 0.45),
    ("UPTD-LABLING", "UPTD Laboratorium Lingkungan", "lingkungan", ("Pengujian Kualitas Lingkungan",),
     "pengendali_dampak:60 pengawas_lh:40", 0.3, 0.45),
    ("UPTD-TAMBUD", "UPTD Taman Budaya", "pariwisata", ("Pengembangan Kesenian",),
     "pamong_budaya:80 analis_kebijakan:20", 0.3, 0.35),
    ("UPTD-MUSEUM", "UPTD Museum Negeri", "pariwisata", ("Koleksi dan Konservasi",),
     "pamong_budaya:80 pustakawan:20", 0.3, 0.4),
    ("UPTD-PKUKM", "UPTD Pelatihan Koperasi dan Usaha Kecil Menengah", "perekonomian", ("Penyelenggaraan Pelatihan",),
     "instruktur:60 pengawas_koperasi:40", 0.3, 0.35),
    ("UPTD-BAPELKES", "UPTD Balai Pelatihan Kesehatan", "kesehatan", ("Penyelenggaraan Pelatihan",),
     "administrator_kesehatan:50 penyuluh_kesmas:50", 0.3, 0.4),
    ("UPTD-PAPK", "UPTD Perlindungan Perempuan dan Anak", "sosial", ("Pelayanan Pengaduan dan Pendampingan",),
     "pekerja_sosial:70 analis_kebijakan:30", 0.3, 0.45),
)

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
          "XVII", "XVIII", "XIX", "XX")

_KECAMATAN = (
    "Sukajaya", "Cibeureum", "Karangsari", "Sindangsari", "Margahayu", "Tegalwaru", "Jatimulya", "Rawamerta",
    "Pasirjambu", "Cisalak", "Mekarjaya", "Sukamaju", "Banjarsari", "Gunungsari", "Tanjungsari", "Sumberjaya",
    "Cijati", "Pangkalan", "Kutawaluya", "Cilamaya", "Sukatani", "Wanasari", "Majalaya", "Cipeundeuy",
    "Sindangkerta", "Babakan", "Lemahabang", "Tirtamulya", "Purwasari", "Telagasari", "Kertajaya",
    "Bojongmanggu", "Ciherang", "Sukamulya", "Mulyasari", "Cibodas", "Kadupandak", "Jayakerta", "Karangjaya",
    "Pagelaran",
)
_KELURAHAN = ("Kaum", "Pasirkaliki", "Sukamenak", "Cipaku", "Kebonjati", "Babakansari", "Pabuaran", "Cigadung",
              "Panyingkiran", "Sindangrasa", "Nagrak", "Kebonwaru")
_KEC_SEKSI = ("Pemerintahan@pemerintahan", "Ketenteraman dan Ketertiban Umum@ketertiban",
              "Pemberdayaan Masyarakat dan Desa@pemerintahan", "Kesejahteraan Sosial@sosial",
              "Pelayanan Umum@pemerintahan")
_KEC_SUBBAG = ("Umum dan Kepegawaian@umum", "Perencanaan dan Keuangan@keuangan")

# --------------------------------------------------------------------------- names

_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "jawa": {
        "L": ("Agus", "Budi", "Bambang", "Slamet", "Joko", "Wahyu", "Eko", "Hadi", "Sugeng", "Teguh", "Dwi", "Heru",
              "Priyo", "Sutrisno", "Bayu", "Aris", "Yudi", "Rudi", "Hendro", "Gunawan", "Setyo", "Purwanto", "Adi",
              "Tri", "Arif", "Danang", "Wisnu", "Yoga", "Fajar", "Dimas", "Galih", "Bagus"),
        "P": ("Sri", "Endang", "Tri", "Dwi", "Rini", "Wahyuni", "Sulastri", "Retno", "Dewi", "Ani", "Yuni", "Sari",
              "Ratna", "Wulan", "Indah", "Nining", "Puji", "Kartini", "Lestari", "Ayu", "Dyah", "Fitri", "Novita",
              "Setyaningsih", "Anggun", "Putri"),
        "F": ("Santoso", "Prasetyo", "Wibowo", "Susilo", "Nugroho", "Setiawan", "Purnomo", "Kurniawan", "Saputra",
              "Wijaya", "Gunawan", "Suryadi", "Haryanto", "Widodo", "Utomo", "Hartono", "Sulistyo", "Prabowo",
              "Raharjo", "Wicaksono", "Pamungkas", "Handoko", "Susanto", "Darmawan"),
        "FP": ("Rahmawati", "Lestari", "Wulandari", "Handayani", "Kurniasih", "Susanti", "Puspitasari",
               "Anggraini", "Rahayu", "Pratiwi", "Setyowati", "Purwaningsih", "Astuti", "Hidayati", "Utami",
               "Kusumawati", "Mulyani", "Nurhayati", "Safitri", "Permatasari"),
    },
    "sunda": {
        "L": ("Asep", "Dedi", "Ujang", "Cecep", "Dadang", "Yayat", "Acep", "Aep", "Wawan", "Iwan", "Dede", "Endang",
              "Agus", "Nandang", "Engkus", "Ade", "Deden", "Jajang", "Rahmat", "Dadan", "Yusuf", "Ridwan", "Hendra",
              "Ikhsan", "Gilang", "Rizky"),
        "P": ("Euis", "Neneng", "Imas", "Yuyun", "Lilis", "Cucu", "Nining", "Enung", "Titin", "Ai", "Rina", "Tati",
              "Yeni", "Nia", "Neng", "Dewi", "Heni", "Rika", "Siti", "Nurul", "Ika", "Resti", "Sinta"),
        "F": ("Sutisna", "Permana", "Hermawan", "Supriatna", "Sumantri", "Suryana", "Ruhiyat", "Kusnadi", "Mulyana",
              "Hidayat", "Saepudin", "Supriadi", "Sopandi", "Gumilar", "Kurnia", "Sudrajat", "Rohendi", "Firmansyah",
              "Ramdani", "Nugraha", "Munandar", "Somantri", "Suganda"),
        "FP": ("Nurjanah", "Komalasari", "Sumiati", "Kartika", "Rosmiati", "Komariah", "Hasanah", "Rohaeti",
               "Nurhasanah", "Mulyasari", "Rahmawati", "Sugiarti", "Nurlaela", "Herlina", "Maryani", "Kurniasari",
               "Fauziah", "Sundari"),
    },
    "melayu": {
        "L": ("Muhammad", "Ahmad", "Zulkifli", "Rahmat", "Abdul", "Hasan", "Syahrial", "Zainal", "Rizal", "Hamdan",
              "Fadli", "Irwan", "Khairul", "Jamaluddin", "Firdaus", "Azhar", "Syamsul", "Taufik", "Hendri",
              "Zulfikar", "Iskandar", "Rusli"),
        "P": ("Nurul", "Siti", "Aisyah", "Fatimah", "Halimah", "Rosnah", "Zubaidah", "Maimunah", "Nurhaliza",
              "Syarifah", "Rahmah", "Hafizah", "Juliana", "Yusnita", "Mardiana", "Rosita", "Nurbaiti", "Laila"),
        "F": ("Abidin", "Hasibuan", "Harahap", "Nasution", "Lubis", "Effendi", "Rasyid", "Yusuf", "Hamzah", "Ismail",
              "Ibrahim", "Arsyad", "Amri", "Syahputra", "Ramadhan", "Hakim"),
        "FP": ("Aini", "Hasanah", "Wahyuni", "Fitriani", "Zahara", "Rahmadani", "Yanti", "Safitri", "Amelia",
               "Marlina", "Hayati", "Nasution", "Lubis", "Harahap"),
    },
    "bugis": {
        "L": ("Andi Muhammad", "Andi Baso", "Muhammad", "Syamsul", "Baharuddin", "Amiruddin", "Hasanuddin",
              "Sulaiman", "Arifin", "Nurdin", "Syahrir", "Ilham", "Asdar", "Haeruddin", "Jufri", "Anwar", "Idris",
              "Andi Rahman", "Mursalim", "Kaharuddin"),
        "P": ("Andi Nurhayati", "Andi Besse", "Sitti", "Hasnawati", "Nurhaedah", "Rosmawati", "Hasniah",
              "Jumriani", "Nurmiati", "Sumarni", "Andi Fitri", "Marwah", "Hadijah", "Hamsinah", "Nurjannah",
              "Andi Ratna"),
        "F": ("Arsyad", "Rahman", "Syamsuddin", "Latif", "Mappa", "Bahar", "Hamid", "Tahir", "Madjid", "Rauf",
              "Makkasau", "Patunru", "Sapada", "Nur", "Ali"),
        "FP": ("Rahmah", "Rahmawati", "Syamsuddin", "Nur", "Hamid", "Tahir", "Rasyid", "Abbas", "Latif"),
    },
    "dayak": {
        "L": ("Yohanes", "Markus", "Antonius", "Benediktus", "Agustinus", "Paulus", "Dominikus", "Fransiskus",
              "Yakobus", "Stefanus", "Matius", "Petrus", "Simon", "Lukas", "Ignatius", "Kristian", "Daniel", "Yosef"),
        "P": ("Maria", "Theresia", "Yustina", "Lusiana", "Agnes", "Veronika", "Magdalena", "Katarina", "Elisabeth",
              "Yuliana", "Natalia", "Kristina", "Rosalia", "Sisilia", "Margareta"),
        "F": ("Ahon", "Ngabut", "Lawing", "Atan", "Ding", "Jalung", "Uyang", "Unyat", "Anyeq", "Lejiu", "Bilung",
              "Ingan", "Sinan", "Usat", "Lahang", "Belawan", "Ajang"),
        "FP": ("Ahon", "Ngabut", "Lawing", "Ding", "Uyang", "Ingan", "Lahang", "Ajang", "Bilung"),
    },
}
_ETHNIC = ("jawa", "sunda", "melayu", "bugis", "dayak")
_ETHNIC_P = np.array([0.34, 0.30, 0.15, 0.11, 0.10])

# Academic degrees (gelar) by job family.
_S1_BY_RUMPUN: dict[str, tuple[str, ...]] = {
    "keuangan": ("S.E.", "S.Ak.", "S.E."), "hukum": ("S.H.",), "pemerintahan": ("S.IP.", "S.STP.", "S.Sos."),
    "pekerjaan_umum": ("S.T.",), "informatika": ("S.Kom.", "S.T."), "pertanian": ("S.P.", "S.Pt.", "S.Pi."),
    "sosial": ("S.Sos.", "S.Psi."), "kesehatan": ("S.K.M.", "S.K.M.", "S.Gz.", "S.Kes."), "lingkungan": ("S.T.", "S.Si."),
    "perencanaan": ("S.E.", "S.T.", "S.Si."), "kepegawaian": ("S.Sos.", "S.AP.", "S.Psi."),
    "perhubungan": ("S.T.", "S.SiT."), "pendidikan": ("S.Pd.",), "pengawasan": ("S.E.", "S.Ak.", "S.H."),
    "ketertiban": ("S.H.", "S.Sos.", "S.STP."), "kependudukan": ("S.Sos.", "S.Kom."),
    "perekonomian": ("S.E.", "S.Sos."), "umum": ("S.Sos.", "S.AP.", "S.E."), "kehutanan": ("S.Hut.",),
    "energi": ("S.T.",), "ketenagakerjaan": ("S.Sos.", "S.E.", "S.H."), "pariwisata": ("S.Par.", "S.E."),
    "kebencanaan": ("S.T.", "S.Sos."),
}
_S2_BY_RUMPUN: dict[str, tuple[str, ...]] = {
    "keuangan": ("M.Ak.", "M.M.", "M.Si."), "hukum": ("M.H.",), "pemerintahan": ("M.Si.", "M.AP."),
    "pekerjaan_umum": ("M.T.",), "informatika": ("M.Kom.", "M.T."), "pertanian": ("M.P.", "M.Si."),
    "kesehatan": ("M.Kes.", "M.K.M."), "pendidikan": ("M.Pd.",), "perencanaan": ("M.Si.", "M.T.", "M.E."),
    "kepegawaian": ("M.Si.", "M.AP."), "pengawasan": ("M.Ak.", "M.Si."), "lingkungan": ("M.Si.", "M.T."),
    "kehutanan": ("M.Si.",), "energi": ("M.T.",),
}
_S2_DEFAULT = ("M.Si.", "M.M.", "M.AP.")
_SPESIALIS = ("Sp.PD.", "Sp.A.", "Sp.OG.", "Sp.B.", "Sp.An.", "Sp.Rad.", "Sp.KJ.", "Sp.N.")

# --------------------------------------------------------------------------- classes of seats
# A class fixes the age, education and rank a holder of the seat plausibly has.


@dataclass(frozen=True)
class _Cls:
    key: str
    kind: str
    eselon: str
    jf_level: str
    age: tuple[float, float, float]  # triangular low, mode, high (years on as_of)
    bup: int  # batas usia pensiun
    rank: tuple[str, str]  # band on the job map
    min_ys: float  # years of service a holder needs for the career rules
    edu: tuple[tuple[str, float], ...]
    female: float


_CLASSES: tuple[_Cls, ...] = (
    _Cls("pelaksana", "pelaksana", "", "", (21, 41, 57.8), 58, ("II/a", "III/c"), 0.0,
         (("SLTA", .40), ("D3", .18), ("D4", .02), ("S1", .37), ("S2", .03)), 0.45),
    _Cls("jf:pemula", "jf", "", "pemula", (20, 26, 45), 58, ("II/a", "II/b"), 0.0, (("SLTA", 1.0),), 0.1),
    _Cls("jf:terampil", "jf", "", "terampil", (22, 34, 57.8), 58, ("II/c", "II/d"), 0.0,
         (("D3", .85), ("D4", .05), ("S1", .10)), 0.5),
    _Cls("jf:mahir", "jf", "", "mahir", (28, 42, 57.8), 58, ("III/a", "III/b"), 0.0,
         (("D3", .78), ("D4", .08), ("S1", .14)), 0.5),
    _Cls("jf:penyelia", "jf", "", "penyelia", (37, 49, 57.8), 58, ("III/c", "III/d"), 0.0,
         (("D3", .70), ("D4", .12), ("S1", .18)), 0.5),
    _Cls("jf:ahli_pertama", "jf", "", "ahli_pertama", (23, 31, 52), 58, ("III/a", "III/b"), 0.0,
         (("S1", .82), ("D4", .10), ("S2", .08)), 0.5),
    _Cls("jf:ahli_muda", "jf", "", "ahli_muda", (31, 45, 57.8), 58, ("III/c", "III/d"), 0.0,
         (("S1", .68), ("D4", .05), ("S2", .27)), 0.5),
    _Cls("jf:ahli_madya", "jf", "", "ahli_madya", (42, 53, 59.8), 60, ("IV/a", "IV/c"), 0.0,
         (("S1", .50), ("S2", .45), ("S3", .05)), 0.5),
    _Cls("jf:ahli_utama", "jf", "", "ahli_utama", (52, 59, 64.5), 65, ("IV/d", "IV/e"), 0.0,
         (("S2", .55), ("S3", .45)), 0.4),
    _Cls("pengawas:IV.b", "pengawas", "IV.b", "", (31, 44, 56), 58, ("III/b", "III/d"), 7.0,
         (("D3", .08), ("D4", .04), ("S1", .68), ("S2", .20)), 0.40),
    _Cls("pengawas:IV.a", "pengawas", "IV.a", "", (33, 46, 56), 58, ("III/b", "III/d"), 7.0,
         (("D3", .05), ("D4", .04), ("S1", .64), ("S2", .27)), 0.38),
    _Cls("administrator:III.b", "administrator", "III.b", "", (38, 50, 57), 58, ("III/c", "IV/a"), 10.5,
         (("D4", .03), ("S1", .45), ("S2", .50), ("S3", .02)), 0.30),
    _Cls("administrator:III.a", "administrator", "III.a", "", (40, 51, 57), 58, ("III/d", "IV/b"), 11.0,
         (("D4", .02), ("S1", .38), ("S2", .57), ("S3", .03)), 0.28),
    _Cls("jpt_pratama:II.b", "jpt_pratama", "II.b", "", (45, 53, 58.5), 60, ("IV/b", "IV/c"), 15.0,
         (("S1", .05), ("S2", .85), ("S3", .10)), 0.18),
    _Cls("jpt_pratama:II.a", "jpt_pratama", "II.a", "", (48, 54, 58.5), 60, ("IV/c", "IV/d"), 18.0,
         (("S2", .85), ("S3", .15)), 0.12),
    _Cls("jpt_madya:I.b", "jpt_madya", "I.b", "", (50, 55, 58.5), 60, ("IV/d", "IV/e"), 21.0,
         (("S2", .70), ("S3", .30)), 0.10),
)
_CLS_INDEX: dict[str, int] = {c.key: i for i, c in enumerate(_CLASSES)}
_STRUCT_CLS = np.array([c.kind in ("pengawas", "administrator", "jpt_pratama", "jpt_madya") for c in _CLASSES])
_JF_CLS = np.array([c.kind == "jf" for c in _CLASSES])
_START_RANK = {"SLTA": "II/a", "D1": "II/a", "D2": "II/b", "D3": "II/c", "D4": "III/a", "S1": "III/a",
               "S2": "III/b", "S3": "III/c"}
_EDU_LIST: tuple[str, ...] = tuple(e.value for e in Education)
_START_IDX = np.array([RANK_ORDER[_START_RANK.get(e, "I/a")] for e in _EDU_LIST])
_CPNS_AGE = {"SLTA": (19, 29), "D1": (19, 30), "D2": (20, 30), "D3": (21, 31), "D4": (22, 32), "S1": (23, 34),
             "S2": (25, 35), "S3": (29, 35)}
_CPNS_LO = np.array([_CPNS_AGE.get(e, (18, 30))[0] for e in _EDU_LIST], dtype=float)
_CPNS_HI = np.array([_CPNS_AGE.get(e, (18, 30))[1] for e in _EDU_LIST], dtype=float)
_ESELON_CLASS = {"IV.b": "pengawas:IV.b", "IV.a": "pengawas:IV.a", "III.b": "administrator:III.b",
                 "III.a": "administrator:III.a", "II.b": "jpt_pratama:II.b", "II.a": "jpt_pratama:II.a",
                 "I.b": "jpt_madya:I.b"}

# --------------------------------------------------------------------------- small helpers


def _days(d: date) -> int:
    return (d - _EPOCH).days


def _years_before(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 February
        return d.replace(year=d.year - years, day=28)


def _iso(days: np.ndarray) -> np.ndarray:
    return np.datetime_as_string(np.asarray(days, dtype="int64").astype("datetime64[D]"), unit="D")


def _month_floor(days: np.ndarray) -> np.ndarray:
    return np.asarray(days, dtype="int64").astype("datetime64[D]").astype("datetime64[M]").astype(
        "datetime64[D]").astype("int64")


def _ymd(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    d = np.asarray(days, dtype="int64").astype("datetime64[D]")
    y = d.astype("datetime64[Y]").astype("int64") + 1970
    m = d.astype("datetime64[M]").astype("int64") % 12 + 1
    dd = (d - d.astype("datetime64[M]").astype("datetime64[D]")).astype("int64") + 1
    return y, m, dd


def _cat(rng: Generator, pairs: tuple[tuple[str, float], ...], n: int) -> np.ndarray:
    """Draw n labels from (label, weight) pairs."""
    labels = np.array([p[0] for p in pairs], dtype=object)
    w = np.array([p[1] for p in pairs], dtype=float)
    return labels[rng.choice(len(pairs), size=n, p=w / w.sum())]


def _weights(spec: str) -> tuple[tuple[str, float], ...]:
    return tuple((k, float(v)) for k, v in (p.split(":") for p in spec.split()))


def _parse_line(line: str, default_rumpun: str) -> tuple[str, bool, str, tuple[tuple[str, str], ...]]:
    """``"Name[!][@rumpun]: a | b@r"`` -> (name, critical, rumpun, ((seksi, rumpun), ...))."""
    head, _, rest = line.partition(":")
    name, rumpun = _name_rumpun(head.strip(), default_rumpun)
    critical = name.endswith("!")
    name = name.rstrip("!")
    subs = tuple(_name_rumpun(s.strip(), rumpun) for s in rest.split("|")) if rest.strip() else ()
    return name, critical, rumpun, subs


def _name_rumpun(text: str, default: str) -> tuple[str, str]:
    name, _, r = text.partition("@")
    return name.strip(), (r.strip() or default)


def _largest_remainder(total: int, weights: np.ndarray, minimum: int = 0) -> np.ndarray:
    w = np.asarray(weights, dtype=float)
    base = np.full(len(w), minimum, dtype=int)
    rest = max(total - base.sum(), 0)
    raw = rest * w / w.sum()
    out = np.floor(raw).astype(int)
    short = rest - out.sum()
    order = np.argsort(-(raw - out), kind="stable")
    out[order[:short]] += 1
    return base + out


# --------------------------------------------------------------------------- the region


@dataclass
class _Unit:
    code: str
    name: str
    rumpun: str
    staff: float
    jf_share: float
    jf: tuple[tuple[str, float], ...]


@dataclass
class _Region:
    units: list[_Unit] = field(default_factory=list)
    posts: list[dict[str, Any]] = field(default_factory=list)  # structural posts
    kecamatan: tuple[str, ...] = ()

    def unit(self, code: str, name: str, rumpun: str, staff: float, jf_share: float, jf: str) -> None:
        self.units.append(_Unit(code, name, rumpun, staff, jf_share, _weights(jf)))

    def post(self, pid: str, title: str, unit: str, eselon: str, rumpun: str, critical: bool = False) -> None:
        cls = _CLASSES[_CLS_INDEX[_ESELON_CLASS[eselon]]]
        self.posts.append(dict(position_id=pid, title=title, unit=unit, kind=cls.kind, eselon=eselon, jf_level="",
                               rumpun=rumpun, min_rank="", min_education="", critical=critical, holder_nip=""))


def _build_structure(size: SizeSpec, rng: Generator) -> _Region:
    """OPD and structural posts, in the order a job map lists them."""
    reg = _Region()
    prov = size.level == "provinsi"
    # Which kecamatan names this region has (its puskesmas are named after them).
    pick = np.sort(rng.choice(len(_KECAMATAN), size=size.kecamatan, replace=False))
    reg.kecamatan = tuple(_KECAMATAN[i] for i in pick)
    head_e = "II.a" if prov else "II.b"
    kabid_e = "III.a" if prov else "III.b"

    # Sekretariat Daerah.
    reg.unit("SETDA", "Sekretariat Daerah", "pemerintahan", 1.6 if prov else 2.2, 0.15,
             "analis_kebijakan:40 perancang_uu:15 pranata_humas:15 pengelola_pbj:15 arsiparis:15")
    if prov:
        reg.post("SETDA-SEKDA", "Sekretaris Daerah", "SETDA", "I.b", "pemerintahan", True)
        for a, (title, rumpun, _) in enumerate(_SETDA_KAB, 1):
            reg.post(f"SETDA-AS{a}", title, "SETDA", "II.a", rumpun)
        for _, code, name, rumpun, bagian in _BIRO_PROV:
            reg.unit(code, name, rumpun, 0.7, 0.2, "analis_kebijakan:50 arsiparis:20 pranata_komputer:30")
            reg.post(f"{code}-KARO", f"Kepala {name}", code, "II.b", rumpun, code in ("BIRO-HUKUM", "BIRO-PBJ"))
            for b, bag in enumerate(bagian, 1):
                reg.post(f"{code}-BAG{b}", f"Kepala Bagian {bag}", code, "III.a", rumpun)
            reg.post(f"{code}-TU", f"Kepala Subbagian Tata Usaha {name}", code, "IV.a", "umum")
    else:
        reg.post("SETDA-SEKDA", "Sekretaris Daerah", "SETDA", "II.a", "pemerintahan", True)
        bag_no = 0
        for a, (title, rumpun, bagian) in enumerate(_SETDA_KAB, 1):
            reg.post(f"SETDA-AS{a}", title, "SETDA", "II.b", rumpun)
            for line in bagian:
                bag_no += 1
                name, crit, r, subs = _parse_line(line, rumpun)
                reg.post(f"SETDA-BAG{bag_no}", f"Kepala Bagian {name}", "SETDA", "III.a", r, crit)
                for s, (sub, sr) in enumerate(subs[: size.subbag], 1):
                    reg.post(f"SETDA-BAG{bag_no}-SUB{s}", f"Kepala Subbagian {sub}", "SETDA", "IV.a", sr)

    # OPD from the catalogue.
    for spec in _opd_list(size):
        _build_opd(reg, spec, size, head_e, kabid_e)

    if prov:
        _build_uptd_prov(reg, size)
    else:
        _build_kecamatan(reg, size)
    return reg


def _opd_list(size: SizeSpec) -> list[OpdSpec]:
    if size.level == "provinsi":
        out = []
        for spec in _KAB_OPDS:
            if spec.code == "DAMKAR":  # a kabupaten/kota affair
                continue
            out.append(replace(spec, **_PROV_CHANGES.get(spec.code, {})))
        # Provincial dinas first, then badan, hospitals last: as a Pergub on SOTK lists them.
        extra = list(_PROV_ONLY)
        dinas = [s for s in out + extra if s.kind in ("dinas", "satpol", "inspektorat", "setwan")]
        badan = [s for s in out + extra if s.kind in ("badan", "bpbd")]
        rs = [s for s in out + extra if s.kind == "rsud"]
        return dinas + badan + rs
    return [s for s in _KAB_OPDS if s.kecil or not size.kecil_only]


def _build_opd(reg: _Region, spec: OpdSpec, size: SizeSpec, head_e: str, kabid_e: str) -> None:
    """Head, sekretariat, bidang and seksi (or the shape of an inspektorat, setwan, RSUD)."""
    c = spec.code
    reg.unit(c, spec.name, spec.rumpun, spec.staff, spec.jf_share, spec.jf)
    prov = size.level == "provinsi"
    if spec.kind == "inspektorat":
        reg.post(f"{c}-INSPEKTUR", "Inspektur", c, head_e, spec.rumpun, True)
        reg.post(f"{c}-SEK", "Sekretaris Inspektorat", c, "III.a", spec.rumpun)
        for s, (sub, sr) in enumerate((_name_rumpun(x, spec.rumpun) for x in spec.subbag[: size.subbag]), 1):
            reg.post(f"{c}-SEK-SUB{s}", f"Kepala Subbagian {sub}", c, "IV.a", sr)
        for i in range(size.irban):
            reg.post(f"{c}-IRBAN{i + 1}", f"Inspektur Pembantu Wilayah {_ROMAN[i]}", c, kabid_e, spec.rumpun,
                     i == 0)
        return
    if spec.kind == "setwan":
        reg.post(f"{c}-SEKWAN", "Sekretaris DPRD", c, head_e, spec.rumpun)
        nb = 3 if size.kecil_only else 4
        for b, line in enumerate(spec.bidang[:nb], 1):
            name, crit, r, subs = _parse_line(line, spec.rumpun)
            reg.post(f"{c}-BAG{b}", f"Kepala Bagian {name}", c, "III.a", r, crit)
            for s, (sub, sr) in enumerate(subs[: size.subbag], 1):
                reg.post(f"{c}-BAG{b}-SUB{s}", f"Kepala Subbagian {sub}", c, "IV.a", sr)
        return
    if spec.kind == "rsud":
        reg.post(f"{c}-DIR", f"Direktur {spec.name}", c, "II.b", spec.rumpun, True)
        if size.wadir or prov:
            reg.post(f"{c}-WADIR1", "Wakil Direktur Umum dan Keuangan", c, "III.a", "umum")
            reg.post(f"{c}-WADIR2", "Wakil Direktur Pelayanan", c, "III.a", spec.rumpun)
        nb = 4 if size.kecil_only else 5
        for b, line in enumerate(spec.bidang[:nb], 1):
            name, crit, r, subs = _parse_line(line, spec.rumpun)
            is_bag = r in ("umum", "keuangan")
            word = "Bagian" if is_bag else "Bidang"
            pid = f"{c}-BAG{b}" if is_bag else f"{c}-BID{b}"
            reg.post(pid, f"Kepala {word} {name}", c, "III.b", r, crit)
            for s, (sub, sr) in enumerate(subs, 1):
                sw = "Subbagian" if is_bag else "Seksi"
                reg.post(f"{pid}-{'SUB' if is_bag else 'SEK'}{s}", f"Kepala {sw} {sub}", c, "IV.a", sr)
        return

    # dinas, badan, satpol, bpbd
    if spec.kind == "satpol":
        head, sek, hid = "Kepala Satuan Polisi Pamong Praja", "Sekretaris Satuan Polisi Pamong Praja", "KASAT"
    elif spec.kind == "bpbd":
        head = "Kepala Pelaksana Badan Penanggulangan Bencana Daerah"
        sek, hid = "Sekretaris Badan Penanggulangan Bencana Daerah", "KALAK"
    elif spec.kind == "badan":
        head, sek, hid = f"Kepala {spec.name}", f"Sekretaris {spec.name}", "KABAN"
    else:
        head, sek, hid = f"Kepala {spec.name}", f"Sekretaris {spec.name}", "KADIS"
    reg.post(f"{c}-{hid}", head, c, head_e, spec.rumpun, spec.critical)
    reg.post(f"{c}-SEK", sek, c, "III.a", spec.rumpun, spec.critical and spec.staff >= 2)
    for s, (sub, sr) in enumerate((_name_rumpun(x, spec.rumpun) for x in spec.subbag[: size.subbag]), 1):
        reg.post(f"{c}-SEK-SUB{s}", f"Kepala Subbagian {sub}", c, "IV.a", sr)
    sub_word = "Subbidang" if spec.kind in ("badan", "bpbd") else "Seksi"
    sub_code = "SUBID" if sub_word == "Subbidang" else "SEK"
    for b, line in enumerate(spec.bidang[: size.bidang], 1):
        name, crit, r, subs = _parse_line(line, spec.rumpun)
        reg.post(f"{c}-BID{b}", f"Kepala Bidang {name}", c, kabid_e, r, crit)
        for s, (sub, sr) in enumerate(subs[: size.seksi], 1):
            reg.post(f"{c}-BID{b}-{sub_code}{s}", f"Kepala {sub_word} {sub}", c, "IV.a", sr)
    for u, name in enumerate(spec.upt[: size.upt], 1):
        reg.post(f"{c}-UPT{u}", f"Kepala UPTD {name}", c, "IV.a", spec.rumpun)
        reg.post(f"{c}-UPT{u}-TU", f"Kepala Subbagian Tata Usaha UPTD {name}", c, "IV.b", "umum")
    if c == "DINKES" and size.puskesmas:
        names = _puskesmas_names(reg.kecamatan, size.puskesmas)
        for p, name in enumerate(names, 1):
            reg.post(f"{c}-PKM{p:02d}-TU", f"Kepala Subbagian Tata Usaha UPTD Puskesmas {name}", c, "IV.b",
                     "kesehatan")


def _puskesmas_names(kec: tuple[str, ...], count: int) -> list[str]:
    out: list[str] = []
    i = 0
    while len(out) < count:
        base = kec[i % len(kec)]
        n = i // len(kec)
        out.append(base if n == 0 else f"{base} {_ROMAN[n]}")
        i += 1
    return out


def _build_kecamatan(reg: _Region, size: SizeSpec) -> None:
    """Camat III.a, Sekcam III.b, kasi IV.a, kasubbag IV.b; lurah in the first kecamatan."""
    kel = list(_KELURAHAN)
    n_kel = size.kelurahan
    for name in reg.kecamatan:
        code = f"KEC-{name.upper()}"
        reg.unit(code, f"Kecamatan {name}", "pemerintahan", 0.55, 0.06,
                 "penggerak_swadaya:50 analis_kebijakan:30 polpp:20")
        reg.post(f"{code}-CAMAT", f"Camat {name}", code, "III.a", "pemerintahan")
        reg.post(f"{code}-SEKCAM", f"Sekretaris Kecamatan {name}", code, "III.b", "pemerintahan")
        for s, (sub, sr) in enumerate((_name_rumpun(x, "pemerintahan") for x in _KEC_SEKSI[: size.kec_seksi]), 1):
            reg.post(f"{code}-SEK{s}", f"Kepala Seksi {sub}", code, "IV.a", sr)
        for s, (sub, sr) in enumerate((_name_rumpun(x, "pemerintahan") for x in _KEC_SUBBAG[: size.kec_subbag]), 1):
            reg.post(f"{code}-SUB{s}", f"Kepala Subbagian {sub}", code, "IV.b", sr)
        # Kelurahan in the capital kecamatan(s): Lurah IV.a, Sekretaris Kelurahan IV.b.
        here = min(n_kel, 4)
        for j in range(here):
            ln = kel.pop(0)
            reg.post(f"{code}-LRH{j + 1}", f"Lurah {ln}", code, "IV.a", "pemerintahan")
            reg.post(f"{code}-LRH{j + 1}-SEK", f"Sekretaris Kelurahan {ln}", code, "IV.b", "pemerintahan")
        n_kel -= here


def _build_uptd_prov(reg: _Region, size: SizeSpec) -> None:
    def uptd(code: str, name: str, rumpun: str, seksi: tuple[str, ...], jf: str, staff: float, share: float,
             head_title: str | None = None) -> None:
        reg.unit(code, name, rumpun, staff, share, jf)
        reg.post(f"{code}-KA", head_title or f"Kepala {name}", code, "III.b", rumpun)
        reg.post(f"{code}-TU", "Kepala Subbagian Tata Usaha", code, "IV.a", "umum")
        for s, sk in enumerate(seksi, 1):
            reg.post(f"{code}-SEK{s}", f"Kepala Seksi {sk}", code, "IV.a", rumpun)

    for w in range(size.cadisdik):
        uptd(f"CADISDIK-W{w + 1}", f"Cabang Dinas Pendidikan Wilayah {_ROMAN[w]}", "pendidikan",
             ("Pelayanan dan Pembinaan Sekolah Menengah Atas",
              "Pelayanan dan Pembinaan Sekolah Menengah Kejuruan dan Sekolah Luar Biasa"),
             "guru:96 pengawas_sekolah_prov:4", 95.0 / size.cadisdik, 0.96)
    for w in range(size.uptd_ppd):
        uptd(f"UPTD-PPD-W{w + 1}", f"UPTD Pengelolaan Pendapatan Daerah Wilayah {_ROMAN[w]}", "keuangan",
             ("Pendataan dan Penetapan", "Penagihan dan Keberatan"), "analis_keuangan:60 pranata_komputer:40",
             0.55, 0.08)
    for w in range(size.uptd_pjj):
        uptd(f"UPTD-PJJ-W{w + 1}", f"UPTD Pengelolaan Jalan dan Jembatan Wilayah {_ROMAN[w]}", "pekerjaan_umum",
             ("Pembangunan dan Preservasi",), "teknik_jalan:80 teknik_pengairan:20", 0.5, 0.3)
    for w in range(size.uptd_psda):
        uptd(f"UPTD-PSDA-W{w + 1}", f"UPTD Pengelolaan Sumber Daya Air Wilayah Sungai {_ROMAN[w]}", "pekerjaan_umum",
             ("Operasi dan Pemeliharaan",), "teknik_pengairan:85 analis_kebijakan:15", 0.45, 0.3)
    for w in range(size.uptd_kph):
        uptd(f"UPTD-KPH-W{w + 1}", f"UPTD Kesatuan Pengelolaan Hutan Wilayah {_ROMAN[w]}", "kehutanan",
             ("Perlindungan dan Pemanfaatan Hutan",), "polhut:55 penyuluh_kehutanan:45", 0.45, 0.5)
    for code, name, rumpun, seksi, jf, staff, share in _UPTD_PROV_SINGLE:
        uptd(code, name, rumpun, seksi, jf, staff, share)


# --------------------------------------------------------------------------- seats (pelaksana, JF)


def _build_seats(reg: _Region, n_seats: int, rng: Generator) -> dict[str, np.ndarray]:
    """Pelaksana and JF seats, one row per seat, allocated to units by staff weight."""
    staff = np.array([u.staff for u in reg.units])
    per_unit = _largest_remainder(n_seats, staff, minimum=3)
    pid: list[str] = []
    title: list[str] = []
    unit: list[str] = []
    kind: list[str] = []
    level: list[str] = []
    rumpun: list[str] = []
    jfkey: list[str] = []
    for u, n in zip(reg.units, per_unit):
        n_jf = int(round(n * u.jf_share)) if u.jf else 0
        n_plk = int(n - n_jf)
        plk_pairs = _PLK_GENERIC + _PLK_RUMPUN.get(u.rumpun, ())
        # Merge duplicate titles so weights add up and order stays fixed.
        merged: dict[str, float] = {}
        for t, w in plk_pairs:
            merged[t] = merged.get(t, 0.0) + w
        plk_titles = _cat(rng, tuple(merged.items()), n_plk)
        width = max(4, len(str(max(n_plk, n_jf))))
        for i in range(n_plk):
            pid.append(f"{u.code}-PLK-{i + 1:0{width}d}")
            title.append(str(plk_titles[i]))
        unit += [u.code] * n_plk
        kind += ["pelaksana"] * n_plk
        level += [""] * n_plk
        jfkey += [""] * n_plk
        if n_jf:
            keys = _cat(rng, u.jf, n_jf)
            levels = np.empty(n_jf, dtype=object)
            for k in dict.fromkeys(keys.tolist()):  # first-seen order: deterministic
                m = keys == k
                _, lv, p, _ = JF_DEFS[k]
                levels[m] = np.array(lv, dtype=object)[rng.choice(len(lv), size=int(m.sum()), p=p)]
            # Seats listed by JF then level, as a job map does.
            order = np.lexsort((np.array([JF_LEVEL_ORDER[x] for x in levels]),
                                np.array([_JF_KEYS.index(k) for k in keys])))
            keys, levels = keys[order], levels[order]
            for i in range(n_jf):
                pid.append(f"{u.code}-JF-{i + 1:0{width}d}")
                title.append(f"{JF_DEFS[keys[i]][0]} {LEVEL_LABEL[levels[i]]}")
            unit += [u.code] * n_jf
            kind += ["jf"] * n_jf
            level += levels.tolist()
            jfkey += keys.tolist()
        rumpun += [u.rumpun] * int(n)
    return dict(position_id=np.array(pid, dtype=object), title=np.array(title, dtype=object),
                unit=np.array(unit, dtype=object), kind=np.array(kind, dtype=object),
                jf_level=np.array(level, dtype=object), rumpun=np.array(rumpun, dtype=object),
                jf_key=np.array(jfkey, dtype=object))


# --------------------------------------------------------------------------- people


def _draw_people(rng: Generator, cls: np.ndarray, min_edu: np.ndarray, jf_key: np.ndarray, retiree: np.ndarray,
                 unposted: np.ndarray, as_of: date) -> dict[str, np.ndarray]:
    """Birth, TMT CPNS, education, rank and gender for each person, agreeing with their seat."""
    n = len(cls)
    asof = _days(as_of)
    C = _CLASSES
    age_lo = np.array([c.age[0] for c in C])[cls]
    age_md = np.array([c.age[1] for c in C])[cls]
    age_hi = np.array([c.age[2] for c in C])[cls]
    bup = np.array([c.bup for c in C])[cls]
    r_lo = np.array([RANK_ORDER[c.rank[0]] for c in C])[cls]
    r_hi = np.array([RANK_ORDER[c.rank[1]] for c in C])[cls]
    min_ys = np.array([c.min_ys for c in C])[cls]

    # Education now, drawn per class, raised to the seat's minimum.
    edu = np.zeros(n, dtype=int)
    for i, c in enumerate(C):
        m = cls == i
        if m.any():
            labels = _cat(rng, c.edu, int(m.sum()))
            edu[m] = [EDUCATION_ORDER[x] for x in labels]
    medical = np.isin(jf_key, _JF_MEDICAL)
    edu = np.where(np.isin(jf_key, _JF_S1), np.maximum(edu, EDUCATION_ORDER["S1"]), edu)
    edu = np.maximum(edu, min_edu)
    # Back from study leave: one degree higher.
    up = unposted & (rng.random(n) < 0.6)
    edu = np.where(up & (edu == EDUCATION_ORDER["S1"]), EDUCATION_ORDER["S2"], edu)
    edu = np.where(up & (edu < EDUCATION_ORDER["S1"]), EDUCATION_ORDER["S1"], edu)

    # Education at entry (CPNS): many officials and pelaksana earned a degree in service.
    u = rng.random(n)
    e_slta, e_d3, e_d4, e_s1, e_s2, e_s3 = (EDUCATION_ORDER[x] for x in ("SLTA", "D3", "D4", "S1", "S2", "S3"))
    entry = edu.copy()
    struct = _STRUCT_CLS[cls]
    is_plk = cls == _CLS_INDEX["pelaksana"]
    p_slta = np.where(is_plk, 0.30, np.where(struct, 0.14, 0.02))
    p_d3 = np.where(is_plk, 0.10, np.where(struct, 0.14, 0.15))
    s1 = (edu == e_s1) & ~medical
    entry = np.where(s1 & (u < p_slta), e_slta, entry)
    entry = np.where(s1 & (u >= p_slta) & (u < p_slta + p_d3), e_d3, entry)
    entry = np.where((edu == e_s2) & (u < 0.85), e_s1, entry)
    entry = np.where((edu == e_s3) & (u < 0.6), e_s1, np.where(edu == e_s3, e_s2, entry))
    entry = np.where((edu == e_d3) & (u < 0.2), e_slta, entry)
    entry = np.where((edu == e_d4) & (u < 0.5), e_d3, entry)
    upgraded = entry < edu

    # Age on as_of and age at CPNS.
    age = rng.triangular(age_lo, age_md, age_hi)
    age = np.where(retiree, bup + rng.uniform(0.0, 0.45, n), age)
    cpns_lo, cpns_hi = _CPNS_LO[entry], _CPNS_HI[entry]
    cpns_lo = np.where(medical, 26.0, cpns_lo)
    cpns_hi = np.maximum(cpns_hi, cpns_lo + 1)
    age_cpns = rng.uniform(cpns_lo, cpns_hi)
    # Years of service the seat needs: the career rules and the rank band.
    start_e, start_c = _START_IDX[entry], _START_IDX[edu]
    need_rank = np.where(upgraded, (r_lo - start_c) * 4.0 / 0.6 + 1.0, (r_lo - start_e) * 4.0 - 1.5)
    need = np.maximum(min_ys, np.minimum(need_rank, 24.0))
    need = np.where(unposted, need + 5.5, need)
    need = np.clip(need, 0.3, None)
    cap = np.where(retiree, age, bup - 0.05)
    age_cpns = np.clip(np.minimum(age_cpns, age - need), cpns_lo, None)
    short = age - age_cpns < need
    age = np.where(short, np.minimum(age_cpns + need + rng.uniform(0, 3, n), cap), age)
    age_cpns = np.clip(np.minimum(age_cpns, age - need), cpns_lo, None)

    birth = asof - np.round(age * YEAR).astype(np.int64)
    # Retirement age, exactly by calendar: holders reaching BUP by as_of only where intended.
    thr = np.array([_days(_years_before(as_of, int(b))) for b in bup])
    birth = np.where(~retiree & (birth <= thr), thr + 1 + rng.integers(0, 60, n), birth)
    birth = np.where(retiree, thr - rng.integers(0, 170, n), birth)
    cpns = _month_floor(birth + np.round(age_cpns * YEAR).astype(np.int64) + 15)
    cpns = np.minimum(cpns, _month_floor(np.full(n, asof - 120)))
    ys = (asof - cpns) / YEAR

    # Rank: a step about every 4 years from the entry rank; a degree earned in service lifts
    # the rank to the new degree's starting rank (penyesuaian ijazah). Clipped to the band.
    n1, n2 = rng.uniform(-0.6, 1.4, n), rng.uniform(-0.6, 1.4, n)
    ys_up = ys * rng.uniform(0.25, 0.4, n)
    plain = start_e + np.floor((ys + n1) / 4.0)
    lifted = np.maximum(start_e + np.floor(ys_up / 4.0), start_c) + np.floor((ys - ys_up + n2) / 4.0)
    natural = np.where(upgraded, lifted, plain).astype(int)
    ceiling = np.where(is_plk & (edu <= e_slta), RANK_ORDER["III/b"], np.where(is_plk & (edu <= e_d3),
                       RANK_ORDER["III/c"], RANK_ORDER["IV/e"]))
    rank = np.clip(np.minimum(natural, ceiling), r_lo, np.minimum(r_hi, ceiling))
    rank = np.maximum(rank, r_lo)
    # TMT golongan: 1 April or 1 October, within the last step; longer for those held at the cap.
    capped = natural > rank
    back = np.where(capped, rng.uniform(0.5, 9.0, n), rng.uniform(0.05, 4.0, n))
    back = np.clip(np.minimum(back, ys - 0.8), 0.05, None)
    rs = asof - np.round(back * YEAR).astype(np.int64)
    y, m, _ = _ymd(rs)
    y = np.where(m >= 4, y, y - 1)
    mo = np.where((m >= 10) | (m < 4), 10, 4)
    rs = np.array([_days(date(int(a), int(b), 1)) for a, b in zip(y, mo)])
    no_step = (rank == start_e) & ~upgraded
    rs = np.where(no_step | (rs <= cpns), cpns, rs)

    female = np.array([c.female for c in C])[cls]
    pf_jf = np.array([JF_DEFS[k][3] if k else 0.0 for k in jf_key])
    female = np.where(jf_key != "", pf_jf, female)
    gender = np.where(rng.random(n) < female, "P", "L")
    return dict(birth=birth, cpns=cpns, edu=edu, entry=entry, rank=rank, rank_since=rs, gender=gender, ys=ys)


def _nips(rng: Generator, birth: np.ndarray, cpns: np.ndarray, gender: np.ndarray) -> np.ndarray:
    y, m, d = _ymd(birth)
    cy, cm, _ = _ymd(cpns)
    g = np.where(gender == "L", 1, 2)
    prefix = np.array([f"{a:04d}{b:02d}{c:02d}{e:04d}{f:02d}{h}" for a, b, c, e, f, h in zip(y, m, d, cy, cm, g)],
                      dtype=object)
    base = rng.integers(1, 6, len(prefix))
    order = np.argsort(prefix, kind="stable")
    serial = np.zeros(len(prefix), dtype=int)
    prev, k, start = None, 0, 1
    for i in order:
        if prefix[i] != prev:
            prev, k, start = prefix[i], 0, base[i]
        serial[i] = start + k
        k += 1
    return np.array([f"{p}{s:03d}" for p, s in zip(prefix, serial)], dtype=object)


def _names(rng: Generator, gender: np.ndarray, edu: np.ndarray, rumpun: np.ndarray, jf_key: np.ndarray,
           cls: np.ndarray) -> list[str]:
    n = len(gender)
    eth = rng.choice(len(_ETHNIC), size=n, p=_ETHNIC_P)
    u = rng.random((n, 8))
    out = []
    for i in range(n):
        pool = _NAMES[_ETHNIC[eth[i]]]
        g = gender[i]
        given = pool[g]
        first = given[int(u[i, 0] * len(given))]
        parts = [first]
        if u[i, 1] < 0.25:  # a second given name
            second = given[int(u[i, 2] * len(given))]
            if second != first and " " not in first:
                parts.append(second)
        fam = pool["F" if g == "L" else "FP"]
        if u[i, 3] < 0.85:
            last = fam[int(u[i, 4] * len(fam))]
            if last not in parts:
                parts.append(last)
        if len(parts) == 1:  # a one-word name is rare on a SK: add a second given name
            other = given[int(u[i, 2] * len(given))]
            parts.append(other if other != first else fam[int(u[i, 4] * len(fam))])
        name = " ".join(parts)
        out.append(_with_degrees(name, _EDU_LIST[edu[i]], rumpun[i], jf_key[i], _CLASSES[cls[i]], u[i, 5], u[i, 6]))
    return out


def _with_degrees(name: str, edu: str, rumpun: str, jf_key: str, cls: _Cls, a: float, b: float) -> str:
    prefix, suffix = "", []
    s1 = _S1_BY_RUMPUN.get(rumpun, ("S.Sos.", "S.E.", "S.AP."))
    s2 = _S2_BY_RUMPUN.get(rumpun, _S2_DEFAULT)
    if jf_key == "dokter":
        prefix = "dr. "
        if edu in ("S2", "S3"):
            suffix.append(_SPESIALIS[int(b * len(_SPESIALIS))])
    elif jf_key == "dokter_gigi":
        prefix = "drg. "
    elif jf_key == "apoteker":
        suffix += ["S.Farm.", "Apt."]
    elif jf_key in ("perawat",) and edu in ("S1", "S2"):
        suffix += ["S.Kep.", "Ners"]
    elif jf_key in ("perawat",) and edu == "D3":
        suffix.append("A.Md.Kep.")
    elif jf_key == "bidan" and edu == "D3":
        suffix.append("A.Md.Keb.")
    elif jf_key == "bidan" and edu == "D4":
        suffix.append("S.Tr.Keb.")
    elif jf_key == "guru" and edu in ("S1", "S2", "S3"):
        suffix.append("S.Pd.")
    elif edu == "D3":
        suffix.append("A.Md.")
    elif edu == "D4":
        suffix.append("S.ST.")
    elif edu in ("S1", "S2", "S3"):
        suffix.append(s1[int(a * len(s1))])
    if edu in ("S2", "S3") and jf_key not in ("dokter",):
        suffix.append("M.Pd." if jf_key == "guru" else s2[int(b * len(s2))])
    if edu == "S3" and not prefix:
        prefix = "Dr. "
    return prefix + name + ("".join(", " + s for s in suffix))


# --------------------------------------------------------------------------- careers

_D = YEAR
_PRE_MIN = int(4.25 * _D)  # pelaksana/JF before the first pengawas post: 4 years and a margin
_PENGAWAS_MIN = int(3.2 * _D)
_ADMIN_MIN = int(2.2 * _D)  # the last row before JPT is III.a for at least 2 years
_JPT_MIN = int(2.2 * _D)
_ROW_STRUCT = int(2.1 * _D)
_ROW_PLK = int(1.0 * _D)
_ROW_JF = int(2.0 * _D)


def _split(total: int, k: int, minimum: int, u: np.ndarray) -> list[int]:
    """Split ``total`` days into k parts of at least ``minimum`` (k is reduced to fit)."""
    k = max(1, min(k, total // max(minimum, 1)))
    w = u[:k] + 0.2
    extra = total - k * minimum
    parts = [minimum + int(extra * x / w.sum()) for x in w]
    parts[-1] += total - sum(parts)
    return parts


def _careers(rng: Generator, cls: np.ndarray, unit_idx: np.ndarray, post_rumpun: np.ndarray, reg: _Region,
             first: np.ndarray, since: np.ndarray, end: np.ndarray, province: bool,
             as_of: date) -> tuple[list[list[tuple]], np.ndarray]:
    """History rows for everyone; returns rows and the (possibly later) start of the last post.

    Rows are contiguous from the first post (SPMT) to the current one. A past structural
    row names a real post of that eselon (its unit and job family), in the same unit or,
    on a tour of duty, elsewhere; pelaksana and JF rows take the unit's job family.
    """
    n = len(cls)
    U = rng.random((n, 48))
    units = reg.units
    nunits = len(units)
    unit_pos = {u.code: i for i, u in enumerate(units)}
    by_rumpun: dict[str, list[int]] = {}
    for i, un in enumerate(units):
        by_rumpun.setdefault(un.rumpun, []).append(i)
    # Structural posts by eselon, and by (eselon, unit).
    by_es: dict[str, list[tuple[int, str]]] = {}
    by_es_unit: dict[tuple[str, int], list[tuple[int, str]]] = {}
    for post in reg.posts:
        key = (unit_pos[post["unit"]], post["rumpun"])
        by_es.setdefault(post["eselon"], []).append(key)
        by_es_unit.setdefault((post["eselon"], key[0]), []).append(key)
    latest = _days(as_of) - 30
    rows: list[list[tuple]] = []
    since_out = since.copy()
    i_plk = _CLS_INDEX["pelaksana"]
    for p in range(n):
        u = U[p]
        c = _CLASSES[cls[p]]
        F, P, E = int(first[p]), int(since[p]), int(end[p])
        cur = int(unit_idx[p])
        draws = iter(u[24:])

        def plk(stay: float) -> tuple[int, str]:
            x, y = next(draws), next(draws)
            ui = cur if x < stay else int(y * nunits) % nunits
            return ui, units[ui].rumpun

        def jfu() -> tuple[int, str]:
            x, y = next(draws), next(draws)
            same = by_rumpun.get(units[cur].rumpun, [cur])
            ui = cur if x < 0.85 else same[int(y * len(same)) % len(same)]
            return ui, units[ui].rumpun

        def struct(eselon: str, stay: float) -> tuple[int, str]:
            x, y = next(draws), next(draws)
            here = by_es_unit.get((eselon, cur))
            cand = here if (here and x < stay) else by_es[eselon]
            return cand[int(y * len(cand)) % len(cand)]

        seq: list[tuple[str, str, str, tuple[int, str], int]] = []  # kind, eselon, level, (unit, rumpun), days
        span = P - F
        if cls[p] == i_plk:
            if span >= 200:
                for L in _split(span, 1 + int(u[0] * 3), _ROW_PLK, u[1:]):
                    seq.append(("pelaksana", "", "", plk(0.6), L))
        elif c.kind == "jf":
            if span >= 200:
                ladder = ("ahli_pertama", "ahli_muda", "ahli_madya", "ahli_utama") \
                    if c.jf_level in JF_KEAHLIAN else ("pemula", "terampil", "mahir", "penyelia")
                top = ladder.index(c.jf_level)
                lower = list(ladder[(1 if ladder[0] == "pemula" and top >= 1 else 0):top])
                pre = u[2] < 0.35 and span > 3 * _D
                fit = max(int(span // _ROW_JF) - (1 if pre else 0), 0)
                if fit < len(lower):  # too little time for every step: entered at a higher level
                    lower = lower[len(lower) - fit:]
                mins = ([_ROW_PLK] if pre else []) + [_ROW_JF] * len(lower)
                if not mins:  # one earlier seat at the same level
                    seq.append(("jf", "", c.jf_level, jfu(), span))
                else:
                    lens = _alloc(span, mins, u[3:])
                    if pre:
                        seq.append(("pelaksana", "", "", plk(0.5), lens[0]))
                    for lv, L in zip(lower, lens[1:] if pre else lens):
                        seq.append(("jf", "", lv, jfu(), L))
        else:
            seq = _official_rows(c, F, P, latest, u, plk, jfu, struct, province, tuple(by_es))
        nip_rows = []
        t = F
        for kind, es, lv, (ui, rumpun), L in seq:
            nip_rows.append((kind, es, lv, units[ui].code, rumpun, t, t + L))
            t += L
        nip_rows.append((c.kind, c.eselon, c.jf_level, units[cur].code, str(post_rumpun[p]), t, E))
        since_out[p] = t
        rows.append(nip_rows)
    return rows, since_out


def _alloc(total: int, mins: list[int], u: np.ndarray) -> list[int]:
    """Lengths of at least ``mins`` that add up to ``total`` (callers make total >= sum(mins))."""
    w = u[: len(mins)] + 0.2
    extra = max(total - sum(mins), 0)
    lens = [m + int(extra * x / w.sum()) for m, x in zip(mins, w)]
    lens[-1] += total - sum(lens)
    return lens


def _official_rows(c: _Cls, F: int, P: int, latest: int, u: np.ndarray, plk, jfu, struct,
                   province: bool, have: tuple[str, ...]) -> list[tuple]:
    """Past rows of a structural official: pelaksana/JF, then pengawas, administrator, JPT.

    The minimums are the rules' (4 years before pengawas, 3 as pengawas before
    administrator, 2 in III.a before JPT, 2 in JPT before Sekda/JPT Madya) with a margin.
    When the drawn start of the current post leaves too little room, the post started later.
    """
    kind = c.kind
    stages: list[tuple[str, int]] = [("pre", _PRE_MIN)]
    if kind in ("administrator", "jpt_pratama", "jpt_madya"):
        stages.append(("pengawas", _PENGAWAS_MIN))
    if kind in ("jpt_pratama", "jpt_madya"):
        stages.append(("administrator", _ADMIN_MIN))
    # Sekda of a kabupaten and JPT Madya held JPT Pratama first; a province's kepala dinas
    # (II.a) may come straight from III.a.
    if kind == "jpt_madya" or (kind == "jpt_pratama" and c.eselon == "II.a" and (not province or u[9] < 0.5)):
        stages.append(("jpt", _JPT_MIN))
    need = sum(m for _, m in stages)
    # An earlier post at the current level (tour of duty), when there is room for it.
    room = P - F - need
    if room > _ROW_STRUCT + 90 and ((kind in ("pengawas", "administrator") and u[10] < 0.55)
                                    or (c.eselon == "II.b" and u[10] < 0.4)):
        stages.append(("same", _ROW_STRUCT))
        need += _ROW_STRUCT
    span = P - F
    if span < need:  # the current post started later than drawn
        span = min(need + int(u[11] * 0.5 * _D), max(latest - F, need))
    lens = _alloc(span, [m for _, m in stages], u[12:])
    seq: list[tuple] = []
    for (stage, _), L in zip(stages, lens):
        if stage == "pre":
            if u[13] < 0.2:  # came from a JF
                seq.append(("jf", "", "ahli_pertama" if u[14] < 0.7 else "mahir", jfu(), L))
            else:
                for part in _split(L, 1 + int(u[15] * 2), _ROW_PLK * 2, u[16:]):
                    seq.append(("pelaksana", "", "", plk(0.5), part))
        elif stage == "pengawas":
            parts = _split(L, 1 + int(u[17] * 2), _ROW_STRUCT, u[18:])
            for j, part in enumerate(parts):
                es = "IV.b" if (j == 0 and len(parts) > 1 and u[19] < 0.5 and "IV.b" in have) else "IV.a"
                seq.append(("pengawas", es, "", struct(es, 0.35), part))
        elif stage == "administrator":
            parts = _split(L, 1 + int(u[21] * 2), _ROW_STRUCT, u[22:])
            for j, part in enumerate(parts):
                es = "III.a" if j == len(parts) - 1 else "III.b"
                seq.append(("administrator", es, "", struct(es, 0.35), part))
        elif stage == "jpt":
            es = "II.b" if (c.eselon == "II.a" and not province) else ("II.a" if u[20] < 0.6 else "II.b")
            seq.append(("jpt_pratama", es, "", struct(es, 0.2), L))
        else:  # same level, an earlier post
            es = c.eselon
            lower = {"IV.a": "IV.b", "III.a": "III.b"}.get(es, "")
            if lower in have and u[23] < 0.45:
                es = lower
            seq.append((kind, es, "", struct(es, 0.3), L))
    return seq


# --------------------------------------------------------------------------- discipline

_SANKSI_PP53 = {  # PP 53/2010, before 31 Aug 2021
    "ringan": (("teguran lisan", 6), ("teguran tertulis", 6), ("pernyataan tidak puas secara tertulis", 6)),
    "sedang": (("penundaan kenaikan gaji berkala selama 1 tahun", 12), ("penundaan kenaikan pangkat selama 1 tahun", 12),
               ("penurunan pangkat setingkat lebih rendah selama 1 tahun", 12)),
    "berat": (("penurunan pangkat setingkat lebih rendah selama 3 tahun", 36),
              ("pemindahan dalam rangka penurunan jabatan setingkat lebih rendah", 12)),
}
_SANKSI_PP94 = {  # PP 94/2021
    "ringan": (("teguran lisan", 6), ("teguran tertulis", 6), ("pernyataan tidak puas secara tertulis", 6)),
    "sedang": (("pemotongan tunjangan kinerja sebesar 25% selama 6 bulan", 6),
               ("pemotongan tunjangan kinerja sebesar 25% selama 9 bulan", 9),
               ("pemotongan tunjangan kinerja sebesar 25% selama 12 bulan", 12)),
    "berat": (("penurunan jabatan setingkat lebih rendah selama 12 bulan", 12),
              ("pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 bulan", 12)),
}
_PP94_FROM = date(2021, 8, 31)


def _discipline(rng: Generator, nip: np.ndarray, cpns: np.ndarray, kind: np.ndarray, as_of: date) -> list[tuple]:
    """About 3 % of staff with a sanction: some still running, some ended within 2 years, some older.

    The text follows the regulation in force when the sanction began (PP 53/2010 before
    31 August 2021, PP 94/2021 after). Officials in a structural post carry no heavy
    (berat) sanction: a demotion would show in their career record.
    """
    n = len(nip)
    asof = _days(as_of)
    eligible = np.flatnonzero((asof - cpns) > 3 * _D)
    who = np.sort(rng.choice(eligible, size=min(int(round(0.032 * n)), len(eligible)), replace=False))
    u = rng.random((len(who), 8))
    pp94_from = _days(_PP94_FROM)
    rows = []
    for j, p in enumerate(who):
        recs = [(u[j, 0], u[j, 1], u[j, 2], u[j, 3])]
        if u[j, 4] < 0.1:  # an earlier record as well
            recs.append((u[j, 5], 1.0, u[j, 6], u[j, 7]))
        for lvx, st, a, b in recs:
            level = "ringan" if lvx < 0.6 else ("sedang" if lvx < 0.88 else "berat")
            if level == "berat" and kind[p] not in ("pelaksana", "jf"):
                level = "sedang"
            if st < 0.22:  # still running on as_of
                end = None
            elif st < 0.62:  # ended within the last 2 years: Karawang's 2-year rule bites
                end = asof - 10 - int(a * 1.9 * _D)
            elif st < 1.0:  # older
                end = asof - int((2.1 + a * 5.0) * _D)
            else:  # the earlier of two records
                end = asof - int((7.5 + a * 3.0) * _D)
            table = _SANKSI_PP94 if end is None or end - 365 >= pp94_from else _SANKSI_PP53
            options = [t for t in table[level] if not (kind[p] == "pelaksana" and "jabatan pelaksana" in t[0])]
            text, months = options[int(b * len(options))]
            length = int(months * 30.44)
            if end is None:
                start = asof - int(length * (0.1 + 0.8 * a))
                end = start + length
            else:
                start = end - length
            if start <= int(cpns[p]) + 365:
                continue
            rows.append((nip[p], level, text, start, end))
    rows.sort(key=lambda r: (r[0], r[3]))
    return rows


# --------------------------------------------------------------------------- vocabulary

# Ratings skewed to baik as in practice; officials more often of high potential.
_PERFORMANCE_P = (("sangat_baik", .20), ("baik", .70), ("butuh_perbaikan", .065), ("kurang", .028),
                  ("sangat_kurang", .007))
_POTENTIAL_OFFICIAL_P = (("rendah", .15), ("menengah", .60), ("tinggi", .25))
_POTENTIAL_OTHER_P = (("rendah", .33), ("menengah", .55), ("tinggi", .12))
_READINESS = ("ready_now", "need_development")
_TRAINING = ("none", "pkp", "pka", "pkn2", "pkn1")
_AWARDS = ("none", "kabupaten", "provinsi", "nasional", "internasional")


def _check_vocabulary() -> None:
    """Every label written here is a value of the shared enums (``models.enums``)."""
    pairs = (
        ({k for k, _ in _PERFORMANCE_P}, Performance), ({k for k, _ in _POTENTIAL_OFFICIAL_P}, Potential),
        (set(_READINESS), Readiness), (set(_TRAINING), LeadershipTraining), (set(_AWARDS), AwardLevel),
        (set(LEVEL_LABEL), JfLevel), (set(_ESELON_CLASS), Eselon), ({c.kind for c in _CLASSES}, Kind),
        (set(_SANKSI_PP94) | set(_SANKSI_PP53), DisciplineLevel),
    )
    for labels, enum in pairs:
        if labels != {e.value for e in enum}:
            raise RuntimeError(f"planner.synth.generate is out of step with models.enums.{enum.__name__}")
    known = {e.value for e in Education}
    if not all(e in known for c in _CLASSES for e, _ in c.edu):
        raise RuntimeError("planner.synth.generate uses an education level unknown to models.enums.Education")


_check_vocabulary()

# --------------------------------------------------------------------------- main entry


def generate_scenario(size: str, seed: int, out_dir: Path, as_of: date = date(2026, 12, 1),
                      rule_pack: str = "karawang-2020", name: str | None = None) -> dict[str, Any]:
    """Write a realistic synthetic scenario folder and return a summary of counts.

    ``size`` is ``kecil`` (~1,500 PNS), ``kabupaten`` (~6,000) or ``provinsi`` (~25,000).
    ``out_dir`` must not exist or be an empty directory: runs never overwrite.
    ``name`` defaults to ``sintetis-<size>-<seed>``.
    """
    if size not in SIZES:
        raise ValueError(f"ukuran tidak dikenal: {size!r}; pilih salah satu dari {', '.join(SIZES)}")
    out_dir = Path(out_dir)
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise FileExistsError(f"{out_dir} sudah ada dan tidak kosong; generate tidak menimpa berkas, "
                              "pilih folder baru atau kosong")
    spec = SIZES[size]
    rng = Generator(PCG64(seed))
    tables = _generate(spec, rng, as_of)
    scen_name = name or f"sintetis-{size}-{seed}"
    yaml_text = _scenario_yaml(scen_name, size, seed, as_of, rule_pack, tables)

    files = {
        "positions.csv": _csv(tables["positions_header"], tables["positions"]),
        "employees.csv": _csv(tables["employees_header"], tables["employees"]),
        "history.csv": _csv(("nip", "kind", "eselon", "jf_level", "unit", "rumpun", "start", "end"),
                            tables["history"]),
        "discipline.csv": _csv(("nip", "level", "sanction", "start", "end"), tables["discipline"]),
        "scenario.yaml": yaml_text.encode("utf-8"),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    for fname, data in files.items():
        (out_dir / fname).write_bytes(data)
    summary = dict(tables["summary"])
    summary.update(name=scen_name, size=size, seed=seed, as_of=as_of.isoformat(),
                   bytes={k: len(v) for k, v in files.items()})
    return summary


def _csv(header: tuple[str, ...], rows: list[tuple]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def _generate(spec: SizeSpec, rng: Generator, as_of: date) -> dict[str, Any]:
    asof = _days(as_of)
    reg = _build_structure(spec, rng)
    S = len(reg.posts)

    # Vacancies among structural posts: 11 % (within 8-15 %), more among pengawas.
    kinds = np.array([p["kind"] for p in reg.posts], dtype=object)
    w_vac = np.where(kinds == "pengawas", 1.2, np.where(kinds == "administrator", 1.0, 1.4))
    w_vac[[i for i, p in enumerate(reg.posts) if p["position_id"] == "SETDA-SEKDA"]] = 0.2
    n_vac = int(round(0.112 * S))
    vac = np.zeros(S, dtype=bool)
    vac[rng.choice(S, size=n_vac, replace=False, p=w_vac / w_vac.sum())] = True

    # Jabatan kritis: the catalogue's picks, topped up to ~7 % among the critical OPD's posts.
    crit = np.array([p["critical"] for p in reg.posts], dtype=bool)
    target = int(round(0.07 * S))
    if crit.sum() < target:
        crit_units = [p["unit"] for p, c in zip(reg.posts, crit) if c and p["kind"] != "pengawas"]
        pool = np.array([i for i, p in enumerate(reg.posts) if not crit[i] and p["unit"] in crit_units
                         and p["kind"] in ("administrator", "pengawas")])
        add = rng.choice(pool, size=min(target - int(crit.sum()), len(pool)), replace=False)
        crit[add] = True
    for p, c in zip(reg.posts, crit):
        p["critical"] = bool(c)

    # A few explicit minimums on the job map (the pack default applies elsewhere).
    u_min = rng.random(S)
    for i, p in enumerate(reg.posts):
        cls = _CLASSES[_CLS_INDEX[_ESELON_CLASS[p["eselon"]]]]
        if u_min[i] < 0.035:
            p["min_rank"] = cls.rank[0]
        elif u_min[i] < 0.06 and p["kind"] == "pengawas" and p["rumpun"] in ("keuangan", "hukum", "informatika",
                                                                           "kesehatan", "pengawasan"):
            p["min_education"] = "S1"
        if p["position_id"].endswith("-DIR") or (p["kind"] == "jpt_pratama" and p["critical"] and u_min[i] > 0.7):
            p["min_education"] = "S2"

    # Head count: structural holders + seat holders + a few without a post.
    n_emp = int(round(spec.employees * rng.uniform(0.97, 1.03)))
    filled_s = S - n_vac
    n_unposted = int(round(0.015 * n_emp))
    filled_ns = n_emp - filled_s - n_unposted
    seat_vac_rate = 0.06
    n_seats = int(round(filled_ns / (1 - seat_vac_rate)))
    seats = _build_seats(reg, n_seats, rng)
    n_seats = len(seats["position_id"])
    seat_vac = np.zeros(n_seats, dtype=bool)
    seat_vac[rng.choice(n_seats, size=n_seats - filled_ns, replace=False)] = True

    # Retirement: a few holders reach BUP by as_of (the planner must treat their posts as vacant).
    filled_s_idx = np.flatnonzero(~vac)
    n_ret_s = max(3, int(round(0.012 * filled_s)))
    ret_s = np.zeros(S, dtype=bool)
    ret_s[rng.choice(filled_s_idx, size=n_ret_s, replace=False)] = True
    filled_ns_idx = np.flatnonzero(~seat_vac)
    n_ret_ns = max(2, int(round(0.002 * filled_ns)))
    ret_ns = np.zeros(n_seats, dtype=bool)
    ret_ns[rng.choice(filled_ns_idx, size=n_ret_ns, replace=False)] = True

    # People, in job-map order: structural holders, seat holders, then those without a post.
    unit_pos = {u.code: i for i, u in enumerate(reg.units)}
    s_idx = filled_s_idx
    n_idx = filled_ns_idx
    cls_s = np.array([_CLS_INDEX[_ESELON_CLASS[reg.posts[i]["eselon"]]] for i in s_idx], dtype=int)
    cls_n = np.array([_CLS_INDEX["pelaksana"] if seats["kind"][i] == "pelaksana" else
                      _CLS_INDEX["jf:" + seats["jf_level"][i]] for i in n_idx], dtype=int)
    up_cls_pairs = (("pelaksana", .45), ("pengawas:IV.a", .15), ("jf:ahli_pertama", .2), ("jf:ahli_muda", .2))
    cls_u = np.array([_CLS_INDEX[x] for x in _cat(rng, up_cls_pairs, n_unposted)], dtype=int)
    cls = np.concatenate([cls_s, cls_n, cls_u])
    N = len(cls)
    unit_u = rng.integers(0, len(reg.units), n_unposted)
    unit_idx = np.concatenate([[unit_pos[reg.posts[i]["unit"]] for i in s_idx],
                               [unit_pos[seats["unit"][i]] for i in n_idx], unit_u]).astype(int)
    post_rumpun = np.concatenate([np.array([reg.posts[i]["rumpun"] for i in s_idx], dtype=object),
                                  seats["rumpun"][n_idx],
                                  np.array([reg.units[i].rumpun for i in unit_u], dtype=object)])
    jf_key = np.concatenate([np.array([""] * len(s_idx), dtype=object), seats["jf_key"][n_idx],
                             np.array([""] * n_unposted, dtype=object)])
    min_edu_s = np.array([EDUCATION_ORDER[reg.posts[i]["min_education"]] if reg.posts[i]["min_education"] else 0
                          for i in s_idx], dtype=int)
    min_edu_n = np.where(np.isin(seats["jf_key"][n_idx], _JF_MEDICAL), EDUCATION_ORDER["S1"], 0)
    min_edu = np.concatenate([min_edu_s, min_edu_n, np.zeros(n_unposted, dtype=int)])
    retiree = np.concatenate([ret_s[s_idx], ret_ns[n_idx], np.zeros(n_unposted, dtype=bool)])
    unposted = np.concatenate([np.zeros(len(s_idx) + len(n_idx), dtype=bool), np.ones(n_unposted, dtype=bool)])
    # Seats of doctors etc. ask S1 on the job map.
    seat_min_edu = np.where(np.isin(seats["jf_key"], _JF_MEDICAL), "S1", "")

    people = _draw_people(rng, cls, min_edu, jf_key, retiree, unposted, as_of)
    nip = _nips(rng, people["birth"], people["cpns"], people["gender"])
    names = _names(rng, people["gender"], people["edu"], post_rumpun, jf_key, cls)

    # First post (SPMT): at TMT CPNS or within the first year.
    lag = np.where(rng.random(N) < 0.5, 0, rng.integers(1, 13, N))
    first = (people["cpns"].astype("datetime64[D]").astype("datetime64[M]") + lag.astype("timedelta64[M]")).astype(
        "datetime64[D]").astype("int64")
    first = np.minimum(first, asof - 60)
    # Time in the current post: ~12 % over 5 years.
    overdue = rng.random(N) < np.where(_STRUCT_CLS[cls], 0.12, 0.13)
    tenure = np.where(overdue, rng.uniform(5.1, 9.5, N), rng.uniform(0.1, 4.95, N))
    since = asof - np.round(tenure * YEAR).astype(np.int64)
    # Officials were appointed at least a year before BUP (KU 37a), JPT before turning 57.
    kind_cls = np.array([c.kind for c in _CLASSES], dtype=object)[cls]
    bup_cls = np.array([c.bup for c in _CLASSES])[cls]
    limit = np.where(np.isin(kind_cls, ["jpt_pratama", "jpt_madya"]), 56.8, bup_cls - 1.1)
    latest_start = people["birth"] + np.round(limit * YEAR).astype(np.int64)
    since = np.where(_STRUCT_CLS[cls], np.minimum(since, latest_start), since)
    since = np.maximum(since, first)
    end = np.full(N, -1, dtype=np.int64)
    # Without a post: left for study 2-3.5 years ago after 1.5-5 years in the last post.
    away = asof - np.round(rng.uniform(2.0, 3.5, N) * YEAR).astype(np.int64)
    end = np.where(unposted, away, end)
    since = np.where(unposted, np.maximum(away - np.round(rng.uniform(1.5, 5.0, N) * YEAR).astype(np.int64), first),
                     since)
    hist_rows, since = _careers(rng, cls, unit_idx, post_rumpun, reg, first, since, end,
                                spec.level == "provinsi", as_of)
    # An unposted person's last row must end after it starts.
    for p in np.flatnonzero(unposted):
        last = hist_rows[p][-1]
        if last[6] <= last[5] + 180:
            hist_rows[p][-1] = last[:6] + (min(last[5] + int(1.5 * YEAR), asof - 90),)

    # Performance and talent mapping.
    struct = _STRUCT_CLS[cls]
    perf = _cat(rng, _PERFORMANCE_P, N)
    prev = np.where(rng.random(N) < 0.65, perf, _cat(rng, _PERFORMANCE_P, N))
    prev = np.where((people["ys"] < 1.3) | (rng.random(N) < 0.015), "", prev)
    pot_off = _cat(rng, _POTENTIAL_OFFICIAL_P, N)
    pot_other = _cat(rng, _POTENTIAL_OTHER_P, N)
    pot = np.where(struct, pot_off, pot_other)
    box = np.array([nine_box(a, b) for a, b in zip(perf, pot)], dtype=int)
    in_box = np.isin(box, sorted(POOL_BOXES))
    u = rng.random((N, 8))
    in_pool = in_box & (struct | ((people["ys"] >= 4) & (u[:, 0] < 0.55)))
    p_ready = np.where(box == 9, 0.8, np.where(box == 7, 0.6, 0.55))
    readiness = np.where(in_pool, np.where(u[:, 1] < p_ready, *_READINESS), "")
    box_txt = np.where(u[:, 2] < 0.08, "", box.astype(str))
    is_keahlian = np.isin(cls, [_CLS_INDEX[f"jf:{x}"] for x in ("ahli_pertama", "ahli_muda", "ahli_madya",
                                                                  "ahli_utama")])
    p_assess = np.where(struct, 0.88, np.where(in_pool, 0.75, np.where(is_keahlian, 0.3, 0.15)))
    assessed = (u[:, 3] < p_assess) & (people["ys"] >= 2)
    mu = np.select([pot == "rendah", pot == "menengah"], [63.0, 72.0], 81.0)
    jpm = np.clip(rng.normal(mu, 6.5), 50, 95)
    jpm_txt = np.where(assessed, np.char.mod("%.2f", jpm), "")
    age_a = np.where(u[:, 4] < 0.95, rng.uniform(0.1, 2.95, N), rng.uniform(3.05, 3.95, N))
    adate = asof - np.round(age_a * YEAR).astype(np.int64)
    adate = np.maximum(adate, people["cpns"] + 365)
    adate_txt = np.where(assessed, _iso(adate), "")
    # Leadership training by the level reached.
    lt = np.full(N, "none", dtype=object)
    kind_of = np.array([c.kind for c in _CLASSES], dtype=object)[cls]
    es_of = np.array([c.eselon for c in _CLASSES], dtype=object)[cls]
    v = u[:, 5]
    lt = np.where(kind_of == "pengawas", np.where(v < 0.85, "pkp", "none"), lt)
    lt = np.where(kind_of == "administrator", np.where(v < 0.85, "pka", np.where(v < 0.97, "pkp", "none")), lt)
    lt = np.where(kind_of == "jpt_pratama", np.where(v < 0.85, "pkn2", "pka"), lt)
    lt = np.where((kind_of == "jpt_pratama") & (es_of == "II.a") & (v < 0.15), "pkn1", lt)
    lt = np.where(kind_of == "jpt_madya", np.where(v < 0.5, "pkn1", "pkn2"), lt)
    lt = np.where(~struct & in_pool & (v < 0.06), "pkp", lt)
    innov = u[:, 6] < np.where(struct, 0.17, np.where(in_pool, 0.14, 0.07))
    prov = spec.level == "provinsi"
    award_pairs_s = (("none", .86), ("kabupaten", .0 if prov else .09), ("provinsi", .125 if prov else .035),
                     ("nasional", .013), ("internasional", .002))
    award_pairs_o = (("none", .94), ("kabupaten", .0 if prov else .04), ("provinsi", .055 if prov else .015),
                     ("nasional", .004), ("internasional", .001))
    award = np.where(struct, _cat(rng, award_pairs_s, N), _cat(rng, award_pairs_o, N))

    # Positions table.
    pos_rows: list[tuple] = []
    holder_of_s = {int(s): nip[j] for j, s in enumerate(s_idx)}
    for i, p in enumerate(reg.posts):
        pos_rows.append((p["position_id"], p["title"], p["unit"], p["kind"], p["eselon"], "", p["rumpun"],
                         p["min_rank"], p["min_education"], "true" if p["critical"] else "false",
                         holder_of_s.get(i, "")))
    off = len(s_idx)
    holder_of_n = {int(s): nip[off + j] for j, s in enumerate(n_idx)}
    for i in range(n_seats):
        pos_rows.append((seats["position_id"][i], seats["title"][i], seats["unit"][i], seats["kind"][i], "",
                         seats["jf_level"][i], seats["rumpun"][i], "", seat_min_edu[i], "false",
                         holder_of_n.get(i, "")))
    post_id = np.concatenate([np.array([reg.posts[i]["position_id"] for i in s_idx], dtype=object),
                              seats["position_id"][n_idx], np.array([""] * n_unposted, dtype=object)])
    # The job map lists unit by unit (structural posts, then seats); staff follow that order.
    pos_rows.sort(key=lambda r: unit_pos[r[2]])
    row_of = {r[0]: k for k, r in enumerate(pos_rows)}
    emp_order = sorted(range(N), key=lambda j: row_of[post_id[j]] if post_id[j] else len(row_of) + j)

    birth_txt, rs_txt, since_txt = _iso(people["birth"]), _iso(people["rank_since"]), _iso(since)
    emp_rows = []
    for j in emp_order:
        emp_rows.append((
            nip[j], names[j], birth_txt[j], people["gender"][j], RANKS[people["rank"][j]], rs_txt[j],
            _EDU_LIST[people["edu"][j]], post_id[j], "" if unposted[j] else since_txt[j], perf[j], prev[j], pot[j],
            jpm_txt[j], adate_txt[j], box_txt[j], "true" if in_pool[j] else "false", readiness[j], lt[j],
            "true" if innov[j] else "false", award[j],
        ))
    hist: list[tuple] = []
    for j in emp_order:
        for kind, es, lv, unit, rumpun, s, e in hist_rows[j]:
            hist.append((nip[j], kind, es, lv, unit, rumpun, s, e))
    starts = _iso(np.array([h[6] for h in hist]))
    ends_raw = np.array([h[7] for h in hist])
    ends = _iso(np.where(ends_raw < 0, 0, ends_raw))
    hist = [h[:6] + (starts[k], "" if ends_raw[k] < 0 else ends[k]) for k, h in enumerate(hist)]

    disc = _discipline(rng, nip, people["cpns"], kind_of, as_of)
    d_start = _iso(np.array([d[3] for d in disc], dtype=np.int64))
    d_end = _iso(np.array([d[4] for d in disc], dtype=np.int64))
    disc_rows = [d[:3] + (d_start[k], d_end[k]) for k, d in enumerate(disc)]

    # Summary.
    pos_kinds = [r[3] for r in pos_rows]
    by_kind = {k.value: pos_kinds.count(k.value) for k in Kind}
    struct_vac = int(vac.sum())
    summary = dict(
        employees=N, positions=len(pos_rows), positions_by_kind=by_kind, units=len(reg.units),
        structural_posts=S, structural_vacant=struct_vac, structural_vacancy_share=round(struct_vac / S, 4),
        structural_holders_at_bup=int(ret_s.sum()), seat_holders_at_bup=int(ret_ns.sum()),
        seats=n_seats, seats_vacant=int(seat_vac.sum()), employees_without_post=n_unposted,
        critical_posts=int(crit.sum()), history_rows=len(hist), discipline_rows=len(disc_rows),
        in_pool=int(in_pool.sum()),
    )
    # For scenario.yaml: examples of controls that are always valid.
    jpt_vac = [r[0] for r in pos_rows if r[3] == "jpt_pratama" and not r[10]]
    recent_jpt = [nip[j] for j in range(len(s_idx))
                  if kind_of[j] == "jpt_pratama" and since[j] > asof - 2 * YEAR and not retiree[j]]
    return dict(
        positions_header=("position_id", "title", "unit", "kind", "eselon", "jf_level", "rumpun", "min_rank",
                          "min_education", "critical", "holder_nip"),
        positions=pos_rows,
        employees_header=("nip", "name", "birth_date", "gender", "rank", "rank_since", "education", "position_id",
                          "position_since", "performance", "performance_prev", "potential", "jpm",
                          "assessment_date", "nine_box", "in_pool", "readiness", "leadership_training",
                          "innovation", "award_level"),
        employees=emp_rows, history=hist, discipline=disc_rows, summary=summary,
        reserve=jpt_vac[:1], keep=recent_jpt[:2],
    )


def _scenario_yaml(name: str, size: str, seed: int, as_of: date, rule_pack: str, t: dict[str, Any]) -> str:
    lines = [
        f"# Skenario sintetis ({size}, seed {seed}) dari planner.generate: data karangan, bukan data pegawai nyata.",
        f"name: {name}",
        f"as_of: {as_of.isoformat()}",
        f"rule_pack: {rule_pack}",
        "shortlist_ratio: 3",
        "allow_need_development: false",
        "merit_exempt: false",
        "weights: {}",
        "locks: []",
        "bans: []",
    ]
    if t["keep"]:
        lines.append("keep:  # JPT dilantik kurang dari 2 tahun lalu (UU 5/2014 Pasal 116)")
        lines += [f'  - "{n}"' for n in t["keep"]]
    else:
        lines.append("keep: []")
    if t["reserve"]:
        lines.append("reserve:  # dibiarkan untuk seleksi terbuka")
        lines += [f"  - {p}" for p in t["reserve"]]
    else:
        lines.append("reserve: []")
    lines.append("solver: {time_limit_s: 60, seed: 0, workers: 2}")
    return "\n".join(lines) + "\n"

"""Controlled vocabularies of the data contract (``shared/docs/data-contract.md``).

Every value a user may write in a file is listed here once, in the contract's own spelling.
Orderings (rank, education, JF level, eselon) are explicit tuples because rules compare them.
"""
from __future__ import annotations

from enum import Enum


class StrEnum(str, Enum):
    """An enum whose members compare and serialise as their contract spelling."""

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.value


class Kind(StrEnum):
    """Kind of post (jenis jabatan)."""

    JPT_MADYA = "jpt_madya"
    JPT_PRATAMA = "jpt_pratama"
    ADMINISTRATOR = "administrator"
    PENGAWAS = "pengawas"
    PELAKSANA = "pelaksana"
    JF = "jf"


class Eselon(StrEnum):
    I_B = "I.b"
    II_A = "II.a"
    II_B = "II.b"
    III_A = "III.a"
    III_B = "III.b"
    IV_A = "IV.a"
    IV_B = "IV.b"


class JfLevel(StrEnum):
    """Jenjang jabatan fungsional: keterampilan then keahlian."""

    PEMULA = "pemula"
    TERAMPIL = "terampil"
    MAHIR = "mahir"
    PENYELIA = "penyelia"
    AHLI_PERTAMA = "ahli_pertama"
    AHLI_MUDA = "ahli_muda"
    AHLI_MADYA = "ahli_madya"
    AHLI_UTAMA = "ahli_utama"


class Education(StrEnum):
    SD = "SD"
    SMP = "SMP"
    SLTA = "SLTA"
    D1 = "D1"
    D2 = "D2"
    D3 = "D3"
    D4 = "D4"
    S1 = "S1"
    S2 = "S2"
    S3 = "S3"


class Performance(StrEnum):
    """Annual performance rating (predikat kinerja)."""

    SANGAT_BAIK = "sangat_baik"
    BAIK = "baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan"
    KURANG = "kurang"
    SANGAT_KURANG = "sangat_kurang"


class Potential(StrEnum):
    RENDAH = "rendah"
    MENENGAH = "menengah"
    TINGGI = "tinggi"


class Readiness(StrEnum):
    READY_NOW = "ready_now"
    NEED_DEVELOPMENT = "need_development"


class LeadershipTraining(StrEnum):
    NONE = "none"
    PKP = "pkp"
    PKA = "pka"
    PKN2 = "pkn2"
    PKN1 = "pkn1"


class AwardLevel(StrEnum):
    NONE = "none"
    KABUPATEN = "kabupaten"
    PROVINSI = "provinsi"
    NASIONAL = "nasional"
    INTERNASIONAL = "internasional"


class DisciplineLevel(StrEnum):
    RINGAN = "ringan"
    SEDANG = "sedang"
    BERAT = "berat"


class Gender(StrEnum):
    L = "L"
    P = "P"


class MoveType(StrEnum):
    VERTICAL = "vertical"
    HORIZONTAL = "horizontal"
    DIAGONAL = "diagonal"


# Ordered ladders: index = ordinal, so rules compare positions in these tuples.
RANKS: tuple[str, ...] = (
    "I/a", "I/b", "I/c", "I/d",
    "II/a", "II/b", "II/c", "II/d",
    "III/a", "III/b", "III/c", "III/d",
    "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
)
RANK_ORDER: dict[str, int] = {r: i for i, r in enumerate(RANKS)}

EDUCATION_ORDER: dict[str, int] = {e.value: i for i, e in enumerate(Education)}
JF_LEVEL_ORDER: dict[str, int] = {j.value: i for i, j in enumerate(JfLevel)}
JF_KETERAMPILAN: frozenset[str] = frozenset({"pemula", "terampil", "mahir", "penyelia"})
JF_KEAHLIAN: frozenset[str] = frozenset({"ahli_pertama", "ahli_muda", "ahli_madya", "ahli_utama"})
# Higher eselon = smaller number; order from the top.
ESELON_ORDER: dict[str, int] = {e.value: i for i, e in enumerate(Eselon)}
PERFORMANCE_ORDER: dict[str, int] = {  # higher is better
    "sangat_kurang": 0, "kurang": 1, "butuh_perbaikan": 2, "baik": 3, "sangat_baik": 4,
}

# Which eselon values belong to which structural kind.
ESELONS_OF_KIND: dict[str, frozenset[str]] = {
    "jpt_madya": frozenset({"I.b"}),
    "jpt_pratama": frozenset({"II.a", "II.b"}),
    "administrator": frozenset({"III.a", "III.b"}),
    "pengawas": frozenset({"IV.a", "IV.b"}),
    "pelaksana": frozenset(),
    "jf": frozenset(),
}
STRUCTURAL_KINDS: frozenset[str] = frozenset({"jpt_madya", "jpt_pratama", "administrator", "pengawas"})

# Labels live in models.labels (the one table of Indonesian labels); re-exported here.
from models.labels import KIND_LABEL, MOVE_TYPE_LABEL  # noqa: E402,F401


def nine_box(performance: str, potential: str) -> int:
    """Nine-box number from rating and potential (PermenPANRB 3/2020 numbering).

    Performance ``sangat_baik`` is high, ``baik`` medium, anything lower is low.
    """
    perf = {"sangat_baik": 2, "baik": 1}.get(performance, 0)
    pot = {"tinggi": 2, "menengah": 1, "rendah": 0}[potential]
    return NINE_BOX_GRID[(perf, pot)]


# (performance level, potential level) -> box, levels 0 low, 1 medium, 2 high.
NINE_BOX_GRID: dict[tuple[int, int], int] = {
    (0, 0): 1, (1, 0): 2, (0, 1): 3, (2, 0): 4, (1, 1): 5,
    (0, 2): 6, (2, 1): 7, (1, 2): 8, (2, 2): 9,
}
POOL_BOXES: frozenset[int] = frozenset({7, 8, 9})

"""The registry of objective terms: one row per term, the one source of their keys, labels and groups.

Every place that lists, orders or labels objective terms reads this table: the round
(which columns make a pair's score and coefficient), the plan's accounting, the
explanation, the report pack and the comparison.

Groups:
- ``fit``: how well the person fits the post: their sum is the pair's merit score (Nilai),
  what the committee compares between candidates; a leaving holder's fit in the old post
  is the sum of these too;
- ``move``: about the move itself (tour of duty, tour of area, stability): below one point
  each, they only decide between candidates of comparable merit;
- ``staffing``: the pair's share of the staffing accounting (filling, vacating, the merit
  gained in a higher or critical post, the fit the old post loses);
- ``round``: terms of the round as a whole, not of one pair (spread, shortlist quality).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Group = Literal["fit", "move", "staffing", "round"]


@dataclass(frozen=True)
class Term:
    key: str
    label: str  # Indonesian, as the committee reads it
    group: Group


OBJECTIVE_TERMS: tuple[Term, ...] = (
    Term("fill", "Mengisi jabatan kosong", "staffing"),
    Term("vacated", "Jabatan ditinggalkan kosong", "staffing"),
    Term("level", "Bobot jenjang dan kekritisan jabatan tujuan", "staffing"),
    Term("fit_left", "Kecocokan di jabatan lama (dilepas)", "staffing"),
    Term("shortfall", "Selisih dari calon terkuat yang tersedia", "staffing"),
    Term("nine_box", "Kotak talenta (nine-box)", "fit"),
    Term("jpm", "Job person match (JPM)", "fit"),
    Term("merit", "Unsur penilaian (pangkat, pendidikan, diklat, inovasi, penghargaan, kinerja)", "fit"),
    Term("sekda_experience", "Pernah menduduki 2 JPT Pratama (diutamakan untuk Sekda)", "fit"),
    Term("rumpun_fit", "Kesesuaian rumpun jabatan (perpindahan lintas urusan)", "fit"),
    Term("choice", "Calon terkuat untuk jabatan yang diisi", "move"),
    Term("cross_unit", "Tour of duty lintas perangkat daerah", "move"),
    Term("overdue_rotation", "Rotasi pejabat yang melewati batas masa jabatan", "move"),
    Term("move_cost", "Biaya perpindahan", "move"),
    Term("unit_spread", "Pemerataan antar perangkat daerah", "round"),
    Term("nomination", "Kualitas kandidat pendamping (1:3)", "round"),
)
TERMS_BY_KEY: dict[str, Term] = {t.key: t for t in OBJECTIVE_TERMS}
TERM_LABELS: dict[str, str] = {t.key: t.label for t in OBJECTIVE_TERMS}
TERM_ORDER: list[str] = [t.key for t in OBJECTIVE_TERMS]  # display order

FIT_TERMS: tuple[str, ...] = tuple(t.key for t in OBJECTIVE_TERMS if t.group == "fit")
# The pair's merit score (Nilai): what the committee compares between candidates.
SCORE_TERMS: tuple[str, ...] = FIT_TERMS
MOVE_TERMS: tuple[str, ...] = tuple(t.key for t in OBJECTIVE_TERMS if t.group == "move")
STAFFING_TERMS: tuple[str, ...] = tuple(t.key for t in OBJECTIVE_TERMS if t.group == "staffing")
# Every term a pair carries as a column ``term_<key>``; its sum is the pair's coefficient.
PAIR_TERMS: tuple[str, ...] = (*FIT_TERMS, *MOVE_TERMS, *STAFFING_TERMS)
ROUND_TERMS: tuple[str, ...] = tuple(t.key for t in OBJECTIVE_TERMS if t.group == "round")


def term_column(key: str) -> str:
    return f"term_{key}"

"""How good a (candidate, post) pair is: the fit terms of the objective, per pair.

Scores are pure functions of the eligibility table's columns, vectorised. Each term is a
raw value (e.g. nine-box 0–3, JPM 0–1, merit points) multiplied by its scenario weight, so
the report can show every term. Defaults and their reasons: docs/objective.md.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from models.schema import Weights

# KRW Pasal 31 scoring elements and their raw points (merit term). Leadership training
# fits when it is the one the target level asks for (SMD Pasal 32); awards and innovation
# per KRW Pasal 38.
TRAINING_FOR = {"pengawas": {"pkp", "pka", "pkn2", "pkn1"}, "administrator": {"pka", "pkn2", "pkn1"},
                "jpt_pratama": {"pkn2", "pkn1"}, "jpt_madya": {"pkn1", "pkn2"}}
AWARD_POINTS = {"none": 0, "kabupaten": 1, "provinsi": 2, "nasional": 3, "internasional": 4}
MERIT_CAP = {"rank": 6.0, "education": 4.0}
DISCIPLINE_RECORD_PENALTY = 10.0  # weighed, not barred, where the pack says so (SMD Pasal 45)
MISSING_JPM = 60.0  # no assessment yet: scored as an ordinary match, neither rewarded nor punished

def merit_points(p: pd.DataFrame, min_rank_ord: pd.Series | None = None,
                 min_edu_ord: pd.Series | None = None, discipline_weighed: bool = False) -> pd.Series:
    """KRW Pasal 31 elements as points: above-minimum rank and education, training, extras."""
    pts = pd.Series(0.0, index=p.index)
    if min_rank_ord is not None:
        pts += np.clip((p["rank_ord"] - min_rank_ord).fillna(0), 0, MERIT_CAP["rank"] / 2) * 2
    if min_edu_ord is not None:
        pts += np.clip((p["education_ord"] - min_edu_ord).fillna(0), 0, MERIT_CAP["education"] / 2) * 2
    fitting = [f"{lt}|{k}" for k, lts in TRAINING_FOR.items() for lt in lts]
    fits = (p["leadership_training"].astype(str) + "|" + p["t_kind"].astype(str)).isin(fitting)
    pts += np.where(fits, 5.0, 0.0)
    pts += np.where(p["innovation"].astype(bool), 3.0, 0.0)
    pts += p["award_level"].map(AWARD_POINTS).fillna(0)
    pts += np.where(p["performance"] == "sangat_baik", 5.0, 0.0)
    if discipline_weighed:
        pts -= np.where(p["sanction_records"] > 0, DISCIPLINE_RECORD_PENALTY, 0.0)
    return pts


def pair_terms(p: pd.DataFrame, weights: Weights, overdue_months: float,
               min_rank_ord: pd.Series | None = None, min_edu_ord: pd.Series | None = None,
               discipline_weighed: bool = False) -> pd.DataFrame:
    """Weighted fit terms of each pair; their sum is the pair's score."""
    nine = np.clip(p["nine_box"].astype(float) - 6, 0, 3)
    jpm = p["jpm"].fillna(MISSING_JPM).astype(float) / 100
    overdue = (p["tenure_months"].fillna(0) >= overdue_months) & p["has_post"].astype(bool)
    cross = (p["move_type"] == "horizontal") & (p["unit"] != p["t_unit"])
    return pd.DataFrame({
        "nine_box": weights.nine_box * nine,
        "jpm": weights.jpm * jpm,
        "merit": weights.merit * merit_points(p, min_rank_ord, min_edu_ord, discipline_weighed),
        "cross_unit": weights.cross_unit * cross.astype(float),
        "overdue_rotation": weights.overdue_rotation * overdue.astype(float),
        "move_cost": -weights.move_cost * np.ones(len(p)),
    }, index=p.index)

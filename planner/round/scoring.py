"""How good a (candidate, post) pair is: the fit terms of the objective, per pair.

Scores are pure functions of the eligibility table's columns, vectorised. Each term is a
raw value (e.g. nine-box 0–3, JPM 0–1, merit points) multiplied by its scenario weight, so
the report can show every term. Defaults and their reasons: docs/objective.md.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from models.schema import Weights
from planner.rules.eligibility import months_in_rumpun, rumpun_weighed
from planner.rules.pack import RulePack

# The merit points (KRW Pasal 31 and 38, SMD Pasal 32 and 45) and the nine-box pool are
# rule-pack parameters (merit_*, discipline_record_penalty, pool_boxes): scores read them
# from the pack in force, with their articles, never from constants here.
MISSING_JPM = 60.0  # no assessment yet: scored as an ordinary match, neither rewarded nor punished

def merit_points(p: pd.DataFrame, pack: RulePack, min_rank_ord: pd.Series | None = None,
                 min_edu_ord: pd.Series | None = None, discipline_weighed: bool = False) -> pd.Series:
    """KRW Pasal 31 elements as points: above-minimum rank and education, training, extras.

    Every point value is the pack's (``merit_*``, ``discipline_record_penalty``).
    """
    rank, edu = pack.value("merit_rank_points"), pack.value("merit_education_points")
    pts = pd.Series(0.0, index=p.index)
    if min_rank_ord is not None:
        pts += np.minimum(np.clip((p["rank_ord"] - min_rank_ord).fillna(0), 0, None) * rank["per_step"], rank["cap"])
    if min_edu_ord is not None:
        pts += np.minimum(np.clip((p["education_ord"] - min_edu_ord).fillna(0), 0, None) * edu["per_step"], edu["cap"])
    fitting = [f"{lt}|{k}" for k, lts in pack.value("merit_training_for").items() for lt in lts]
    fits = _per_distinct(p[["leadership_training", "t_kind"]], lambda d: (
        d["leadership_training"].astype(str) + "|" + d["t_kind"].astype(str)).isin(fitting))
    pts += np.where(fits, float(pack.value("merit_training_points")), 0.0)
    pts += np.where(p["innovation"].astype(bool), float(pack.value("merit_innovation_points")), 0.0)
    pts += _per_distinct(p[["award_level"]], lambda d: d["award_level"].map(pack.value("merit_award_points"))
                         .fillna(0))
    pts += _per_distinct(p[["performance"]], lambda d: d["performance"].map(pack.value("merit_performance_points"))
                         .astype("float64").fillna(0.0))
    if discipline_weighed:
        pts -= np.where(p["sanction_records"] > 0, float(pack.value("discipline_record_penalty")), 0.0)
    return pts


def _per_distinct(cols: pd.DataFrame, f) -> np.ndarray:
    """``f(cols)`` evaluated once per distinct row of ``cols`` (missing values included) and
    spread back: the pairs hold a handful of distinct text values, and string operations
    element by element over a few hundred thousand pairs were most of the scoring time."""
    codes = np.zeros(len(cols), dtype=np.int64)
    for c in cols.columns:
        k, u = pd.factorize(cols[c], use_na_sentinel=False)
        codes = codes * (len(u) + 1) + k
    combo, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
    return np.asarray(f(cols.iloc[first].reset_index(drop=True)))[inverse.reshape(-1)]


SEKDA_ESELON = "II.a"  # in a kabupaten/kota, the one JPT Pratama post of eselon II.a is the Sekda


def sekda_points(p: pd.DataFrame, pack: RulePack, jpt_posts_held: pd.Series | None) -> pd.Series:
    """KRW Pasal 22 ayat (1) huruf e angka 5: for Sekda, a candidate who held JPT Pratama
    posts at least twice is preferred (``sekda_two_jpt_preferred``): the pack's points, not a bar."""
    if not bool(pack.value("sekda_two_jpt_preferred")) or jpt_posts_held is None:
        return pd.Series(0.0, index=p.index)
    sekda = (p["t_kind"].astype(str) == "jpt_pratama") & (p["t_eselon"].astype(str) == SEKDA_ESELON)
    return pd.Series(np.where(sekda & (jpt_posts_held.to_numpy() >= 2),
                              float(pack.value("merit_sekda_jpt_points")), 0.0), index=p.index)


RUMPUN_COLUMNS = ("same_rumpun", "kind", "t_kind", "rumpun", "t_rumpun")


def rumpun_points(p: pd.DataFrame, pack: RulePack, rumpun_months: pd.Series | None) -> pd.Series:
    """Perbup Karawang 72/2020 Pasal 23 ayat (4): a diagonal move to another urusan "memperhatikan
    perumpunan ... dan/atau kesesuaian kualifikasi dan kompetensi". Where the pack weighs a
    different rumpun instead of barring it, a candidate of another rumpun loses the pack's
    ``rumpun_mismatch_points`` (``different``), fewer (``with_experience``) after at least
    ``experience_years`` in the target rumpun (history.csv: the competence the data shows);
    a candidate of the same rumpun, and every pair the rule does not apply to, loses nothing."""
    out = np.zeros(len(p))
    if bool(pack.value("same_rumpun_bars_move")) or not set(RUMPUN_COLUMNS) <= set(p.columns):
        return pd.Series(out, index=p.index)
    weighed = rumpun_weighed(pack, p).to_numpy()
    if weighed.any():
        pts = pack.value("rumpun_mismatch_points")
        rows = p.loc[weighed, ["nip", "t_rumpun"]]
        months = (months_in_rumpun(rumpun_months, rows["nip"], rows["t_rumpun"]).to_numpy()
                  if rumpun_months is not None else np.zeros(len(rows)))
        experienced = months >= float(pts["experience_years"]) * 12
        out[weighed] = -np.where(experienced, float(pts["with_experience"]), float(pts["different"]))
    return pd.Series(out, index=p.index)


def nine_box_points(boxes: pd.Series, pack: RulePack) -> pd.Series:
    """Boxes of the pack's succession pool score 1, 2, ... by box number (9 > 8 > 7); others 0."""
    points = {b: float(i) for i, b in enumerate(sorted(pack.value("pool_boxes")), start=1)}
    return boxes.map(points).astype("float64").fillna(0.0)


def crosses_unit(p: pd.DataFrame) -> np.ndarray:
    """A sideways move into another unit (the tour-of-area term ``cross_unit``).

    On the text columns as numpy arrays: pandas' comparisons of text columns cost several
    times as much on a few hundred thousand pairs."""
    return (p["move_type"].to_numpy() == "horizontal") & (p["unit"].to_numpy() != p["t_unit"].to_numpy())


def pair_terms(p: pd.DataFrame, weights: Weights, overdue_months: float,
               min_rank_ord: pd.Series | None = None, min_edu_ord: pd.Series | None = None,
               discipline_weighed: bool = False, *, pack: RulePack,
               jpt_posts_held: pd.Series | None = None, rumpun_months: pd.Series | None = None) -> pd.DataFrame:
    """Weighted fit terms of each pair; their sum is the pair's score."""
    nine = nine_box_points(p["nine_box"], pack)
    jpm = p["jpm"].fillna(MISSING_JPM).astype(float) / 100
    overdue = (p["tenure_months"].fillna(0) >= overdue_months) & p["has_post"].astype(bool)
    cross = crosses_unit(p)
    fit = pd.DataFrame({
        "nine_box": weights.nine_box * nine,
        "jpm": weights.jpm * jpm,
        "merit": weights.merit * merit_points(p, pack, min_rank_ord, min_edu_ord, discipline_weighed),
        "sekda_experience": weights.merit * sekda_points(p, pack, jpt_posts_held),
        "rumpun_fit": weights.rumpun_fit * rumpun_points(p, pack, rumpun_months),
    }, index=p.index)
    return fit.assign(**{
        "choice": weights.choice * fit.sum(axis=1),
        "cross_unit": weights.cross_unit * cross.astype(float),
        "overdue_rotation": weights.overdue_rotation * overdue.astype(float),
        "move_cost": -weights.move_cost * np.ones(len(p)),
    })

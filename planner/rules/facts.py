"""What the rules need to know about each PNS on ``as_of``, computed once for everyone.

One row per employee, vectorised over the whole staff: ages, retirement, tenure,
experience accumulated from the career record (history.csv), discipline status, talent
box. Rules then compare these facts with a target post; nothing here knows a target.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from models.enums import (
    EDUCATION_ORDER,
    JF_LEVEL_ORDER,
    PERFORMANCE_ORDER,
    RANK_ORDER,
    STRUCTURAL_KINDS,
)
from models.talent import effective_nine_box
from planner.rules.durations import add_years, completed_months

if TYPE_CHECKING:
    from planner.inputs.load import ScenarioData
    from planner.rules.pack import RulePack


def grade_of(kind: pd.Series, jf_level: pd.Series) -> pd.Series:
    """Grade string of the move table: ``pengawas`` or ``jf:ahli_muda``."""
    return kind.where(kind != "jf", "jf:" + jf_level.astype(object).where(jf_level.notna(), "").astype(str))


def bup_years(kind: pd.Series, jf_level: pd.Series, pack: RulePack) -> pd.Series:
    """Retirement age (batas usia pensiun) of each person's current post (PP 11/2017 Ps 239)."""
    bup = pack.value("retirement_age")
    key = pd.Series(np.where(kind.isin(["jpt_pratama", "jpt_madya"]), "jpt", "ja"), index=kind.index)
    jf = kind == "jf"
    keahlian = jf_level.isin(["ahli_pertama", "ahli_muda", "ahli_madya", "ahli_utama"])
    level = jf_level.astype(object).where(jf_level.notna(), "").astype(str)
    key = key.where(~jf, np.where(keahlian, "jf_" + level, "jf_keterampilan"))
    return key.map(bup).astype("float64")


def matches_spec(history: pd.DataFrame, specs: list[str]) -> pd.Series:
    """History rows matching any spec like ``administrator``, ``administrator:III.a``, ``jf:ahli_madya``."""
    hit = pd.Series(False, index=history.index)
    for spec in specs:
        kind, _, level = spec.partition(":")
        m = history["kind"] == kind
        if level:
            col = "jf_level" if kind == "jf" else "eselon"
            if level == "keterampilan":
                m &= history[col].isin(["pemula", "terampil", "mahir", "penyelia"])
            elif level == "keahlian":
                m &= history[col].str.startswith("ahli", na=False)
            elif level != "*":
                m &= history[col] == level
        hit |= m
    return hit


def experience_specs(pack: RulePack) -> dict[str, list[str]]:
    """History grades whose months count for each experience the rules ask for.

    The definitions are the pack's (``pengawas_experience_from``: pelaksana or an
    equivalent JF, KU Pasal 38 ayat (1) huruf a; ``time_in_level_pengawas_from``: the
    pelaksana/JF level, cumulative, SMD Pasal 38 huruf a; ``administrator_experience_from``: pengawas
    or an equivalent JF, huruf b; ``jpt_pratama_experience_from``); only "years as JPT
    Pratama" (the Sekda rule) is fixed, being the post itself.
    """
    return {
        "pelaksana_or_jf": list(pack.value("pengawas_experience_from")),
        "level_pengawas": list(pack.value("time_in_level_pengawas_from")),
        "pengawas_or_jf": list(pack.value("administrator_experience_from")),
        "jpt_pratama": ["jpt_pratama"],
        "jpt_feeder": list(pack.value("jpt_pratama_experience_from")),
        # KRW Pasal 22 ayat (3): counted only when the scenario says the open selection fell short.
        "jpt_fallback": list(pack.value("jpt_pratama_experience_fallback_from") or []),
    }


def history_months(history: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    """Completed months of each history row, the current one counted to ``as_of``."""
    end = history["end"].fillna(as_of).clip(upper=as_of)
    return pd.Series(np.maximum(completed_months(history["start"], end), 0), index=history.index)


def candidate_facts(data: ScenarioData, pack: RulePack) -> pd.DataFrame:
    """One row per employee with everything the eligibility rules compare."""
    as_of = pd.Timestamp(data.scenario.as_of)
    emp = data.employees.set_index("nip", drop=False)
    pos = data.positions.set_index("position_id")
    his = data.history.copy()
    his["months"] = history_months(his, as_of)

    f = pd.DataFrame(index=emp.index)
    f["nip"] = emp["nip"]
    f["name"] = emp["name"]
    f["position_id"] = emp["position_id"]
    # Current post; people without one (back from study leave) take their last history row.
    last = his.sort_values(["nip", "start"]).groupby("nip").tail(1).set_index("nip")
    for col in ("kind", "eselon", "jf_level", "unit", "rumpun"):
        f[col] = emp["position_id"].map(pos[col]).where(emp["position_id"].notna(), f.index.map(last[col]))
    f["has_post"] = emp["position_id"].notna()
    f["grade"] = grade_of(f["kind"], f["jf_level"])
    f["structural"] = f["kind"].isin(STRUCTURAL_KINDS)

    f["birth_date"] = emp["birth_date"]
    f["age_months"] = completed_months(emp["birth_date"], pd.Series(as_of, index=emp.index))
    f["bup"] = bup_years(f["kind"], f["jf_level"], pack)
    f["bup_date"] = add_years(emp["birth_date"], f["bup"].fillna(58).astype(int))
    f["retiring"] = f["age_months"] >= f["bup"] * 12

    # to_datetime: a date column left empty in every row is loaded as None, not NaT
    f["position_since"] = pd.to_datetime(emp["position_since"])
    f["tenure_months"] = completed_months(emp["position_since"], pd.Series(as_of, index=emp.index))

    specs_of = experience_specs(pack)
    for name, specs in specs_of.items():
        hit = matches_spec(his, specs)
        if name == "jpt_fallback":  # on top of the feeder grades: a period is never counted twice
            hit &= ~matches_spec(his, specs_of["jpt_feeder"])
        f[f"exp_{name}"] = his[hit].groupby("nip")["months"].sum().reindex(f.index).fillna(0)
    # Time in the current eselon (KRW 22(2): a step up within a level needs 2 years there).
    # reset_index: with an empty history pandas keeps the index named "nip" next to the column.
    same = his.merge(f[["kind", "eselon"]], left_on="nip", right_index=True,
                     suffixes=("", "_now")).reset_index(drop=True)
    same = same[(same["kind"] == same["kind_now"]) & (same["eselon"] == same["eselon_now"]) & same["eselon"].notna()]
    f["exp_current_eselon"] = same.groupby("nip")["months"].sum().reindex(f.index).fillna(0)
    # JPT posts held (Sekda preference: two JPT posts).
    f["jpt_posts_held"] = his[his["kind"] == "jpt_pratama"].groupby("nip").size().reindex(f.index).fillna(0)

    f["rank"] = emp["rank"]
    f["rank_ord"] = emp["rank"].map(RANK_ORDER)
    f["education"] = emp["education"]
    f["education_ord"] = emp["education"].map(EDUCATION_ORDER)
    f["performance"] = emp["performance"]
    f["performance_prev"] = emp["performance_prev"]
    f["perf_ord"] = emp["performance"].map(PERFORMANCE_ORDER)
    f["perf_prev_ord"] = emp["performance_prev"].map(PERFORMANCE_ORDER)
    f["nine_box"] = effective_nine_box(emp)
    f["potential"] = emp["potential"]
    f["in_pool"] = emp["in_pool"].astype(bool)
    f["readiness"] = emp["readiness"]
    f["jpm"] = emp["jpm"].astype("float64")
    f["leadership_training"] = emp["leadership_training"]
    f["innovation"] = emp["innovation"].astype(bool)
    f["award_level"] = emp["award_level"]
    f["jf_level_ord"] = f["jf_level"].map(JF_LEVEL_ORDER)

    f = f.join(_discipline_facts(data, pack, as_of))
    # KRW Pasal 15 ayat (1) huruf c: a sanction imposed while in the current post.
    in_post = data.discipline.merge(f[["position_since"]], left_on="nip", right_index=True)
    in_post = in_post[in_post["start"] >= in_post["position_since"]]
    f["sanction_in_post"] = f.index.isin(in_post["nip"])
    # KRW Pasal 15 ayat (1) huruf b: below the education or golongan the current post asks for.
    f["below_own_qualification"] = _below_own_qualification(f, pos, pack)
    return f


def _below_own_qualification(f: pd.DataFrame, pos: pd.DataFrame, pack: RulePack) -> pd.Series:
    """Holders whose education or golongan is below the minimum of the post they hold (the
    post's own minimum, else the pack's by kind and eselon, as for a target post)."""
    held = f["position_id"].where(f["has_post"])
    min_rank = held.map(pos["min_rank"]).map(RANK_ORDER)
    min_rank = min_rank.fillna(f["eselon"].map({e: RANK_ORDER[r] for e, r in pack.value("min_rank_by_eselon").items()}))
    min_edu = held.map(pos["min_education"]).map(EDUCATION_ORDER)
    min_edu = min_edu.fillna(f["kind"].map({k: EDUCATION_ORDER[e] for k, e in pack.value("min_education").items()}))
    low = (f["rank_ord"] < min_rank) | (f["education_ord"] < min_edu)
    return (low & f["has_post"]).astype(bool)


def _discipline_facts(data: ScenarioData, pack: RulePack, as_of: pd.Timestamp) -> pd.DataFrame:
    """Sanction running on ``as_of``, and the latest end of a counted sanction."""
    d = data.discipline
    d = d[d["level"].isin(pack.value("discipline_levels"))]
    running = d[(d["start"] <= as_of) & (d["end"].isna() | (d["end"] > as_of))]
    out = pd.DataFrame(index=data.employees["nip"].rename(None))
    out["sanction_running"] = out.index.isin(running["nip"])
    first_running = running.sort_values("start").drop_duplicates("nip").set_index("nip")
    out["sanction_text"] = first_running["sanction"].reindex(out.index)
    out["sanction_level"] = first_running["level"].reindex(out.index)
    ended = d[d["end"].notna() & (d["end"] <= as_of)]
    out["sanction_last_end"] = ended.groupby("nip")["end"].max().reindex(out.index)
    out["sanction_records"] = data.discipline.groupby("nip").size().reindex(out.index).fillna(0).astype(int)
    return out

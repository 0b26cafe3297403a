"""Officials past the pack's maximum tenure in one post (``tenure_max_years``).

Perbup Karawang 72/2020 Pasal 15 ayat (1) sets at most 5 years in a post and Pasal 16 ayat (1)
allows reappointment to the same post at most every 5 years after evaluation: an official
past the maximum is due for rotation or reappointment, and the plan lists them whether the
round moves them or not. The grades of ``tenure_max_exempt_from`` are left out.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from planner.rules.durations import fmt_months
from planner.rules.facts import matches_spec

if TYPE_CHECKING:
    from planner.rules.pack import RulePack


def past_tenure_max(facts: pd.DataFrame, targets: pd.DataFrame, pack: RulePack) -> pd.DataFrame:
    """Holders of the round's posts (``targets``) at or past ``tenure_max_years`` in their post.

    Columns: nip, name, position_id, title, unit, kind, since, tenure_months, tenure_text,
    grounds (the Pasal 15 ayat (1) huruf a-c grounds that hold, which an evaluation for
    reappointment weighs), article. Sorted by tenure, longest first, then NIP.
    """
    limit = float(pack.value("tenure_max_years")) * 12
    held = targets.loc[targets["holder_nip"].notna(), ["position_id", "t_title", "t_unit", "t_kind", "holder_nip"]]
    f = facts.loc[facts.index.intersection(held["holder_nip"])]
    f = f[(f["tenure_months"] >= limit) & ~matches_spec(f, pack.value("tenure_max_exempt_from"))]
    f = f[~f["retiring"].astype(bool)]  # at BUP: leaving anyway, not due for rotation
    cols = ["name", "position_since", "tenure_months", "perf_ord", "below_own_qualification", "sanction_in_post"]
    rows = held.merge(f[cols], left_on="holder_nip", right_index=True).reset_index(drop=True)
    listed = pack.value("tenure_min_exceptions")
    grounds = []
    for r in rows.itertuples():
        held_grounds = {"kinerja": r.perf_ord < _rating(pack), "kualifikasi": bool(r.below_own_qualification),
                        "pelanggaran": bool(r.sanction_in_post)}
        grounds.append([g for g in listed if held_grounds[g]])
    out = pd.DataFrame({
        "nip": rows["holder_nip"], "name": rows["name"], "position_id": rows["position_id"],
        "title": rows["t_title"], "unit": rows["t_unit"], "kind": rows["t_kind"],
        "since": [d.date().isoformat() if pd.notna(d) else None for d in rows["position_since"]],
        "tenure_months": rows["tenure_months"].astype(int),
        "tenure_text": [fmt_months(m) for m in rows["tenure_months"]],
        "grounds": grounds,
        "article": pack.article("tenure_max_years"),
    })
    return out.sort_values(["tenure_months", "nip"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _rating(pack: RulePack) -> int:
    from models.enums import PERFORMANCE_ORDER

    return PERFORMANCE_ORDER[pack.value("target_not_met_below")]

"""The facts the committee weighs about every nominee (issue 10 item 5), for the run folder.

For each shortlist entry (chosen, alternates, open-selection candidates; every move type,
horizontal included): kinerja of the last two years, the talent box and the BKN advice for
it, JPM with its date, succession pool and readiness, months in the current post, the
discipline record, the rumpun (the same, or from which to which, and the months served in
the post's rumpun), and the move type with the article of the move table that allows it.

Everything is read from the eligibility facts already computed for the round
(``Eligibility.facts``, ``Eligibility.pairs``); only the assessment date, which no rule
compares, is read from the employees table. What presents a plan reads these from
plan.json (``Plan.nominee_facts``), never from the scenario.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

import pandas as pd

from models.plan import Nominee, NomineeFacts
from planner.rules.eligibility import rule_context
from planner.rules.pack import advice_for

if TYPE_CHECKING:
    from planner.inputs.data import ScenarioData
    from planner.rules.eligibility import Eligibility
    from planner.rules.pack import RulePack


# The columns of the eligibility facts (planner.rules.facts.candidate_facts) read here.
_FACT_COLUMNS = ["performance", "performance_prev", "nine_box", "jpm", "in_pool", "readiness", "tenure_months",
                 "has_post", "sanction_running", "sanction_level", "sanction_text", "sanction_records",
                 "sanction_last_end", "kind", "rumpun"]


class _Pair(NamedTuple):
    nip: str
    position_id: str


def _text(v: Any) -> str | None:
    return v if isinstance(v, str) and v else None


def _iso(v: Any) -> str | None:
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    return pd.Timestamp(v).date().isoformat()


def _int(v: Any) -> int | None:
    return None if v is None or pd.isna(v) else int(v)


def nominee_facts(shortlist: Iterable[Nominee | tuple[str, str]], elig: Eligibility, pack: RulePack,
                  data: ScenarioData, paths: Mapping[tuple[str, str], tuple] | None = None) -> list[NomineeFacts]:
    """One :class:`NomineeFacts` per shortlist entry (or ``(nip, position_id)`` pair: the
    explanation of a person who is no nominee), in that order.

    ``paths``: every eligible pair's (move type, article, same_rumpun) of ``elig.pairs``, when
    already looked up (planner.plan.assemble.Reuse); a pair missing there is looked up here."""
    shortlist = [n if isinstance(n, Nominee) else _Pair(*n) for n in shortlist]
    if not shortlist:
        return []
    pool_boxes = set(pack.value("pool_boxes"))
    nips = list(dict.fromkeys(n.nip for n in shortlist))
    # one row per person (a person is nominated to up to max_nominations posts), as plain dicts
    people = elig.facts.loc[elig.facts.index.intersection(nips), _FACT_COLUMNS].to_dict("index")
    emp = data.employees
    assessed = dict(zip(emp["nip"].to_numpy(), emp["assessment_date"])) if "assessment_date" in emp.columns else {}
    path = paths if paths is not None else _paths(elig, nips, shortlist)
    missing = [n for n in shortlist if (n.nip, n.position_id) not in path]
    if missing and paths is not None:  # e.g. a pair a later lock brought back (restore_pairs)
        path = {**path, **_paths(elig, list(dict.fromkeys(n.nip for n in missing)), missing)}
    t_rumpun = dict(zip(data.positions["position_id"].to_numpy(), data.positions["rumpun"].to_numpy()))
    context = getattr(elig, "context", None)  # an explanation passes the facts and paths only
    served = (context if context is not None else rule_context(data, pack)).rumpun_months
    weighs = not bool(pack.value("same_rumpun_bars_move"))
    to_structural = bool(pack.value("jf_to_structural_same_rumpun"))
    out = []
    for n in shortlist:
        f = people.get(n.nip)
        if f is None:
            out.append(NomineeFacts(position_id=n.position_id, nip=n.nip))
            continue
        box = _int(f["nine_box"])
        move_type, article, marked = path.get((n.nip, n.position_id), (None, "", False))
        jpm = f["jpm"]
        here, there = _text(f["rumpun"]), _text(t_rumpun.get(n.position_id))
        differs = here != there
        # the same_rumpun rule's reach (planner.rules.eligibility.rumpun_rule_applies): a move
        # row marked same_rumpun, or JF -> JA/JPT (the targets are all JA/JPT)
        applies = bool(marked) or (f["kind"] == "jf" and to_structural)
        months = served.get((n.nip, there), 0.0) if differs and there is not None else None
        out.append(NomineeFacts(
            position_id=n.position_id, nip=n.nip,
            performance=_text(f["performance"]), performance_prev=_text(f["performance_prev"]),
            nine_box=box, nine_box_advice=(advice_for(box, pack) or "") if box is not None else "",
            jpm=None if pd.isna(jpm) else round(float(jpm), 2),
            jpm_date=_iso(assessed.get(n.nip)) if not pd.isna(jpm) else None,
            pool=bool(f["in_pool"]) and box in pool_boxes, readiness=_text(f["readiness"]),
            tenure_months=_int(f["tenure_months"]) if bool(f["has_post"]) else None,
            sanction_running=bool(f["sanction_running"]), sanction_level=_text(f["sanction_level"]),
            sanction_text=_text(f["sanction_text"]), sanction_records=int(f["sanction_records"]),
            sanction_last_end=_iso(f["sanction_last_end"]),
            move_type=_text(move_type), article=article if isinstance(article, str) else "",
            rumpun=here, t_rumpun=there, rumpun_weighed=weighs and applies and differs and move_type is not None,
            rumpun_months=_int(months),
        ))
    return out


def _paths(elig: Eligibility, nips: list[str], shortlist: list) -> dict[tuple[str, str], tuple]:
    """The move type and article of exactly the pairs asked for: the nominees' people have
    hundreds of eligible pairs each, so their rows are narrowed by a merge, not a loop."""
    pairs = elig.pairs
    if "same_rumpun" not in pairs.columns:
        pairs = pairs.assign(same_rumpun=False)
    mine = pairs.loc[pairs["nip"].isin(nips), ["nip", "position_id", "move_type", "article", "same_rumpun"]]
    asked = pd.DataFrame({"nip": [n.nip for n in shortlist], "position_id": [n.position_id for n in shortlist]})
    mine = mine.astype({"nip": object, "position_id": object}).merge(asked.drop_duplicates(), on=["nip", "position_id"])
    return dict(zip(zip(mine["nip"].tolist(), mine["position_id"].tolist()),
                    zip(mine["move_type"].to_numpy().tolist(), mine["article"].to_numpy().tolist(),
                        mine["same_rumpun"].tolist())))

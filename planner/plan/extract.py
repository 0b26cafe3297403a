"""From a solved round to a :class:`models.plan.Plan`: moves, chains, shortlists, vacancies."""
from __future__ import annotations

import numpy as np
import pandas as pd

from models.plan import Move, Nominee, Unfilled
from planner.rules.eligibility import CONSIDERED
from models.terms import PAIR_TERMS
from planner.round.problem import Round

CHAIN_WORDS = {"chain": "rantai", "swap": "tukar", "cycle": "rotasi", "single": "tunggal"}


def moves_from(r: Round, chosen: np.ndarray, facts: pd.DataFrame, positions: pd.DataFrame) -> list[Move]:
    picked = r.pairs[chosen]
    # Plain dicts of the movers' rows: a pandas lookup per move costs more than the move.
    srcs = set(picked["from_position_id"].dropna())
    pos = positions.loc[positions["position_id"].isin(srcs)].set_index("position_id")[["title", "unit"]] \
        .to_dict("index")
    people = facts.loc[facts.index.intersection(list(dict.fromkeys(picked["nip"]))), ["name", "rank", "unit", "kind", "tenure_months"]] \
        .to_dict("index")
    chains, kinds = chain_ids(picked, r.posts)
    out = []
    for row in picked.sort_values(["position_id"]).itertuples():
        f = people[row.nip]
        src = row.from_position_id if isinstance(row.from_position_id, str) else None
        terms = {t: round(float(getattr(row, f"term_{t}")), 2) for t in PAIR_TERMS}
        out.append(Move(
            nip=row.nip, name=f["name"], rank=f["rank"],
            from_position_id=src, from_title=pos[src]["title"] if src else None,
            from_unit=pos[src]["unit"] if src else f["unit"], from_kind=f["kind"],
            to_position_id=row.position_id, to_title=row.t_title, to_unit=row.t_unit, to_kind=row.t_kind,
            to_critical=bool(row.t_critical),
            move_type=row.move_type, article=row.article, score=round(float(row.score), 2), score_terms=terms,
            chain=chains[row.nip], chain_kind=CHAIN_WORDS[kinds[chains[row.nip]]],
            overdue=bool(row.term_overdue_rotation > 0),
            tenure_months=None if pd.isna(f["tenure_months"]) else int(f["tenure_months"]),
        ))
    return out


def chain_ids(picked: pd.DataFrame, posts: pd.DataFrame) -> tuple[dict[str, int], dict[int, str]]:
    """Group moves that free posts for each other; classify as chain, swap, cycle or single.

    A move into post P whose holder H also moves links the two moves. The links form paths
    (vacancy chains, ending where a vacant post is filled) and cycles (swaps, rotations).
    """
    holder = posts.set_index("position_id")["holder_nip"]
    movers = set(picked["nip"])
    # successor: the person who vacated the post I take
    nxt = {}
    for nip, pid in zip(picked["nip"], picked["position_id"]):
        h = holder.get(pid)
        if isinstance(h, str) and h in movers:
            nxt[nip] = h
    parent = {n: n for n in movers}

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in nxt.items():
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    roots = sorted({find(n) for n in movers})
    number = {r: i + 1 for i, r in enumerate(roots)}
    ids = {n: number[find(n)] for n in movers}
    members: dict[int, list[str]] = {}
    for n, c in ids.items():
        members.setdefault(c, []).append(n)
    kinds = {}
    for c, ns in members.items():
        cyclic = all(n in nxt for n in ns)  # everyone took a post freed by someone in the group
        if len(ns) == 1:
            kinds[c] = "single"
        elif cyclic:
            kinds[c] = "swap" if len(ns) == 2 else "cycle"
        else:
            kinds[c] = "chain"
    return ids, kinds


def shortlist_from(nominees: pd.DataFrame, facts: pd.DataFrame) -> list[Nominee]:
    """Nominees per filled post, ranked: the chosen one first, then alternates by score."""
    sel = nominees.sort_values(["position_id", "chosen", "score", "nip"], ascending=[True, False, False, True])
    sel = sel.assign(rank=sel.groupby("position_id").cumcount() + 1)
    names = facts.loc[facts.index.intersection(list(dict.fromkeys(sel["nip"]))), "name"].to_dict()
    return [Nominee(position_id=row.position_id, rank=int(row.rank), nip=row.nip, name=names[row.nip],
                    score=round(float(row.score), 2), chosen=bool(row.chosen)) for row in sel.itertuples()]


def open_selection_shortlist(r: Round, facts: pd.DataFrame) -> list[Nominee]:
    """For JPT posts left to open selection: the best eligible candidates, for the panel."""
    p = r.open_selection_pairs
    vacant = set(r.posts.loc[r.posts["open_selection"] & r.posts["vacant"], "position_id"])
    p = p[p["position_id"].isin(vacant)].sort_values(["position_id", "score", "nip"], ascending=[True, False, True])
    p = p.assign(rank=p.groupby("position_id").cumcount() + 1)
    p = p[p["rank"] <= r.ratio]
    return [Nominee(position_id=row.position_id, rank=int(row.rank), nip=row.nip, name=facts.at[row.nip, "name"],
                    score=round(float(row.score), 2), chosen=False, purpose="seleksi_terbuka")
            for row in p.itertuples()]


def _people_per_post(pairs: pd.DataFrame, ids: set[str]) -> pd.Series:
    sub = pairs.loc[pairs["position_id"].isin(ids), ["position_id", "nip"]] if ids else pairs.iloc[:0]
    return sub.groupby("position_id")["nip"].nunique()


def unfilled_from(r: Round, chosen: np.ndarray, exclusions: dict[str, dict[str, int]],
                  eligible: dict[str, int] | None = None) -> list[Unfilled]:
    """Posts in scope that end the round empty, each with its reason and a recommendation.

    ``eligible``: the eligible people per post of ``r.all_pairs``, when already counted."""
    picked = r.pairs[chosen]
    filled = set(picked["position_id"])
    left = set(picked["from_position_id"].dropna())
    posts = r.posts
    empty = posts[(posts["vacant"] | posts["position_id"].isin(left)) & ~posts["position_id"].isin(filled)]
    # Counted for the empty posts only: grouping all pairs of a region costs more than the rest.
    ids = set(empty["position_id"])
    if eligible is None:
        eligible = _people_per_post(r.all_pairs, ids)
    in_model = _people_per_post(r.pairs, ids)
    out = []
    for row in empty.sort_values("position_id").itertuples():
        n_elig = int(eligible.get(row.position_id, 0))
        if row.reserved:
            reason, text, rec = "dicadangkan", "dicadangkan untuk seleksi terbuka (reserve) dalam skenario", "seleksi_terbuka"
        elif row.open_selection or getattr(row, "open_selection_route", False):  # vacant, or emptied, JPT
            reason = "seleksi_terbuka"
            text = (f"JPT diisi melalui seleksi terbuka; {n_elig} calon memenuhi syarat diusulkan "
                    f"kepada panitia seleksi")
            rec = "seleksi_terbuka"
        elif n_elig < r.ratio:
            reason = "kurang_kandidat"
            text = f"hanya {n_elig} kandidat memenuhi syarat, kurang dari rasio 1:{r.ratio}"
            rec = "seleksi_terbuka" if n_elig == 0 else "seleksi_internal"
        elif int(in_model.get(row.position_id, 0)) < r.ratio:
            reason = "pemegang_tetap"
            text = "pemegang jabatan tidak dapat berpindah atau kandidat dikunci/dilarang dalam skenario"
            rec = "seleksi_internal"
        else:
            reason = "kandidat_terpakai"
            text = (f"{n_elig} kandidat memenuhi syarat, tetapi lebih bernilai di jabatan lain atau batas "
                    f"nominasi/perubahan unit tercapai")
            rec = "pengembangan_talenta" if n_elig < 2 * r.ratio else "seleksi_internal"
        counts = dict(exclusions.get(row.position_id, {}))
        considered = int(counts.pop(CONSIDERED, 0))
        out.append(Unfilled(position_id=row.position_id, title=row.t_title, unit=row.t_unit, kind=row.t_kind,
                            critical=bool(row.t_critical), reason=reason, reason_text=text, recommendation=rec,
                            eligible_candidates=n_elig, considered=considered, excluded_by_rule=counts))
    return out

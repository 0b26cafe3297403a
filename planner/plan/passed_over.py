"""Every better-scoring candidate a filled post did not get, with the concrete reason.

For each post the plan fills, every eligible candidate whose merit score (Nilai) for the
post is higher than the chosen one's is listed with one reason from a fixed vocabulary
(models.labels.PASSED_OVER_REASON_LABEL), the first that holds, in this order:

1. ``banned``: the scenario bans the pair;
2. ``kept``: the scenario keeps the person in their post;
3. ``locked_elsewhere``: the scenario locks the person into another post;
4. ``placed_elsewhere``: the plan moves the person to another post (named, with the score there);
5. ``not_in_model``: the pair was pruned (``solver.candidates_per_post``);
6. ``own_post_unfilled``: the person holds a post in scope that nobody else could take
   (named, with why: no other eligible candidate, or fewer than the 1:3 list needs);
7. ``equal_post``: a sideways move that only carries the vacancy to the person's own post,
   which someone else must then fill, with no gain of its own (planner.round.build `_available`);
8. ``round_size_cap``: the cap on officials moved is reached and the person is an official;
9. ``round_value``: otherwise: the whole round is worth less with them here (the loss,
   when the solver proved it, is ``Plan.passed_over`` detail; ``planner explain --nip``
   re-solves to show exactly what would change).

Nothing here calls a solver: it reads the round, the chosen pairs and the scenario.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from models.numbers import angka
from models.plan import PassedOver
from models.schema import Scenario
from planner.round.problem import Round

SCORE_EPS = 0.005  # scores are shown to 1/100: a difference below that is no difference


def _texts(column: pd.Series) -> list:
    """A text column as a list: through numpy's object array, since pandas' text array hands
    out its values one Python call at a time (the same values, missing ones as NaN)."""
    return column.to_numpy().tolist()


def passed_over(r: Round, chosen: np.ndarray, scenario: Scenario, facts: pd.DataFrame,
                positions: pd.DataFrame, made: dict[tuple, PassedOver] | None = None) -> list[PassedOver]:
    """``made``: rows an earlier plan built, by their fields; an identical row is taken from it
    (and a new one added), since most rows survive a change (planner.plan.assemble.Reuse)."""
    picked = r.pairs[chosen]
    if picked.empty:
        return []
    best = picked.set_index("position_id")[["nip", "score"]]
    cand = r.all_pairs[r.all_pairs["position_id"].isin(best.index)][["nip", "position_id", "score"]]
    cand = cand.assign(chosen_nip=cand["position_id"].map(best["nip"]),
                       chosen_score=cand["position_id"].map(best["score"]))
    cand = cand[(cand["score"] > cand["chosen_score"] + SCORE_EPS) & (cand["nip"] != cand["chosen_nip"])]
    if cand.empty:
        return []
    cand = cand.sort_values(["position_id", "score", "nip"], ascending=[True, False, True], kind="stable")

    # Plain dicts: the loop below looks up once per candidate row (16k rows on a kabupaten),
    # and a pandas scalar lookup costs tens of microseconds.
    title = dict(zip(_texts(positions["position_id"]), _texts(positions["title"])))
    placed = dict(zip(_texts(picked["nip"]), zip(_texts(picked["position_id"]), picked["score"].tolist())))
    banned = {(b.nip, b.position_id): i for i, b in enumerate(scenario.bans)}
    locked = {lk.nip: (i, lk.position_id) for i, lk in enumerate(scenario.locks)}
    keep = {n: i for i, n in enumerate(scenario.keep)}
    # Columns as lists first: iterating a pandas string column element by element is slow.
    # Only the model pairs into the filled posts are asked about (a region has 200k pairs).
    into = r.pairs.loc[r.pairs["position_id"].isin(best.index)]
    into_pairs = list(zip(_texts(into["nip"]), _texts(into["position_id"])))
    in_model = set(into_pairs)
    available = dict(zip(into_pairs, into["available"].tolist())) if "available" in r.pairs else {}
    held = r.posts.loc[~r.posts["vacant"]]
    holder_of = dict(zip(_texts(held["holder_nip"]), _texts(held["position_id"])))
    # Who else could take the candidates' own posts: model candidates per post, and how many
    # of them the plan places elsewhere.
    near = r.pairs.loc[r.pairs["position_id"].isin({holder_of[n] for n in set(cand["nip"]) if n in holder_of})]
    moved = set(picked["nip"])
    officials = set(r.officials)
    in_scope = set(r.posts["position_id"])
    cap = r.max_officials_moved
    cap_reached = cap is not None and len(moved & officials) >= cap
    # Per post, its candidates neither kept nor moved ("free"): nobody but ``nip`` could take
    # it when no one else is free (every other candidate is kept or placed elsewhere). Counted
    # by whole columns: ``near`` holds most of the model's pairs (200k on a kabupaten). A pair
    # is one row of the model, so a post's candidates are distinct.
    n_others = near["position_id"].value_counts().to_dict()
    free_rows = near.loc[~near["nip"].isin(set(keep) | moved), ["position_id", "nip"]]
    n_free = free_rows["position_id"].value_counts().to_dict()
    first_free = free_rows.drop_duplicates("position_id")
    lone_free = dict(zip(_texts(first_free["position_id"]), _texts(first_free["nip"])))
    names = dict(zip(facts.index, facts["name"])) if "name" in facts else {}

    def post_name(pid: str) -> str:
        return f"{title.get(pid, pid)} ({pid})"

    out = []
    for nip, pid, score, chosen_nip, chosen_score in zip(
            _texts(cand["nip"]), _texts(cand["position_id"]), cand["score"].tolist(),
            _texts(cand["chosen_nip"]), cand["chosen_score"].tolist()):
        other = None
        own = holder_of.get(nip)
        if (nip, pid) in banned:
            reason, detail = "banned", f"skenario melarang pasangan ini (bans.{banned[(nip, pid)]})"
        elif nip in keep:
            reason = "kept"
            other = own if isinstance(own, str) else None
            where = f" di {post_name(own)}" if other else ""
            detail = f"skenario menetapkannya tetap{where} (keep.{keep[nip]})"
        elif nip in locked and locked[nip][1] != pid:
            i, other = locked[nip]
            reason, detail = "locked_elsewhere", f"skenario menguncinya ke {post_name(other)} (locks.{i})"
        elif nip in placed:
            other, there = placed[nip]
            reason = "placed_elsewhere"
            detail = f"diusulkan untuk {post_name(other)}, nilai di sana {angka(float(there))}"
        elif (nip, pid) not in in_model:
            reason = "not_in_model"
            detail = "pasangan dipangkas sebelum perhitungan (solver.candidates_per_post)"
        elif isinstance(own, str) and own in in_scope and (
                n_free.get(own, 0) == 0 or (n_free[own] == 1 and lone_free[own] == nip)):
            other = own
            # ``nip`` is neither kept nor moved here: among the post's candidates it is free.
            rest = n_others.get(own, 0) - (n_free.get(own, 0) == 1)
            if not rest:
                why = "tidak ada calon lain yang memenuhi syarat untuk jabatan itu"
            else:
                why = f"semua {rest} calon lain untuk jabatan itu diusulkan ke jabatan lain"
            reason, detail = "own_post_unfilled", f"{post_name(own)} akan kosong: {why}"
        elif not available.get((nip, pid), True):
            other = own if isinstance(own, str) else None
            reason = "equal_post"
            detail = (f"menduduki {post_name(own)} yang setara; pindah ke sini tidak menambah mutu jabatan "
                      f"dan {post_name(own)} lalu harus diisi orang lain") if other else \
                "perpindahan setara tanpa tujuan tersendiri"
        elif cap_reached and nip in officials:
            reason = "round_size_cap"
            detail = f"batas {cap} pejabat struktural yang dimutasi dalam putaran ini sudah tercapai (max_moved_share)"
        else:
            reason = "round_value"
            detail = f"putaran bernilai lebih rendah bila ia di sini (rinciannya: planner explain --nip {nip})"
        name = str(names.get(nip, ""))
        key = (pid, nip, name, round(float(score), 2), chosen_nip, round(float(chosen_score), 2), reason, detail, other)
        row = made.get(key) if made is not None else None
        if row is None:
            row = PassedOver(position_id=pid, nip=nip, name=name, score=key[3], chosen_nip=chosen_nip,
                             chosen_score=key[5], reason=reason, detail=detail, other_position_id=other)
            if made is not None:
                made[key] = row
        out.append(row)
    return out


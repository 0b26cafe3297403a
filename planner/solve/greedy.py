"""The manual practice as a baseline: fill posts one by one in rank order.

Posts are taken from the top of the ladder down (critical first within a level); each
vacancy goes to the best-scoring eligible person still available, provided the post has
at least ``ratio`` eligible candidates. A promoted holder's old post joins the queue. It
never moves an official sideways to open a better chain: that is what the model adds.
"""
from __future__ import annotations

import heapq

import numpy as np
import pandas as pd

from models.enums import ESELON_ORDER
from planner.round.problem import Round

KIND_ORDER = {"jpt_madya": 0, "jpt_pratama": 1, "administrator": 2, "pengawas": 3, "jf": 4, "pelaksana": 5}


def greedy_plan(r: Round) -> pd.Series:
    """Boolean mask over ``r.pairs``: the pairs the greedy fill picks."""
    pairs = r.pairs
    chosen = np.zeros(len(pairs), dtype=bool)
    if pairs.empty:
        return pd.Series(chosen, index=pairs.index)
    posts = r.posts.set_index("position_id")
    by_post = {pid: idx[np.argsort(-pairs["coef"].to_numpy()[idx], kind="stable")]
               for pid, idx in pairs.groupby("position_id", sort=True).indices.items()}
    holder_post = {h: p for p, h in posts["holder_nip"].dropna().items()}

    def key(pid: str) -> tuple:
        row = posts.loc[pid]
        return (KIND_ORDER.get(row["t_kind"], 9), ESELON_ORDER.get(row["t_eselon"], 9),
                not row["t_critical"], pid)

    heap = [key(p) for p in posts.index[posts["vacant"]] if p in by_post]
    heapq.heapify(heap)
    moved: set[str] = set()
    nips = pairs["nip"].to_numpy()
    for nip, pid in r.locks:  # locks are decided before anything else, as a planner would
        i = pairs.index[(pairs["nip"] == nip) & (pairs["position_id"] == pid)]
        if len(i):
            chosen[i[0]] = True
            moved.add(nip)
    filled = {pairs.at[i, "position_id"] for i in np.flatnonzero(chosen)}
    while heap:
        pid = heapq.heappop(heap)[-1]
        if pid in filled:
            continue
        options = [i for i in by_post[pid] if nips[i] not in moved]
        if len(by_post[pid]) < r.ratio or not options:
            continue
        best = options[0]
        chosen[best] = True
        moved.add(nips[best])
        filled.add(pid)
        old = holder_post.get(nips[best])
        if old is not None and old in by_post and old not in filled:
            heapq.heappush(heap, key(old))
    return pd.Series(chosen, index=pairs.index)

"""The 1:3 shortlists of the filled posts: best alternates under the nomination cap, by min-cost flow."""
from __future__ import annotations

import numpy as np
import pandas as pd
from ortools.graph.python import min_cost_flow

from planner.round.problem import Round
from planner.solve.formulation import POINT

NO_NOMINEES = pd.DataFrame(columns=["nip", "position_id", "score", "chosen"])



def nominate(r: Round, chosen: np.ndarray) -> pd.DataFrame | None:
    """Best alternates for every filled post under the nomination cap, or None if impossible.

    A max-flow min-cost problem: post → candidate (one nomination each, cost = −score),
    candidate → sink (capacity: the cap, less one for the post they are chosen for).
    """
    picked = r.pairs.loc[chosen, ["nip", "position_id", "score"]]
    if r.ratio <= 1 or picked.empty:
        return picked.assign(chosen=True).reset_index(drop=True)
    pool = r.nominees_pool if r.nominees_pool is not None else r.pairs[["nip", "position_id", "score"]]
    filled = set(picked["position_id"])
    already = set(zip(picked["nip"], picked["position_id"]))
    arcs = pool[pool["position_id"].isin(filled)]
    arcs = arcs[[k not in already for k in zip(arcs["nip"], arcs["position_id"])]]
    arcs = arcs.sort_values(["position_id", "nip"], kind="stable").reset_index(drop=True)
    posts = sorted(filled)
    people = sorted(set(arcs["nip"]))
    post_node = {p: 1 + i for i, p in enumerate(posts)}
    person_node = {n: 1 + len(posts) + i for i, n in enumerate(people)}
    sink = 1 + len(posts) + len(people)
    uses = picked["nip"].value_counts()
    flow = min_cost_flow.SimpleMinCostFlow()
    need = r.ratio - 1
    for p in posts:
        flow.add_arc_with_capacity_and_unit_cost(0, post_node[p], need, 0)
    arc_ids = []
    for nip, pid, score in zip(arcs["nip"], arcs["position_id"], arcs["score"]):
        arc_ids.append(flow.add_arc_with_capacity_and_unit_cost(post_node[pid], person_node[nip], 1,
                                                                 -int(round(score * POINT))))
    for nip in people:
        cap = r.max_nominations - int(uses.get(nip, 0))
        if cap > 0:
            flow.add_arc_with_capacity_and_unit_cost(person_node[nip], sink, cap, 0)
    flow.set_node_supply(0, need * len(posts))
    flow.set_node_supply(sink, -need * len(posts))
    if flow.solve_max_flow_with_min_cost() != flow.OPTIMAL or flow.maximum_flow() < need * len(posts):
        return None
    used = np.array([flow.flow(a) > 0 for a in arc_ids], dtype=bool)
    alternates = arcs.loc[used, ["nip", "position_id", "score"]].assign(chosen=False)
    return pd.concat([picked.assign(chosen=True), alternates], ignore_index=True)



"""The 1:3 shortlists of the filled posts: best alternates under the nomination cap, by min-cost flow."""
from __future__ import annotations

import numpy as np
import pandas as pd
from ortools.graph.python import min_cost_flow

from planner.round.problem import Round
from planner.solve.formulation import POINT, nominee_value

NO_NOMINEES = pd.DataFrame(columns=["nip", "position_id", "score", "chosen"])
def nominate(r: Round, chosen: np.ndarray) -> pd.DataFrame | None:
    """Best alternates for every filled post under the nomination cap, or None if impossible.

    A max-flow min-cost problem: post → candidate (one nomination each, cost = −score),
    candidate → sink (capacity: the cap, less one for the post they are chosen for).
    """
    picked = r.pairs.loc[chosen, ["nip", "position_id", "score"]]
    if r.ratio <= 1 or picked.empty:
        return picked.assign(chosen=True).reset_index(drop=True)
    pool = r.nominees_pool if r.nominees_pool is not None else r.pairs
    filled = set(picked["position_id"])
    already = set(zip(picked["nip"], picked["position_id"]))
    arcs = pool[pool["position_id"].isin(filled)]
    chosen_pair = pd.MultiIndex.from_arrays([arcs["nip"], arcs["position_id"]]).isin(list(already))
    arcs = arcs[~chosen_pair]
    arcs = arcs.sort_values(["position_id", "nip"], kind="stable").reset_index(drop=True)
    posts = sorted(filled)
    people = sorted(set(arcs["nip"]))
    post_node = pd.Series(np.arange(1, 1 + len(posts)), index=posts)
    person_node = pd.Series(np.arange(1 + len(posts), 1 + len(posts) + len(people)), index=people)
    sink = 1 + len(posts) + len(people)
    uses = picked["nip"].value_counts()
    best = picked.set_index("position_id")["score"]
    flow = min_cost_flow.SimpleMinCostFlow()
    need = r.ratio - 1
    # Arcs in the order source → post, post → person, person → sink, as arrays (one call each).
    cap = r.max_nominations - uses.reindex(people).fillna(0).to_numpy(dtype=np.int64)
    open_people = person_node.to_numpy()[cap > 0]
    tails = np.concatenate([np.zeros(len(posts), dtype=np.int64), post_node[arcs["position_id"]].to_numpy(),
                            open_people]).astype(np.int32)
    heads = np.concatenate([post_node.to_numpy(), person_node[arcs["nip"]].to_numpy(),
                            np.full(len(open_people), sink)]).astype(np.int32)
    caps = np.concatenate([np.full(len(posts), need), np.ones(len(arcs), dtype=np.int64), cap[cap > 0]])
    costs = np.concatenate([np.zeros(len(posts), dtype=np.int64),
                            -np.round(nominee_value(arcs, arcs["position_id"].map(best).to_numpy(dtype=float),
                                                    r.comparable_merit) * POINT).astype(np.int64),
                            np.zeros(len(open_people), dtype=np.int64)])
    ids = np.asarray(flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps.astype(np.int64), costs))
    arc_ids = ids[len(posts):len(posts) + len(arcs)].astype(np.int32)
    flow.set_node_supply(0, need * len(posts))
    flow.set_node_supply(sink, -need * len(posts))
    if flow.solve_max_flow_with_min_cost() != flow.OPTIMAL or flow.maximum_flow() < need * len(posts):
        return None
    used = np.asarray(flow.flows(arc_ids)) > 0
    alternates = arcs.loc[used, ["nip", "position_id", "score"]].assign(chosen=False)
    return pd.concat([picked.assign(chosen=True), alternates], ignore_index=True)



"""The mutation round as one solver-neutral formulation: rows over pair decisions.

Decisions: ``x[i]`` = pair i (person → post) happens; ``y[i]`` = the person is a nominee
for the post (the 1:3 shortlist). Constraints:

- each person moves at most once; each post takes at most one person;
- an occupied post is taken only if its holder moves in the same round (chains, swaps and
  rotation cycles all follow from this);
- a filled post has exactly ``ratio`` nominees, the chosen one among them; nobody is
  nominated to more than ``max_nominations`` posts (KU Pasal 28 ayat (2) huruf c);
- locks happen; an optional cap on the share of a unit's posts that change hands.

The objective is linear: each pair's coefficient already holds its fill value, the value
lost by emptying the mover's old post, and its fit terms (planner.round.build). Coefficients are
integers in 1/100 point, times 1000, plus a small distinct tie-break so that the optimum is
unique and the plan reproducible whatever the number of workers.
"""
from __future__ import annotations

import itertools
import math
import zlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.round.problem import Round, spread_allowance

POINT = 100  # objective units per point of score, before the tie-break factor
TIE = 1_000_000  # room under each 1/100 point for the tie-break
UNIT = POINT * TIE  # objective units per point


def tiebreak(pairs: pd.DataFrame, salt: str) -> np.ndarray:
    """A pseudo-random integer in [1, TIE) per (person, post), stable across runs and machines.

    Hashing the pair itself (not its position in a list) means two plans that differ only by
    who goes where tie with probability about 1/TIE per near-tie, instead of systematically.
    The hash is CRC-32 of ``salt|nip|position_id``; the salt's part is computed once and the
    rest continues from it (``crc32(b, crc32(a)) == crc32(a + b)``).
    """
    start = zlib.crc32(salt.encode())
    keys = [f"|{n}|{p}".encode() for n, p in zip(pairs["nip"].astype(str).tolist(),
                                                  pairs["position_id"].astype(str).tolist())]
    crc = np.fromiter(map(zlib.crc32, keys, itertools.repeat(start, len(keys))), dtype=np.int64, count=len(keys))
    return 1 + crc % (TIE - 1)


# Points an alternate loses if moving them would serve no purpose of its own (Round pairs'
# ``available``): any available alternate is preferred, the others only complete a list.
UNAVAILABLE_PENALTY = 10_000


def nominee_value(pool: pd.DataFrame, chosen_score: np.ndarray | None = None, margin: float = 1.0) -> np.ndarray:
    """What a nomination is worth, in points: the merit score, less the penalty if unavailable.

    With ``chosen_score`` (the score of the one chosen for each pool row's post), an
    unavailable candidate who outscores the chosen one by more than ``margin`` loses the
    penalty twice: a list that must be completed with officials whose move would serve no
    purpose takes those who do not outrank the proposal first, so that it is headed by the
    strongest candidate who can take the post. Whoever is left off is in passed_over.csv.
    """
    score = pool["score"].to_numpy(dtype=float)
    if "available" not in pool:
        return score
    unavailable = ~pool["available"].to_numpy(dtype=bool)
    penalty = np.where(unavailable, UNAVAILABLE_PENALTY, 0.0)
    if chosen_score is not None:
        penalty += np.where(unavailable & (score > chosen_score + margin), UNAVAILABLE_PENALTY, 0.0)
    return score - penalty




def x_coefficients(r: Round, tie: np.ndarray | None = None, pricing: MeritPricing | None = None) -> np.ndarray:
    """The moves' objective coefficients (the LP needs only these), merit-order prices included.
    ``tie`` and ``pricing``: the round's tie-break and price index, when the caller keeps them
    (both depend on the pairs only)."""
    coef = r.pairs["coef"].to_numpy()
    if r.merit_order_prices:
        coef = coef + merit_prices(r, pricing)
    return np.round(coef * POINT).astype(np.int64) * TIE + (tiebreak(r.pairs, "x") if tie is None else tie)


def objective_coefficients(r: Round) -> tuple[np.ndarray, np.ndarray]:
    x_coef = x_coefficients(r)
    y_coef = np.round(nominee_value(r.pairs) * r.nomination_weight * POINT).astype(np.int64) * TIE \
        + tiebreak(r.pairs, "y")
    return x_coef, y_coef


@dataclass
class Row:
    """sum(x[plus]) - sum(x[minus]) - excess <= ub, over the round's pairs."""

    plus: np.ndarray
    minus: np.ndarray
    ub: int
    excess: int | None = None  # index of a spread excess variable taking part in the row


@dataclass
class MovesRows:
    """The moves model once, for every solver: CP-SAT (planner.solve.cpsat) and the LP (planner.solve.lp)."""

    rows: list[Row]
    closed: np.ndarray  # pairs into posts that cannot be filled this stage (fixed to 0)
    locks: dict[tuple[str, str], int]  # lock -> pair index
    excess_ub: list[int]  # upper bound of each spread excess variable
    excess_units: list[str]
    by_person: dict[str, np.ndarray]
    by_post: dict[str, np.ndarray]


_EMPTY = np.array([], dtype=np.int64)


def _indices(values: pd.Series) -> dict[str, np.ndarray]:
    """``groupby(values, sort=True).indices`` from integer codes: row positions per key, keys sorted."""
    codes, uniques = pd.factorize(values, sort=True)
    order = np.argsort(codes, kind="stable")
    order = order[codes[order] >= 0]  # no group for a missing key, as in groupby
    bounds = np.searchsorted(codes[order], np.arange(1, len(uniques)))
    return dict(zip(list(uniques), np.split(order, bounds))) if len(uniques) else {}


def moves_rows(r: Round, *, close_unfillable: bool) -> MovesRows:
    """Each person moves at most once; each post takes at most one person; a held post only
    if its holder moves; unit caps; spread rows. With ``close_unfillable``, posts with fewer
    nominable candidates than the shortlist ratio are closed (the relaxed first stage)."""
    pairs = r.pairs
    by_person = _indices(pairs["nip"])
    by_post = _indices(pairs["position_id"])
    rows = [Row(idx, _EMPTY, 1) for idx in by_person.values()]
    rows += [Row(idx, _EMPTY, 1) for idx in by_post.values()]
    posts = r.posts.set_index("position_id")
    for pid, idx in by_post.items():
        if not posts.at[pid, "vacant"]:
            # A holder with nowhere to go keeps the post (prepare_round usually prunes these).
            rows.append(Row(idx, by_person.get(posts.at[pid, "holder_nip"], _EMPTY), 0))
    closed = _EMPTY
    if close_unfillable and r.ratio > 1:
        nominable = r.nominable
        shut = [idx for pid, idx in by_post.items() if nominable.get(pid, 0) < r.ratio]
        closed = np.concatenate(shut) if shut else _EMPTY
    size = r.posts.groupby("t_unit").size()
    if r.unit_change_cap is not None and r.unit_staff is not None:
        # KRW 23(3)a "persediaan Pegawai pada jabatan yang ditinggalkan": every post a move
        # empties counts, the JF and pelaksana posts left by diagonal and vertical moves too,
        # against the unit's staffed posts. At least one, so a small unit is not frozen.
        movers = pairs.loc[pairs["from_position_id"].notna(), ["unit", "nip"]].drop_duplicates("nip")
        for unit, nips in movers.groupby("unit")["nip"]:
            cap = max(1, math.floor(r.unit_change_cap * r.unit_staff.get(unit, 0)))
            if len(nips) > cap:
                rows.append(Row(np.concatenate([by_person[n] for n in sorted(nips)]), _EMPTY, cap))
    elif r.unit_change_cap is not None:
        # A post changes hands when its holder leaves; filling a vacancy disturbs nobody.
        # At least one change is allowed, so a unit of one or two posts is not frozen.
        for unit, holders in r.posts[~r.posts["vacant"]].groupby("t_unit")["holder_nip"]:
            leaving = [by_person[h] for h in holders if h in by_person]
            if leaving:
                rows.append(Row(np.concatenate(leaving), _EMPTY, max(1, math.floor(r.unit_change_cap * size[unit]))))
    cap = r.max_officials_moved
    if cap is not None:
        # Round size: officials who change posts (filling a vacancy from the staff moves none).
        leaving = [by_person[h] for h in r.officials if h in by_person]
        if sum(len(i) for i in leaving) and len(leaving) > cap:
            rows.append(Row(np.concatenate(leaving), _EMPTY, cap))
    excess_ub, excess_units = [], []
    if r.unit_spread_weight > 0:
        # Spread: a unit losing more officials than its allowance pays per extra move.
        unit_of = r.posts.set_index("position_id")["t_unit"]
        inside = np.flatnonzero(pairs["from_position_id"].isin(r.posts["position_id"]).to_numpy())
        # People as their rank in by_person (its keys are sorted): a unit's leavers in NIP order
        # without a Python set of strings per unit.
        person_rows = list(by_person.values())
        person = np.empty(len(pairs), dtype=np.int64)
        for k, idx in enumerate(person_rows):
            person[idx] = k
        units = pairs["from_position_id"].iloc[inside].map(unit_of).to_numpy()
        for unit, at in pd.Series(inside).groupby(units).indices.items():
            soft = spread_allowance(size.get(unit, 1), r.spread_share)
            leavers = np.unique(person[inside[at]])
            if len(leavers) <= soft:
                continue
            rows.append(Row(np.concatenate([person_rows[k] for k in leavers]), _EMPTY, soft, len(excess_ub)))
            excess_ub.append(len(leavers))
            excess_units.append(unit)
    return MovesRows(rows=rows, closed=closed, locks=_lock_index(pairs, r.locks, by_person),
                     excess_ub=excess_ub, excess_units=excess_units, by_person=by_person, by_post=by_post)


class MeritPricing:
    """The pairs of a round sorted by post then score, to turn merit-order prices into points
    per pair in whole-array steps (the solve strategy prices a round a dozen times)."""

    def __init__(self, r: Round):
        self.n = len(r.pairs)
        self.margin = r.comparable_merit
        self.post_code, posts = pd.factorize(r.pairs["position_id"])
        self.nip_code, nips = pd.factorize(r.pairs["nip"])
        self.post_index = pd.Index(posts)
        self.nip_index = pd.Index(nips)
        self.score = r.pairs["score"].to_numpy(dtype=float)
        self.order = np.lexsort((self.score, self.post_code))  # by post, weakest first
        self.start = np.searchsorted(self.post_code[self.order], np.arange(len(posts) + 1))
        self.sorted_score = self.score[self.order]

    def prices(self, entries) -> np.ndarray:
        out = np.zeros(self.n)
        if not entries:
            return out
        pid, nip, s, price = (np.asarray(c) for c in zip(*entries))
        s, price = s.astype(float), price.astype(float)
        who = self.nip_index.get_indexer(nip)
        credit = np.bincount(who[who >= 0], price[who >= 0], minlength=len(self.nip_index))
        out += credit[self.nip_code]
        at = self.post_index.get_indexer(pid)
        ok = at >= 0
        at, s, price = at[ok], s[ok], price[ok]
        lo, hi = self.start[at], self.start[at + 1]
        # Pairs of the post scoring below s - margin: a prefix of its segment (weakest first).
        cut = np.array([lo_ + np.searchsorted(self.sorted_score[lo_:hi_], s_ - self.margin, side="left")
                        for lo_, hi_, s_ in zip(lo, hi, s)], dtype=np.int64)
        diff = np.zeros(self.n + 1)
        np.add.at(diff, lo, -price)
        np.add.at(diff, cut, price)
        charge = np.cumsum(diff[:-1])
        out[self.order] += charge
        return out


def merit_prices(r: Round, pricing: MeritPricing | None = None) -> np.ndarray:
    """Points per pair from ``r.merit_order_prices``: each entry (post, candidate, score,
    price) credits every move of the candidate with the price and charges it to every pair
    of the post scoring more than ``comparable_merit`` below ``score``.

    The prices are the multipliers of the merit-order rows "if the post goes to someone
    weaker, this candidate moves too" (planner.solve.strategy.solve): priced into the
    objective, the round stays a network problem whose LP optimum is integral."""
    if not r.merit_order_prices:
        return np.zeros(len(r.pairs))
    return (pricing or MeritPricing(r)).prices(r.merit_order_prices)


def fill_value(r: Round, chosen: np.ndarray) -> float:
    """Fill weight of the posts a plan fills, less that of the posts it leaves empty (points)."""
    picked = r.pairs.loc[chosen, ["term_fill", "term_vacated"]]
    return float(picked.to_numpy(dtype=float).sum())


def merit_order_breaches(r: Round, chosen: np.ndarray) -> list[tuple[str, str, float, float]]:
    """(post, candidate, candidate's score, chosen one's score) of every available candidate
    who stays where they are while a post they score more than ``comparable_merit`` higher
    at goes to someone else. Posts filled by a lock (the committee's decision) and kept
    officials are left out."""
    pairs = r.pairs
    if not chosen.any():
        return []
    nip = pairs["nip"].to_numpy()
    post = pairs["position_id"].to_numpy()
    score = pairs["score"].to_numpy(dtype=float)
    moved = pd.Index(nip[chosen])
    chosen_score = pd.Series(score[chosen], index=post[chosen])
    locked_posts = {p for _, p in r.locks}
    at = chosen_score.reindex(post).to_numpy()
    breach = (pairs["available"].to_numpy(dtype=bool) & ~chosen & ~np.isnan(at)
              & (score > np.nan_to_num(at, nan=np.inf) + r.comparable_merit)
              & ~pd.Index(nip).isin(moved) & ~pd.Index(post).isin(list(locked_posts))
              & ~pd.Index(nip).isin(list(r.keep)))
    idx = np.flatnonzero(breach)
    return [(post[i], nip[i], float(score[i]), float(at[i])) for i in idx]


def _lock_index(pairs: pd.DataFrame, locks, by_person: dict[str, np.ndarray]) -> dict[tuple[str, str], int]:
    """Each lock's pair index, looked up among its person's pairs (a KeyError if it has none)."""
    position = pairs["position_id"].to_numpy()
    out = {}
    for nip, pid in locks:
        idx = by_person.get(nip, _EMPTY)
        hit = idx[position[idx] == pid]
        if not len(hit):
            raise KeyError((nip, pid))
        out[(nip, pid)] = int(hit[0])
    return out


def spread_units(r: Round) -> int:
    """Objective units one extra official leaving a unit costs."""
    return int(round(r.unit_spread_weight * UNIT))

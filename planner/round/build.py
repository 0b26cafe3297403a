"""The round as data: which pairs the solver may choose from and what each is worth.

This is the only place that turns rules and scenario controls into the solver's inputs:
the eligibility table filtered by bans, keeps, reserves and open selection, each pair's
objective coefficient, and the posts with their fill weights. It knows no solver.
"""
from __future__ import annotations


import numpy as np
import pandas as pd

from models.enums import EDUCATION_ORDER, RANK_ORDER
from models.schema import Finding
from planner.inputs.load import InputError, ScenarioData
from planner.rules.eligibility import (Eligibility, RuleContext, eligible_pairs, mapped, minimum_education_ord,
                                       minimum_rank_ord, restore_pairs, verdicts_for_pairs)
from planner.rules.pack import RulePack
from planner.rules.scenario_pack import round_controls
from models.schema import Weights
from models.terms import FIT_TERMS, PAIR_TERMS
from planner.round.problem import Round, spread_allowance  # noqa: F401 - re-exported
from planner.round.scoring import crosses_unit, pair_terms

JPT_KINDS = ("jpt_pratama", "jpt_madya")
FIT_COLUMNS = [f"term_{t}" for t in FIT_TERMS]
PAIRS_PER_PERSON = 10  # best targets kept per person, on top of each post's best candidates


# The pair columns the solver, the plan and the explanation read. A candidate's other facts
# stay in ``Eligibility.facts`` (one row per person) instead of being copied onto each of
# their pairs: on a province that copy was most of the run's memory.
ROUND_COLUMNS = ["nip", "from_position_id", "position_id", "move_type", "article", "open_selection", "same_rumpun",
                 "kind", "eselon", "grade", "unit", "rumpun", "nine_box",
                 "t_kind", "t_eselon", "t_jf_level", "t_grade", "t_rumpun", "t_class", "t_title", "t_unit",
                 "t_critical", "holder_nip", "vacant"]


def prepare_round(data: ScenarioData, pack: RulePack, elig: Eligibility,
                  candidates_per_post: int | None = None) -> Round:
    sc = data.scenario
    w = sc.weights
    posts = elig.targets.copy()
    posts["reserved"] = posts["position_id"].isin(sc.reserve)
    # Open selection fills VACANT JPT posts (KU 46 ayat (1) "lowong", SMD 41 ayat (1) "kosong");
    # an occupied one may be rotated (KRW Pasal 20 huruf b), but not reached by an open-selection route.
    posts["open_selection_route"] = posts["t_kind"].isin(JPT_KINDS) & bool(pack.value("jpt_open_selection")) \
        & (not sc.merit_exempt)
    posts["open_selection"] = posts["open_selection_route"] & posts["vacant"]
    posts["fill_weight"] = np.where(posts["t_critical"], w.fill_critical, w.fill)

    # A lock on a cross-rumpun pair the pruning left out puts it back (round_eligibility
    # keeps the scenario's own locks; this is for locks added later, e.g. in a session).
    restore_pairs(elig, pack, [(lk.nip, lk.position_id) for lk in sc.locks])
    pairs = _scored(elig.pairs, pack, sc.weights, data, columns=ROUND_COLUMNS, facts=elig.facts,
                    rumpun_months=elig.context.rumpun_months, by_runs=True)
    # Each text key factorised once (sorted: codes keep the keys' order) and every lookup,
    # filter and sort below done on the codes: factorising a key column of a few hundred
    # thousand pairs again for each lookup was most of the round's build time.
    nip_key, post_key, from_key = _Key(pairs["nip"]), _Key(pairs["position_id"]), _Key(pairs["from_position_id"])
    in_scope = posts.set_index("position_id")
    # Leaving a post in scope empties it: its fill weight is lost unless someone refills it.
    vacated = from_key.map(in_scope["fill_weight"]).fillna(0.0)
    pairs["term_fill"] = post_key.map(in_scope["fill_weight"])
    pairs["term_vacated"] = -vacated
    # Merit is staffing quality after the round minus before, each post's occupant counted
    # at the post's weight (level, critical): a holder who leaves takes their weighted fit
    # there with them. Without the subtraction any move would earn the mover's fit again and
    # officials would be shuffled for nothing; without the weights a promotion of the
    # strongest candidate would be worth no more than that of the weakest.
    weight_to = merit_weight(posts, w)
    pairs["term_level"] = (post_key.map(weight_to) - 1.0) * pairs["score"]
    fit_here = _fit_in_current_post(elig, pack, sc.weights, data)
    weight_from = from_key.map(weight_to).fillna(1.0)
    pairs["term_fit_left"] = -(nip_key.map(fit_here).fillna(0.0) * weight_from).where(vacated > 0, 0.0)
    pairs["term_shortfall"] = 0.0
    pairs["coef"] = pairs[[f"term_{t}" for t in PAIR_TERMS]].sum(axis=1)
    pairs["available"] = _available(pairs, fit_here)
    # Merit order: filling a post with someone more than ``comparable_merit`` below its
    # strongest available candidate costs per point, at the post's weight. The reference is
    # taken before the scenario's controls, so that a lock or ban changes no coefficient of
    # another pair (the interactive round re-solves on the same coefficients).
    pairs["term_shortfall"] = _shortfall(pairs, post_key, post_key.map(weight_to).to_numpy(dtype=float),
                                         w.shortfall, sc.comparable_merit)
    pairs["coef"] = pairs["coef"] + pairs["term_shortfall"]
    all_pairs = pairs

    banned = set(map(tuple, ((b.nip, b.position_id) for b in sc.bans)))
    keep = set(sc.keep)
    locks = [(lk.nip, lk.position_id) for lk in sc.locks]
    _check_locks(data, pack, pairs, locks, keep, posts, elig)

    closed = set(posts.loc[posts["reserved"] | posts["open_selection"], "position_id"])
    open_sel = pairs[post_key.isin(posts.loc[posts["open_selection"], "position_id"])]
    drop = _pair_in(pairs, banned).to_numpy() | nip_key.isin(keep) | post_key.isin(closed)
    # Into an occupied JPT post only a rotation: a JPT of the same eselon (KRW 20 huruf b "dalam
    # jenjang Jabatan dan eselon yang sama"); every other route into it is open selection.
    rotation = _same(pairs, "kind", "t_kind") & _same(pairs, "eselon", "t_eselon")
    drop |= ~rotation & post_key.isin(posts.loc[posts["open_selection_route"], "position_id"])
    alive = np.flatnonzero(~drop)
    nominees_pool = pairs[["nip", "position_id", "score", "available"]].take(alive).reset_index(drop=True)

    # Keep each post's best pairs and each person's best pairs (and every lock); the rest
    # would only slow the proof. Per-person keeps matter: pruning by post alone can drop a
    # person from the model entirely, so that a looser scenario plans worse. The count
    # pruned is reported, and a proof of optimality is a proof for the pruned model.
    locked = _pair_in(pairs, set(locks)).to_numpy()[alive]
    nip_code, post_code = nip_key.codes[alive], post_key.codes[alive]
    coef = pairs["coef"].to_numpy()[alive]
    post_rank = _rank_within(post_code, coef, nip_code)
    person_rank = _rank_within(nip_code, coef, post_code)
    limit = candidates_per_post if candidates_per_post is not None else len(alive) + 1
    keep_mask = (post_rank < limit) | (person_rank < PAIRS_PER_PERSON) | locked
    kept_rows = alive[keep_mask]
    pruned = len(alive) - len(kept_rows)

    kept_rows = _reachable_rows(kept_rows, nip_key, post_key, posts)
    # by post, then person; one copy of the pair table, here
    order = np.lexsort((nip_key.codes[kept_rows], post_key.codes[kept_rows]))
    kept = _take_pairs(pairs, kept_rows[order], nip_key, post_key)
    _check_locks_reachable(data, kept, posts, locks, keep)
    controls = round_controls(sc, pack)  # pack -> scenario: the values in force, with their source
    staffed = data.positions[data.positions["holder_nip"].notna()].groupby("unit").size()
    return Round(pairs=kept, posts=posts, locks=locks, keep=keep, ratio=int(controls["shortlist_ratio"]["value"]),
                 max_nominations=sc.max_nominations, unit_change_cap=controls["unit_change_cap_share"]["value"],
                 controls=controls, unit_staff={str(u): int(n) for u, n in staffed.items()},
                 unit_spread_weight=w.unit_spread, nomination_weight=w.nomination,
                 spread_share=float(pack.value("spread_share")), max_moved_share=sc.max_moved_share,
                 comparable_merit=sc.comparable_merit, strict_merit_order=sc.merit_order,
                 open_selection_pairs=open_sel, all_pairs=all_pairs, pruned=pruned, nominees_pool=nominees_pool,
                 sizes={"eligible_pairs": len(all_pairs), "model_pairs": len(kept), "pruned_pairs": pruned,
                        "posts_in_scope": len(posts), "candidates": int(kept["nip"].nunique()),
                        "rumpun_pruned_pairs": int(elig.rumpun_pruned_pairs)})


def round_eligibility(data: ScenarioData, pack: RulePack) -> Eligibility:
    """The eligibility the round is built from: every eligible pair, less the cross-rumpun
    pairs the planner's pruning leaves out (:func:`cross_rumpun_pruner`)."""
    return eligible_pairs(data, pack, prune=cross_rumpun_pruner(data, pack))


# The columns the fit terms read (planner.round.scoring.pair_terms), for scoring class rows.
_FIT_INPUTS = ["nip", "nine_box", "jpm", "tenure_months", "has_post", "move_type", "unit", "rank_ord",
               "education_ord", "leadership_training", "t_kind", "t_eselon", "t_min_rank_ord", "t_min_edu_ord",
               "innovation", "award_level", "performance", "sanction_records", "jpt_posts_held",
               "same_rumpun", "kind", "rumpun", "t_rumpun"]


def cross_rumpun_pruner(data: ScenarioData, pack: RulePack):
    """The round's pruning of cross-rumpun pairs where the pack weighs the rumpun (Karawang):
    a planner's setting, not a rule (``solver.cross_rumpun_per_post``, ``cross_rumpun_full_below``).

    Per class of m identical posts (the rules' unit; a candidate's Nilai is the same for
    every post of a class), the cross-rumpun candidates are all kept while the class has
    fewer than ``cross_rumpun_full_below`` + m other candidates (distinct people; a post's
    holder is no candidate for it, so every post of such a class keeps every candidate it
    would have unpruned whenever it has fewer than ``cross_rumpun_full_below`` others);
    otherwise the best ``cross_rumpun_per_post`` + m - 1 of them by Nilai, the rumpun term
    included (ties: lowest NIP). Every same-rumpun pair and every other route is kept, so
    the round holds every pair the barring reading would hold, and more; the locks are
    kept by ``eligible_pairs``. None: no pruning (``cross_rumpun_per_post: null``)."""
    settings = data.scenario.solver
    per_post, full_below = settings.cross_rumpun_per_post, settings.cross_rumpun_full_below
    if per_post is None:
        return None
    weights = data.scenario.weights

    def prune(frame: pd.DataFrame, weighed: np.ndarray, in_class: np.ndarray, ctx: RuleContext) -> np.ndarray:
        cls, _ = pd.factorize(frame["t_class"])
        n = int(cls.max()) + 1 if len(cls) else 0
        # Other candidates of the class (distinct people; a person may reach a class by two
        # move rows). A post's holder is no candidate for it: one more is asked of the class.
        nip_code, _ = pd.factorize(frame["nip"], sort=True)
        other = np.unique(cls[~weighed].astype(np.int64) * (int(nip_code.max()) + 1) + nip_code[~weighed])
        others = np.bincount(other // (int(nip_code.max()) + 1), minlength=n)
        full = others[cls] < full_below + in_class
        rows = np.flatnonzero(weighed & ~full)
        keep = weighed & full
        if len(rows):
            cols = [c for c in _FIT_INPUTS if c in frame.columns]
            sub = frame[cols].take(rows).reset_index(drop=True)
            sub["t_unit"] = sub["unit"]  # the tour-of-area term is no part of the Nilai
            score = _scored(sub, pack, weights, data, rumpun_months=ctx.rumpun_months)["score"].to_numpy()
            rank = _rank_within(cls[rows], score, nip_code[rows])
            keep[rows] = rank < per_post + in_class[rows] - 1
        return keep

    return prune


def merit_weight(posts: pd.DataFrame, w: Weights) -> pd.Series:
    """Each post's merit weight: its eselon's weight (Weights.level), times ``critical_merit`` if critical."""
    level = {str(k): v for k, v in {**Weights().level, **w.level}.items()}
    base = posts["t_eselon"].map(lambda e: level.get(str(e), 1.0)).astype(float)
    return pd.Series(np.where(posts["t_critical"].astype(bool), base * w.critical_merit, base).astype(float),
                     index=posts["position_id"].to_numpy())


def _available(pairs: pd.DataFrame, fit_here: pd.Series) -> pd.Series:
    """Whether moving the person to the post would serve a purpose of its own.

    A promotion (vertical, diagonal), the move of someone who holds no post in the round's
    scope, or a sideways move that pays for itself apart from the filling: the official's
    weighted fit gained there, with the purpose terms, outweighs the cost of a move. Any
    other sideways move only carries a vacancy from one post to another, which someone else
    must then fill (being past the tour-of-duty limit decides between candidates; it does
    not move someone by itself): such a
    candidate is shown to the committee among those passed over (reason ``equal_post``),
    and nominated as an alternate only when a 1:3 list cannot be made up otherwise.
    """
    sideways = (pairs["move_type"].to_numpy() == "horizontal") & pairs["nip"].isin(fit_here.index).to_numpy()
    pays = pairs["coef"] - pairs["term_fill"] - pairs["term_vacated"] > 0
    return ~sideways | pays


def _shortfall(pairs: pd.DataFrame, post_key: "_Key", weight: np.ndarray, per_point: float,
               margin: float) -> np.ndarray:
    """Per pair: −``per_point`` × the post's weight × the points by which the pair's score falls
    more than ``margin`` below the strongest available candidate of the post (0 if none).

    Every candidate of a post below that strongest one pays it, so between two of them the
    stronger wins by ``per_point`` × weight per point on top of the merit terms, whoever else
    the round moves; a post is never left empty for it (at most 1 × 5,25 × 105 points,
    below a post filled)."""
    score = pairs["score"].to_numpy(dtype=float)
    if per_point <= 0 or not len(score):
        return np.zeros(len(score))
    available = pairs["available"].to_numpy(dtype=bool)
    best = np.full(int(post_key.codes.max()) + 1, -np.inf)
    np.maximum.at(best, post_key.codes[available], score[available])
    gap = np.maximum(0.0, best[post_key.codes] - margin - score)
    return -per_point * weight * np.where(np.isfinite(gap), gap, 0.0)


def _rank_within(group: np.ndarray, coef: np.ndarray, tie: np.ndarray) -> np.ndarray:
    """0 for the best pair of each group (highest coefficient, then lowest ``tie``), 1 for the next...

    Sorted on integer codes of the text keys (their order kept): sorting the text itself
    was most of the round's build time."""
    order = np.lexsort((tie, -coef, group))
    sorted_group = group[order]
    start = np.r_[0, np.flatnonzero(sorted_group[1:] != sorted_group[:-1]) + 1] if len(order) else order
    first = np.repeat(start, np.diff(np.r_[start, len(order)]))
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order)) - first
    return rank


# Columns of the pair table that are facts of the person (Eligibility.facts) or of the post
# (Eligibility.targets), the same on every pair of that person or post.
PERSON_COLUMNS = {"nip", "from_position_id", "kind", "eselon", "grade", "unit", "rumpun", "nine_box"}
POST_COLUMNS = {"position_id", "t_kind", "t_eselon", "t_jf_level", "t_grade", "t_rumpun", "t_class", "t_title",
                "t_unit", "t_critical", "holder_nip", "vacant"}


def _take_pairs(pairs: pd.DataFrame, rows: np.ndarray, nip_key: "_Key", post_key: "_Key") -> pd.DataFrame:
    """``pairs.take(rows)`` with a RangeIndex, the same frame.

    ``rows`` orders the pairs by post, so a plain take reads every column at random over a
    few hundred thousand rows; a person's or a post's column is instead taken from one row
    per person or post (a table that stays in cache), measured 2-3 times cheaper."""
    columns = {}
    for key, same in ((nip_key, PERSON_COLUMNS), (post_key, POST_COLUMNS)):
        first = np.empty(len(key.uniques), dtype=np.int64)
        first[key.codes[::-1]] = np.arange(len(key.codes) - 1, -1, -1)  # the first row of each code
        of_row = key.codes[rows]
        for c in same & set(pairs.columns):
            columns[c] = pairs[c].take(first).take(of_row).reset_index(drop=True)
    for c in pairs.columns:
        if c not in columns:
            columns[c] = pairs[c].take(rows).reset_index(drop=True)
    return pd.DataFrame({c: columns[c] for c in pairs.columns}, copy=False)  # no second copy of the columns


def _same(pairs: pd.DataFrame, a: str, b: str) -> np.ndarray:
    """``pairs[a] == pairs[b]`` on the numpy arrays (pandas' text comparison costs several times as much)."""
    return np.asarray(pairs[a].to_numpy() == pairs[b].to_numpy(), dtype=bool)


def _pair_in(pairs: pd.DataFrame, wanted: set[tuple[str, str]]) -> pd.Series:
    """Which rows are one of the (nip, position_id) pairs in ``wanted``, without a Python loop over rows."""
    if not wanted:
        return pd.Series(False, index=pairs.index)
    keys = pd.MultiIndex.from_arrays([pairs["nip"], pairs["position_id"]])
    return pd.Series(keys.isin(list(wanted)), index=pairs.index)


class _Key:
    """A text key column of the pairs as sorted integer codes, for lookups, filters and sorts."""

    def __init__(self, values: pd.Series) -> None:
        self.index = values.index
        # numpy's object array: factorising pandas' text array costs nearly twice as much
        self.codes, self.uniques = pd.factorize(values.to_numpy(), sort=True)
        self.uniques = pd.Index(self.uniques)

    def map(self, mapping) -> pd.Series:
        """``values.map(mapping)`` as float, looked up once per distinct value (as ``mapped``)."""
        looked_up = pd.Series(self.uniques).map(mapping).to_numpy(dtype="float64")
        out = looked_up[np.maximum(self.codes, 0)] if len(self.uniques) else np.full(len(self.codes), np.nan)
        return pd.Series(np.where(self.codes >= 0, out, np.nan), index=self.index)

    def isin(self, values) -> np.ndarray:
        wanted = np.asarray(self.uniques.isin(list(values)), dtype=bool)
        return wanted[self.codes] & (self.codes >= 0) if len(wanted) else np.zeros(len(self.codes), dtype=bool)

    def code_of(self, values: pd.Series) -> np.ndarray:
        """The code of each value, -1 for a value no pair has (or a missing one)."""
        return np.asarray(self.uniques.get_indexer(values), dtype=np.int64)


def _fit_in_current_post(elig: Eligibility, pack: RulePack, weights, data: ScenarioData) -> pd.Series:
    """Each structural holder's fit (nine-box, JPM, merit) in the post they hold now."""
    f = elig.facts[elig.facts["has_post"] & elig.facts["structural"]]
    pos = data.positions.set_index("position_id")
    here = f.assign(
        t_kind=f["kind"], t_eselon=f["eselon"], t_unit=f["unit"], move_type="none",
        t_min_rank_ord=f["position_id"].map(pos["min_rank"]).map(RANK_ORDER),
        t_min_edu_ord=f["position_id"].map(pos["min_education"]).map(EDUCATION_ORDER))
    scored = _scored(here, pack, weights, data)
    return scored[[f"term_{t}" for t in FIT_TERMS]].sum(axis=1)


def _scored(pairs: pd.DataFrame, pack: RulePack, weights, data: ScenarioData,
            columns: list[str] | None = None, facts: pd.DataFrame | None = None,
            rumpun_months: pd.Series | None = None, by_runs: bool = False) -> pd.DataFrame:
    """``pairs`` (only ``columns`` of it, if given) with each fit term and the score.

    ``facts`` (the eligibility facts, one row per person) supply what a pair does not carry;
    ``rumpun_months`` (``RuleContext.rumpun_months``) the months each person served in a rumpun.
    ``by_runs``: the terms computed once per run of alike pairs (:func:`_runs`) and spread over it."""
    scored, run = pairs, None
    if by_runs:
        head, run = _runs(pairs)
        scored = pairs[[c for c in (*_FIT_INPUTS, "t_unit") if c in pairs.columns]].take(head)
    min_rank, min_edu = minimum_rank_ord(pack, scored), minimum_education_ord(pack, scored)
    if "jpt_posts_held" in scored:
        held = scored["jpt_posts_held"]
    else:
        held = mapped(scored["nip"], facts["jpt_posts_held"]) if facts is not None else None
    terms = pair_terms(scored, weights, overdue_months=float(pack.value("overdue_years")) * 12,
                       min_rank_ord=min_rank, min_edu_ord=min_edu,
                       discipline_weighed=not bool(pack.value("discipline_bars_move")), pack=pack,
                       jpt_posts_held=held, rumpun_months=rumpun_months)
    if run is not None:
        terms = pd.DataFrame({t: terms[t].to_numpy()[run] for t in terms.columns}, index=pairs.index)
    kept = pairs if columns is None else pairs[[c for c in columns if c in pairs.columns]]
    out = kept.join(terms.add_prefix("term_"))
    out["score"] = terms[list(FIT_TERMS)].sum(axis=1)  # merit (Nilai): the move terms are apart
    return out


# What a pair's fit terms read (planner.round.scoring.pair_terms): the person's facts, the
# class of identical posts (the rules' unit: kind, eselon, minimum rank and education,
# rumpun), the move, and whether a sideways move crosses units.
_RUN_KEY = ["nip", "t_class", "move_type", "same_rumpun"]


def _runs(pairs: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The first row of each run of consecutive pairs alike in :data:`_RUN_KEY` and in
    :func:`crosses_unit`, and the run of each pair.

    The eligibility table holds a person's pairs into the posts of one class side by side
    (rules run per class, then expand to posts): on a kabupaten a tenth as many runs as
    pairs, so the fit terms are computed once per run instead of once per pair. A table in
    another order only has more runs; the terms are the same."""
    if not len(pairs):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    differs = np.zeros(len(pairs) - 1, dtype=bool)
    for values in [*(pairs[c].to_numpy() for c in _RUN_KEY), crosses_unit(pairs)]:
        differs |= values[1:] != values[:-1]
    starts = np.r_[True, differs]
    return np.flatnonzero(starts), np.cumsum(starts) - 1


def _drop_unreachable(pairs: pd.DataFrame, posts: pd.DataFrame) -> pd.DataFrame:
    """An occupied post can be taken only if its holder can move somewhere: repeat to a fixpoint."""
    rows = _reachable_rows(np.arange(len(pairs)), _Key(pairs["nip"]), _Key(pairs["position_id"]), posts)
    return pairs if len(rows) == len(pairs) else pairs.take(rows)


def _reachable_rows(rows: np.ndarray, nip_key: "_Key", post_key: "_Key", posts: pd.DataFrame) -> np.ndarray:
    """:func:`_drop_unreachable` on pair row numbers ``rows`` (their order kept): the rows left."""
    occupied = posts.loc[~posts["vacant"], ["position_id", "holder_nip"]]
    holder_code = nip_key.code_of(occupied["holder_nip"])  # -1: the holder has no pair at all
    occupied_code = post_key.code_of(occupied["position_id"])
    n_people = len(nip_key.uniques)
    while True:
        present = np.zeros(n_people + 1, dtype=bool)  # the last slot stands for "no pair"
        present[nip_key.codes[rows]] = True
        blocked_posts = occupied_code[~present[holder_code] & (occupied_code >= 0)]
        if not len(blocked_posts):
            return rows
        blocked = np.zeros(len(post_key.uniques), dtype=bool)
        blocked[blocked_posts] = True
        mask = blocked[post_key.codes[rows]]
        if not mask.any():
            return rows
        rows = rows[~mask]


def _check_locks_reachable(data: ScenarioData, pairs: pd.DataFrame, posts: pd.DataFrame,
                           locks: list[tuple[str, str]], keep: set[str]) -> None:
    """A lock into a held post needs its holder to leave: say so when the holder cannot."""
    present = set(zip(pairs["nip"], pairs["position_id"])) if locks else set()
    holder = posts.set_index("position_id")["holder_nip"]
    keep_index = {n: i for i, n in enumerate(data.scenario.keep)}
    findings = []
    for i, (nip, pid) in enumerate(locks):
        if (nip, pid) in present:
            continue
        h = holder.get(pid)
        if isinstance(h, str) and h in keep:
            why = (f"pemegang jabatan {pid} ({h}) tetap di jabatannya (keep.{keep_index[h]}), "
                   f"jadi jabatan itu tidak kosong")
        elif isinstance(h, str):
            why = (f"pemegang jabatan {pid} ({h}) tidak dapat berpindah ke jabatan lain yang memenuhi syarat "
                   f"dalam putaran ini, jadi jabatan itu tidak kosong")
        else:
            why = "jabatan tidak dapat diisi dalam putaran ini"
        findings.append(Finding(severity="error", file=data.path.name, column=f"locks.{i}", value=f"{nip} → {pid}",
                                message=f"penguncian tidak dapat dipenuhi: {why}"))
    if findings:
        raise InputError(findings)


def _check_locks(data: ScenarioData, pack: RulePack, pairs: pd.DataFrame, locks, keep, posts,
                 elig: Eligibility | None = None) -> None:
    """A lock must be an eligible pair: otherwise say which rules it breaks, before solving."""
    findings = []
    file = data.path.name
    lock_rows = pairs[_pair_in(pairs, set(locks))]
    eligible = set(zip(lock_rows["nip"], lock_rows["position_id"]))
    bad = [(i, n, p) for i, (n, p) in enumerate(locks) if (n, p) not in eligible]
    if bad:
        req = pd.DataFrame([(n, p) for _, n, p in bad], columns=["nip", "position_id"])
        checks = verdicts_for_pairs(data, pack, req, elig=elig)
        failed = checks[~checks["passed"]]
        for i, n, p in bad:
            mine = failed[(failed["nip"] == n) & (failed["position_id"] == p)]
            if (n, p) not in set(zip(checks["nip"], checks["position_id"])):
                why = "tidak ada jalur mutasi untuk pasangan ini dalam paket aturan, atau jabatan di luar cakupan putaran"
            elif mine.empty:
                why = "tidak memenuhi syarat"
            else:
                why = "; ".join(f"{r.label}: {r.detail} ({r.article})" for r in mine.itertuples())
            findings.append(Finding(severity="error", file=file, column=f"locks.{i}", value=f"{n} → {p}",
                                    message=f"penguncian melanggar aturan: {why}"))
    for i, (n, p) in enumerate(locks):
        if n in keep:
            findings.append(Finding(severity="error", file=file, column=f"locks.{i}", value=n,
                                    message="NIP yang sama juga ada di keep (tetap di jabatan)"))
        if p in set(posts.loc[posts["open_selection"], "position_id"]):
            findings.append(Finding(severity="error", file=file, column=f"locks.{i}", value=p,
                                    message="JPT diisi melalui seleksi terbuka (tanpa pengecualian sistem merit); "
                                    "planner hanya mengusulkan daftar calon"))
        if p in set(data.scenario.reserve):
            findings.append(Finding(severity="error", file=file, column=f"locks.{i}", value=p,
                                    message="jabatan yang sama dicadangkan (reserve) untuk seleksi terbuka"))
    if findings:
        raise InputError(findings)

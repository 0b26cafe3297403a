"""From a solved round to a :class:`models.plan.Plan` and the rule verdicts behind its nominees."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from models.labels import MERIT_ORDER_UNSERVED
from models.plan import NomineeFacts, PassedOver, Plan, TenureDue
from models.schema import SolverSettings
from planner.inputs.data import ScenarioData
from planner.plan.accounting import empty_posts, greedy_summary, kpis, objective_terms
from planner.plan.extract import moves_from, open_selection_shortlist, shortlist_from, unfilled_from
from planner.plan.facts import nominee_facts
from planner.plan.passed_over import passed_over
from planner.round.problem import Round
from planner.rules.eligibility import Eligibility, exclusion_counts, verdicts_for_pairs
from planner.rules.pack import RulePack
from planner.rules.tenure import past_tenure_max
from planner.solve.strategy import SolveResult


@dataclass
class AssembledPlan:
    plan: Plan
    checks: pd.DataFrame | None  # every applicable rule verdict behind every nominee (checks.csv)
    # With ``defer_checks``: checks is None and this computes it (nominee_checks), once asked.
    later: Callable[[], pd.DataFrame] | None = None


@dataclass
class Reuse:
    """What assembling a plan computed that does not depend on the round's controls or on
    the chosen pairs, kept for the next plan of the same eligibility and rule pack (the
    interactive session re-assembles a plan after every change).

    The verdicts behind a (nip, post) pair, a pair's nominee facts and a post's exclusion
    counts are read from the eligibility only (``verdicts_for_pairs``, ``nominee_facts`` and
    ``exclusion_counts`` with ``elig``), so a value kept is the value a cold plan computes.
    """

    elig: Eligibility
    pack: RulePack
    checks: pd.DataFrame | None = None  # applicable verdicts of every pair asked so far, with a _pair key
    checked: set[tuple[str, str]] = field(default_factory=set)
    facts: dict[tuple[str, str], NomineeFacts] = field(default_factory=dict)
    exclusions: dict[str, dict[str, int]] = field(default_factory=dict)
    # Passed-over rows by their fields: not a function of the eligibility alone, so only an
    # identical row is shared (planner.plan.passed_over computes every row's fields anew).
    passed_over: dict[tuple, PassedOver] = field(default_factory=dict)
    tenure_due: list[dict] | None = None  # past_tenure_max of the eligibility's facts and targets
    eligible: tuple[pd.DataFrame, dict[str, int]] | None = None  # (all_pairs, eligible people per post)
    paths: dict[tuple[str, str], tuple] | None = None  # every eligible pair's (move type, article, same_rumpun)

    def fits(self, elig: Eligibility, pack: RulePack) -> bool:
        return self.elig is elig and self.pack is pack


def assemble_plan(data: ScenarioData, pack: RulePack, elig: Eligibility, r: Round, result: SolveResult,
                  greedy: np.ndarray, settings: SolverSettings, timings: dict[str, float],
                  reuse: Reuse | None = None, defer_checks: bool = False) -> AssembledPlan:
    """The plan of a solved round: moves with chains, shortlists, vacancies with reasons,
    accounting, and the verdicts of every nominee (eligibility reused, not recomputed).

    With ``reuse`` (of this ``elig`` and ``pack``), verdicts, nominee facts and exclusion
    counts already computed for an earlier plan are taken from it, and what is computed
    now is added to it; the plan is the same either way. ``defer_checks``: the verdicts are
    left to ``AssembledPlan.later``, for a caller that shows them only on request (the plan
    does not depend on them)."""
    if reuse is not None and not reuse.fits(elig, pack):
        reuse = None
    sc = data.scenario
    chosen = result.chosen
    moves = moves_from(r, chosen, elig.facts, data.positions)
    shortlist = shortlist_from(result.nominees, elig.facts) + open_selection_shortlist(r, elig.facts)
    empty_ids = empty_posts(r, chosen)
    exclusions = _exclusions(data, pack, elig, empty_ids, reuse)
    unfilled = unfilled_from(r, chosen, exclusions, eligible=_eligible(r, reuse))
    pairs = [(n.nip, n.position_id) for n in shortlist]
    later = None
    if defer_checks:
        checks, later = None, (lambda: nominee_checks(data, pack, elig, pairs, reuse))
    else:
        checks = nominee_checks(data, pack, elig, pairs, reuse)

    picked = r.pairs[chosen]
    plan = Plan(
        scenario=sc.model_dump(mode="json"), scenario_path=str(data.path), rule_pack=pack.name,
        solver=settings.model_dump(mode="json"),
        status=result.status, objective=round(result.objective, 3), bound=round(result.bound, 3),
        gap=round(result.gap, 6), objective_terms=objective_terms(r, chosen, result.nominees),
        weights=sc.weights.model_dump(),
        timings={k: round(v, 3) for k, v in timings.items()}, sizes=r.sizes, input_hashes=data.input_hashes,
        kpis=kpis(r, chosen, moves, unfilled), moves=moves, shortlist=shortlist, unfilled=unfilled,
        nominee_facts=_nominee_facts(shortlist, pairs, elig, pack, data, reuse),
        vacated_outside_scope=sorted(set(picked["from_position_id"].dropna()) - set(r.posts["position_id"])),
        passed_over=passed_over(r, chosen, sc, elig.facts, data.positions,
                                made=reuse.passed_over if reuse is not None else None),
        greedy=greedy_summary(r, greedy, chosen),
        interrupted=result.interrupted, method=result.method,
        messages=[str(w) for w in data.warnings] + _round_size_messages(r, chosen) + _merit_order_messages(r, result),
        controls=r.controls, past_tenure_max=_past_tenure_max(elig, pack, picked, reuse),
    )
    return AssembledPlan(plan=plan, checks=checks, later=later)


def _exclusions(data: ScenarioData, pack: RulePack, elig: Eligibility, empty_ids: list[str],
                reuse: Reuse | None) -> dict[str, dict[str, int]]:
    if reuse is None:
        return exclusion_counts(data, pack, empty_ids, elig=elig) if empty_ids else {}
    missing = [p for p in empty_ids if p not in reuse.exclusions]
    if missing:
        reuse.exclusions.update(exclusion_counts(data, pack, missing, elig=elig))
    return {p: reuse.exclusions[p] for p in empty_ids if p in reuse.exclusions}


def _applicable(checks: pd.DataFrame) -> pd.DataFrame:
    return checks.loc[checks["applies"].astype(bool)].drop(columns=["applies"])


def nominee_checks(data: ScenarioData, pack: RulePack, elig: Eligibility, pairs: list[tuple[str, str]],
                   reuse: Reuse | None = None) -> pd.DataFrame:
    """The applicable verdicts behind the nominee pairs, ordered by post, then person."""
    if reuse is None:
        frame = pd.DataFrame(pairs, columns=["nip", "position_id"])
        return _applicable(verdicts_for_pairs(data, pack, frame, elig=elig))
    missing = list(dict.fromkeys(p for p in pairs if p not in reuse.checked))
    if missing:
        new = _applicable(verdicts_for_pairs(data, pack, pd.DataFrame(missing, columns=["nip", "position_id"]),
                                             elig=elig))
        new = new.assign(_pair=(new["nip"].astype(object) + "\t" + new["position_id"].astype(object)).to_numpy())
        if len(new):
            reuse.checks = new if reuse.checks is None else pd.concat([reuse.checks, new], ignore_index=True)
        reuse.checked.update(missing)
    if reuse.checks is None:
        return _applicable(verdicts_for_pairs(data, pack, pd.DataFrame(columns=["nip", "position_id"]), elig=elig))
    wanted = reuse.checks["_pair"].isin({f"{n}\t{p}" for n, p in pairs}).to_numpy()
    # verdicts_for_pairs orders by post, then person, stably: each pair's rows keep the order
    # of the rules, wherever the pair was computed.
    out = reuse.checks.loc[wanted].drop(columns=["_pair"])
    return out.sort_values(["position_id", "nip"], kind="stable").reset_index(drop=True)


def _nominee_facts(shortlist, pairs: list[tuple[str, str]], elig: Eligibility, pack: RulePack,
                   data: ScenarioData, reuse: Reuse | None) -> list[NomineeFacts]:
    if reuse is None:
        return nominee_facts(shortlist, elig, pack, data)
    missing = list(dict.fromkeys(p for p in pairs if p not in reuse.facts))
    if missing:
        if reuse.paths is None:
            p = elig.pairs
            reuse.paths = dict(zip(zip(p["nip"].tolist(), p["position_id"].tolist()),
                                   zip(p["move_type"].tolist(), p["article"].tolist(), p["same_rumpun"].tolist())))
        reuse.facts.update(zip(missing, nominee_facts(missing, elig, pack, data, paths=reuse.paths)))
    return [reuse.facts[p] for p in pairs]


def _past_tenure_max(elig: Eligibility, pack: RulePack, picked: pd.DataFrame,
                     reuse: Reuse | None = None) -> list[TenureDue]:
    """Holders of the round's posts past ``tenure_max_years``, marked when the plan moves them."""
    due = reuse.tenure_due if reuse is not None else None
    if due is None:
        due = past_tenure_max(elig.facts, elig.targets, pack).to_dict("records")
        if reuse is not None:
            reuse.tenure_due = due
    moved = set(picked["nip"])
    return [TenureDue(**row, moved=row["nip"] in moved) for row in due]


def _eligible(r: Round, reuse: Reuse | None) -> dict[str, int] | None:
    """Eligible people per post: every round of a session shares its all_pairs."""
    if reuse is None:
        return None
    if reuse.eligible is None or reuse.eligible[0] is not r.all_pairs:
        reuse.eligible = (r.all_pairs, r.all_pairs.groupby("position_id")["nip"].nunique().to_dict())
    return reuse.eligible[1]


def _merit_order_messages(r: Round, result) -> list[str]:
    """Say so when the strict merit order yields to the rules or the filling of posts."""
    if not r.strict_merit_order or not result.merit_breaches:
        return []
    return [MERIT_ORDER_UNSERVED.format(n=result.merit_breaches)]


def _round_size_messages(r: Round, chosen: np.ndarray) -> list[str]:
    """Say so when the round-size cap decided the plan: the committee should know."""
    cap = r.max_officials_moved
    moved = int(r.pairs.loc[chosen, "nip"].isin(set(r.officials)).sum())
    if cap is None or moved < cap:
        return []
    return [f"Batas ukuran putaran tercapai: {moved} dari {len(r.officials)} pejabat struktural dimutasi "
            f"(max_moved_share {r.max_moved_share}); usulan lain yang bernilai tidak dibuat karena batas ini."]

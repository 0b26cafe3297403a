"""From a solved round to a :class:`models.plan.Plan` and the rule verdicts behind its nominees."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from models.plan import Plan
from models.schema import SolverSettings
from planner.inputs.data import ScenarioData
from planner.plan.accounting import empty_posts, greedy_summary, kpis, objective_terms
from planner.plan.extract import moves_from, open_selection_shortlist, shortlist_from, unfilled_from
from planner.plan.passed_over import passed_over
from planner.round.problem import Round
from planner.rules.eligibility import Eligibility, exclusion_counts, verdicts_for_pairs
from planner.rules.pack import RulePack
from planner.solve.strategy import SolveResult


@dataclass
class AssembledPlan:
    plan: Plan
    checks: pd.DataFrame  # every applicable rule verdict behind every nominee (checks.csv)


def assemble_plan(data: ScenarioData, pack: RulePack, elig: Eligibility, r: Round, result: SolveResult,
                  greedy: np.ndarray, settings: SolverSettings, timings: dict[str, float]) -> AssembledPlan:
    """The plan of a solved round: moves with chains, shortlists, vacancies with reasons,
    accounting, and the verdicts of every nominee (eligibility reused, not recomputed)."""
    sc = data.scenario
    chosen = result.chosen
    moves = moves_from(r, chosen, elig.facts, data.positions)
    shortlist = shortlist_from(result.nominees, elig.facts) + open_selection_shortlist(r, elig.facts)
    empty_ids = empty_posts(r, chosen)
    exclusions = exclusion_counts(data, pack, empty_ids, elig=elig) if empty_ids else {}
    unfilled = unfilled_from(r, chosen, exclusions)
    nominee_pairs = pd.DataFrame([(n.nip, n.position_id) for n in shortlist], columns=["nip", "position_id"])
    checks = verdicts_for_pairs(data, pack, nominee_pairs, elig=elig)
    checks = checks.loc[checks["applies"].astype(bool)].drop(columns=["applies"])

    picked = r.pairs[chosen]
    plan = Plan(
        scenario=sc.model_dump(mode="json"), scenario_path=str(data.path), rule_pack=pack.name,
        solver=settings.model_dump(mode="json"),
        status=result.status, objective=round(result.objective, 3), bound=round(result.bound, 3),
        gap=round(result.gap, 6), objective_terms=objective_terms(r, chosen, result.nominees),
        weights=sc.weights.model_dump(),
        timings={k: round(v, 3) for k, v in timings.items()}, sizes=r.sizes, input_hashes=data.input_hashes,
        kpis=kpis(r, chosen, moves, unfilled), moves=moves, shortlist=shortlist, unfilled=unfilled,
        vacated_outside_scope=sorted(set(picked["from_position_id"].dropna()) - set(r.posts["position_id"])),
        passed_over=passed_over(r, chosen, sc, elig.facts, data.positions),
        greedy=greedy_summary(r, greedy, chosen),
        interrupted=result.interrupted, method=result.method,
        messages=[str(w) for w in data.warnings] + _round_size_messages(r, chosen),
    )
    return AssembledPlan(plan=plan, checks=checks)


def _round_size_messages(r: Round, chosen: np.ndarray) -> list[str]:
    """Say so when the round-size cap decided the plan: the committee should know."""
    cap = r.max_officials_moved
    moved = int(r.pairs.loc[chosen, "nip"].isin(set(r.officials)).sum())
    if cap is None or moved < cap:
        return []
    return [f"Batas ukuran putaran tercapai: {moved} dari {len(r.officials)} pejabat struktural dimutasi "
            f"(max_moved_share {r.max_moved_share}); usulan lain yang bernilai tidak dibuat karena batas ini."]

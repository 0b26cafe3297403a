"""The library API a notebook or the CLI calls: plan a round, end to end.

load → eligibility → round (bans, keeps, scores) → CP-SAT model → solve → plan → run folder.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from models.plan import Plan
from models.schema import Finding
from planner.plan.extract import moves_from, open_selection_shortlist, shortlist_from, unfilled_from
from planner.solve.greedy import greedy_plan
from planner.inputs.load import InputError, ScenarioData, load_valid
from planner.round.build import EXTRA_TERMS, TERMS, Round, prepare_round, spread_allowance
from planner.rules.eligibility import eligible_pairs, exclusion_counts, verdicts_for_pairs
from planner.rules.pack import RulePack, load_rule_pack
from planner.plan.runfolder import new_run_dir, write_run
from planner.solve.strategy import solve

Reporter = Callable[[str], None]


def rule_pack_for(data: ScenarioData) -> RulePack:
    sc = data.scenario
    try:
        return load_rule_pack(sc.rule_pack, sc.parameters or None)
    except ValueError as exc:
        raise InputError([Finding(severity="error", file=data.path.name, column="rule_pack/parameters",
                                  value=sc.rule_pack, message=str(exc))]) from None


def plan_value(r: Round, chosen: np.ndarray) -> float:
    """The plan's value without the shortlist-quality term: comparable between methods."""
    picked = r.pairs[chosen]
    value = float(picked["coef"].sum())
    if r.unit_spread_weight > 0 and len(picked):
        unit_of = r.posts.set_index("position_id")["t_unit"]
        size = r.posts.groupby("t_unit").size()
        leaving = picked["from_position_id"].map(unit_of).dropna().value_counts()
        for unit, k in leaving.items():
            value -= r.unit_spread_weight * max(0, k - spread_allowance(size.get(unit, 1), r.spread_share))
    return value


def plan_round(scenario: str | Path, *, out: Path | None = None, time_limit: float | None = None,
               workers: int | None = None, seed: int | None = None, report: Reporter | None = None,
               write: bool = True, extra_locks: list[tuple[str, str]] | None = None) -> tuple[Plan, Path | None]:
    """Plan the round of ``scenario``; write a new run folder unless ``write`` is False.

    ``extra_locks`` adds (nip, position_id) locks on top of the scenario's: the
    counterfactual "what if this person took this post" of an explanation.
    """
    say = report or (lambda s: None)
    t = {}
    t0 = time.perf_counter()
    data = load_valid(scenario)
    if extra_locks:
        from models.schema import Assignment

        data.scenario = data.scenario.model_copy(update={"locks": [
            *data.scenario.locks, *(Assignment(nip=n, position_id=p) for n, p in extra_locks)]})
    sc = data.scenario
    settings = sc.solver.model_copy(update={k: v for k, v in
                                            {"time_limit_s": time_limit, "workers": workers, "seed": seed}.items()
                                            if v is not None})
    pack = rule_pack_for(data)
    t["load"] = time.perf_counter() - t0

    t1 = time.perf_counter()
    elig = eligible_pairs(data, pack)
    t["eligibility"] = time.perf_counter() - t1

    t2 = time.perf_counter()
    r = prepare_round(data, pack, elig, candidates_per_post=settings.candidates_per_post)
    t["build"] = time.perf_counter() - t2
    say(f"Model: {r.sizes['model_pairs']:,} pasangan (dari {r.sizes['eligible_pairs']:,} yang memenuhi syarat), "
        f"{r.sizes['candidates']:,} kandidat, {r.sizes['posts_in_scope']:,} jabatan")

    t3 = time.perf_counter()
    greedy = greedy_plan(r).to_numpy()
    t["greedy"] = time.perf_counter() - t3
    t4 = time.perf_counter()
    result = solve(r, settings, report=say, hint=greedy, lp_first=settings.method == "auto")
    t["solve"] = time.perf_counter() - t4
    if result.chosen is None or result.objective is None:
        raise InputError(_infeasible_findings(data, result))

    t5 = time.perf_counter()
    chosen = result.chosen
    moves = moves_from(r, chosen, elig.facts, data.positions)
    shortlist = shortlist_from(result.nominees, elig.facts) + open_selection_shortlist(r, elig.facts)
    empty_ids = _empty_posts(r, chosen)
    exclusions = exclusion_counts(data, pack, empty_ids, elig=elig) if empty_ids else {}
    unfilled = unfilled_from(r, chosen, exclusions)
    nominee_pairs = pd.DataFrame([(n.nip, n.position_id) for n in shortlist], columns=["nip", "position_id"])
    checks = verdicts_for_pairs(data, pack, nominee_pairs, elig=elig)
    checks = checks.loc[checks["applies"].astype(bool)].drop(columns=["applies"])
    t["explain"] = time.perf_counter() - t5

    picked = r.pairs[chosen]
    terms = {t: round(float(picked[f"term_{t}"].sum()), 2) for t in (*TERMS, *EXTRA_TERMS)}
    terms["unit_spread"] = round(plan_value(r, chosen) - float(picked["coef"].sum()), 2)
    terms["nomination"] = round(float(result.nominees.loc[~result.nominees["chosen"].astype(bool), "score"].sum()
                                      * r.nomination_weight), 2)
    greedy_value = plan_value(r, greedy)
    plan = Plan(
        scenario=sc.model_dump(mode="json"), scenario_path=str(data.path), rule_pack=pack.name,
        solver=settings.model_dump(mode="json"),
        status=result.status, objective=round(result.objective, 3), bound=round(result.bound, 3),
        gap=round(result.gap, 6), objective_terms=terms, weights=sc.weights.model_dump(),
        timings={k: round(v, 3) for k, v in t.items()}, sizes=r.sizes, input_hashes=data.input_hashes,
        kpis=kpis(r, chosen, elig.facts, moves, unfilled), moves=moves, shortlist=shortlist, unfilled=unfilled,
        vacated_outside_scope=sorted(set(picked["from_position_id"].dropna()) - set(r.posts["position_id"])),
        greedy={"posts_filled": int(r.pairs.loc[greedy, "position_id"].nunique()),
                "vacancies_filled": _vacancies_filled(r, greedy), "value": round(greedy_value, 2),
                "model_value": round(plan_value(r, chosen), 2)},
        interrupted=result.interrupted, method=result.method,
        messages=[str(w) for w in data.warnings],
    )
    folder = None
    if write:
        t6 = time.perf_counter()
        folder = new_run_dir(sc.name, out)
        write_run(plan, folder, checks, pack.describe())
        plan.timings["write"] = round(time.perf_counter() - t6, 3)
        plan.timings["total"] = round(time.perf_counter() - t0, 3)
        (folder / "plan.json").write_text(plan.model_dump_json(indent=1), encoding="utf-8")
    return plan, folder


def _empty_posts(r: Round, chosen: np.ndarray) -> list[str]:
    picked = r.pairs[chosen]
    left = set(picked["from_position_id"].dropna())
    p = r.posts
    empty = p[(p["vacant"] | p["position_id"].isin(left)) & ~p["position_id"].isin(set(picked["position_id"]))]
    return sorted(empty["position_id"])


def _vacancies_filled(r: Round, chosen: np.ndarray) -> int:
    """Net: posts occupied at the end minus posts occupied at the start, in scope."""
    picked = r.pairs[chosen]
    filled = set(picked["position_id"])
    left = set(picked["from_position_id"].dropna()) & set(r.posts["position_id"])
    return len(filled) - len(left)


def kpis(r: Round, chosen: np.ndarray, facts: pd.DataFrame, moves, unfilled) -> dict[str, float]:
    picked = r.pairs[chosen]
    vacant0 = r.posts["vacant"]
    crit = r.posts.loc[r.posts["t_critical"] & vacant0, "position_id"]
    overdue = picked["term_overdue_rotation"] > 0
    units = set(picked["t_unit"]) | set(picked["unit"].dropna())
    by_type = picked["move_type"].value_counts()
    return {
        "posts_in_scope": int(len(r.posts)),
        "vacant_before": int(vacant0.sum()),
        "vacant_after": int(len(unfilled)),
        "posts_filled": int(len(picked)),
        "vacancies_filled": _vacancies_filled(r, chosen),
        "critical_vacant_before": int(len(crit)),
        "critical_filled": int(picked["position_id"].isin(set(crit)).sum()),
        "moves": int(len(picked)),
        "moves_vertical": int(by_type.get("vertical", 0)),
        "moves_horizontal": int(by_type.get("horizontal", 0)),
        "moves_diagonal": int(by_type.get("diagonal", 0)),
        "overdue_rotated": int(overdue.sum()),
        "units_affected": int(len(units)),
        "mean_nine_box_chosen": round(float(picked["nine_box"].mean()), 3) if len(picked) else 0.0,
        "chains": int(len({m.chain for m in moves if m.chain_kind != "tunggal"})),
    }


def _infeasible_findings(data: ScenarioData, result) -> list[Finding]:
    file = data.path.name
    if result.conflicts:
        named = ", ".join(f"{n} → {p}" for n, p in result.conflicts)
        return [Finding(severity="error", file=file, column="locks", value=named,
                        message="penguncian ini tidak dapat berlaku bersamaan (mis. jabatan yang sama, atau "
                        "pemegang jabatan tujuan tidak dapat berpindah, atau rasio 1:3 tidak terpenuhi); "
                        "diperiksa ulang tanpa penguncian tersebut: skenario dapat diselesaikan")]
    return [Finding(severity="error", file=file, message=f"solver tidak menemukan rencana: {result.status}")]

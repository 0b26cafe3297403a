"""The library API a notebook, the CLI (and later the browser) call: every command's entry point.

The pipeline, one stage per package: inputs (load, validate) → rules (pack, eligibility) →
round (controls, objective terms) → solve (strategy) → plan (assembly, run folder); the
explanation and the scenario tools are wired to the planner through here, so that no lower
stage calls back up.
"""
from __future__ import annotations

import gc
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from models.numbers import angka
from models.plan import Plan
from models.schema import Assignment, Finding, SolverSettings
from planner.inputs.data import InputError, ScenarioData
from planner.inputs.load import load
from planner.inputs.load import load_valid as inputs_load_valid
from planner.plan.assemble import assemble_plan
from planner.plan.runfolder import RunFolderError, commit_run, reserve_run, write_run
from planner.round.build import Round, prepare_round, round_eligibility
from planner.rules.eligibility import Eligibility
from planner.rules.pack import RulePack
from planner.rules.scenario_pack import rule_pack_for, scenario_pack_findings
from planner.solve.greedy import greedy_plan
from planner.solve.strategy import SolveResult, solve

if TYPE_CHECKING:
    from planner.explain.explain import Explainer

Reporter = Callable[[str], None]

__all__ = ["InputError", "Prepared", "RunFolderError", "Session", "explain", "explainer", "load_scenario",
           "load_valid", "plan_round", "prepare", "rule_pack_for", "solve_prepared", "sweep"]


def __getattr__(name: str):
    # planner.session builds on this module (Prepared, prepare): re-exported lazily, so that
    # importing planner.api does not import it and there is no import cycle.
    if name == "Session":
        from planner.session import Session

        return Session
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class Prepared:
    """A scenario ready to solve: loaded, its rule pack, its eligibility and its round.

    Computed once and reused by every later step (the plan's verdicts and exclusion counts,
    explanations, re-solves after a change)."""

    data: ScenarioData
    pack: RulePack
    elig: Eligibility
    round: Round
    settings: SolverSettings
    timings: dict[str, float] = field(default_factory=dict)


def load_scenario(path: str | Path) -> ScenarioData:
    """A scenario with every finding: its files, its cross-file checks, and its rule pack."""
    return load(path, checks=[scenario_pack_findings])


def load_valid(path: str | Path) -> ScenarioData:
    """A scenario that must be clean; raises InputError with every error otherwise."""
    return inputs_load_valid(path, checks=[scenario_pack_findings])


def prepare(scenario: str | Path, *, time_limit: float | None = None, workers: int | None = None,
            seed: int | None = None, extra_locks: list[tuple[str, str]] | None = None) -> Prepared:
    """Load, check, and build the round of ``scenario`` (raises InputError with every finding).

    ``extra_locks`` adds (nip, position_id) locks on top of the scenario's: the
    counterfactual "what if this person took this post" of an explanation.
    """
    t = {}
    t0 = time.perf_counter()
    data = load_valid(scenario)
    if extra_locks:
        data.scenario = data.scenario.model_copy(update={"locks": [
            *data.scenario.locks, *(Assignment(nip=n, position_id=p) for n, p in extra_locks)]})
    sc = data.scenario
    settings = sc.solver.model_copy(update={k: v for k, v in
                                            {"time_limit_s": time_limit, "workers": workers, "seed": seed}.items()
                                            if v is not None})
    pack = rule_pack_for(data)
    t["load"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    elig = round_eligibility(data, pack)
    t["eligibility"] = time.perf_counter() - t1
    t2 = time.perf_counter()
    r = prepare_round(data, pack, elig, candidates_per_post=settings.candidates_per_post)
    t["build"] = time.perf_counter() - t2
    return Prepared(data=data, pack=pack, elig=elig, round=r, settings=settings, timings=t)


def solve_prepared(prep: Prepared, *, report: Reporter | None = None):
    """Solve a prepared round and assemble its plan (not written)."""
    say = report or (lambda s: None)
    r, t = prep.round, dict(prep.timings)
    say(f"Model: {angka(r.sizes['model_pairs'], 0)} pasangan (dari {angka(r.sizes['eligible_pairs'], 0)} yang "
        f"memenuhi syarat), {angka(r.sizes['candidates'], 0)} kandidat, {angka(r.sizes['posts_in_scope'], 0)} jabatan")
    t3 = time.perf_counter()
    greedy = greedy_plan(r).to_numpy()
    t["greedy"] = time.perf_counter() - t3
    t4 = time.perf_counter()
    result = solve(r, prep.settings, report=say, hint=greedy, lp_first=prep.settings.method == "auto")
    t["solve"] = time.perf_counter() - t4
    if result.chosen is None or result.objective is None:
        raise InputError(_infeasible_findings(prep.data, result))
    t5 = time.perf_counter()
    assembled = assemble_plan(prep.data, prep.pack, prep.elig, r, result, greedy, prep.settings, t)
    assembled.plan.timings["explain"] = round(time.perf_counter() - t5, 3)
    return assembled


@contextmanager
def _no_cycle_collection():
    """Python's cycle collector paused for one plan, and resumed as it was.

    A plan allocates millions of small objects (pydantic rows, pandas blocks, Python lists
    of keys) and frees nearly all of them by reference counting; the collector still
    traversed the young ones hundreds of times: measured 0.47 s of a 5.2 s kabupaten run and
    1.6 s of 14.7 s on provinsi, for the same peak memory without it. Cyclic garbage of the
    plan is collected after it, by the collector's own thresholds."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def plan_round(scenario: str | Path, *, out: Path | None = None, time_limit: float | None = None,
               workers: int | None = None, seed: int | None = None, report: Reporter | None = None,
               write: bool = True, extra_locks: list[tuple[str, str]] | None = None) -> tuple[Plan, Path | None]:
    """Plan the round of ``scenario``; write a new run folder unless ``write`` is False.

    The target folder is checked and reserved (a temporary sibling) before the solve
    (RunFolderError: an existing file, a folder that holds anything, a location that cannot
    be written) and renamed into place once every file is written: a failed, interrupted
    or concurrent run leaves no partial run folder, and a refused --out costs no solve.
    """
    with _no_cycle_collection():
        return _plan_round(scenario, out=out, time_limit=time_limit, workers=workers, seed=seed, report=report,
                           write=write, extra_locks=extra_locks)


def _plan_round(scenario: str | Path, *, out: Path | None, time_limit: float | None, workers: int | None,
                seed: int | None, report: Reporter | None, write: bool,
                extra_locks: list[tuple[str, str]] | None) -> tuple[Plan, Path | None]:
    t0 = time.perf_counter()
    # An explicit --out is reserved first (its temporary sibling is the proof that it can be
    # written); the default runs/<scenario>-<time> needs the scenario's name, so after loading.
    pending = reserve_run("", out) if write and out is not None else None
    try:
        prep = prepare(scenario, time_limit=time_limit, workers=workers, seed=seed, extra_locks=extra_locks)
        if write and pending is None:
            pending = reserve_run(prep.data.scenario.name, None)
        assembled = solve_prepared(prep, report=report)
        plan = assembled.plan
        folder = None
        if pending is not None:
            write_run(plan, pending.path, assembled.checks, prep.pack.describe(), started=t0, target=pending.target)
            folder = commit_run(pending)
    except BaseException:
        if pending is not None:
            pending.discard()
        raise
    return plan, folder


def _resolver(scenario_path: str):
    """Counterfactuals for explanations: the run's scenario re-solved with one more lock."""
    def resolve(nip: str, position_id: str, time_limit: float | None, workers: int | None) -> Plan:
        forced, _ = plan_round(scenario_path, write=False, extra_locks=[(nip, position_id)],
                               time_limit=time_limit, workers=workers)
        return forced
    return resolve


def explainer(run: str | Path) -> Explainer:
    """An Explainer of a run folder that can answer counterfactuals by re-solving."""
    # Imported here: ``planner plan`` never explains, and the module costs import time.
    from planner.explain.explain import Explainer

    ex = Explainer(run)
    ex.ctx.resolver = _resolver(ex.plan.scenario_path)
    return ex


def explain(run: str | Path, position_id: str, nip: str | None = None, *, resolve: bool = True,
            time_limit: float | None = None, workers: int | None = None) -> dict:
    """Explain a post of a run, or one person for it (see planner.explain.explain.explain)."""
    ex = explainer(run)
    if nip is not None:
        return ex.person(position_id, nip, resolve=resolve, time_limit=time_limit, workers=workers)
    return ex.post(position_id)


def sweep(base: str | Path, varies, **kw):
    """Plan a grid of scenario variants and compare them (planner.scenarios.sweep.run_sweep)."""
    from planner.scenarios.sweep import run_sweep
    from reports.compare import write_comparison

    return run_sweep(base, varies, planner=plan_round, write_comparison=write_comparison, **kw)


def _infeasible_findings(data: ScenarioData, result: SolveResult) -> list[Finding]:
    file = data.path.name
    if result.conflicts:
        named = ", ".join(f"{n} → {p}" for n, p in result.conflicts)
        return [Finding(severity="error", file=file, column="locks", value=named,
                        message="penguncian ini tidak dapat berlaku bersamaan (mis. jabatan yang sama, atau "
                        "pemegang jabatan tujuan tidak dapat berpindah, atau rasio 1:3 tidak terpenuhi); "
                        "diperiksa ulang tanpa penguncian tersebut: skenario dapat diselesaikan")]
    return [Finding(severity="error", file=file, message=f"solver tidak menemukan rencana: {result.status}")]

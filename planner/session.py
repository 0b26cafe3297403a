"""The interactive round (issue 13): lock, ban, keep, reserve, re-solve warm, undo, why not, save.

A :class:`Session` keeps a scenario's :class:`~planner.api.Prepared` (loaded data, rule pack,
eligibility, round) in memory and its stage-1 LP in HiGHS with the optimal basis
(planner.solve.strategy.WarmRound). A change of controls is a change of column bounds of
that LP, so a re-solve takes a few dual simplex pivots instead of the whole pipeline; the
plan is the one a cold ``planner plan`` of a scenario file with the same controls gives
(tests/test_session.py checks it), because the round after the change is derived from the
base round exactly as :func:`planner.round.build.prepare_round` would build it.

Mutating calls are not thread-safe: a caller serving several clients holds one lock per session.
"""
from __future__ import annotations

import dataclasses
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd
import yaml

from models.plan import Plan
from models.schema import Assignment, Finding
from planner.api import Prepared, _infeasible_findings, load_valid, prepare
from planner.explain.explain import Explainer, _Context
from planner.files.atomic import PendingFolder, write_text
from planner.inputs.data import InputError, ScenarioData
from planner.inputs.validate import _check_controls, _check_locks as _check_lock_controls
from planner.plan.accounting import kpis, objective_terms
from planner.plan.assemble import AssembledPlan, Reuse, assemble_plan
from planner.plan.extract import moves_from, unfilled_from
from planner.plan.runfolder import commit_run, read_checks, read_plan, reserve_run, write_run
from planner.round.build import _check_locks, _check_locks_reachable, _drop_unreachable, _pair_in, prepare_round
from planner.rules.eligibility import restore_pairs
from planner.round.problem import Round
from planner.scenarios.compare import Change as MoveChange
from planner.scenarios.compare import diff_moves
from planner.solve.greedy import greedy_plan
from planner.solve.strategy import SolveResult, WarmRound

Reporter = Callable[[str], None]

__all__ = ["Change", "Controls", "MoveChange", "Session", "Version"]

KINDS = ("lock", "ban", "keep", "reserve")
STATES_KEPT = 16  # rounds of recent controls kept for undo and why-not


@dataclass(frozen=True)
class Controls:
    """The controls in force: the base scenario's entries first, then the user's, in order."""

    locks: tuple[tuple[str, str], ...] = ()
    bans: tuple[tuple[str, str], ...] = ()
    keep: tuple[str, ...] = ()
    reserve: tuple[str, ...] = ()

    @classmethod
    def of(cls, scenario) -> "Controls":
        return cls(locks=tuple((a.nip, a.position_id) for a in scenario.locks),
                   bans=tuple((a.nip, a.position_id) for a in scenario.bans),
                   keep=tuple(scenario.keep), reserve=tuple(scenario.reserve))

    def scenario_update(self) -> dict:
        """The scenario keys these controls set (for ``Scenario.model_copy`` and scenario.yaml)."""
        return {"locks": [Assignment(nip=n, position_id=p) for n, p in self.locks],
                "bans": [Assignment(nip=n, position_id=p) for n, p in self.bans],
                "keep": list(self.keep), "reserve": list(self.reserve)}

    def yaml(self) -> dict:
        return {"locks": [{"nip": n, "position_id": p} for n, p in self.locks],
                "bans": [{"nip": n, "position_id": p} for n, p in self.bans],
                "keep": list(self.keep), "reserve": list(self.reserve)}

    def restricts(self, base: "Controls") -> bool:
        """Every ban, keep and reserve of ``base`` is still in force (the round only lost pairs)."""
        return set(base.bans) <= set(self.bans) and set(base.keep) <= set(self.keep) \
            and set(base.reserve) <= set(self.reserve)


@dataclass
class Version:
    number: int
    plan: Plan
    controls: Controls
    label: str
    saved: Path | None = None
    computed_checks: pd.DataFrame | None = field(default=None, repr=False)
    # A re-solve leaves the verdicts behind the nominees to be rendered when first read
    # (a page, a why-not, a save): they cost about as much as the warm solve itself.
    pending_checks: Callable[[], pd.DataFrame] | None = field(default=None, repr=False)

    @property
    def checks(self) -> pd.DataFrame | None:
        """checks.csv of this plan."""
        if self.computed_checks is None and self.pending_checks is not None:
            self.computed_checks, self.pending_checks = self.pending_checks(), None
        return self.computed_checks


@dataclass
class Change:
    """What a re-solve changed against the previous version."""

    version: int
    added: list[MoveChange]
    removed: list[MoveChange]
    changed: list[MoveChange]  # the same person to another post, or the same post to another person
    same: int  # moves in both versions
    kpis_before: dict
    kpis_after: dict
    objective_before: float | None
    objective_after: float | None
    status: str
    method: str
    wall_s: float


@dataclass
class _State:
    """A round for some controls, ready to solve."""

    controls: Controls
    data: ScenarioData
    round: Round
    index: np.ndarray | None = None  # positions of the round's pairs in the base round (warm solves)
    greedy: np.ndarray | None = None  # the greedy baseline of this round, once computed
    cold: bool = False  # holds pairs the base round lacks (a restored cross-rumpun lock): no warm solve


class Session:
    """One scenario's round, kept in memory for interactive changes (see the module docstring)."""

    def __init__(self, prepared: Prepared, *, plan: Plan | None = None, checks: pd.DataFrame | None = None,
                 run: Path | None = None, report: Reporter | None = None, warm: bool = True):
        say = report or (lambda s: None)
        self._base_prepared = prepared
        self.prepared = prepared
        self.base_controls = Controls.of(prepared.data.scenario)
        self.controls = self.base_controls
        self.source_run = run
        t0 = time.perf_counter()
        self.timings: dict[str, float] = {}
        self._warm: WarmRound | None = None
        # Verdicts, nominee facts and exclusion counts depend on the eligibility only: each
        # version's plan reuses what earlier versions computed (planner.plan.assemble.Reuse).
        self._reuse = Reuse(prepared.elig, prepared.pack)
        self._reuse_lock = threading.RLock()  # a page may read a version's checks during a re-solve
        if warm:
            say("Model LP disimpan di memori (HiGHS) untuk penyusunan ulang cepat")
            self._warm = WarmRound(prepared.round)
        state = _State(self.controls, prepared.data, prepared.round, np.arange(len(prepared.round.pairs)))
        if plan is None:
            assembled = self._solve(state, report=say)
            plan, checks = assembled.plan, assembled.checks
        elif self._warm is not None:
            # A run's plan stays version 0 as written; the LP is solved once for its basis.
            self._warm.relaxation(prepared.round, np.arange(len(prepared.round.pairs)))
        self.timings["open_solve"] = time.perf_counter() - t0
        self._states = {self.controls: state}
        self.versions: list[Version] = [Version(0, plan, self.controls, "awal", run, checks)]

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, source: str | Path, *, report: Reporter | None = None, warm: bool = True) -> "Session":
        """A scenario folder (or its scenario.yaml), or a run folder (its plan becomes version 0;
        its scenario is re-prepared). Raises InputError (located findings) or RunFolderError.

        ``warm=False`` keeps no LP in memory: each solve is the cold strategy on the round kept
        in memory (for one question, as ``planner explain --nip`` asks, building the warm
        model would cost more than it saves)."""
        path = Path(source)
        say = report or (lambda s: None)
        if path.is_dir() and ((path / "plan.json").exists() or not (path / "scenario.yaml").exists()):
            # A run folder (read_plan says so, in Indonesian, when it is not a whole one).
            plan, checks = read_plan(path), read_checks(path)
            say(f"Memuat skenario run {path}: {plan.scenario_path}")
            prep = prepare(plan.scenario_path, **_overrides(plan))
            return cls(prep, plan=plan, checks=checks, run=path, report=report, warm=warm)
        say(f"Memuat skenario {path}")
        return cls(prepare(path), report=report, warm=warm)

    # ------------------------------------------------------------------ the current version

    @property
    def plan(self) -> Plan:
        return self.versions[-1].plan

    @property
    def version(self) -> Version:
        return self.versions[-1]

    @property
    def user_controls(self) -> Controls:
        """The controls added in this session (what is not the base scenario's)."""
        b, c = self.base_controls, self.controls
        return Controls(tuple(x for x in c.locks if x not in b.locks), tuple(x for x in c.bans if x not in b.bans),
                        tuple(x for x in c.keep if x not in b.keep), tuple(x for x in c.reserve if x not in b.reserve))

    # ------------------------------------------------------------------ controls

    def lock(self, nip: str, position_id: str) -> None:
        """Put ``nip`` into ``position_id`` (InputError, in the words of `validate`, if not allowed)."""
        self._set(dataclasses.replace(self.controls, locks=_add(self.controls.locks, (nip, position_id))))

    def ban(self, nip: str, position_id: str) -> None:
        self._set(dataclasses.replace(self.controls, bans=_add(self.controls.bans, (nip, position_id))))

    def keep(self, nip: str) -> None:
        self._set(dataclasses.replace(self.controls, keep=_add(self.controls.keep, nip)))

    def reserve(self, position_id: str) -> None:
        self._set(dataclasses.replace(self.controls, reserve=_add(self.controls.reserve, position_id)))

    def release(self, kind: str, nip: str | None = None, position_id: str | None = None) -> None:
        """Drop a control: ``kind`` lock/ban (nip and position_id), keep (nip) or reserve (position_id)."""
        c = self.controls
        if kind in ("lock", "ban"):
            key, field_ = (nip, position_id), ("locks" if kind == "lock" else "bans")
        elif kind == "keep":
            key, field_ = nip, "keep"
        elif kind == "reserve":
            key, field_ = position_id, "reserve"
        else:
            raise InputError([Finding(severity="error", file=self._file, column="kind", value=str(kind),
                                      message="jenis pengaturan harus salah satu dari: " + ", ".join(KINDS))])
        items = getattr(c, field_)
        if key not in items:
            shown = " → ".join(k for k in key if k) if isinstance(key, tuple) else str(key)
            raise InputError([Finding(severity="error", file=self._file, column=field_, value=shown,
                                      message="pengaturan ini tidak ada dalam versi sekarang")])
        self._set(dataclasses.replace(c, **{field_: tuple(x for x in items if x != key)}))

    def _set(self, controls: Controls) -> None:
        self._state(controls)  # raises InputError with the located findings; nothing changes then
        self.controls = controls

    # ------------------------------------------------------------------ solving

    def resolve(self, *, progress: Reporter | None = None, label: str | None = None) -> Change:
        """Re-solve with the controls in force (warm), append a version, and say what changed."""
        t0 = time.perf_counter()
        before = self.plan
        state = self._state(self.controls)
        assembled = self._solve(state, report=progress, hint_plan=before, defer_checks=True)
        plan = assembled.plan
        number = self.versions[-1].number + 1
        self.versions.append(Version(number, plan, self.controls, label or f"versi {number}", None, assembled.checks,
                                     self._locked(assembled.later) if assembled.later is not None else None))
        self.prepared = dataclasses.replace(self._base_prepared, data=state.data, round=state.round)
        diff = diff_moves(before.moves, plan.moves)
        return Change(version=number,
                      added=[c for c in diff.changes if c.kind == "added"],
                      removed=[c for c in diff.changes if c.kind == "removed"],
                      changed=[c for c in diff.changes if c.kind in ("changed_post", "changed_person")],
                      same=diff.same, kpis_before=dict(before.kpis), kpis_after=dict(plan.kpis),
                      objective_before=before.objective, objective_after=plan.objective,
                      status=plan.status, method=plan.method, wall_s=time.perf_counter() - t0)

    def undo(self) -> Plan:
        """Back to the previous version (its controls and plan); the first version stays."""
        if len(self.versions) > 1:
            self.versions.pop()
        v = self.versions[-1]
        self.controls = v.controls
        state = self._state(v.controls)  # rebuilt if it left the cache (it was valid: no error)
        self.prepared = dataclasses.replace(self._base_prepared, data=state.data, round=state.round)
        return v.plan

    def _locked(self, f: Callable[[], pd.DataFrame]) -> Callable[[], pd.DataFrame]:
        def call() -> pd.DataFrame:
            with self._reuse_lock:
                return f()
        return call

    def _solve(self, state: _State, *, report: Reporter | None = None, hint_plan: Plan | None = None,
               settings=None, defer_checks: bool = False) -> AssembledPlan:
        """The plan of ``state``: warm when its round is the base round less pairs, cold otherwise."""
        prep = self._base_prepared
        settings = settings or prep.settings
        r = state.round
        t = dict(prep.timings)
        t1 = time.perf_counter()
        if state.greedy is None:  # a round's baseline does not change (undo, why-not: the same round)
            state.greedy = greedy_plan(r).to_numpy()
        greedy = state.greedy
        t["greedy"] = time.perf_counter() - t1
        # The current plan seeds CP-SAT when the LP is not integral (computed only then).
        hint = (lambda: _plan_hint(r, hint_plan)) if hint_plan is not None else greedy
        t2 = time.perf_counter()
        result = self._solve_round(state, settings, report, hint)
        t["solve"] = time.perf_counter() - t2
        if result.chosen is None or result.objective is None:
            raise InputError(_infeasible_findings(state.data, result))
        t3 = time.perf_counter()
        with self._reuse_lock:
            assembled = assemble_plan(state.data, prep.pack, prep.elig, r, result, greedy, settings, t,
                                      reuse=self._reuse, defer_checks=defer_checks)
        assembled.plan.timings["explain"] = round(time.perf_counter() - t3, 3)
        return assembled

    def _solve_round(self, state: _State, settings, report, hint) -> SolveResult:
        from planner.solve.strategy import solve

        if self._warm is not None and state.controls.restricts(self.base_controls) \
                and settings.candidates_per_post is None and not state.cold:
            return self._warm.solve(state.round, settings, report=report, hint=hint, index=state.index)
        return solve(state.round, settings, report=report, hint=hint() if callable(hint) else hint,
                     lp_first=settings.method == "auto")

    # ------------------------------------------------------------------ rounds for controls

    @property
    def _file(self) -> str:
        return self._base_prepared.data.path.name

    def _state(self, controls: Controls) -> _State:
        """The round of ``controls``, checked as `validate` and `plan` check a scenario file."""
        state = self._states.get(controls)
        if state is not None:
            return state
        prep = self._base_prepared
        sc = prep.data.scenario.model_copy(update=controls.scenario_update())
        # The base scenario loaded clean, so every entry is at its own index in the file.
        data = dataclasses.replace(prep.data, scenario=sc, control_index={})
        findings = _check_controls(data) + _check_lock_controls(data)
        if findings:
            raise InputError(findings)
        index = None
        sibling = next((st for c, st in reversed(self._states.items())
                        if (c.bans, c.keep, c.reserve) == (controls.bans, controls.keep, controls.reserve)), None)
        # A lock on a cross-rumpun pair the planner's pruning left out brings it back into the
        # eligibility (planner.rules.eligibility.restore_pairs): no earlier round holds it.
        restore_pairs(prep.elig, prep.pack, controls.locks)
        base_rows = _rows_of(prep.round.all_pairs, {n for n, _ in controls.locks}) if controls.locks else None
        restored = controls.locks and not set(controls.locks) <= set(zip(base_rows["nip"], base_rows["position_id"]))
        if restored:
            r = prepare_round(data, prep.pack, prep.elig, candidates_per_post=prep.settings.candidates_per_post)
        elif sibling is not None and sibling.index is not None:
            # Only the locks differ from a round already built (a why-not, a lock): locks drop
            # no pair, so the pairs are that round's; prepare_round's lock checks still run.
            r, index = _relocked_round(data, prep, sibling, controls), sibling.index
        elif controls.restricts(self.base_controls) and prep.settings.candidates_per_post is None:
            r, index = _restricted_round(data, prep, controls)
        else:
            # A base ban, keep or reserve released, or pruning by candidates_per_post: the
            # round gains pairs the base round does not have, so it is built again.
            r = prepare_round(data, prep.pack, prep.elig, candidates_per_post=prep.settings.candidates_per_post)
        state = _State(controls, data, r, index, cold=bool(restored))
        # A round that lost pairs holds its own pair table (tens of MB on a kabupaten); one that
        # only changed locks shares its sibling's. Keep the base round and the latest others.
        if len(self._states) >= STATES_KEPT:
            self._states.pop(next(c for c in self._states if c != self.base_controls))
        self._states[controls] = state
        return state

    # ------------------------------------------------------------------ why not

    def explainer(self) -> Explainer:
        """An Explainer of the current version whose counterfactuals are warm re-solves."""
        v = self.version
        state = self._state(v.controls)
        checks = v.checks if v.checks is not None else pd.DataFrame(
            columns=["nip", "position_id", "rule", "label", "passed", "detail", "article"])
        ex = Explainer.__new__(Explainer)
        # The explanation reads a run folder's plan and checks; here they are in memory.
        ex.ctx = _Context(run=v.saved or self.source_run or Path(""), plan=v.plan, checks=checks)
        ex.ctx.data, ex.ctx.pack = state.data, self._base_prepared.pack
        ex.ctx._elig, ex.ctx._round, ex.ctx._tried = self._base_prepared.elig, state.round, True
        ex.ctx.resolver = self._resolver(v.controls)
        changed = sorted(k for k, h in v.plan.input_hashes.items() if state.data.input_hashes.get(k) != h)
        if changed:
            # The note planner.explain gives when a run's scenario has changed since (its
            # _Context.load_scenario): the data here was loaded now, not with the run.
            ex.ctx.notes.append("Data skenario telah berubah sejak run dibuat (" + ", ".join(changed) + "): "
                                "angka yang dihitung ulang memakai data sekarang.")
        return ex

    def _resolver(self, controls: Controls):
        def resolve(nip: str, position_id: str, time_limit: float | None, workers: int | None) -> Plan:
            forced = dataclasses.replace(controls, locks=_add(controls.locks, (nip, position_id)))
            state = self._state(forced)
            settings = self._base_prepared.settings.model_copy(update={k: v for k, v in {
                "time_limit_s": time_limit, "workers": workers}.items() if v is not None})
            return self._counterfactual_plan(state, settings)
        return resolve

    def _counterfactual_plan(self, state: _State, settings) -> Plan:
        """The plan of ``state`` as far as a counterfactual reads it (planner.explain: moves,
        objective and its terms, KPIs, status): assembled from the same pieces as
        planner.plan.assemble, without what only a run's report needs (the nominees' verdicts,
        exclusion counts, the passed-over list, the greedy baseline), which would cost more
        than the re-solve itself."""
        prep, r = self._base_prepared, state.round
        result = self._solve_round(state, settings, None, lambda: _plan_hint(r, self.plan))
        if result.chosen is None or result.objective is None:
            raise InputError(_infeasible_findings(state.data, result))
        chosen, sc = result.chosen, state.data.scenario
        moves = moves_from(r, chosen, prep.elig.facts, state.data.positions)
        unfilled = unfilled_from(r, chosen, {})
        return Plan(scenario=sc.model_dump(mode="json"), scenario_path=str(state.data.path),
                    rule_pack=prep.pack.name, solver=settings.model_dump(mode="json"), status=result.status,
                    objective=round(result.objective, 3), bound=round(result.bound, 3), gap=round(result.gap, 6),
                    objective_terms=objective_terms(r, chosen, result.nominees), weights=sc.weights.model_dump(),
                    timings={}, sizes=r.sizes, input_hashes=state.data.input_hashes,
                    kpis=kpis(r, chosen, moves, unfilled), moves=moves, shortlist=[], unfilled=unfilled,
                    interrupted=result.interrupted, method=result.method)

    def why_not(self, position_id: str, nip: str, *, resolve: bool = True, time_limit: float | None = None,
                workers: int | None = None) -> dict:
        """Why (not) this person for this post: the dict ``planner.api.explain(run, position_id, nip)``
        returns, the counterfactual re-solved warm."""
        return self.explainer().person(position_id, nip, resolve=resolve, time_limit=time_limit, workers=workers)

    # ------------------------------------------------------------------ saving

    def save(self, name: str, *, scenario_dir: Path | None = None, run_dir: Path | None = None) -> tuple[Path, Path]:
        """A new scenario folder (scenario.yaml ``extends`` the base and lists every control) and a
        new run folder of the current plan. Neither may exist yet; input files are never touched."""
        v = self.version
        base_file = Path(self._base_prepared.data.path)
        target = Path(scenario_dir) if scenario_dir is not None else base_file.parent.parent / _slug(name)
        # Both targets are claimed before anything is written: a taken run folder leaves no
        # scenario folder behind, and the other way round (FolderError, RunFolderError: OSErrors
        # with an Indonesian message).
        run = reserve_run(name, run_dir)
        try:
            pending = PendingFolder(target)
            try:
                body = {"extends": os.path.relpath(base_file.resolve(), target.resolve()), "name": name,
                        "description": f"Versi {v.number} dari sesi interaktif atas "
                                       f"{self._base_prepared.data.scenario.name} ({v.label}).",
                        **v.controls.yaml()}
                text = "# Disimpan dari sesi interaktif (planner.session): pengaturan versi ini ditulis lengkap,\n" \
                       "# karena daftar dalam skenario turunan menggantikan daftar skenario dasar.\n" \
                       + yaml.safe_dump(body, allow_unicode=True, sort_keys=False)
                write_text(pending.path / "scenario.yaml", text)
                folder = pending.commit()
            except BaseException:
                pending.discard()
                raise
            # The run names the saved scenario, as a cold `planner plan` of it would.
            data = load_valid(folder / "scenario.yaml")
            plan = v.plan.model_copy(update={"scenario": data.scenario.model_dump(mode="json"),
                                             "scenario_path": str(data.path), "input_hashes": data.input_hashes})
            write_run(plan, run.path, v.checks if v.checks is not None else pd.DataFrame(),
                      self._base_prepared.pack.describe(), target=run.target)
            run_folder = commit_run(run)
        except BaseException:
            run.discard()
            raise
        v.saved = run_folder
        return folder, run_folder


# ---------------------------------------------------------------------- helpers


def _add(items: tuple, item) -> tuple:
    return items if item in items else (*items, item)


def _slug(name: str) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "versi"


def _overrides(plan: Plan) -> dict:
    """The solver settings a run was planned with (the CLI's overrides included)."""
    s = plan.solver or {}
    return {"time_limit": s.get("time_limit_s"), "workers": s.get("workers"), "seed": s.get("seed")}


def _plan_hint(r: Round, plan: Plan) -> np.ndarray:
    """The moves of ``plan`` as a mask over ``r.pairs`` (a CP-SAT hint)."""
    moved = {(m.nip, m.to_position_id) for m in plan.moves}
    return _pair_in(r.pairs, moved).to_numpy()


def _rows_of(frame: pd.DataFrame, nips: set[str]) -> pd.DataFrame:
    return frame[frame["nip"].isin(nips)] if nips else frame.iloc[:0]


def _relocked_round(data: ScenarioData, prep: Prepared, sibling: _State, controls: Controls) -> Round:
    """``sibling``'s round with the locks of ``controls`` (same bans, keeps and reserves)."""
    r = sibling.round
    locks, keep = list(controls.locks), set(controls.keep)
    locked = {n for n, _ in locks}
    _check_locks(data, prep.pack, _rows_of(r.all_pairs, locked), locks, keep, r.posts, prep.elig)
    _check_locks_reachable(data, _rows_of(r.pairs, locked), r.posts, locks, keep)
    return dataclasses.replace(r, locks=locks)


def _restricted_round(data: ScenarioData, prep: Prepared, controls: Controls) -> tuple[Round, np.ndarray]:
    """The round of ``controls`` from the base round, as prepare_round builds it from scratch.

    Valid when the controls only add bans, keeps, reserves and locks to the base's and no
    pruning by candidates_per_post applies: prepare_round drops the pairs of bans, keeps and
    reserved posts from all eligible pairs, then the pairs into posts whose holder cannot
    move (a fixpoint, so applying it again to fewer pairs gives the same as from scratch),
    and keeps the order by post, then person. The lock checks are prepare_round's own."""
    base = prep.round
    sc = data.scenario
    locks, keep, reserve = list(controls.locks), set(controls.keep), set(controls.reserve)
    posts = base.posts.copy()
    posts["reserved"] = posts["position_id"].isin(sc.reserve)
    # prepare_round's lock checks, each given only the locked people's rows: they look the
    # locks up among the pairs, so the answer is the same, without hashing every pair.
    locked = {n for n, _ in locks}
    _check_locks(data, prep.pack, _rows_of(base.all_pairs, locked), locks, keep, posts, prep.elig)

    # The base round holds no pair of the base's own bans, keeps and reserves: only the
    # controls added since are looked up (each lookup scans every pair of the region).
    was = Controls.of(prep.data.scenario)
    new_keep, new_reserve = keep - set(was.keep), reserve - set(was.reserve)
    new_bans = set(controls.bans) - set(was.bans)

    def drop(frame: pd.DataFrame) -> np.ndarray:
        out = np.zeros(len(frame), dtype=bool)
        if new_keep:
            out |= frame["nip"].isin(new_keep).to_numpy()
        if new_reserve:
            out |= frame["position_id"].isin(new_reserve).to_numpy()
        if new_bans:
            # Bans are few: look them up among their people's rows only.
            near = np.flatnonzero(frame["nip"].isin({n for n, _ in new_bans}).to_numpy())
            out[near[_pair_in(frame.iloc[near], new_bans).to_numpy()]] = True
        return out

    pool = base.nominees_pool
    pool = pool[~drop(pool)].reset_index(drop=True)
    pairs = base.pairs[~drop(base.pairs)]  # base.pairs has a RangeIndex: its labels are positions
    pairs = _drop_unreachable(pairs, posts)
    _check_locks_reachable(data, _rows_of(pairs, locked), posts, locks, keep)
    index = pairs.index.to_numpy()
    pairs = pairs.reset_index(drop=True)
    sizes = {**base.sizes, "model_pairs": len(pairs), "pruned_pairs": 0, "candidates": int(pairs["nip"].nunique())}
    return dataclasses.replace(base, pairs=pairs, posts=posts, locks=locks, keep=keep, nominees_pool=pool,
                               pruned=0, sizes=sizes), index

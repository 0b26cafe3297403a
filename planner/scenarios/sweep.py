"""Sweeps: a grid of scenarios around a base one, planned in parallel, then compared (issue 6).

``planner sweep BASE --vary weights.overdue_rotation=60,120 --vary solver.seed=0,1`` writes
one scenario file per grid point (the cartesian product of the varied values, the first
``--vary`` slowest) into a new sweep folder, each ``extends:`` the base and sets only the
varied keys; plans every point as a normal run folder; then compares all of them.

Sweep folder::

    sweep-<base>-<timestamp>/
      sweep.json            the specification and every point's outcome
      sweep.csv             one row per point: the varied values, status, objective, KPIs
      scenarios/p01-….yaml  the grid points (plan one again with `planner plan FILE`)
      runs/p01-…/           the run folders
      compare/              `planner compare` over all points (the first is the reference)

Where the points run:

- ``workers=1``: one after another in this process;
- ``workers>1``: a ``ProcessPoolExecutor`` on this machine, each process running CP-SAT with
  ``cpu_count // workers`` threads (at least 1) unless told otherwise;
- ``scheduler="tcp://host:port"``: a Dask cluster (``dask.distributed``, the optional
  ``cluster`` extra). :func:`plan_point` is mapped over the points; workers read the
  scenario files and write the run folders themselves, so **the sweep folder and the
  scenario data must be on a filesystem every worker sees at the same path** (or, since
  ``extends`` is written relative when possible, at the same relative layout).

Reproducible: the grid, the folder names and the scenario files depend only on the
arguments; a plan proven optimal is unique (the objective has a tie-break), so the same
sweep gives the same plans wherever its points run. A point stopped by the time limit is
reproducible only with ``solver.deterministic: true``; the summary says which points were
not proven optimal.
"""
from __future__ import annotations

import copy
import itertools
import json
import os
import re
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import yaml

from models.numbers import angka
from models.plan import MERIT_ORDER_METHOD
from models.schema import Finding
from planner.inputs.load import InputError, load_scenario_file, scenario_file
from planner.files.atomic import write_text
from planner.files.cells import write_csv
from planner.plan.runfolder import RUNS_DIR, claim_dir

Reporter = Callable[[str], None]
PlanFn = Callable[..., Any]  # (scenario, *, out, time_limit, workers) -> (Plan, folder)
ComparisonWriter = Callable[..., Path]  # (comparison, out=folder) -> folder

# Keys a grid point may not set: they identify the point or the base.
_FIXED = {"extends", "name", "description"}


@dataclass
class Vary:
    """One varied key (dotted for nested mappings) and its values, in order."""

    key: str
    values: list[Any]


@dataclass
class PointResult:
    """One grid point: its scenario file, where it was planned, and the outcome."""

    index: int
    label: str
    values: dict[str, Any]
    scenario_file: str
    run_folder: str | None = None
    status: str | None = None
    method: str | None = None
    objective: float | None = None
    seconds: float | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.run_folder is not None and not self.errors


@dataclass
class SweepResult:
    folder: Path
    base: str
    varies: list[Vary]
    points: list[PointResult]
    backend: str
    processes: int
    solver_workers: int | None
    seconds: float
    comparison: Any = None  # planner.scenarios.compare.Comparison over the points that planned
    compare_folder: Path | None = None

    @property
    def failed(self) -> list[PointResult]:
        return [p for p in self.points if not p.ok]

    @property
    def not_optimal(self) -> list[PointResult]:
        # A strict merit-order plan is the same on every run: its gap is the merit order's, not a limit's.
        return [p for p in self.points if p.ok and p.status != "OPTIMAL" and p.method != MERIT_ORDER_METHOD]


# ------------------------------------------------------------------------------ the grid


def parse_vary(spec: str) -> Vary:
    """``key=v1,v2,...`` with each value a YAML scalar (``60``, ``true``, ``karawang-2020``);
    or ``key=[v1, [a, b], ...]``, a YAML flow list, for values that are lists or contain commas."""
    key, sep, rest = spec.partition("=")
    key = key.strip()
    if not sep or not key or not rest.strip():
        raise ValueError(f"--vary {spec!r}: tulis KUNCI=NILAI1,NILAI2 (mis. weights.overdue_rotation=60,120)")
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*", key):
        raise ValueError(f"--vary {spec!r}: kunci tidak sah {key!r}")
    if key.split(".")[0] in _FIXED:
        raise ValueError(f"--vary {spec!r}: kunci {key.split('.')[0]!r} tidak dapat divariasikan")
    text = rest.strip()
    try:
        if text.startswith("["):
            values = yaml.safe_load(text)
            if not isinstance(values, list):
                raise ValueError
        else:
            values = [yaml.safe_load(v.strip()) if v.strip() else "" for v in text.split(",")]
    except (yaml.YAMLError, ValueError):
        raise ValueError(f"--vary {spec!r}: nilai tidak dapat dibaca sebagai YAML") from None
    if not values:
        raise ValueError(f"--vary {spec!r}: tidak ada nilai")
    seen: list[str] = []
    for v in values:
        s = json.dumps(v, sort_keys=True, default=str)
        if s in seen:
            raise ValueError(f"--vary {spec!r}: nilai {v!r} disebut dua kali")
        seen.append(s)
    return Vary(key, values)


def grid(varies: Sequence[Vary]) -> list[dict[str, Any]]:
    """The cartesian product, first varied key slowest."""
    keys = [v.key for v in varies]
    if len(set(keys)) != len(keys):
        raise ValueError("kunci yang sama divariasikan dua kali")
    for a in keys:
        for b in keys:
            if a != b and b.startswith(a + "."):
                raise ValueError(f"kunci {a!r} dan {b!r} bertumpuk")
    return [dict(zip(keys, combo)) for combo in itertools.product(*(v.values for v in varies))]


def _set(d: dict[str, Any], path: list[str], value: Any) -> None:
    for k in path[:-1]:
        if not isinstance(d.get(k), dict):
            d[k] = {}
        d = d[k]
    d[path[-1]] = value


def overrides(values: dict[str, Any], resolved_base: dict[str, Any]) -> dict[str, Any]:
    """The keys a point's scenario file sets on top of its base.

    ``extends`` merges mappings one level deep, so ``weights.x`` is written as
    ``weights: {x: ...}``. A deeper key (``parameters.a.b``) rewrites its second-level
    mapping whole, taken from the resolved base with the one value changed.
    """
    out: dict[str, Any] = {}
    for key, value in values.items():
        path = key.split(".")
        if len(path) <= 2:
            _set(out, path, value)
            continue
        top, second, rest = path[0], path[1], path[2:]
        sub = out.setdefault(top, {})
        if second not in sub:
            base_sub = (resolved_base.get(top) or {}).get(second)
            sub[second] = copy.deepcopy(base_sub) if isinstance(base_sub, dict) else {}
        _set(sub[second], rest, value)
    return out


def _scalar(v: Any) -> str:
    return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str)


def _short_keys(keys: Sequence[str]) -> dict[str, str]:
    """The last segment of each dotted key where that is unambiguous."""
    last = [k.split(".")[-1] for k in keys]
    return {k: (s if last.count(s) == 1 else k) for k, s in zip(keys, last)}


def point_label(index: int, values: dict[str, Any]) -> str:
    short = _short_keys(list(values))
    return f"p{index:02d} " + ", ".join(f"{short[k]}={_scalar(v)}" for k, v in values.items())


def _slug(index: int, values: dict[str, Any]) -> str:
    short = _short_keys(list(values))
    body = "_".join(f"{short[k]}-{_scalar(v)}" for k, v in values.items())
    body = re.sub(r"[^A-Za-z0-9._-]+", "-", body).strip("-")[:80]
    return f"p{index:02d}-{body}" if body else f"p{index:02d}"


def _extends_ref(base: Path, points_dir: Path) -> str:
    """Relative when base and sweep share a folder other than the root, else absolute."""
    base, points_dir = base.resolve(), points_dir.resolve()
    if os.path.commonpath([base, points_dir]) != os.path.sep:
        return os.path.relpath(base, points_dir)
    return str(base)


def write_points(base: Path, varies: Sequence[Vary], folder: Path, time_limit: float | None = None
                 ) -> list[PointResult]:
    """Write one scenario file per grid point into ``folder/scenarios``; validate them all.

    Raises :class:`InputError` with every finding of every point when any is invalid.
    """
    base_file = scenario_file(base).resolve()
    resolved, findings = load_scenario_file(base_file)
    if findings or resolved is None:
        raise InputError(findings or [Finding(severity="error", file=str(base_file), message="skenario dasar tidak sah")])
    resolved_raw = resolved.model_dump(mode="json")
    points_dir = folder / "scenarios"
    points_dir.mkdir(parents=True, exist_ok=True)
    ref = _extends_ref(base_file, points_dir)
    out: list[PointResult] = []
    all_findings: list[Finding] = []
    combos = grid(varies)
    for i, values in enumerate(combos, start=1):
        slug = _slug(i, values)
        body: dict[str, Any] = {"extends": ref, "name": f"{resolved.name}-{slug}",
                                "description": f"Titik sweep {i} dari {len(combos)}: "
                                + ", ".join(f"{k}={_scalar(v)}" for k, v in values.items())}
        body.update(overrides(values, resolved_raw))
        if time_limit is not None:
            body.setdefault("solver", {}).setdefault("time_limit_s", time_limit)
        path = points_dir / f"{slug}.yaml"
        head = (f"# Titik sweep {i} dari {len(combos)} (planner sweep), dibuat otomatis dari {base_file}.\n"
                f"# Rencanakan ulang titik ini saja: planner plan {path.name}\n")
        path.write_text(head + yaml.safe_dump(body, sort_keys=False, allow_unicode=True), encoding="utf-8")
        sc, f = load_scenario_file(path)
        all_findings += [x.model_copy(update={"file": path.name}) for x in f]
        if sc is not None and not f and any(k.split(".")[0] in ("rule_pack", "parameters") for k in values):
            all_findings += _rule_pack_findings(sc, path.name)
        out.append(PointResult(index=i, label=point_label(i, values), values=values, scenario_file=str(path)))
    if any(f.severity == "error" for f in all_findings):
        raise InputError(all_findings)
    return out


def _rule_pack_findings(sc: Any, file: str) -> list[Finding]:
    """A varied rule pack or parameter that does not load: found before anything is planned."""
    from planner.rules.pack import load_rule_pack

    try:
        load_rule_pack(sc.rule_pack, sc.parameters or None)
    except ValueError as exc:
        return [Finding(severity="error", file=file, column="rule_pack/parameters", value=sc.rule_pack,
                        message=str(exc))]
    return []


# -------------------------------------------------------------------------- planning


def plan_point(planner: PlanFn, scenario: str, run_folder: str, time_limit: float | None = None,
               solver_workers: int | None = None) -> dict[str, Any]:
    """Plan one grid point into ``run_folder``; what a process or a Dask worker runs.

    Top level and plain arguments so that it pickles (``planner`` is a module-level function,
    pickled by name: planner.api.plan_round). Never raises for a bad point: the errors come
    back in the result, so one infeasible point does not sink the sweep.
    """
    t0 = time.perf_counter()
    try:
        plan, folder = planner(scenario, out=Path(run_folder), time_limit=time_limit, workers=solver_workers)
    except InputError as exc:
        return {"run_folder": None, "errors": [str(f) for f in exc.findings],
                "seconds": round(time.perf_counter() - t0, 3)}
    except Exception as exc:  # noqa: BLE001 - reported per point, the sweep carries on
        return {"run_folder": None, "errors": [f"{type(exc).__name__}: {exc}"],
                "seconds": round(time.perf_counter() - t0, 3)}
    return {"run_folder": str(folder), "status": plan.status, "method": plan.method, "objective": plan.objective,
            "errors": [],
            "seconds": round(time.perf_counter() - t0, 3)}


def _apply(p: PointResult, r: dict[str, Any]) -> None:
    p.run_folder, p.errors, p.seconds = r.get("run_folder"), r.get("errors", []), r.get("seconds")
    p.status, p.method, p.objective = r.get("status"), r.get("method"), r.get("objective")


def _say_point(say: Reporter, p: PointResult, done: int, n: int) -> None:
    """One line per finished point, in the order they finish."""
    if p.ok:
        say(f"[{done}/{n}] {p.label}: {p.status}, objektif {angka(p.objective)}, {angka(p.seconds)} s")
    else:
        say(f"[{done}/{n}] {p.label}: GAGAL — {p.errors[0] if p.errors else '?'}")


def _dask_client(address: Any):
    try:
        from dask.distributed import Client
    except ImportError:
        raise RuntimeError("menjalankan sweep di klaster memerlukan dask.distributed: "
                           "pip install 'pemda-placement-planner[cluster]'") from None
    return Client(address, set_as_default=False)


def default_processes(n_points: int, cpus: int | None = None) -> int:
    """Parallel points on this machine: one per core, at most one per point (see docs/scenarios.md)."""
    cpus = cpus or os.cpu_count() or 1
    return max(1, min(n_points, cpus))


SWEEP_CLAIM = "sweep.json"  # created empty to claim the folder; its content is written last


def run_sweep(base: str | Path, varies: Sequence[Vary], *, out: str | Path | None = None,
              workers: int | None = None, solver_workers: int | None = None, scheduler: Any = None,
              time_limit: float | None = None, compare: bool = True, report: Reporter | None = None,
              runs_base: Path = RUNS_DIR, planner: PlanFn, write_comparison: ComparisonWriter | None = None
              ) -> SweepResult:
    """Write the grid, plan every point, compare them; return what happened.

    ``workers``: points planned at once on this machine (default: one per core);
    ``solver_workers``: CP-SAT threads per point (default: ``cpu_count // workers`` when
    several run at once, else the scenario's ``solver.workers``); ``scheduler``: a Dask
    scheduler address (or a ``dask.distributed`` Client/cluster object) to run on instead.
    ``planner`` plans one point (planner.api.plan_round); ``write_comparison`` writes the
    comparison folder (reports.compare.write_comparison): both wired in by planner.api.
    """
    say = report or (lambda s: None)
    t0 = time.perf_counter()
    base_file = scenario_file(base).resolve()
    if not base_file.is_file():
        raise InputError([Finding(severity="error", file=str(base_file), message="berkas skenario tidak ditemukan")])
    grid(varies)  # usage errors before any folder is made
    resolved, findings = load_scenario_file(base_file)
    if findings or resolved is None:
        raise InputError(findings)
    existed = out is not None and Path(out).exists()
    # Claimed exclusively (sweep.json created with O_EXCL, rewritten at the end): two sweeps
    # with the same --out cannot share the folder. Absolute: Dask workers may run in another
    # working directory (same filesystem).
    folder = claim_dir(f"sweep-{resolved.name}", None if out is None else Path(out), SWEEP_CLAIM,
                       base=runs_base).resolve()
    try:
        points = write_points(base_file, varies, folder, time_limit=time_limit)
    except BaseException:
        # Nothing was planned: leave no half-made sweep folder behind.
        if existed:
            shutil.rmtree(folder / "scenarios", ignore_errors=True)
            (folder / SWEEP_CLAIM).unlink(missing_ok=True)
        else:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    runs_dir = folder / "runs"
    runs_dir.mkdir(exist_ok=True)
    folders = [str(runs_dir / Path(p.scenario_file).stem) for p in points]
    varies_workers = any(v.key == "solver.workers" for v in varies)
    n = len(points)

    if scheduler is not None:
        backend, processes = "dask", 0
        sw = None if varies_workers else solver_workers
        client = scheduler if hasattr(scheduler, "map") and hasattr(scheduler, "gather") else None
        own = client is None
        if own:
            address = getattr(scheduler, "scheduler_address", scheduler)  # a LocalCluster is fine too
            client = _dask_client(address)
        say(f"Sweep {n} titik di klaster Dask {client.scheduler.address}")
        try:
            futures = client.map(plan_point, [planner] * n, [p.scenario_file for p in points], folders,
                                 [None] * n, [sw] * n, pure=False)
            from dask.distributed import as_completed

            index = {f.key: p for f, p in zip(futures, points)}
            for done, fut in enumerate(as_completed(futures, loop=client.loop), start=1):
                p = index[fut.key]
                _apply(p, fut.result())
                _say_point(say, p, done, n)
        finally:
            if own:
                client.close()
    else:
        processes = workers or default_processes(n)
        processes = max(1, min(processes, n))
        cpus = os.cpu_count() or 1
        sw = None if varies_workers else (solver_workers or (max(1, cpus // processes) if processes > 1 else None))
        if processes == 1:
            backend = "sequential"
            say(f"Sweep {n} titik, berurutan")
            for done, (p, f) in enumerate(zip(points, folders), start=1):
                _apply(p, plan_point(planner, p.scenario_file, f, None, sw))
                _say_point(say, p, done, n)
        else:
            import multiprocessing as mp
            from concurrent.futures import ProcessPoolExecutor, as_completed as done

            backend = "processes"
            say(f"Sweep {n} titik, {processes} proses paralel × {sw} thread CP-SAT")
            # spawn: a fresh interpreter per process, no fork of a process that may hold threads.
            with ProcessPoolExecutor(max_workers=processes, mp_context=mp.get_context("spawn")) as pool:
                futs = {pool.submit(plan_point, planner, p.scenario_file, f, None, sw): p for p, f in zip(points, folders)}
                for k, fut in enumerate(done(futs), start=1):
                    p = futs[fut]
                    _apply(p, fut.result())
                    _say_point(say, p, k, n)

    result = SweepResult(folder=folder, base=str(base_file), varies=list(varies), points=points, backend=backend,
                         processes=processes, solver_workers=sw, seconds=0.0)
    ok = [p for p in points if p.ok]
    if compare and len(ok) >= 2:
        from planner.scenarios.compare import compare_runs

        result.comparison = compare_runs([p.run_folder for p in ok], labels=[p.label for p in ok])
        if write_comparison is not None:
            result.compare_folder = write_comparison(result.comparison, out=folder / "compare")
    result.seconds = round(time.perf_counter() - t0, 3)
    _write_summary(result)
    return result


def _write_summary(res: SweepResult) -> None:
    import pandas as pd

    from planner.plan.runfolder import read_plan

    rows = []
    for p in res.points:
        row: dict[str, Any] = {"point": p.index, "label": p.label}
        row.update({k: _scalar(v) if isinstance(v, (list, dict)) else v for k, v in p.values.items()})
        row.update({"status": p.status, "objective": p.objective, "seconds": p.seconds})
        if p.ok:
            plan = read_plan(p.run_folder)
            row.update({"gap": plan.gap, **plan.kpis})
        row.update({"run_folder": p.run_folder, "scenario_file": p.scenario_file, "errors": " | ".join(p.errors)})
        rows.append(row)
    write_csv(pd.DataFrame(rows), res.folder / "sweep.csv")  # text cells neutralised (labels, errors)
    spec = {
        "base": res.base, "vary": [asdict(v) for v in res.varies], "backend": res.backend,
        "processes": res.processes, "solver_workers": res.solver_workers, "seconds": res.seconds,
        "points": [asdict(p) for p in res.points],
        "compare": None if res.compare_folder is None else str(res.compare_folder),
    }
    write_text(res.folder / SWEEP_CLAIM, json.dumps(spec, ensure_ascii=False, indent=1, default=str))

"""Scenarios side by side: how two or more plans differ (issue 6).

Reads plans only (``plan.json`` of run folders, or :class:`~models.plan.Plan` objects);
never the solver. The first run is the reference: every other run is compared with it.

Move differences are computed per run as the two set differences of (nip, post) pairs:
``D+`` (pairs only in the run) and ``D-`` (pairs only in the reference). They are then
matched one to one, first by person (same NIP, different post: ``changed_post``), then by
post (same post, different person: ``changed_person``); what is left unmatched in ``D+`` is
``added`` and in ``D-`` is ``removed``. Hence ``|D+| = added + changed`` and
``|D-| = removed + changed``, and a swap of two people is two ``changed_post`` rows.

Rendering and the comparison folder are in :mod:`reports.compare` (:func:`write_comparison`): ``compare.html`` (self-contained, plots embedded),
``compare.xlsx`` (sheets KPI, Perubahan, Run, Skenario), ``kpi.csv``, ``changes.csv``,
``kpi.png``, ``objective.png`` and ``compare.json``.
"""
from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Sequence

import pandas as pd

from models.labels import KPI_LABELS
from models.plan import MERIT_ORDER_METHOD, Move, Plan
from models.terms import TERM_LABELS, TERM_ORDER
from planner.plan.runfolder import read_plan

# Scenario keys that name a scenario rather than change what is planned.
_NOT_SETTINGS = {"name", "description"}


@dataclass
class RunInfo:
    """One compared run."""

    label: str
    folder: str | None
    name: str
    description: str | None
    status: str
    objective: float | None
    gap: float | None
    rule_pack: str
    method: str = ""


@dataclass
class KpiRow:
    """One figure for every run; ``deltas`` are relative to the first run (None there)."""

    key: str
    label: str
    values: list[Any]
    deltas: list[float | None]


@dataclass
class Change:
    """One difference between a run's moves and the reference run's.

    The ``base_*`` fields describe the reference run's move, the others the compared
    run's; one side is empty for ``added`` and ``removed``.
    """

    run: str
    kind: str  # added | removed | changed_post | changed_person
    base_nip: str | None = None
    base_name: str | None = None
    base_position_id: str | None = None
    base_title: str | None = None
    base_unit: str | None = None
    nip: str | None = None
    name: str | None = None
    position_id: str | None = None
    title: str | None = None
    unit: str | None = None


@dataclass
class RunDiff:
    """How one run's moves differ from the reference run's."""

    run: str
    added: int = 0
    removed: int = 0
    changed_post: int = 0
    changed_person: int = 0
    same: int = 0
    changes: list[Change] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return self.changed_post + self.changed_person

    @property
    def identical(self) -> bool:
        return not self.changes


@dataclass
class Comparison:
    """Two or more runs side by side; the first is the reference."""

    runs: list[RunInfo]
    kpis: list[KpiRow]
    diffs: list[RunDiff]  # one per run after the first
    settings: list[tuple[str, list[Any]]]  # scenario keys whose values differ between runs

    @property
    def labels(self) -> list[str]:
        return [r.label for r in self.runs]

    @property
    def not_optimal(self) -> list[str]:
        """Runs not proven optimal: part of their differences may be the solver's, not the scenario's."""
        # A strict merit-order plan is the same on every run: its gap is the merit order's, not a limit's.
        return [r.label for r in self.runs if r.status != "OPTIMAL" and r.method != MERIT_ORDER_METHOD]

    def caution(self) -> str | None:
        if not self.not_optimal:
            return None
        return ("Perhatian: " + ", ".join(self.not_optimal) + " tidak terbukti optimal (dihentikan batas waktu); "
                "sebagian perbedaan mutasi dapat berasal dari pencarian solver, bukan dari skenario. "
                "Naikkan batas waktu untuk perbandingan yang dapat dipertanggungjawabkan.")

    def kpi(self, key: str) -> KpiRow:
        for row in self.kpis:
            if row.key == key:
                return row
        raise KeyError(key)

    def diff(self, label: str) -> RunDiff:
        for d in self.diffs:
            if d.run == label:
                return d
        raise KeyError(label)

    def kpi_frame(self) -> pd.DataFrame:
        """One row per figure: label, the value per run, the change per later run."""
        rows = []
        for k in self.kpis:
            row: dict[str, Any] = {"key": k.key, "indikator": k.label}
            row.update(dict(zip(self.labels, k.values)))
            for lab, d in zip(self.labels[1:], k.deltas[1:]):
                row[f"Δ {lab}"] = d
            rows.append(row)
        return pd.DataFrame(rows)

    def changes_frame(self) -> pd.DataFrame:
        cols = list(Change.__dataclass_fields__)
        return pd.DataFrame([asdict(c) for d in self.diffs for c in d.changes], columns=cols)

    def to_dict(self) -> dict[str, Any]:
        return {
            "runs": [asdict(r) for r in self.runs],
            "kpis": [asdict(k) for k in self.kpis],
            "diffs": [{**{k: v for k, v in asdict(d).items() if k != "changes"}, "changes": [asdict(c) for c in d.changes]}
                      for d in self.diffs],
            "settings": [{"key": k, "values": v} for k, v in self.settings],
        }



# ------------------------------------------------------------------------------ compute


def diff_moves(base: Sequence[Move], other: Sequence[Move], run: str = "") -> RunDiff:
    """The changes from ``base`` to ``other`` (see the module docstring for the rules)."""
    key = lambda m: (m.nip, m.to_position_id)  # noqa: E731
    base_keys, other_keys = {key(m) for m in base}, {key(m) for m in other}
    plus = sorted((m for m in other if key(m) not in base_keys), key=key)
    minus = sorted((m for m in base if key(m) not in other_keys), key=key)
    out = RunDiff(run=run, same=len(base_keys & other_keys))
    changes: list[Change] = []

    def pair(kind: str, b: Move | None, o: Move | None) -> None:
        changes.append(Change(
            run=run, kind=kind,
            base_nip=b and b.nip, base_name=b and b.name, base_position_id=b and b.to_position_id,
            base_title=b and b.to_title, base_unit=b and b.to_unit,
            nip=o and o.nip, name=o and o.name, position_id=o and o.to_position_id,
            title=o and o.to_title, unit=o and o.to_unit))
        setattr(out, kind, getattr(out, kind) + 1)

    # A person is moved at most once per plan, and a post filled at most once: the
    # matches below are unique.
    minus_by_nip = {m.nip: m for m in minus}
    rest_plus = []
    for m in plus:
        b = minus_by_nip.pop(m.nip, None)
        if b is not None:
            pair("changed_post", b, m)
        else:
            rest_plus.append(m)
    rest_minus = [m for m in minus if m.nip in minus_by_nip]
    minus_by_post = {m.to_position_id: m for m in rest_minus}
    added = []
    for m in rest_plus:
        b = minus_by_post.pop(m.to_position_id, None)
        if b is not None:
            pair("changed_person", b, m)
        else:
            added.append(m)
    for m in added:
        pair("added", None, m)
    for m in rest_minus:
        if m.to_position_id in minus_by_post:
            pair("removed", m, None)
    order = {"changed_post": 0, "changed_person": 1, "added": 2, "removed": 3}
    out.changes = sorted(changes, key=lambda c: (order[c.kind], c.position_id or c.base_position_id or "",
                                                 c.nip or c.base_nip or ""))
    return out


def _labels(plans: Sequence[Plan], folders: Sequence[Path | None]) -> list[str]:
    """Scenario names; folder names where names repeat; a number where both repeat."""
    names = [str(p.scenario.get("name") or "run") for p in plans]
    if len(set(names)) == len(names):
        return names
    alt = [f.name if f is not None else n for n, f in zip(names, folders)]
    if len(set(alt)) == len(alt):
        return alt
    return [f"{i + 1}:{n}" for i, n in enumerate(names)]


def _flatten(d: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(d, dict):
        out: dict[str, Any] = {}
        for k, v in d.items():
            out.update(_flatten(v, f"{prefix}{k}."))
        return out or {prefix[:-1]: {}}
    return {prefix[:-1]: d}


def setting_differences(plans: Sequence[Plan]) -> list[tuple[str, list[Any]]]:
    """Scenario keys (dotted) whose resolved values differ between the plans."""
    flat = [_flatten({k: v for k, v in p.scenario.items() if k not in _NOT_SETTINGS}) for p in plans]
    keys = sorted(set().union(*flat))
    out = []
    for k in keys:
        values = [f.get(k) for f in flat]
        if any(json.dumps(v, sort_keys=True, default=str) != json.dumps(values[0], sort_keys=True, default=str)
               for v in values[1:]):
            out.append((k, values))
    return out


def _num(v: Any) -> float | None:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) else None


def _delta(v: Any, ref: Any) -> float | None:
    a, b = _num(v), _num(ref)
    return None if a is None or b is None else round(a - b, 6)


def compare_plans(plans: Sequence[Plan], labels: Sequence[str] | None = None,
                  folders: Sequence[str | Path | None] | None = None) -> Comparison:
    """Compare plans; the first is the reference. Needs at least two."""
    if len(plans) < 2:
        raise ValueError("perbandingan memerlukan paling sedikit dua run")
    paths = [None if f is None else Path(f) for f in (folders or [None] * len(plans))]
    labels = list(labels) if labels is not None else _labels(plans, paths)
    if len(set(labels)) != len(labels):
        raise ValueError(f"label run harus unik: {labels}")
    runs = [RunInfo(label=lab, folder=None if f is None else str(f), name=str(p.scenario.get("name", "")),
                    description=p.scenario.get("description"), status=p.status, objective=p.objective,
                    gap=p.gap, rule_pack=p.rule_pack, method=p.method) for lab, p, f in zip(labels, plans, paths)]

    rows: list[KpiRow] = []

    def add(key: str, label: str, values: list[Any]) -> None:
        rows.append(KpiRow(key, label, values, [None] + [_delta(v, values[0]) for v in values[1:]]))

    add("status", "Status solver", [p.status for p in plans])
    add("objective", "Nilai objektif", [p.objective for p in plans])
    add("gap_pct", "Selisih ke batas (%)", [None if p.gap is None else round(p.gap * 100, 4) for p in plans])
    keys = list(KPI_LABELS) + sorted({k for p in plans for k in p.kpis} - set(KPI_LABELS))
    for k in keys:
        if any(k in p.kpis for p in plans):
            add(k, KPI_LABELS.get(k, k), [p.kpis.get(k) for p in plans])
    terms = TERM_ORDER + sorted({t for p in plans for t in p.objective_terms} - set(TERM_ORDER))
    for t in terms:
        if any(t in p.objective_terms for p in plans):
            add(f"term.{t}", f"Objektif: {TERM_LABELS.get(t, t)}", [p.objective_terms.get(t) for p in plans])

    diffs = [diff_moves(plans[0].moves, p.moves, lab) for p, lab in zip(plans[1:], labels[1:])]
    return Comparison(runs=runs, kpis=rows, diffs=diffs, settings=setting_differences(plans))


def compare_runs(folders: Sequence[str | Path], labels: Sequence[str] | None = None) -> Comparison:
    """Compare run folders (each holding ``plan.json``); the first is the reference."""
    paths = [Path(f) for f in folders]
    missing = [str(f) for f in paths if not (f / "plan.json").is_file()]
    if missing:
        raise FileNotFoundError("bukan folder run (plan.json tidak ada): " + ", ".join(missing))
    return compare_plans([read_plan(f) for f in paths], labels=labels, folders=paths)


# ------------------------------------------------------------------------------- render

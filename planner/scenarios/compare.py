"""Scenarios side by side: how two or more plans differ (issue 6).

Reads plans only (``plan.json`` of run folders, or :class:`~models.plan.Plan` objects);
never the solver. The first run is the reference: every other run is compared with it.

Move differences are computed per run as the two set differences of (nip, post) pairs:
``D+`` (pairs only in the run) and ``D-`` (pairs only in the reference). They are then
matched one to one, first by person (same NIP, different post: ``changed_post``), then by
post (same post, different person: ``changed_person``); what is left unmatched in ``D+`` is
``added`` and in ``D-`` is ``removed``. Hence ``|D+| = added + changed`` and
``|D-| = removed + changed``, and a swap of two people is two ``changed_post`` rows.

Outputs of :func:`write_comparison`: ``compare.html`` (self-contained, plots embedded),
``compare.xlsx`` (sheets KPI, Perubahan, Run, Skenario), ``kpi.csv``, ``changes.csv``,
``kpi.png``, ``objective.png`` and ``compare.json``.
"""
from __future__ import annotations

import base64
import io
import json
import math
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Sequence

import pandas as pd

from models.plan import Move, Plan
from planner.plan.runfolder import RUNS_DIR, new_run_dir, read_plan

# KPI rows in display order: key → label the committee reads. Keys not listed here but
# present in a plan's kpis are appended with their key as label.
KPI_LABELS: dict[str, str] = {
    "posts_filled": "Jabatan terisi",
    "vacancies_filled": "Kekosongan terisi (neto)",
    "vacant_before": "Jabatan kosong sebelum",
    "vacant_after": "Jabatan kosong sesudah",
    "critical_filled": "Jabatan kritis terisi",
    "critical_vacant_before": "Jabatan kritis kosong sebelum",
    "mean_nine_box_chosen": "Rata-rata nine-box yang terpilih",
    "overdue_rotated": "Pejabat lewat masa jabatan yang dirotasi",
    "units_affected": "Perangkat daerah terdampak",
    "moves": "Jumlah mutasi",
    "moves_vertical": "Mutasi vertikal",
    "moves_horizontal": "Mutasi horizontal",
    "moves_diagonal": "Mutasi diagonal",
    "chains": "Rantai/tukar/rotasi",
    "posts_in_scope": "Jabatan dalam cakupan",
}
# Objective terms in display order, labelled as in the rest of the pack (planner.round.scoring).
TERM_ORDER = ["fill", "vacated", "fit_left", "nine_box", "jpm", "merit", "cross_unit", "overdue_rotation",
              "move_cost", "unit_spread", "nomination"]
try:
    from planner.round.scoring import TERM_LABELS
except ImportError:  # pragma: no cover - labels are cosmetic
    TERM_LABELS = {}
# The panels of kpi.png.
PLOTTED = ["posts_filled", "critical_filled", "mean_nine_box_chosen", "overdue_rotated", "units_affected",
           "moves", "objective"]
CHANGE_LABELS = {
    "added": "mutasi baru",
    "removed": "mutasi batal",
    "changed_post": "orang sama, jabatan lain",
    "changed_person": "jabatan sama, orang lain",
}
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
        return [r.label for r in self.runs if r.status != "OPTIMAL"]

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

    def to_text(self, max_changes: int = 25) -> str:
        return render_text(self, max_changes=max_changes)


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
                    gap=p.gap, rule_pack=p.rule_pack) for lab, p, f in zip(labels, plans, paths)]

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


def _fmt(v: Any) -> str:
    if v is None:
        return "–"
    if isinstance(v, bool):
        return "ya" if v else "tidak"
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            return f"{int(v):,}"
        return f"{v:,.3f}".rstrip("0").rstrip(".") if abs(v) < 1e6 else f"{v:,.1f}"
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def _fmt_delta(v: float | None) -> str:
    if v is None:
        return ""
    if v == 0:
        return "="
    return ("+" if v > 0 else "−") + _fmt(abs(v))


def text_table(header: list[str], rows: list[list[str]], right: set[int] | None = None) -> str:
    """A plain aligned table for the terminal."""
    right = right if right is not None else set(range(1, len(header)))
    width = [max(len(str(c)) for c in col) for col in zip(header, *rows)]

    def line(cells: list[str]) -> str:
        return "  ".join(str(c).rjust(w) if i in right else str(c).ljust(w)
                         for i, (c, w) in enumerate(zip(cells, width))).rstrip()

    return "\n".join([line(header), line(["─" * w for w in width]), *(line(r) for r in rows)])


def _kpi_cells(cmp: Comparison, columns: list[str]) -> tuple[list[str], list[list[str]]]:
    header = ["Indikator", *columns]
    rows = []
    for k in cmp.kpis:
        cells = [k.label, _fmt(k.values[0])]
        for v, d in zip(k.values[1:], k.deltas[1:]):
            cells.append(_fmt(v) + (f" ({_fmt_delta(d)})" if d not in (None, 0) else ""))
        rows.append(cells)
    return header, rows


def _person(nip: str | None, name: str | None) -> str:
    return "" if nip is None else f"{name} ({nip})"


def _post(pid: str | None, title: str | None) -> str:
    return "" if pid is None else f"{title} [{pid}]"


def _change_cells(c: Change) -> list[str]:
    """What changed, compactly: the subject, then the reference's and the run's side."""
    if c.kind == "changed_person":
        return [_post(c.position_id, c.title), _person(c.base_nip, c.base_name), _person(c.nip, c.name)]
    nip, name = (c.nip, c.name) if c.nip is not None else (c.base_nip, c.base_name)
    return [_person(nip, name), _post(c.base_position_id, c.base_title) or "–", _post(c.position_id, c.title) or "–"]


def render_text(cmp: Comparison, max_changes: int = 25) -> str:
    """The comparison as terminal tables; long run labels get short column names (R1, …)."""
    ref = cmp.runs[0].label
    cols = _tick_labels(cmp.labels, width=20, prefix="R")
    out = [f"Perbandingan {len(cmp.runs)} run; acuan: {ref}", ""]
    out.append(text_table(["Kolom", "Run", "Aturan", "Status", "Folder"],
                          [[c, r.label, r.rule_pack, r.status, r.folder or ""] for c, r in zip(cols, cmp.runs)],
                          right=set()))
    if cmp.settings:
        out += ["", "Pengaturan skenario yang berbeda:"]
        out.append(text_table(["Kunci", *cols], [[k, *(_fmt(v) for v in vals)] for k, vals in cmp.settings]))
    if cmp.caution():
        out += ["", cmp.caution()]
    out += ["", f"Indikator (selisih terhadap acuan {cols[0]} dalam kurung):"]
    out.append(text_table(*_kpi_cells(cmp, cols)))
    out += ["", f"Perubahan mutasi terhadap acuan {cols[0]}:"]
    out.append(text_table(["Run", "Sama", "Baru", "Batal", "Orang sama, jabatan lain", "Jabatan sama, orang lain"],
                          [[c, str(d.same), str(d.added), str(d.removed), str(d.changed_post),
                            str(d.changed_person)] for c, d in zip(cols[1:], cmp.diffs)]))
    for c, d in zip(cols[1:], cmp.diffs):
        if d.identical:
            out += ["", f"{c}: mutasi identik dengan {cols[0]}."]
            continue
        out += ["", f"{c}" + (f" ({d.run})" if c != d.run else "") + ":"]
        rows = [[CHANGE_LABELS[x.kind], *_change_cells(x)] for x in d.changes[:max_changes]]
        out.append(text_table(["Perubahan", "Orang / jabatan", f"Di {cols[0]}", f"Di {c}"], rows, right=set()))
        if len(d.changes) > max_changes:
            out.append(f"… dan {len(d.changes) - max_changes} perubahan lain (lihat compare.xlsx).")
    return "\n".join(out)


def _short(label: str, n: int = 22) -> str:
    return label if len(label) <= n else label[: n - 1] + "…"


def _tick_labels(labels: list[str], width: int = 14, prefix: str = "") -> list[str]:
    """Labels short enough for an axis or a column: as they are, else their first word
    (``p01`` of a sweep point) when that is unique, else numbers; a legend says which is which."""
    if all(len(lab) <= width for lab in labels):
        return list(labels)
    first = [lab.split(" ")[0] for lab in labels]
    if len(set(first)) == len(first) and all(len(f) <= width for f in first) and all(" " in lab for lab in labels):
        return first
    return [f"{prefix}{i + 1}" for i in range(len(labels))]


def plot_kpis(cmp: Comparison) -> bytes:
    """Bars per run for the main figures, one panel each; PNG bytes."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    keys = [k for k in PLOTTED if any(r.key == k for r in cmp.kpis)]
    n = len(cmp.runs)
    cols = 4 if len(keys) > 4 else len(keys)
    nrows = math.ceil(len(keys) / cols)
    fig, axes = plt.subplots(nrows, cols, figsize=(3.2 * cols + 0.2 * n, 2.9 * nrows + 0.25 * max(0, n - 3)),
                             squeeze=False)
    colors = plt.get_cmap("tab10" if n <= 10 else "tab20")
    ticks = _tick_labels(cmp.labels, prefix="R")
    legend = ticks != cmp.labels
    bars = None
    for ax, key in zip(axes.flat, keys):
        row = cmp.kpi(key)
        vals = [_num(v) or 0.0 for v in row.values]
        bars = ax.bar(range(n), vals, color=[colors(i % colors.N) for i in range(n)])
        ax.set_title(row.label, fontsize=9)
        ax.set_xticks(range(n), ticks, rotation=30 if n > 4 else 0, ha="right" if n > 4 else "center", fontsize=7)
        ax.tick_params(axis="y", labelsize=7)
        ax.bar_label(bars, labels=[_fmt(v) for v in row.values], fontsize=7, padding=1)
        ax.margins(y=0.18)
        if min(vals) >= 0:
            ax.set_ylim(bottom=0, top=max(1.0, max(vals) * 1.18))
        if key == "mean_nine_box_chosen":
            ax.set_ylim(0, 9.9)
    for ax in list(axes.flat)[len(keys):]:
        ax.set_visible(False)
    fig.suptitle("Indikator per run", fontsize=11)
    if legend and bars is not None:
        fig.legend(bars, [f"{t}: {lab}" if t != lab else lab for t, lab in zip(ticks, cmp.labels)],
                   loc="lower center", ncol=min(3, n), fontsize=7, frameon=False)
        fig.tight_layout(rect=(0, 0.04 + 0.025 * math.ceil(n / 3), 1, 1))
    else:
        fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    plt.close(fig)
    return buf.getvalue()


def plot_objective_terms(cmp: Comparison) -> bytes:
    """The objective by term, grouped bars per run; PNG bytes."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    rows = [k for k in cmp.kpis if k.key.startswith("term.") and any(_num(v) for v in k.values)]
    n = len(cmp.runs)
    fig, ax = plt.subplots(figsize=(9.5, 0.42 * max(3, len(rows)) * max(1.0, n / 4) + 1.4))
    colors = plt.get_cmap("tab10" if n <= 10 else "tab20")
    h = 0.8 / n
    y = np.arange(len(rows))
    for i, lab in enumerate(cmp.labels):
        ax.barh(y + (i - (n - 1) / 2) * h, [_num(r.values[i]) or 0.0 for r in rows], height=h,
                label=_short(lab, 40), color=colors(i % colors.N))
    ax.set_yticks(y, [r.label.removeprefix("Objektif: ") for r in rows], fontsize=8)
    ax.invert_yaxis()
    ax.axvline(0, color="black", linewidth=0.6)
    ax.set_xlabel("poin objektif", fontsize=8)
    ax.set_title("Nilai objektif per komponen", fontsize=11)
    ax.legend(fontsize=7, loc="best")
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    plt.close(fig)
    return buf.getvalue()


_HTML = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>Perbandingan skenario mutasi</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;margin:2em;color:#222;max-width:1200px}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.6em 0;font-size:.9em}
th,td{border:1px solid #ccc;padding:.25em .6em;vertical-align:top}th{background:#f2f2f2;text-align:left}
td.n{text-align:right;white-space:nowrap}.up{color:#1a7f37}.down{color:#b3261e}.muted{color:#666}
img{max-width:100%;height:auto}p.note{color:#555;font-size:.9em}
</style></head><body>
<h1>Perbandingan skenario mutasi</h1>
<p>Dibuat {{ created }}. Acuan: <b>{{ ref }}</b> ({{ cols[0] }}); setiap run lain dibandingkan dengan acuan.</p>
<h2>Run</h2>
<table><tr><th>Kolom</th><th>Run</th><th>Skenario</th><th>Keterangan</th><th>Aturan</th><th>Status</th><th>Folder</th></tr>
{% for r in runs %}<tr><td>{{ cols[loop.index0] }}</td><td>{{ r.label }}</td><td>{{ r.name }}</td><td>{{ r.description or "" }}</td>
<td>{{ r.rule_pack }}</td><td>{{ r.status }}</td><td class="muted">{{ r.folder or "" }}</td></tr>{% endfor %}
</table>
{% if settings %}<h2>Pengaturan skenario yang berbeda</h2>
<table><tr><th>Kunci</th>{% for l in cols %}<th>{{ l }}</th>{% endfor %}</tr>
{% for k, vals in settings %}<tr><td>{{ k }}</td>{% for v in vals %}<td>{{ v }}</td>{% endfor %}</tr>{% endfor %}
</table>{% endif %}
{% if caution %}<p class="note"><b>{{ caution }}</b></p>{% endif %}
<h2>Indikator</h2>
<p class="note">Selisih terhadap acuan dalam kurung. Nilai objektif hanya sebanding antar-run yang memakai bobot
dan aturan yang sama; indikator (jabatan terisi, nine-box, rotasi, …) sebanding selalu.</p>
<table><tr><th>Indikator</th>{% for l in cols %}<th>{{ l }}</th>{% endfor %}</tr>
{% for k in kpis %}<tr><td>{{ k.label }}</td>{% for c in k.cells %}<td class="n">{{ c.value }}{% if c.delta %}
<span class="{{ c.cls }}">({{ c.delta }})</span>{% endif %}</td>{% endfor %}</tr>{% endfor %}
</table>
<img alt="Indikator per run" src="data:image/png;base64,{{ kpi_png }}">
<img alt="Nilai objektif per komponen" src="data:image/png;base64,{{ objective_png }}">
<h2>Perubahan mutasi terhadap {{ cols[0] }}</h2>
<table><tr><th>Run</th><th>Sama</th><th>Mutasi baru</th><th>Mutasi batal</th><th>Orang sama, jabatan lain</th>
<th>Jabatan sama, orang lain</th></tr>
{% for d in diffs %}<tr><td>{{ cols[loop.index] }}</td><td class="n">{{ d.same }}</td><td class="n">{{ d.added }}</td>
<td class="n">{{ d.removed }}</td><td class="n">{{ d.changed_post }}</td><td class="n">{{ d.changed_person }}</td></tr>
{% endfor %}</table>
{% for d in diffs %}{% set c = cols[loop.index] %}<h2>{{ c }}{% if c != d.run %}: {{ d.run }}{% endif %}</h2>
{% if not d.changes %}<p>Mutasi identik dengan {{ cols[0] }}.</p>{% else %}
<table><tr><th>Perubahan</th><th>Orang ({{ cols[0] }})</th><th>Jabatan ({{ cols[0] }})</th><th>Orang ({{ c }})</th>
<th>Jabatan ({{ c }})</th></tr>
{% for c in d.changes %}<tr><td>{{ change_labels[c.kind] }}</td><td>{{ person(c.base_nip, c.base_name) }}</td>
<td>{{ post(c.base_position_id, c.base_title) }}{% if c.base_unit %} <span class="muted">{{ c.base_unit }}</span>{% endif %}</td>
<td>{{ person(c.nip, c.name) }}</td>
<td>{{ post(c.position_id, c.title) }}{% if c.unit %} <span class="muted">{{ c.unit }}</span>{% endif %}</td></tr>
{% endfor %}</table>{% endif %}{% endfor %}
</body></html>
"""


def render_html(cmp: Comparison, kpi_png: bytes, objective_png: bytes) -> str:
    import jinja2

    env = jinja2.Environment(autoescape=True)
    kpis = []
    for k in cmp.kpis:
        cells = []
        for v, d in zip(k.values, k.deltas):
            cls = "" if not d else ("up" if d > 0 else "down")
            cells.append({"value": _fmt(v), "delta": _fmt_delta(d) if d else "", "cls": cls})
        kpis.append({"label": k.label, "cells": cells})
    return env.from_string(_HTML).render(
        created=datetime.now().strftime("%Y-%m-%d %H:%M"), ref=cmp.runs[0].label, runs=cmp.runs,
        caution=cmp.caution(), labels=cmp.labels, cols=_tick_labels(cmp.labels, width=20, prefix="R"), settings=[(k, [_fmt(v) for v in vals]) for k, vals in cmp.settings], kpis=kpis,
        diffs=cmp.diffs, change_labels=CHANGE_LABELS, person=_person, post=_post,
        kpi_png=base64.b64encode(kpi_png).decode("ascii"),
        objective_png=base64.b64encode(objective_png).decode("ascii"))


def write_xlsx(cmp: Comparison, path: Path, kpi_png: bytes | None = None) -> None:
    from openpyxl import Workbook
    from openpyxl.drawing.image import Image
    from openpyxl.styles import Font, PatternFill

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="F2F2F2")
    wb = Workbook()

    def sheet(title: str, header: list[str], rows: list[list[Any]], first: bool = False):
        ws = wb.active if first else wb.create_sheet()
        ws.title = title
        ws.append(header)
        for c in ws[1]:
            c.font, c.fill = bold, fill
        for r in rows:
            ws.append([_cell(v) for v in r])
        for i, col in enumerate(zip(header, *rows), start=1):
            width = min(60, max(len(str(_cell(v) if v is not None else "")) for v in col) + 2)
            ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = width
        ws.freeze_panes = "B2"
        return ws

    labels = cmp.labels
    ws = sheet("KPI", ["Indikator", "Kunci", *labels, *(f"Δ {lab}" for lab in labels[1:])],
               [[k.label, k.key, *k.values, *k.deltas[1:]] for k in cmp.kpis], first=True)
    if kpi_png:
        img = Image(io.BytesIO(kpi_png))
        ws.add_image(img, f"A{len(cmp.kpis) + 4}")
    sheet("Perubahan", ["Run", "Perubahan", "Kode", f"NIP ({labels[0]})", f"Nama ({labels[0]})",
                        f"Jabatan ({labels[0]})", f"Nama jabatan ({labels[0]})", f"Perangkat daerah ({labels[0]})",
                        "NIP (run)", "Nama (run)", "Jabatan (run)", "Nama jabatan (run)", "Perangkat daerah (run)"],
          [[c.run, CHANGE_LABELS[c.kind], c.kind, c.base_nip, c.base_name, c.base_position_id, c.base_title,
            c.base_unit, c.nip, c.name, c.position_id, c.title, c.unit] for d in cmp.diffs for c in d.changes])
    sheet("Ringkasan perubahan", ["Run", "Sama", "Mutasi baru", "Mutasi batal", "Orang sama, jabatan lain",
                                  "Jabatan sama, orang lain"],
          [[d.run, d.same, d.added, d.removed, d.changed_post, d.changed_person] for d in cmp.diffs])
    sheet("Run", ["Run", "Skenario", "Keterangan", "Aturan", "Status", "Objektif", "Selisih", "Folder"],
          [[r.label, r.name, r.description, r.rule_pack, r.status, r.objective, r.gap, r.folder] for r in cmp.runs])
    sheet("Skenario", ["Kunci", *labels], [[k, *vals] for k, vals in cmp.settings])
    wb.save(path)


def _cell(v: Any) -> Any:
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return v


def write_comparison(cmp: Comparison, out: str | Path | None = None, base: Path = RUNS_DIR) -> Path:
    """Write the comparison to a new folder (default ``runs/compare-<timestamp>``); never
    into a folder that already holds files."""
    folder = new_run_dir("compare", None if out is None else Path(out), base=base)
    kpi_png, objective_png = plot_kpis(cmp), plot_objective_terms(cmp)
    (folder / "kpi.png").write_bytes(kpi_png)
    (folder / "objective.png").write_bytes(objective_png)
    (folder / "compare.html").write_text(render_html(cmp, kpi_png, objective_png), encoding="utf-8")
    write_xlsx(cmp, folder / "compare.xlsx", kpi_png)
    cmp.kpi_frame().to_csv(folder / "kpi.csv", index=False)
    cmp.changes_frame().to_csv(folder / "changes.csv", index=False)
    (folder / "compare.json").write_text(json.dumps(cmp.to_dict(), ensure_ascii=False, indent=1, default=str),
                                         encoding="utf-8")
    (folder / "summary.txt").write_text(render_text(cmp, max_changes=10**9) + "\n", encoding="utf-8")
    return folder

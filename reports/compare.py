"""A comparison of runs as people read it: terminal table, plots, HTML page, XLSX workbook, and
the comparison folder (from :mod:`planner.scenarios.compare`'s data)."""
from __future__ import annotations

import base64
import io
import json
import math
from datetime import datetime
from pathlib import Path
from typing import Any

from models.numbers import angka
from models.labels import CHANGE_LABELS
from planner.files.atomic import os_message
from planner.files.cells import write_csv, xlsx_append, xlsx_neutralise
from planner.plan.runfolder import RUNS_DIR, RunFolderError, commit_run, reserve_run
from planner.scenarios.compare import Change, Comparison, _num

# Which way is better, for the figures where one way is: more posts and vacancies filled,
# a higher talent box among the chosen, fewer posts left vacant. Everything else is neutral
# and never coloured: a move count (more moves is not a better round, issue 10), units
# affected, rotations, chains, the objective (comparable only under the same weights).
KPI_DIRECTION: dict[str, int] = {
    "posts_filled": 1, "vacancies_filled": 1, "critical_filled": 1, "mean_nine_box_chosen": 1,
    "vacant_after": -1,
}


def delta_class(key: str, delta: float | None) -> str:
    """The CSS class of a change: ``lebih-baik``/``lebih-buruk`` for a directional figure,
    ``""`` (not coloured) for a neutral one or no change."""
    direction = KPI_DIRECTION.get(key, 0)
    if not delta or not direction:
        return ""
    return "lebih-baik" if delta * direction > 0 else "lebih-buruk"


# The panels of kpi.png.
PLOTTED = ["posts_filled", "critical_filled", "mean_nine_box_chosen", "overdue_rotated", "units_affected",
           "moves", "objective"]


def _fmt(v: Any) -> str:
    if v is None:
        return "–"
    if isinstance(v, bool):
        return "ya" if v else "tidak"
    if isinstance(v, float):
        # Indonesian figures (models.numbers.angka): 52.480,821; up to three decimals, trailing zeros dropped.
        if v.is_integer() and abs(v) < 1e15:
            return angka(v, 0)
        return angka(v, 3).rstrip("0").rstrip(",") if abs(v) < 1e6 else angka(v, 1)
    if isinstance(v, int):
        return angka(v, 0)
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
td.n{text-align:right;white-space:nowrap}.lebih-baik{color:#1a7f37}.lebih-buruk{color:#b3261e}.muted{color:#666}
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
<p class="note">Selisih terhadap acuan dalam kurung. Hijau: lebih baik, merah: lebih buruk, hanya untuk indikator yang
arahnya jelas (jabatan dan kekosongan terisi, jabatan kritis terisi, rata-rata kotak talenta yang terpilih, jabatan kosong
sesudah); jumlah mutasi dan indikator lain tidak diwarnai: lebih banyak mutasi bukan berarti lebih baik. Nilai objektif
hanya sebanding antar-run yang memakai bobot dan aturan yang sama; indikator (jabatan terisi, nine-box, rotasi, …)
sebanding selalu.</p>
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
            cls = delta_class(k.key, d)
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
        xlsx_append(ws, header)
        for c in ws[1]:
            c.font, c.fill = bold, fill
        for r in rows:
            xlsx_append(ws, [_cell(v) for v in r])
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
    xlsx_neutralise(wb)  # a last pass over every sheet, whatever wrote its cells
    wb.save(path)


def _cell(v: Any) -> Any:
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return v


def write_comparison(cmp: Comparison, out: str | Path | None = None, base: Path = RUNS_DIR) -> Path:
    """Write the comparison to a new folder (default ``runs/compare-<timestamp>``); never
    into a folder that already holds files. Written whole or not at all (a temporary
    sibling renamed into place, planner.files.atomic); every text cell of the CSV and XLSX
    files neutralised against formula injection (planner.files.cells)."""
    pending = reserve_run("compare", None if out is None else Path(out), base=base)
    try:
        folder = pending.path
        kpi_png, objective_png = plot_kpis(cmp), plot_objective_terms(cmp)
        (folder / "kpi.png").write_bytes(kpi_png)
        (folder / "objective.png").write_bytes(objective_png)
        (folder / "compare.html").write_text(render_html(cmp, kpi_png, objective_png), encoding="utf-8")
        write_xlsx(cmp, folder / "compare.xlsx", kpi_png)
        write_csv(cmp.kpi_frame(), folder / "kpi.csv")
        write_csv(cmp.changes_frame(), folder / "changes.csv")
        (folder / "compare.json").write_text(json.dumps(cmp.to_dict(), ensure_ascii=False, indent=1, default=str),
                                             encoding="utf-8")
        (folder / "summary.txt").write_text(render_text(cmp, max_changes=10**9) + "\n", encoding="utf-8")
    except BaseException as exc:
        pending.discard()
        if isinstance(exc, OSError) and not isinstance(exc, RunFolderError):
            raise RunFolderError("perbandingan tidak ditulis: " + os_message(exc, pending.target)) from None
        raise
    return commit_run(pending)

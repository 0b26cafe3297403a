"""Plots of the Baperjakat pack (matplotlib, Agg): PNG files the HTML report embeds.

- the nine-box grid of the succession pool with the chosen marked;
- flows of moves between levels (kind → kind) and the busiest flows between perangkat
  daerah, ranked (a unit × unit grid is unreadable at 51 units);
- tenure in the old post of those who move, with the rotation limit;
- changes per perangkat daerah (posts receiving someone, officials leaving), ranked and
  split into side-by-side panels when there are many units.

Figures read at print size (A4, about 18 cm wide); numbers use Indonesian formats.

Figures use the object API (``matplotlib.figure.Figure``), never pyplot's global state.
No plot shows a NIP or a name, so masking does not touch them.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from models.enums import KIND_LABEL, NINE_BOX_GRID  # noqa: E402
from reports import fmt  # noqa: E402
from reports.data import RunData  # noqa: E402

PLOTS = {  # name -> caption
    "kotak-talenta": "Kotak talenta (nine-box) kelompok rencana suksesi dan PNS yang diusulkan",
    "aliran-jenjang": "Aliran mutasi antarjenjang jabatan",
    "aliran-unit": "Aliran mutasi antarperangkat daerah (aliran terbesar)",
    "masa-jabatan": "Masa dalam jabatan lama PNS yang dimutasi",
    "perubahan-unit": "Perubahan per perangkat daerah",
}
LEVELS = ["tanpa", "pelaksana", "jf", "pengawas", "administrator", "jpt_pratama", "jpt_madya"]
LEVEL_LABEL = {**KIND_LABEL, "tanpa": "Tanpa jabatan", "jf": "JF"}
PERF_LABELS = ["Di bawah ekspektasi", "Sesuai ekspektasi", "Di atas ekspektasi"]
POT_LABELS = ["Rendah", "Menengah", "Tinggi"]
_BOX_CELL = {box: cell for cell, box in NINE_BOX_GRID.items()}  # box -> (performance, potential)
_SAVE = {"dpi": 110, "metadata": {"Software": None}}


def _save(fig: Figure, path: Path) -> Path:
    fig.savefig(path, format="png", bbox_inches="tight", **_SAVE)
    return path


def _empty(fig: Figure, ax, text: str) -> None:
    ax.axis("off")
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=11, color="#555")


def nine_box_plot(rd: RunData, path: Path) -> Path:
    """Counts per box: the pool shaded, the chosen marked (dots and 'n diusulkan')."""
    fig = Figure(figsize=(7.2, 6.2))
    ax = fig.add_subplot()
    chosen = {m.nip for m in rd.plan.moves}
    if rd.employees is not None:
        e = rd.employees
        pool_boxes = e.loc[e["in_pool"], "nine_box"].to_numpy()
        chosen_boxes = e.loc[e["nip"].isin(chosen), "nine_box"].to_numpy()
        pool_title = "anggota kelompok rencana suksesi"
    else:
        # Only the nominees' boxes are known, from the pool rule's detail in checks.csv.
        c = rd.checks[rd.checks["rule"] == "pool"]
        box_of = {}
        for nip, detail in zip(c["nip"], c["detail"]):
            m = re.search(r"kotak (\d)", str(detail))
            if m:
                box_of[nip] = int(m.group(1))
        nominees = {n.nip for n in rd.plan.shortlist}
        pool_boxes = np.array([b for n, b in box_of.items() if n in nominees])
        chosen_boxes = np.array([b for n, b in box_of.items() if n in chosen])
        pool_title = "calon dalam daftar calon (kotak diketahui)"
    grid = np.zeros((3, 3), dtype=int)  # [potential, performance]
    sel = np.zeros((3, 3), dtype=int)
    for b in pool_boxes:
        perf, pot = _BOX_CELL[int(b)]
        grid[pot, perf] += 1
    for b in chosen_boxes:
        perf, pot = _BOX_CELL[int(b)]
        sel[pot, perf] += 1
    # a light scale: black text stays readable on every cell; red labels sit on a white chip
    vmax = max(1, grid.max()) * 1.6
    ax.imshow(grid, origin="lower", cmap="Blues", vmin=0, vmax=vmax, extent=(-0.5, 2.5, -0.5, 2.5))
    rng = np.random.default_rng(0)  # fixed jitter: the same run gives the same picture
    chip = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.9}
    for (perf, pot), box in NINE_BOX_GRID.items():
        ax.text(perf - 0.45, pot + 0.38, f"Kotak {box}", fontsize=9, fontweight="bold", va="top")
        ax.text(perf, pot + 0.05, f"{fmt.integer(grid[pot, perf])} {'anggota' if rd.employees is not None else 'calon'}",
                ha="center", fontsize=9)
        if sel[pot, perf]:
            ax.text(perf, pot - 0.15, f"{fmt.integer(sel[pot, perf])} diusulkan", ha="center", fontsize=9,
                    color="#b30000", fontweight="bold", bbox=chip)
            k = sel[pot, perf]
            ax.scatter(perf + rng.uniform(-0.4, 0.4, k), pot + rng.uniform(-0.42, -0.25, k), s=10, color="#d7301f",
                       alpha=0.7, linewidths=0)
    ax.set_xticks(range(3), PERF_LABELS)
    ax.set_yticks(range(3), POT_LABELS)
    ax.set_xlabel("Kinerja")
    ax.set_ylabel("Potensial")
    for v in (0.5, 1.5):
        ax.axhline(v, color="white", lw=2)
        ax.axvline(v, color="white", lw=2)
    ax.set_title(f"Kotak talenta: {fmt.integer(len(pool_boxes))} {pool_title}; "
                 f"{fmt.integer(len(chosen_boxes))} PNS diusulkan (merah)", fontsize=10)
    return _save(fig, path)


def _heatmap(ax, matrix: np.ndarray, rows: list[str], cols: list[str], cmap: str = "Oranges") -> None:
    ax.imshow(matrix, cmap=cmap, aspect="auto", vmin=0, vmax=max(1, matrix.max()))
    ax.set_xticks(range(len(cols)), cols, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(rows)), rows, fontsize=8)
    for i in range(matrix.shape[0]):
        for j in range(matrix.shape[1]):
            if matrix[i, j]:
                ax.text(j, i, str(matrix[i, j]), ha="center", va="center", fontsize=8,
                        color="white" if matrix[i, j] > matrix.max() * 0.6 else "black")


def level_flow_plot(rd: RunData, path: Path) -> Path:
    fig = Figure(figsize=(7.2, 5.0))
    ax = fig.add_subplot()
    counts = Counter((m.from_kind or "tanpa", m.to_kind) for m in rd.plan.moves)
    if not counts:
        _empty(fig, ax, "Tidak ada mutasi")
        return _save(fig, path)
    rows = [k for k in LEVELS if any(f == k for f, _ in counts)]
    cols = [k for k in LEVELS if any(t == k for _, t in counts)]
    matrix = np.array([[counts.get((f, t), 0) for t in cols] for f in rows])
    _heatmap(ax, matrix, [LEVEL_LABEL.get(k, k) for k in rows], [LEVEL_LABEL.get(k, k) for k in cols])
    ax.set_ylabel("Jenjang asal")
    ax.set_xlabel("Jenjang tujuan")
    ax.set_title(f"Aliran mutasi antarjenjang ({len(rd.plan.moves)} mutasi)", fontsize=10)
    return _save(fig, path)


def unit_flow_plot(rd: RunData, path: Path, top: int = 25) -> Path:
    """The ``top`` largest flows between two different units, ranked; within-unit moves counted.
    Flows of a single move are counted in the title, not drawn: a column of equal bars of 1
    says nothing a sentence does not."""
    moves = rd.plan.moves
    pairs = Counter((m.from_unit or "(tanpa jabatan)", m.to_unit) for m in moves if m.from_unit != m.to_unit)
    within = sum(1 for m in moves if m.from_unit == m.to_unit)
    ranked = [kv for kv in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])) if kv[1] > 1][:top]
    singles = sum(1 for n in pairs.values() if n == 1)
    fig = Figure(figsize=(7.2, max(2.8, 0.24 * len(ranked) + 1.5)))
    ax = fig.add_subplot()
    if not ranked:
        _empty(fig, ax, f"{fmt.integer(within)} mutasi di dalam perangkat daerah yang sama; "
                        f"{fmt.integer(singles)} aliran antarperangkat daerah, masing-masing satu mutasi")
        return _save(fig, path)
    y = np.arange(len(ranked))[::-1]
    ax.barh(y, [n for _, n in ranked], color="#756bb1", height=0.7)
    ax.set_yticks(y, [f"{a} → {b}" for (a, b), _ in ranked], fontsize=8)
    for yy, (_, n) in zip(y, ranked):
        ax.text(n, yy, f" {fmt.integer(n)}", va="center", fontsize=8)
    ax.set_xlabel("Jumlah mutasi")
    ax.xaxis.get_major_locator().set_params(integer=True)
    rest = sum(pairs.values()) - sum(n for _, n in ranked) - singles
    shown = (f"{len(ranked)} aliran dengan dua mutasi atau lebih"
             + (f"; {fmt.integer(rest)} mutasi lain di aliran yang lebih kecil" if rest else "")
             + f"; {fmt.integer(singles)} aliran lain masing-masing satu mutasi")
    ax.set_title(f"Aliran antarperangkat daerah (asal → tujuan): {shown}.\n{fmt.integer(within)} mutasi di dalam "
                 f"perangkat daerah yang sama, {fmt.integer(sum(pairs.values()))} antarperangkat daerah", fontsize=9)
    return _save(fig, path)


def tenure_plot(rd: RunData, path: Path) -> Path:
    """Tenure in the old post of the movers, with the median and the rotation limit (the
    "after" side is 0 for everyone and carries no information: not drawn)."""
    fig = Figure(figsize=(7.2, 3.6))
    ax = fig.add_subplot()
    before = np.array([m.tenure_months for m in rd.plan.moves if m.tenure_months is not None], dtype=float) / 12
    if not len(before):
        _empty(fig, ax, "Tidak ada data masa jabatan")
        return _save(fig, path)
    limit = next((r.get("value") for r in rd.rule_pack if r.get("parameter") == "overdue_years"), None)
    bins = np.arange(0, max(2.0, np.ceil(before.max())) + 1, 1.0)
    counts, _, _ = ax.hist(before, bins=bins, color="#6baed6", edgecolor="white")
    overdue = sum(m.overdue for m in rd.plan.moves)
    med = float(np.median(before))
    ax.axvline(med, color="#08519c", ls="--", lw=1)
    ax.text(med, counts.max() * 0.97, f" median {fmt.num(med, 1)} tahun", color="#08519c", fontsize=8, va="top")
    if isinstance(limit, (int, float)) and not isinstance(limit, bool):
        ax.axvline(float(limit), color="#b30000", lw=1.2)
        ax.text(float(limit), counts.max() * 0.70, f" batas rotasi {fmt.num(limit, 0)} tahun", color="#b30000",
                fontsize=8, va="top")
    ax.set_xlabel("Masa dalam jabatan lama (tahun)")
    ax.set_ylabel("Jumlah PNS yang dimutasi")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title(f"Masa dalam jabatan lama {fmt.integer(len(before))} PNS yang dimutasi; {fmt.integer(overdue)} "
                 "pejabat melewati batas masa jabatan dirotasi", fontsize=9)
    return _save(fig, path)


def unit_change_plot(rd: RunData, path: Path, per_panel: int = 30) -> Path:
    """Per unit: posts receiving someone and officials leaving, ranked, in up to two panels."""
    moves = rd.plan.moves
    incoming = Counter(m.to_unit for m in moves)
    leaving = Counter(m.from_unit for m in moves if m.from_unit)
    units = sorted(set(incoming) | set(leaving), key=lambda u: (-(incoming[u] + leaving[u]), u))
    if not units:
        fig = Figure(figsize=(7.2, 3.0))
        _empty(fig, fig.add_subplot(), "Tidak ada mutasi")
        return _save(fig, path)
    n_panels = -(-len(units) // per_panel)
    size = -(-len(units) // n_panels)  # equal halves, not a full panel and a stub
    panels = [units[i:i + size] for i in range(0, len(units), size)]
    rows = max(len(p) for p in panels)
    fig = Figure(figsize=(7.2 if len(panels) == 1 else 7.6, max(2.8, 0.2 * rows + 1.3)))
    axes = fig.subplots(1, len(panels), squeeze=False)[0]
    top = max(max(incoming.values(), default=0), max(leaving.values(), default=0))
    for ax, part in zip(axes, panels):
        y = np.arange(len(part))[::-1] + (rows - len(part))
        ax.barh(y + 0.2, [incoming[u] for u in part], height=0.4, color="#31a354", label="jabatan diisi (masuk)")
        ax.barh(y - 0.2, [leaving[u] for u in part], height=0.4, color="#de2d26", label="pejabat keluar")
        ax.set_yticks(y, part, fontsize=7.5)
        ax.set_ylim(-0.7, rows - 0.3)
        ax.set_xlim(0, top * 1.08 + 0.5)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.tick_params(axis="x", labelsize=7.5)
        ax.set_xlabel("Jumlah mutasi", fontsize=8)
    axes[-1].legend(fontsize=7.5, loc="lower right")
    fig.suptitle(f"Perubahan per perangkat daerah ({fmt.integer(len(units))} perangkat daerah, urut menurut jumlah "
                 "mutasi)", fontsize=9)
    fig.tight_layout()
    return _save(fig, path)


def render_all(rd: RunData, folder: Path, suffix: str = "") -> dict[str, Path]:
    """Write every plot as ``<name><suffix>.png`` into ``folder``; name -> path."""
    makers = {"kotak-talenta": nine_box_plot, "aliran-jenjang": level_flow_plot, "aliran-unit": unit_flow_plot,
              "masa-jabatan": tenure_plot, "perubahan-unit": unit_change_plot}
    return {name: make(rd, folder / f"{name}{suffix}.png") for name, make in makers.items()}

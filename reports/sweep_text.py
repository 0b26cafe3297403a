"""A sweep as a terminal table: one row per grid point with its main figures."""
from __future__ import annotations

from models.numbers import angka
from planner.plan.runfolder import read_plan
from planner.scenarios.sweep import SweepResult, _scalar, _short_keys
from reports.compare import _fmt, text_table


def render_sweep(res: SweepResult) -> str:
    """The sweep as a terminal table: one row per point with its main figures."""
    keys = [v.key for v in res.varies]
    short = _short_keys(keys)
    header = ["Titik", *(short[k] for k in keys), "Status", "Objektif", "Terisi", "Kritis", "Nine-box",
              "Dirotasi", "OPD", "Mutasi", "Waktu (s)"]
    rows = []
    for p in res.points:
        cells = [f"p{p.index:02d}", *(_scalar(p.values[k]) for k in keys)]
        if p.ok:
            k = read_plan(p.run_folder).kpis
            cells += [p.status or "", _fmt(p.objective), _fmt(k.get("posts_filled")), _fmt(k.get("critical_filled")),
                      _fmt(k.get("mean_nine_box_chosen")), _fmt(k.get("overdue_rotated")),
                      _fmt(k.get("units_affected")), _fmt(k.get("moves")), angka(p.seconds)]
        else:
            cells += ["GAGAL", "", "", "", "", "", "", "", angka(p.seconds or 0)]
        rows.append(cells)
    lines = [text_table(header, rows, right=set(range(len(keys) + 2, len(header))))]
    if res.comparison is not None:
        lines += ["", "Perubahan mutasi terhadap p01:"]
        lines.append(text_table(["Titik", "Sama", "Baru", "Batal", "Orang sama, jabatan lain",
                                 "Jabatan sama, orang lain"],
                                [[d.run.split(" ")[0], str(d.same), str(d.added), str(d.removed),
                                  str(d.changed_post), str(d.changed_person)] for d in res.comparison.diffs]))
    for p in res.failed:
        lines += ["", f"{p.label} gagal:", *("  " + e for e in p.errors[:10])]
    if res.not_optimal:
        lines += ["", "Perhatian: titik " + ", ".join(f"p{p.index:02d}" for p in res.not_optimal)
                  + " tidak terbukti optimal (batas waktu); rencananya dapat berbeda bila diulang. "
                  "Naikkan --time-limit atau pakai solver.deterministic: true."]
    where = {"sequential": "berurutan", "processes": f"{res.processes} proses paralel", "dask": "klaster Dask"}
    lines += ["", f"Sweep {len(res.points)} titik ({where[res.backend]}) selesai dalam {angka(res.seconds)} s.",
              f"Folder sweep  : {res.folder}"]
    if res.compare_folder is not None:
        lines.append(f"Perbandingan : {res.compare_folder / 'compare.html'}")
    return "\n".join(lines)


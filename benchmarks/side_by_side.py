"""Benchmark two source trees side by side: the same regions, the same command, runs alternated.

Each run is the whole process, as a user starts it: ``python -m planner.cli plan REGION --out
NEWDIR`` with ``PYTHONPATH`` set to one tree. Wall time is measured around the process and
peak memory is the child's own ``ru_maxrss`` (from ``os.wait4``). Old and new runs alternate
so that load from other work on the machine hits both alike; the table shows medians.
The plans must agree: plan.csv byte for byte and the objective in plan.json.

    python benchmarks/side_by_side.py --old /path/to/old/tree --new . --repeats 3
    python benchmarks/side_by_side.py --old ../base --new . --sizes kabupaten --seed 7

Regions are generated once, with the old tree's generator, so both plan the same files.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _env(tree: Path) -> dict[str, str]:
    # With ``python -m`` the working directory comes first on sys.path: each process also
    # runs in its own tree (cwd), or both sides would import the caller's code.
    return {**os.environ, "PYTHONPATH": str(tree)}


def generate(tree: Path, size: str, seed: int, out: Path) -> Path:
    if size == "demo":
        return tree / "scenarios" / "demo"
    subprocess.run([sys.executable, "-m", "planner.cli", "generate", "--size", size, "--seed", str(seed),
                    "--out", str(out)], env=_env(tree), cwd=tree, check=True, capture_output=True)
    return out


def plan_once(tree: Path, region: Path, out: Path) -> dict:
    """One ``planner plan`` process: wall and CPU seconds, peak MiB, objective, plan.csv bytes.

    CPU time (user + system, all threads) is less disturbed than wall time when other work
    shares the cores; both are reported."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "planner.cli", "plan", str(region), "--out", str(out)],
                            env=_env(tree), cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"plan failed in {tree}:\n{output.decode(errors='replace')}")
    plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_mib": usage.ru_maxrss / 1024,
            "objective": plan["objective"], "load": os.getloadavg()[0],
            "status": plan["status"], "plan_csv": (out / "plan.csv").read_bytes()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--old", type=Path, required=True, help="source tree of the old code")
    ap.add_argument("--new", type=Path, default=ROOT, help="source tree of the new code (default: this one)")
    ap.add_argument("--sizes", nargs="+", default=["demo", "kabupaten", "provinsi"],
                    help="demo (scenarios/demo of the old tree) or a generator size")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()
    old, new = a.old.resolve(), a.new.resolve()
    rows, loads = [], []
    with tempfile.TemporaryDirectory(prefix="side-by-side-") as tmp:
        work = Path(tmp)
        for size in a.sizes:
            region = generate(old, size, a.seed, work / f"region-{size}")
            runs: dict[str, list[dict]] = {"old": [], "new": []}
            for i in range(a.repeats):
                order = [("old", old), ("new", new)] if i % 2 == 0 else [("new", new), ("old", old)]
                for label, tree in order:
                    r = plan_once(tree, region, work / f"run-{size}-{label}-{i}")
                    runs[label].append(r)
                    print(f"{size:10s} {label} run {i + 1}: {r['wall_s']:7.2f} s  cpu {r['cpu_s']:7.2f} s  "
                          f"{r['peak_mib']:7.0f} MiB  "
                          f"objective {r['objective']}  load {r['load']:.1f}", flush=True)
            same_csv = all(r["plan_csv"] == runs["old"][0]["plan_csv"] for r in runs["old"] + runs["new"])
            same_obj = len({r["objective"] for r in runs["old"] + runs["new"]}) == 1
            med = {k: tuple(statistics.median(r[m] for r in v) for m in ("wall_s", "cpu_s", "peak_mib"))
                   for k, v in runs.items()}
            rows.append((size, med, runs["old"][0]["objective"], runs["new"][0]["objective"], same_csv and same_obj))
            loads += [r["load"] for r in runs["old"] + runs["new"]]
    print()
    print("| size | old wall s | new wall s | new/old | old CPU s | new CPU s | new/old | old peak MiB | "
          "new peak MiB | old objective | new objective | same plan |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for size, med, o_obj, n_obj, same in rows:
        (ow, oc, om), (nw, nc, nm) = med["old"], med["new"]
        print(f"| {size} | {ow:.2f} | {nw:.2f} | {nw / ow:.2f} | {oc:.2f} | {nc:.2f} | {nc / oc:.2f} | {om:.0f} | "
              f"{nm:.0f} | {o_obj} | {n_obj} | {'yes' if same else 'NO'} |")
    print(f"\nmedians of {a.repeats} runs each, old and new alternated; seed {a.seed}; {os.cpu_count()} cores; "
          f"1-minute load average {min(loads):.1f}-{max(loads):.1f} at the end of the runs (other work on the machine)")


if __name__ == "__main__":
    main()

"""Benchmark: generate each size, plan it, and print where the time goes.

Each size runs in its own process so that peak memory (ru_maxrss) is that size's alone.
Figures are recorded by hand in benchmarks/RESULTS.md with the machine and date.

    python benchmarks/run.py                      # kecil, kabupaten, provinsi
    python benchmarks/run.py --sizes kabupaten --workers 1 2 4
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def one(size: str, seed: int, workers: int, time_limit: float, method: str = "auto") -> dict:
    from planner.api import plan_round
    from planner.synth.generate import generate_scenario

    with tempfile.TemporaryDirectory() as tmp:
        scn = Path(tmp) / "scn"
        t0 = time.perf_counter()
        generate_scenario(size, seed, scn)
        if method != "auto":  # a child scenario forcing the solver path
            child = Path(tmp) / "child"
            child.mkdir()
            (child / "scenario.yaml").write_text(
                f"extends: {scn / 'scenario.yaml'}\nname: bench\nsolver: {{method: {method}}}\n")
            scn = child
        gen = time.perf_counter() - t0
        t1 = time.perf_counter()
        plan, folder = plan_round(scn, out=Path(tmp) / "run", workers=workers, time_limit=time_limit)
        wall = time.perf_counter() - t1
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB on Linux
    return {
        "size": size, "method": plan.method, "workers": workers, "generate_s": round(gen, 2), **{f"{k}_s": v for k, v in plan.timings.items()},
        "wall_s": round(wall, 2), "peak_mib": round(peak), "status": plan.status,
        "objective": plan.objective, "bound": plan.bound, "gap_pct": round(100 * (plan.gap or 0), 3),
        "posts": plan.sizes["posts_in_scope"], "eligible_pairs": plan.sizes["eligible_pairs"],
        "model_pairs": plan.sizes["model_pairs"], "filled": plan.kpis["posts_filled"],
        "vacancies_filled": plan.kpis["vacancies_filled"],
        "greedy_filled": plan.greedy["posts_filled"], "greedy_vacancies_filled": plan.greedy["vacancies_filled"],
        "greedy_value": plan.greedy["value"], "model_value": plan.greedy["model_value"],
    }


COLUMNS = [("size", "size"), ("method", "path"), ("workers", "w"), ("generate_s", "gen s"), ("load_s", "load s"),
           ("eligibility_s", "elig s"), ("build_s", "build s"), ("solve_s", "solve s"), ("explain_s", "expl s"),
           ("total_s", "total s"), ("peak_mib", "MiB"), ("status", "status"), ("gap_pct", "gap %"),
           ("posts", "posts"), ("eligible_pairs", "pairs"), ("model_pairs", "model"),
           ("vacancies_filled", "net fill"), ("greedy_vacancies_filled", "greedy"),
           ("model_value", "value"), ("greedy_value", "greedy val"), ("bound", "bound")]


def table(rows: list[dict]) -> str:
    head = "| " + " | ".join(h for _, h in COLUMNS) + " |"
    sep = "|" + "|".join("---" for _ in COLUMNS) + "|"
    body = ["| " + " | ".join(str(r.get(k, "")) for k, _ in COLUMNS) + " |" for r in rows]
    return "\n".join([head, sep, *body])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", nargs="+", default=["kecil", "kabupaten", "provinsi"])
    ap.add_argument("--workers", nargs="+", type=int, default=[2])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--time-limit", type=float, default=120)
    ap.add_argument("--method", default="auto", choices=["auto", "cp-sat"],
                    help="auto: LP relaxation first; cp-sat: force the CP-SAT search path")
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        print(json.dumps(one(a.sizes[0], a.seed, a.workers[0], a.time_limit, a.method)))
        return
    rows = []
    for size in a.sizes:
        for w in a.workers:
            out = subprocess.run([sys.executable, __file__, "--one", "--sizes", size, "--workers", str(w),
                                  "--seed", str(a.seed), "--time-limit", str(a.time_limit),
                                  "--method", a.method],
                                 capture_output=True, text=True, check=True)
            rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
            print(table(rows[-1:]).splitlines()[-1], flush=True)
    print()
    print(table(rows))


if __name__ == "__main__":
    main()

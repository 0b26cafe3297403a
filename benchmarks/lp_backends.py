"""Benchmark: stage 1's LP from scratch with GLOP and with HiGHS (planner.solve.strategy.LP_SOLVERS).

For each generated region (seed 1): the round is prepared once, then each backend builds and
solves the LP ``--repeat`` times (median, wall seconds, model building included); the plans
(which pairs are 1), the objectives and the priced bounds (planner.solve.lp.pricing: the
proof path reads the duals) are compared. Figures are recorded by hand in benchmarks/RESULTS.md.

    python benchmarks/lp_backends.py [--sizes kecil kabupaten provinsi] [--repeat 3]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", nargs="+", default=["kecil", "kabupaten", "provinsi"])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()

    import numpy as np

    from planner.api import prepare
    from planner.solve.lp import pricing
    from planner.solve.strategy import LP_SOLVERS
    from planner.synth.generate import generate_scenario

    for size in a.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            generate_scenario(size, a.seed, Path(tmp) / "scn")
            r = prepare(Path(tmp) / "scn").round
        out = {}
        for name, run in LP_SOLVERS.items():
            times = []
            for _ in range(a.repeat):
                t0 = time.perf_counter()
                res = run(r)
                times.append(time.perf_counter() - t0)
            out[name] = (statistics.median(times), res)
        (tg, g), (th, h) = out["glop"], out["highs"]
        print(f"{size}: {len(r.pairs):,} pairs; GLOP {tg:.2f} s, HiGHS {th:.2f} s (median of {a.repeat}); "
              f"integral {g.integral}/{h.integral}; same plan {np.array_equal(g.values > 0.5, h.values > 0.5)}; "
              f"objective {g.objective:,.4f} / {h.objective:,.4f}; "
              f"priced bound {pricing(r, g).bound / 1e8:,.4f} / {pricing(r, h).bound / 1e8:,.4f}", flush=True)


if __name__ == "__main__":
    main()

"""Benchmark: the interactive round (issue 13, item 3) against a cold `planner plan`.

On a generated region (default kabupaten, seed 1):

- cold: `planner plan SCENARIO --out DIR` as a whole process, median of ``--repeat`` runs;
- open: ``Session.open`` once (prepare + the plan + the LP kept in HiGHS);
- lock / ban: one control and ``resolve()`` (the check of the control included), median of
  ``--repeat``, each on a different pair and undone before the next; the first of each is
  checked against a cold plan of a scenario file with the same controls.

The machine is shared, so its load moves the figures by half: the cold runs are interleaved
with the locks and bans (cold i, lock i, ban i), and the share of the cold plan is also given
as the median of lock i / cold i (ban i / cold i), each pair measured under the same load;
- why_not: ``Session.why_not(post, nip)`` for ``--pairs`` random pairs of the shortlist that
  the plan did not choose, median.

Goals: re-solve <= 10 % of the cold plan, why_not <= 1 s. Figures are recorded by hand in
benchmarks/RESULTS.md.

    python benchmarks/warm.py [--size kabupaten] [--seed 1] [--repeat 5] [--pairs 20]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _cold_plan(scn: Path, out: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "planner.cli", "plan", str(scn), "--out", str(out)], check=True,
                   cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def _same_as_cold(s, scn: Path, tmp: Path, name: str) -> bool:
    import yaml

    from planner.api import plan_round

    folder = tmp / name
    folder.mkdir()
    body = {"extends": str(scn / "scenario.yaml"), "name": name, **s.controls.yaml()}
    (folder / "scenario.yaml").write_text(yaml.safe_dump(body, sort_keys=False), encoding="utf-8")
    plan, _ = plan_round(folder, write=False)
    key = lambda p: (p.objective, [(m.nip, m.to_position_id) for m in p.moves],  # noqa: E731
                     sorted((n.position_id, n.rank, n.nip) for n in p.shortlist),
                     [(u.position_id, u.reason) for u in p.unfilled])
    return key(plan) == key(s.plan)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", default="kabupaten")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--pairs", type=int, default=20)
    a = ap.parse_args()

    import numpy as np

    from planner.api import InputError
    from planner.session import Session
    from planner.synth.generate import generate_scenario

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        scn = tmp / "scn"
        generate_scenario(a.size, a.seed, scn)
        cold: list[float] = []
        t0 = time.perf_counter()
        s = Session.open(scn)
        opened = time.perf_counter() - t0
        base = s.plan
        rng = np.random.default_rng(a.seed)
        moved = {m.nip for m in base.moves}
        alternates = [(n.nip, n.position_id) for n in base.shortlist
                      if not n.chosen and n.nip not in moved and n.purpose != "seleksi_terbuka"]
        rng.shuffle(alternates)
        chosen = [(m.nip, m.to_position_id) for m in base.moves]
        rng.shuffle(chosen)

        def timed(kind: str, pairs, checked: list[bool]) -> dict | None:
            """The next pair of ``pairs`` that the control accepts, changed and re-solved."""
            for nip, pid in pairs:
                t1 = time.perf_counter()
                try:
                    getattr(s, kind)(nip, pid)
                except InputError:
                    continue  # a lock validate refuses (the holder cannot move, ...): another pair
                t2 = time.perf_counter()
                change = s.resolve()
                t3 = time.perf_counter()
                row = {"check": t2 - t1, "resolve": t3 - t2, "total": t3 - t1, "method": change.method,
                       "moved": len(change.added) + len(change.removed) + len(change.changed),
                       "solve": s.plan.timings.get("solve"), "assemble": s.plan.timings.get("explain")}
                if not checked:
                    checked.append(_same_as_cold(s, scn, tmp, f"{kind}-check"))
                s.undo()
                return row
            return None

        lock_checked: list[bool] = []
        ban_checked: list[bool] = []
        locks, bans = [], []
        lock_pairs, ban_pairs = iter(alternates), iter(chosen)
        for i in range(a.repeat):
            cold.append(_cold_plan(scn, tmp / f"cold-{i}"))
            locks.append(timed("lock", lock_pairs, lock_checked))
            bans.append(timed("ban", ban_pairs, ban_checked))
        why = []
        for nip, pid in alternates[: a.pairs]:
            t1 = time.perf_counter()
            d = s.why_not(pid, nip)
            why.append(time.perf_counter() - t1)
            assert d["type"] == "calon"

    med = statistics.median
    cold_m = med(cold)
    print(f"region {a.size} seed {a.seed}: {len(base.moves)} moves, {base.sizes.get('model_pairs')} model pairs")
    print(f"cold planner plan (process): median {cold_m:.2f} s of {[round(c, 2) for c in cold]}")
    print(f"Session.open: {opened:.2f} s")
    for name, rows, checked in (("lock", locks, lock_checked), ("ban", bans, ban_checked)):
        paired = med(r["total"] / c * 100 for r, c in zip(rows, cold) if r is not None)
        rows = [r for r in rows if r is not None]
        tot = med(r["total"] for r in rows)
        print(f"{name} + resolve: median {tot:.3f} s ({tot / cold_m * 100:.1f} % of cold; "
              f"paired with the cold run beside it: {paired:.1f} %); "
              f"check {med(r['check'] for r in rows):.3f}, resolve {med(r['resolve'] for r in rows):.3f} "
              f"(solve {med(r['solve'] for r in rows):.3f}, plan assembly {med(r['assemble'] for r in rows):.3f}); "
              f"methods {sorted({r['method'] for r in rows})}; moves changed {[r['moved'] for r in rows]}; "
              f"same plan as cold: {checked}")
    print(f"why_not: median {med(why):.3f} s, max {max(why):.3f} s over {len(why)} pairs")


if __name__ == "__main__":
    main()

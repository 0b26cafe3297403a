"""Issue 10's merit measure over run folders: filled posts whose 1:3 list holds an alternate
who is moved nowhere and scores more than ``--margin`` points above the chosen one.

    python benchmarks/merit.py runs/RUN [runs/RUN2 ...] [--cases]

``--cases`` lists those alternates with the passed-over reason the run gives for them.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import pandas as pd


def measure(run: Path, margin: float = 1.0) -> tuple[dict, pd.DataFrame]:
    plan = pd.read_csv(run / "plan.csv", dtype={"nip": str})
    shortlist = pd.read_csv(run / "shortlist.csv", dtype={"nip": str, "position_id": str})
    passed = pd.read_csv(run / "passed_over.csv", dtype={"nip": str, "chosen_nip": str})
    kpis = json.loads((run / "plan.json").read_text(encoding="utf-8"))
    moved = set(plan["nip"])
    chosen = shortlist[shortlist["chosen"]].set_index("position_id")["score"]
    alternates = shortlist[~shortlist["chosen"]].assign(chosen_score=lambda d: d["position_id"].map(chosen))
    bad = alternates[~alternates["nip"].isin(moved) & (alternates["score"] > alternates["chosen_score"] + margin)]
    bad = bad.merge(passed[["position_id", "nip", "reason"]], on=["position_id", "nip"], how="left")
    posts = int(bad["position_id"].nunique())
    return {"run": str(run), "filled_posts": int(len(chosen)), "moves": int(len(plan)),
            "posts_with_unmoved_better_alternate": posts,
            "share": round(posts / len(chosen), 3) if len(chosen) else 0.0,
            "vacancies_filled": kpis["kpis"]["vacancies_filled"],
            "greedy_vacancies_filled": kpis.get("greedy", {}).get("vacancies_filled")}, bad


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("runs", nargs="+", type=Path)
    ap.add_argument("--margin", type=float, default=1.0)
    ap.add_argument("--cases", action="store_true")
    args = ap.parse_args()
    for run in args.runs:
        summary, bad = measure(run, args.margin)
        print(json.dumps(summary))
        if args.cases and len(bad):
            print(bad[["position_id", "nip", "score", "chosen_score", "reason"]].to_string(index=False))


if __name__ == "__main__":
    main()

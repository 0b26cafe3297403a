"""Compare two run folders byte for byte (plan.json without its timings).

    python benchmarks/same_outputs.py RUN_A RUN_B

Exit 0 when plan.csv, shortlist.csv, checks.csv, unfilled.csv, passed_over.csv,
rule_pack.json and plan.json (``timings`` removed) are identical; else 1 with the names that
differ. Used to check that a speed change leaves every output unchanged.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

FILES = ("plan.csv", "shortlist.csv", "checks.csv", "unfilled.csv", "passed_over.csv", "rule_pack.json")


def _plan_json(run: Path) -> dict:
    d = json.loads((run / "plan.json").read_text(encoding="utf-8"))
    d.pop("timings", None)
    return d


def differences(a: Path, b: Path) -> list[str]:
    out = [f for f in FILES if (a / f).read_bytes() != (b / f).read_bytes()]
    ja, jb = _plan_json(a), _plan_json(b)
    if ja != jb:
        out.append("plan.json: " + ", ".join(k for k in sorted(set(ja) | set(jb)) if ja.get(k) != jb.get(k)))
    return out


def main() -> None:
    a, b = Path(sys.argv[1]), Path(sys.argv[2])
    diff = differences(a, b)
    print("identical" if not diff else "DIFFERENT: " + "; ".join(diff))
    sys.exit(1 if diff else 0)


if __name__ == "__main__":
    main()

"""Run folders: created fresh, never overwritten, written from a Plan only."""
from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pandas as pd

from models.plan import Move, Plan

RUNS_DIR = Path("runs")


def new_run_dir(name: str, out: Path | None = None, base: Path = RUNS_DIR) -> Path:
    """A folder for a new run. ``out`` must not exist yet (or be empty); by default
    ``runs/<scenario>-<timestamp>`` with a suffix if that exists."""
    if out is not None:
        out = Path(out)
        if out.exists() and any(out.iterdir()):
            raise FileExistsError(f"folder {out} sudah berisi; hasil run tidak pernah menimpa run sebelumnya")
        out.mkdir(parents=True, exist_ok=True)
        return out
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "run"
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    base.mkdir(parents=True, exist_ok=True)
    for i in range(1, 1000):
        candidate = base / (f"{slug}-{stamp}" + ("" if i == 1 else f"-{i}"))
        try:
            candidate.mkdir()
            return candidate
        except FileExistsError:
            continue
    raise FileExistsError("tidak dapat membuat folder run baru")


def write_run(plan: Plan, folder: Path, checks: pd.DataFrame, rule_pack_rows: list[dict]) -> None:
    moves = pd.DataFrame([m.model_dump() for m in plan.moves], columns=list(Move.model_fields))
    plan_csv = moves.rename(columns={"to_position_id": "to_position_id"})[
        ["nip", "name", "from_position_id", "to_position_id", "move_type", "score",
         "rank", "from_title", "from_unit", "to_title", "to_unit", "chain", "chain_kind", "article"]]
    plan_csv.to_csv(folder / "plan.csv", index=False)
    sl = pd.DataFrame([n.model_dump() for n in plan.shortlist],
                      columns=["position_id", "rank", "nip", "name", "score", "chosen"])
    sl[["position_id", "rank", "nip", "score", "chosen", "name"]].to_csv(folder / "shortlist.csv", index=False)
    un = pd.DataFrame([u.model_dump() for u in plan.unfilled],
                      columns=["position_id", "reason", "recommendation", "title", "unit", "kind", "critical",
                               "eligible_candidates", "reason_text", "excluded_by_rule"])
    un = un.drop(columns=["excluded_by_rule"])
    un.to_csv(folder / "unfilled.csv", index=False)
    checks.to_csv(folder / "checks.csv", index=False)
    (folder / "rule_pack.json").write_text(json.dumps(rule_pack_rows, ensure_ascii=False, indent=1, default=str),
                                           encoding="utf-8")
    (folder / "plan.json").write_text(plan.model_dump_json(indent=1), encoding="utf-8")


def read_plan(folder: str | Path) -> Plan:
    folder = Path(folder)
    return Plan.model_validate_json((folder / "plan.json").read_text(encoding="utf-8"))

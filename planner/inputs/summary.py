"""A scenario at a glance: what a planner checks before planning a round."""
from __future__ import annotations

from typing import Any

import pandas as pd

from models.enums import KIND_LABEL, STRUCTURAL_KINDS
from planner.inputs.data import ScenarioData


def summarise(data: ScenarioData) -> dict[str, Any]:
    pos, emp = data.positions, data.employees
    as_of = pd.Timestamp(data.scenario.as_of)
    structural = pos[pos["kind"].isin(STRUCTURAL_KINDS)]
    in_post = emp["position_since"].notna()
    years_in_post = (as_of - emp["position_since"]).dt.days / 365.25
    return {
        "name": data.scenario.name,
        "as_of": data.scenario.as_of.isoformat(),
        "rule_pack": data.scenario.rule_pack,
        "units": int(pos["unit"].nunique()),
        "positions": int(len(pos)),
        "positions_by_kind": {k: int(n) for k, n in pos["kind"].value_counts().sort_index().items()},
        "structural_vacant": int(structural["holder_nip"].isna().sum()),
        "structural": int(len(structural)),
        "critical": int(pos["critical"].astype(bool).sum()),
        "employees": int(len(emp)),
        "without_post": int((~emp["position_id"].notna()).sum()),
        "pool": int(emp["in_pool"].astype(bool).sum()),
        "pool_ready_now": int((emp["in_pool"].astype(bool) & (emp["readiness"] == "ready_now")).sum()),
        "overdue_5y": int((in_post & (years_in_post >= 5)).sum()),
        "discipline_records": int(len(data.discipline)),
        "history_rows": int(len(data.history)),
        "errors": len(data.errors),
        "warnings": len(data.warnings),
    }


def render_summary(s: dict[str, Any]) -> str:
    kinds = ", ".join(f"{KIND_LABEL.get(k, k)} {n:,}" for k, n in s["positions_by_kind"].items())
    lines = [
        f"Skenario      : {s['name']} (berlaku {s['as_of']}, aturan {s['rule_pack']})",
        f"Perangkat daerah: {s['units']:,}",
        f"Jabatan       : {s['positions']:,} ({kinds})",
        f"Struktural    : {s['structural']:,}, kosong {s['structural_vacant']:,}; jabatan kritis {s['critical']:,}",
        f"PNS           : {s['employees']:,} (tanpa jabatan {s['without_post']:,}; ≥5 tahun di jabatan {s['overdue_5y']:,})",
        f"Kelompok rencana suksesi: {s['pool']:,} (siap sekarang {s['pool_ready_now']:,})",
        f"Rekam jejak   : {s['history_rows']:,} baris; hukuman disiplin {s['discipline_records']:,}",
        f"Pemeriksaan   : {s['errors']} galat, {s['warnings']} peringatan",
    ]
    return "\n".join(lines)

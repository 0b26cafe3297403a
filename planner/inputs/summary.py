"""A scenario at a glance: what a planner checks before planning a round."""
from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from models.enums import KIND_LABEL, STRUCTURAL_KINDS
from models.numbers import angka, tanggal_dari
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
    kinds = ", ".join(f"{KIND_LABEL.get(k, k)} {angka(n, 0)}" for k, n in s["positions_by_kind"].items())
    lines = [
        f"Skenario      : {s['name']} (berlaku {tanggal_dari(date.fromisoformat(s['as_of']))}, aturan {s['rule_pack']})",
        f"Perangkat daerah: {angka(s['units'], 0)}",
        f"Jabatan       : {angka(s['positions'], 0)} ({kinds})",
        f"Struktural    : {angka(s['structural'], 0)}, kosong {angka(s['structural_vacant'], 0)}; jabatan kritis {angka(s['critical'], 0)}",
        f"PNS           : {angka(s['employees'], 0)} (tanpa jabatan {angka(s['without_post'], 0)}; ≥5 tahun di jabatan {angka(s['overdue_5y'], 0)})",
        f"Kelompok rencana suksesi: {angka(s['pool'], 0)} (siap sekarang {angka(s['pool_ready_now'], 0)})",
        f"Rekam jejak   : {angka(s['history_rows'], 0)} baris; hukuman disiplin {angka(s['discipline_records'], 0)}",
        f"Pemeriksaan   : {s['errors']} galat, {s['warnings']} peringatan",
    ]
    return "\n".join(lines)

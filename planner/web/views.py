"""What the pages show, built from a session's current version with the report pack's helpers.

The web layer plans nothing: the facts of a post (its nominees, their checks, the chain, the
reasons a post stays vacant) come from ``reports.html`` over a ``reports.data.RunData``
assembled in memory from the session (its plan, its checks, its prepared scenario), so the
browser and the printed pack say the same thing in the same words.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from models.labels import KIND_LABEL, KPI_LABELS, MOVE_TYPE_LABEL, PASSED_OVER_REASON_LABEL
from models.plan import Move, Plan
from models.talent import effective_nine_box
from reports import fmt
from reports import html as pack_html
from reports.data import Masker, RunData, unit_names

CHECK_COLUMNS = ["nip", "name", "from_position_id", "position_id", "move_type", "rule", "label", "passed", "detail",
                 "article"]
# KPIs shown on the summary and in a change, in this order.
KPI_KEYS = ["posts_filled", "vacant_before", "vacant_after", "critical_filled", "moves", "moves_vertical",
            "moves_horizontal", "moves_diagonal", "chains", "overdue_rotated", "units_affected"]


def plan_checks(session: Any) -> pd.DataFrame:
    """The rule verdicts behind the current version's nominees (checks.csv in memory).

    Read from the session (``checks`` of the current version, or of the session); a session
    that keeps none gives an empty table and the pages say the checks are not available."""
    for holder in (_current_version(session), session):
        checks = getattr(holder, "checks", None) if holder is not None else None
        if isinstance(checks, pd.DataFrame):
            return checks
    return pd.DataFrame({c: pd.Series(dtype=bool if c == "passed" else object) for c in CHECK_COLUMNS})


def _current_version(session: Any):
    versions = getattr(session, "versions", None) or []
    return versions[-1] if versions else None


def run_data(session: Any) -> RunData:
    """The current version as the report pack reads a run folder, without a run folder."""
    # One version read once: a re-solve finishing meanwhile cannot pair one plan with another's checks.
    version = _current_version(session)
    plan = getattr(version, "plan", None) or session.plan
    checks = getattr(version, "checks", None)
    prep, saved = session.prepared, getattr(version, "saved", None)
    rd = RunData(folder=Path(saved) if saved else Path(plan.scenario_path), plan=plan,
                 checks=checks if isinstance(checks, pd.DataFrame) else plan_checks(session),
                 rule_pack=prep.pack.describe())
    pos, emp = prep.data.positions, prep.data.employees
    rd.critical = dict(zip(pos["position_id"].astype(str), pos["critical"].astype(bool)))
    rd.eselon = {str(k): str(v) for k, v in zip(pos["position_id"], pos["eselon"]) if isinstance(v, str) and v}
    rd.unit_names = unit_names(pos)
    if not emp.empty:
        rd.employees = pd.DataFrame({"nip": emp["nip"].astype(str), "nine_box": effective_nine_box(emp),
                                     "in_pool": emp["in_pool"].astype(bool)})
    return rd


@dataclass
class PlanView:
    """Every page's content for one version, computed once (a version's plan never changes)."""

    rd: RunData
    masker: Masker = field(default_factory=lambda: Masker(False))
    _posts: dict[str, dict[str, Any]] | None = None

    @property
    def plan(self) -> Plan:
        return self.rd.plan

    def summary(self) -> dict[str, Any]:
        return pack_html._summary(self.rd)

    def posts(self) -> dict[str, dict[str, Any]]:
        if self._posts is None:
            self._posts = {p["id"]: p for p in pack_html._posts(self.rd, self.masker)}
        return self._posts

    def post(self, position_id: str) -> dict[str, Any] | None:
        return self.posts().get(position_id)

    def recap(self, unit: str = "", kind: str = "", move_type: str = "") -> list[dict[str, Any]]:
        """The pack's recap rows, each with the codes it is filtered by (unit, level, move type)."""
        moves = self.rd.moves_by_post()
        order = [pid for pid in pack_html.post_order(self.rd) if pid in moves]
        rows = []
        for pid, row in zip(order, pack_html.recap_rows(self.rd, self.masker)):
            m = moves[pid]
            if (unit and m.to_unit != unit) or (kind and m.to_kind != kind) or \
                    (move_type and m.move_type.value != move_type):
                continue
            rows.append({**row, "position_id": pid, "unit_code": m.to_unit, "kind_code": m.to_kind,
                         "kind": KIND_LABEL.get(m.to_kind, m.to_kind)})
        return rows

    def filters(self) -> dict[str, list[tuple[str, str]]]:
        """The choices of the recap filters: the units, levels and move types of this plan."""
        moves = self.plan.moves
        units = sorted({m.to_unit for m in moves}, key=lambda u: self.rd.unit_names.get(u, u))
        kinds = [k for k in KIND_LABEL if any(m.to_kind == k for m in moves)]
        types = [t for t in MOVE_TYPE_LABEL if any(m.move_type.value == t for m in moves)]
        return {"unit": [(u, self.rd.unit_names.get(u, u)) for u in units],
                "kind": [(k, KIND_LABEL[k]) for k in kinds],
                "move_type": [(t, MOVE_TYPE_LABEL[t]) for t in types]}

    def vacant(self) -> list[dict[str, Any]]:
        """The pack's rows of the posts left vacant (in its order), each with its post code."""
        order = {pid: i for i, pid in enumerate(pack_html.post_order(self.rd), 1)}
        pids = [u.position_id for u in sorted(self.plan.unfilled, key=lambda u: order[u.position_id])]
        return [{**v, "position_id": pid} for v, pid in zip(pack_html.vacant_rows(self.rd, self.masker), pids)]

    def passed_over(self, position_id: str) -> list[dict[str, Any]]:
        """Better-scoring eligible candidates not chosen for this post, with the plan's reason."""
        return [{"nip": p.nip, "name": p.name, "score": p.score,
                 "reason": PASSED_OVER_REASON_LABEL.get(p.reason, p.reason), "detail": fmt.text(p.detail)}
                for p in self.plan.passed_over if p.position_id == position_id]

    def unit_name(self, code: str | None) -> str:
        return self.rd.unit_names.get(code or "", code or "")


def kpi_rows(before: dict[str, Any] | None, after: dict[str, Any]) -> list[dict[str, Any]]:
    """KPIs side by side (before → after, with the difference) in the pack's words."""
    rows = []
    for k in KPI_KEYS:
        if k not in after:
            continue
        a = after.get(k)
        b = before.get(k) if before else None
        delta = (a - b) if isinstance(a, (int, float)) and isinstance(b, (int, float)) else None
        rows.append({"key": k, "label": KPI_LABELS.get(k, k), "before": b, "after": a, "delta": delta})
    return rows


# ---------------------------------------------------------------- a change between versions

CHANGE_KIND = {"added": "ditambah", "removed": "dihapus", "changed_post": "orang sama, jabatan lain",
               "changed_person": "jabatan sama, orang lain"}


def _move_row(m: Move | None) -> dict[str, Any]:
    if m is None:
        return {}
    return {"from_title": m.from_title or "(tanpa jabatan)", "move_type": MOVE_TYPE_LABEL.get(m.move_type.value, "")}


def change_view(change: Any, before: Plan | None, after: Plan) -> dict[str, Any]:
    """What a re-solve changed (the session's Change: moves added, removed and changed as
    planner.scenarios.compare.Change rows, the KPIs before and after), each move completed
    from the two versions' plans (where the person comes from, the move type)."""
    b_moves = {m.nip: m for m in (before.moves if before else [])}
    a_moves = {m.nip: m for m in after.moves}

    def row(c: Any) -> dict[str, Any]:
        kind = c.kind
        new = kind != "removed"
        nip, name = (c.nip, c.name) if new else (c.base_nip, c.base_name)
        r = {"kind": kind, "label": CHANGE_KIND.get(kind, kind), "nip": nip or "", "name": name or "",
             "to_position_id": (c.position_id if new else c.base_position_id) or "",
             "to_title": (c.title if new else c.base_title) or "", "was": ""}
        r.update(_move_row(a_moves.get(nip) if new else b_moves.get(nip)))
        if kind == "changed_post":
            r["was"] = f"semula ke {c.base_title} ({c.base_position_id})"
        elif kind == "changed_person":
            r["was"] = f"semula {c.base_name} ({c.base_nip})"
        return r

    kb = getattr(change, "kpis_before", None) or (before.kpis if before else None)
    ka = getattr(change, "kpis_after", None) or after.kpis
    added = [row(c) for c in getattr(change, "added", [])]
    removed = [row(c) for c in getattr(change, "removed", [])]
    changed = [row(c) for c in getattr(change, "changed", [])]
    return {"added": added, "removed": removed, "changed": changed, "rows": changed + added + removed,
            "kpis": kpi_rows(kb, ka),
            "objective_before": getattr(change, "objective_before", before.objective if before else None),
            "objective_after": getattr(change, "objective_after", after.objective),
            "wall_s": getattr(change, "wall_s", None), "method": getattr(change, "method", None)}


# ---------------------------------------------------------------- controls in force

def control_rows(controls: Any, names: dict[str, str], base: Any = None) -> list[dict[str, Any]]:
    """The locks, bans, keeps and reserves in force, named (person, post) for the page;
    ``base`` (the scenario's own controls) marks which of them come from the scenario file."""
    out = _control_rows(controls, names)
    from_file = {(r["kind"], r["nip"], r["position_id"]) for r in _control_rows(base, names)}
    for r in out:
        r["from_scenario"] = (r["kind"], r["nip"], r["position_id"]) in from_file
    return out


def _control_rows(controls: Any, names: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for kind in ("locks", "bans"):
        for item in _items(controls, kind):
            nip, pid = _pair(item)
            out.append({"kind": kind[:-1], "label": CONTROL_LABEL[kind[:-1]], "nip": nip, "name": names.get(nip, ""),
                        "position_id": pid})
    for nip in _items(controls, "keep"):
        nip = nip if isinstance(nip, str) else str(getattr(nip, "nip", nip))
        out.append({"kind": "keep", "label": CONTROL_LABEL["keep"], "nip": nip, "name": names.get(nip, ""),
                    "position_id": None})
    for pid in _items(controls, "reserve"):
        pid = pid if isinstance(pid, str) else str(getattr(pid, "position_id", pid))
        out.append({"kind": "reserve", "label": CONTROL_LABEL["reserve"], "nip": None, "name": "",
                    "position_id": pid})
    return out


CONTROL_LABEL = {"lock": "dikunci ke", "ban": "dilarang untuk", "keep": "tetap di jabatannya",
                 "reserve": "jabatan dicadangkan (tidak diisi)"}


def _items(controls: Any, kind: str) -> list[Any]:
    if controls is None:
        return []
    v = controls.get(kind) if isinstance(controls, dict) else getattr(controls, kind, None)
    return list(v or [])


def _pair(item: Any) -> tuple[str, str]:
    if isinstance(item, (tuple, list)):
        return str(item[0]), str(item[1])
    if isinstance(item, dict):
        return str(item["nip"]), str(item["position_id"])
    return str(item.nip), str(item.position_id)

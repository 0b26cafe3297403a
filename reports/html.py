"""The self-contained HTML report of the Baperjakat pack (jinja2 template, inline CSS).

One file, no network: plots embedded as base64 PNG, styles inline, one tiny inline script
(the filter box). A summary page, then one section per post (shortlist, checks with
values and articles, scores), with print CSS so that a browser prints it to PDF with one
post section per page.
"""
from __future__ import annotations

import base64
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from models.enums import KIND_LABEL, MOVE_TYPE_LABEL
from planner.rules.eligibility import RULES_BY_ID
from models.terms import TERM_LABELS
from models.plan import chain_of
from reports.data import Masker, RunData
from models.labels import CHAIN_KIND_LABEL, REASON_LABEL, RECOMMENDATION_LABEL
from reports.plots import LEVEL_LABEL, LEVELS, PLOTS

TEMPLATE = "laporan.html.j2"


def _env() -> Environment:
    env = Environment(loader=PackageLoader("reports", "templates"), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = lambda x, d=2: "-" if x is None else f"{x:,.{d}f}".replace(",", " ")
    env.filters["pct"] = lambda x: "-" if x is None else f"{x * 100:.2f} %"
    return env


def _value(v: Any) -> str:
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return "" if v is None else str(v)


def _png(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _summary(rd: RunData) -> dict[str, Any]:
    plan = rd.plan
    k = plan.kpis
    by_level: dict[tuple[str, str], int] = {}
    for m in plan.moves:
        key = (m.from_kind or "tanpa", m.to_kind)
        by_level[key] = by_level.get(key, 0) + 1
    rows = [lv for lv in LEVELS if any(f == lv for f, _ in by_level)]
    cols = [lv for lv in LEVELS if any(t == lv for _, t in by_level)]
    to_level = {}
    for m in plan.moves:
        to_level[m.to_kind] = to_level.get(m.to_kind, 0) + 1
    terms = [{"label": TERM_LABELS.get(t, t), "value": v} for t, v in plan.objective_terms.items()]
    return {
        "name": plan.scenario.get("name", ""),
        "as_of": plan.scenario.get("as_of", ""),
        "rule_pack": plan.rule_pack,
        "status": plan.status,
        "interrupted": plan.interrupted,
        "objective": plan.objective,
        "bound": plan.bound,
        "gap": plan.gap,
        "time": plan.timings.get("total", sum(plan.timings.values())),
        "kpis": k,
        "by_type": [(MOVE_TYPE_LABEL[t], k.get(f"moves_{t}", 0)) for t in ("vertical", "horizontal", "diagonal")],
        "by_to_level": [(KIND_LABEL.get(lv, lv), to_level[lv]) for lv in LEVELS if lv in to_level],
        "level_rows": [{"label": LEVEL_LABEL.get(f, f), "cells": [by_level.get((f, t), 0) for t in cols],
                        "total": sum(by_level.get((f, t), 0) for t in cols)} for f in rows],
        "level_cols": [LEVEL_LABEL.get(t, t) for t in cols],
        "terms": terms,
        "terms_total": round(sum(plan.objective_terms.values()), 2),
        "greedy": plan.greedy,
        "units": len({m.to_unit for m in plan.moves} | {m.from_unit for m in plan.moves if m.from_unit}),
        "unfilled": len(plan.unfilled),
        "nominees": len(plan.shortlist),
        "vacated_outside": len(plan.vacated_outside_scope),
    }


def _check_matrix(rd: RunData, pid: str, nominees: list[dict[str, Any]], masker: Masker) -> list[dict[str, Any]]:
    """One row per rule, one cell per nominee: passed, detail; the articles cited."""
    order: list[str] = []
    cells: dict[str, dict[str, Any]] = {}
    for i, n in enumerate(nominees):
        for r in rd.checks_of(n["_nip"], pid).itertuples():
            if r.rule not in cells:
                order.append(r.rule)
                cells[r.rule] = {"label": r.label, "articles": [], "cells": [None] * len(nominees)}
            row = cells[r.rule]
            row["cells"][i] = {"passed": bool(r.passed), "detail": masker.text(r.detail)}
            if r.article and r.article not in row["articles"]:
                row["articles"].append(r.article)
    return [cells[k] for k in order]


def _chain(rd: RunData, m) -> dict[str, Any]:
    order = chain_of(rd.plan, m.chain)
    return {"id": m.chain, "kind": m.chain_kind, "label": CHAIN_KIND_LABEL.get(m.chain_kind, m.chain_kind),
            "steps": [{"name": x.name, "from": x.from_title or "(tanpa jabatan)", "to": x.to_title,
                       "here": x.to_position_id == m.to_position_id} for x in order]}


def _posts(rd: RunData, masker: Masker) -> list[dict[str, Any]]:
    moves, unfilled, shortlist = rd.moves_by_post(), rd.unfilled_by_post(), rd.shortlist_by_post()
    placed = rd.moves_by_nip()
    terms = rd.pair_terms()
    ids = sorted(set(moves) | set(unfilled),
                 key=lambda p: ((moves[p].to_unit if p in moves else unfilled[p].unit), p))
    out = []
    for pid in ids:
        m, u = moves.get(pid), unfilled.get(pid)
        nominees = []
        for n in shortlist.get(pid, []):
            if u is not None:
                fate = "calon untuk panitia seleksi terbuka"
            elif n.chosen:
                fate = "diusulkan"
            elif n.nip in placed:
                fate = f"diusulkan ke {placed[n.nip].to_title} ({placed[n.nip].to_unit})"
            else:
                fate = "tidak dimutasi"
            nominees.append({"_nip": n.nip, "nip": masker.nip(n.nip), "name": n.name, "rank": n.rank,
                             "score": n.score, "chosen": n.chosen, "fate": fate})
        section: dict[str, Any] = {
            "id": pid, "anchor": "jabatan-" + "".join(ch if ch.isalnum() else "-" for ch in pid),
            "title": m.to_title if m else u.title, "unit": m.to_unit if m else u.unit,
            "kind": KIND_LABEL.get(m.to_kind if m else u.kind, ""), "critical": rd.is_critical(pid),
            "state": "terisi" if m else "kosong", "nominees": nominees,
            "checks": _check_matrix(rd, pid, nominees, masker) if nominees else [],
        }
        for n in nominees:
            mine = rd.checks_of(n["_nip"], pid)
            n["all_passed"] = bool(mine["passed"].all()) if len(mine) else None
            del n["_nip"]
        if m is not None:
            section["chosen"] = {
                "nip": masker.nip(m.nip), "name": m.name, "rank": m.rank,
                "from": m.from_title or "(tanpa jabatan)", "from_unit": m.from_unit or "",
                "move_type": MOVE_TYPE_LABEL[m.move_type.value], "article": m.article,
                "tenure": m.tenure_months, "overdue": m.overdue, "score": m.score,
            }
            section["terms"] = [{"label": TERM_LABELS.get(t, t), "value": m.score_terms[t]}
                                for t in terms if t in m.score_terms]
            section["value"] = round(sum(m.score_terms.values()), 2)
            section["chain"] = _chain(rd, m) if m.chain_kind != "tunggal" else None
        else:
            excl = [{"label": RULES_BY_ID[k].label if k in RULES_BY_ID else k, "n": v}
                    for k, v in u.excluded_by_rule.items()]
            section["unfilled"] = {
                "reason": REASON_LABEL.get(u.reason, u.reason), "text": masker.text(u.reason_text),
                "recommendation": RECOMMENDATION_LABEL.get(u.recommendation, u.recommendation),
                "eligible": u.eligible_candidates, "considered": u.considered,
                "exclusions": excl,
            }
        out.append(section)
    return out


def render_html(rd: RunData, plots: dict[str, Path], masker: Masker) -> str:
    posts = _posts(rd, masker)
    units: dict[str, list[dict[str, Any]]] = {}
    for p in posts:
        units.setdefault(p["unit"], []).append(p)
    return _env().get_template(TEMPLATE).render(
        s=_summary(rd), posts=posts, units=units, masked=masker.enabled,
        plots=[{"name": name, "caption": PLOTS[name], "src": _png(path)} for name, path in plots.items()],
        rule_pack=[{"parameter": r.get("parameter", ""), "value": _value(r.get("value")),
                    "article": r.get("article", ""), "note": r.get("note", "")} for r in rd.rule_pack],
        notes=[masker.text(n) for n in rd.notes],
        generated=datetime.now().strftime("%Y-%m-%d %H:%M"),
    )


def write_html(rd: RunData, path: Path, plots: dict[str, Path], masker: Masker) -> Path:
    path.write_text(render_html(rd, plots, masker), encoding="utf-8")
    return path

"""The self-contained HTML report of the Baperjakat pack (jinja2 template, inline CSS).

One file, no network: plots embedded as base64 PNG, styles inline, one tiny inline script
(the filter box). The order is the committee's: front matter (title, one-page summary in
the committee's words), the recap table (one row per move), the posts left vacant, then
one compact section per post (several to a printed page), then the appendices (plots,
the solver's figures, the rule pack). Every figure a person reads is formatted by
``reports.fmt`` (``22.841,1``, ``1 Desember 2026``).
"""
from __future__ import annotations

import base64
from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from models.labels import (CHAIN_KIND_LABEL, KIND_LABEL, MOVE_TYPE_LABEL, NOMINEE_FACTS_HEADING, PANGKAT_LABEL,
                           PARAMETER_LABEL, PARAMETER_UNIT, PASSED_OVER_HEADING, PASSED_OVER_REASON_LABEL,
                           REASON_LABEL, RECOMMENDATION_LABEL, TERM_SHORT_LABEL, VALUE_LABEL)
from models.plan import MERIT_ORDER_METHOD, chain_of
from models.terms import FIT_TERMS, TERM_LABELS, TERMS_BY_KEY
from planner.rules.eligibility import RULES_BY_ID
from reports import fmt
from reports.data import Masker, RunData
from reports.nominee_facts import fact_rows
from reports.plots import LEVEL_LABEL, LEVELS, PLOTS

TEMPLATE = "laporan.html.j2"
WHOLE_ROWS = 6
MOVE_TYPE_NOTE = {"vertical": "naik jenjang", "horizontal": "jenjang setara", "diagonal": "antarjenis jabatan"}


def _env() -> Environment:
    env = Environment(loader=PackageLoader("reports", "templates"), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = lambda x, d=1: fmt.num(x, d)
    env.filters["int"] = fmt.integer
    env.filters["pct"] = fmt.pct
    env.filters["tanggal"] = fmt.tanggal
    return env


def pangkat(rank: str | None) -> str:
    """``IV/a`` → ``Pembina, IV/a``."""
    if not rank:
        return ""
    name = PANGKAT_LABEL.get(rank)
    return f"{name}, {rank}" if name else rank


def rule_value(parameter: str, v: Any) -> str:
    """A rule-pack value in words: no JSON, no snake_case."""
    unit = PARAMETER_UNIT.get(parameter, "")

    def one(x: Any) -> str:
        if isinstance(x, bool):
            return fmt.ya_tidak(x)
        if isinstance(x, (int, float)):
            if parameter.endswith("_share"):
                return fmt.pct(x, 0)
            return (fmt.num(x, 0) if float(x).is_integer() else fmt.num(x, 1)) + (f" {unit}" if unit else "")
        s = str(x)
        if ":" in s:  # grade codes such as administrator:III.a
            kind, _, level = s.partition(":")
            return f"{VALUE_LABEL.get(kind, kind)} {VALUE_LABEL.get(level, level)}"
        return VALUE_LABEL.get(s, s)

    if v is None:
        return "tidak diatur"
    if isinstance(v, dict):
        return "; ".join(f"{VALUE_LABEL.get(str(k), str(k))}: {one(x)}" for k, x in v.items())
    if isinstance(v, (list, tuple)):
        return ", ".join(one(x) for x in v) if v else "tidak ada"
    return one(v)


def _png(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _rule_pack_value(rd: RunData, parameter: str) -> Any:
    for r in rd.rule_pack:
        if r.get("parameter") == parameter:
            return r.get("value")
    return None


def _summary(rd: RunData) -> dict[str, Any]:
    plan = rd.plan
    k = plan.kpis
    by_level: dict[tuple[str, str], int] = {}
    for m in plan.moves:
        key = (m.from_kind or "tanpa", m.to_kind)
        by_level[key] = by_level.get(key, 0) + 1
    rows = [lv for lv in LEVELS if any(f == lv for f, _ in by_level)]
    cols = [lv for lv in LEVELS if any(t == lv for _, t in by_level)]
    value_terms = {t: v for t, v in plan.objective_terms.items() if t != "nomination"}
    value = round(sum(value_terms.values()), 2)  # == plan.greedy["model_value"]: the plan's one total
    terms = [{"label": TERM_LABELS.get(t, t), "value": v} for t, v in value_terms.items()]
    overdue = _rule_pack_value(rd, "overdue_years")
    as_of = fmt.as_date(plan.scenario.get("as_of"))
    return {
        "name": plan.scenario.get("name", ""),
        "instansi": plan.scenario.get("instansi") or "",
        "as_of": fmt.tanggal(as_of) if as_of else "",
        "rule_pack": plan.rule_pack,
        "status": plan.status,
        "optimal": plan.status == "OPTIMAL" or (plan.gap is not None and plan.gap <= 1e-6),
        "interrupted": plan.interrupted,
        "merit_order": plan.method == MERIT_ORDER_METHOD,
        "comparable_merit": plan.scenario.get("comparable_merit", 1.0),
        "gap": plan.gap,
        "time": plan.timings.get("total", sum(plan.timings.values())),
        "kpis": k,
        "posts_considered": k.get("posts_filled", 0) + len(plan.unfilled),
        "overdue_label": f"≥ {fmt.num(overdue, 0)} tahun" if isinstance(overdue, (int, float)) else "melewati batas",
        "by_type": [(MOVE_TYPE_LABEL[t].capitalize(), MOVE_TYPE_NOTE[t], k.get(f"moves_{t}", 0))
                    for t in ("vertical", "horizontal", "diagonal")],
        "level_rows": [{"label": LEVEL_LABEL.get(f, f), "cells": [by_level.get((f, t), 0) for t in cols],
                        "total": sum(by_level.get((f, t), 0) for t in cols)} for f in rows],
        "level_cols": [LEVEL_LABEL.get(t, t) for t in cols],
        "level_totals": [sum(by_level.get((f, t), 0) for f in rows) for t in cols],
        "terms": terms,
        "value": value,
        "nomination": plan.objective_terms.get("nomination"),
        "nomination_label": TERMS_BY_KEY["nomination"].label,
        "greedy": plan.greedy,
        "unfilled": len(plan.unfilled),
        "nominees": len(plan.shortlist),
        "vacated_outside": len(plan.vacated_outside_scope),
    }


def _cells_merge(cells: list[dict[str, Any] | None]) -> list[dict[str, Any]]:
    """Identical verdicts side by side become one cell spanning those nominees."""
    out: list[dict[str, Any]] = []
    for c in cells:
        c = {"na": True} if c is None else c
        last = out[-1] if out else None
        if last is not None and {k: v for k, v in last.items() if k != "span"} == c:
            last["span"] += 1
        else:
            out.append({**c, "span": 1})
    return out


def _check_matrix(rd: RunData, pid: str, nominees: list[dict[str, Any]], masker: Masker) -> list[dict[str, Any]]:
    """One row per rule, one cell per nominee (equal cells merged): passed, detail; articles."""
    order: list[str] = []
    cells: dict[str, dict[str, Any]] = {}
    # "usia 51 th 5 bl pada 2026-12-01": the date is the round's, stated once in the header
    as_of = f" pada {rd.plan.scenario.get('as_of', '')}"
    for i, n in enumerate(nominees):
        for r in rd.checks_of(n["_nip"], pid).itertuples():
            if r.rule not in cells:
                order.append(r.rule)
                # The row names the rule briefly; its wording with the pack's figures (checks.csv
                # label) is in the rule legend, once for the whole pack.
                short = RULES_BY_ID[r.rule].label if r.rule in RULES_BY_ID else r.label
                cells[r.rule] = {"label": short, "full_label": r.label, "articles": [],
                                 "cells": [None] * len(nominees)}
            row = cells[r.rule]
            detail = masker.detail(r.rule, r.detail).replace(as_of, "")
            if r.rule == "move" and r.article:  # the path's article differs per nominee: in the cell
                detail = f"{detail}; {r.article}"
            row["cells"][i] = {"passed": bool(r.passed), "detail": fmt.text(detail)}
            row["rule"] = r.rule
            if r.article and r.article not in row["articles"]:
                row["articles"].append(r.article)
    return [{**cells[k], "cells": _cells_merge(cells[k]["cells"])} for k in order]


def _split_common(rows: list[dict[str, Any]], n: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rules every nominee passes with the same detail (one merged cell) are listed in one
    line; the rest keep their row. Nothing is dropped: label, detail and article stay."""
    common = [r for r in rows if n > 1 and len(r["cells"]) == 1 and r["cells"][0].get("passed")
              and r["cells"][0]["span"] == n]
    return [r for r in rows if r not in common], common


def _unit(rd: RunData, code: str | None) -> str:
    if not code:
        return ""
    return rd.unit_names.get(code, code)


def _chain(rd: RunData, m, masker: Masker) -> dict[str, Any]:
    order = chain_of(rd.plan, m.chain)
    return {"id": m.chain, "kind": m.chain_kind, "label": CHAIN_KIND_LABEL.get(m.chain_kind, m.chain_kind),
            "steps": [{"name": masker.name(x.name), "from": x.from_title or "(tanpa jabatan)", "to": x.to_title,
                       "here": x.to_position_id == m.to_position_id} for x in order]}


def post_order(rd: RunData) -> list[str]:
    """Posts in the pack's order: the filled ones by unit and post code, then the vacant ones.
    Section number = recap number = the workbook's No for the moves."""
    moves, unfilled = rd.moves_by_post(), rd.unfilled_by_post()
    return (sorted(moves, key=lambda p: (moves[p].to_unit, p))
            + sorted(set(unfilled) - set(moves), key=lambda p: (unfilled[p].unit, p)))


def _anchor(pid: str) -> str:
    return "jabatan-" + "".join(ch if ch.isalnum() else "-" for ch in pid)


def _posts(rd: RunData, masker: Masker) -> list[dict[str, Any]]:
    moves, unfilled, shortlist = rd.moves_by_post(), rd.unfilled_by_post(), rd.shortlist_by_post()
    placed = rd.moves_by_nip()
    terms = rd.pair_terms()
    out = []
    for no, pid in enumerate(post_order(rd), 1):
        m, u = moves.get(pid), unfilled.get(pid)
        nominees = []
        for n in shortlist.get(pid, []):
            if u is not None:
                fate = "calon untuk panitia seleksi terbuka"
            elif n.chosen:
                fate = "diusulkan"
            elif n.nip in placed:
                fate = f"diusulkan ke {placed[n.nip].to_title} ({_unit(rd, placed[n.nip].to_unit)})"
            else:
                fate = "tidak dimutasi"
            nominees.append({"_nip": n.nip, "nip": masker.nip(n.nip), "name": masker.name(n.name), "rank": n.rank,
                             "score": n.score, "chosen": n.chosen, "fate": fate})
        kind = m.to_kind if m else u.kind
        eselon = rd.eselon.get(pid, "")
        section: dict[str, Any] = {
            "no": no, "id": pid, "anchor": _anchor(pid),
            "title": m.to_title if m else u.title, "unit": _unit(rd, m.to_unit if m else u.unit),
            "kind": KIND_LABEL.get(kind, "") + (f" (eselon {eselon})" if eselon else ""),
            "critical": rd.is_critical(pid),
            "state": "terisi" if m else "kosong", "nominees": nominees,
        }
        section["checks"], section["common"] = _split_common(
            _check_matrix(rd, pid, nominees, masker) if nominees else [], len(nominees))
        # The move type and its article are in the rule rows ("Jalur mutasi diizinkan"): not repeated.
        section["facts"] = (fact_rows([rd.facts_of(n["_nip"], pid) for n in nominees], public=masker.enabled)
                            if nominees and rd.plan.nominee_facts else [])
        section["passed_over"] = passed_over_rows(rd, pid, masker)
        section["passed_over_summary"] = passed_over_summary(rd, pid)
        for n in nominees:
            mine = rd.checks_of(n["_nip"], pid)
            n["all_passed"] = bool(mine["passed"].all()) if len(mine) else None
            del n["_nip"]
        if m is not None:
            section["chosen"] = {
                "nip": masker.nip(m.nip), "name": masker.name(m.name), "rank": pangkat(m.rank),
                "from": m.from_title or "(tanpa jabatan)", "from_unit": _unit(rd, m.from_unit),
                "move_type": MOVE_TYPE_LABEL[m.move_type.value], "article": m.article,
                "tenure": fmt.bulan(m.tenure_months) if m.tenure_months is not None else None,
                "overdue": m.overdue, "score": m.score,
            }
            section["terms"] = [{"label": TERM_LABELS.get(t, t), "short": TERM_SHORT_LABEL.get(t, t),
                                 "value": m.score_terms[t]}
                                for t in FIT_TERMS if m.score_terms.get(t)]  # a zero adds nothing to the sum
            section["value"] = round(sum(m.score_terms.values()), 2)
            section["chain"] = _chain(rd, m, masker) if m.chain_kind != "tunggal" else None
        else:
            section["unfilled"] = _vacant(rd, u, masker)
        # up to this many table rows a section fits in a third of a page: kept in one piece
        # the fact rows count: measured on the small session run, 46 printed pages counted, 48 not (43 before
        # the facts were shown)
        section["whole"] = len(section["checks"]) + bool(section["common"]) + len(section["facts"]) <= WHOLE_ROWS
        out.append(section)
    return out


PASSED_OVER_SHOWN = 2  # per post page, the strongest; the full list is in the workbook and passed_over.csv
# Reasons that explain themselves in a count (the person serves elsewhere, or an equal post):
# the post page names one by one only the others, which the committee must weigh.
ROUTINE_REASONS = ("placed_elsewhere", "equal_post")


def passed_over_rows(rd: RunData, pid: str, masker: Masker) -> list[dict[str, Any]]:
    """The better-scoring candidates of a filled post who were not chosen, each with the
    reason in words and its concrete detail (Plan.passed_over): those whose reason needs
    weighing one by one (at most PASSED_OVER_SHOWN); the others are counted by
    :func:`passed_over_summary`."""
    placed = rd.moves_by_nip()
    rows = []
    for p in rd.passed_over_by_post().get(pid, []):
        if p.reason in ROUTINE_REASONS or len(rows) == PASSED_OVER_SHOWN:
            continue
        other = placed.get(p.nip)
        rows.append({"nip": masker.nip(p.nip), "name": masker.name(p.name), "score": p.score,
                     "chosen_score": p.chosen_score, "margin": round(p.score - p.chosen_score, 2),
                     "reason": PASSED_OVER_REASON_LABEL.get(p.reason, p.reason),
                     "detail": fmt.text(masker.text(p.detail)),
                     "placed": f"{other.to_title} ({_unit(rd, other.to_unit)})" if other is not None else ""})
    return rows


def passed_over_summary(rd: RunData, pid: str) -> str:
    """One sentence for the better-scoring candidates the post page does not name one by one."""
    every = rd.passed_over_by_post().get(pid, [])
    named = [p for p in every if p.reason not in ROUTINE_REASONS][:PASSED_OVER_SHOWN]
    rest = [p for p in every if p not in named]
    if not rest:
        return ""
    counts: dict[str, int] = {}
    for p in rest:
        counts[p.reason] = counts.get(p.reason, 0) + 1
    parts = ", ".join(f"{fmt.integer(n)} {PASSED_OVER_REASON_LABEL.get(r, r)}" for r, n in counts.items())
    lead = "Kandidat lain" if named else "Kandidat"
    return (f"{lead} bernilai lebih tinggi yang tidak dipilih: {fmt.integer(len(rest))} ({parts}); daftar lengkap di "
            "lembar Kandidat Tidak Dipilih (usulan-mutasi.xlsx) dan passed_over.csv.")


def _vacant(rd: RunData, u, masker: Masker) -> dict[str, Any]:
    excl = [{"label": RULES_BY_ID[k].label if k in RULES_BY_ID else k, "n": v} for k, v in u.excluded_by_rule.items()]
    return {
        "reason": REASON_LABEL.get(u.reason, u.reason), "text": fmt.text(masker.text(u.reason_text)),
        "recommendation": RECOMMENDATION_LABEL.get(u.recommendation, u.recommendation),
        "eligible": u.eligible_candidates, "considered": u.considered, "exclusions": excl,
    }


def recap_rows(rd: RunData, masker: Masker) -> list[dict[str, Any]]:
    """The recap table: one row per move, in section order, with nominees 2 and 3."""
    moves, shortlist = rd.moves_by_post(), rd.shortlist_by_post()
    rows = []
    for no, pid in enumerate(post_order(rd), 1):
        m = moves.get(pid)
        if m is None:
            continue
        others = [n for n in shortlist.get(pid, []) if not n.chosen]
        rows.append({
            "no": no, "anchor": _anchor(pid), "nip": masker.nip(m.nip), "name": masker.name(m.name),
            "rank": pangkat(m.rank), "from": m.from_title or "(tanpa jabatan)", "from_unit": _unit(rd, m.from_unit),
            "to": m.to_title, "to_unit": _unit(rd, m.to_unit), "move_type": MOVE_TYPE_LABEL[m.move_type.value],
            "alt": [masker.name(n.name) for n in others[:2]] + [""] * (2 - len(others[:2])),
        })
    return rows


def vacant_rows(rd: RunData, masker: Masker) -> list[dict[str, Any]]:
    order = {pid: i for i, pid in enumerate(post_order(rd), 1)}
    return [{"no": order[u.position_id], "anchor": _anchor(u.position_id), "title": u.title,
             "unit": _unit(rd, u.unit), "kind": KIND_LABEL.get(u.kind, u.kind), **_vacant(rd, u, masker)}
            for u in sorted(rd.plan.unfilled, key=lambda u: order[u.position_id])]


def rule_legend(posts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each rule checked in the pack once, with every article it was checked under: the
    post sections name the rule only (the move rule's article stays in its cells)."""
    seen: dict[str, dict[str, Any]] = {}
    for p in posts:
        for r in [*p["checks"], *p["common"]]:
            if r.get("rule") == "move":
                continue
            label = r.get("full_label", r["label"])
            entry = seen.setdefault(label, {"label": label, "articles": []})
            entry["articles"] += [a for a in r["articles"] if a not in entry["articles"]]
    return list(seen.values())


TENURE_GROUND_LABEL = {"kinerja": "target kinerja tidak tercapai", "kualifikasi": "tidak memenuhi kualifikasi",
                       "pelanggaran": "hukuman disiplin selama di jabatan ini"}


def tenure_due_rows(rd: RunData, masker: Masker) -> list[dict[str, Any]]:
    """Officials past the pack's maximum tenure (plan.past_tenure_max): due for rotation or
    reappointment; the plan's move, if any, and the Pasal 15 ayat (1) grounds that hold."""
    return [{"nip": masker.nip(t.nip), "name": masker.name(t.name), "title": t.title, "unit": _unit(rd, t.unit),
             "kind": KIND_LABEL.get(t.kind, t.kind), "since": fmt.tanggal(t.since) if t.since else "-",
             "tenure": t.tenure_text, "moved": t.moved, "article": t.article,
             "grounds": ", ".join(TENURE_GROUND_LABEL.get(g, g) for g in t.grounds)}
            for t in rd.plan.past_tenure_max]


def render_html(rd: RunData, plots: dict[str, Path], masker: Masker, *, generated: datetime | None = None) -> str:
    posts = _posts(rd, masker)
    units: dict[str, list[dict[str, Any]]] = {}
    for p in posts:
        units.setdefault(p["unit"], []).append(p)
    return _env().get_template(TEMPLATE).render(
        s=_summary(rd), posts=posts, units=units, masked=masker.enabled, masked_names=masker.names,
        facts_heading=NOMINEE_FACTS_HEADING, passed_over_heading=PASSED_OVER_HEADING,
        recap=recap_rows(rd, masker), vacant=vacant_rows(rd, masker), legend=rule_legend(posts),
        plots=[{"name": name, "caption": PLOTS[name], "src": _png(path)} for name, path in plots.items()],
        rule_pack=[{"parameter": PARAMETER_LABEL.get(r.get("parameter", ""), r.get("parameter", "")),
                    "value": rule_value(r.get("parameter", ""), r.get("value")),
                    "article": r.get("article", ""), "note": r.get("note", "")} for r in rd.rule_pack],
        notes=[fmt.text(masker.text(n)) for n in rd.notes],
        tenure_due=tenure_due_rows(rd, masker),
        generated=fmt.waktu(generated or datetime.now()),
    )


def write_html(rd: RunData, path: Path, plots: dict[str, Path], masker: Masker) -> Path:
    path.write_text(render_html(rd, plots, masker), encoding="utf-8")
    return path

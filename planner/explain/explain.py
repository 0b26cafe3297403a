"""``planner explain``: why a post got this person, why it stayed vacant, why not that person.

Everything an explanation says comes from a run folder (plan.json, checks.csv) or is
recomputed from the scenario the run was planned from (``plan.scenario_path``):

- a filled post: the chosen person, every rule checked (values and articles, checks.csv),
  the pair's score term by term, the alternates of the shortlist with the difference term
  by term (recomputed from the scenario: the run folder keeps only their totals), and the
  chain of moves the assignment belongs to;
- a vacant post: the reason, how many candidates each rule excluded, the recommendation;
- a person for a post (``nip``): the failed rules if not eligible; otherwise why not
  nominated and the objective lost if the person were forced into the post, computed by
  re-solving the round with that lock (a ``Resolver``, wired in by :mod:`planner.api`).

:func:`explain` returns a plain dict (JSON-serialisable) for tests and notebooks;
``reports.explain_text`` turns it into terminal text. This stage knows no solver: the
counterfactual re-solve is a ``Resolver`` the API passes in.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from models.enums import KIND_LABEL, MOVE_TYPE_LABEL
from models.plan import Move, Plan, chain_of
from planner.inputs.load import InputError
from models.terms import PAIR_TERMS
from planner.plan.runfolder import has_passed_over, read_checks, read_plan
from models.terms import TERM_LABELS
from models.labels import CHAIN_KIND_LABEL, PASSED_OVER_REASON_LABEL, REASON_LABEL, RECOMMENDATION_LABEL

# (nip, position_id, time_limit, workers) -> the plan with that lock; raises InputError when infeasible.
Resolver = Callable[[str, str, "float | None", "int | None"], Plan]

# Terms of a pair's value in the objective, in display order: the score terms (their sum is
# the pair's score), then the terms that depend on the posts (filling the post, emptying the
# old one, ...), as planner.round.build defines them.


class ExplainError(Exception):
    """A question the run cannot answer (unknown post, missing run folder, ...)."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


# ----------------------------------------------------------------------------- context


@dataclass
class _Context:
    """A run folder and, when still available, the scenario it was planned from."""

    run: Path
    plan: Plan
    checks: pd.DataFrame
    data: Any = None  # planner.inputs.load.ScenarioData
    pack: Any = None  # planner.rules.pack.RulePack
    notes: list[str] = field(default_factory=list)
    resolver: Resolver | None = None  # re-solves the run's scenario with one more lock (wired in by planner.api)
    _round: Any = None
    _elig: Any = None
    _tried: bool = False

    def load_scenario(self) -> bool:
        """Load ``plan.scenario_path``; note (not fail) when it is gone or has changed."""
        if self.data is not None or self._tried:
            return self.data is not None
        self._tried = True
        from planner.rules.scenario_pack import rule_pack_for
        from planner.inputs.load import load_valid

        try:
            self.data = load_valid(self.plan.scenario_path)
            self.pack = rule_pack_for(self.data)
        except InputError as exc:
            self.notes.append(f"Skenario {self.plan.scenario_path} tidak dapat dimuat ({len(exc.findings)} galat); "
                              "rincian yang perlu dihitung ulang tidak tersedia.")
            self.data = None
            return False
        changed = sorted(k for k, v in self.plan.input_hashes.items() if self.data.input_hashes.get(k) != v)
        if changed:
            self.notes.append("Data skenario telah berubah sejak run dibuat (" + ", ".join(changed) + "): "
                              "angka yang dihitung ulang memakai data sekarang.")
        return True

    @property
    def round(self):
        """The round as prepared for the solver (pairs with their term_* columns)."""
        if self._round is None:
            from planner.round.build import prepare_round, round_eligibility

            self._elig = round_eligibility(self.data, self.pack)
            self._round = prepare_round(self.data, self.pack, self._elig,
                                        candidates_per_post=self.data.scenario.solver.candidates_per_post)
        return self._round


def _context(run: str | Path) -> _Context:
    # planner.plan.runfolder reads the folder (RunFolderError when it is not a whole run).
    run = Path(run)
    return _Context(run=run, plan=read_plan(run), checks=read_checks(run))


# ----------------------------------------------------------------------------- pieces


def _check_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{"rule": r.rule, "label": r.label, "passed": bool(r.passed), "detail": str(r.detail),
             "article": str(r.article)} for r in frame.itertuples()]


def _pair_checks(ctx: _Context, nip: str, position_id: str) -> list[dict[str, Any]]:
    c = ctx.checks
    return _check_rows(c[(c["nip"] == nip) & (c["position_id"] == position_id)])


def _terms(values: dict[str, float]) -> list[dict[str, Any]]:
    order = [*PAIR_TERMS, *(t for t in values if t not in PAIR_TERMS)]
    return [{"term": t, "label": TERM_LABELS.get(t, t), "value": round(float(values.get(t, 0.0)), 2)}
            for t in order if t in values]


def _pair_term_values(ctx: _Context, nip: str, position_id: str) -> dict[str, float] | None:
    """The pair's terms recomputed from the scenario, as the solver saw them."""
    if not ctx.load_scenario():
        return None
    ap = ctx.round.all_pairs
    row = ap[(ap["nip"] == nip) & (ap["position_id"] == position_id)]
    if row.empty:
        return None
    r = row.iloc[0]
    return {t: round(float(r[f"term_{t}"]), 2) for t in PAIR_TERMS if f"term_{t}" in r.index}


def _move_brief(m: Move) -> dict[str, Any]:
    return {"nip": m.nip, "name": m.name, "rank": m.rank,
            "from_position_id": m.from_position_id, "from_title": m.from_title, "from_unit": m.from_unit,
            "from_kind": m.from_kind, "to_position_id": m.to_position_id, "to_title": m.to_title,
            "to_unit": m.to_unit, "to_kind": m.to_kind, "move_type": m.move_type.value,
            "move_type_label": MOVE_TYPE_LABEL[m.move_type.value], "article": m.article, "score": m.score}


def _chain(plan: Plan, move: Move) -> dict[str, Any]:
    moves = chain_of(plan, move.chain)
    return {"id": move.chain, "kind": move.chain_kind,
            "kind_label": CHAIN_KIND_LABEL.get(move.chain_kind, move.chain_kind),
            "moves": [_move_brief(m) for m in moves]}


def _post_info(ctx: _Context, position_id: str) -> dict[str, Any] | None:
    plan = ctx.plan
    for m in plan.moves:
        if m.to_position_id == position_id:
            return {"position_id": position_id, "title": m.to_title, "unit": m.to_unit, "kind": m.to_kind,
                    "kind_label": KIND_LABEL.get(m.to_kind, m.to_kind), "critical": None}
    for u in plan.unfilled:
        if u.position_id == position_id:
            return {"position_id": position_id, "title": u.title, "unit": u.unit, "kind": u.kind,
                    "kind_label": KIND_LABEL.get(u.kind, u.kind), "critical": u.critical}
    if ctx.load_scenario():
        pos = ctx.data.positions
        row = pos[pos["position_id"] == position_id]
        if not row.empty:
            r = row.iloc[0]
            return {"position_id": position_id, "title": r["title"], "unit": r["unit"], "kind": r["kind"],
                    "kind_label": KIND_LABEL.get(r["kind"], r["kind"]), "critical": bool(r["critical"])}
    return None


def _critical(ctx: _Context, info: dict[str, Any]) -> None:
    if info.get("critical") is None and ctx.load_scenario():
        pos = ctx.data.positions.set_index("position_id")
        if info["position_id"] in pos.index:
            info["critical"] = bool(pos.at[info["position_id"], "critical"])


def _facts(ctx: _Context, nip: str, position_id: str) -> dict[str, Any] | None:
    """What the run recorded about this nominee (plan.json), as data; None for a run written
    before nominee facts were recorded."""
    found = next((f for f in ctx.plan.nominee_facts if f.nip == nip and f.position_id == position_id), None)
    return None if found is None else found.model_dump(mode="json")


def _person_facts(ctx: _Context, nip: str, position_id: str, checks: pd.DataFrame) -> dict[str, Any] | None:
    """The facts of a person for a post: as recorded when a nominee, else computed with the
    function the run used, from the scenario's candidate facts and the path of ``checks``
    (the person's verdicts for the post)."""
    recorded = _facts(ctx, nip, position_id)
    if recorded is not None:
        return recorded
    from types import SimpleNamespace

    from planner.plan.facts import nominee_facts
    from planner.rules.facts import candidate_facts

    facts = ctx._elig.facts if ctx._elig is not None else candidate_facts(ctx.data, ctx.pack)
    if nip not in facts.index:
        return None
    path = checks.loc[checks["rule"] == "move", ["nip", "position_id", "move_type", "article"]]
    # whether the same-rumpun rule reaches the pair, as its verdict says
    rumpun_rule = checks.loc[checks["rule"] == "same_rumpun", "applies"].astype(bool)
    path = path.assign(same_rumpun=bool(rumpun_rule.any()))
    found = nominee_facts([(nip, position_id)], SimpleNamespace(facts=facts, pairs=path), ctx.pack, ctx.data)
    return found[0].model_dump(mode="json")


def _passed_over(ctx: _Context, position_id: str) -> list[dict[str, Any]]:
    """Better-scoring candidates of the post who were not chosen, best first, with the reason."""
    moved_to = {m.nip: m for m in ctx.plan.moves}
    rows = []
    for p in sorted((p for p in ctx.plan.passed_over if p.position_id == position_id), key=lambda p: (-p.score, p.nip)):
        other = moved_to.get(p.nip)
        rows.append({**p.model_dump(mode="json"), "margin": round(p.score - p.chosen_score, 2),
                     "reason_label": PASSED_OVER_REASON_LABEL.get(p.reason, p.reason),
                     "placed": None if other is None else {"position_id": other.to_position_id,
                                                           "title": other.to_title, "unit": other.to_unit}})
    return rows


def _solver_info(plan: Plan) -> dict[str, Any]:
    return {"status": plan.status, "objective": plan.objective, "bound": plan.bound, "gap": plan.gap,
            "method": plan.method}


# ----------------------------------------------------------------------------- a filled post


def _explain_filled(ctx: _Context, move: Move) -> dict[str, Any]:
    plan = ctx.plan
    pid = move.to_position_id
    info = _post_info(ctx, pid)
    _critical(ctx, info)
    chosen_terms = dict(move.score_terms)
    chosen_value = round(sum(chosen_terms.values()), 2)
    moved_to = {m.nip: m for m in plan.moves}
    alternates = []
    for n in sorted((n for n in plan.shortlist if n.position_id == pid and not n.chosen), key=lambda n: n.rank):
        terms = _pair_term_values(ctx, n.nip, pid)
        alt: dict[str, Any] = {"rank": n.rank, "nip": n.nip, "name": n.name, "score": n.score,
                               "checks": _pair_checks(ctx, n.nip, pid), "terms": None, "difference": None,
                               "value": None, "value_difference": None}
        alt["all_passed"] = all(c["passed"] for c in alt["checks"])
        if terms is not None:
            value = round(sum(terms.values()), 2)
            alt["terms"] = _terms(terms)
            alt["difference"] = [{"term": t, "label": TERM_LABELS.get(t, t),
                                  "value": round(terms.get(t, 0.0) - chosen_terms.get(t, 0.0), 2)}
                                 for t in [*terms, *(t for t in chosen_terms if t not in terms)]]
            alt["value"] = value
            alt["value_difference"] = round(value - chosen_value, 2)
        other = moved_to.get(n.nip)
        alt["placed"] = None if other is None else {"position_id": other.to_position_id, "title": other.to_title,
                                                    "unit": other.to_unit}
        alt["facts"] = _facts(ctx, n.nip, pid)
        alternates.append(alt)
    checks = _pair_checks(ctx, move.nip, pid)
    return {
        "type": "terisi",
        "run": str(ctx.run),
        "position": info,
        "chosen": {**_move_brief(move), "overdue": move.overdue, "tenure_months": move.tenure_months,
                   "facts": _facts(ctx, move.nip, pid)},
        "checks": checks,
        "all_passed": all(c["passed"] for c in checks),
        "score": move.score,
        "score_terms": _terms(chosen_terms),
        "value": chosen_value,
        "alternates": alternates,
        "passed_over": _passed_over(ctx, pid),
        # an older run (no passed_over.csv) cannot say why a better-scoring alternate was not chosen
        "passed_over_recorded": has_passed_over(ctx.run) or not any(a["score"] > move.score for a in alternates),
        "chain": _chain(plan, move),
        "solver": _solver_info(plan),
        "notes": list(ctx.notes),
    }


# ----------------------------------------------------------------------------- a vacant post


def _exclusions(counts: dict[str, int]) -> list[dict[str, Any]]:
    from planner.rules.eligibility import RULES, RULES_BY_ID

    order = {r.id: i for i, r in enumerate(RULES)}
    rows = [{"rule": k, "label": RULES_BY_ID[k].label if k in RULES_BY_ID else k, "excluded": int(v)}
            for k, v in counts.items()]
    return sorted(rows, key=lambda r: (order.get(r["rule"], 99), r["rule"]))


def _explain_unfilled(ctx: _Context, u) -> dict[str, Any]:
    plan = ctx.plan
    nominees = [{"rank": n.rank, "nip": n.nip, "name": n.name, "score": n.score,
                 "facts": _facts(ctx, n.nip, u.position_id)}
                for n in sorted((n for n in plan.shortlist if n.position_id == u.position_id), key=lambda n: n.rank)]
    left_by = next((m for m in plan.moves if m.from_position_id == u.position_id), None)
    return {
        "type": "kosong",
        "run": str(ctx.run),
        "position": {"position_id": u.position_id, "title": u.title, "unit": u.unit, "kind": u.kind,
                     "kind_label": KIND_LABEL.get(u.kind, u.kind), "critical": u.critical},
        "reason": u.reason,
        "reason_label": REASON_LABEL.get(u.reason, u.reason),
        "reason_text": u.reason_text,
        "recommendation": u.recommendation,
        "recommendation_label": RECOMMENDATION_LABEL.get(u.recommendation, u.recommendation),
        "eligible_candidates": u.eligible_candidates,
        "considered": int(u.considered),
        "excluded_by_rule": _exclusions(u.excluded_by_rule),
        "nominees": nominees,  # for open selection: the best eligible candidates for the panel
        "vacated_by": None if left_by is None else _move_brief(left_by),
        "solver": _solver_info(plan),
        "notes": list(ctx.notes),
    }


def _explain_unchanged(ctx: _Context, position_id: str) -> dict[str, Any]:
    """A post that is neither filled nor left vacant by the plan: its holder stays, or it is out of scope."""
    info = _post_info(ctx, position_id)
    if info is None:
        raise ExplainError([f"jabatan {position_id} tidak ada dalam rencana maupun peta jabatan skenario"])
    plan = ctx.plan
    left_by = next((m for m in plan.moves if m.from_position_id == position_id), None)
    holder = None
    if ctx.data is not None:
        pos = ctx.data.positions.set_index("position_id")
        h = pos.at[position_id, "holder_nip"] if position_id in pos.index else None
        if isinstance(h, str):
            emp = ctx.data.employees.set_index("nip")
            holder = {"nip": h, "name": emp.at[h, "name"] if h in emp.index else ""}
    structural = info["kind"] in ("jpt_madya", "jpt_pratama", "administrator", "pengawas")
    if left_by is not None:
        text = (f"Pemegang jabatan dimutasi ke {left_by.to_position_id} ({left_by.to_title}); "
                + ("jabatan pelaksana/fungsional tidak direncanakan dalam putaran ini (di luar cakupan)."
                   if not structural else "jabatan ini tidak diisi kembali."))
    elif not structural:
        text = "Jabatan pelaksana/fungsional di luar cakupan putaran (putaran merencanakan jabatan struktural)."
    elif holder is not None:
        text = "Jabatan tetap diduduki pemegangnya: pemegang jabatan tidak dimutasi dalam rencana ini."
    else:
        text = "Jabatan tidak berubah dalam rencana ini."
    return {"type": "tetap", "run": str(ctx.run), "position": info, "holder": holder, "text": text,
            "vacated_by": None if left_by is None else _move_brief(left_by), "solver": _solver_info(plan),
            "notes": list(ctx.notes)}


# ----------------------------------------------------------------------------- why not this person


def _no_path_text(ctx: _Context, nip: str, position_id: str) -> str:
    ctx.round  # the eligibility of the scenario, computed once for the context (or the API's)
    f = ctx._elig.facts.loc[nip]
    pos = ctx.data.positions.set_index("position_id")
    t = pos.loc[position_id]
    if f["position_id"] == position_id:
        return "PNS ini adalah pemegang jabatan tersebut saat ini."
    if t["kind"] not in ("jpt_madya", "jpt_pratama", "administrator", "pengawas"):
        return "jabatan pelaksana/fungsional di luar cakupan putaran (putaran merencanakan jabatan struktural)"

    def grade(kind, eselon, jf_level) -> str:
        label = KIND_LABEL.get(kind, str(kind))
        if isinstance(eselon, str) and eselon:
            label += f" eselon {eselon}"
        if isinstance(jf_level, str) and jf_level:
            label += f" {jf_level.replace('_', ' ')}"
        return label

    return (f"paket aturan {ctx.pack.name} tidak memuat jalur mutasi dari "
            f"{grade(f['kind'], f['eselon'], f['jf_level'])} "
            f"ke {grade(t['kind'], t['eselon'], t['jf_level'])}")


def _why_not_in_model(r, sc, ap: pd.DataFrame, nip: str, position_id: str) -> str:
    """Why an eligible pair is not among the round's decisions: pruning, or a held post whose
    holder cannot move anywhere (so the post cannot be vacated in this round)."""
    per_post = sc.solver.candidates_per_post
    by_value = list(ap.sort_values(["coef", "nip"], ascending=[False, True])["nip"])
    if per_post is not None and by_value.index(nip) + 1 > per_post:
        return (f"Tidak termasuk {per_post} pasangan bernilai tertinggi per jabatan yang dimasukkan ke "
                "model (candidates_per_post).")
    post = r.posts[r.posts["position_id"] == position_id]
    holder = post["holder_nip"].iloc[0] if not post.empty else None
    if isinstance(holder, str) and holder not in set(r.pairs["nip"]):
        return (f"Jabatan ini tidak dapat dikosongkan dalam putaran ini: pemegangnya ({holder}) tidak "
                "memenuhi syarat untuk jabatan lain mana pun, atau dikunci/tetap dalam skenario.")
    if not post.empty and bool(post.iloc[0].get("open_selection_route", False)):  # an occupied JPT post
        return ("JPT yang terisi hanya dapat dirotasi oleh JPT pada jenjang dan eselon yang sama (Uji Kelayakan "
                "dan Kepatutan); jalur lain ke jabatan ini melalui seleksi terbuka bila jabatan itu kosong.")
    return "Pasangan tidak dimasukkan ke model putaran ini (dibatasi pengaturan skenario)."


def _why_not_nominated(ctx: _Context, nip: str, position_id: str) -> list[str]:
    """Reasons, from the round as the solver saw it, that the pair was not among the nominees."""
    plan, sc, r = ctx.plan, ctx.data.scenario, ctx.round
    out = []
    if nip in set(sc.keep):
        out.append("PNS ini ditetapkan tetap di jabatannya (keep) dalam skenario.")
    if any(b.nip == nip and b.position_id == position_id for b in sc.bans):
        out.append("Pasangan ini dilarang (bans) dalam skenario.")
    post = r.posts[r.posts["position_id"] == position_id]
    if not post.empty:
        p = post.iloc[0]
        if p["reserved"]:
            out.append("Jabatan dicadangkan (reserve) untuk seleksi terbuka dalam skenario.")
        elif p["open_selection"]:
            out.append("JPT diisi melalui seleksi terbuka; planner hanya menyusun daftar calon untuk panitia seleksi.")
    controls = bool(out)  # keep, ban, reserve or open selection already explain it
    ap = r.all_pairs[r.all_pairs["position_id"] == position_id].sort_values(["score", "nip"], ascending=[False, True])
    ranked = list(ap["nip"])
    if nip in ranked:
        k = ranked.index(nip) + 1
        out.append(f"Peringkat nilai pasangan ke-{k} dari {len(ranked)} kandidat yang memenuhi syarat "
                   "untuk jabatan ini.")
        in_model = set(zip(r.pairs["nip"], r.pairs["position_id"]))
        if (nip, position_id) not in in_model and not controls:
            out.append(_why_not_in_model(r, sc, ap, nip, position_id))
    model_nominations = [n for n in plan.shortlist if n.nip == nip and n.position_id not in
                         {u.position_id for u in plan.unfilled}]
    if len(model_nominations) >= sc.max_nominations:
        out.append(f"Sudah dicalonkan untuk {len(model_nominations)} jabatan lain (batas {sc.max_nominations} "
                   "jabatan per orang).")
    filled = {m.to_position_id for m in plan.moves}
    if position_id in filled:
        nominees = sorted((n for n in plan.shortlist if n.position_id == position_id), key=lambda n: n.rank)
        out.append("Calon yang diusulkan: " + ", ".join(f"{n.name} ({n.score:g})" for n in nominees) + ".")
    elif position_id not in {u.position_id for u in plan.unfilled}:
        out.append("Jabatan tidak diisi ulang dalam rencana ini: pemegangnya tetap.")
    return out


def _counterfactual(ctx: _Context, nip: str, position_id: str, time_limit: float | None,
                    workers: int | None) -> dict[str, Any]:
    """Re-solve the round with (nip → position_id) locked and compare with the run's plan."""
    plan = ctx.plan
    if ctx.resolver is None:
        raise ExplainError(["penghitungan ulang dengan penguncian tidak tersedia di sini "
                            "(gunakan planner explain tanpa --no-resolve)"])
    try:
        forced = ctx.resolver(nip, position_id, time_limit, workers)
    except InputError as exc:
        return {"feasible": False, "messages": [f.message if f.message else str(f) for f in exc.findings],
                "findings": [str(f) for f in exc.findings]}
    before = {(m.nip, m.from_position_id, m.to_position_id): m for m in plan.moves}
    after = {(m.nip, m.from_position_id, m.to_position_id): m for m in forced.moves}
    # The forced move first, then the others by target post.
    added = [_move_brief(after[k]) for k in sorted(set(after) - set(before),
                                                    key=lambda k: (k[0] != nip or k[2] != position_id, k[2], k[0]))]
    removed = [_move_brief(before[k]) for k in sorted(set(before) - set(after), key=lambda k: (k[2], k[0]))]
    keys = set(plan.objective_terms) | set(forced.objective_terms)
    terms = [t for t in TERM_LABELS if t in keys] + sorted(keys - set(TERM_LABELS))
    loss = round(plan.objective - forced.objective, 3)
    kpi_keys = ["posts_filled", "vacancies_filled", "critical_filled", "moves", "overdue_rotated", "units_affected"]
    return {
        "feasible": True,
        "objective": plan.objective,
        "forced_objective": forced.objective,
        "loss": loss,
        "forced_status": forced.status,
        "forced_gap": forced.gap,
        "exact": plan.status == "OPTIMAL" and forced.status == "OPTIMAL",
        "terms_change": [{"term": t, "label": TERM_LABELS.get(t, t),
                          "value": round(forced.objective_terms.get(t, 0.0) - plan.objective_terms.get(t, 0.0), 2)}
                         for t in terms
                         if abs(forced.objective_terms.get(t, 0.0) - plan.objective_terms.get(t, 0.0)) >= 0.005],
        "kpis_change": {k: forced.kpis.get(k, 0) - plan.kpis.get(k, 0) for k in kpi_keys
                        if forced.kpis.get(k, 0) != plan.kpis.get(k, 0)},
        "moves_added": added,
        "moves_removed": removed,
        "time_limit": time_limit,
        "workers": workers,
    }


def _explain_person(ctx: _Context, position_id: str, nip: str, *, resolve: bool, time_limit: float | None,
                    workers: int | None) -> dict[str, Any]:
    from planner.rules.eligibility import verdicts

    plan = ctx.plan
    if not ctx.load_scenario():
        raise ExplainError([*ctx.notes, "penjelasan untuk satu PNS memerlukan skenario run ini"])
    data = ctx.data
    emp = data.employees.set_index("nip", drop=False)
    if nip not in emp.index:
        raise ExplainError([f"NIP {nip} tidak ada di data pegawai skenario"])
    if position_id not in set(data.positions["position_id"]):
        raise ExplainError([f"jabatan {position_id} tidak ada di peta jabatan skenario"])
    info = _post_info(ctx, position_id)
    _critical(ctx, info)
    e = emp.loc[nip]
    pos = data.positions.set_index("position_id")
    cur = e["position_id"] if isinstance(e["position_id"], str) else None
    person = {"nip": nip, "name": e["name"], "rank": e["rank"], "position_id": cur,
              "title": pos.at[cur, "title"] if cur in pos.index else None,
              "unit": pos.at[cur, "unit"] if cur in pos.index else None}
    own = next((m for m in plan.moves if m.nip == nip), None)
    nominations = [{"position_id": n.position_id, "rank": n.rank, "chosen": n.chosen}
                   for n in plan.shortlist if n.nip == nip]
    out: dict[str, Any] = {
        "type": "calon", "run": str(ctx.run), "position": info, "person": person,
        "placed": None if own is None else _move_brief(own), "nominations": nominations,
        "verdict": None, "checks": [], "failed": [], "why_not": [], "counterfactual": None, "facts": None,
        "solver": _solver_info(plan), "notes": list(ctx.notes),
    }
    if own is not None and own.to_position_id == position_id:
        out["verdict"] = "terpilih"
        out["explanation"] = _explain_filled(ctx, own)
        return out
    v = verdicts(data, ctx.pack, nips=[nip], position_ids=[position_id])
    v = v[v["applies"].astype(bool)]
    if v.empty:
        out["verdict"] = "tidak_ada_jalur"
        out["why_not"] = [_no_path_text(ctx, nip, position_id)]
        return out
    out["checks"] = _check_rows(v)
    out["facts"] = _person_facts(ctx, nip, position_id, v)
    out["failed"] = [c for c in out["checks"] if not c["passed"]]
    if out["failed"]:
        out["verdict"] = "tidak_memenuhi_syarat"
        return out
    out["verdict"] = "memenuhi_syarat"
    out["why_not"] = _why_not_nominated(ctx, nip, position_id)
    if resolve:
        out["counterfactual"] = _counterfactual(ctx, nip, position_id, time_limit, workers)
    return out


# ----------------------------------------------------------------------------- entry point


class Explainer:
    """Explanations for one run folder; the scenario is loaded (once) only when needed.

    Use one Explainer for many questions about the same run: the eligibility table and
    the round are computed once.
    """

    def __init__(self, run: str | Path, *, resolver: Resolver | None = None, prepared: Any = None):
        """``resolver`` answers counterfactuals by re-solving (planner.api wires it in);
        ``prepared`` (a planner.api.Prepared of the run's scenario) spares reloading it."""
        self.ctx = _context(run)
        self.ctx.resolver = resolver
        if prepared is not None:
            self.ctx.data, self.ctx.pack = prepared.data, prepared.pack
            self.ctx._elig, self.ctx._round, self.ctx._tried = prepared.elig, prepared.round, True

    @property
    def plan(self) -> Plan:
        return self.ctx.plan

    def post(self, position_id: str) -> dict[str, Any]:
        """Why this post got its person, or why it stays vacant or unchanged."""
        ctx = self.ctx
        move = next((m for m in ctx.plan.moves if m.to_position_id == position_id), None)
        if move is not None:
            return _explain_filled(ctx, move)
        u = next((u for u in ctx.plan.unfilled if u.position_id == position_id), None)
        if u is not None:
            return _explain_unfilled(ctx, u)
        ctx.load_scenario()
        return _explain_unchanged(ctx, position_id)

    def person(self, position_id: str, nip: str, *, resolve: bool = True, time_limit: float | None = None,
               workers: int | None = None) -> dict[str, Any]:
        """Why (not) this person for this post; with ``resolve``, the objective lost if forced."""
        return _explain_person(self.ctx, position_id, nip, resolve=resolve, time_limit=time_limit, workers=workers)


def explain(run: str | Path, position_id: str, nip: str | None = None, *, resolve: bool = True,
            time_limit: float | None = None, workers: int | None = None,
            resolver: Resolver | None = None) -> dict[str, Any]:
    """Explain a post of a run (``nip`` None) or one person for that post.

    ``resolve`` (with ``nip``): re-solve the round with the person locked into the post to
    state the objective lost; ``time_limit``/``workers`` override the scenario's solver
    settings for that re-solve (None = the scenario's own).
    Raises :class:`ExplainError` for an unknown run, post or NIP.
    """
    ex = Explainer(run, resolver=resolver)
    if nip is not None:
        return ex.person(position_id, nip, resolve=resolve, time_limit=time_limit, workers=workers)
    return ex.post(position_id)

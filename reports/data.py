"""A run folder as the report pack reads it: plan.json, checks.csv, rule_pack.json.

The pack never calls the solver. The scenario the run was planned from
(``plan.scenario_path``) is read only for what a run folder does not hold: the staff's
talent boxes for the nine-box plot and which posts are critical. When the scenario is
gone the pack is still written, with those parts reduced (and a note saying so).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from models.talent import effective_nine_box
from models.plan import Move, Nominee, NomineeFacts, PassedOver, Plan, Unfilled
from planner.plan.runfolder import read_checks, read_plan, read_rule_pack
from reports.labels import mask_nip, mask_text


@dataclass
class RunData:
    folder: Path
    plan: Plan
    checks: pd.DataFrame  # applicable verdicts of every nominee pair
    rule_pack: list[dict[str, Any]]  # parameter, value, article, note
    employees: pd.DataFrame | None = None  # nip, nine_box, in_pool (None: scenario unavailable)
    critical: dict[str, bool] = field(default_factory=dict)  # position_id -> critical, where known
    eselon: dict[str, str] = field(default_factory=dict)  # position_id -> eselon, where known
    unit_names: dict[str, str] = field(default_factory=dict)  # unit code -> name, where known
    notes: list[str] = field(default_factory=list)
    _checks_by_pair: dict | None = field(default=None, repr=False)
    _facts: dict | None = field(default=None, repr=False)

    # ------------------------------------------------------------------ lookups

    def moves_by_post(self) -> dict[str, Move]:
        return {m.to_position_id: m for m in self.plan.moves}

    def moves_by_nip(self) -> dict[str, Move]:
        return {m.nip: m for m in self.plan.moves}

    def shortlist_by_post(self) -> dict[str, list[Nominee]]:
        out: dict[str, list[Nominee]] = {}
        for n in sorted(self.plan.shortlist, key=lambda n: (n.position_id, n.rank)):
            out.setdefault(n.position_id, []).append(n)
        return out

    def unfilled_by_post(self) -> dict[str, Unfilled]:
        return {u.position_id: u for u in self.plan.unfilled}

    def facts_of(self, nip: str, position_id: str) -> NomineeFacts | None:
        """The facts recorded about one nominee of one post (None: a run written before
        plan.json carried them)."""
        if self._facts is None:
            self._facts = {(f.nip, f.position_id): f for f in self.plan.nominee_facts}
        return self._facts.get((nip, position_id))

    def passed_over_by_post(self) -> dict[str, list[PassedOver]]:
        """Better-scoring candidates not chosen, per filled post, best score first."""
        out: dict[str, list[PassedOver]] = {}
        for p in sorted(self.plan.passed_over, key=lambda p: (p.position_id, -p.score, p.nip)):
            out.setdefault(p.position_id, []).append(p)
        return out

    def checks_of(self, nip: str, position_id: str) -> pd.DataFrame:
        """The verdicts of one nominee pair, in checks.csv order."""
        if self._checks_by_pair is None:
            self._checks_by_pair = {key: frame for key, frame in self.checks.groupby(["nip", "position_id"], sort=False)}
        found = self._checks_by_pair.get((nip, position_id))
        return found if found is not None else self.checks.iloc[0:0]

    def pair_terms(self) -> list[str]:
        """The terms of the moves' values (Move.score_terms), in TERM_LABELS order."""
        from models.terms import TERM_LABELS

        seen = {t for m in self.plan.moves for t in m.score_terms}
        return [t for t in TERM_LABELS if t in seen] + sorted(seen - set(TERM_LABELS))

    def is_critical(self, position_id: str) -> bool:
        if position_id in self.critical:
            return self.critical[position_id]
        # Without the scenario: a critical post is filled at the critical fill weight.
        m = self.moves_by_post().get(position_id)
        w = self.plan.weights
        if m is not None and w.get("fill_critical") != w.get("fill"):
            return m.score_terms.get("fill") == w.get("fill_critical")
        u = self.unfilled_by_post().get(position_id)
        return bool(u.critical) if u is not None else False


def read_run(folder: str | Path) -> RunData:
    """Read a run folder through planner.plan.runfolder (RunFolderError, naming the folder,
    when it is not a whole run: plan.json or checks.csv missing, empty or damaged, or a
    temporary folder of a run that did not finish)."""
    folder = Path(folder)
    rd = RunData(folder=folder, plan=read_plan(folder), checks=read_checks(folder), rule_pack=read_rule_pack(folder))
    _read_scenario(rd)
    return rd


def _read_scenario(rd: RunData) -> None:
    """Talent boxes and critical flags from the scenario, if it can still be read."""
    from planner.inputs.load import load

    path = Path(rd.plan.scenario_path)
    try:
        data = load(path, validate=False)
    except Exception as exc:  # a report must not fail because the inputs moved
        rd.notes.append(f"Skenario {path} tidak dapat dibaca ({type(exc).__name__}); grafik kotak talenta "
                        "disusun dari daftar calon saja.")
        return
    if data.errors or data.employees.empty:
        rd.notes.append(f"Skenario {path} tidak tersedia atau tidak valid; grafik kotak talenta disusun dari "
                        "daftar calon saja.")
        return
    changed = sorted(k for k, v in rd.plan.input_hashes.items() if data.input_hashes.get(k) != v)
    if changed:
        rd.notes.append("Data skenario telah berubah sejak run dibuat (" + ", ".join(changed) + "); grafik kotak "
                        "talenta memakai data sekarang.")
    e = data.employees
    box = effective_nine_box(e)
    rd.employees = pd.DataFrame({"nip": e["nip"].astype(str), "nine_box": box, "in_pool": e["in_pool"].astype(bool)})
    rd.critical = dict(zip(data.positions["position_id"], data.positions["critical"].astype(bool)))
    pos = data.positions
    rd.eselon = {k: str(v) for k, v in zip(pos["position_id"], pos["eselon"]) if isinstance(v, str) and v}
    rd.unit_names = unit_names(pos)


# Head-of-unit titles and the unit each names: "Kepala Dinas Sosial" -> "Dinas Sosial".
_HEAD_PREFIXES = (("Kepala Pelaksana ", ""), ("Kepala ", ""), ("Direktur ", ""), ("Camat ", "Kecamatan "),
                  ("Lurah ", "Kelurahan "))
_HEAD_TITLES = {"Sekretaris Daerah": "Sekretariat Daerah", "Sekretaris DPRD": "Sekretariat DPRD",
                "Inspektur": "Inspektorat Daerah"}


def unit_names(positions: pd.DataFrame) -> dict[str, str]:
    """Each unit's name read from its head's title (the data contract has unit codes only)."""
    order = {"jpt_madya": 0, "jpt_pratama": 1, "administrator": 2}
    out: dict[str, str] = {}
    heads = positions[positions["kind"].isin(list(order))].copy()
    heads["_o"] = heads["kind"].map(order)
    heads["_e"] = heads["eselon"].fillna("").astype(str)
    for unit, group in heads.sort_values(["_o", "_e", "position_id"]).groupby("unit", sort=False):
        top = group[group["_o"] == group["_o"].min()]  # a Kepala Bagian never names a unit that has a JPT
        for title in top["title"].astype(str).str.strip():  # the highest post whose title names the unit
            name = _HEAD_TITLES.get(title)
            if name is None:
                for prefix, replace in _HEAD_PREFIXES:
                    if title.startswith(prefix) and len(title) > len(prefix) + 3:
                        name = replace + title[len(prefix):]
                        break
            if name:
                out[str(unit)] = name
                break
    return out


# Rules whose check detail states an exact age, or a sanction: hidden in a public copy.
AGE_RULES = frozenset({"retirement", "before_bup", "age_jpt_pratama", "age_jpt_madya"})
DISCIPLINE_RULES = frozenset({"discipline"})


class Masker:
    """What a pack shows of a person: everything (the committee's copy), or for a public copy
    (``--publik``) NIPs cut to their last four digits, exact ages and discipline details
    hidden, and with ``names`` the names reduced to initials."""

    def __init__(self, enabled: bool, names: bool = False):
        self.enabled = enabled
        self.names = enabled and names

    def name(self, value: str | None) -> str:
        if not value:
            return ""
        if not self.names:
            return str(value)
        core = str(value).split(",")[0]  # academic titles after the comma go
        words = [w for w in core.replace(".", ". ").split() if not w.endswith(".") or len(w) > 3]
        return " ".join(w[0].upper() + "." for w in words if w[:1].isalpha()) or "***"

    def detail(self, rule: str, value: Any) -> str:
        """A check's detail as the copy may show it."""
        if self.enabled and rule in AGE_RULES:
            return "usia tidak ditampilkan (salinan publik)"
        if self.enabled and rule in DISCIPLINE_RULES:
            return "rincian tidak ditampilkan (salinan publik)"
        return self.text(value)

    def nip(self, value: str | None) -> str:
        if value is None or (isinstance(value, float) and pd.isna(value)):
            return ""
        return mask_nip(str(value)) if self.enabled else str(value)

    def text(self, value: Any) -> str:
        if value is None:
            return ""
        s = str(value)
        return mask_text(s) if self.enabled else s

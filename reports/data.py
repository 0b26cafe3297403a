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

from models.enums import nine_box
from models.plan import Move, Nominee, Plan, Unfilled
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
    notes: list[str] = field(default_factory=list)
    _checks_by_pair: dict | None = field(default=None, repr=False)

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
    computed = [nine_box(p, q) for p, q in zip(e["performance"], e["potential"])]
    box = e["nine_box"].astype("Int64").fillna(pd.Series(computed, index=e.index)).astype(int)
    rd.employees = pd.DataFrame({"nip": e["nip"].astype(str), "nine_box": box, "in_pool": e["in_pool"].astype(bool)})
    rd.critical = dict(zip(data.positions["position_id"], data.positions["critical"].astype(bool)))


class Masker:
    """NIPs as shown in a pack: in full, or masked (``--mask-nip``)."""

    def __init__(self, enabled: bool):
        self.enabled = enabled

    def nip(self, value: str | None) -> str:
        if value is None or (isinstance(value, float) and pd.isna(value)):
            return ""
        return mask_nip(str(value)) if self.enabled else str(value)

    def text(self, value: Any) -> str:
        if value is None:
            return ""
        s = str(value)
        return mask_text(s) if self.enabled else s

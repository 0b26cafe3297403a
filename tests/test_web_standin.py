"""A thin stand-in for planner.session.Session (same methods and Change/Version fields), for
the web tests only: it keeps the web tests about the web (pages, token, forms, locking) and
lets them count re-solves; the real Session is exercised by the browser test and a few
TestClient tests.

Each re-solve writes a throw-away scenario.yaml that ``extends`` the base with the
controls in force and plans it cold through planner.api. No tests here.
"""
from __future__ import annotations

import shutil
import tempfile
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd
import yaml

from models.plan import Plan
from models.schema import Assignment, Finding
from planner.api import InputError, load_valid, prepare, solve_prepared
from planner.scenarios.compare import diff_moves
from planner.plan.runfolder import commit_run, read_plan, reserve_run, write_run
from planner.session import Version  # the real one: the stand-in replaces the solving, not the data


@dataclass
class Controls:
    locks: list[tuple[str, str]] = field(default_factory=list)
    bans: list[tuple[str, str]] = field(default_factory=list)
    keep: list[str] = field(default_factory=list)
    reserve: list[str] = field(default_factory=list)

    def copy(self) -> "Controls":
        return Controls(list(self.locks), list(self.bans), list(self.keep), list(self.reserve))


@dataclass
class Change:
    added: list
    removed: list
    changed: list
    kpis_before: dict
    kpis_after: dict


class StandInSession:
    def __init__(self, scenario: Path):
        self.scenario = scenario
        self._tmp = Path(tempfile.mkdtemp(prefix="standin-"))
        weakref.finalize(self, shutil.rmtree, self._tmp, True)
        data = load_valid(scenario)
        sc = data.scenario
        self.controls = Controls([(a.nip, a.position_id) for a in sc.locks], [(a.nip, a.position_id) for a in sc.bans],
                                 list(sc.keep), list(sc.reserve))
        self.versions: list[Version] = []
        self.resolve_calls = 0

    @classmethod
    def open(cls, source, *, report: Callable[[str], None] | None = None) -> "StandInSession":
        source = Path(source)
        scenario = Path(read_plan(source).scenario_path) if (source / "plan.json").is_file() else source
        s = cls(scenario)
        plan, checks = s._plan(s.controls, report)
        s.versions.append(Version(0, plan, s.controls.copy(), "rencana awal", computed_checks=checks))
        return s

    # -------------------------------------------------------------- state
    @property
    def plan(self) -> Plan:
        return self.versions[-1].plan

    @property
    def checks(self) -> pd.DataFrame:
        return self.versions[-1].checks

    def _file(self) -> Path:
        return self.scenario / "scenario.yaml" if self.scenario.is_dir() else self.scenario

    def _yaml(self, c: Controls, name: str | None = None) -> dict:
        out = {"extends": str(self._file().resolve()),
               "locks": [{"nip": n, "position_id": p} for n, p in c.locks],
               "bans": [{"nip": n, "position_id": p} for n, p in c.bans],
               "keep": list(c.keep), "reserve": list(c.reserve)}
        if name:
            out["name"] = name
        return out

    def _plan(self, c: Controls, report=None):
        folder = Path(tempfile.mkdtemp(dir=self._tmp))
        (folder / "scenario.yaml").write_text(yaml.safe_dump(self._yaml(c)), encoding="utf-8")
        self.prepared = prepare(folder)
        assembled = solve_prepared(self.prepared, report=report)
        return assembled.plan, assembled.checks

    def _nip(self, nip: str, column: str = "nip") -> None:
        try:
            Assignment(nip=nip, position_id="x")
        except Exception:
            raise InputError([Finding(severity="error", file="formulir", column=column, value=nip,
                                      message="NIP harus 18 digit angka")]) from None
        if nip not in set(self.prepared.data.employees["nip"].astype(str)):
            raise InputError([Finding(severity="error", file="formulir", column=column, value=nip,
                                      message="NIP tidak ada di data pegawai")])

    def _post(self, pid: str) -> None:
        if pid not in set(self.prepared.data.positions["position_id"].astype(str)):
            raise InputError([Finding(severity="error", file="formulir", column="position_id", value=pid,
                                      message="position_id tidak ada di peta jabatan")])

    # -------------------------------------------------------------- controls
    def lock(self, nip: str, position_id: str) -> None:
        self._nip(nip)
        self._post(position_id)
        self.controls.locks = [x for x in self.controls.locks if x[0] != nip and x[1] != position_id]
        self.controls.locks.append((nip, position_id))

    def ban(self, nip: str, position_id: str) -> None:
        self._nip(nip)
        self._post(position_id)
        self.controls.bans.append((nip, position_id))

    def keep(self, nip: str) -> None:
        self._nip(nip)
        self.controls.keep.append(nip)

    def reserve(self, position_id: str) -> None:
        self._post(position_id)
        self.controls.reserve.append(position_id)

    def release(self, kind: str, nip: str | None = None, position_id: str | None = None) -> None:
        if kind in ("lock", "ban"):
            attr = kind + "s"
            setattr(self.controls, attr, [x for x in getattr(self.controls, attr) if x != (nip, position_id)])
        elif kind == "keep":
            self.controls.keep = [x for x in self.controls.keep if x != nip]
        elif kind == "reserve":
            self.controls.reserve = [x for x in self.controls.reserve if x != position_id]

    # -------------------------------------------------------------- versions
    def resolve(self, *, progress: Callable[[str], None] | None = None) -> Change:
        self.resolve_calls += 1
        before = self.plan
        plan, checks = self._plan(self.controls, progress)
        self.versions.append(Version(len(self.versions), plan, self.controls.copy(), "susun ulang", computed_checks=checks))
        d = diff_moves(before.moves, plan.moves).changes
        return Change(added=[c for c in d if c.kind == "added"], removed=[c for c in d if c.kind == "removed"],
                      changed=[c for c in d if c.kind.startswith("changed")],
                      kpis_before=dict(before.kpis), kpis_after=dict(plan.kpis))

    def undo(self) -> Plan:
        if len(self.versions) > 1:
            self.versions.pop()
        self.controls = self.versions[-1].controls.copy()
        return self.plan

    def why_not(self, position_id: str, nip: str) -> dict:
        self._post(position_id)
        self._nip(nip)
        p = next((m for m in self.plan.moves if m.nip == nip), None)
        pos = self.prepared.data.positions.set_index("position_id").loc[position_id]
        return {"type": "calon", "verdict": "memenuhi_syarat",
                "position": {"position_id": position_id, "title": str(pos["title"]), "unit": str(pos["unit"]),
                             "kind": str(pos["kind"]), "kind_label": str(pos["kind"]), "critical": bool(pos["critical"])},
                "person": {"nip": nip, "name": self._names().get(nip, ""), "rank": "", "position_id": None,
                           "title": "", "unit": ""},
                "placed": p.model_dump() if p else None, "nominations": [], "checks": [], "failed": [],
                "why_not": [f"stand-in: alasan untuk {nip} di {position_id}"], "counterfactual": None,
                "solver": {}, "notes": []}

    def _names(self) -> dict[str, str]:
        e = self.prepared.data.employees
        return dict(zip(e["nip"].astype(str), e["name"].astype(str)))

    def save(self, name: str, *, scenario_dir: Path | None = None, run_dir: Path | None = None):
        scenario_dir = Path(scenario_dir or Path.cwd() / f"{Path(self.scenario).name}-{name}")
        scenario_dir.mkdir(parents=True)  # never overwrites: FileExistsError
        (scenario_dir / "scenario.yaml").write_text(yaml.safe_dump(self._yaml(self.controls, name)), encoding="utf-8")
        pending = reserve_run(name, run_dir, base=Path.cwd() / "runs")
        write_run(self.plan, pending.path, self.checks, self.prepared.pack.describe(), target=pending.target)
        folder = commit_run(pending)
        self.versions[-1].saved = folder
        return scenario_dir, folder

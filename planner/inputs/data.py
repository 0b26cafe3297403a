"""What the inputs stage hands on: a loaded scenario, and the error that stops a run.

Kept apart from ``load`` and ``validate`` so that both import it at module level (no
lazy-import cycle) and so that later stages can name the types without loading anything.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from models.schema import Finding, Scenario


class InputError(Exception):
    """Input that cannot be planned; carries every finding."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("\n".join(str(f) for f in findings))


@dataclass
class ScenarioData:
    """A scenario as loaded: the resolved scenario and its tables as typed DataFrames."""

    scenario: Scenario
    path: Path
    positions: pd.DataFrame
    employees: pd.DataFrame
    history: pd.DataFrame
    discipline: pd.DataFrame
    input_hashes: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    # Keys as written in the files, including rows with bad cells: references are checked
    # against these so that one bad cell does not cascade into "unknown NIP" elsewhere.
    known_nips: set[str] = field(default_factory=set)
    known_positions: set[str] = field(default_factory=set)
    # Tables that could not be read at all (missing, not UTF-8, no header, ...). Their one
    # message is the root cause; references into them are not checked, so that it is not
    # buried under thousands of follow-on "NIP tidak ada" errors.
    unreadable: set[str] = field(default_factory=set)
    # For locks, bans, keep and reserve: the index in scenario.yaml of each entry kept in
    # ``scenario`` (entries with a bad cell are left out of the partial scenario, but the
    # messages about the others must still name their place in the file).
    control_index: dict[str, list[int]] = field(default_factory=dict)
    # The worksheet each table was read from, for tables read from an XLSX workbook:
    # every message about its rows names the sheet.
    sheets: dict[str, str] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

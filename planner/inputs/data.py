"""The loaded scenario as data, and the error that carries every finding: shared by load and validate."""
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

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

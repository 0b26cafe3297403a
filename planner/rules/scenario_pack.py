"""The rule pack a scenario plans under: its named pack with the scenario's overrides."""
from __future__ import annotations

from models.schema import Finding
from planner.inputs.data import InputError, ScenarioData
from planner.rules.pack import RulePack, load_rule_pack


def rule_pack_for(data: ScenarioData) -> RulePack:
    sc = data.scenario
    try:
        return load_rule_pack(sc.rule_pack, sc.parameters or None)
    except ValueError as exc:
        raise InputError([Finding(severity="error", file=data.path.name, column="rule_pack/parameters",
                                  value=sc.rule_pack, message=str(exc))]) from None


def scenario_pack_findings(data: ScenarioData) -> list[Finding]:
    """The scenario's rule pack must exist and its parameter overrides must fit it."""
    sc = data.scenario
    if sc is None:
        return []
    try:
        load_rule_pack(sc.rule_pack, sc.parameters or None)
    except ValueError as exc:
        key = "parameters" if sc.parameters and "parameter" in str(exc) else "rule_pack"
        return [Finding(severity="error", file=data.path.name, column=key,
                        value=sc.rule_pack if key == "rule_pack" else None, message=str(exc))]
    return []

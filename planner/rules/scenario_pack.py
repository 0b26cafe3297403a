"""The rule pack a scenario plans under: its named pack with the scenario's overrides."""
from __future__ import annotations

from models.schema import Finding
from planner.inputs.data import InputError, ScenarioData
from planner.rules.pack import RulePack, load_rule_pack, pack_findings


def rule_pack_for(data: ScenarioData) -> RulePack:
    sc = data.scenario
    try:
        return load_rule_pack(sc.rule_pack, sc.parameters or None)
    except ValueError as exc:
        raise InputError([Finding(severity="error", file=data.path.name, column="rule_pack/parameters",
                                  value=sc.rule_pack, message=str(exc))]) from None


def scenario_pack_findings(data: ScenarioData) -> list[Finding]:
    """Every problem of the scenario's rule pack and its ``parameters:`` overrides."""
    return [] if data.scenario is None else pack_findings(data.scenario, data.path)

"""The rule pack a scenario plans under: its named pack with the scenario's overrides."""
from __future__ import annotations

from models.schema import Finding
from planner.inputs.data import InputError, ScenarioData
from planner.rules.pack import RulePack, load_rule_pack, pack_findings, scenario_overrides


def rule_pack_for(data: ScenarioData) -> RulePack:
    sc = data.scenario
    try:
        return load_rule_pack(sc.rule_pack, scenario_overrides(sc) or None)
    except ValueError as exc:
        raise InputError([Finding(severity="error", file=data.path.name, column="rule_pack/parameters",
                                  value=sc.rule_pack, message=str(exc))]) from None


def scenario_pack_findings(data: ScenarioData) -> list[Finding]:
    """Every problem of the scenario's rule pack and its ``parameters:`` overrides."""
    return [] if data.scenario is None else pack_findings(data.scenario, data.path)


def round_controls(scenario, pack: RulePack) -> dict[str, dict]:
    """The pack parameters the round applies as controls, each with the value in force and
    where it comes from: the scenario's key (``shortlist_ratio``, ``unit_change_cap``), its
    ``parameters:``, or the pack (precedence pack -> scenario; plan.json ``controls``)."""
    from planner.rules.pack import SCENARIO_KEYS

    out = {}
    for key, name in SCENARIO_KEYS.items():
        own = getattr(scenario, key, None)
        if own is not None:
            value, source = own, f"skenario ({key})"
        else:
            value = pack.value(name)
            source = f"skenario (parameters.{name})" if name in (scenario.parameters or {}) else f"paket aturan {pack.name}"
        out[name] = {"value": value, "source": source, "article": pack.article(name)}
    return out

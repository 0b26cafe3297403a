"""planner.api: the entry points that join the stages (validation with the rule pack)."""
from __future__ import annotations

from pathlib import Path

from planner.api import load_scenario as load


def test_unknown_rule_pack_and_bad_override_are_validation_errors(mini: Path) -> None:
    (mini / "scenario.yaml").write_text("name: mini\nas_of: 2026-12-01\nrule_pack: jakarta-2030\n")
    found = load(mini).errors
    assert [(f.column, f.value) for f in found] == [("rule_pack", "jakarta-2030")]
    assert "karawang-2020" in found[0].message  # the packs that exist are named
    (mini / "scenario.yaml").write_text("name: mini\nas_of: 2026-12-01\nparameters: {tenure_min_years: dua}\n")
    found = load(mini).errors
    assert [f.column for f in found] == ["parameters.tenure_min_years"]



def test_the_public_api_is_declared_once() -> None:
    """`planner` exposes planner.api's declared names (but for stage names), each the same object."""
    import planner
    import planner.api as api

    import pkgutil

    stages = {m.name for m in pkgutil.iter_modules(planner.__path__)}
    assert sorted(planner.__all__) == sorted(set(api.__all__) - stages)
    for name in planner.__all__:
        assert getattr(planner, name) is getattr(api, name)

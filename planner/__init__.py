"""Perencana Mutasi PNS: a mutation round planned as one model, every proposal justified.

The public API is :mod:`planner.api` (its names are importable from ``planner`` too, but for ``explain``, which is a subpackage's name);
each stage is a package of its own, data flowing one way (docs/architecture.md):
inputs → rules → round → solve → plan → explain / scenarios → reports → api → cli.
"""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

# planner.api.explain is not re-exported: `planner.explain` is the explanation stage's package.
__all__ = ["InputError", "Prepared", "RunFolderError", "Session", "explainer", "load_scenario", "load_valid", "plan_round",
           "prepare", "rule_pack_for", "solve_prepared", "sweep"]


def __getattr__(name: str) -> Any:
    # Lazy, so that `import planner.inputs` (or the CLI's --help) does not load OR-Tools.
    if name in __all__:
        from planner import api

        return getattr(api, name)
    raise AttributeError(f"module 'planner' has no attribute {name!r}")

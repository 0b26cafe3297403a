from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A private copy of the hand-written mini scenario (five posts, three PNS)."""
    dst = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", dst)
    return dst


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its hash: to prove a command changed nothing."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def edit_csv(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# Solver settings for the planned run the explanation and report tests read.
SMALL_RUN_SOLVER = "{time_limit_s: 10, seed: 0, workers: 2, deterministic: true}"


@pytest.fixture(scope="session")
def small_run(tmp_path_factory) -> Path:
    """A planned run of a generated kecil region (seed 1): the folder a committee would get."""
    from planner.api import plan_round
    from planner.synth.generate import generate_scenario

    root = tmp_path_factory.mktemp("small-run")
    generate_scenario("kecil", 1, root / "base")
    (root / "scenario").mkdir()
    (root / "scenario" / "scenario.yaml").write_text(
        f"name: uji-run\nextends: ../base/scenario.yaml\nsolver: {SMALL_RUN_SOLVER}\n", encoding="utf-8")
    _, folder = plan_round(root / "scenario", out=root / "run")
    return folder

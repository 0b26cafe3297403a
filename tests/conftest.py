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

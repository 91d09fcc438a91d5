"""A copy of the tests' config to change, and the change itself with the line it lands on."""

import shutil
from pathlib import Path

import pytest

from tests.conftest import CONFIG_DIR


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """A copy of ``tests/fixtures/config`` that a test may edit."""
    target = tmp_path / "config"
    shutil.copytree(CONFIG_DIR, target)
    return target


def change(path: Path, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` in the file; the 1-based line of the change."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1

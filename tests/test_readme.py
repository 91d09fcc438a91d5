"""The README's example sessions print what the README shows (see ``tests/readme.py``)."""

import difflib
from pathlib import Path

import pytest

from tests.readme import README, blocks, matches, run_all

pytestmark = pytest.mark.slow


def test_the_readme_checks_its_tour_and_its_import_examples() -> None:
    checked = {b.session for b in blocks(README.read_text(encoding="utf-8").splitlines())}
    assert {"tour", "import"} <= checked


def test_every_checked_readme_session_prints_what_the_readme_shows(tmp_path: Path) -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    stale = []
    for block, printed in run_all(tmp_path, lines):
        for command, got in zip(block.commands, printed, strict=True):
            if not matches(command.shown, got):
                diff = difflib.unified_diff(command.shown, got, "README", "printed", lineterm="")
                stale.append(f"README.md:{command.line}: $ {command.text}\n" + "\n".join(diff))
    assert not stale, (
        "The README shows output that the commands no longer print; check the change, then "
        "run `.venv/bin/python scripts/readme.py` to rewrite the blocks:\n\n" + "\n\n".join(stale)
    )

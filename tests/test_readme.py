"""The README's example sessions print what the README shows (see ``tests/readme.py``)."""

import difflib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.readme import README, ROOT, blocks, matches, postgres_schema, run_all

pytestmark = pytest.mark.slow


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """An empty schema for the README's PostgreSQL session (skipped without a server)."""
    base = os.environ.get("TRACKER_TEST_POSTGRES_URL")
    if not base:
        if os.environ.get("TRACKER_REQUIRE_POSTGRES"):
            pytest.fail("TRACKER_REQUIRE_POSTGRES is set but TRACKER_TEST_POSTGRES_URL is not")
        pytest.skip(
            "no PostgreSQL: set TRACKER_TEST_POSTGRES_URL (see README, 'Running the tests')"
        )
    with postgres_schema(base) as url:
        yield url


def test_the_readme_checks_its_tour_and_its_import_examples() -> None:
    checked = {b.session for b in blocks(README.read_text(encoding="utf-8").splitlines())}
    assert {"tour", "import", "bureau", "postgres"} <= checked


def edited_demo() -> list[str]:
    """The files of the shipped config/ that differ from the last commit, as ``git status``
    lists them (none where git cannot tell: not a checkout, no git)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "config"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except OSError:
        return []
    return done.stdout.splitlines() if done.returncode == 0 else []


@pytest.mark.shipped_config
def test_every_checked_readme_session_prints_what_the_readme_shows(
    tmp_path: Path, postgres_url: str
) -> None:
    edited = edited_demo()
    if edited:  # the README shows the demo as committed, not as someone is changing it
        pytest.skip(f"the shipped config/ has changes not committed ({edited[0].strip()})")
    lines = README.read_text(encoding="utf-8").splitlines()
    stale = []
    for block, printed in run_all(tmp_path, lines, postgres_url):
        for command, got in zip(block.commands, printed, strict=True):
            if not matches(command.shown, got):
                diff = difflib.unified_diff(command.shown, got, "README", "printed", lineterm="")
                stale.append(f"README.md:{command.line}: $ {command.text}\n" + "\n".join(diff))
    assert not stale, (
        "The README shows output that the commands no longer print; check the change, then "
        "run `.venv/bin/python scripts/readme.py` to rewrite the blocks:\n\n" + "\n\n".join(stale)
    )

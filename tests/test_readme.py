"""The example sessions of README.md and docs/*.md print what they show (``tests/readme.py``)."""

import difflib
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.readme import (
    ENV,
    FILES,
    README,
    ROOT,
    SETUP,
    blocks,
    documents,
    matches,
    postgres_schema,
    run_all,
    sessions,
)

pytestmark = pytest.mark.slow


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """An empty schema for the PostgreSQL session of the docs (skipped without a server)."""
    base = os.environ.get("TRACKER_TEST_POSTGRES_URL")
    if not base:
        if os.environ.get("TRACKER_REQUIRE_POSTGRES"):
            pytest.fail("TRACKER_REQUIRE_POSTGRES is set but TRACKER_TEST_POSTGRES_URL is not")
        pytest.skip(
            "no PostgreSQL: set TRACKER_TEST_POSTGRES_URL (see docs/testing.md, 'PostgreSQL')"
        )
    with postgres_schema(base) as url:
        yield url


def test_the_readme_checks_its_tour_and_the_docs_check_their_examples() -> None:
    assert "tour" in sessions(lines_of(README))
    checked = set().union(*(sessions(lines_of(path)) for path in documents()))
    assert {"tour", "clerk", "import", "bureau", "districts", "places", "postgres"} <= checked
    assert {"nation", "city", "county"} <= checked


def test_a_checked_block_left_open_is_refused_rather_than_run_into_the_text_after_it() -> None:
    lines = ["<!-- session tour -->", "```console", "$ tracker info", "", "Text.", "```sh", "```"]
    with pytest.raises(ValueError, match="line 2: the session tour's block is not closed"):
        list(blocks(lines))


def test_every_session_lives_in_one_document() -> None:
    where = Counter(name for path in documents() for name in sessions(lines_of(path)))
    assert [name for name, count in where.items() if count > 1] == []


def test_every_session_given_setup_files_or_settings_is_in_a_document() -> None:
    checked = set().union(*(sessions(lines_of(path)) for path in documents()))
    assert set(SETUP) | set(FILES) | set(ENV) <= checked


def test_every_checked_session_prints_what_its_document_shows(
    tmp_path: Path, postgres_url: str
) -> None:
    stale = []
    for path in documents():
        name = path.relative_to(ROOT)
        work = tmp_path / path.stem
        for block, printed in run_all(work, lines_of(path), postgres_url):
            for command, got in zip(block.commands, printed, strict=True):
                if not matches(command.shown, got):
                    diff = difflib.unified_diff(
                        command.shown, got, str(name), "printed", lineterm=""
                    )
                    stale.append(f"{name}:{command.line}: $ {command.text}\n" + "\n".join(diff))
    assert not stale, (
        "The docs show output that the commands no longer print; check the change, then run "
        "`.venv/bin/python scripts/readme.py` to rewrite the blocks:\n\n" + "\n\n".join(stale)
    )

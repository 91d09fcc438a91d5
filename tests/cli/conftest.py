from collections.abc import Callable

import pytest
from typer.testing import CliRunner, Result

from tracker.cli.main import app

Run = Callable[..., Result]


@pytest.fixture
def run(database_url: str) -> Run:
    """Invoke ``tracker --db URL ARGS...`` in-process; returns the result (stdout, stderr, exit)."""
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(app, ["--db", database_url, *args])

    return invoke


@pytest.fixture
def initialised(run: Run, migrated: str) -> Run:
    """``run`` after ``tracker init`` with the tests' config. The database is at the newest
    schema revision before init runs (a copy of the session's template); the tests of init
    itself run it on an empty database."""
    result = run("init")
    assert result.exit_code == 0, result.output
    return run

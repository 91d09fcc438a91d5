"""Every input a person can get wrong is one line on stderr and exit 1, never a traceback, and
the database is unchanged: odd URLs, ids, full disks, and a fuzz of `record`."""

import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from typer.testing import CliRunner

from tests.databases import LOADED, Databases
from tests.helpers import examples, snapshot
from tracker.cli.main import app
from tracker.store.db import make_engine


def run(url: str, *args: str):
    return CliRunner().invoke(app, ["--db", url, *args])


def one_line_error(result) -> str:
    """The error's English line; a Chinese one may follow it (one line each, no traceback)."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    line, *chinese = result.stderr.splitlines()
    assert line.startswith("Error: ")
    assert len(chinese) <= 1
    assert all(c.startswith("错误：") for c in chinese)
    return line


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql+psycopg://u@localhost:abc/db", "the database URL (--db or "
         "TRACKER_DATABASE_URL) is not valid (bad port)"),
        ("::::", "the database URL (--db or TRACKER_DATABASE_URL) is not valid"),
        ("postgresql+psycopg2://u@localhost/db", "the driver for postgresql is not installed "
         "(psycopg2); install it with pip install 'tracker[postgres]'"),
    ],
)  # fmt: skip
def test_a_database_url_that_cannot_be_used_is_one_line(url: str, expected: str) -> None:
    assert expected in one_line_error(run(url, "status"))


@pytest.mark.parametrize("id", ["99999999999999999999", "9223372036854775808", "0"])
@pytest.mark.parametrize("command", ["retry", "mark-sent"])
def test_an_outbox_id_beyond_any_message_is_not_found(loaded: Engine, id, command) -> None:
    url = loaded.url.render_as_string(hide_password=False)
    before = snapshot(loaded)
    line = one_line_error(run(url, "outbox", command, id))
    assert line == f"Error: no message #{id} in the outbox; `tracker outbox` lists them"
    assert snapshot(loaded) == before


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ("report", "--as-of", "2020-07-15", "-f", "text", "-o", "/dev/full"),
        ("export", "-o", "/dev/full"),
    ],
)
def test_a_full_disk_is_one_line(loaded: Engine, args) -> None:
    url = loaded.url.render_as_string(hide_password=False)
    line = one_line_error(run(url, *args))
    assert "No space left on device" in line or "/dev/full" in line


KEYS = st.sampled_from(["industry", "gdp", "规模以上工业增加值增速", "GDP", "nope", "", " ", "[/]"])
PERIODS = st.one_of(
    st.sampled_from(["2020-06", "2020-13", "2020-00", "2020-Q5", "99999-01", "2020", "-1", ""]),
    st.text(string.printable, max_size=8),
)
NUMBERS = st.one_of(
    st.sampled_from(["nan", "inf", "-inf", "1e400", "1" * 40, "８.５%", "1,2,3", "--5", "0x10"]),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.text(max_size=6),
)
NOTES = st.text(max_size=20)


@pytest.fixture(scope="module")
def fuzz_database(
    databases: Databases, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """One SQLite database with the tests' config loaded, for every fuzz example."""
    url = databases.new("sqlite", str(tmp_path_factory.mktemp("fuzz")))
    databases.fill(url, LOADED)
    engine = make_engine(url)
    yield engine
    engine.dispose()


@settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(key=KEYS, period=PERIODS, value=NUMBERS, note=NOTES, force=st.booleans())
def test_record_never_prints_a_traceback(
    fuzz_database: Engine, key: str, period: str, value: str, note: str, force: bool
) -> None:
    engine = fuzz_database
    url = engine.url.render_as_string(hide_password=False)
    before = snapshot(engine)
    args = ["record", "-p", period, "--note", note, *(["--force"] if force else []), "--"]
    result = run(url, *args, key, value)
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    if result.exit_code != 0:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
        assert snapshot(engine) == before

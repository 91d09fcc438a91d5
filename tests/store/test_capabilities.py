"""What each backend can do is looked up by capability; a backend tracker does not support is
refused with one line that names the two it does."""

from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from tracker.cli.main import app
from tracker.store.capabilities import (
    POSTGRESQL,
    SQLITE,
    UnsupportedDatabase,
    capabilities,
    capabilities_of_url,
)
from tracker.store.db import make_engine

REFUSED = (
    "不支持数据库类型 {kind}，请使用 SQLite（sqlite:///文件路径）或 PostgreSQL"
    "（postgresql+psycopg://…） / unsupported database kind {kind}: use SQLite "
    "(sqlite:///path/to/file.db) or PostgreSQL (postgresql+psycopg://user@host/name)."
)


def test_each_supported_backend_is_known_by_its_engine(engine: Engine) -> None:
    expected = {"sqlite": SQLITE, "postgresql": POSTGRESQL}[engine.url.get_backend_name()]
    assert capabilities(engine) is expected
    with engine.connect() as connection:
        assert capabilities(connection) is expected


def test_only_the_server_database_has_advisory_and_row_locks() -> None:
    assert (SQLITE.advisory_locks, SQLITE.row_locks, SQLITE.database_file) == (False, False, True)
    assert (POSTGRESQL.advisory_locks, POSTGRESQL.row_locks, POSTGRESQL.database_file) == (
        True,
        True,
        False,
    )


@pytest.mark.parametrize(
    ("url", "kind"),
    [("mysql://stats@db.example/tracker", "mysql"), ("oracle://stats@db/tracker", "oracle")],
)
def test_an_unknown_backend_is_refused_before_an_engine_is_made(url: str, kind: str) -> None:
    with pytest.raises(UnsupportedDatabase) as refused:
        make_engine(url)
    assert str(refused.value) == REFUSED.format(kind=kind)
    with pytest.raises(UnsupportedDatabase):
        capabilities_of_url(url)


@pytest.mark.parametrize(
    "command",
    [["info"], ["status", "--as-of", "2020-07-25"], ["db", "upgrade"], ["schedule", "list"]],
)
def test_the_cli_refuses_an_unknown_backend_in_one_line(command: list[str]) -> None:
    result = CliRunner().invoke(app, ["--db", "mysql://stats@db.example/tracker", *command])

    assert result.exit_code == 1
    assert result.stderr == f"Error: {REFUSED.format(kind='mysql')}\n"
    assert "Traceback" not in result.output


def test_db_copy_refuses_an_unknown_target_and_makes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "source.db"
    runner = CliRunner()
    assert runner.invoke(app, ["--db", f"sqlite:///{source}", "db", "upgrade"]).exit_code == 0
    before = source.read_bytes()

    result = runner.invoke(
        app, ["db", "copy", "--from", f"sqlite:///{source}", "--to", "oracle://stats@db/tracker"]
    )

    assert result.exit_code == 1
    assert result.stderr == f"Error: {REFUSED.format(kind='oracle')}\n"
    assert source.read_bytes() == before

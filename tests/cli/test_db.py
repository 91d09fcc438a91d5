"""``tracker db ...`` and ``tracker info`` from the command line."""

import subprocess
import sys
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from tests.helpers import snapshot
from tracker.cli.main import app
from tracker.store.db import make_engine
from tracker.store.migrate import FIRST_REVISION, describe, head_revision, upgrade
from tracker.store.schema import all_tables

runner = CliRunner()


def test_db_current_then_upgrade_on_a_new_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    shown = runner.invoke(app, ["--db", url, "db", "current"])
    upgraded = runner.invoke(app, ["--db", url, "db", "upgrade"])
    again = runner.invoke(app, ["--db", url, "db", "upgrade"])
    current = runner.invoke(app, ["--db", url, "db", "current"])

    revision = describe(head_revision())  # e.g. "6d1f0b2c9a41 (initial tables)"
    assert shown.output == (
        f"Database: {url} (does not exist yet)\n"
        "Revision: none (no tables yet; `tracker init` or `tracker db upgrade` makes them)\n"
    )
    assert upgraded.output == f"Database: {url} (sqlite)\nUpgraded from none to {revision}\n"
    assert again.output == f"Database: {url} (sqlite)\nAlready at the current schema: {revision}\n"
    assert current.output == f"Database: {url} (sqlite)\nRevision: {revision}\nSchema:   current\n"


def test_db_copy_reports_each_table(loaded: Engine, database_url: str, tmp_path: Path) -> None:
    target = f"sqlite:///{tmp_path / 'copy.db'}"
    result = runner.invoke(app, ["db", "copy", "--from", database_url, "--to", target])

    assert result.exit_code == 0, result.output
    first, *tables, last = result.output.splitlines()
    assert first.startswith("Copying ")
    rows = {line.split()[0]: int(line.split()[1]) for line in tables}
    assert {name: n for name, n in rows.items() if n} == {"indicator": 12, "entry": 6, "goal": 12}
    assert sorted(rows) == sorted(all_tables().tables)
    assert all(line.endswith("  ok") for line in tables)
    assert last == f"Copied 30 rows in {len(rows)} tables; counts and checksums match."


def test_db_copy_refuses_a_target_with_data(loaded: Engine, database_url: str) -> None:
    before = snapshot(loaded)
    result = runner.invoke(app, ["db", "copy", "--from", database_url, "--to", database_url])

    assert result.exit_code == 1
    assert result.stderr == (
        "Error: the target database is not empty (12 rows in indicator, 6 rows in entry, "
        "12 rows in goal); copy into a new, empty database.\n"
        "错误：目标数据库不是空的；请复制到一个新的空数据库。\n"
    )
    assert snapshot(loaded) == before


def test_info_names_the_backend_and_hides_the_password(loaded: Engine, database_url: str) -> None:
    result = runner.invoke(app, ["--db", database_url, "info"])

    assert result.exit_code == 0, result.output
    url = make_url(database_url)
    database = result.output.splitlines()[1]
    assert database.endswith(f"({url.get_backend_name()})")
    if url.password:
        assert f":{url.password}@" not in result.output
        assert f" {url.drivername}://{url.username}:***@{url.host}:" in database


def test_recording_a_figure_does_not_load_alembic() -> None:
    code = (
        "import sys, tracker.cli.main, tracker.cli.figures, tracker.app.figures; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (loaded.stdout, loaded.stderr) == ("[]\n", "")


def test_db_upgrade_adopts_a_database_made_before_migrations(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    upgrade(engine, to=FIRST_REVISION)
    with engine.begin() as conn:  # what `tracker init` left before there were migrations
        conn.execute(text("DROP TABLE alembic_version"))
    engine.dispose()

    shown = runner.invoke(app, ["--db", url, "db", "current"])
    upgraded = runner.invoke(app, ["--db", url, "db", "upgrade"])

    first, head = describe(FIRST_REVISION), describe(head_revision())
    assert shown.output.splitlines()[1:] == [
        "Revision: none recorded (tables made before migrations; `tracker db upgrade`",
        f"          adopts them as {first})",
        "Schema:   current"
        if first == head
        else f"Schema:   behind {head}; run `tracker db upgrade`",
    ]
    assert upgraded.output.splitlines()[1:] == [
        f"Found tables made before migrations: recorded them as {first}",
        f"Already at the current schema: {head}"
        if first == head
        else f"Upgraded from {first} to {head}",
    ]


def test_db_copy_from_a_missing_sqlite_file_makes_no_file(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    target = f"sqlite:///{tmp_path / 'new.db'}"
    result = runner.invoke(app, ["db", "copy", "--from", f"sqlite:///{missing}", "--to", target])

    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: there is no SQLite file {missing}; check --from.\n"
        f"错误：没有SQLite文件 {missing}；请检查 --from。\n"
    )
    assert sorted(tmp_path.iterdir()) == []

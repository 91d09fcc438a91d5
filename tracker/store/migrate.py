"""Schema migrations: Alembic, run from here with the application's own engine.

The migration scripts ship inside the package (``tracker/store/migrations``); nothing reads an
alembic.ini at run time. Every migration of one call runs in one transaction (PostgreSQL and
SQLite both roll DDL back), so a failed upgrade leaves the database as it was.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, inspect

from tracker.domain.errors import Conflict
from tracker.store.capabilities import capabilities, capabilities_of
from tracker.store.db import for_writing

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

# A database made by ``tracker init`` before there were migrations holds exactly these tables,
# which are what the first migration creates; such a database is adopted at that revision.
FIRST_REVISION = "6d1f0b2c9a41"
TABLES_BEFORE_MIGRATIONS = frozenset({"indicator", "goal", "entry"})


@dataclass(frozen=True)
class SchemaVersion:
    current: str | None  # the revision the database records (None: none recorded)
    head: str  # the newest revision this version of tracker knows
    unversioned: bool  # tables made before migrations existed: no revision recorded yet

    @property
    def effective(self) -> str | None:
        return FIRST_REVISION if self.unversioned else self.current

    @property
    def up_to_date(self) -> bool:
        return self.effective == self.head


@dataclass(frozen=True)
class Upgraded:
    before: str | None  # the schema's revision before (an adopted database: the first)
    after: str | None
    adopted: bool  # a database from before migrations, stamped at the first revision


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None
    return head


def describe(revision: str | None) -> str:
    """The revision with its message, e.g. ``6d1f0b2c9a41 (initial tables)``."""
    if revision is None:
        return "none"
    script = _scripts().get_revision(revision)
    message = (script.doc or "").strip() if script else "unknown to this version of tracker"
    return f"{revision} ({message})"


def schema_version(engine: Engine) -> SchemaVersion:
    with engine.connect() as connection:
        current = _current(connection)
        unversioned = current is None and _made_before_migrations(connection)
    return SchemaVersion(current=current, head=head_revision(), unversioned=unversioned)


def upgrade(engine: Engine, *, to: str = "head") -> Upgraded:
    """Run the migrations up to ``to`` (default: the newest), in one transaction."""
    with migration_connection(engine) as connection:
        return upgrade_connection(connection, to=to)


def upgrade_connection(connection: Connection, *, to: str = "head") -> Upgraded:
    """``upgrade`` on a connection inside a transaction the caller commits."""
    from alembic import command
    from alembic.util.exc import CommandError

    before = _current(connection)
    _check_known(before)
    adopted = before is None and _made_before_migrations(connection)
    config = _config(connection)
    try:
        if adopted:
            command.stamp(config, FIRST_REVISION)
        command.upgrade(config, to)
    except CommandError as error:
        raise Conflict(f"the schema migration could not run: {error}.") from error
    before = FIRST_REVISION if adopted else before
    return Upgraded(before=before, after=_current(connection), adopted=adopted)


@contextmanager
def migration_connection(engine: Engine) -> Iterator[Connection]:
    """A connection in one write transaction, committed when the block ends.

    Where migrations copy tables (SQLite), foreign keys are off while they run (batch mode
    rebuilds a table by copying it, which a referenced table would refuse) and checked before
    committing.
    """
    copies = capabilities(engine).migrations_copy_tables
    with for_writing(engine).connect() as connection:
        if copies:
            _file_pragma(connection, "foreign_keys=OFF")
        try:
            with connection.begin():
                yield connection
                if copies:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise Conflict(f"the migration broke foreign keys: {broken[:5]}.")
        finally:
            if copies:
                _file_pragma(connection, "foreign_keys=ON")


def migration_options(backend: str) -> dict[str, Any]:
    """How Alembic runs and compares on ``backend`` (a dialect's name; also used by env.py and
    the tests). Raises UnsupportedDatabase for a backend other than SQLite or PostgreSQL."""
    return {
        "render_as_batch": capabilities_of(backend).migrations_copy_tables,
        "compare_type": True,
        "transactional_ddl": True,  # SQLite too: the engine issues BEGIN itself
    }


def _file_pragma(connection: Connection, pragma: str) -> None:
    # Outside any transaction (SQLite ignores this pragma inside one): on the driver itself.
    connection.connection.driver_connection.execute(f"PRAGMA {pragma}")  # type: ignore[union-attr]


def _current(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def _made_before_migrations(connection: Connection) -> bool:
    present = TABLES_BEFORE_MIGRATIONS & set(inspect(connection).get_table_names())
    if present and present != TABLES_BEFORE_MIGRATIONS:
        missing = ", ".join(sorted(TABLES_BEFORE_MIGRATIONS - present))
        raise Conflict(
            f"the database has some of tracker's tables but not {missing}, and no migration "
            "history; point --db at a tracker database or at an empty one."
        )
    return bool(present)


def _check_known(revision: str | None) -> None:
    from alembic.util.exc import CommandError

    if revision is None:
        return
    try:
        known = _scripts().get_revision(revision) is not None
    except CommandError:
        known = False
    if not known:
        raise Conflict(
            f"the database is at schema revision {revision}, which this version of tracker "
            "does not know; use the version of tracker that last upgraded it, or a newer one."
        )


def _config(connection: Connection | None = None) -> "Config":
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@cache
def _scripts() -> "ScriptDirectory":
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())

"""What each supported database can do, named by capability rather than by backend.

Everything that differs between SQLite and PostgreSQL is read from here, looked up once from
the engine's dialect (or a URL's backend name): nothing else asks which backend it has. A
backend other than these two is refused (``UnsupportedDatabase``) before anything is built
on it, instead of getting, say, SQLite's file lock on a server database.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tracker.domain.errors import InvalidInput

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.engine import Connection, Dialect


class UnsupportedDatabase(InvalidInput):
    """The database URL names a backend tracker does not work with."""


@dataclass(frozen=True)
class Capabilities:
    """What a backend can do. Every field is a capability, not a backend's name."""

    kind: str  # the backend's name as SQLAlchemy spells it, for messages only
    # One process at a time holds the scheduler lock: a session advisory lock on the server
    # (``pg_try_advisory_lock``), else ``flock`` on a lock file beside the database file.
    advisory_locks: bool
    # ``SELECT ... FOR UPDATE`` holds a row until the transaction ends; without it, a writer
    # holds the whole database (SQLite's ``BEGIN IMMEDIATE``).
    row_locks: bool
    # NUMERIC keeps 8.5 as 8.5; without it decimals are stored as text (SQLite's NUMERIC is a
    # binary float).
    exact_numeric: bool
    # Integer ids come from sequences, which must be moved past the ids a copy brings in.
    id_sequences: bool
    # A reading transaction can be REPEATABLE READ (one state of every table); without it, a
    # transaction on the file already sees one state.
    repeatable_read: bool
    # The database is one file on this machine: its folder is made, a lock file sits beside it,
    # WAL and a busy timeout let several processes share it, writers begin IMMEDIATE.
    database_file: bool
    # ALTER TABLE cannot change a column: migrations rebuild the table by copying it
    # (Alembic's batch mode), with foreign keys off until the copy is checked.
    migrations_copy_tables: bool

    def insert(self, table: Any) -> Any:
        """An ``INSERT`` into ``table`` (a table class or Table) that knows
        ``ON CONFLICT DO NOTHING``: both backends have it, each through its own dialect."""
        if self.database_file:
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            return sqlite_insert(table)
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert(table)


SQLITE = Capabilities(
    kind="sqlite",
    advisory_locks=False,
    row_locks=False,
    exact_numeric=False,
    id_sequences=False,
    repeatable_read=False,
    database_file=True,
    migrations_copy_tables=True,
)
POSTGRESQL = Capabilities(
    kind="postgresql",
    advisory_locks=True,
    row_locks=True,
    exact_numeric=True,
    id_sequences=True,
    repeatable_read=True,
    database_file=False,
    migrations_copy_tables=False,
)
SUPPORTED = {c.kind: c for c in (SQLITE, POSTGRESQL)}


def capabilities_of(backend: str) -> Capabilities:
    """The capabilities of a backend named as SQLAlchemy names it (``sqlite``,
    ``postgresql``). Raises UnsupportedDatabase for any other."""
    found = SUPPORTED.get(backend)
    if found is None:
        raise UnsupportedDatabase(
            f"不支持数据库类型 {backend}，请使用 SQLite（sqlite:///文件路径）或 PostgreSQL"
            f"（postgresql+psycopg://…） / unsupported database kind {backend}: use SQLite "
            "(sqlite:///path/to/file.db) or PostgreSQL (postgresql+psycopg://user@host/name)."
        )
    return found


def capabilities_of_url(url: str) -> Capabilities:
    """The capabilities of the backend a SQLAlchemy URL names. Raises UnsupportedDatabase."""
    from sqlalchemy.engine import make_url

    return capabilities_of(make_url(url).get_backend_name())


def capabilities(where: "Engine | Connection | Dialect") -> Capabilities:
    """The capabilities of an engine's, a connection's or a dialect's backend."""
    dialect: Dialect = where if not hasattr(where, "dialect") else where.dialect
    return capabilities_of(dialect.name)

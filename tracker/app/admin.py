"""The database as a whole, for the commands that set it up and look after it: opening it,
what it holds, its schema revision and migrations, and copying it to another.

The CLI calls these and never the store: no table row reaches a command. Heavy parts (Alembic)
are imported by the functions that need them.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from tracker.store.checksum import TableDigest
    from tracker.store.migrate import SchemaVersion, Upgraded


def open_engine(url: str, *, create: bool = False) -> "Engine":
    """An engine for ``url`` (a SQLAlchemy URL: sqlite:///path or postgresql+psycopg://...).
    A database file that does not exist raises NotFound unless ``create`` (``tracker init``,
    ``tracker db upgrade``). Raises UnsupportedDatabase (an InvalidInput) for any other kind
    of database."""
    from tracker.store.db import make_engine

    return make_engine(url, create=create)


def read_only(engine: "Engine") -> bool:
    """Whether the engine reads a database file that cannot be written (opened read-only)."""
    from tracker.store.db import read_only as opened_read_only

    return opened_read_only(engine)


def masked_url(url: str) -> str:
    """The URL with its password replaced by ***."""
    from tracker.store.db import masked_url as masked

    return masked(url)


def where(engine: "Engine") -> str:
    """The engine's database for people: its URL (password masked) and its kind, e.g.
    ``sqlite:////srv/tracker.db (sqlite)``."""
    from tracker.store.capabilities import capabilities

    url = engine.url.render_as_string(hide_password=True)
    return f"{url} ({capabilities(engine).kind})"


def contents(engine: "Engine") -> dict[str, int] | None:
    """How many indicators, goals, figures and revisions of figures the database holds, e.g.
    ``{"indicators": 12, "goals": 12, "figures": 6, "revisions": 7}``; None when it has no
    tables yet."""
    from tracker.store.db import read_session
    from tracker.store.schema import counts, has_schema

    if not has_schema(engine):
        return None
    with read_session(engine) as session:
        return counts(session=session)


def schema_version(engine: "Engine") -> "SchemaVersion":
    """The schema revision the database is at, and the newest this version knows."""
    from tracker.store.migrate import schema_version as version

    return version(engine)


def upgrade(engine: "Engine") -> "Upgraded":
    """Bring the database to the newest schema revision, in one transaction. Raises Conflict
    when a migration cannot run (the database is left as it was)."""
    from tracker.store.migrate import upgrade as run_migrations

    return run_migrations(engine)


def describe_revision(revision: str | None) -> str:
    """The revision with its message, e.g. ``6d1f0b2c9a41 (initial tables)``."""
    from tracker.store.migrate import describe

    return describe(revision)


def copy_database(source_url: str, target_url: str) -> "list[TableDigest]":
    """Copy every table of one database into another, empty one, verified by counts and
    checksums; all or nothing. Raises NotFound, Conflict or CopyMismatch (see
    ``tracker.store.copy``)."""
    from tracker.store.copy import copy_between

    return copy_between(source_url, target_url)

"""Looking after the database as a whole: what it holds, its schema revision and migrations,
and copying it to another (``tracker db``, ``tracker config show``).

Heavy parts (Alembic) are imported by the functions that need them.
"""

from typing import TYPE_CHECKING

from tracker.app.database import Database

if TYPE_CHECKING:
    from tracker.store.checksum import TableDigest
    from tracker.store.migrate import SchemaVersion, Upgraded


def contents(db: Database) -> dict[str, int] | None:
    """How many indicators, goals, figures and revisions of figures the database holds, e.g.
    ``{"indicators": 12, "goals": 12, "figures": 6, "revisions": 7}``; None when it has no
    tables yet."""
    from tracker.store.schema import counts

    if not db.has_schema():
        return None
    with db.reading() as session:
        return counts(session=session)


def schema_version(db: Database) -> "SchemaVersion":
    """The schema revision the database is at, and the newest this version knows."""
    from tracker.store.migrate import schema_version as version

    return version(db.engine)


def upgrade(db: Database) -> "Upgraded":
    """Bring the database to the newest schema revision, in one transaction. Raises Conflict
    when a migration cannot run (the database is left as it was)."""
    from tracker.store.migrate import upgrade as run_migrations

    return run_migrations(db.engine)


def describe_revision(revision: str | None) -> str:
    """The revision with its message, e.g. ``6d1f0b2c9a41 (initial tables)``."""
    from tracker.store.migrate import describe

    return describe(revision)


def masked_url(url: str) -> str:
    """The URL with its password replaced by ***."""
    from tracker.store.db import masked_url as masked

    return masked(url)


def copy_database(source_url: str, target_url: str) -> "list[TableDigest]":
    """Copy every table of one database into another, empty one, verified by counts and
    checksums; all or nothing. Raises NotFound, Conflict or CopyMismatch (see
    ``tracker.store.copy``)."""
    from tracker.store.copy import copy_between

    return copy_between(source_url, target_url)

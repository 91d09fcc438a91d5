"""The schema: every table's metadata, and bringing a database up to it."""

from sqlalchemy import Engine, MetaData, inspect
from sqlmodel import SQLModel

from tracker.store import tables


def all_tables() -> MetaData:
    """The metadata of every table. A module that defines tables is imported here, so that
    the migrations (and ``tracker db copy``) see it."""
    from tracker.store import tables as _core  # noqa: F401

    return SQLModel.metadata


def ensure_schema(engine: Engine) -> None:
    """Bring the database to the current schema by running the migrations (see
    ``tracker.store.migrate.upgrade``); existing rows are kept."""
    from tracker.store.migrate import upgrade

    upgrade(engine)


def has_schema(engine: Engine) -> bool:
    """Whether the tables exist (``tracker init`` has run)."""
    return inspect(engine).has_table(tables.EntryRow.__tablename__)

"""The schema: every table's metadata, and bringing a database up to it."""

from sqlalchemy import Engine, MetaData, inspect
from sqlmodel import SQLModel

from tracker.store import outbox_tables, tables

_TABLE_MODULES = (tables, outbox_tables)  # imported so that the metadata holds every table


def all_tables() -> MetaData:
    """The metadata of every table: the migrations are checked against it and
    ``tracker db copy`` copies each of its tables. Its tables are those of the modules this
    module imports (``_TABLE_MODULES``); a new module of tables must be imported here too."""
    return SQLModel.metadata


def ensure_schema(engine: Engine) -> None:
    """Bring the database to the current schema by running the migrations (see
    ``tracker.store.migrate.upgrade``); existing rows are kept."""
    from tracker.store.migrate import upgrade

    upgrade(engine)


def has_schema(engine: Engine) -> bool:
    """Whether the tables exist (``tracker init`` has run)."""
    return inspect(engine).has_table(tables.EntryRow.__tablename__)

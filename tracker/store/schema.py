"""Creating the schema."""

from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

from tracker.store import outbox_tables, tables

_TABLE_MODULES = (tables, outbox_tables)  # imported so that create_all knows every table


def ensure_schema(engine: Engine) -> None:
    """Create every missing table; existing tables and their rows are left as they are."""
    SQLModel.metadata.create_all(engine)


def has_schema(engine: Engine) -> bool:
    """Whether the tables exist (``tracker init`` has run)."""
    return inspect(engine).has_table(tables.EntryRow.__tablename__)

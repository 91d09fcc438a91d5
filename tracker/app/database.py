"""``Database``: one database as the use cases see it, opened by URL, its transactions begun
only by the application layer.

A database kept in one file (SQLite) is set up for several processes at once (WAL, a busy
timeout, ``BEGIN IMMEDIATE`` for writers: ``tracker.store.db``). Nothing is opened at import
time; the CLI and the scheduler make a ``Database`` and hand it to the use cases.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session


class Database:
    """A database by its engine. ``reading`` and ``writing`` begin the one transaction of a
    use case; ``close`` releases its connections (PostgreSQL keeps them open otherwise)."""

    def __init__(self, engine: "Engine") -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str, *, create: bool = False) -> "Database":
        """The database at ``url`` (sqlite:///path or postgresql+psycopg://...). A database
        file that does not exist raises NotFound unless ``create`` (``tracker init``,
        ``tracker db upgrade``); any other kind of database raises UnsupportedDatabase (an
        InvalidInput), a URL that cannot be read InvalidInput."""
        from tracker.store.db import make_engine

        return cls(make_engine(url, create=create))

    @property
    def read_only(self) -> bool:
        """Whether it is a database file that cannot be written (opened read-only)."""
        from tracker.store.db import read_only

        return read_only(self.engine)

    def where(self) -> str:
        """The database for people: its URL (password masked) and its kind, e.g.
        ``sqlite:////srv/tracker.db (sqlite)``."""
        from tracker.store.capabilities import capabilities

        url = self.engine.url.render_as_string(hide_password=True)
        return f"{url} ({capabilities(self.engine).kind})"

    def has_schema(self) -> bool:
        """Whether the tables exist (``tracker init`` has run)."""
        from tracker.store.schema import has_schema

        return has_schema(self.engine)

    @contextmanager
    def reading(self) -> Iterator["Session"]:
        """One transaction that sees one state of every table, whatever is committed
        meanwhile (REPEATABLE READ on PostgreSQL; a database file's transaction already does)."""
        from tracker.store.db import snapshot_session

        with snapshot_session(self.engine) as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator["Session"]:
        """One transaction whose work commits whole, or not at all; on a database file it
        takes the write lock at once, so a read-modify-write never loses an update."""
        from tracker.store.db import write_session

        with write_session(self.engine) as session:
            yield session

    def close(self) -> None:
        """Close its connections; it opens new ones if used again."""
        self.engine.dispose()

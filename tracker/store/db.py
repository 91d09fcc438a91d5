"""Engines and sessions. Nothing is created at import time: callers pass the URL in.

A database kept in one file (SQLite) is set up for several processes at once: WAL, a busy
timeout, and transactions that begin explicitly (``BEGIN IMMEDIATE`` for writers), so a
read-modify-write never loses an update and a writer waits for another instead of failing
with "database is locked".
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlmodel import Session

from tracker.domain.errors import NotFound
from tracker.store.capabilities import capabilities_of

BUSY_TIMEOUT_SECONDS = 60
_WRITE = "tracker_write"


def make_engine(url: str, *, create: bool = True) -> Engine:
    """An engine for ``url`` (a SQLAlchemy URL). A database file and its folder are created
    when first written, unless ``create`` is false: then a file that does not exist raises
    NotFound (a mistyped path must not leave an empty database behind). Raises
    UnsupportedDatabase (an InvalidInput) for a backend other than SQLite or PostgreSQL."""
    parsed = make_url(url)
    if not capabilities_of(parsed.get_backend_name()).database_file:
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database).expanduser()
        if not create and not path.exists():
            raise NotFound(
                f"没有数据库 {path}：`tracker init` 可新建 / no database at {path}; "
                "`tracker init` creates it (or check --db / TRACKER_DATABASE_URL)."
            )
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_SECONDS})
    event.listen(engine, "connect", _file_on_connect)
    event.listen(engine, "begin", _file_on_begin)
    return engine


def _file_on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
    cursor.close()


def _file_on_begin(connection: Any) -> None:
    write = connection.get_execution_options().get(_WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def for_writing(engine: Engine) -> Engine:
    """The engine, marked so that its transactions take the write lock at once where a writer
    holds the whole database file."""
    return engine.execution_options(**{_WRITE: True})


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """A session whose work commits as one transaction, or not at all."""
    with Session(for_writing(engine), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A session for reading. Closing it ends the transaction; loaded rows stay readable."""
    with Session(engine) as session:
        yield session


def masked_url(url: str) -> str:
    """The URL with its password replaced by ***."""
    return make_url(url).render_as_string(hide_password=True)

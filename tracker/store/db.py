"""Engines and sessions. Nothing is created at import time: callers pass the URL in.

A database kept in one file (SQLite) is set up for several processes at once: WAL, a busy
timeout, and transactions that begin explicitly (``BEGIN IMMEDIATE`` for writers), so a
read-modify-write never loses an update and a writer waits for another instead of failing
with "database is locked".
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlmodel import Session

from tracker.domain.errors import InvalidInput, NotFound
from tracker.store.capabilities import capabilities_of

BUSY_TIMEOUT_SECONDS = 60
_WRITE = "tracker_write"


def make_engine(url: str, *, create: bool = True) -> Engine:
    """An engine for ``url`` (a SQLAlchemy URL). A database file and its folder are created
    when first written, unless ``create`` is false: then a file that does not exist raises
    NotFound (a mistyped path must not leave an empty database behind). A file that cannot be
    written is opened read-only. Raises UnsupportedDatabase (an InvalidInput) for a backend
    other than SQLite or PostgreSQL, InvalidInput for a URL that cannot be read or whose
    driver is missing."""
    try:
        parsed = make_url(url)
        if parsed.port == 0:  # a port that is not a number is found only when it is read
            raise ValueError("port 0")
    except (ValueError, ArgumentError) as error:
        detail = str(error).split(":")[0] if isinstance(error, ArgumentError) else "bad port"
        raise InvalidInput(
            f"数据库地址无效 / the database URL (--db or TRACKER_DATABASE_URL) is not valid "
            f"({detail}); write e.g. sqlite:////srv/tracker.db or "
            "postgresql+psycopg://user@host:5432/tracker"
        ) from None
    if not capabilities_of(parsed.get_backend_name()).database_file:
        return _engine(url, parsed.get_backend_name(), pool_pre_ping=True)
    file = Path(parsed.database).expanduser() if parsed.database not in (None, ":memory:") else None
    if file is not None and not create and not file.exists():
        raise NotFound(
            f"没有数据库 {file}：`tracker init` 可新建 / no database at {file}; "
            "`tracker init` creates it (or check --db / TRACKER_DATABASE_URL)."
        )
    if file is not None and _cannot_write(file):
        return _read_only_engine(file, parsed.get_backend_name())
    if file is not None:
        file.parent.mkdir(parents=True, exist_ok=True)
    engine = _engine(url, parsed.get_backend_name(), connect_args={"timeout": BUSY_TIMEOUT_SECONDS})
    event.listen(engine, "connect", _file_on_connect)
    event.listen(engine, "begin", _file_on_begin)
    return engine


def read_only(engine: Engine) -> bool:
    """Whether ``engine`` reads a database file that cannot be written (see make_engine)."""
    return bool(engine.url.query.get("mode") == "ro")


def _cannot_write(file: Path) -> bool:
    """A database file that exists but cannot be written, or whose folder cannot be (SQLite
    writes its journal there): a copy on a read-only share, a backup, another user's file."""
    if not file.is_file():
        return False
    return not (os.access(file, os.W_OK) and os.access(file.parent, os.W_OK))


def _read_only_engine(file: Path, backend: str) -> Engine:
    """The file opened read-only, its journal mode untouched; ``immutable`` (no locking, no
    -shm file) when no writer can be at work: its folder cannot be written and there is no
    write-ahead log beside it."""
    options = "mode=ro&uri=true"
    wal = file.with_name(file.name + "-wal")
    if not os.access(file.parent, os.W_OK) and not wal.exists():
        options += "&immutable=1"
    url = f"sqlite:///file:{quote(str(file.resolve()))}?{options}"
    engine = _engine(url, backend, connect_args={"timeout": BUSY_TIMEOUT_SECONDS})
    event.listen(engine, "connect", _read_only_on_connect)
    event.listen(engine, "begin", lambda connection: connection.exec_driver_sql("BEGIN"))
    return engine


def _read_only_on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
    cursor.close()


def _engine(url: str, backend: str, **options: Any) -> Engine:
    try:
        return create_engine(url, **options)
    except ImportError as error:  # the driver of a supported database is not installed
        raise InvalidInput(
            f"未安装数据库驱动 / the driver for {backend} is not installed ({error.name}); "
            "install it with pip install 'tracker[postgres]' (psycopg 3), and write the URL "
            "as postgresql+psycopg://..."
        ) from None


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


@contextmanager
def snapshot_session(engine: Engine) -> Iterator[Session]:
    """A session for reading in one transaction that sees one state of every table, whatever
    is committed meanwhile: REPEATABLE READ where the backend has it (``repeatable_read``);
    a transaction on a database file already sees one state (from its first read). Rows read
    stay readable after it ends."""
    if capabilities_of(engine.dialect.name).repeatable_read:
        engine = engine.execution_options(isolation_level="REPEATABLE READ")
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session


def masked_url(url: str) -> str:
    """The URL with its password replaced by ***."""
    return make_url(url).render_as_string(hide_password=True)

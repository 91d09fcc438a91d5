"""One scheduler per database, held by a lock that the OS or the server releases when the
holder dies (so a crash never leaves it stuck):

- A database with advisory locks (PostgreSQL): a session advisory lock,
  ``pg_try_advisory_lock``, on a connection kept open for the scheduler's life; the holder
  names itself in that connection's ``application_name``.
- A database file (SQLite): a lock on the database file itself, so that every path to it (a
  symbolic or a hard link, another mount of the same disk) finds the same lock: on Linux an
  open-file-description lock (``F_OFD_SETLK``) on one byte far beyond the bytes SQLite locks
  (it neither touches SQLite's locks nor is dropped when SQLite closes its own descriptors);
  elsewhere ``fcntl.flock`` on ``<database>.scheduler.lock``. The holder writes its name into
  ``<database>.scheduler.lock`` for whoever finds the lock taken. ``fcntl`` is imported only
  there, so the rest of the scheduler (``tracker schedule run``, the outbox) works without it.
"""

import errno
import os
import socket
import struct
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from tracker.domain.errors import Conflict, InvalidInput
from tracker.store.capabilities import capabilities

LOCK_CLASS = 0x7472616B  # "trak": the first key of the two-key advisory lock
LOCK_BYTE = 2**62  # SQLite locks bytes from 2**30 to 2**30 + 511; this one is far from them


class SchedulerRunning(Conflict):
    """Another scheduler holds the lock for this database."""

    def __init__(self, message: str) -> None:
        super().__init__(
            message, zh="该数据库已有调度程序在运行（见上行）；请先停止它，或让它继续运行"
        )


class LockLost(Conflict):
    """The connection holding the lock dropped: another scheduler may start, so this one stops."""


def holder_name() -> str:
    return f"tracker scheduler pid {os.getpid()} on {socket.gethostname()}"


@dataclass(frozen=True)
class Held:
    where: str  # "lock file /srv/tracker.db.scheduler.lock", "advisory lock (...) on db.schema"
    check: Callable[[], bool]  # whether it is still held (a dropped connection loses it)


@contextmanager
def scheduler_lock(engine: Engine) -> Iterator[Held]:
    """Hold the database's scheduler lock while the block runs.
    Raises SchedulerRunning naming the holder when another process has it, and
    UnsupportedDatabase for a backend other than SQLite or PostgreSQL."""
    if capabilities(engine).advisory_locks:
        with _advisory_lock(engine) as held:
            yield held
    else:
        database = engine.url.database
        if not database or database == ":memory:":
            raise InvalidInput("the scheduler needs a database file or server, not :memory:")
        with _file_lock(Path(database).expanduser().resolve()) as held:
            yield held


@contextmanager
def _advisory_lock(engine: Engine) -> Iterator[Held]:
    with engine.connect() as plain:
        conn = plain.execution_options(isolation_level="AUTOCOMMIT")
        database, schema = conn.execute(text("SELECT current_database(), current_schema()")).one()
        key = zlib.crc32(f"{database}.{schema}".encode()) & 0x7FFFFFFF
        keys = {"a": LOCK_CLASS, "b": key}
        conn.execute(
            text("SELECT set_config('application_name', :n, false)"), {"n": holder_name()[:63]}
        )
        if not conn.execute(text("SELECT pg_try_advisory_lock(:a, :b)"), keys).scalar():
            holder = conn.execute(
                text(
                    "SELECT a.application_name, a.client_addr, a.backend_start FROM pg_locks l "
                    "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' "
                    "AND l.granted AND l.classid::bigint = :a AND l.objid::bigint = :b "
                    "AND l.objsubid = 2"
                ),
                keys,
            ).first()
            conn.execute(text("RESET application_name"))
            who = "another process"
            if holder is not None:
                name, address, since = holder
                who = f"{name or 'a client'} (connected from {address or 'a local socket'} "
                who += f"since {since:%Y-%m-%d %H:%M:%S %Z})"
            raise SchedulerRunning(
                f"a scheduler is already running for database {database} (schema {schema}): "
                f"{who}; stop it first, or leave it running"
            )

        def check() -> bool:
            try:
                held = conn.execute(
                    text(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                        "AND pid = pg_backend_pid() AND classid::bigint = :a "
                        "AND objid::bigint = :b AND objsubid = 2"
                    ),
                    keys,
                ).scalar()
            except SQLAlchemyError:
                return False
            return held == 1

        try:
            yield Held(f"advisory lock ({LOCK_CLASS}, {key}) on {database}.{schema}", check)
        finally:
            with suppress(SQLAlchemyError):  # a lost connection has let go of the lock already
                conn.execute(text("SELECT pg_advisory_unlock(:a, :b)"), keys)
                conn.execute(text("RESET application_name"))


@contextmanager
def _file_lock(database: Path) -> Iterator[Held]:
    import fcntl

    path = database.with_name(database.name + ".scheduler.lock")
    identity = os.stat(database) if database.exists() else None
    ofd = getattr(fcntl, "F_OFD_SETLK", None) if struct.calcsize("P") == 8 else None
    if ofd is not None and identity is not None:
        lock_fd = os.open(database, os.O_RDWR)  # the file itself, by whatever name it is reached
        where = f"lock on the database file (device {identity.st_dev}, inode {identity.st_ino})"
    else:
        lock_fd, where = -1, f"lock file {path}"
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o640)
        try:
            try:
                if lock_fd >= 0:
                    assert ofd is not None
                    fcntl.fcntl(lock_fd, ofd, _flock(fcntl.F_WRLCK))
                else:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                found = os.pread(fd, 500, 0).decode("utf-8", "replace").strip()
                raise SchedulerRunning(
                    f"a scheduler is already running for {database}: "
                    f"{found or 'another process, through another path to the same file'} "
                    f"({where}); stop it first, or leave it running"
                ) from None
            os.ftruncate(fd, 0)
            since = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
            os.pwrite(fd, f"{holder_name()}, since {since}\n".encode(), 0)
            os.fsync(fd)
            try:
                yield Held(where, lambda: True)  # held while the descriptor stays open
            finally:
                os.ftruncate(fd, 0)
                if lock_fd < 0:
                    fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
    finally:
        if lock_fd >= 0:
            os.close(lock_fd)  # lets go of the lock


def _flock(kind: int) -> bytes:
    """A ``struct flock`` (64-bit layout) for one byte at LOCK_BYTE."""
    return struct.pack("hhqqi4x", kind, os.SEEK_SET, LOCK_BYTE, 1, 0)

"""Copying a whole database to another (SQLite ↔ PostgreSQL), all or nothing.

Every table of the schema is copied, parents before children, ids included; the target is
brought to the current schema first and must hold no rows. Before committing, each table is
read back from the target and its count and checksum compared with the source's; any
difference rolls the whole copy back.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Connection, DateTime, Engine, Integer, Table, func, select, text
from sqlalchemy.engine import make_url

from tracker.domain.errors import Conflict, NotFound, TrackerError
from tracker.store.capabilities import capabilities, capabilities_of
from tracker.store.checksum import Digester, TableDigest, in_utc, table_digest
from tracker.store.db import make_engine
from tracker.store.migrate import (
    describe,
    migration_connection,
    schema_version,
    upgrade_connection,
)
from tracker.store.schema import all_tables

BATCH = 1000


class CopyMismatch(TrackerError):
    """The target did not read back what was written (nothing was committed)."""


def copy_between(source_url: str, target_url: str) -> list[TableDigest]:
    """``copy_database`` between two URLs; a SQLite source must exist (no file is made)."""
    url = make_url(source_url)
    capabilities_of(make_url(target_url).get_backend_name())  # refused before reading
    in_file = capabilities_of(url.get_backend_name()).database_file
    if in_file and url.database not in (None, "", ":memory:"):
        path = Path(str(url.database)).expanduser()
        if not path.exists():
            raise NotFound(
                f"there is no SQLite file {path}; check --from.",
                zh=f"没有SQLite文件 {path}；请检查 --from。",
            )
    engines = make_engine(source_url), make_engine(target_url)
    try:
        return copy_database(*engines)
    finally:
        for engine in engines:
            engine.dispose()


def copy_database(source: Engine, target: Engine) -> list[TableDigest]:
    """Copy every row of ``source`` into the empty database ``target``; the digests of the
    tables copied (identical on both sides)."""
    _check_source(source)
    tables = list(all_tables().sorted_tables)
    with migration_connection(target) as writing:
        upgrade_connection(writing)
        _check_empty(writing, tables)
        with _reading(source) as reading:
            sent = [_copy_table(reading, writing, table) for table in tables]
        for table, expected in zip(tables, sent, strict=True):
            found = table_digest(writing, table)
            if found != expected:
                raise CopyMismatch(
                    f"table {table.name} read back {found.rows} rows (checksum "
                    f"{found.checksum[:12]}) after {expected.rows} rows (checksum "
                    f"{expected.checksum[:12]}) were written; nothing was copied."
                )
        _reset_sequences(writing, tables)
    return sent


def _check_source(source: Engine) -> None:
    version = schema_version(source)
    if version.effective is None:
        raise NotFound("the source database has no tracker tables; check --from.")
    if not version.up_to_date:
        raise Conflict(
            f"the source database is at schema revision {describe(version.effective)}, not "
            f"{describe(version.head)}; upgrade it first (`tracker --db SOURCE db upgrade`)."
        )


def _check_empty(connection: Connection, tables: list[Table]) -> None:
    filled = {
        table.name: n
        for table in tables
        if (n := connection.execute(select(func.count()).select_from(table)).scalar_one())
    }
    if filled:
        held = ", ".join(f"{n} rows in {name}" for name, n in filled.items())
        raise Conflict(
            f"the target database is not empty ({held}); copy into a new, empty database.",
            zh="目标数据库不是空的；请复制到一个新的空数据库。",
        )


@contextmanager
def _reading(engine: Engine) -> Iterator[Connection]:
    """A read transaction on the source that sees one consistent state of every table."""
    repeatable = capabilities(engine).repeatable_read
    options = {"isolation_level": "REPEATABLE READ"} if repeatable else {}
    with engine.connect().execution_options(**options) as connection, connection.begin():
        yield connection


def _copy_table(reading: Connection, writing: Connection, table: Table) -> TableDigest:
    digester = Digester(table)
    query = select(table).order_by(*table.primary_key.columns)
    result = reading.execution_options(stream_results=True).execute(query).mappings()
    for batch in result.partitions(BATCH):
        rows = [_portable(table, row) for row in batch]
        writing.execute(table.insert(), rows)
        digester.add_all(rows)
    return digester.digest()


def _portable(table: Table, row: Any) -> dict[str, object]:
    """The row with times the target stores as meant: UTC, aware where the column is."""
    values = dict(row)
    for column in table.columns:
        value = values[column.name]
        if isinstance(value, datetime):
            moment = in_utc(value)
            values[column.name] = moment if _aware(column) else moment.replace(tzinfo=None)
    return values


def _aware(column: Column[Any]) -> bool:
    kind = column.type
    return isinstance(kind, DateTime) and bool(kind.timezone)


def _reset_sequences(connection: Connection, tables: list[Table]) -> None:
    """Let the id sequences (where ids come from sequences) continue after the ids copied in."""
    if not capabilities(connection).id_sequences:
        return
    quote = connection.dialect.identifier_preparer
    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer):
            continue
        name = quote.format_table(table)
        column = quote.quote(keys[0].name)
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                f"coalesce(max({column}), 1), max({column}) IS NOT NULL) FROM {name}"
            ),
            {"table": name, "column": keys[0].name},
        )

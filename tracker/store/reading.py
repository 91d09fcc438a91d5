"""Reading many rows at once: columns as the driver returns them, fetched in batches, and
numbers converted once per distinct value (docs/performance.md, "What changed").

A column type converts every value it reads; a city's goals and figures repeat the same few
numbers, periods and names thousands of times, so the bulk reads take the driver's values and
convert each distinct one once.
"""

import functools
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from itertools import chain
from typing import Any

from sqlalchemy import Select, type_coerce
from sqlalchemy.types import NullType
from sqlmodel import Session, SQLModel, col

from tracker.store.types import ExactDecimal, to_decimal

BATCH = 1000


def raw(column: Any) -> Any:
    """The column as the driver returns it, without the column type's conversion."""
    return type_coerce(col(column), NullType())


def columns(model: type[SQLModel], names: tuple[str, ...]) -> list[Any]:
    """The columns of ``model``; its exact numbers as the driver returns them (``number``
    converts them)."""
    found = [getattr(model, name).property.columns[0] for name in names]
    return [raw(c) if isinstance(c.type, ExactDecimal) else c for c in found]


def rows(session: Session, query: Select[Any]) -> Iterable[Sequence[Any]]:
    """The rows of ``query``, fetched in batches of BATCH."""
    return chain.from_iterable(session.connection().execute(query).partitions(BATCH))


def marks(session: Session) -> str:
    """The driver's placeholder for a positional parameter: "?" (sqlite3) or "%s" (psycopg)."""
    return "?" if session.get_bind().dialect.paramstyle == "qmark" else "%s"


def bound(session: Session, column: Any, value: Any) -> Any:
    """``value`` as the driver takes it for ``column`` (a table column): what the column
    type's bind processor makes of it (SQLite stores dates and times as text)."""
    dialect = session.get_bind().dialect
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    return value if process is None else process(value)


def driver_rows(session: Session, sql: str, params: Sequence[Any]) -> Iterator[Sequence[Any]]:
    """The rows of ``sql`` (placeholders as ``marks`` gives them) in the session's transaction,
    as the driver returns them, fetched from its cursor DRIVER_BATCH at a time (a country's two
    million figures are never all held as rows at once). The statement goes through the
    connection as any other (its events fire); its rows do not go through SQLAlchemy's
    result, which costs a province's status a tenth of its read again (docs/performance.md,
    "What changed")."""
    return chain.from_iterable(_batches(session, sql, params))


def _batches(session: Session, sql: str, params: Sequence[Any]) -> Iterator[Sequence[Any]]:
    """The rows of ``sql`` in lists of DRIVER_BATCH, the statement closed after the last."""
    result = session.connection().exec_driver_sql(sql, tuple(params))
    try:
        cursor = result.cursor
        while batch := cursor.fetchmany(DRIVER_BATCH):
            yield batch
    finally:
        result.close()


DRIVER_BATCH = 10_000


def number(value: Any) -> Decimal:
    """A number as the driver returns it (text or Decimal), as the column type would return it."""
    return _decimal_of_text(value) if isinstance(value, str) else to_decimal(value)


def optional_number(value: Any) -> Decimal | None:
    """``number`` of a value that may be NULL."""
    return None if value is None else number(value)


_decimal_of_text = functools.lru_cache(maxsize=4096)(Decimal)


def exact(value: Decimal) -> Decimal:
    """The Decimal without trailing zeros (8.50 → 8.5), zero as 0."""
    return value.normalize() if value else Decimal(0)

"""Queries for whole files of figures: the current revision of every entry in one query, every
revision for an export, and inserts of many entries at once.

``insert_entries`` compiles the INSERT once and binds each column through the column type's own
processor, memoised per distinct value (a file repeats the same periods, dates and people), then
hands the rows to the driver's ``executemany``: the same SQL and the same stored text as an ORM
insert, without the per-row work of building parameters that dominates a 100,000-row import.
"""

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import Table, func, insert
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from tracker.store.tables import EntryRow, IndicatorRow

ENTRY_COLUMNS = (
    "indicator_id",
    "period",
    "period_end",
    "revision",
    "value",
    "amount",
    "preliminary",
    "note",
    "source",
    "source_file",
    "source_row",
    "reason",
    "recorded_by",
    "recorded_at",
)


class Stored(NamedTuple):
    """The current revision of one entry, as an import compares it."""

    revision: int
    value: Decimal
    amount: Decimal | None
    preliminary: bool
    note: str | None
    source: str | None


def indicator_ids(*, session: Session) -> dict[str, int]:
    rows = session.exec(select(IndicatorRow.key, IndicatorRow.id)).all()
    return {key: ident for key, ident in rows if ident is not None}


def current_entries(*, session: Session) -> dict[tuple[str, str], Stored]:
    """The current (latest) revision of every entry, by (indicator key, period)."""
    latest = (
        select(
            EntryRow.indicator_id,
            EntryRow.period,
            func.max(EntryRow.revision).label("revision"),
        )
        .group_by(col(EntryRow.indicator_id), col(EntryRow.period))
        .subquery()
    )
    query = (
        select_columns(
            col(IndicatorRow.key),
            col(EntryRow.period),
            col(EntryRow.revision),
            col(EntryRow.value),
            col(EntryRow.amount),
            col(EntryRow.preliminary),
            col(EntryRow.note),
            col(EntryRow.source),
        )
        .join(IndicatorRow, col(IndicatorRow.id) == col(EntryRow.indicator_id))
        .join(
            latest,
            (col(EntryRow.indicator_id) == latest.c.indicator_id)
            & (col(EntryRow.period) == latest.c.period)
            & (col(EntryRow.revision) == latest.c.revision),
        )
    )
    return {
        (key, period): Stored(revision, _exact(value), _exact(amount), preliminary, note, source)
        for key, period, revision, value, amount, preliminary, note, source in session.execute(
            query
        )
    }


def every_revision(*, session: Session) -> list[tuple[str, EntryRow]]:
    """Every revision of every entry with its indicator key, by indicator, period, revision."""
    query = (
        select(IndicatorRow.key, EntryRow)
        .join(IndicatorRow, col(IndicatorRow.id) == col(EntryRow.indicator_id))
        .order_by(
            col(EntryRow.indicator_id),
            col(EntryRow.period_end),
            col(EntryRow.period),
            col(EntryRow.revision),
        )
    )
    return [(key, row) for key, row in session.exec(query).all()]


def insert_entries(*, session: Session, columns: Mapping[str, Sequence[Any]]) -> None:
    """Insert entries, given column by column (every name of ``ENTRY_COLUMNS``, lists of the
    same length), in the session's transaction with one ``executemany``."""
    count = len(columns["indicator_id"])
    if not count:
        return
    connection = session.connection()
    dialect = connection.dialect
    table: Table = EntryRow.__table__  # type: ignore[attr-defined]
    compiled = insert(table).compile(dialect=dialect, column_keys=list(ENTRY_COLUMNS))
    bound: dict[str, Sequence[Any]] = {}
    for name in ENTRY_COLUMNS:
        values = columns[name]
        if len(values) != count:
            raise ValueError(f"column {name} has {len(values)} values, not {count}")
        process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        bound[name] = values if process is None else _bound(values, process)
    if compiled.positional:
        order = compiled.positiontup or []
        rows: list[Any] = list(zip(*(bound[name] for name in order), strict=True))
    else:
        names = list(compiled.params)
        tuples = zip(*(bound[n] for n in names), strict=True)
        rows = [dict(zip(names, row, strict=True)) for row in tuples]
    connection.exec_driver_sql(compiled.string, rows)


def _bound(values: Sequence[Any], process: Callable[[Any], Any]) -> list[Any]:
    """``process`` applied to each value, once per distinct value."""
    memo = {value: process(value) for value in set(values)}
    return [memo[value] for value in values]


def _exact(value: Any) -> Any:
    if value is None:
        return None
    return value.normalize() if value else Decimal(0)

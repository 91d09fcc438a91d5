"""Figures: every revision of every figure (rows of ``EntryRow``), read as the domain's
``Figure`` (the current revision) or ``RevisionRecord`` (the history), and written one by one
or, for an import, many at once.

``insert_entries`` compiles the INSERT once and binds each column through the column type's own
processor, memoised per distinct value (a file repeats the same periods, dates and people), then
hands the rows to the driver's ``executemany``: the same SQL and the same stored text as an ORM
insert, without the per-row work of building parameters that dominates a 100,000-row import
(``python -m benchmarks``, case ``bulk_insert``).
"""

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import Select, Table, func, insert
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from tracker.domain.history import RevisionRecord
from tracker.domain.model import Figure
from tracker.domain.periods import Period
from tracker.store import reading
from tracker.store.tables import EntryRow, IndicatorRow
from tracker.store.types import to_decimal

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
    """The current revision of one figure, as an import compares it."""

    revision: int
    value: Decimal
    amount: Decimal | None
    preliminary: bool
    note: str | None
    source: str | None


def current_figures(
    *, session: Session, years: tuple[int, int] | None = None
) -> dict[str, list[Figure]]:
    """The current (latest) revision of every figure (of the periods ending in ``years``, first
    and last included), per indicator key, oldest period first.

    Reads every revision in order, newest first within a period, and keeps the first of each
    period: cheaper than finding the current ones in SQL. The numbers are read as the driver
    returns them and converted once per distinct value, not once per figure by the column type
    (README, "Performance").
    """
    return current_figures_from_rows(reading.rows(session, _current_figures_query(years)))


def _current_figures_query(years: tuple[int, int] | None) -> Select[Any]:
    query = (
        select_columns(
            col(IndicatorRow.key),
            col(EntryRow.period),
            col(EntryRow.revision),
            reading.raw(EntryRow.value),
            reading.raw(EntryRow.amount),
            reading.raw(EntryRow.preliminary),
            col(EntryRow.note),
            col(EntryRow.source),
        )
        .join(IndicatorRow, col(IndicatorRow.id) == col(EntryRow.indicator_id))
        .order_by(
            col(EntryRow.indicator_id),
            col(EntryRow.period_end),
            col(EntryRow.period),
            col(EntryRow.revision).desc(),
        )
    )
    if years is not None:
        first, last = years
        query = query.where(
            col(EntryRow.period_end) >= date(first, 1, 1),
            col(EntryRow.period_end) <= date(last, 12, 31),
        )
    return query


def current_figures_from_rows(rows: Iterable[Sequence[Any]]) -> dict[str, list[Figure]]:
    """Per indicator key, the current figure of each period, from rows of (key, period,
    revision, value, amount, preliminary, note, source) ordered by indicator, period and
    revision, the newest revision first: the first row of each period is its current revision,
    the rest are skipped.

    Numbers come as the driver returns them (text on SQLite, Decimal on PostgreSQL) and each
    distinct one is converted once, as is each distinct period: a city's figures repeat both.
    """
    figures: dict[str, list[Figure]] = {}
    numbers: dict[Any, Decimal] = {}
    periods: dict[str, Period] = {}
    series: list[Figure] = []
    held_key = held_period = None
    for key, period, revision, value, amount, preliminary, note, source in rows:
        if key != held_key:
            series = figures.setdefault(key, [])
            held_key, held_period = key, None
        elif period == held_period:
            continue  # an older revision
        held_period = period
        when = periods.get(period)
        if when is None:
            when = periods[period] = Period.parse(period)
        number = numbers.get(value)
        if number is None:
            number = numbers[value] = reading.exact(to_decimal(value))
        total = None if amount is None else numbers.get(amount)
        if amount is not None and total is None:
            total = numbers[amount] = reading.exact(to_decimal(amount))
        series.append(
            Figure(
                period=when,
                value=number,
                amount=total,
                preliminary=bool(preliminary),
                revision=revision,
                note=note,
                source=source,
            )
        )
    return figures


def figure_from_row(row: EntryRow) -> Figure:
    """The figure one revision's row holds."""
    return Figure(
        period=_period(row.period),
        value=reading.exact(row.value),
        amount=None if row.amount is None else reading.exact(row.amount),
        preliminary=row.preliminary,
        revision=row.revision,
        note=row.note,
        source=row.source,
    )


@functools.lru_cache(maxsize=4096)
def _period(text: str) -> Period:
    """Periods are few and immutable: each distinct one is parsed once."""
    return Period.parse(text)


def revisions(*, session: Session, indicator_id: int, period: str | None = None) -> list[EntryRow]:
    """Every revision of the indicator's figures (of one period), oldest first."""
    query = select(EntryRow).where(EntryRow.indicator_id == indicator_id)
    if period is not None:
        query = query.where(EntryRow.period == period)
    query = query.order_by(col(EntryRow.period_end), col(EntryRow.period), col(EntryRow.revision))
    return list(session.exec(query).all())


def history(
    *, session: Session, indicator_id: int, period: str | None = None
) -> list[RevisionRecord]:
    """``revisions`` as plain records, times in UTC."""
    return [
        revision_record(row)
        for row in revisions(session=session, indicator_id=indicator_id, period=period)
    ]


def revision_record(row: EntryRow) -> RevisionRecord:
    """The row as a plain record; a time stored without a zone (SQLite) is UTC."""
    when = row.recorded_at
    return RevisionRecord(
        period=row.period,
        revision=row.revision,
        value=row.value,
        amount=row.amount,
        preliminary=row.preliminary,
        note=row.note,
        source=row.source,
        source_file=row.source_file,
        source_row=row.source_row,
        reason=row.reason,
        recorded_by=row.recorded_by,
        recorded_at=when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC),
    )


def latest_revision(*, session: Session, indicator_id: int, period: str) -> EntryRow | None:
    """The current revision of one figure, or None when it was never recorded."""
    query = (
        select(EntryRow)
        .where(EntryRow.indicator_id == indicator_id, EntryRow.period == period)
        .order_by(col(EntryRow.revision).desc())
    )
    return session.exec(query).first()


def current_entries(*, session: Session) -> dict[tuple[str, str], Stored]:
    """The current (latest) revision of every figure, by (indicator key, period)."""
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
    """Every revision of every figure with its indicator key, by indicator, period, revision."""
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
    """Insert revisions, given column by column (every name of ``ENTRY_COLUMNS``, lists of the
    same length), in the session's transaction with one ``executemany``. Raises ValueError when
    the lists differ in length."""
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

"""Figures: every revision of every figure (rows of ``FigureRow``), read as the domain's
``Figure`` (the current revision) or ``Revision`` (the history), and written one by one
or, for an import, many at once.

``insert_figures`` compiles the INSERT once and binds each column through the column type's own
processor, memoised per distinct value (a file repeats the same periods, dates and people), then
hands the rows to the driver's ``executemany``: the same SQL and the same stored text as an ORM
insert, without the per-row work of building parameters that dominates a 100,000-row import
(``python -m benchmarks``, case ``bulk_insert``).
"""

import functools
import itertools
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, Table, func, insert
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from tracker.domain.model import Figure
from tracker.domain.periods import Period
from tracker.domain.places import HOME
from tracker.domain.revisions import Revision, StoredFigure
from tracker.store import reading
from tracker.store.tables import FigureRow, IndicatorRow
from tracker.store.types import to_decimal

FIGURE_COLUMNS = (
    "indicator_id",
    "place",
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


def current_figures(
    *,
    session: Session,
    years: tuple[int, int] | None = None,
    known_before: datetime | None = None,
    place: str = HOME,
) -> dict[str, list[Figure]]:
    """The current (latest) revision of every figure of one place (its stored key, "" for
    home: docs/places.md) (of the periods ending in ``years``, first and last included), per
    indicator key, oldest period first; ``known_before``: of the revisions recorded before then
    only (``--as-known``).

    Reads every revision in order, newest first within a period, and keeps the first of each
    period: cheaper than finding the current ones in SQL. The numbers are read as the driver
    returns them and converted once per distinct value, not once per figure by the column type
    (docs/performance.md, "status").
    """
    query = _current_figures_query(years).where(col(FigureRow.place) == place)
    if known_before is not None:
        query = query.where(col(FigureRow.recorded_at) < known_before)
    return current_figures_from_rows(reading.rows(session, query))


def current_figures_by_place(
    *,
    session: Session,
    years: tuple[int, int] | None = None,
    known_before: datetime | None = None,
    places: Collection[str] | None = None,
) -> dict[str, dict[str, list[Figure]]]:
    """``current_figures`` of several places at once, by stored place key (``places``: those
    stored keys; None: every place with figures). One query, ordered by place."""
    query = _current_figures_query(years, by_place=True)
    if places is not None:
        query = query.where(col(FigureRow.place).in_(list(places)))
    if known_before is not None:
        query = query.where(col(FigureRow.recorded_at) < known_before)
    found: dict[str, dict[str, list[Figure]]] = {}
    for place, rows in itertools.groupby(reading.rows(session, query), key=lambda r: r[0]):
        found[place] = current_figures_from_rows(row[1:] for row in rows)
    return found


def _current_figures_query(years: tuple[int, int] | None, *, by_place: bool = False) -> Select[Any]:
    leading: list[Any] = [col(FigureRow.place)] if by_place else []
    query: Select[Any] = (
        select_columns(
            *leading,
            col(IndicatorRow.key),
            col(FigureRow.period),
            col(FigureRow.revision),
            reading.raw(FigureRow.value),
            reading.raw(FigureRow.amount),
            reading.raw(FigureRow.preliminary),
            col(FigureRow.note),
            col(FigureRow.source),
            reading.raw(FigureRow.withdrawn),
        )
        .join(IndicatorRow, col(IndicatorRow.id) == col(FigureRow.indicator_id))
        .order_by(
            *leading,
            col(FigureRow.indicator_id),
            col(FigureRow.period_end),
            col(FigureRow.period),
            col(FigureRow.revision).desc(),
        )
    )
    if years is not None:
        first, last = years
        query = query.where(
            col(FigureRow.period_end) >= date(first, 1, 1),
            col(FigureRow.period_end) <= date(last, 12, 31),
        )
    return query


def current_figures_from_rows(rows: Iterable[Sequence[Any]]) -> dict[str, list[Figure]]:
    """Per indicator key, the current figure of each period, from rows of (key, period,
    revision, value, amount, preliminary, note, source, withdrawn) ordered by indicator, period
    and revision, the newest revision first: the first row of each period is its current
    revision, the rest are skipped; a period whose current revision is a withdrawal has none.

    Numbers come as the driver returns them (text on SQLite, Decimal on PostgreSQL) and each
    distinct one is converted once, as is each distinct period: a city's figures repeat both.
    """
    figures: dict[str, list[Figure]] = {}
    numbers: dict[Any, Decimal] = {}
    periods: dict[str, Period] = {}
    series: list[Figure] = []
    held_key = held_period = None
    for key, period, revision, value, amount, preliminary, note, source, withdrawn in rows:
        if key != held_key:
            series = figures.setdefault(key, [])
            held_key, held_period = key, None
        elif period == held_period:
            continue  # an older revision
        held_period = period
        if withdrawn:
            continue
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


def figure_from_row(row: FigureRow) -> Figure:
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


def revisions(
    *, session: Session, indicator_id: int, period: str | None = None, place: str = HOME
) -> list[FigureRow]:
    """Every revision of the indicator's figures of one place (of one period), oldest first."""
    query = select(FigureRow).where(
        FigureRow.indicator_id == indicator_id, FigureRow.place == place
    )
    if period is not None:
        query = query.where(FigureRow.period == period)
    query = query.order_by(
        col(FigureRow.period_end), col(FigureRow.period), col(FigureRow.revision)
    )
    return list(session.exec(query).all())


def history(
    *, session: Session, indicator_id: int, period: str | None = None, place: str = HOME
) -> list[Revision]:
    """``revisions`` as plain records, times in UTC."""
    return [
        revision_from_row(row)
        for row in revisions(session=session, indicator_id=indicator_id, period=period, place=place)
    ]


def revision_from_row(row: FigureRow) -> Revision:
    """The row as a plain record; a time stored without a zone (SQLite) is UTC."""
    when = row.recorded_at
    return Revision(
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
        withdrawn=row.withdrawn,
    )


def current_figures_of(*, session: Session, indicator_id: int, place: str = HOME) -> list[Figure]:
    """The current figure of each period of one indicator of one place (withdrawn ones left
    out), oldest period first: what the typo guards compare a new figure with."""
    found: dict[str, Figure] = {}
    withdrawn: set[str] = set()
    for row in reversed(revisions(session=session, indicator_id=indicator_id, place=place)):
        if row.period in found or row.period in withdrawn:
            continue  # an older revision
        if row.withdrawn:
            withdrawn.add(row.period)
        else:
            found[row.period] = figure_from_row(row)
    return sorted(found.values(), key=lambda f: f.period)


def latest_revision(
    *, session: Session, indicator_id: int, period: str, place: str = HOME
) -> FigureRow | None:
    """The current revision of one figure of one place, or None when it was never recorded."""
    query = (
        select(FigureRow)
        .where(
            FigureRow.indicator_id == indicator_id,
            FigureRow.period == period,
            FigureRow.place == place,
        )
        .order_by(col(FigureRow.revision).desc())
    )
    return session.exec(query).first()


def stored_figures(*, session: Session) -> dict[tuple[str, str, str], StoredFigure]:
    """The current (latest) revision of every figure, by (stored place key, indicator key,
    period)."""
    latest = (
        select(
            FigureRow.indicator_id,
            FigureRow.place,
            FigureRow.period,
            func.max(FigureRow.revision).label("revision"),
        )
        .group_by(col(FigureRow.indicator_id), col(FigureRow.place), col(FigureRow.period))
        .subquery()
    )
    query = (
        select_columns(
            col(FigureRow.place),
            col(IndicatorRow.key),
            col(FigureRow.period),
            col(FigureRow.revision),
            col(FigureRow.value),
            col(FigureRow.amount),
            col(FigureRow.preliminary),
            col(FigureRow.note),
            col(FigureRow.source),
            col(FigureRow.withdrawn),
        )
        .join(IndicatorRow, col(IndicatorRow.id) == col(FigureRow.indicator_id))
        .join(
            latest,
            (col(FigureRow.indicator_id) == latest.c.indicator_id)
            & (col(FigureRow.place) == latest.c.place)
            & (col(FigureRow.period) == latest.c.period)
            & (col(FigureRow.revision) == latest.c.revision),
        )
    )
    return {
        (place, key, period): StoredFigure(
            revision, _exact(value), _exact(amount), preliminary, note, source, withdrawn
        )
        for place, key, period, revision, value, amount, preliminary, note, source, withdrawn in (
            session.execute(query)
        )
    }


def every_revision(*, session: Session) -> list[tuple[str, FigureRow]]:
    """Every revision of every figure with its indicator key, by place, indicator, period,
    revision (``FigureRow.place`` is the stored place key)."""
    query = (
        select(IndicatorRow.key, FigureRow)
        .join(IndicatorRow, col(IndicatorRow.id) == col(FigureRow.indicator_id))
        .order_by(
            col(FigureRow.place),
            col(FigureRow.indicator_id),
            col(FigureRow.period_end),
            col(FigureRow.period),
            col(FigureRow.revision),
        )
    )
    return [(key, row) for key, row in session.exec(query).all()]


def insert_figures(*, session: Session, columns: Mapping[str, Sequence[Any]]) -> None:
    """Insert revisions, given column by column (every name of ``FIGURE_COLUMNS``, lists of the
    same length), in the session's transaction with one ``executemany``. Raises ValueError when
    the lists differ in length."""
    count = len(columns["indicator_id"])
    if not count:
        return
    connection = session.connection()
    dialect = connection.dialect
    table: Table = FigureRow.__table__  # type: ignore[attr-defined]
    names = [*FIGURE_COLUMNS, "withdrawn"]
    compiled = insert(table).compile(dialect=dialect, column_keys=names)
    bound: dict[str, Sequence[Any]] = {}
    for name in names:
        values = columns[name] if name != "withdrawn" else [False] * count  # imports add
        if len(values) != count:
            raise ValueError(f"column {name} has {len(values)} values, not {count}")
        process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        bound[name] = values if process is None else _bound(values, process)
    if compiled.positional:
        order = compiled.positiontup or []
        rows: list[Any] = list(zip(*(bound[name] for name in order), strict=True))
    else:
        keys = list(compiled.params)
        tuples = zip(*(bound[n] for n in keys), strict=True)
        rows = [dict(zip(keys, row, strict=True)) for row in tuples]
    connection.exec_driver_sql(compiled.string, rows)


def _bound(values: Sequence[Any], process: Callable[[Any], Any]) -> list[Any]:
    """``process`` applied to each value, once per distinct value."""
    memo = {value: process(value) for value in set(values)}
    return [memo[value] for value in values]


def _exact(value: Any) -> Any:
    if value is None:
        return None
    return value.normalize() if value else Decimal(0)

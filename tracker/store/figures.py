"""Figures: every revision of every figure (rows of ``FigureRow``), read as the domain's
``Figure`` (the current revision) or ``Revision`` (the history), and written one by one
or, for an import, many at once.

``insert_figures`` compiles the INSERT once and binds each column through the column type's own
processor, memoised per distinct value (a file repeats the same periods, dates and people), then
hands the rows to the driver's ``executemany``: the same SQL and the same stored text as an ORM
insert, without the per-row work of building parameters that dominates a 100,000-row import
(``python -m benchmarks``, case ``bulk_insert``). On SQLite the rows go in as
``INSERT … SELECT … FROM (VALUES …)``, a column that holds one value throughout bound once per
statement (``tracker import`` of a district table: docs/performance.md).
"""

import functools
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from itertools import chain
from typing import Any

from sqlalchemy import Table, func, insert
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from tracker.domain.model import Figure
from tracker.domain.periods import Period
from tracker.domain.places import HOME
from tracker.domain.revisions import Revision, StoredFigure
from tracker.domain.series import Row, Series
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
    until: date | None = None,
) -> dict[str, Series]:
    """The current (latest) revision of every figure of one place (its stored key, "" for
    home: docs/places.md) (of the periods ending in ``years``, first and last included, and
    by ``until`` when given), per indicator key, oldest period first; ``known_before``: of the
    revisions recorded before then only (``--as-known``). ``current_figures_by_place`` reads
    them."""
    found = current_figures_by_place(
        session=session, years=years, known_before=known_before, places=[place], until=until
    )
    return found.get(place, {})


def current_figures_by_place(
    *,
    session: Session,
    years: tuple[int, int] | None = None,
    known_before: datetime | None = None,
    places: Collection[str] | None = None,
    until: date | None = None,
    periods: Collection[Period] | None = None,
    indicators: Collection[str] | None = None,
    memo: "FigureMemo | None" = None,
) -> dict[str, dict[str, Series]]:
    """The current figures of several places at once, by stored place key (``places``: those
    stored keys; None: every place with figures), then indicator key, oldest period first.

    What is not asked is not read: the periods ending in ``years`` (first and last included)
    and by ``until`` (the as-of date: a later period cannot count), only ``periods`` and the
    ``indicators`` (keys) when given (the peers of a report: what its league tables rank),
    only the revisions recorded before ``known_before``. One query, read from the driver's
    cursor.

    Which revision is current is decided while reading: the rows come in the index's order,
    oldest revision first within a period, and the newest of each is kept. That costs less
    than any query that leaves the older revisions out, on both backends (on SQLite a window
    function, ``NOT EXISTS`` or ``GROUP BY``; on PostgreSQL ``DISTINCT ON``, whose second sort
    took a province's read from 216 ms to 316 ms: docs/performance.md, "What changed" and
    "Figures made when shown"). The numbers are read as the driver returns them and each
    distinct one is converted once per read (``memo``: shared by the queries of one read), as
    is each period.
    """
    memo = memo or FigureMemo()
    keys = memo.keys
    if keys is None:
        rows = reading.driver_rows(session, "SELECT id, key FROM indicator", ())
        keys = memo.keys = {row[0]: row[1] for row in rows}
    ids = None if indicators is None else sorted(i for i, k in keys.items() if k in indicators)
    window = _window(years, until)
    if periods is not None:  # the periods alone: each looked up in the index, not a range
        periods = [p for p in periods if window[0] <= p.end <= window[1]]
        window = (date.min, date.max)
    sql, params = _current_sql(session, window, known_before, places, ids, periods)
    rows = reading.driver_rows(session, sql, params)
    return memo.by_place(rows, keys)


def _window(years: tuple[int, int] | None, until: date | None) -> tuple[date, date]:
    """The first and last period end asked for."""
    first = date(years[0], 1, 1) if years is not None else date.min
    last = date(years[1], 12, 31) if years is not None else date.max
    return first, last if until is None else min(last, until)


def _current_sql(
    session: Session,
    window: tuple[date, date],
    known_before: datetime | None,
    places: Collection[str] | None,
    indicators: Collection[int] | None,
    periods: Collection[Period] | None,
) -> tuple[str, list[Any]]:
    """The query of ``current_figures_by_place`` and its parameters, for the session's driver."""
    mark = reading.marks(session)
    where, params = _conditions(session, window, known_before, places, indicators, periods)
    columns = ", ".join(f"e.{name}" for name in _CURRENT_COLUMNS)
    filtered = f"FROM entry e WHERE {' AND '.join(where) or '1 = 1'}".replace("?", mark)
    # every revision, in the order of ix_entry_place_indicator_period: the newest of each
    # period is kept while reading (``FigureMemo.by_place``)
    order = "e.place, e.indicator_id, e.period_end, e.period, e.revision"
    return f"SELECT {columns} {filtered} ORDER BY {order}", params


def _conditions(
    session: Session,
    window: tuple[date, date],
    known_before: datetime | None,
    places: Collection[str] | None,
    indicators: Collection[int] | None,
    periods: Collection[Period] | None,
) -> tuple[list[str], list[Any]]:
    """The WHERE conditions ("?" for each parameter) and their parameters, bound as the
    columns' types bind them."""
    table = FigureRow.__table__  # type: ignore[attr-defined]
    where: list[str] = []
    params: list[Any] = []

    def condition(sql: str, values: Collection[Any]) -> None:
        where.append(sql.replace("[]", ", ".join("?" for _ in values) or "NULL"))
        params.extend(values)

    def ends(*days: date) -> list[Any]:
        return sorted({reading.bound(session, table.c.period_end, day) for day in days})

    first, last = window
    if places is not None:
        condition("e.place IN ([])", sorted(places))
    if indicators is not None:
        condition("e.indicator_id IN ([])", sorted(indicators))
    if first != date.min:
        condition("e.period_end >= []", ends(first))
    if last != date.max:
        condition("e.period_end <= []", ends(last))
    if periods is not None:
        condition("e.period_end IN ([])", ends(*(p.end for p in periods)))
        condition("e.period IN ([])", sorted({str(p) for p in periods}))
    if known_before is not None:
        condition("e.recorded_at < []", [reading.bound(session, table.c.recorded_at, known_before)])
    return where, params


_CURRENT_COLUMNS = (
    "place",
    "indicator_id",
    "period",
    "revision",
    "value",
    "amount",
    "preliminary",
    "note",
    "source",
    "withdrawn",
)


class FigureMemo:
    """One read's conversions: each distinct number (as the driver returns it: text on
    SQLite, Decimal on PostgreSQL) and each distinct period made once, however many places and
    indicators repeat them (each distinct period text is parsed once in the process)."""

    def __init__(self, keys: Mapping[int, str] | None = None) -> None:
        self.numbers: dict[Any, Decimal] = {}
        self.periods: dict[str, Period] = {}
        # Each indicator's key by id: given, or read by the first query that needs it.
        self.keys: Mapping[int, str] | None = keys

    def number(self, value: Any) -> Decimal:
        found = self.numbers.get(value)
        if found is None:
            found = self.numbers[value] = reading.exact(to_decimal(value))
        return found

    def period(self, text: str) -> Period:
        found = self.periods.get(text)
        if found is None:
            found = self.periods[text] = _period(text)
        return found

    def by_place(
        self, rows: Iterable[Sequence[Any]], keys: Mapping[int, str]
    ) -> dict[str, dict[str, Series]]:
        """Rows of (place, indicator id, period, revision, value, amount, preliminary, note,
        source, withdrawn) ordered by place and indicator, then period, then revision (oldest
        or newest first), as place key -> indicator key (``keys``: by
        id) -> the current figure of each period, oldest first, as a ``Series`` (no ``Figure``
        made: docs/performance.md, "Figures made when shown"); a period whose current revision
        is a withdrawal has none."""
        found: dict[str, dict[str, Series]] = {}
        by_key: dict[str, Series] = {}
        kept: list[Row] = []
        periods: list[Period] = []
        numbers, number, period_of, memo_periods = (
            self.numbers,
            self.number,
            self.period,
            self.periods,
        )
        held_place = held_indicator = held_period = None
        held_revision, held_kept = 0, False
        for (
            place,
            indicator,
            period,
            revision,
            value,
            amount,
            preliminary,
            note,
            source,
            withdrawn,
        ) in rows:
            if indicator != held_indicator or place != held_place:
                if place != held_place:
                    by_key = found.setdefault(place, {})
                    held_place = place
                series = by_key.get(keys[indicator])
                if series is None:
                    series = by_key[keys[indicator]] = Series()
                kept, periods = series.rows, series.periods
                held_indicator, held_period, held_kept = indicator, None, False
            elif period == held_period:  # another revision of the same period
                if revision < held_revision:
                    continue  # older than the one held
                if held_kept:
                    kept.pop()  # the newer revision replaces it
                    periods.pop()
            held_period, held_revision = period, revision
            held_kept = not withdrawn
            if withdrawn:
                continue
            at = memo_periods.get(period) or period_of(period)
            periods.append(at)
            kept.append(
                (
                    at,
                    numbers.get(value) or number(value),
                    None if amount is None else number(amount),
                    bool(preliminary),
                    revision,
                    note,
                    source,
                )
            )
        return found


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


def stored_figures(
    *,
    session: Session,
    places: Collection[str] | None = None,
    indicators: Collection[str] | None = None,
    years: tuple[int, int] | None = None,
) -> dict[tuple[str, str, str], StoredFigure]:
    """The current (latest) revision of every figure, by (stored place key, indicator key,
    period); only of ``places`` (stored keys), ``indicators`` (keys) and the periods ending in
    ``years`` (first and last included) when given: what an import compares its file with."""
    wanted = []
    if places is not None:
        wanted.append(col(FigureRow.place).in_(sorted(places)))
    if indicators is not None:
        ids = select_columns(col(IndicatorRow.id)).where(
            col(IndicatorRow.key).in_(sorted(indicators))
        )
        wanted.append(col(FigureRow.indicator_id).in_(ids))
    if years is not None:
        first, last = date(years[0], 1, 1), date(years[1], 12, 31)
        wanted.append(col(FigureRow.period_end).between(first, last))
    latest = (
        select(
            FigureRow.indicator_id,
            FigureRow.place,
            FigureRow.period,
            func.max(FigureRow.revision).label("revision"),
        )
        .where(*wanted)
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
    same length), in the session's transaction: one ``executemany``, or on SQLite a few
    ``INSERT … SELECT … FROM (VALUES …)``. Raises ValueError when the lists differ in length."""
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
    if dialect.name == "sqlite":
        _insert_from_values(connection, table.name, names, bound, count)
        return
    if compiled.positional:
        order = compiled.positiontup or []
        rows: list[Any] = list(zip(*(bound[name] for name in order), strict=True))
    else:
        keys = list(compiled.params)
        tuples = zip(*(bound[n] for n in keys), strict=True)
        rows = [dict(zip(keys, row, strict=True)) for row in tuples]
    connection.exec_driver_sql(compiled.string, rows)


def _insert_from_values(
    connection: Any, table: str, names: list[str], bound: Mapping[str, Sequence[Any]], count: int
) -> None:
    """SQLite: the rows as ``INSERT … SELECT … FROM (VALUES …)``, a column that holds one value
    throughout (the file, who, when; often the period, the revision, an empty note) bound once
    per statement, not once per row: binding is most of SQLite's work for a row, and an
    import's rows differ in a few columns (docs/performance.md, "district table"). The values
    bound are those ``executemany`` would bind, so the stored text is the same."""
    same = {n: v[0] for n, v in bound.items() if v.count(v[0]) == count}
    varying = [n for n in names if n not in same] or names[:1]
    same = {n: v for n, v in same.items() if n not in varying}
    column = {n: f"column{i + 1}" for i, n in enumerate(varying)}
    listed = ", ".join(names)
    chosen = ", ".join(column.get(n, "?") for n in names)
    constants = [same[n] for n in names if n in same]
    per_statement = max(1, min(count, (_variables(connection) - len(constants)) // len(varying)))
    one = f"({', '.join('?' * len(varying))})"
    rows = list(zip(*(bound[n] for n in varying), strict=True))
    for start in range(0, count, per_statement):
        part = rows[start : start + per_statement]
        sql = (
            f"INSERT INTO {table} ({listed}) SELECT {chosen} FROM (VALUES "
            f"{', '.join([one] * len(part))})"
        )
        connection.exec_driver_sql(sql, (*constants, *chain.from_iterable(part)))


def _variables(connection: Any) -> int:
    """How many parameters one SQLite statement may take (999 before SQLite 3.32)."""
    import sqlite3

    try:
        limit = connection.connection.dbapi_connection.getlimit(
            sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER
        )
    except AttributeError:  # a driver without getlimit
        return 999
    return int(limit)


def _bound(values: Sequence[Any], process: Callable[[Any], Any]) -> list[Any]:
    """``process`` applied to each value, once per distinct value."""
    memo = {value: process(value) for value in set(values)}
    return [memo[value] for value in values]


def _exact(value: Any) -> Any:
    if value is None:
        return None
    return value.normalize() if value else Decimal(0)

"""Every query the application issues. Keyword-only, typed, and returning domain objects
where the caller needs no row."""

from collections.abc import Iterable, Sequence
from datetime import date
from itertools import chain
from typing import Any

from sqlalchemy import Select, func, type_coerce
from sqlalchemy import select as select_columns
from sqlalchemy.types import NullType
from sqlmodel import Session, SQLModel, col, select

from tracker.domain.model import Figure, Goal, Indicator
from tracker.store.convert import (
    GOAL_FIELDS,
    INDICATOR_FIELDS,
    current_figures_from_rows,
    goal_fields,
    goals_from_rows,
    indicator_fields,
    indicator_from_row,
)
from tracker.store.tables import EntryRow, GoalRow, IndicatorRow
from tracker.store.types import ExactDecimal


def save_indicator(*, session: Session, indicator: Indicator) -> IndicatorRow:
    """Insert the indicator, or update its definition in place (its entries stay)."""
    row = session.exec(select(IndicatorRow).where(IndicatorRow.key == indicator.key)).first()
    fields = indicator_fields(indicator)
    if row is None:
        row = IndicatorRow.model_validate(fields)
    else:
        for name, value in fields.items():
            setattr(row, name, value)
    session.add(row)
    session.flush()
    return row


def save_goal(*, session: Session, goal: Goal, indicator_id: int) -> GoalRow:
    """Insert the goal for its year, or update it in place."""
    row = session.exec(
        select(GoalRow).where(GoalRow.indicator_id == indicator_id, GoalRow.year == goal.year)
    ).first()
    fields = goal_fields(goal)
    if row is None:
        row = GoalRow.model_validate({**fields, "indicator_id": indicator_id})
    else:
        for name, value in fields.items():
            setattr(row, name, value)
    session.add(row)
    session.flush()
    return row


def indicator_row(*, session: Session, key: str, lock: bool = False) -> IndicatorRow | None:
    """The indicator's row; with ``lock``, held until the transaction ends (PostgreSQL's
    ``FOR UPDATE``; SQLite's writers already hold the whole database)."""
    query = select(IndicatorRow).where(IndicatorRow.key == key)
    return session.exec(query.with_for_update() if lock else query).first()


def indicators(*, session: Session) -> list[tuple[int, Indicator]]:
    rows = session.exec(select(IndicatorRow).order_by(col(IndicatorRow.id))).all()
    return [(row.id or 0, indicator_from_row(row)) for row in rows]


def goals(*, session: Session, year: int | None = None) -> list[Goal]:
    """Goals (of one year, or all), in the order the indicators were defined."""
    return goals_from_rows(_rows(session, _goals_query(year)))


def _goals_query(year: int | None) -> Select[Any]:
    query = (
        select_columns(*_columns(IndicatorRow, INDICATOR_FIELDS), *_columns(GoalRow, GOAL_FIELDS))
        .join_from(GoalRow, IndicatorRow)
        .order_by(col(GoalRow.year), col(IndicatorRow.id))
    )
    return query if year is None else query.where(col(GoalRow.year) == year)


def _columns(model: type[SQLModel], names: tuple[str, ...]) -> list[Any]:
    """The columns; numbers as the driver returns them (``goals_from_rows`` converts them)."""
    columns = [getattr(model, name).property.columns[0] for name in names]
    return [_raw(c) if isinstance(c.type, ExactDecimal) else c for c in columns]


def goal_years(*, session: Session) -> set[int]:
    return set(session.exec(select(GoalRow.year).distinct()).all())


def current_figures(
    *, session: Session, years: tuple[int, int] | None = None
) -> dict[str, list[Figure]]:
    """The current (latest) revision of every entry (of the periods ending in ``years``, first
    and last included), per indicator key, oldest period first.

    Reads every revision in order, newest first within a period, and keeps the first of each
    period: cheaper than finding the current ones in SQL. The numbers are read as the driver
    returns them and converted once per distinct value, not once per entry by the column type
    (README, "Performance").
    """
    return current_figures_from_rows(_rows(session, _current_figures_query(years)))


def _current_figures_query(years: tuple[int, int] | None) -> Select[Any]:
    query = (
        select_columns(
            col(IndicatorRow.key),
            col(EntryRow.period),
            col(EntryRow.revision),
            _raw(EntryRow.value),
            _raw(EntryRow.amount),
            _raw(EntryRow.preliminary),
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


def _raw(column: Any) -> Any:
    """The column as the driver returns it, without the column type's conversion."""
    return type_coerce(col(column), NullType())


def _rows(session: Session, query: Select[Any]) -> Iterable[Sequence[Any]]:
    """The rows of ``query`` in batches; numbers as the driver returns them (see ``_raw``)."""
    return chain.from_iterable(session.connection().execute(query).partitions(1000))


def revisions(*, session: Session, indicator_id: int, period: str | None = None) -> list[EntryRow]:
    """Every revision of the indicator's entries (of one period), oldest first."""
    query = select(EntryRow).where(EntryRow.indicator_id == indicator_id)
    if period is not None:
        query = query.where(EntryRow.period == period)
    query = query.order_by(col(EntryRow.period_end), col(EntryRow.period), col(EntryRow.revision))
    return list(session.exec(query).all())


def latest_revision(*, session: Session, indicator_id: int, period: str) -> EntryRow | None:
    query = (
        select(EntryRow)
        .where(EntryRow.indicator_id == indicator_id, EntryRow.period == period)
        .order_by(col(EntryRow.revision).desc())
    )
    return session.exec(query).first()


def counts(*, session: Session) -> dict[str, int]:
    """How many indicators, goals, entries (every revision) the database holds."""
    return {
        "indicators": session.exec(select(func.count()).select_from(IndicatorRow)).one(),
        "goals": session.exec(select(func.count()).select_from(GoalRow)).one(),
        "entries": session.exec(select(func.count()).select_from(EntryRow)).one(),
    }

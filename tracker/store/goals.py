"""Goals: saving them for their year, reading them back with their indicators as the domain's
``Goal``."""

import functools
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import Select
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from tracker.domain.model import Basis, Comparator, Goal, Indicator, Pace
from tracker.store import reading
from tracker.store.indicators import INDICATOR_FIELDS, cadence_of, measure_of, owner_of
from tracker.store.tables import GoalRow, IndicatorRow

# The columns a ``Goal`` is built from besides its indicator's, in the order of
# ``goal_from_columns``'s parameters.
GOAL_FIELDS = (
    "year",
    "comparator",
    "target",
    "tolerance",
    "warning",
    "basis",
    "pace",
    "label_zh",
    "label_en",
)

comparator_of = functools.cache(Comparator)
basis_of = functools.cache(Basis)
pace_of = functools.cache(Pace)


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


def goals(*, session: Session, year: int | None = None) -> list[Goal]:
    """Goals (of one year, or all), in the order the indicators were defined."""
    return goals_from_rows(reading.rows(session, _goals_query(year)))


def goal_years(*, session: Session) -> set[int]:
    """The years that have goals."""
    return set(session.exec(select(GoalRow.year).distinct()).all())


def _goals_query(year: int | None) -> Select[Any]:
    query = (
        select_columns(
            *reading.columns(IndicatorRow, INDICATOR_FIELDS),
            *reading.columns(GoalRow, GOAL_FIELDS),
        )
        .join_from(GoalRow, IndicatorRow)
        .order_by(col(GoalRow.year), col(IndicatorRow.id))
    )
    return query if year is None else query.where(col(GoalRow.year) == year)


def goals_from_rows(rows: Iterable[Sequence[Any]]) -> list[Goal]:
    """Goals from rows of INDICATOR_FIELDS then GOAL_FIELDS, their numbers as the driver
    returns them: the column type would convert each again, and most are the same few."""
    number, optional = reading.number, reading.optional_number
    found = []
    for row in rows:
        (key, name_zh, name_en, unit, measure, cadence, owner_key, owner_zh, owner_en) = row[:9]
        start_month, lag_days, minimum, maximum, decimals, aliases, max_step = row[9:16]
        year, comparator, target, tolerance, warning, basis, pace, label_zh, label_en = row[16:]
        indicator = Indicator(
            key=key,
            name_zh=name_zh,
            name_en=name_en,
            unit=unit,
            measure=measure_of(measure),
            cadence=cadence_of(cadence),
            owner=owner_of(owner_key, owner_zh, owner_en),
            start_month=start_month,
            lag_days=lag_days,
            minimum=optional(minimum),
            maximum=optional(maximum),
            decimals=decimals,
            aliases=tuple(aliases.splitlines()) if aliases else (),
            max_step=optional(max_step),
        )
        goal = Goal(
            indicator=indicator,
            year=year,
            comparator=comparator_of(comparator),
            target=number(target),
            tolerance=number(tolerance),
            warning=number(warning),
            basis=basis_of(basis),
            pace=pace_of(pace),
            label_zh=label_zh,
            label_en=label_en,
        )
        found.append(goal)
    return found


def goal_from_row(row: GoalRow, indicator: Indicator) -> Goal:
    return goal_from_columns(indicator, *(getattr(row, name) for name in GOAL_FIELDS))


def goal_from_columns(
    indicator: Indicator,
    year: int,
    comparator: str,
    target: Decimal,
    tolerance: Decimal,
    warning: Decimal,
    basis: str,
    pace: str,
    label_zh: str,
    label_en: str,
) -> Goal:
    """A goal of ``indicator`` from its columns (GOAL_FIELDS), numbers already Decimal."""
    return Goal(
        indicator=indicator,
        year=year,
        comparator=comparator_of(comparator),
        target=target,
        tolerance=tolerance,
        warning=warning,
        basis=basis_of(basis),
        pace=pace_of(pace),
        label_zh=label_zh,
        label_en=label_en,
    )


def goal_fields(goal: Goal) -> dict[str, object]:
    """The goal's columns (without its indicator's id), as ``GoalRow`` takes them."""
    return {
        "year": goal.year,
        "comparator": goal.comparator.value,
        "target": goal.target,
        "tolerance": goal.tolerance,
        "warning": goal.warning,
        "basis": goal.basis.value,
        "pace": goal.pace.value,
        "label_zh": goal.label_zh,
        "label_en": goal.label_en,
    }

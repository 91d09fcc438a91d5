"""The one place where rows become the domain's dataclasses and back."""

import functools
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from tracker.domain.model import (
    Basis,
    Comparator,
    Figure,
    Goal,
    Indicator,
    Measure,
    Owner,
    Pace,
)
from tracker.domain.periods import Cadence, Period
from tracker.store.tables import EntryRow, GoalRow, IndicatorRow
from tracker.store.types import to_decimal

# The columns the domain objects are built from, in the order of the ``*_from_columns``
# functions' parameters: queries that read many rows select these rather than ORM objects.
INDICATOR_FIELDS = (
    "key",
    "name_zh",
    "name_en",
    "unit",
    "measure",
    "cadence",
    "owner_key",
    "owner_zh",
    "owner_en",
    "start_month",
    "lag_days",
    "minimum",
    "maximum",
    "decimals",
)
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

FIGURE_FIELDS = ("period", "revision", "value", "amount", "preliminary", "note", "source")


T = TypeVar("T")

# Enum members and owners by their stored text, each looked up once per distinct text: reading
# a city's goals asks for the same few thousands of times. Unknown text still raises.
_measure = functools.cache(Measure)
_cadence = functools.cache(Cadence)
_comparator = functools.cache(Comparator)
_basis = functools.cache(Basis)
_pace = functools.cache(Pace)
_owner = functools.lru_cache(maxsize=4096)(Owner)


def indicator_from_row(row: IndicatorRow) -> Indicator:
    return indicator_from_columns(*(getattr(row, name) for name in INDICATOR_FIELDS))


def indicator_from_columns(
    key: str,
    name_zh: str,
    name_en: str,
    unit: str,
    measure: str,
    cadence: str,
    owner_key: str,
    owner_zh: str,
    owner_en: str,
    start_month: int,
    lag_days: int,
    minimum: Decimal | None,
    maximum: Decimal | None,
    decimals: int,
) -> Indicator:
    return Indicator(
        key=key,
        name_zh=name_zh,
        name_en=name_en,
        unit=unit,
        measure=_measure(measure),
        cadence=_cadence(cadence),
        owner=_owner(owner_key, owner_zh, owner_en),
        start_month=start_month,
        lag_days=lag_days,
        minimum=minimum,
        maximum=maximum,
        decimals=decimals,
    )


def goals_from_rows(rows: Iterable[Sequence[Any]]) -> list[Goal]:
    """Goals from rows of INDICATOR_FIELDS then GOAL_FIELDS, their numbers as the driver
    returns them: the column type would convert each again, and most are the same few."""
    goals = []
    for row in rows:
        (key, name_zh, name_en, unit, measure, cadence, owner_key, owner_zh, owner_en) = row[:9]
        start_month, lag_days, minimum, maximum, decimals = row[9:14]
        year, comparator, target, tolerance, warning, basis, pace, label_zh, label_en = row[14:]
        indicator = _built(
            Indicator,
            key=key,
            name_zh=name_zh,
            name_en=name_en,
            unit=unit,
            measure=_measure(measure),
            cadence=_cadence(cadence),
            owner=_owner(owner_key, owner_zh, owner_en),
            start_month=start_month,
            lag_days=lag_days,
            minimum=_number(minimum),
            maximum=_number(maximum),
            decimals=decimals,
        )
        goal = _built(
            Goal,
            indicator=indicator,
            year=year,
            comparator=_comparator(comparator),
            target=_number(target),
            tolerance=_number(tolerance),
            warning=_number(warning),
            basis=_basis(basis),
            pace=_pace(pace),
            label_zh=label_zh,
            label_en=label_en,
        )
        goals.append(goal)
    return goals


def _built(kind: type[T], **fields: Any) -> T:
    """``kind(**fields)`` for a frozen dataclass given every field, built the way ``copy`` and
    ``pickle`` rebuild one: the fields straight into its ``__dict__``. The generated
    ``__init__`` sets each field through ``object.__setattr__``, several times the cost, and
    bulk reads build one per row (tests/store/test_bulk_reads.py checks they are equal)."""
    built = object.__new__(kind)
    built.__dict__.update(fields)
    return built


def indicator_fields(indicator: Indicator) -> dict[str, object]:
    return {
        "key": indicator.key,
        "name_zh": indicator.name_zh,
        "name_en": indicator.name_en,
        "unit": indicator.unit,
        "measure": indicator.measure.value,
        "cadence": indicator.cadence.value,
        "start_month": indicator.start_month,
        "lag_days": indicator.lag_days,
        "decimals": indicator.decimals,
        "minimum": indicator.minimum,
        "maximum": indicator.maximum,
        "owner_key": indicator.owner.key,
        "owner_zh": indicator.owner.name_zh,
        "owner_en": indicator.owner.name_en,
    }


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
    return Goal(
        indicator=indicator,
        year=year,
        comparator=_comparator(comparator),
        target=target,
        tolerance=tolerance,
        warning=warning,
        basis=_basis(basis),
        pace=_pace(pace),
        label_zh=label_zh,
        label_en=label_en,
    )


def goal_fields(goal: Goal) -> dict[str, object]:
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


def figure_from_row(row: EntryRow) -> Figure:
    """A figure from an entry row."""
    return Figure(
        period=_period(row.period),
        value=_exact(row.value),
        amount=None if row.amount is None else _exact(row.amount),
        preliminary=row.preliminary,
        revision=row.revision,
        note=row.note,
        source=row.source,
    )


def current_figures_from_rows(rows: Iterable[Sequence[Any]]) -> dict[str, list[Figure]]:
    """Per indicator key, the current figure of each period, from rows of ``key`` and
    FIGURE_FIELDS ordered by indicator, period and revision, the newest revision first: the
    first row of each period is its current revision, the rest are skipped.

    Numbers come as the driver returns them (text on SQLite, Decimal on PostgreSQL) and each
    distinct one is converted once, as is each distinct period: a city's figures repeat both.
    """
    figures: dict[str, list[Figure]] = {}
    numbers: dict[Any, Decimal] = {}
    periods: dict[str, Period] = {}
    new = object.__new__
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
            number = numbers[value] = _exact(to_decimal(value))
        total = None if amount is None else numbers.get(amount)
        if amount is not None and total is None:
            total = numbers[amount] = _exact(to_decimal(amount))
        # Figure(when, number, ...), built as _built builds one (inlined: once per entry)
        figure = new(Figure)
        figure.__dict__.update(
            period=when,
            value=number,
            amount=total,
            preliminary=bool(preliminary),
            revision=revision,
            note=note,
            source=source,
        )
        series.append(figure)
    return figures


@functools.lru_cache(maxsize=4096)
def _period(text: str) -> Period:
    """Periods are few and immutable: each distinct one is parsed once."""
    return Period.parse(text)


def _number(value: Any) -> Any:
    """A number as the driver returns it, as the column type would return it."""
    if value is None:
        return None
    return _decimal_of_text(value) if isinstance(value, str) else to_decimal(value)


_decimal_of_text = functools.lru_cache(maxsize=4096)(Decimal)


def _exact(value: Decimal) -> Decimal:
    return value.normalize() if value else Decimal(0)

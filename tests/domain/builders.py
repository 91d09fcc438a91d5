"""Small builders for the domain tests: an indicator, a goal on it, a figure for a period."""

from decimal import Decimal
from typing import Any

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

OWNER = Owner("stats", "统计局", "Statistics bureau")

Number = str | int | Decimal


def make_indicator(
    key: str = "industry",
    *,
    measure: Measure = Measure.GROWTH,
    cadence: Cadence = Cadence.MONTHLY,
    start_month: int = 1,
    lag_days: int = 20,
    unit: str = "%",
) -> Indicator:
    return Indicator(
        key=key,
        name_zh=f"{key}指标",
        name_en=key,
        unit=unit,
        measure=measure,
        cadence=cadence,
        owner=OWNER,
        start_month=start_month,
        lag_days=lag_days,
    )


def make_goal(
    indicator: Indicator | None = None,
    *,
    target: Number = "8.5",
    comparator: Comparator = Comparator.AT_LEAST,
    tolerance: Number = 0,
    warning: Number = 1,
    basis: Basis = Basis.VALUE,
    pace: Pace = Pace.LINEAR,
    year: int = 2020,
) -> Goal:
    return Goal(
        indicator=indicator or make_indicator(),
        year=year,
        comparator=comparator,
        target=Decimal(target),
        tolerance=Decimal(tolerance),
        warning=Decimal(warning),
        basis=basis,
        pace=pace,
    )


def fig(period: str, value: Number, *, amount: Number | None = None, **extra: Any) -> Figure:
    """A figure for a period written as people write it: ``fig("2020-06", "8.6")``."""
    return Figure(
        period=Period.parse(period),
        value=Decimal(value),
        amount=None if amount is None else Decimal(amount),
        **extra,
    )

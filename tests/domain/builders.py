"""Small builders for the domain tests: an indicator, a goal on it, a figure for a period.

Also the 2020 goals of the worked examples in docs/status-rules.md.
"""

from datetime import date
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
    **extra: Any,
) -> Goal:
    """A goal; ``extra``: the options of the other kinds of target (``stretch``, ...)."""
    return Goal(
        indicator=indicator or make_indicator(),
        year=year,
        comparator=comparator,
        target=Decimal(target),
        tolerance=Decimal(tolerance),
        warning=Decimal(warning),
        basis=basis,
        pace=pace,
        **extra,
    )


def fig(period: str, value: Number, *, amount: Number | None = None, **extra: Any) -> Figure:
    """A figure for a period written as people write it: ``fig("2020-06", "8.6")``."""
    return Figure(
        period=Period.parse(period),
        value=Decimal(value),
        amount=None if amount is None else Decimal(amount),
        **extra,
    )


def on(day: str) -> date:
    return date.fromisoformat(day)


INDUSTRY = make_goal(make_indicator("industry", start_month=2), target="8.5")
GDP = make_goal(
    make_indicator("gdp", cadence=Cadence.QUARTERLY, lag_days=30), target=8, tolerance="0.5"
)
CPI = make_goal(make_indicator("cpi"), comparator=Comparator.AT_MOST, target="3.5", tolerance="0.5")
JOBS = make_goal(
    make_indicator("jobs", measure=Measure.COUNT, start_month=2, unit="人"),
    target=4300,
    warning="0.1",
)
URBANIZATION = make_goal(
    make_indicator("urbanization", measure=Measure.LEVEL, cadence=Cadence.ANNUAL, lag_days=90),
    target="1.2",
    warning="0.5",
    basis=Basis.CHANGE,
)
ENERGY = make_goal(
    make_indicator("energy", cadence=Cadence.ANNUAL, lag_days=90),
    comparator=Comparator.AT_MOST,
    target=-3,
    tolerance="0.5",
)
RANK = make_goal(
    make_indicator("rank", measure=Measure.RANK, cadence=Cadence.ANNUAL, lag_days=120, unit="位"),
    target=10,
    warning=3,
    basis=Basis.CHANGE,
)

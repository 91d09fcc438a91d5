"""The one place where rows become the domain's dataclasses and back."""

from decimal import Decimal

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


def indicator_from_row(row: IndicatorRow) -> Indicator:
    return Indicator(
        key=row.key,
        name_zh=row.name_zh,
        name_en=row.name_en,
        unit=row.unit,
        measure=Measure(row.measure),
        cadence=Cadence(row.cadence),
        owner=Owner(row.owner_key, row.owner_zh, row.owner_en),
        start_month=row.start_month,
        lag_days=row.lag_days,
        minimum=row.minimum,
        maximum=row.maximum,
        decimals=row.decimals,
    )


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
    return Goal(
        indicator=indicator,
        year=row.year,
        comparator=Comparator(row.comparator),
        target=row.target,
        tolerance=row.tolerance,
        warning=row.warning,
        basis=Basis(row.basis),
        pace=Pace(row.pace),
        label_zh=row.label_zh,
        label_en=row.label_en,
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
    return Figure(
        period=Period.parse(row.period),
        value=_exact(row.value),
        amount=None if row.amount is None else _exact(row.amount),
        preliminary=row.preliminary,
        revision=row.revision,
        note=row.note,
        source=row.source,
    )


def _exact(value: Decimal) -> Decimal:
    return value.normalize() if value else Decimal(0)

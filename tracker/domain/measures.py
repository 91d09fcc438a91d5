"""What each kind of measure means for the rules: one entry per ``Measure``.

The status rules (``status``, ``pace``), the configuration's defaults and the report's phrases
look a measure's behaviour up here instead of asking "is it a count?", so a new kind of
measure is one entry in ``MEASURES`` plus its phrases in ``tracker/reporting``. The sections of
docs/status-rules.md each field comes from are named beside it.
"""

import enum
from dataclasses import dataclass
from decimal import Decimal

from tracker.domain.model import Goal, Indicator, Measure
from tracker.domain.written_values import WHOLE_UNITS


class Gain(enum.Enum):
    """How a change over the baseline is scored (docs/status-rules.md, "The score")."""

    DIFFERENCE = "difference"  # figure − baseline (percentage points for rates)
    PLACES = "places"  # baseline − figure: places gained, 1 being the best rank


class GapUnit(enum.Enum):
    """What a gap (and a change) is said in."""

    POINTS = "points"  # percentage points; the indicator's own unit when it is not "%"
    SHARE = "share"  # the indicator's unit, with the share of the reference it makes
    UNIT = "unit"  # the indicator's unit
    PLACES = "places"  # places: the figure is a position, 1 is best
    DAYS = "days"  # days: a milestone's lateness


class PeriodLabel(enum.Enum):
    """How a figure's period is written in a report."""

    YEAR_TO_DATE = "year_to_date"  # '1-6月' / 'Jan–Jun', '上半年' / 'H1'
    PERIOD_END = "period_end"  # a level at the period's end: '6月末' / 'end of June'
    DONE = "done"  # the day a milestone was done: '完成' / 'done'


@dataclass(frozen=True)
class MeasureRules:
    """The behaviour of one kind of measure.

    ``default_warning``: the warning band when a goal sets none — percentage points for rates,
    a share of the reference for ``relative_bands`` (0.10 = 10%), places for ranks
    (docs/status-rules.md, "The verdict").
    """

    default_warning: Decimal
    gain: Gain  # a change-over-baseline target's score
    gap_unit: GapUnit  # POINTS: a rate, in percent when the indicator's unit is "%"
    year_on_year: bool  # a growth over the same months of last year ("grew 7.6%")
    cumulative: bool  # a year-to-date sum: achieved on reaching the target; so much a month
    paced: bool  # compared during the year with the value expected by now, not the target
    relative_bands: bool  # tolerance and warning are shares of the reference
    period_label: PeriodLabel = PeriodLabel.YEAR_TO_DATE
    # paced from last year's year-end level, not from zero (docs/status-rules.md, "Stocks")
    paced_from_baseline: bool = False


MEASURES: dict[Measure, MeasureRules] = {
    Measure.GROWTH: MeasureRules(
        default_warning=Decimal("1.0"),
        gain=Gain.DIFFERENCE,
        gap_unit=GapUnit.POINTS,
        year_on_year=True,
        cumulative=False,
        paced=False,
        relative_bands=False,
    ),
    Measure.LEVEL: MeasureRules(
        default_warning=Decimal("1.0"),
        gain=Gain.DIFFERENCE,
        gap_unit=GapUnit.POINTS,
        year_on_year=False,
        cumulative=False,
        paced=False,
        relative_bands=False,
    ),
    Measure.COUNT: MeasureRules(
        default_warning=Decimal("0.10"),
        gain=Gain.DIFFERENCE,
        gap_unit=GapUnit.SHARE,
        year_on_year=False,
        cumulative=True,
        paced=True,
        relative_bands=True,
    ),
    Measure.RANK: MeasureRules(
        default_warning=Decimal(3),
        gain=Gain.PLACES,
        gap_unit=GapUnit.PLACES,
        year_on_year=False,
        cumulative=False,
        paced=False,
        relative_bands=False,
    ),
    Measure.STOCK: MeasureRules(
        default_warning=Decimal("0.05"),
        gain=Gain.DIFFERENCE,
        gap_unit=GapUnit.UNIT,
        year_on_year=False,
        cumulative=False,
        paced=True,
        relative_bands=True,
        period_label=PeriodLabel.PERIOD_END,
        paced_from_baseline=True,
    ),
    Measure.MILESTONE: MeasureRules(
        default_warning=Decimal(30),  # days of grace past due: lagging, then missed
        gain=Gain.DIFFERENCE,
        gap_unit=GapUnit.DAYS,
        year_on_year=False,
        cumulative=False,
        paced=False,
        relative_bands=False,
        period_label=PeriodLabel.DONE,
    ),
}


def rules_of(indicator: Indicator) -> MeasureRules:
    """The behaviour of the indicator's kind of measure."""
    return MEASURES[indicator.measure]


def goal_rules(goal: Goal) -> MeasureRules:
    """The rules a goal is scored by: its indicator's measure's, but a rank among places is a
    position whatever the indicator measures (docs/status-rules.md, "Places and peers"), and
    a share of another place's total a level in percent ("Kinds of target")."""
    if goal.rank_among is not None:
        return MEASURES[Measure.RANK]
    if goal.share_of is not None:  # a share of another place's total: a level in percent
        return MEASURES[Measure.LEVEL]
    return MEASURES[goal.indicator.measure]


def goal_gap_unit(goal: Goal) -> GapUnit:
    """What the goal's gaps are said in: places for a rank among places, percentage points for
    a share of another place's total, else its indicator's (``gap_unit``)."""
    if goal.rank_among is not None:
        return GapUnit.PLACES
    if goal.share_of is not None:
        return GapUnit.POINTS
    return gap_unit(goal.indicator)


def is_rate(indicator: Indicator) -> bool:
    """A rate in percent (growth or level with unit "%"): gaps and changes in percentage points."""
    return gap_unit(indicator) is GapUnit.POINTS


def gap_unit(indicator: Indicator) -> GapUnit:
    """What the indicator's gaps and changes are said in: percentage points for a rate in
    percent, else the measure's unit (a rate not in "%" is said in its own unit)."""
    unit = MEASURES[indicator.measure].gap_unit
    if unit is GapUnit.POINTS and indicator.unit != "%":
        return GapUnit.UNIT
    return unit


def default_decimals(unit: str) -> int:
    """The decimals an indicator shows when it sets none: 0 for a unit counted whole (people,
    firms, projects: 人, 家, 项, ... ``WHOLE_UNITS``), else 1 (docs/configuration.md)."""
    return 0 if unit in WHOLE_UNITS else 1

"""Where a count should be by now, and what the rest of the year must deliver."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from tracker.domain.measures import rules_of
from tracker.domain.model import Figure, Goal, Pace
from tracker.domain.periods import Period
from tracker.domain.series import Series

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Requirement:
    """What the remaining months must deliver to reach the annual target."""

    months_left: int
    per_month: Decimal | None = None  # counts: units per remaining month
    growth: Decimal | None = None  # growth rates with amounts: % growth the rest of the year needs


def expected_count(
    goal: Goal, period: Period, last_year: Sequence[Figure], target: Decimal | None = None
) -> Decimal:
    """The count expected by the end of ``period``: 时间过半、任务过半, or last year's shape;
    for a goal due before December, paced to its due month (due by June: half by March).

    ``last_year``: last year's figures, one per period, oldest first (as for ``requirement``);
    ``target``: another annual number than the goal's (a range's upper end, a stretch).
    """
    target = goal.target if target is None else target
    due = goal.due_month
    month = min(period.end_month, due)
    if goal.pace is Pace.SEASONAL:
        same = _of_period(last_year, period.a_year_earlier())
        total = year_end(last_year) if due == 12 else _by_month(last_year, due)
        if same is not None and total is not None and total.value > 0:
            return min(target, target * same.value / total.value)
    return target * month / due


def expected_level(
    target: Decimal, period: Period, baseline: Decimal, due_month: int = 12
) -> Decimal:
    """A stock's level expected at the end of ``period``: last year's year-end level plus the
    year's planned rise in proportion to the months elapsed (docs/status-rules.md, "Stocks"),
    of the months to ``due_month`` for a goal due before December.

    ``baseline + (target − baseline) × months / 12``: from 260 to 280 by December, 270 by June.
    """
    return baseline + (target - baseline) * min(period.end_month, due_month) / due_month


def requirement(goal: Goal, latest: Figure, last_year: Sequence[Figure]) -> Requirement | None:
    """What the remaining months need; None when nothing is left to deliver or it is unknowable."""
    months_left = goal.due_month - latest.period.end_month
    if months_left <= 0:
        return None
    rules = rules_of(goal.indicator)
    if rules.cumulative and goal.comparator.upward:
        remaining = goal.target - latest.value
        if remaining <= 0:
            return None
        return Requirement(months_left, per_month=remaining / months_left)
    if rules.year_on_year and latest.amount is not None:
        growth = _needed_growth(goal.target, latest, last_year)
        if growth is not None:
            return Requirement(months_left, growth=growth)
    return None


def _needed_growth(target: Decimal, latest: Figure, last_year: Sequence[Figure]) -> Decimal | None:
    """The growth (%) the rest of the year needs over the same months of last year."""
    same = _of_period(last_year, latest.period.a_year_earlier())
    total = year_end([f for f in last_year if f.amount is not None])
    if same is None or total is None or same.amount is None or total.amount is None:
        return None
    rest_last_year = total.amount - same.amount
    if rest_last_year <= 0 or latest.amount is None:
        return None
    needed = total.amount * (1 + target / HUNDRED) - latest.amount
    return (needed / rest_last_year - 1) * HUNDRED


def year_end(figures: Sequence[Figure]) -> Figure | None:
    """The year's final figure: the annual one, else Q4, else December.

    ``figures``: one per period, oldest first; the last year-end one is the latest of them.
    """
    return Series.of(figures).year_end()


def _by_month(figures: Sequence[Figure], month: int) -> Figure | None:
    """The figure whose period ends with ``month``, the longest of them."""
    series = Series.of(figures)
    ends = [i for i, p in enumerate(series.periods) if p.end_month == month]
    return series[ends[-1]] if ends else None


def _of_period(figures: Sequence[Figure], period: Period) -> Figure | None:
    return Series.of(figures).figure_of(period)

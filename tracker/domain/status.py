"""The status rules: ``evaluate(goal, figures, as_of)`` decides where a goal stands."""

import enum
import functools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tracker.domain.measures import Gain, rules_of
from tracker.domain.model import Basis, Comparator, Figure, Goal, Indicator
from tracker.domain.pace import Requirement, expected_count, requirement, year_end
from tracker.domain.periods import Cadence, Period, periods_of_year


class Status(enum.StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    LAGGING = "lagging"
    MISSED = "missed"
    NO_DATA = "no_data"

    @property
    def behind(self) -> bool:
        return self in (Status.AT_RISK, Status.LAGGING, Status.MISSED)


@dataclass(frozen=True)
class GoalStatus:
    """Where one goal stands as of a date, with the numbers that decided it."""

    goal: Goal
    as_of: date
    status: Status
    latest: Figure | None = None
    previous: Figure | None = None  # the figure before ``latest`` in the same year
    baseline: Figure | None = None  # last year's final figure
    score: Decimal | None = None  # what is compared: the value, its change, places gained
    reference: Decimal | None = None  # what the score is compared with: target, or expected
    expected: Decimal | None = None  # counts: where the count should be by now
    gap: Decimal | None = None  # score − reference (negative is below)
    change: Decimal | None = None  # latest − previous value
    overdue: Period | None = None  # the period whose figure should be out and is not
    requirement: Requirement | None = None
    series: tuple[Figure, ...] = ()  # the year's figures up to as_of, oldest first

    @property
    def final(self) -> bool:
        return self.latest is not None and self.latest.period.is_year_end


def evaluate(goal: Goal, figures: Iterable[Figure], as_of: date) -> GoalStatus:
    """Decide the status of ``goal`` as of ``as_of`` from the indicator's figures (any years).

    Only figures whose period has ended by ``as_of`` count; of two figures for one period, the
    higher revision wins.
    """
    known = _known_by(figures, as_of)  # oldest first, so each year's figures are a slice
    start = bisect_left(known, goal.year - 1, key=_year)
    first = bisect_left(known, goal.year, lo=start, key=_year)
    this_year = tuple(known[first : bisect_right(known, goal.year, lo=first, key=_year)])
    last_year = known[start:first]
    baseline = year_end(last_year)
    latest = this_year[-1] if this_year else None
    overdue = _overdue(goal, latest, as_of)
    if latest is None:
        return GoalStatus(goal, as_of, Status.NO_DATA, baseline=baseline, overdue=overdue)
    previous = this_year[-2] if len(this_year) > 1 else None
    change = latest.value - previous.value if previous else None
    score = _score(goal, latest, baseline)
    if score is None:  # a change over the baseline, and no baseline to measure it from
        return GoalStatus(
            goal,
            as_of,
            Status.NO_DATA,
            latest=latest,
            previous=previous,
            baseline=baseline,
            change=change,
            overdue=overdue,
            series=this_year,
        )
    expected = None
    reference = goal.target
    tolerance, warning = goal.tolerance, goal.warning
    final = latest.period.is_year_end
    rules = rules_of(goal.indicator)
    if rules.paced and not final:
        expected = reference = expected_count(goal, latest.period, last_year)
    if rules.relative_bands:
        tolerance, warning = reference * tolerance, reference * warning
    status = _classify(goal, score, reference, tolerance, warning, final)
    return GoalStatus(
        goal,
        as_of,
        status,
        latest=latest,
        previous=previous,
        baseline=baseline,
        score=score,
        reference=reference,
        expected=expected,
        gap=score - reference,
        change=change,
        overdue=overdue,
        requirement=None if status is Status.ACHIEVED else requirement(goal, latest, last_year),
        series=this_year,
    )


def _known_by(figures: Iterable[Figure], as_of: date) -> list[Figure]:
    """The figures whose period ended by ``as_of``, one per period, oldest first.

    Figures read from the store already come one per period, oldest first: those are checked
    in one pass and kept as they are; any others are sorted out.
    """
    if not isinstance(figures, list | tuple):
        figures = tuple(figures)
    known: list[Figure] = []
    last_end, last_months = date.min, 0
    for figure in figures:
        period = figure.period
        end = period.end
        if end <= as_of:
            if end < last_end or (end == last_end and period.months <= last_months):
                return _sorted_current(figures, as_of)  # out of order, or a period repeated
            last_end, last_months = end, period.months
            known.append(figure)
    return known


def _year(figure: Figure) -> int:
    return figure.period.end.year


def _sorted_current(figures: Iterable[Figure], as_of: date) -> list[Figure]:
    current: dict[Period, Figure] = {}
    for figure in figures:
        if figure.period.end <= as_of:
            held = current.get(figure.period)
            if held is None or figure.revision > held.revision:
                current[figure.period] = figure
    return [current[p] for p in sorted(current)]


def _score(goal: Goal, latest: Figure, baseline: Figure | None) -> Decimal | None:
    if goal.basis is Basis.VALUE:
        return latest.value
    if baseline is None:
        return None
    if rules_of(goal.indicator).gain is Gain.PLACES:
        return baseline.value - latest.value  # places gained
    return latest.value - baseline.value


def _classify(
    goal: Goal,
    score: Decimal,
    reference: Decimal,
    tolerance: Decimal,
    warning: Decimal,
    final: bool,
) -> Status:
    at_least = goal.comparator is Comparator.AT_LEAST

    def margin(against: Decimal) -> Decimal:  # positive is better
        return score - against if at_least else against - score

    if final:
        return Status.ACHIEVED if margin(goal.target) >= -tolerance else Status.MISSED
    if rules_of(goal.indicator).cumulative and at_least and score >= goal.target:
        return Status.ACHIEVED  # a year-to-date sum that has reached the annual target
    if margin(reference) >= -tolerance:
        return Status.ON_TRACK
    if margin(reference) >= -tolerance - warning:
        return Status.AT_RISK
    return Status.LAGGING


def overdue_period(goal: Goal, figures: Iterable[Figure], as_of: date) -> Period | None:
    """The latest period of the goal's year that should be published by ``as_of`` and is not.

    A later figure makes an earlier gap moot: a year-to-date April covers a missing March.
    """
    this_year = [f for f in _known_by(figures, as_of) if f.period.end.year == goal.year]
    return _overdue(goal, this_year[-1] if this_year else None, as_of)


def due_period(indicator: Indicator, period: Period) -> Period | None:
    """The indicator's own period that ends with ``period`` (a month, a quarter or a year), or
    None when it publishes no figure ending then (docs/status-rules.md, "Overdue")."""
    periods = periods_of_year(period.year, indicator.cadence, indicator.start_month)
    return next((p for p in periods if p.end == period.end), None)


def _overdue(goal: Goal, latest: Figure | None, as_of: date) -> Period | None:
    """The overdue period, given the latest figure of the goal's year known by ``as_of``."""
    indicator = goal.indicator
    last_due = _last_due(
        goal.year, indicator.cadence, indicator.start_month, indicator.lag_days, as_of
    )
    if last_due is None or (latest is not None and latest.period >= last_due):
        return None
    return last_due


@functools.lru_cache(maxsize=1024)
def _last_due(
    year: int, cadence: Cadence, start_month: int, lag_days: int, as_of: date
) -> Period | None:
    """The latest period of the year due by ``as_of``: the same for every goal of a kind."""
    periods = periods_of_year(year, cadence, start_month)
    due = [p for p in periods if p.published_by(lag_days) <= as_of]
    return due[-1] if due else None

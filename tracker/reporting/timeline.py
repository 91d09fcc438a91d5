"""The report's periods, and the goals evaluated at the end of each earlier period (pure).

A report as of a date covers the latest month that has ended by then (as of 20 July: June).
"What changed" compares with the status as of the end of the month before; the run of
lagging periods looks further back, one month-end at a time, within the goals' year.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from tracker.domain.model import Figure, Goal
from tracker.domain.periods import Period
from tracker.domain.status import GoalStatus, Status, evaluate_in
from tracker.domain.years import last_month_ended

LAGGING = (Status.LAGGING, Status.MISSED)


@dataclass(frozen=True)
class Timeline:
    """The statuses now, at the previous period's end, and each goal's run of lagging periods."""

    current: tuple[GoalStatus, ...]
    previous: Mapping[str, GoalStatus]  # goal key -> status at the previous period's end
    streaks: Mapping[str, int]  # goal key -> consecutive own periods lagging, up to now


def reporting_period(as_of: date) -> Period:
    """The month a report as of ``as_of`` covers: the latest that has ended by then."""
    return last_month_ended(as_of)


def previous_period(period: Period) -> Period:
    if period.end_month == 1:
        return Period.month(period.year - 1, 12)
    return Period.month(period.year, period.end_month - 1)


def build_timeline(
    goals: Sequence[Goal], figures: Mapping[str, Sequence[Figure]], as_of: date
) -> Timeline:
    """Evaluate every goal as of ``as_of`` and as of the previous reporting period's end."""
    current = tuple(evaluate_in(g, figures, as_of) for g in goals)
    before = previous_period(reporting_period(as_of)).end
    previous = {g.key: evaluate_in(g, figures, before) for g in goals}
    streaks = {s.goal.key: lagging_run(s, figures) for s in current if s.status in LAGGING}
    return Timeline(current, previous, streaks)


def lagging_run(status: GoalStatus, figures: Mapping[str, Sequence[Figure]]) -> int:
    """How many of the goal's own periods in a row, ending with the latest, were lagging;
    ``figures``: every indicator's, by key."""
    run = 0
    for figure in reversed(status.series):
        earlier = evaluate_in(status.goal, figures, figure.period.end)
        if earlier.latest != figure or earlier.status not in LAGGING:
            break
        run += 1
    return run

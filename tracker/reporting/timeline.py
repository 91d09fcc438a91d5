"""The report's periods, and the goals evaluated at the end of each earlier period (pure).

A report as of a date covers the latest month that has ended by then (as of 20 July: June).
"What changed" compares with the status as of the end of the month before; the run of
lagging periods looks further back, one month-end at a time, within the goals' year.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from tracker.domain.model import Figure, Goal
from tracker.domain.periods import Period
from tracker.domain.severity import is_beyond_warning
from tracker.domain.status import GoalStatus, evaluate_among, evaluate_in
from tracker.domain.years import last_month_ended


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
    goals: Sequence[Goal],
    figures: Mapping[str, Sequence[Figure]],
    as_of: date,
    *,
    by_place: Mapping[str, Mapping[str, Sequence[Figure]]] | None = None,
    peers: Sequence[str] = (),
    groups: Mapping[str, Sequence[str]] | None = None,
) -> Timeline:
    """Evaluate every goal as of ``as_of`` and as of the previous reporting period's end.

    ``by_place``: the figures of every place the goals are scored with (stored place key ->
    indicator key -> figures, the goals' own place included), and ``peers`` the stored keys of
    their place's peers (``groups``: each named group's, ``Places.ranked_among``): goals
    relative to another place and rank goals are scored with them (``evaluate_among``);
    without them, with ``figures`` alone (``evaluate_in``)."""
    score = _scorer(figures, by_place, peers, groups)
    current = tuple(score(g, as_of) for g in goals)
    before = previous_period(reporting_period(as_of)).end
    previous = {g.key: score(g, before) for g in goals}
    streaks = {
        s.goal.key: _run(s, score, goal)
        for goal, s in zip(goals, current, strict=True)
        if is_beyond_warning(s.status)
    }
    return Timeline(current, previous, streaks)


Scorer = Callable[[Goal, date], GoalStatus]


def _scorer(
    figures: Mapping[str, Sequence[Figure]],
    by_place: Mapping[str, Mapping[str, Sequence[Figure]]] | None,
    peers: Sequence[str],
    groups: Mapping[str, Sequence[str]] | None = None,
) -> Scorer:
    if by_place is None:
        return lambda goal, day: evaluate_in(goal, figures, day)
    return lambda goal, day: evaluate_among(goal, by_place, day, peers=peers, groups=groups)


def lagging_run(status: GoalStatus, figures: Mapping[str, Sequence[Figure]]) -> int:
    """How many of the goal's own periods in a row, ending with the latest, were lagging;
    ``figures``: every indicator's, by key."""
    return _run(status, _scorer(figures, None, ()))


def _run(status: GoalStatus, score: Scorer, goal: Goal | None = None) -> int:
    """The run of the goal's own periods lagging, ending with the latest. Each earlier period
    is judged by the version in force at its end (``goal``, with its versions: default the
    one in force now), so a run starts when the goal has a number: the months a target was
    still to be assigned were pending, not lagging (docs/status-rules.md, "Goals change
    during the year")."""
    goal = status.goal if goal is None else goal
    run = 0
    for figure in reversed(status.series):
        earlier = score(goal, figure.period.end)
        if earlier.latest != figure or not is_beyond_warning(earlier.status):
            break
        run += 1
    return run

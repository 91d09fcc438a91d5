"""Yes/no milestones (蒙牛四期5月底建成投产; 获批国家级园区): done on a day, or not, by a due
date (docs/status-rules.md, "Milestones").

A milestone is recorded as done on a day (``tracker record KEY done --date D``): a figure of
the day's year whose value is the day written as a number, ``20240528``, so that it is revised
and withdrawn as any figure is, and its history reads the day. Its status as of a date:

- done by then: achieved, ``late_days`` after the due date (0: on time);
- not done, not yet due: pending (未到期);
- not done, past due: lagging while the grace of the goal's ``warning`` days runs, then
  missed.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from tracker.domain.errors import InvalidInput
from tracker.domain.model import Figure, Goal


def done_value(day: date) -> Decimal:
    """The figure's value for a milestone done on ``day``: 2024-05-28 → 20240528."""
    return Decimal(day.year * 10000 + day.month * 100 + day.day)


def done_day(value: Decimal) -> date:
    """The day a milestone's figure says it was done: 20240528 → 2024-05-28. Raises
    InvalidInput for a value that is no such day."""
    number = int(value)
    try:
        return date(number // 10000, number // 100 % 100, number % 100)
    except ValueError:
        raise InvalidInput(f"{value} is not a day written as YYYYMMDD") from None


@dataclass(frozen=True)
class Progress:
    """Where a milestone stands: whether it is done by the date asked (``figure``, the day
    ``done_on``), and how many days after the due date (``late_days``; 0: on time) or, not
    done, how many days are left (``days_left``, negative: overdue)."""

    figure: Figure | None
    done_on: date | None
    late_days: int | None
    days_left: int


def progress(goal: Goal, figures: Iterable[Figure], as_of: date) -> Progress:
    """The milestone ``goal`` as of ``as_of``, from its indicator's figures (any years): the
    latest done figure of the goal's year, or of the year before (done early), whose day is
    on or before ``as_of``."""
    due = goal.due or date(goal.year, 12, 31)
    done = [
        (done_day(f.value), f)
        for f in figures
        if f.period.year in (goal.year - 1, goal.year) and done_day(f.value) <= as_of
    ]
    if not done:
        return Progress(None, None, None, (due - as_of).days)
    day, figure = max(done, key=lambda pair: (pair[1].period, pair[1].revision))
    return Progress(figure, day, max(0, (day - due).days), (due - as_of).days)


def grace_ends(goal: Goal) -> date:
    """The last day a milestone past due and not done is lagging, not yet missed: the due
    date + the goal's ``warning`` in days."""
    due = goal.due or date(goal.year, 12, 31)
    return due + timedelta(days=int(goal.warning))

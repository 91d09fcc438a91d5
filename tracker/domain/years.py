"""Which year a command or job is about, as of a date (docs/status-rules.md, "Which year" and
"The year's end").

``tracker status``, ``tracker report`` and the scheduled jobs all ask ``goals_year``, so that
on 15 January they all speak of last year's goals, whose December has just ended.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tracker.domain.model import Indicator
from tracker.domain.periods import Period, periods_of_year


def last_month_ended(as_of: date) -> Period:
    """The latest month that has ended on or before ``as_of`` (20 July → June; 31 July → July).

    A month has ended on its last day, as a period has for ``evaluate``.
    """
    month = Period.month(as_of.year, as_of.month)
    if month.end <= as_of:
        return month
    if as_of.month == 1:
        return Period.month(as_of.year - 1, 12)
    return Period.month(as_of.year, as_of.month - 1)


def goals_year(as_of: date, year: int | None = None) -> int:
    """The year whose goals are reported as of ``as_of``: ``year`` when one is chosen (``--year``,
    a job's ``year``), else the year of the latest month that has ended by ``as_of`` — so from
    1 to 30 January, last year.
    """
    if year is not None:
        return year
    return last_month_ended(as_of).year


@dataclass(frozen=True)
class Closing:
    """One goal of last year at the year's end: its indicator, and whether the figure of the
    year's last period (December, Q4 or the year) is in."""

    indicator: Indicator
    published: bool


def still_due(closing: Closing, as_of: date, year: int) -> bool:
    """Whether the last period of ``year`` of the goal's indicator is neither published nor
    past due (its end + the publication lag) by ``as_of``."""
    if closing.published:
        return False
    indicator = closing.indicator
    last = periods_of_year(year, indicator.cadence, indicator.start_month)[-1]
    return last.published_by(indicator.lag_days) > as_of


def closing_year(as_of: date, closing: Sequence[Closing]) -> int | None:
    """The year's end rule (docs/status-rules.md, "The year's end"): last year, while it has
    goals and either it is before 1 March or one of its goals' last periods is still due
    (neither published nor past due); else None (the month rule of ``goals_year`` applies).

    ``closing``: every goal of ``as_of.year - 1``.
    """
    last = as_of.year - 1
    if not closing:
        return None
    if as_of < date(as_of.year, 3, 1):
        return last
    if any(still_due(c, as_of, last) for c in closing):
        return last
    return None

"""Which year a command or job is about, as of a date (docs/status-rules.md, "Which year").

``tracker status``, ``tracker report`` and the scheduled jobs all ask ``goals_year``, so that
on 15 January they all speak of last year's goals, whose December has just ended.
"""

from datetime import date

from tracker.domain.periods import Period


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

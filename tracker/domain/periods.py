"""Periods: ``2020-06`` (a month; year-to-date for YTD measures), ``2020-Q2``, ``2020``."""

import calendar
import enum
import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.domain.errors import InvalidInput


class Cadence(enum.StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"


_FORMS = "2020-06 (month), 2020-Q2 (quarter) or 2020 (year)"
_PATTERN = re.compile(r"(\d{4})(?:-(?:(\d{1,2})|[Qq]([1-4])))?", re.ASCII)


@dataclass(frozen=True, order=True)
class Period:
    """A calendar period. Ordered by end date, then by length (a year sorts after December)."""

    end: date
    months: int  # 1 for a month, 3 for a quarter, 12 for a year

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        return cls(date(year, month, calendar.monthrange(year, month)[1]), 1)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        return cls(cls.month(year, quarter * 3).end, 3)

    @classmethod
    def year_of(cls, year: int) -> "Period":
        return cls(date(year, 12, 31), 12)

    @classmethod
    def parse(cls, text: str) -> "Period":
        match = _PATTERN.fullmatch(unicodedata.normalize("NFKC", text).strip())
        if not match:
            raise InvalidInput(f"'{text}' is not a period; write {_FORMS}.")
        year, month, quarter = match.groups()
        if not 1900 <= int(year) <= 2999:
            raise InvalidInput(f"'{text}' has an implausible year; write {_FORMS}.")
        if month is not None:
            if not 1 <= int(month) <= 12:
                raise InvalidInput(f"'{text}' has no month {int(month)}; write {_FORMS}.")
            return cls.month(int(year), int(month))
        if quarter is not None:
            return cls.quarter(int(year), int(quarter))
        return cls.year_of(int(year))

    def a_year_earlier(self) -> "Period":
        """The same month, quarter or year one year before (leap years handled)."""
        year = self.year - 1
        if self.months == 1:
            return Period.month(year, self.end_month)
        return Period(date(year, self.end_month, self.end.day), self.months)

    @property
    def year(self) -> int:
        return self.end.year

    @property
    def end_month(self) -> int:
        """The last month the period covers: its month of the year-to-date."""
        return self.end.month

    @property
    def cadence(self) -> Cadence:
        return {1: Cadence.MONTHLY, 3: Cadence.QUARTERLY, 12: Cadence.ANNUAL}[self.months]

    @property
    def is_year_end(self) -> bool:
        """December, Q4 or the year itself: the period whose figure is the year's final one."""
        return self.end.month == 12

    def __str__(self) -> str:
        if self.months == 12:
            return str(self.year)
        if self.months == 3:
            return f"{self.year}-Q{self.end.month // 3}"
        return f"{self.year}-{self.end.month:02d}"

    def published_by(self, lag_days: int) -> date:
        """The date by which the figure for this period should be out."""
        return self.end + timedelta(days=lag_days)


def periods_of_year(year: int, cadence: Cadence, start_month: int = 1) -> list[Period]:
    """The periods an indicator publishes in a year, in order.

    Monthly indicators whose first figure is January–February combined start at month 2.
    """
    return list(_periods_of_year(year, cadence, start_month))


@functools.lru_cache(maxsize=1024)
def _periods_of_year(year: int, cadence: Cadence, start_month: int) -> tuple[Period, ...]:
    """Computed once per year and cadence: the status of every goal asks for them per goal."""
    if cadence is Cadence.MONTHLY:
        return tuple(Period.month(year, m) for m in range(start_month, 13))
    if cadence is Cadence.QUARTERLY:
        return tuple(Period.quarter(year, q) for q in range(1, 5))
    return (Period.year_of(year),)


def check_cadence(period: Period, cadence: Cadence, start_month: int = 1) -> str | None:
    """Why ``period`` does not fit the cadence, or None when it does.

    A year figure fits a monthly or an annual cadence: it is the final (full-year) figure. A
    quarterly indicator's year is its Q4 (January–December): written as the year, it would
    match none of the other places' or indicators' Q4 figures.
    """
    if period.months == 12 and cadence is Cadence.QUARTERLY:
        return (
            f"the indicator is quarterly; its figure for the whole year is {period.year}-Q4 "
            "(January–December), write that"
        )
    if period.months == 12:
        return None
    if cadence is Cadence.ANNUAL:
        return f"the indicator is annual; write the year alone, e.g. {period.year}"
    if cadence is Cadence.QUARTERLY and period.months != 3:
        q = (period.end_month + 2) // 3
        return f"the indicator is quarterly; write e.g. {period.year}-Q{q}"
    if cadence is Cadence.MONTHLY and period.months != 1:
        return f"the indicator is monthly; write e.g. {period.year}-{period.end_month:02d}"
    if cadence is Cadence.MONTHLY and period.end_month < start_month:
        first = Period.month(period.year, start_month)
        return f"the first figure of a year is {first} (January–February combined)"
    return None

"""A series: the current figures of one place's indicator, oldest period first, kept as rows.

A province's status reads about a hundred thousand figures and shows four or five of each
goal's (the latest, the one before, the baseline, the one compared with; a report draws its own
place's year). A ``Figure`` is made for the figures a status or a report looks at, when it looks
(docs/performance.md, "Figures made when shown"); the rules find the rest by their periods.
"""

import operator
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import overload

from tracker.domain.model import Figure
from tracker.domain.periods import Period

# A figure's fields in the order ``Figure`` takes them: period, value, amount (None: not
# entered), preliminary, revision, note, source.
Row = tuple[Period, Decimal, Decimal | None, bool, int, str | None, str | None]


def _end(period: Period) -> date:
    return period.end


class Series(Sequence[Figure]):
    """The current figures of one indicator of one place, oldest period first, one per period
    (as the store reads them): ``rows`` hold each figure's fields (``Row``), ``periods`` each
    row's period. ``series[i]`` makes the ``Figure`` of row ``i``; a slice is a ``Series`` of
    those rows, made without a figure. A series equals any sequence of the same figures.

    Raises nothing; an unordered series (two figures of one period, or periods out of order,
    as a caller may give them) is put in order by ``known_by`` first.
    """

    __slots__ = ("_ordered", "periods", "rows")

    def __init__(self, rows: list[Row] | None = None, periods: list[Period] | None = None):
        self.rows: list[Row] = [] if rows is None else rows
        self.periods: list[Period] = [r[0] for r in self.rows] if periods is None else periods
        self._ordered: bool | None = None

    @classmethod
    def of(cls, figures: Iterable[Figure]) -> "Series":
        """The series of ``figures`` (a ``Series`` as it is), in the order given."""
        if isinstance(figures, Series):
            return figures
        return cls(
            [
                (f.period, f.value, f.amount, f.preliminary, f.revision, f.note, f.source)
                for f in figures
            ]
        )

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> Figure: ...

    @overload
    def __getitem__(self, index: slice) -> "Series": ...

    def __getitem__(self, index: int | slice) -> "Figure | Series":
        if isinstance(index, slice):
            return Series(self.rows[index], self.periods[index])
        return Figure(*self.rows[index])

    def __iter__(self) -> Iterator[Figure]:
        for row in self.rows:
            yield Figure(*row)

    def __reversed__(self) -> Iterator[Figure]:
        for row in reversed(self.rows):
            yield Figure(*row)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Series):
            return self.rows == other.rows
        if isinstance(other, list | tuple):
            return len(other) == len(self.rows) and all(
                isinstance(f, Figure) and f == Figure(*row)
                for f, row in zip(other, self.rows, strict=True)
            )
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self.rows))

    def __repr__(self) -> str:
        return f"Series({list(self)!r})"

    @property
    def ordered(self) -> bool:
        """Whether the periods come in order, one figure each: each ends after the one before,
        or on the same day and is longer (December, Q4, the year), as the store reads them."""
        if self._ordered is None:
            ends = [p.end for p in self.periods]
            self._ordered = all(map(operator.lt, ends, ends[1:])) or all(
                map(operator.lt, self.periods, self.periods[1:])
            )
        return self._ordered

    def known_by(self, as_of: date) -> "Series":
        """The figures whose period ended by ``as_of``, in order, one per period (of two for
        one period, the higher revision)."""
        if not self.ordered:
            return _current(self, as_of)
        end = bisect_right(self.periods, as_of, key=_end)
        return self if end == len(self.rows) else self[:end]

    def years(self, year: int) -> tuple["Series", "Series"]:
        """The figures (in order) of the year before ``year``, and of ``year``."""
        periods = self.periods
        start = bisect_right(periods, date(year - 2, 12, 31), key=_end)
        first = bisect_right(periods, date(year - 1, 12, 31), lo=start, key=_end)
        end = bisect_right(periods, date(year, 12, 31), lo=first, key=_end)
        rows = self.rows
        return Series(rows[start:first], periods[start:first]), Series(
            rows[first:end], periods[first:end]
        )

    def amounts(self) -> "Series":
        """The figures that have an amount, each with the amount as its value (a goal scored
        on the amount, docs/status-rules.md, "Kinds of target")."""
        return Series([(r[0], r[2], None, *r[3:]) for r in self.rows if r[2] is not None])

    def last(self) -> Figure | None:
        """The latest figure; None when there is none."""
        return Figure(*self.rows[-1]) if self.rows else None

    def row_of(self, period: Period) -> Row | None:
        """The row of ``period``'s figure (the first, should there be two); None without."""
        for i, held in enumerate(self.periods):
            if held == period:
                return self.rows[i]
        return None

    def figure_of(self, period: Period) -> Figure | None:
        """The figure of ``period``; None without."""
        row = self.row_of(period)
        return None if row is None else Figure(*row)

    def row_for(self, period: Period) -> Row | None:
        """The row ``figure_for`` finds for ``period``: its own; for a period that ends a year
        and has none, the last of the same year's year-end periods (December, Q4, the year:
        docs/status-rules.md, "Which figure counts"). None without."""
        row = self.row_of(period)
        if row is not None or not period.is_year_end:
            return row
        for i in range(len(self.periods) - 1, -1, -1):
            held = self.periods[i]
            if held.is_year_end and held.year == period.year:
                return self.rows[i]
        return None

    def year_end(self) -> Figure | None:
        """The latest figure of a period that ends a year (the year, Q4, December); None
        without."""
        for i in range(len(self.periods) - 1, -1, -1):
            if self.periods[i].is_year_end:
                return Figure(*self.rows[i])
        return None


def _current(series: Series, as_of: date) -> Series:
    """The figures of ``series`` (in any order) ended by ``as_of``, one per period (the higher
    revision), in the periods' order."""
    current: dict[Period, Row] = {}
    for row in series.rows:
        if row[0].end <= as_of:
            held = current.get(row[0])
            if held is None or row[4] > held[4]:
                current[row[0]] = row
    found = Series([current[p] for p in sorted(current)])
    found._ordered = True
    return found

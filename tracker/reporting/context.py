"""What the templates see: the typed report context, frozen dataclasses of text and numbers."""

from dataclasses import dataclass
from datetime import date

from tracker.domain.model import Owner


@dataclass(frozen=True)
class Bar:
    width: int  # filled share, 0..100 (a table cell width in percent)
    text: str
    colour: str


@dataclass(frozen=True)
class Chart:
    """A trend chart to draw: the numbers only; every word is in ``alt`` and the HTML."""

    cid: str
    values: tuple[float, ...]
    target: float | None
    colour: str
    alt: str


@dataclass(frozen=True)
class Line:
    """One goal as the report shows it."""

    key: str
    name: str
    owner: str
    status: str  # the Status value
    status_word: str
    colour: str
    background: str
    period: str | None
    value: str | None
    marks: tuple[str, ...]
    target: str
    gap: str | None
    change: str | None
    requirement: str | None
    sentence: str | None
    note: str | None
    source: str | None
    overdue: str | None  # the period whose figure is missing
    streak: int  # periods lagging in a row
    bars: tuple[Bar, ...]
    chart: Chart | None


@dataclass(frozen=True)
class Changes:
    newly_behind: tuple[Line, ...]
    recovered: tuple[Line, ...]
    persistent: tuple[Line, ...]  # lagging two or more periods in a row; see Line.streak

    @property
    def any(self) -> bool:
        return bool(self.newly_behind or self.recovered or self.persistent)


@dataclass(frozen=True)
class Count:
    status: str
    word: str
    n: int
    colour: str
    background: str


@dataclass(frozen=True)
class ReportContext:
    as_of: date
    lang: str
    year: int
    owner: Owner | None
    title: str
    subject: str
    headline: str
    as_of_text: str
    period_text: str
    counts: tuple[Count, ...]
    behind: tuple[Line, ...]
    overdue: tuple[Line, ...]
    others: tuple[Line, ...]
    changes: Changes
    footnotes: tuple[str, ...]
    as_known: str | None = None  # the moment the report was built from, when it records one
    verdict: str = ""  # the subject's verdict alone: the preheader an inbox shows
    # A bounded email (``render``): the keys of the goals shown in a line each, the number of
    # overdue and lagging-in-a-row lines shown (None: all), the complete report's address
    # (``[report] base_url``) and the file name it is attached under.
    brief: frozenset[str] = frozenset()
    list_limit: int | None = None
    link: str | None = None
    attachment: str | None = None

    @property
    def lines(self) -> tuple[Line, ...]:
        return self.behind + self.others

    @property
    def charts(self) -> tuple[Chart, ...]:
        return tuple(line.chart for line in self.lines if line.chart is not None)

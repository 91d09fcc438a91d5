"""What the templates see: the typed report context, frozen dataclasses of text and numbers."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tracker.domain.model import Owner
from tracker.reporting.project_context import ProjectSection


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
class LeagueRow:
    """One place in a league table, in short cells that fit a phone: the numbers beside the
    words for the JSON document."""

    place: str  # the configured key
    name: str
    figure: str  # '7.2%'; '—' without a figure for the period
    rank: str  # '2'; '—' without a figure
    move: str  # '↑1' (up one place), '↓2', '–' (unchanged); '' without a rank before
    here: bool  # the report's own place
    value: Decimal | None
    rank_number: int | None  # 1 is best
    previous_rank: int | None  # the rank for the previous period


@dataclass(frozen=True)
class Placing:
    """One place in the full league table: the numbers (the JSON document's)."""

    place: str  # the configured key
    name: str
    value: Decimal | None  # None: no figure for the period
    rank: int | None  # 1 is best; None without a figure
    # the rank for the previous period, among the places that reported both times
    previous_rank: int | None
    step: int | None = None  # places gained since then among those places (negative: lost)


@dataclass(frozen=True)
class League:
    """One indicator among the report's place's peers (docs/status-rules.md, "Places and
    peers"): its standing in words and the league table of the period."""

    key: str  # the indicator
    name: str
    period: str  # the period ranked, in words ('1-6月')
    period_key: str  # the same as written in the database ('2020-06')
    previous_period: str | None  # the period the moves are counted from ('2020-05')
    standing: str  # '增速居全市第2位（共8个县区），高于全市平均1.3个百分点'
    # The table as shown, best first, then the places without a figure: every peer up to
    # ``league.MAX_ROWS``; beyond, the top ones and the place with its neighbours, an
    # elision row (place "") where places are left out.
    rows: tuple[LeagueRow, ...]
    table: tuple[Placing, ...]  # every peer, best first, then those without a figure
    parent: str | None  # the parent's figure: '全市 7.2%'
    note: str | None  # the peers without a figure, named
    rank: int | None  # the report's place's rank; None without a figure or peers
    reporting: int  # peers with a figure, the place included
    peers: int  # peers, the place included
    missing: tuple[str, ...]  # peers (configured keys) without a figure
    parent_place: str | None  # the parent's configured key
    parent_value: Decimal | None
    difference: Decimal | None  # the place's figure − the parent's (percentage points for rates)


@dataclass(frozen=True)
class PlaceLines:
    """One child place's goals behind their targets, in a report of a place with children."""

    place: str  # the configured key
    name: str
    goals: int  # the goals it has for the year
    behind: tuple[Line, ...]


@dataclass(frozen=True)
class OwnerLine:
    """One owner in the report's 责任单位完成情况 section (docs/status-rules.md, "Owners")."""

    key: str
    name: str
    goals: int
    behind: int
    score: str  # '87.5%'; '—' when none of its goals can be judged yet
    text: str  # '5项目标，2项未达目标：地区生产总值增速、…'


@dataclass(frozen=True)
class PlanLine:
    """One goal of a multi-year plan as the report's 规划目标 section says it."""

    key: str
    name: str
    target: str  # '年均增长6%' (the label), else said from its basis
    status: str  # the Status value
    status_word: str
    colour: str
    background: str
    text: str  # '十四五以来年均增长5.4%，后两年需年均增长6.9%'


@dataclass(frozen=True)
class PlanSection:
    """A plan's goals (docs/status-rules.md, "Plan goals"): its name, years and lines."""

    key: str
    name: str  # '十四五规划（2021—2025年）'
    lines: tuple[PlanLine, ...]


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
    place: str | None = None  # the report's place (configured key); None: no places configured
    place_name: str | None = None
    leagues: tuple[League, ...] = ()  # each indicator among the place's peers
    children: tuple[PlaceLines, ...] = ()  # a place with children: theirs, by place
    projects: ProjectSection | None = None  # the 重点项目 section (docs/projects.md)
    plans: tuple[PlanSection, ...] = ()  # the place's multi-year plans (规划目标)
    owners: tuple[OwnerLine, ...] = ()  # 责任单位完成情况, worst first (two owners or more)

    @property
    def lines(self) -> tuple[Line, ...]:
        return self.behind + self.others

    @property
    def charts(self) -> tuple[Chart, ...]:
        return tuple(line.chart for line in self.lines if line.chart is not None)

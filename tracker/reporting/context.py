"""The report's typed context, built from evaluated goals without touching a database (pure).

Templates (HTML, text, Markdown) and the JSON document read only what is here.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from tracker.domain.errors import InvalidInput
from tracker.domain.model import Comparator, Goal, Owner
from tracker.domain.status import GoalStatus, Status
from tracker.reporting import phrases
from tracker.reporting.notes import footnotes
from tracker.reporting.timeline import reporting_period
from tracker.reporting.words import Words, marked

ORDER = tuple(Status)  # achieved, on track, at risk, lagging, missed, no data
BEHIND_FIRST = (Status.MISSED, Status.LAGGING, Status.AT_RISK)
WORDS = {
    Status.ACHIEVED: marked("achieved"),
    Status.ON_TRACK: marked("on track"),
    Status.AT_RISK: marked("at risk"),
    Status.LAGGING: marked("lagging"),
    Status.MISSED: marked("missed"),
    Status.NO_DATA: marked("no data"),
}
HEADLINE_PARTS = {
    Status.ACHIEVED: marked("%(n)s achieved"),
    Status.ON_TRACK: marked("%(n)s on track"),
    Status.AT_RISK: marked("%(n)s at risk"),
    Status.LAGGING: marked("%(n)s lagging"),
    Status.MISSED: marked("%(n)s missed"),
    Status.NO_DATA: marked("%(n)s without data"),
}
COLOURS = {  # text on white, and the pale background of badges
    Status.ACHIEVED: ("#1b5e20", "#e8f5e9"),
    Status.ON_TRACK: ("#2e7d32", "#e8f5e9"),
    Status.AT_RISK: ("#8a4b00", "#fff3e0"),
    Status.LAGGING: ("#b71c1c", "#ffebee"),
    Status.MISSED: ("#b71c1c", "#ffebee"),
    Status.NO_DATA: ("#555555", "#f0f0f0"),
}


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

    @property
    def lines(self) -> tuple[Line, ...]:
        return self.behind + self.others

    @property
    def charts(self) -> tuple[Chart, ...]:
        return tuple(line.chart for line in self.lines if line.chart is not None)


def build_context(
    statuses: Sequence[GoalStatus],
    *,
    as_of: date,
    lang: str,
    owner: str | None = None,
    previous: Mapping[str, GoalStatus] | None = None,
    streaks: Mapping[str, int] | None = None,
    charts: bool = True,
) -> ReportContext:
    """The report as of ``as_of``; ``previous`` holds each goal's status at the previous
    period's end and ``streaks`` its run of lagging periods (see ``timeline``)."""
    w = Words(lang)
    chosen = find_owner(statuses, owner) if owner else None
    mine = [s for s in statuses if chosen is None or s.goal.indicator.owner == chosen]
    previous, streaks = previous or {}, streaks or {}
    ids = iter(range(1, len(mine) + 1))
    lines = {
        s.goal.indicator.key: _line(w, s, streaks.get(s.goal.indicator.key, 0), next(ids), charts)
        for s in mine
    }
    by_status = {st: [s for s in mine if s.status is st] for st in ORDER}
    behind = [lines[s.goal.indicator.key] for st in BEHIND_FIRST for s in by_status[st]]
    counts = tuple(_count(w, st, len(by_status[st])) for st in ORDER)
    period = reporting_period(as_of)
    year = mine[0].goal.year if mine else as_of.year
    owner_name = (chosen.name_zh if lang == "zh" else chosen.name_en) if chosen else None
    return ReportContext(
        as_of=as_of,
        lang=lang,
        year=year,
        owner=chosen,
        title=_title(w, w.month(period), owner_name),
        subject=_subject(w, w.month(period), owner_name, counts, sum(1 for s in mine if s.overdue)),
        headline=_headline(w, w.date(as_of), w.month(period), len(mine), counts),
        as_of_text=w.date(as_of),
        period_text=w.month(period),
        counts=counts,
        behind=tuple(behind),
        overdue=tuple(lines[s.goal.indicator.key] for s in mine if s.overdue),
        others=tuple(lines[s.goal.indicator.key] for s in mine if not s.status.behind),
        changes=_changes(mine, previous, lines),
        footnotes=footnotes(w, [s.goal for s in mine]),
    )


def find_owner(statuses: Sequence[GoalStatus], name: str) -> Owner:
    """The owner named by key or by its Chinese or English name (any case)."""
    owners = {s.goal.indicator.owner.key: s.goal.indicator.owner for s in statuses}
    wanted = name.strip().casefold()
    for o in owners.values():
        if wanted in (o.key.casefold(), o.name_zh.casefold(), o.name_en.casefold()):
            return o
    known = ", ".join(f"{o.key} ({o.name_zh})" for o in owners.values()) or "none"
    raise InvalidInput(f"no owner '{name}' among the goals reported; use one of: {known}.")


def _line(w: Words, s: GoalStatus, streak: int, n: int, charts: bool) -> Line:
    goal, indicator, latest = s.goal, s.goal.indicator, s.latest
    colour, background = COLOURS[s.status]
    marks = []
    if latest and latest.preliminary:
        marks.append(w("preliminary"))
    if latest and latest.revised:
        marks.append(w("revised"))
    return Line(
        key=indicator.key,
        name=indicator.name_zh if w.lang == "zh" else indicator.name_en,
        owner=indicator.owner.name_zh if w.lang == "zh" else indicator.owner.name_en,
        status=s.status.value,
        status_word=w(WORDS[s.status]),
        colour=colour,
        background=background,
        period=w.period(latest.period) if latest else None,
        value=phrases.amount(w, indicator, latest.value) if latest else None,
        marks=tuple(marks),
        target=_target(w, goal),
        gap=phrases.gap(w, s),
        change=phrases.change(w, s),
        requirement=phrases.requirement(w, s),
        sentence=phrases.sentence(w, s) if s.status.behind else None,
        note=latest.note if latest else None,
        source=latest.source if latest else None,
        overdue=w.period(s.overdue) if s.overdue else None,
        streak=streak,
        bars=_bars(w, s, colour),
        chart=_chart(w, s, n, colour) if charts else None,
    )


def _target(w: Words, goal: Goal) -> str:
    label = goal.label_zh if w.lang == "zh" else goal.label_en
    if label:
        return label
    sign = "≥ " if goal.comparator is Comparator.AT_LEAST else "≤ "
    return sign + phrases.amount(w, goal.indicator, goal.target)


def _bars(w: Words, s: GoalStatus, colour: str) -> tuple[Bar, ...]:
    """Progress against the target (counts: against the expected count and the annual target)."""
    if s.score is None or s.goal.comparator is not Comparator.AT_LEAST:
        return ()
    against = [(marked("%(share)s of target"), s.goal.target)]
    if s.expected is not None:
        against.insert(0, (marked("%(share)s of expected"), s.expected))
    bars = []
    for label, reference in against:
        if reference <= 0:
            continue
        share = s.score / reference * 100
        width = max(0, min(100, round(share)))
        bars.append(Bar(width, w(label, share=w.percent(share, 0)), colour))
    return tuple(bars)


def _chart(w: Words, s: GoalStatus, n: int, colour: str) -> Chart | None:
    if len(s.series) < 2:
        return None
    indicator = s.goal.indicator
    points = w(", ").join(
        f"{w.period(f.period)} {phrases.amount(w, indicator, f.value)}" for f in s.series
    )
    rate = phrases.is_rate(indicator) and s.goal.basis.value == "value"
    target = phrases.amount(w, indicator, s.goal.target)
    name = indicator.name_zh if w.lang == "zh" else indicator.name_en
    alt = w("%(name)s, %(year)s: %(points)s", name=name, year=s.goal.year, points=points)
    if rate:
        alt += w("; target %(target)s", target=target)
    return Chart(
        cid=f"chart{n}.{s.as_of:%Y%m%d}@tracker",
        values=tuple(float(f.value) for f in s.series),
        target=float(s.goal.target) if rate else None,
        colour=colour,
        alt=alt,
    )


def _count(w: Words, status: Status, n: int) -> Count:
    colour, background = COLOURS[status]
    return Count(status.value, w(WORDS[status]), n, colour, background)


def _changes(
    statuses: Sequence[GoalStatus], previous: Mapping[str, GoalStatus], lines: Mapping[str, Line]
) -> Changes:
    newly, recovered, persistent = [], [], []
    for s in statuses:
        key = s.goal.indicator.key
        before = previous.get(key)
        if before is not None and s.status.behind and not before.status.behind:
            newly.append(lines[key])
        if before is not None and before.status.behind and s.status in ORDER[:2]:
            recovered.append(lines[key])
        if lines[key].streak >= 2:
            persistent.append(lines[key])
    return Changes(tuple(newly), tuple(recovered), tuple(persistent))


def _title(w: Words, month: str, owner: str | None) -> str:
    if owner:
        return w("%(month)s targets: %(owner)s", month=month, owner=owner)
    return w("%(month)s targets", month=month)


def _subject(w: Words, month: str, owner: str | None, counts: Sequence[Count], overdue: int) -> str:
    n = {c.status: c.n for c in counts}
    parts = []
    for status in (Status.LAGGING, Status.MISSED, Status.AT_RISK):
        if n[status.value]:
            parts.append(w(HEADLINE_PARTS[status], n=n[status.value]))
    if overdue:
        parts.append(w("%(n)s overdue", n=overdue))
    if not parts:
        total = sum(c.n for c in counts)
        none = n[Status.NO_DATA.value] == total
        parts.append(w("no figures yet") if none else w("all on track"))
    verdict = w(", ").join(parts)
    if owner:
        return w(
            "%(month)s targets, %(owner)s: %(verdict)s", month=month, owner=owner, verdict=verdict
        )
    return w("%(month)s targets: %(verdict)s", month=month, verdict=verdict)


def _headline(w: Words, day: str, month: str, total: int, counts: Sequence[Count]) -> str:
    parts = w(", ").join(w(HEADLINE_PARTS[Status(c.status)], n=c.n) for c in counts)
    goals = w.plural("%(n)s goal", "%(n)s goals", total)
    return w(
        "As of %(day)s (%(month)s figures): %(goals)s — %(parts)s.",
        day=day,
        month=month,
        goals=goals,
        parts=parts,
    )

"""What a report says, decided from evaluated goals without touching a database (pure).

``build_context`` chooses the sections (the goals behind, overdue figures, changes, the other
goals, footnotes) and fills the typed context of ``context``: templates (HTML, text, Markdown)
and the JSON document read only that.
"""

from collections.abc import Mapping, Sequence
from datetime import date

from tracker.domain.errors import InvalidInput
from tracker.domain.model import Owner
from tracker.domain.periods import Period
from tracker.domain.severity import by_severity
from tracker.domain.status import GoalStatus, Status
from tracker.domain.years import goals_year
from tracker.reporting.context import Changes, Count, Line, PlaceLines, ReportContext
from tracker.reporting.language import Words, marked
from tracker.reporting.league import Neighbourhood, leagues
from tracker.reporting.lines import COLOURS, WORDS, build_line
from tracker.reporting.notes import footnotes
from tracker.reporting.timeline import reporting_period

ORDER = tuple(Status)  # achieved, on track, at risk, lagging, missed, no data
OPTIONAL = (Status.PENDING, Status.NO_TARGET)  # counted only where some goal has them
HEADLINE_PARTS = {
    Status.ACHIEVED: marked("%(n)s achieved"),
    Status.ON_TRACK: marked("%(n)s on track"),
    Status.AT_RISK: marked("%(n)s at risk"),
    Status.LAGGING: marked("%(n)s lagging"),
    Status.MISSED: marked("%(n)s missed"),
    Status.NO_DATA: marked("%(n)s without data"),
    Status.PENDING: marked("%(n)s awaiting a target"),
    Status.NO_TARGET: marked("%(n)s without a target"),
}


def build_context(
    statuses: Sequence[GoalStatus],
    *,
    as_of: date,
    lang: str,
    owner: str | None = None,
    previous: Mapping[str, GoalStatus] | None = None,
    streaks: Mapping[str, int] | None = None,
    charts: bool = True,
    near: Neighbourhood | None = None,
    children: Sequence[tuple[str, str, Sequence[GoalStatus]]] = (),
    named: bool = False,
) -> ReportContext:
    """The report as of ``as_of``; ``previous`` holds each goal's status at the previous
    period's end and ``streaks`` its run of lagging periods (see ``timeline``).

    ``near``: the report's place among its peers, with their figures: each indicator's rank
    and gap to the parent (``league``). ``children``: for a place with children, each child's
    (configured key, name in ``lang``, goal statuses): their goals behind, by place.
    ``named``: the title and subject begin with the place's name (a place other than home).
    Raises InvalidInput for an ``owner`` none of the goals has."""
    w = Words(lang)
    chosen = find_owner(statuses, owner) if owner else None
    mine = [s for s in statuses if chosen is None or s.goal.indicator.owner == chosen]
    previous, streaks = previous or {}, streaks or {}
    ids = iter(range(1, len(mine) + 1))
    lines = {
        s.goal.key: build_line(w, s, streaks.get(s.goal.key, 0), next(ids), charts) for s in mine
    }
    by_status = {st: [s for s in mine if s.status is st] for st in ORDER}
    behind = [lines[s.goal.key] for s in by_severity(mine)]
    counts = tuple(
        _count(w, st, len(by_status[st])) for st in ORDER if st not in OPTIONAL or by_status[st]
    )
    year = mine[0].goal.year if mine else goals_year(as_of)
    period = reporting_period(as_of)
    if period.year > year:  # last year's goals after its end: its December
        period = Period.month(year, 12)
    owner_name = (chosen.name_zh if lang == "zh" else chosen.name_en) if chosen else None
    # Goals of another year than the reporting month's (--year): the words name that year.
    other_year = year if year != period.year else None
    overdue = sum(1 for s in mine if s.overdue)
    title = _title(w, w.month(period), owner_name, other_year)
    subject = _subject(w, w.month(period), owner_name, counts, overdue, other_year)
    if named and near is not None:
        title = w(": ").join((near.names[near.place], title))
        subject = w(": ").join((near.names[near.place], subject))
    return ReportContext(
        as_of=as_of,
        lang=lang,
        year=year,
        owner=chosen,
        title=title,
        subject=subject,
        headline=_headline(w, w.date(as_of), w.month(period), len(mine), counts, other_year),
        as_of_text=w.date(as_of),
        period_text=w.month(period),
        counts=counts,
        behind=tuple(behind),
        overdue=tuple(lines[s.goal.key] for s in mine if s.overdue),
        others=tuple(lines[s.goal.key] for s in mine if not s.status.behind),
        changes=_changes(mine, previous, lines),
        footnotes=footnotes(w, [s.goal for s in mine]),
        verdict=_verdict(w, counts, overdue),
        place=near.place if near else None,
        place_name=near.names[near.place] if near else None,
        leagues=leagues(w, mine, near, [s.goal for s in statuses]) if near else (),
        children=tuple(_child(w, *child) for child in children),
    )


def _child(w: Words, place: str, name: str, statuses: Sequence[GoalStatus]) -> PlaceLines:
    """A child place's goals behind their targets, worst first (``severity.by_severity``)."""
    ids = iter(range(1, len(statuses) + 1))
    behind = [build_line(w, s, 0, next(ids), charts=False) for s in by_severity(statuses)]
    return PlaceLines(place=place, name=name, goals=len(statuses), behind=tuple(behind))


def find_owner(statuses: Sequence[GoalStatus], name: str) -> Owner:
    """The owner named by key or by its Chinese or English name (any case)."""
    owners = {s.goal.indicator.owner.key: s.goal.indicator.owner for s in statuses}
    wanted = name.strip().casefold()
    for o in owners.values():
        if wanted in (o.key.casefold(), o.name_zh.casefold(), o.name_en.casefold()):
            return o
    known = ", ".join(f"{o.key} ({o.name_zh})" for o in owners.values()) or "none"
    raise InvalidInput(
        f"no owner '{name}' among the goals reported; use one of: {known}.",
        zh=f"报告的目标中没有责任单位'{name}'；请用以下之一：{known}。",
    )


def _count(w: Words, status: Status, n: int) -> Count:
    colour, background = COLOURS[status]
    return Count(status.value, w(WORDS[status]), n, colour, background)


def _changes(
    statuses: Sequence[GoalStatus], previous: Mapping[str, GoalStatus], lines: Mapping[str, Line]
) -> Changes:
    newly, recovered, persistent = [], [], []
    for s in statuses:
        key = s.goal.key
        before = previous.get(key)
        if before is not None and s.status.behind and not before.status.behind:
            newly.append(lines[key])
        if before is not None and before.status.behind and s.status in ORDER[:2]:
            recovered.append(lines[key])
        if lines[key].streak >= 2:
            persistent.append(lines[key])
    return Changes(tuple(newly), tuple(recovered), tuple(persistent))


def _title(w: Words, month: str, owner: str | None, year: int | None) -> str:
    if year is not None:
        if owner:
            return w(
                "%(year)s targets as of %(month)s: %(owner)s", year=year, month=month, owner=owner
            )
        return w("%(year)s targets as of %(month)s", year=year, month=month)
    if owner:
        return w("%(month)s targets: %(owner)s", month=month, owner=owner)
    return w("%(month)s targets", month=month)


def _subject(
    w: Words,
    month: str,
    owner: str | None,
    counts: Sequence[Count],
    overdue: int,
    year: int | None,
) -> str:
    verdict = _verdict(w, counts, overdue)
    if year is not None:
        return w("%(title)s: %(verdict)s", title=_title(w, month, owner, year), verdict=verdict)
    if owner:
        return w(
            "%(month)s targets, %(owner)s: %(verdict)s", month=month, owner=owner, verdict=verdict
        )
    return w("%(month)s targets: %(verdict)s", month=month, verdict=verdict)


def _verdict(w: Words, counts: Sequence[Count], overdue: int) -> str:
    """'3项落后，3项预警，2项逾期未报', or that all is on track, or no figures yet."""
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
    return w(", ").join(parts)


def _headline(
    w: Words, day: str, month: str, total: int, counts: Sequence[Count], year: int | None
) -> str:
    parts = w(", ").join(w(HEADLINE_PARTS[Status(c.status)], n=c.n) for c in counts)
    goals = w.plural("%(n)s goal", "%(n)s goals", total)
    if year is not None:
        return w(
            "As of %(day)s (%(month)s figures), the %(year)s goals: %(goals)s — %(parts)s.",
            day=day,
            month=month,
            year=year,
            goals=goals,
            parts=parts,
        )
    return w(
        "As of %(day)s (%(month)s figures): %(goals)s — %(parts)s.",
        day=day,
        month=month,
        goals=goals,
        parts=parts,
    )

"""What a report says, decided from evaluated goals without touching a database (pure).

``build_context`` chooses the sections (the goals behind, overdue figures, changes, the other
goals, footnotes) and fills the typed context of ``context``: templates (HTML, text, Markdown)
and the JSON document read only that.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from tracker.domain.errors import InvalidInput
from tracker.domain.model import Owner
from tracker.domain.periods import Period
from tracker.domain.severity import by_severity, has_recovered, is_behind
from tracker.domain.status import GoalStatus, Status
from tracker.domain.wording import STATUS_WORDS, Wording, counted_words
from tracker.domain.years import goals_year
from tracker.reporting.context import Changes, Count, Line, PlaceLines, ReportContext
from tracker.reporting.language import Words
from tracker.reporting.league import Neighbourhood, leagues
from tracker.reporting.lines import COLOURS, build_line
from tracker.reporting.notes import footnotes
from tracker.reporting.timeline import reporting_period

ORDER = tuple(Status)  # the headline's counts: achieved, on track, at risk, lagging, missed, ...
OPTIONAL = (Status.PENDING, Status.NO_TARGET)  # counted only where some goal has them
VERDICT = (
    Status.LAGGING,
    Status.MISSED,
    Status.AT_RISK,
)  # the goals behind, as a verdict names them


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
    chosen, mine = _of_owner(statuses, owner)
    lines = _lines(w, mine, streaks or {}, charts)
    counts = _counts(w, mine)
    place, place_name = _place(near)
    said = _headings(w, mine, counts, as_of, chosen, place_name if named else None)
    return ReportContext(
        as_of=as_of,
        lang=lang,
        year=said.year,
        owner=chosen,
        title=said.title,
        subject=said.subject,
        headline=said.headline,
        as_of_text=w.date(as_of),
        period_text=said.month,
        counts=counts,
        behind=tuple(lines[s.goal.key] for s in by_severity(mine)),
        overdue=tuple(lines[s.goal.key] for s in mine if s.overdue),
        others=tuple(lines[s.goal.key] for s in mine if not is_behind(s.status)),
        changes=_changes(mine, previous or {}, lines),
        footnotes=footnotes(w, [s.goal for s in mine]),
        verdict=said.verdict,
        place=place,
        place_name=place_name,
        leagues=leagues(w, mine, near, [s.goal for s in statuses]) if near else (),
        children=tuple(_child(w, *child) for child in children),
    )


@dataclass(frozen=True)
class _Headings:
    """What a report says before its sections: its goals' year and month, title, subject,
    headline and verdict."""

    year: int
    month: str  # '2020年6月' / 'June 2020'
    title: str
    subject: str
    headline: str
    verdict: str


def _headings(
    w: Words,
    statuses: Sequence[GoalStatus],
    counts: Sequence[Count],
    as_of: date,
    owner: Owner | None,
    place_name: str | None,
) -> _Headings:
    """The headings of a report of ``statuses`` (those of ``owner``, when one is chosen);
    ``place_name``: the name the title and subject begin with, if any."""
    year, period = _year_and_period(statuses, as_of)
    month = w.month(period)
    # Goals of another year than the reporting month's (--year): the words name that year.
    other_year = year if year != period.year else None
    overdue = sum(1 for s in statuses if s.overdue)
    owner_name = _owner_name(owner, w.lang)
    return _Headings(
        year=year,
        month=month,
        title=_named(w, place_name, _title(w, month, owner_name, other_year)),
        subject=_named(w, place_name, _subject(w, month, owner_name, counts, overdue, other_year)),
        headline=_headline(w, w.date(as_of), month, len(statuses), counts, other_year),
        verdict=_verdict(w, counts, overdue),
    )


def _of_owner(
    statuses: Sequence[GoalStatus], owner: str | None
) -> tuple[Owner | None, list[GoalStatus]]:
    """The owner named by ``owner`` (``find_owner``) and its goals; without one, every goal."""
    if not owner:
        return None, list(statuses)
    chosen = find_owner(statuses, owner)
    return chosen, [s for s in statuses if s.goal.indicator.owner == chosen]


def _lines(
    w: Words, statuses: Sequence[GoalStatus], streaks: Mapping[str, int], charts: bool
) -> dict[str, Line]:
    """Each goal's line by goal key, numbered (for the charts) in the order given."""
    return {
        s.goal.key: build_line(w, s, streaks.get(s.goal.key, 0), n, charts)
        for n, s in enumerate(statuses, start=1)
    }


def _counts(w: Words, statuses: Sequence[GoalStatus]) -> tuple[Count, ...]:
    """How many goals have each status, in ``ORDER``; ``OPTIONAL`` ones only where some goal
    has them (``wording.counted_words``: milestones not yet due are 未到期)."""
    n = {st: sum(1 for s in statuses if s.status is st) for st in ORDER}
    words = counted_words(statuses)
    return tuple(_count(w, st, n[st], words) for st in ORDER if st not in OPTIONAL or n[st])


def _year_and_period(statuses: Sequence[GoalStatus], as_of: date) -> tuple[int, Period]:
    """The goals' year, and the month the report covers: the last that has ended by
    ``as_of``, or the goals' December after their year's end."""
    year = statuses[0].goal.year if statuses else goals_year(as_of)
    period = reporting_period(as_of)
    if period.year > year:  # last year's goals after its end: its December
        period = Period.month(year, 12)
    return year, period


def _owner_name(owner: Owner | None, lang: str) -> str | None:
    if owner is None:
        return None
    return owner.name_zh if lang == "zh" else owner.name_en


def _place(near: Neighbourhood | None) -> tuple[str | None, str | None]:
    """The report's place (configured key) and its name; None for both without places."""
    if near is None:
        return None, None
    return near.place, near.names[near.place]


def _named(w: Words, place_name: str | None, text: str) -> str:
    """``text`` after the place's name ('东区：…'), or alone."""
    return text if place_name is None else w(": ").join((place_name, text))


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


def _count(w: Words, status: Status, n: int, words: Mapping[Status, Wording]) -> Count:
    colour, background = COLOURS[status]
    return Count(status.value, words[status].said(w.lang), n, colour, background)


def _changes(
    statuses: Sequence[GoalStatus], previous: Mapping[str, GoalStatus], lines: Mapping[str, Line]
) -> Changes:
    newly, recovered, persistent = [], [], []
    for s in statuses:
        key = s.goal.key
        before = previous.get(key)
        if before is not None and is_behind(s.status) and not is_behind(before.status):
            newly.append(lines[key])
        if before is not None and has_recovered(before.status, s.status):
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
    for status in VERDICT:
        if n[status.value]:
            parts.append(STATUS_WORDS[status].counted(w.lang, n[status.value]))
    if overdue:
        parts.append(w("%(n)s overdue", n=overdue))
    if not parts:
        total = sum(c.n for c in counts)
        none = n[Status.NO_DATA.value] == total
        parts.append(w("no figures yet") if none else w("all on track"))
    return w(", ").join(parts)


def _counted(w: Words, count: Count) -> str:
    """'3项预警' / '3 at risk' in the count's own word (``_count``)."""
    status = Status(count.status)
    words = STATUS_WORDS[status]
    if count.word != words.said(w.lang):  # a word of its own: 未到期
        return f"{count.n}项{count.word}" if w.lang == "zh" else f"{count.n} {count.word}"
    return words.counted(w.lang, count.n)


def _headline(
    w: Words, day: str, month: str, total: int, counts: Sequence[Count], year: int | None
) -> str:
    parts = w(", ").join(_counted(w, c) for c in counts)
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

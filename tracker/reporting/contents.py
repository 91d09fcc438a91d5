"""What a report says, decided from evaluated goals without touching a database (pure).

``build_context`` chooses the sections (the headings, the overview table, the goals behind,
overdue figures, changes, the other goals, the peers, the notes and the appendix) and fills the
typed context of ``context``: templates (HTML, text, Markdown), the Word briefing and the JSON
document read only that. A new section is a field of the context and a partial of each
template.
"""

from collections.abc import Mapping, Sequence
from datetime import date

from tracker.domain.errors import InvalidInput
from tracker.domain.model import Owner
from tracker.domain.severity import by_severity, has_recovered, is_behind
from tracker.domain.status import GoalStatus, Status
from tracker.domain.wording import Wording, counted_words
from tracker.reporting.context import Changes, Count, Line, PlaceLines, ReportContext
from tracker.reporting.headings import headings
from tracker.reporting.language import Words
from tracker.reporting.league import Neighbourhood, leagues
from tracker.reporting.lines import COLOURS, build_line
from tracker.reporting.notes import footnotes, rules
from tracker.reporting.overview import overview
from tracker.reporting.settings import ReportSettings
from tracker.reporting.trends import rate_scale

ORDER = tuple(Status)  # the JSON document's counts: achieved, on track, at risk, lagging, ...
OPTIONAL = (Status.PENDING, Status.NO_TARGET)  # counted only where some goal has them


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
    settings: ReportSettings | None = None,
) -> ReportContext:
    """The report as of ``as_of``; ``previous`` holds each goal's status at the previous
    period's end and ``streaks`` its run of lagging periods (see ``timeline``).

    ``near``: the report's place among its peers, with their figures: each indicator's rank
    and gap to the parent (``league``); the place is named in the title and subject.
    ``children``: for a place with children, each child's (configured key, name in ``lang``,
    goal statuses): their goals behind, by place. ``settings``: the overview table's order and
    amount units (``settings.ReportSettings``).
    Raises InvalidInput for an ``owner`` none of the goals has."""
    w = Words(lang)
    settings = settings or ReportSettings()
    chosen, mine = _of_owner(statuses, owner)
    lines = _lines(w, mine, streaks or {}, charts)
    place, place_name = _place(near)
    said = headings(w, mine, as_of, owner=chosen, place_name=place_name)
    peers = leagues(w, mine, near, [s.goal for s in statuses]) if near else ()
    table = overview(
        w,
        mine,
        lines,
        leagues=peers,
        ranked=near is not None and len(near.peers) > 1,
        order=settings.order,
        amount_units=settings.amount_units,
    )
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
        counts=_counts(w, mine),
        behind=tuple(lines[s.goal.key] for s in by_severity(mine)),
        overdue=tuple(lines[s.goal.key] for s in mine if s.overdue),
        others=tuple(lines[s.goal.key] for s in mine if not is_behind(s.status)),
        changes=_changes(mine, previous or {}, lines),
        footnotes=footnotes(w, mine),
        verdict=said.verdict,
        place=place,
        place_name=place_name,
        leagues=peers,
        children=tuple(_child(w, *child) for child in children),
        overview=table,
        badges=said.badges,
        rules=rules(w, [s.goal for s in mine]),
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
    """Each goal's line by goal key; with ``charts``, their rate charts on one scale."""
    rates = rate_scale(statuses) if charts else None
    return {
        s.goal.key: build_line(w, s, streaks.get(s.goal.key, 0), charts=charts, rates=rates)
        for s in statuses
    }


def _counts(w: Words, statuses: Sequence[GoalStatus]) -> tuple[Count, ...]:
    """How many goals have each status, in ``ORDER``; ``OPTIONAL`` ones only where some goal
    has them (``wording.counted_words``: milestones not yet due are 未到期)."""
    n = {st: sum(1 for s in statuses if s.status is st) for st in ORDER}
    words = counted_words(statuses)
    return tuple(_count(w, st, n[st], words) for st in ORDER if st not in OPTIONAL or n[st])


def _place(near: Neighbourhood | None) -> tuple[str | None, str | None]:
    """The report's place (configured key) and its name; None for both without places."""
    if near is None:
        return None, None
    return near.place, near.names[near.place]


def _child(w: Words, place: str, name: str, statuses: Sequence[GoalStatus]) -> PlaceLines:
    """A child place's goals behind their targets, worst first (``severity.by_severity``)."""
    behind = [build_line(w, s, 0) for s in by_severity(statuses)]
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
    """What changed since the previous period's end. A goal that reached its target since is
    achieved, not recovered: at the year's end no goal reads 恢复正常."""
    newly, recovered, persistent, achieved = [], [], [], []
    for s in statuses:
        key = s.goal.key
        before = previous.get(key)
        if before is not None and is_behind(s.status) and not is_behind(before.status):
            newly.append(lines[key])
        if before is not None and s.status is Status.ACHIEVED:
            if before.status is not Status.ACHIEVED:
                achieved.append(lines[key])
        elif before is not None and has_recovered(before.status, s.status):
            recovered.append(lines[key])
        if lines[key].streak >= 2:
            persistent.append(lines[key])
    return Changes(tuple(newly), tuple(recovered), tuple(persistent), tuple(achieved))

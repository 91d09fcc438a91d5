"""The key projects in a report: the 重点项目 section of the goals' report, and the projects'
report alone (``tracker report --projects``, a job of ``kind = "projects"``), the 重点项目办's
weekly or monthly 调度通报 (docs/projects.md, "Reports"). Pure: from a workspace read with
its projects.

The report alone is a ``ReportBundle`` like any report, so that it is archived, emailed,
posted to group robots and attached as a Word brief the same way; its context holds no goals
and its pages are the projects' own templates.
"""

from dataclasses import replace
from datetime import date, datetime

from tracker.domain.errors import InvalidInput, NotFound
from tracker.domain.moments import moment_text
from tracker.domain.periods import Period
from tracker.domain.places import HOME
from tracker.domain.project_board import Board, board
from tracker.domain.status import Status
from tracker.domain.workspace import Workspace
from tracker.domain.years import last_month_ended
from tracker.reporting.archive import file_stem
from tracker.reporting.bundle import ReportBundle
from tracker.reporting.context import Changes, ReportContext
from tracker.reporting.project_context import ProjectSection
from tracker.reporting.projects import WORDS, project_section

PREFIX = "projects"  # the report alone is archived as projects-zh.html, beside zh.html


def section_of(
    ws: Workspace,
    *,
    as_of: date,
    lang: str,
    owner: str | None = None,
    alone: bool = False,
    period: Period | None = None,
) -> ProjectSection | None:
    """The 重点项目 section of the workspace's projects as of ``as_of`` (of ``owner``'s only,
    when given), judged at ``period`` when given (a reminder's: the month due); None when
    there are none (or none of that owner's)."""
    portfolio = ws.projects
    if portfolio is None or not portfolio.projects:
        return None
    places = ws.places
    covered = [ws.stored, *(places.stored(c.key) for c in places.children(ws.place))]
    try:
        chosen = board(portfolio, as_of, owner=owner, place_order=covered, period=period)
    except InvalidInput:  # an owner without projects
        return None
    if not chosen.statuses:
        return None

    def place_name(stored: str) -> str:
        try:
            return places.name(stored, lang)
        except NotFound:
            return stored

    named = place_name(ws.stored) if ws.stored != HOME else ""
    return project_section(chosen, lang, place_name=place_name, place=named, alone=alone)


def render_projects(
    ws: Workspace,
    *,
    as_of: date,
    lang: str = "zh",
    owner: str | None = None,
    as_known: datetime | None = None,
    base_url: str | None = None,
    period: Period | None = None,
) -> ReportBundle:
    """The key projects' report alone of the workspace as of ``as_of`` (``owner``'s projects
    only, judged at the ``period`` due, for a reminder). Raises NotFound when there are no
    projects (of that owner)."""
    section = section_of(ws, as_of=as_of, lang=lang, owner=owner, alone=True, period=period)
    if section is None:
        whose = f" of owner '{owner}'" if owner else ""
        raise NotFound(
            f"no key projects{whose} for {ws.year}; `tracker projects status` lists a year's.",
            zh=f"{ws.year}年没有{f'责任单位“{owner}”的' if owner else ''}重点项目。",
        )
    b = section.board
    words = WORDS[lang]
    place = ws.place if ws.stored != HOME else None
    title, subject, verdict = _headings(b, section, lang)
    if place is not None:
        named = ws.places.name(ws.stored, lang) + section.words["colon"]
        title, subject = named + title, named + subject
    period = b.period or last_month_ended(as_of)
    chosen = b.owner
    ctx = ReportContext(
        as_of=as_of, lang=lang, year=b.year, owner=chosen, title=title, subject=subject,
        headline=words["as_of"].format(day=_day(as_of, lang), period=section.period,
                                   share=section.time_share),
        as_of_text=_day(as_of, lang), period_text=_month(period, lang), counts=(), behind=(),
        overdue=(), others=(), changes=Changes((), (), ()), footnotes=(), verdict=verdict,
        place=place, place_name=ws.places.name(ws.stored, lang) if place else None,
        projects=section,
    )  # fmt: skip
    if as_known is not None:
        ctx = replace(ctx, as_known=moment_text(as_known))
    owner_key = chosen.key if chosen else None
    name = f"{PREFIX}-{file_stem(lang, owner_key, place)}.html"
    return ReportBundle(
        as_of=as_of,
        lang=lang,
        owner=owner_key,
        subject=subject,
        context=ctx,
        statuses=(),
        counts={s.value: sum(1 for p in b.statuses if p.status is s) for s in Status},
        link=f"{base_url.rstrip('/')}/{as_of.isoformat()}/{name}" if base_url else None,
        complete_name=f"report-{as_of}-{name}",
        place=place,
    )


def _headings(b: Board, section: ProjectSection, lang: str) -> tuple[str, str, str]:
    """The title, subject and verdict: '2020年6月重点项目调度通报', '【2020年6月】重点项目调度：
    30个项目滞后', '30个项目滞后' (an owner's: '【2020年6月】区住建局重点项目调度：…')."""
    del section
    month = _month(b.period or Period.month(b.year, 12), lang)
    behind = len(b.behind)
    owner = b.owner
    if lang == "zh":
        who = owner.name_zh if owner else ""
        verdict = f"{behind}个项目滞后" if behind else "没有滞后项目"
        return f"{month}{who}重点项目调度通报", f"【{month}】{who}重点项目调度：{verdict}", verdict
    who = f", {owner.name_en}" if owner else ""
    verdict = f"{behind} projects behind" if behind else "no project behind"
    return f"Key projects, {month}{who}", f"Key projects, {month}{who}: {verdict}", verdict


def _month(period: Period, lang: str) -> str:
    if lang == "zh":
        return f"{period.year}年{period.end_month}月"
    return f"{_MONTHS[period.end_month - 1]} {period.year}"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


def _day(day: date, lang: str) -> str:
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"

"""Rendering a report: one path from a workspace (``tracker.domain.workspace``) to its
context, from which every format (HTML page, HTML email, text, Markdown, JSON, the Word
briefing: ``formats``) and the chart images are made when first asked for. Nothing here reads
a database: ``tracker.app.reports`` reads the workspace."""

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from tracker.domain.model import Figure, Goal
from tracker.domain.moments import moment_text
from tracker.domain.periods import Period
from tracker.domain.places import HOME, Places
from tracker.domain.plans import Plan, PlanStatus
from tracker.domain.project_status import ProjectStatus
from tracker.domain.status import GoalStatus, evaluate_among
from tracker.domain.workspace import Workspace
from tracker.domain.years import goals_year
from tracker.reporting.archive import file_stem
from tracker.reporting.bundle import ReportBundle
from tracker.reporting.contents import build_context
from tracker.reporting.formats import DEFAULT
from tracker.reporting.language import Words
from tracker.reporting.league import Neighbourhood
from tracker.reporting.owners import owner_lines
from tracker.reporting.pages import EMAIL_BUDGET
from tracker.reporting.plans import plan_sections
from tracker.reporting.project_context import ProjectSection
from tracker.reporting.project_report import section_of
from tracker.reporting.settings import ReportSettings
from tracker.reporting.timeline import build_timeline


def render_workspace(
    ws: Workspace,
    *,
    as_of: date,
    lang: str = "zh",
    owner: str | None = None,
    charts: bool = True,
    as_known: datetime | None = None,
    base_url: str | None = None,
    settings: ReportSettings | None = None,
    project_period: Period | None = None,
) -> ReportBundle:
    """The report of the workspace's goals as of ``as_of``; with ``as_known`` (``known_moment``),
    the moment the workspace was read as of, which the report records (docs/status-rules.md,
    "As of, and as known"). ``base_url``: where the reports archive is served (``[report]
    base_url``); the email links to its copy there. ``settings``: the office's (the zone of the
    moments shown, the overview's order and amount units, the briefing template).

    With places configured, each indicator's rank among the place's peers and its gap to the
    parent, and for a place with children their goals behind, by place (docs/places.md,
    "Reports"): the workspace must have been read for a report (``Scope.NEIGHBOURHOOD``).

    The workspace's key projects, when it holds them, are the 重点项目 section, judged at
    ``project_period`` when given (docs/projects.md).

    Raises NotFound when the place has no goals for the year (nor any of its children).
    """
    ws.require_goals()
    near = None if ws.places.single else neighbourhood(ws, lang)
    return render_goals(
        ws.goals,
        ws.own,
        as_of=as_of,
        lang=lang,
        owner=owner,
        charts=charts,
        as_known=as_known,
        base_url=base_url,
        by_place=None if near is None else ws.figures,
        peers=() if near is None else ws.peers,
        groups=ws.places.ranked_among(),
        near=near,
        children=() if near is None else children_statuses(ws, as_of, names=near.names),
        named=ws.stored != HOME,
        settings=settings,
        projects=section_of(ws, as_of=as_of, lang=lang, owner=owner, period=project_period),
        plans=ws.plan_statuses(as_of),
        owned_projects=ws.own_project_statuses(as_of, project_period),
    )


def neighbourhood(ws: Workspace, lang: str) -> Neighbourhood:
    """The workspace's place among its peers, with the figures of the place, its peers, its
    parent and its children, by configured key."""
    places, key = ws.places, ws.place
    parent = places.parent(key)
    peers = tuple(p.key for p in places.peers(key))
    wanted = dict.fromkeys(
        (key, *peers, *((parent.key,) if parent else ()), *(c.key for c in places.children(key)))
    )
    return Neighbourhood(
        place=key,
        peers=peers,
        parent=parent.key if parent else None,
        names={k: places.place(k).name(lang) for k in wanted},
        names_zh={k: places.place(k).name_zh for k in wanted},
        figures={k: ws.figures_of(k) for k in wanted},
    )


def children_statuses(
    ws: Workspace, as_of: date, *, names: Mapping[str, str]
) -> list[tuple[str, str, list[GoalStatus]]]:
    """Each child place's (configured key, name, goal statuses as of ``as_of``), the children
    ranked among each other."""
    siblings = tuple(ws.places.stored(c) for c in ws.children)
    return [
        (
            child,
            names[child],
            [evaluate_among(g, ws.figures, as_of, peers=siblings) for g in goals],
        )
        for child, goals in ws.children.items()
    ]


def render_goals(
    goals: Sequence[Goal],
    figures: Mapping[str, Sequence[Figure]],
    *,
    as_of: date,
    lang: str = "zh",
    owner: str | None = None,
    charts: bool = True,
    as_known: datetime | None = None,
    near: Neighbourhood | None = None,
    children: Sequence[tuple[str, str, Sequence[GoalStatus]]] = (),
    named: bool = False,
    by_place: Mapping[str, Mapping[str, Sequence[Figure]]] | None = None,
    peers: Sequence[str] = (),
    groups: Mapping[str, Sequence[str]] | None = None,
    base_url: str | None = None,
    budget: int = EMAIL_BUDGET,
    settings: ReportSettings | None = None,
    projects: ProjectSection | None = None,
    plans: Sequence[tuple[Plan, Sequence[PlanStatus]]] = (),
    owned_projects: Sequence[ProjectStatus] = (),
) -> ReportBundle:
    """The same as ``render_workspace``, from goals and figures in memory; ``near`` and
    ``children`` as ``contents.build_context`` takes them, ``by_place``, ``peers`` and
    ``groups`` as ``timeline.build_timeline`` does; ``named``: the report is of a place other
    than home (its files are named after it); ``plans``: each plan of the place with its goals
    evaluated (``Workspace.plan_statuses``); ``owned_projects``: the place's own key projects,
    which the owners' section counts with the goals (``Workspace.own_project_statuses``).

    Raises NotFound when there are no goals, neither the place's nor its children's: a report
    of nothing is refused, never rendered as an empty page (the same words as
    ``Workspace.require_goals``). A place whose goals are all its children's (a province) gets
    its children's report.

    The page (``html``) holds every goal in full; the email (``email_html``) stays within
    ``budget`` bytes of UTF-8 (``bounded``): past it the rest of the goals are a line each,
    and ``attachment`` names the file the complete page travels as (None: nothing left out).
    """
    settings = settings or ReportSettings()
    if not goals and not any(statuses for _, _, statuses in children):
        Workspace(goals_year(as_of), Places(), HOME, (), {}).require_goals()
    timeline = build_timeline(goals, figures, as_of, by_place=by_place, peers=peers, groups=groups)
    ctx = build_context(
        timeline.current,
        as_of=as_of,
        lang=lang,
        owner=owner,
        previous=timeline.previous,
        streaks=timeline.streaks,
        charts=charts,
        near=near,
        children=children,
        settings=settings,
    )
    if as_known is not None:
        known = Words(lang).moment(as_known, settings.zone)
        ctx = replace(ctx, as_known=moment_text(as_known), known=known)
    if projects is not None:  # the 重点项目 section (docs/projects.md)
        ctx = replace(ctx, projects=projects)
    if plans:  # the 规划目标 section (docs/status-rules.md, "Plan goals")
        ctx = replace(ctx, plans=plan_sections(Words(lang), plans))
    if ctx.owner is None:  # 责任单位完成情况 ("Owners"), in a report of every owner
        ctx = replace(ctx, owners=owner_lines(Words(lang), timeline.current, owned_projects))
    owner_key = ctx.owner.key if ctx.owner else None
    place = ctx.place if named else None
    name = file_stem(lang, owner_key, place) + ".html"  # as the archive names the page
    return ReportBundle(
        as_of=as_of,
        lang=lang,
        owner=owner_key,
        subject=ctx.subject,
        context=ctx,
        statuses=timeline.current,
        counts={c.status: c.n for c in ctx.counts},
        link=f"{base_url.rstrip('/')}/{as_of.isoformat()}/{name}" if base_url else None,
        complete_name=f"report-{as_of}-{name}",
        budget=budget,
        place=place,
        templates=settings.templates,
    )


def write_to_archive(
    bundle: ReportBundle, reports_dir: Path, formats: Sequence[str] = DEFAULT
) -> list[Path]:
    """Write ``reports/<as-of>/<lang>.html`` (etc.: the default formats, or ``formats``) and
    refresh ``reports/index.html``."""
    from tracker.reporting.archive import write_files

    return write_files(bundle, reports_dir, formats)

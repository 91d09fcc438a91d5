"""Rendering a report: one path from the database to its context, from which every format
(HTML page, HTML email, text, Markdown, JSON, the Word briefing: ``formats``) and the chart
images are made when first asked for. The scheduler and the email use it as it is."""

import base64
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine

from tracker.domain.errors import NotFound
from tracker.domain.model import Figure, Goal
from tracker.domain.moments import known_before, moment_text
from tracker.domain.places import HOME, Places
from tracker.domain.status import GoalStatus
from tracker.reporting.archive import file_stem
from tracker.reporting.bundle import EMAIL_BUDGET, ChartImage, ReportBundle
from tracker.reporting.contents import build_context
from tracker.reporting.context import Chart, ReportContext
from tracker.reporting.formats import DEFAULT
from tracker.reporting.league import Neighbourhood
from tracker.reporting.statuses import choose_year, goals_and_figures
from tracker.reporting.templating import environment
from tracker.reporting.timeline import build_timeline


def render_report(
    engine: Engine,
    *,
    as_of: date,
    lang: str = "zh",
    owner: str | None = None,
    year: int | None = None,
    charts: bool = True,
    as_known: datetime | None = None,
    base_url: str | None = None,
    places: Places | None = None,
    place: str | None = None,
) -> ReportBundle:
    """The report of ``year``'s goals (default: ``choose_year``) as of ``as_of``; with
    ``as_known`` (``known_moment``), built from what was recorded by that moment, which the
    report records (docs/status-rules.md, "As of, and as known"). ``base_url``: where the
    reports archive is served (``[report] base_url``); the email links to its copy there.

    ``places``: the configured places (default: the home place alone); ``place``: the report's
    place, a configured key or name (default: home). With places, each indicator's rank among
    the place's peers and its gap to the parent, and for a place with children their goals
    behind, by place (docs/places.md, "Reports").

    Raises NotFound when the place has no goals for the year (nor any of its children),
    UnknownPlace (a NotFound) for a place that is not configured.
    """
    before = None if as_known is None else known_before(as_known)
    places = places or Places()
    key = places.home if place is None else places.place(place).key
    stored = places.stored(key)
    year = choose_year(engine, as_of=as_of, year=year, known_before=before, place=stored)
    if places.single:
        goals, figures = goals_and_figures(engine, year=year, known_before=before)
        if not goals:
            raise _no_goals(places, stored, year)
        return render_goals(
            goals,
            figures,
            as_of=as_of,
            lang=lang,
            owner=owner,
            charts=charts,
            as_known=as_known,
            base_url=base_url,
        )
    near, children, goals, by_place = _neighbourhood(
        engine, places, key, year=year, known_before=before, lang=lang, as_of=as_of
    )
    if not goals and not any(statuses for _, _, statuses in children):
        raise _no_goals(places, stored, year)
    return render_goals(
        goals,
        near.figures[key],
        by_place=by_place,
        peers=tuple(places.stored(p) for p in near.peers),
        as_of=as_of,
        lang=lang,
        owner=owner,
        charts=charts,
        as_known=as_known,
        near=near,
        children=children,
        named=stored != HOME,
        base_url=base_url,
    )


def _no_goals(places: Places, stored: str, year: int) -> NotFound:
    if stored == HOME:
        return NotFound(
            f"no goals for {year}; `tracker goals` lists the years that have them.",
            zh=f"{year}年没有目标；`tracker goals` 列出有目标的年份。",
        )
    name = places.name(stored, "zh")
    return NotFound(
        f"no goals of {name} ({places.name(stored, 'en')}) for {year}; "
        "`tracker goals` lists the years that have them.",
        zh=f"{name}{year}年没有目标；`tracker goals` 列出有目标的年份。",
    )


def _neighbourhood(
    engine: Engine,
    places: Places,
    key: str,
    *,
    year: int,
    known_before: datetime | None,
    lang: str,
    as_of: date,
) -> tuple[
    Neighbourhood,
    list[tuple[str, str, list[GoalStatus]]],
    list[Goal],
    dict[str, dict[str, list[Figure]]],
]:
    """The place ``key`` among its peers, with every figure the report needs in one read (its
    own, its peers', its parent's, its children's and the places its goals are scored
    against); its children's goal statuses; its goals; the figures by stored place key."""
    from tracker.domain.status import evaluate_among
    from tracker.store import figures as figure_store
    from tracker.store import goals as goal_store
    from tracker.store.db import read_session

    parent = places.parent(key)
    peers = tuple(p.key for p in places.peers(key))
    children = places.children(key)
    wanted = dict.fromkeys(
        (key, *peers, *((parent.key,) if parent else ()), *(c.key for c in children))
    )
    stored = {places.stored(k): k for k in wanted}
    with read_session(engine) as session:
        goals = goal_store.goals(
            session=session, year=year, known_before=known_before, place=places.stored(key)
        )
        child_goals = {
            c.key: goal_store.goals(
                session=session, year=year, known_before=known_before, place=places.stored(c.key)
            )
            for c in children
        }
        scored_against = {
            version.reference_place
            for goal in (*goals, *(g for found in child_goals.values() for g in found))
            for version in (goal, *goal.versions)
            if version.reference_place is not None
        }
        by_place = figure_store.current_figures_by_place(
            session=session,
            years=(year - 1, year),
            known_before=known_before,
            places=sorted(set(stored) | scored_against),
        )
    figures = {stored[s]: by_place.get(s, {}) for s in stored}
    names = {k: places.place(k).name(lang) for k in wanted}
    names_zh = {k: places.place(k).name_zh for k in wanted}
    near = Neighbourhood(
        place=key,
        peers=peers,
        parent=parent.key if parent else None,
        names=names,
        names_zh=names_zh,
        figures=figures,
    )
    siblings = tuple(places.stored(c.key) for c in children)
    statuses = [
        (
            c.key,
            names[c.key],
            [evaluate_among(g, by_place, as_of, peers=siblings) for g in child_goals[c.key]],
        )
        for c in children
    ]
    return near, statuses, goals, by_place


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
    base_url: str | None = None,
    budget: int = EMAIL_BUDGET,
) -> ReportBundle:
    """The same as ``render_report``, from goals and figures already in memory; ``near``,
    ``children`` and ``named`` as ``contents.build_context`` takes them, ``by_place`` and
    ``peers`` as ``timeline.build_timeline`` does.

    The page (``html``) holds every goal in full; the email (``email_html``) stays within
    ``budget`` bytes of UTF-8 (``bounded``): past it the rest of the goals are a line each,
    and ``attachment`` names the file the complete page travels as (None: nothing left out).
    """
    timeline = build_timeline(goals, figures, as_of, by_place=by_place, peers=peers)
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
        named=named,
    )
    if as_known is not None:
        ctx = replace(ctx, as_known=moment_text(as_known))
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
    )


def page_html(bundle: ReportBundle) -> str:
    """The standalone HTML page: CSS inlined, charts as data: URIs."""
    uris = {
        i.cid: "data:image/png;base64," + base64.b64encode(i.png).decode() for i in bundle.charts
    }
    return _html(bundle.context, lambda c: uris[c.cid])


def template_text(ctx: ReportContext, template: str) -> str:
    """``report.txt`` or ``report.md`` rendered in the report's language."""
    return environment(ctx.lang).get_template(template).render(ctx=ctx)


def chart_images(charts: Sequence[Chart]) -> tuple[ChartImage, ...]:
    if not charts:
        return ()
    from tracker.reporting.charts import draw_all

    return tuple(
        ChartImage(c.cid, png, c.alt) for c, png in zip(charts, draw_all(charts), strict=True)
    )


def bounded(ctx: ReportContext, budget: int, *, attachment: str) -> tuple[ReportContext, str]:
    """The email of ``ctx`` within ``budget`` bytes (UTF-8), and the context it was made from.

    Everything when it fits; else the most goals in full that fit, in the report's order (the
    goals behind worst first, docs/status-rules.md "Which goal comes first"), the rest a line
    each, ``attachment`` naming the complete report; when even that is too long, the overdue
    and lagging-in-a-row lists are shortened too. Past that (thousands of goals) the smallest
    form is returned as it is.
    """

    def email(c: ReportContext) -> str:
        return _html(c, lambda chart: f"cid:{chart.cid}")

    whole = email(ctx)
    if len(whole.encode()) <= budget:
        return ctx, whole
    keys = [line.key for line in ctx.lines]

    def cut(full: int, limit: int | None = None) -> tuple[ReportContext, str]:
        c = replace(ctx, brief=frozenset(keys[full:]), list_limit=limit, attachment=attachment)
        return c, email(c)

    low, high = 0, len(keys) - 1  # the most goals in full that fit: low fits (or nothing does)
    best = cut(0)
    if len(best[1].encode()) > budget:
        for limit in (50, 20, 10, 5, 0):
            best = cut(0, limit)
            if len(best[1].encode()) <= budget:
                break
        return best
    while low < high:
        middle = (low + high + 1) // 2
        tried = cut(middle)
        if len(tried[1].encode()) <= budget:
            low, best = middle, tried
        else:
            high = middle - 1
    return best


def _html(ctx: ReportContext, src: Callable[[Chart], str]) -> str:
    """The page with its CSS inlined; the at-rules (narrow screens, dark mode) stay in a
    ``<style>`` block, which clients that drop it can do without."""
    import css_inline

    page = environment(ctx.lang).get_template("report.html").render(ctx=ctx, src=src)
    inliner = css_inline.CSSInliner(
        keep_style_tags=False, keep_at_rules=True, load_remote_stylesheets=False
    )
    return inliner.inline(page)


def write_to_archive(
    bundle: ReportBundle, reports_dir: Path, formats: Sequence[str] = DEFAULT
) -> list[Path]:
    """Write ``reports/<as-of>/<lang>.html`` (etc.: the default formats, or ``formats``) and
    refresh ``reports/index.html``."""
    from tracker.reporting.archive import write_files

    return write_files(bundle, reports_dir, formats)

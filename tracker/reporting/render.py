"""Rendering a report: one path from the database to every format (HTML page, HTML email,
text, Markdown, JSON) and the chart images. The scheduler and the email use it as it is."""

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
from tracker.reporting.bundle import FORMATS as FORMATS
from tracker.reporting.bundle import ChartImage, ReportBundle
from tracker.reporting.contents import build_context
from tracker.reporting.context import Chart, ReportContext
from tracker.reporting.document import report_json
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
    places: Places | None = None,
    place: str | None = None,
) -> ReportBundle:
    """The report of ``year``'s goals (default: ``choose_year``) as of ``as_of``; with
    ``as_known`` (``known_moment``), built from what was recorded by that moment, which the
    report records (docs/status-rules.md, "As of, and as known").

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
            goals, figures, as_of=as_of, lang=lang, owner=owner, charts=charts, as_known=as_known
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
) -> ReportBundle:
    """The same as ``render_report``, from goals and figures already in memory; ``near``,
    ``children`` and ``named`` as ``contents.build_context`` takes them, ``by_place`` and
    ``peers`` as ``timeline.build_timeline`` does."""
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
    images = chart_images(ctx.charts)
    uris = {i.cid: "data:image/png;base64," + base64.b64encode(i.png).decode() for i in images}
    env = environment(lang)
    return ReportBundle(
        as_of=as_of,
        lang=lang,
        owner=ctx.owner.key if ctx.owner else None,
        subject=ctx.subject,
        html=_html(ctx, lambda c: uris[c.cid]),
        email_html=_html(ctx, lambda c: f"cid:{c.cid}"),
        text=env.get_template("report.txt").render(ctx=ctx),
        markdown=env.get_template("report.md").render(ctx=ctx),
        json=report_json(ctx, timeline.current),
        images=images,
        counts={c.status: c.n for c in ctx.counts},
        place=ctx.place if named else None,
    )


def chart_images(charts: Sequence[Chart]) -> tuple[ChartImage, ...]:
    if not charts:
        return ()
    from tracker.reporting.charts import draw_all

    return tuple(
        ChartImage(c.cid, png, c.alt) for c, png in zip(charts, draw_all(charts), strict=True)
    )


def _html(ctx: ReportContext, src: Callable[[Chart], str]) -> str:
    import css_inline

    page = environment(ctx.lang).get_template("report.html").render(ctx=ctx, src=src)
    inliner = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)
    return inliner.inline(page)


def write_to_archive(
    bundle: ReportBundle, reports_dir: Path, formats: Sequence[str] = FORMATS
) -> list[Path]:
    """Write ``reports/<as-of>/<lang>.html`` (etc.) and refresh ``reports/index.html``."""
    from tracker.reporting.archive import write_files

    return write_files(bundle, reports_dir, formats)

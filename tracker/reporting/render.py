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
from tracker.reporting.bundle import ChartImage, ReportBundle
from tracker.reporting.contents import build_context
from tracker.reporting.context import Chart, ReportContext
from tracker.reporting.formats import DEFAULT
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
) -> ReportBundle:
    """The report of ``year``'s goals (default: ``choose_year``) as of ``as_of``; with
    ``as_known`` (``known_moment``), built from what was recorded by that moment, which the
    report records (docs/status-rules.md, "As of, and as known").

    Raises NotFound when the year has no goals.
    """
    before = None if as_known is None else known_before(as_known)
    year = choose_year(engine, as_of=as_of, year=year, known_before=before)
    goals, figures = goals_and_figures(engine, year=year, known_before=before)
    if not goals:
        raise NotFound(
            f"no goals for {year}; `tracker goals` lists the years that have them.",
            zh=f"{year}年没有目标；`tracker goals` 列出有目标的年份。",
        )
    return render_goals(
        goals, figures, as_of=as_of, lang=lang, owner=owner, charts=charts, as_known=as_known
    )


def render_goals(
    goals: Sequence[Goal],
    figures: Mapping[str, Sequence[Figure]],
    *,
    as_of: date,
    lang: str = "zh",
    owner: str | None = None,
    charts: bool = True,
    as_known: datetime | None = None,
) -> ReportBundle:
    """The same as ``render_report``, from goals and figures already in memory."""
    timeline = build_timeline(goals, figures, as_of)
    ctx = build_context(
        timeline.current,
        as_of=as_of,
        lang=lang,
        owner=owner,
        previous=timeline.previous,
        streaks=timeline.streaks,
        charts=charts,
    )
    if as_known is not None:
        ctx = replace(ctx, as_known=moment_text(as_known))
    return ReportBundle(
        as_of=as_of,
        lang=lang,
        owner=ctx.owner.key if ctx.owner else None,
        subject=ctx.subject,
        context=ctx,
        statuses=timeline.current,
        counts={c.status: c.n for c in ctx.counts},
    )


def page_html(bundle: ReportBundle) -> str:
    """The standalone HTML page: CSS inlined, charts as data: URIs."""
    uris = {
        i.cid: "data:image/png;base64," + base64.b64encode(i.png).decode() for i in bundle.images
    }
    return _html(bundle.context, lambda c: uris[c.cid])


def email_html(bundle: ReportBundle) -> str:
    """The HTML of the email: CSS inlined, charts as cid: references to ``bundle.images``."""
    return _html(bundle.context, lambda c: f"cid:{c.cid}")


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


def _html(ctx: ReportContext, src: Callable[[Chart], str]) -> str:
    import css_inline

    page = environment(ctx.lang).get_template("report.html").render(ctx=ctx, src=src)
    inliner = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)
    return inliner.inline(page)


def write_to_archive(
    bundle: ReportBundle, reports_dir: Path, formats: Sequence[str] = DEFAULT
) -> list[Path]:
    """Write ``reports/<as-of>/<lang>.html`` (etc.: the default formats, or ``formats``) and
    refresh ``reports/index.html``."""
    from tracker.reporting.archive import write_files

    return write_files(bundle, reports_dir, formats)

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
from tracker.reporting.archive import file_stem
from tracker.reporting.bundle import EMAIL_BUDGET, ChartImage, ReportBundle
from tracker.reporting.bundle import FORMATS as FORMATS
from tracker.reporting.contents import build_context
from tracker.reporting.context import Chart, ReportContext
from tracker.reporting.document import report_json
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
) -> ReportBundle:
    """The report of ``year``'s goals (default: ``choose_year``) as of ``as_of``; with
    ``as_known`` (``known_moment``), built from what was recorded by that moment, which the
    report records (docs/status-rules.md, "As of, and as known"). ``base_url``: where the
    reports archive is served (``[report] base_url``); the email links to its copy there.

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
        goals,
        figures,
        as_of=as_of,
        lang=lang,
        owner=owner,
        charts=charts,
        as_known=as_known,
        base_url=base_url,
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
    base_url: str | None = None,
    budget: int = EMAIL_BUDGET,
) -> ReportBundle:
    """The same as ``render_report``, from goals and figures already in memory.

    The page (``html``) holds every goal in full; the email (``email_html``) stays within
    ``budget`` bytes of UTF-8 (``bounded``): past it the rest of the goals are a line each,
    and ``attachment`` names the file the complete page travels as (None: nothing left out).
    """
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
    images = chart_images(ctx.charts)
    uris = {i.cid: "data:image/png;base64," + base64.b64encode(i.png).decode() for i in images}
    env = environment(lang)
    owner_key = ctx.owner.key if ctx.owner else None
    name = file_stem(lang, owner_key) + ".html"  # as the archive names the page
    link = f"{base_url.rstrip('/')}/{as_of.isoformat()}/{name}" if base_url else None
    mail, email_html = bounded(replace(ctx, link=link), budget, attachment=f"report-{as_of}-{name}")
    shown = {line.chart.cid for line in mail.lines if line.chart and line.key not in mail.brief}
    return ReportBundle(
        as_of=as_of,
        lang=lang,
        owner=owner_key,
        subject=ctx.subject,
        html=_html(ctx, lambda c: uris[c.cid]),
        email_html=email_html,
        text=env.get_template("report.txt").render(ctx=replace(ctx, link=link)),
        markdown=env.get_template("report.md").render(ctx=ctx),
        json=report_json(ctx, timeline.current),
        images=tuple(i for i in images if i.cid in shown),
        counts={c.status: c.n for c in ctx.counts},
        attachment=mail.attachment,
    )


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
    bundle: ReportBundle, reports_dir: Path, formats: Sequence[str] = FORMATS
) -> list[Path]:
    """Write ``reports/<as-of>/<lang>.html`` (etc.) and refresh ``reports/index.html``."""
    from tracker.reporting.archive import write_files

    return write_files(bundle, reports_dir, formats)

"""The HTML page, the email's HTML within its budget, the text and Markdown reports and the
chart images, each made from a report's context (pure; ``bundle.ReportBundle`` calls these
when a format is first asked for). Jinja2 and the CSS inliner are imported when first used."""

import base64
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from tracker.reporting.context import Chart, ReportContext

# Bytes (UTF-8) of an email's HTML: Gmail shows a message's first 102 KB or so and hides the
# rest behind "[Message clipped]"; past this the email is cut (``bounded``).
EMAIL_BUDGET = 90_000


@dataclass(frozen=True)
class ChartImage:
    cid: str  # content id without angle brackets, used as <img src="cid:{cid}"> in email_html
    png: bytes
    alt: str  # states the numbers


def page_html(ctx: ReportContext, charts: Sequence[ChartImage]) -> str:
    """The standalone HTML page: CSS inlined, ``charts`` (``chart_images``) as data: URIs."""
    uris = {i.cid: "data:image/png;base64," + base64.b64encode(i.png).decode() for i in charts}
    return _html(ctx, lambda c: uris[c.cid])


def template_text(ctx: ReportContext, template: str) -> str:
    """``report.txt`` or ``report.md`` rendered in the report's language."""
    from tracker.reporting.templating import environment

    return environment(ctx.lang).get_template(_page(ctx, template)).render(ctx=ctx)


def _page(ctx: ReportContext, template: str) -> str:
    """The template of a page: ``report.*``, or ``projects.*`` for the key projects' report
    alone (``tracker report --projects``, docs/projects.md)."""
    alone = ctx.projects is not None and ctx.projects.alone
    return template.replace("report.", "projects.", 1) if alone else template


def chart_images(charts: Sequence[Chart]) -> tuple[ChartImage, ...]:
    """Each chart drawn as a PNG image (``tracker.reporting.charts``)."""
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

    from tracker.reporting.templating import environment

    page = environment(ctx.lang).get_template(_page(ctx, "report.html")).render(ctx=ctx, src=src)
    inliner = css_inline.CSSInliner(
        keep_style_tags=False, keep_at_rules=True, load_remote_stylesheets=False
    )
    return inliner.inline(page)

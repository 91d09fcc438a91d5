"""The HTML page (with its charts), the email's HTML within its budget (without), the text and
Markdown reports, each made from a report's context (pure; ``bundle.ReportBundle`` calls these
when a format is first asked for). Jinja2 and the CSS inliner are imported when first used."""

from dataclasses import replace

from tracker.reporting.context import ReportContext

# Bytes (UTF-8) of an email's HTML: Gmail shows a message's first 102 KB or so and hides the
# rest behind "[Message clipped]"; past this the email is cut (``bounded``).
EMAIL_BUDGET = 90_000
# Fewer bytes than any overview row takes in the email (about 1,300): a stage whose rows alone
# would pass the budget is skipped without rendering it.
ROW_BYTES = 600


def page_html(ctx: ReportContext) -> str:
    """The standalone HTML page: CSS inlined, each goal's chart as inline SVG (``charts``)."""
    return _html(ctx, charts=True)


def template_text(ctx: ReportContext, template: str) -> str:
    """``report.txt`` or ``report.md`` rendered in the report's language."""
    from tracker.reporting.templating import environment

    return environment(ctx.lang).get_template(_page(ctx, template)).render(ctx=ctx)


def _page(ctx: ReportContext, template: str) -> str:
    """The template of a page: ``report.*``, or ``projects.*`` for the key projects' report
    alone (``tracker report --projects``, docs/projects.md)."""
    alone = ctx.projects is not None and ctx.projects.alone
    return template.replace("report.", "projects.", 1) if alone else template


def bounded(ctx: ReportContext, budget: int, *, attachment: str) -> tuple[ReportContext, str]:
    """The email of ``ctx`` within ``budget`` bytes (UTF-8), and the context it was made from.

    Everything when it fits. Else, with ``attachment`` naming the complete report, in this
    order until it fits: the most goals in full that fit, in the report's order (the goals
    behind worst first, docs/status-rules.md "Which goal comes first"), the others in the
    overview table; then the overview table with the rows of the goals behind alone; then the
    overview, overdue and lagging-in-a-row lists shortened (50, 20, 10, 5 rows, none), each
    time with as many goals in full as then fit. A goal whose overview row is left out and that
    is behind gets a line of its own. Past that (thousands of goals) the smallest form is
    returned as it is.
    """

    def email(c: ReportContext) -> str:
        return _html(c, charts=False)

    if len(ctx.overview_rows) * ROW_BYTES <= budget:  # else its rows alone would not fit
        whole = email(ctx)
        if len(whole.encode()) <= budget:
            return ctx, whole
    keys = [line.key for line in ctx.lines]

    def cut(full: int, behind: bool, limit: int | None) -> tuple[ReportContext, str]:
        c = replace(
            ctx,
            brief=frozenset(keys[full:]),
            list_limit=limit,
            attachment=attachment,
            overview_behind=behind,
        )
        return c, email(c)

    def fits(made: tuple[ReportContext, str]) -> bool:
        return len(made[1].encode()) <= budget

    stages = [(False, None), (True, None), *((True, n) for n in (50, 20, 10, 5, 0))]
    for behind, limit in stages:
        rows = replace(ctx, overview_behind=behind, list_limit=limit).overview_rows
        if len(rows) * ROW_BYTES > budget and limit != 0:
            continue  # its rows alone would not fit
        best = cut(0, behind, limit)
        if fits(best):
            break
    else:
        return best
    low, high = 0, len(keys) - 1  # the most goals in full that fit: low fits
    while low < high:
        middle = (low + high + 1) // 2
        tried = cut(middle, behind, limit)
        if fits(tried):
            low, best = middle, tried
        else:
            high = middle - 1
    return best


def _html(ctx: ReportContext, *, charts: bool) -> str:
    """The page with its CSS inlined; the at-rules (narrow screens, dark mode) stay in a
    ``<style>`` block, which clients that drop it can do without. ``charts``: with each goal's
    chart (the page), or none (the email: mail clients show no SVG)."""
    import css_inline

    from tracker.reporting.templating import environment

    drawn = None
    if charts:
        from tracker.reporting.charts import svg

        drawn = svg
    page = (
        environment(ctx.lang).get_template(_page(ctx, "report.html")).render(ctx=ctx, drawn=drawn)
    )
    inliner = css_inline.CSSInliner(
        keep_style_tags=False, keep_at_rules=True, load_remote_stylesheets=False
    )
    return inliner.inline(page)

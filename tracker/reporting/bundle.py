"""A rendered report: its context, and every format of it made when first asked for, as
``render`` builds it and ``archive`` writes it (``pages`` makes each format).

Nothing is drawn or rendered before it is read: ``tracker report -f json`` neither draws the
charts nor inlines the HTML's styles.
"""

from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property

from tracker.domain.status import GoalStatus
from tracker.reporting.context import ReportContext
from tracker.reporting.pages import (
    EMAIL_BUDGET,
    ChartImage,
    bounded,
    chart_images,
    page_html,
    template_text,
)
from tracker.reporting.projects import for_email


@dataclass(frozen=True)
class ReportBundle:
    as_of: date
    lang: str  # "zh" or "en"
    owner: str | None  # owner key when restricted
    subject: str  # states the verdict: "【2020年6月】目标进度：3项落后，2项预警"
    context: ReportContext  # what every format shows
    statuses: tuple[GoalStatus, ...]  # every goal of the report, for the machine format
    counts: dict[str, int]  # status value -> number of goals
    link: str | None = None  # the page in the archive served at [report] base_url
    # The file name the complete report (``html``) travels under when the email leaves goals
    # out (``scheduling.attachments.complete_report``).
    complete_name: str = "report.html"
    budget: int = EMAIL_BUDGET  # bytes of the email's HTML (``pages.bounded``)
    place: str | None = None  # the place's configured key, for a place other than home

    @cached_property
    def charts(self) -> tuple[ChartImage, ...]:
        """Every trend chart as a PNG image (drawn on first use), for the page."""
        return chart_images(self.context.charts)

    @cached_property
    def email(self) -> tuple[ReportContext, str]:
        """The email's context and HTML, within ``budget`` (``pages.bounded``)."""
        whole = replace(self.context, link=self.link, projects=for_email(self.context.projects))
        return bounded(whole, self.budget, attachment=self.complete_name)

    @property
    def attachment(self) -> str | None:
        """The name the complete page travels under when the email leaves goals out; None:
        the email has them all."""
        return self.email[0].attachment

    @cached_property
    def images(self) -> tuple[ChartImage, ...]:
        """The charts of the goals the email shows in full, for its cid: references."""
        mail = self.email[0]
        shown = {line.chart.cid for line in mail.lines if line.chart and line.key not in mail.brief}
        return tuple(i for i in self.charts if i.cid in shown)

    @cached_property
    def html(self) -> str:
        """The standalone page: CSS inlined, charts as data: URIs."""
        return page_html(self.context, self.charts)

    @property
    def email_html(self) -> str:
        """The same report for email: CSS inlined, charts as cid: references."""
        return self.email[1]

    @cached_property
    def text(self) -> str:
        """Plain text, the same facts (and the link to the page, when served)."""
        return template_text(replace(self.context, link=self.link), "report.txt")

    @cached_property
    def markdown(self) -> str:
        return template_text(self.context, "report.md")

    @cached_property
    def json(self) -> str:
        """The machine format, stable documented keys (see ``document``)."""
        from tracker.reporting.document import report_json

        return report_json(self.context, self.statuses)

    def formatted(self, fmt: str) -> str | bytes:
        """The report in the format named ``fmt`` (see ``formats``): text, or bytes for a
        binary format. Raises InvalidInput for a name no format has."""
        from tracker.reporting.formats import format_named

        return format_named(fmt).render(self)

"""A rendered report: its context, and every format of it made when first asked for, as
``render`` builds it and ``archive`` writes it (both import this module; it imports their
rendering functions only inside the properties that call them).

Nothing is drawn or rendered before it is read: ``tracker report -f json`` neither draws the
charts nor inlines the HTML's styles.
"""

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from tracker.domain.status import GoalStatus
from tracker.reporting.context import ReportContext


@dataclass(frozen=True)
class ChartImage:
    cid: str  # content id without angle brackets, used as <img src="cid:{cid}"> in email_html
    png: bytes
    alt: str  # states the numbers


@dataclass(frozen=True)
class ReportBundle:
    as_of: date
    lang: str  # "zh" or "en"
    owner: str | None  # owner key when restricted
    subject: str  # states the verdict: "【2020年6月】目标进度：3项落后，2项预警"
    context: ReportContext  # what every format shows
    statuses: tuple[GoalStatus, ...]  # every goal of the report, for the machine format
    counts: dict[str, int]  # status value -> number of goals

    @cached_property
    def images(self) -> tuple[ChartImage, ...]:
        """The trend charts as PNG images (drawn on first use)."""
        from tracker.reporting.render import chart_images

        return chart_images(self.context.charts)

    @cached_property
    def html(self) -> str:
        """The standalone page: CSS inlined, charts as data: URIs."""
        from tracker.reporting.render import page_html

        return page_html(self)

    @cached_property
    def email_html(self) -> str:
        """The same report for email: CSS inlined, charts as cid: references."""
        from tracker.reporting.render import email_html

        return email_html(self)

    @cached_property
    def text(self) -> str:
        """Plain text, the same facts."""
        from tracker.reporting.render import template_text

        return template_text(self.context, "report.txt")

    @cached_property
    def markdown(self) -> str:
        from tracker.reporting.render import template_text

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

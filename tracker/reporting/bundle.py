"""A rendered report: every format of it and its chart images, as ``render`` makes it and
``archive`` writes it (a leaf module: both import it, it imports neither)."""

from dataclasses import dataclass
from datetime import date

FORMATS = ("html", "text", "md", "json")


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
    html: str  # standalone page: CSS inlined, charts as data: URIs
    email_html: str  # same report: CSS inlined, charts as cid: references
    text: str  # plain text, same facts
    markdown: str
    json: str  # machine format, stable documented keys (see ``document``)
    images: tuple[ChartImage, ...]
    counts: dict[str, int]  # status value -> number of goals
    place: str | None = None  # the place's configured key, for a place other than home

    def formatted(self, fmt: str) -> str:
        """The report in one of FORMATS: html, text, md, json."""
        return {"html": self.html, "text": self.text, "md": self.markdown, "json": self.json}[fmt]

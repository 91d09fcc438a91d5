"""Period labels as bureaus title their tables and open their sentences: ``2020年1-7月``,
``1—7月份``, ``前7个月``, ``7月``, ``一季度``, ``上半年``, ``前三季度``, ``全年``.

A label names the last month of a year to date; it becomes the period text the Checker reads
(``2020-07``, ``2020-Q2``, ``2020``) once the indicator's cadence is known.
"""

import re
import unicodedata
from dataclasses import dataclass

from tracker.domain.model import Indicator
from tracker.domain.periods import Cadence

_DASH = r"\s*[-—–~～至]\s*"
_YEAR = r"(?:(?P<year>\d{4})\s*年\s*)?"
_QUARTERS = {"一": 3, "1": 3, "二": 6, "2": 6, "三": 9, "3": 9, "四": 12, "4": 12}
_LABEL = re.compile(
    _YEAR
    + r"(?:"
    + rf"(?:1|一){_DASH}(?P<to>\d{{1,2}})\s*月份?"
    + r"|前\s*(?P<first>\d{1,2})\s*个?月"
    + r"|(?P<month>\d{1,2})\s*月份?(?!\s*[末底])"
    + r"|(?P<ytd>上半年|前三季度|全年)"
    + r"|第?(?P<quarter>[一二三四1-4])\s*季度"
    + r")"
)
_YTD_MONTHS = {"上半年": 6, "前三季度": 9, "全年": 12}


@dataclass(frozen=True)
class Label:
    """A period label: its year (None when it names none), the last month it covers, and
    whether it names a single month or quarter (``7月``, ``二季度``) rather than a year to date."""

    text: str
    year: int | None
    month: int
    single: bool
    quarter: bool  # a single quarter label: 二季度

    def with_year(self, year: int) -> "Label":
        return Label(self.text, year, self.month, self.single, self.quarter)


def find_label(text: str) -> Label | None:
    """The first period label in ``text``, or None."""
    normal = unicodedata.normalize("NFKC", text)
    for match in _LABEL.finditer(normal):
        label = _label(match)
        if label is not None:
            return label
    return None


def _label(match: re.Match[str]) -> Label | None:
    year = int(match["year"]) if match["year"] else None
    text = match.group(0).strip()
    if match["to"] or match["first"]:
        month, single, quarter = int(match["to"] or match["first"]), False, False
    elif match["month"]:
        month, single, quarter = int(match["month"]), True, False
    elif match["ytd"]:
        month, single, quarter = _YTD_MONTHS[match["ytd"]], False, False
    else:
        month = _QUARTERS[match["quarter"]]
        single, quarter = month > 3, month > 3  # 一季度 is its own year to date
    if not 1 <= month <= 12:
        return None
    return Label(text, year, month, single, quarter)


def period_text(label: Label, indicator: Indicator) -> str | None:
    """The period a year-to-date label names for ``indicator``'s cadence, as the Checker reads
    it, or None when the label cannot name one (``1-7月`` for a quarterly indicator, a label
    without its year, a single quarter for a year-to-date figure)."""
    if label.year is None or label.quarter:
        return None
    if label.month == 12 and indicator.cadence is Cadence.ANNUAL:
        return str(label.year)
    if indicator.cadence is Cadence.QUARTERLY:
        return f"{label.year}-Q{label.month // 3}" if label.month % 3 == 0 else None
    if indicator.cadence is Cadence.MONTHLY:
        return f"{label.year}-{label.month:02d}"
    return None

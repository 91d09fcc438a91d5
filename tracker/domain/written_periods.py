"""Periods as bulletins and bureau sheets write them, resolved against an indicator's cadence.

The forms (DOMAIN.md, "Figures as bureaus write them"): the canonical ``2020-06``, ``2020-Q2``,
``2020``; the year-to-date spans ``2020年1-6月``, ``1-6月``, ``1—6月``, ``1~6月``; a month
``2020年6月``, ``6月``, ``2020.06``, ``2020/06``, ``202006``, a date ``2020/6/1`` or
``2020-06-30`` (that month); the quarters ``一季度``, ``第一季度``, ``1季度``, ``Q1``; the
cumulative ``上半年``, ``前三季度``; the year ``全年``, ``2020年``.

A month or a span of months from January names, for a year-to-date indicator, the year-to-date
figure up to that month: ``6月`` and ``1-6月`` are both January–June, which a quarterly
indicator writes ``2020-Q2``. A single quarter other than the first (``二季度``) is not a
year-to-date span: for a year-to-date indicator it is refused with the label to use (上半年).
"""

import re
import unicodedata
from dataclasses import dataclass

from tracker.domain.errors import InvalidInput
from tracker.domain.periods import Cadence, Period

FORMS = "2020-06, 2020年1-6月, 上半年, 2020-Q2 or 2020"

_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YTD_LABELS = {3: "一季度", 6: "上半年", 9: "前三季度", 12: "全年"}
_DASHES = str.maketrans({"—": "-", "–": "-", "－": "-", "~": "-", "～": "-", "至": "-"})

_CANONICAL = re.compile(r"\d{4}(?:-(?:\d{1,2}|[Qq]\d))?", re.ASCII)
_YEAR = r"(?:(?P<year>\d{4})\s*年?\s*)?"
_SPAN = re.compile(_YEAR + r"(?P<first>\d{1,2})\s*-\s*(?P<last>\d{1,2})\s*月(?:份)?(?:累计)?")
_MONTH_CN = re.compile(_YEAR + r"(?P<month>\d{1,2})\s*月(?:份)?(?:末)?")
_MONTH_DOTTED = re.compile(r"(?P<year>\d{4})\s*[./]\s*(?P<month>\d{1,2})")
_MONTH_PACKED = re.compile(r"(?P<year>\d{4})(?P<month>\d{2})")
_DATE = re.compile(
    r"(?P<year>\d{4})\s*[-./]\s*(?P<month>\d{1,2})\s*[-./]\s*(?P<day>\d{1,2})"
    r"(?:T?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
_QUARTER = re.compile(_YEAR + r"(?:第?(?P<q>[一二三四1-4])\s*季度|[Qq](?P<qq>[1-4]))")
_CUMULATIVE = re.compile(_YEAR + r"(?P<label>上半年|前三季度|全年|年度|全年累计)")
_YEAR_ONLY = re.compile(r"(?P<year>\d{4})\s*年(?:度)?")


@dataclass(frozen=True)
class _Written:
    """What a text says: the year (None when it names none), the last month, and its span."""

    year: int | None
    month: int
    span: str  # "month", "quarter" (a single quarter), "to_date" (from January), "year"


def read_period(
    text: str,
    *,
    cadence: Cadence,
    year_to_date: bool,
    year: int | None = None,
) -> Period:
    """The period ``text`` names for an indicator of ``cadence``.

    ``year_to_date``: the indicator's figures are year-to-date (growth rates, counts), so a
    month names January to that month. ``year``: the year of a text that names none (``1-6月``,
    ``上半年``): ``--year``, or the file's. Raises InvalidInput naming the text, what it was
    read as and how to write it: no year and none given, a month 13, a span not from January,
    a single quarter for a year-to-date indicator.
    """
    clean = unicodedata.normalize("NFKC", text).strip()
    try:
        return Period.parse(clean)
    except InvalidInput as error:
        if _CANONICAL.fullmatch(clean):  # 2020-13: the canonical form, wrong
            raise InvalidInput(
                str(error), zh=f"'{text}' 不是有效的期间；请写成 {FORMS}。"
            ) from None
    written = _read(text, clean.translate(_DASHES).replace(" ", ""))
    the_year = written.year if written.year is not None else year
    if the_year is None:
        raise InvalidInput(
            f"'{text}' names no year; write it with the year (2020年{clean}) or give --year.",
            zh=f"'{text}' 没有年份；请写成 2020年{clean}，或用 --year 指定年份。",
        )
    if not 1900 <= the_year <= 2999:
        raise InvalidInput(
            f"'{text}' has an implausible year; write {FORMS}.",
            zh=f"'{text}' 的年份不合理；请写成 {FORMS}。",
        )
    return _resolve(text, written, the_year, cadence, year_to_date)


def _read(text: str, s: str) -> _Written:
    if m := _SPAN.fullmatch(s):
        first, last = int(m["first"]), int(m["last"])
        _check_month(text, last)
        if first != 1:
            raise InvalidInput(
                f"'{text}' is not a span from January; figures are year-to-date: write "
                f"1-{last}月, or the single month {last}月.",
                zh=f"'{text}' 不是从1月开始的累计期间；请写成 1-{last}月，或单月 {last}月。",
            )
        return _Written(_year(m), last, "to_date")
    if m := _MONTH_CN.fullmatch(s) or _DATE.fullmatch(s) or _MONTH_DOTTED.fullmatch(s):
        month = int(m["month"])
        _check_month(text, month)
        return _Written(_year(m), month, "month")
    if (m := _MONTH_PACKED.fullmatch(s)) and 1 <= int(m["month"]) <= 12:
        return _Written(_year(m), int(m["month"]), "month")
    if m := _QUARTER.fullmatch(s):
        quarter = _DIGITS[m["q"] or m["qq"]]
        return _Written(_year(m), quarter * 3, "quarter")
    if m := _CUMULATIVE.fullmatch(s):
        label = m["label"]
        month = {"上半年": 6, "前三季度": 9}.get(label, 12)
        return _Written(_year(m), month, "to_date" if month < 12 else "year")
    if m := _YEAR_ONLY.fullmatch(s):
        return _Written(_year(m), 12, "year")
    raise InvalidInput(
        f"'{text}' is not a period; write {FORMS}.",
        zh=f"'{text}' 不是有效的期间；请写成 {FORMS}。",
    )


def _year(match: re.Match[str]) -> int | None:
    return int(match["year"]) if match["year"] else None


def _check_month(text: str, month: int) -> None:
    if not 1 <= month <= 12:
        raise InvalidInput(
            f"'{text}' has no month {month}; write {FORMS}.",
            zh=f"'{text}' 中没有{month}月；请写成 {FORMS}。",
        )


def _resolve(
    text: str, written: _Written, year: int, cadence: Cadence, year_to_date: bool
) -> Period:
    """The canonical period; a form that does not fit the cadence is left to check_cadence."""
    month, span = written.month, written.span
    if span == "year":
        return Period.year_of(year)
    if span == "quarter" and not year_to_date:
        return Period.quarter(year, month // 3)
    if span == "quarter" and month > 3:
        label = _YTD_LABELS[month]
        raise InvalidInput(
            f"'{text}' names a single quarter, but the figures are year-to-date; for "
            f"January–{_MONTH_EN[month]} write {label} (or {year}-Q{month // 3}).",
            zh=f"'{text}' 是单季度，而该指标为累计数；1-{month}月累计请写成 {label}"
            f"（或 {year}-Q{month // 3}）。",
        )
    if year_to_date or span != "month":  # January to ``month``
        if cadence is Cadence.QUARTERLY and month % 3 == 0:
            return Period.quarter(year, month // 3)
        if cadence is Cadence.ANNUAL and month == 12:
            return Period.year_of(year)
    return Period.month(year, month)


_MONTH_EN = {3: "March", 6: "June", 9: "September", 12: "December"}

"""Periods as people write them, in a cell, a title or a sentence, resolved against an
indicator's cadence: the one grammar of ``record --period``, an import's period cells, a
bureau table's title, header and ``--period``, and a bulletin's sentences
(docs/written-periods.md).

The forms: the canonical ``2020-06``, ``2020-Q2``, ``2020`` (read by ``Period.parse``); the
year-to-date spans ``2020年1-6月``, ``1-6月``, ``1—6月份``, ``1~6月``, ``1至6月``, ``前6月``,
``前6个月``; a month ``2020年6月``, ``6月``; a stock's month end ``6月末``, ``6月底``; the
quarters ``一季度``, ``第一季度``, ``1季度``; the cumulative ``上半年``, ``前三季度``; the year
``全年``. A whole text (a cell) may also write ``2020.06``, ``2020/06``, ``202006``, a date
``2020/6/1`` or ``2020-06-30`` (that month), ``Q1``, ``2020年``, ``年度``.

A month or a span of months from January names, for a year-to-date indicator, the
year-to-date figure up to that month: ``6月`` and ``1-6月`` are both January–June, which a
quarterly indicator writes ``2020-Q2``. A span that does not start in January (``3-7月``) is
no year-to-date period, and a single quarter other than the first (``二季度``) is none for a
year-to-date indicator: both are refused with the label to write instead.

Two entry points read the same forms: ``read_label`` a whole text (a cell, ``--period``),
``find_label`` the first label inside running text (a title, a sentence, a column's header),
where only the forms written with 年, 月 or 季度 count (``202006`` there is a number).
"""

import enum
import re
import unicodedata
from dataclasses import dataclass, replace

from tracker.domain.errors import InvalidInput
from tracker.domain.measures import rules_of
from tracker.domain.model import Indicator
from tracker.domain.periods import Cadence, Period

FORMS = "2020-06, 2020年1-6月, 上半年, 2020-Q2 or 2020"
FORMS_ZH = "2020-06、2020年1-6月、上半年、2020-Q2 或 2020"

_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YTD_LABELS = {3: "一季度", 6: "上半年", 9: "前三季度", 12: "全年"}
_MONTH_EN = {3: "March", 6: "June", 9: "September", 12: "December"}
# Each of these is one character, so a text keeps its length (and its positions) once dashed.
_DASHES = str.maketrans({"—": "-", "–": "-", "－": "-", "~": "-", "～": "-", "至": "-"})
_CANONICAL = re.compile(r"\d{4}(?:-(?:\d{1,2}|[Qq]\d))?", re.ASCII)


class Span(enum.StrEnum):
    """What a label covers, before the indicator is known."""

    TO_DATE = "to_date"  # January to the month: 1-6月, 前6个月, 上半年, 一季度
    MONTH = "month"  # a month as named: 6月, 2020/06, a date (for a year-to-date figure: 1-6月)
    MONTH_END = "month_end"  # a stock at the month's end: 6月末, 6月底
    QUARTER = "quarter"  # a single quarter: 二季度, Q2 (一季度 is also its own year to date)
    YEAR = "year"  # the whole year: 全年, 2020年
    PART = "part"  # a span of months not from January: 3-7月 (refused)


@dataclass(frozen=True)
class Label:
    """A period as written: the text, its year (None when it names none), the last month it
    covers (1–12 once checked), what it covers, and the first month of a span (``3`` for
    ``3-7月``; 1 otherwise)."""

    text: str
    year: int | None
    month: int
    span: Span
    first: int = 1

    def with_year(self, year: int) -> "Label":
        return replace(self, year=year)

    @property
    def single(self) -> bool:
        """A single month or a single quarter other than the first (``7月``, ``二季度``): not
        a year to date by itself, whatever the indicator."""
        return self.span is Span.MONTH or (self.span is Span.QUARTER and self.month > 3)


@dataclass(frozen=True)
class _Form:
    """One written form: its pattern (named groups year, first, month, quarter, named) and
    what it covers; ``cell``: only a whole text may be written so (``202006``, ``Q2``)."""

    pattern: str
    span: Span
    cell: bool = False


_YEAR = r"(?:(?P<year>\d{4})\s*年\s*)?"
_YEAR_IN_CELL = r"(?:(?P<year>\d{4})\s*年?\s*)?"  # 2020 1-6月 in a cell: the year, then a span
# In the order they are tried: at one place in a text the first form that matches wins.
_FORMS: tuple[_Form, ...] = (
    _Form(r"{Y}(?P<first>\d{1,2}|一)\s*-\s*(?P<month>\d{1,2})\s*月(?:份)?(?:累计)?", Span.TO_DATE),
    _Form(r"{Y}前\s*(?P<month>\d{1,2})\s*个?\s*月(?:份)?(?:累计)?", Span.TO_DATE),
    _Form(r"{Y}(?P<month>\d{1,2})\s*月(?:份)?\s*[末底]", Span.MONTH_END),
    _Form(r"{Y}(?P<month>\d{1,2})\s*月(?:份)?", Span.MONTH),
    _Form(r"{Y}(?P<named>上半年|前三季度|全年累计|全年)", Span.TO_DATE),
    _Form(r"{Y}第?\s*(?P<quarter>[一二三四1-4])\s*季度", Span.QUARTER),
    _Form(r"{Y}[Qq](?P<quarter>[1-4])", Span.QUARTER, cell=True),
    _Form(r"{Y}(?P<named>年度)", Span.YEAR, cell=True),
    _Form(
        r"(?P<year>\d{4})\s*[-./]\s*(?P<month>\d{1,2})\s*[-./]\s*\d{1,2}"
        r"(?:\s*T?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?",
        Span.MONTH,
        cell=True,
    ),
    _Form(r"(?P<year>\d{4})\s*[./]\s*(?P<month>\d{1,2})", Span.MONTH, cell=True),
    _Form(r"(?P<year>\d{4})(?P<month>0[1-9]|1[0-2])", Span.MONTH, cell=True),
    _Form(r"(?P<year>\d{4})\s*年(?:度)?", Span.YEAR, cell=True),
)
_NAMED = {"上半年": 6, "前三季度": 9, "全年": 12, "全年累计": 12, "年度": 12}
_IN_CELL = tuple(re.compile(f.pattern.replace("{Y}", _YEAR_IN_CELL)) for f in _FORMS)
# In running text a label starts where no number does, and only the forms with 年, 月, 季度.
_IN_TEXT = tuple(
    (re.compile(r"(?<![\d.])" + f.pattern.replace("{Y}", _YEAR)), f) for f in _FORMS if not f.cell
)


def read_label(text: str) -> Label:
    """The label a whole text writes (a cell, ``--period``), checked: raises InvalidInput
    naming the text and how to write it when it is no period, has a month 13, or is a span
    not from January. The canonical forms are left to ``Period.parse``."""
    clean = unicodedata.normalize("NFKC", text).strip()
    dashed = clean.translate(_DASHES)
    for form, pattern in zip(_FORMS, _IN_CELL, strict=True):
        match = pattern.fullmatch(dashed)
        if match is not None:
            return checked(_label(text.strip(), match, form))
    raise NotAPeriod(
        f"'{text}' is not a period; write {FORMS}.",
        zh=f"'{text}' 不是有效的期间；请写成 {FORMS_ZH}。",
    )


def find_label(text: str) -> Label | None:
    """The first period label in running text (a title, a sentence, a column's header), or
    None; unchecked, so that a span not from January (``3-7月``) is found, and refused where
    it is used (``checked``, ``period_of``)."""
    normal = unicodedata.normalize("NFKC", text)
    dashed = normal.translate(_DASHES)
    best: tuple[int, int, re.Match[str], _Form] | None = None
    for pattern, form in _IN_TEXT:
        match = pattern.search(dashed)
        if match is not None and (best is None or (match.start(), -match.end()) < best[:2]):
            best = (match.start(), -match.end(), match, form)
    if best is None:
        return None
    match, form = best[2], best[3]
    return _label(normal[match.start() : match.end()].strip(), match, form)


def _label(text: str, match: re.Match[str], form: _Form) -> Label:
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    named = groups.get("named")
    if named or form.span is Span.YEAR:
        month = _NAMED[named] if named else 12
        return Label(text, year, month, Span.YEAR if month == 12 else Span.TO_DATE)
    if groups.get("quarter"):
        return Label(text, year, _DIGITS[groups["quarter"]] * 3, form.span)
    if not groups.get("first"):
        return Label(text, year, int(groups["month"]), form.span)
    first = 1 if groups["first"] == "一" else int(groups["first"])
    return Label(text, year, int(groups["month"]), form.span if first == 1 else Span.PART, first)


def checked(label: Label) -> Label:
    """``label`` when it can name a period whatever the indicator; else raises InvalidInput
    naming the fix: a month 13, or a span not from January (figures are year-to-date)."""
    for month in (label.first, label.month):
        if not 1 <= month <= 12:
            raise InvalidInput(
                f"'{label.text}' has no month {month}; write {FORMS}.",
                zh=f"'{label.text}' 中没有{month}月；请写成 {FORMS_ZH}。",
            )
    if label.span is Span.PART:
        last = label.month
        raise InvalidInput(
            f"'{label.text}' is not a span from January; figures are year-to-date: write "
            f"1-{last}月, or the single month {last}月.",
            zh=f"'{label.text}' 不是从1月开始的累计期间；请写成 1-{last}月，或单月 {last}月。",
        )
    return label


def year_to_date_label(label: Label) -> Label:
    """``label`` checked as the label of figures that are all year-to-date (a bureau table's
    title or ``--period``): raises what ``checked`` raises, and SingleQuarter for a single
    quarter other than the first (``2020年二季度``), naming the label to write."""
    checked(label)
    if label.span is Span.QUARTER and label.single:
        raise _single_quarter(label, label.year)
    return label


def period_of(
    label: Label, *, cadence: Cadence, year_to_date: bool, year: int | None = None
) -> Period:
    """The period ``label`` names for an indicator of ``cadence``.

    ``year_to_date``: the indicator's figures are year-to-date (growth rates, counts), so a
    month names January to that month. ``year``: the year of a label that names none
    (``1-6月``, ``上半年``): ``--year``, or the file's. Raises InvalidInput naming the label,
    what it was read as and how to write it: a month 13 or a span not from January
    (``checked``), no year and none given, a single quarter for a year-to-date indicator. A
    period that does not fit the cadence (``7月`` of a quarterly indicator) is returned, for
    ``check_cadence`` to refuse.
    """
    checked(label)
    the_year = label.year if label.year is not None else year
    if the_year is None:
        raise InvalidInput(
            f"'{label.text}' names no year; write it with the year (2020年{label.text}) or "
            "give --year.",
            zh=f"'{label.text}' 没有年份；请写成 2020年{label.text}，或用 --year 指定年份。",
        )
    if not 1900 <= the_year <= 2999:
        raise InvalidInput(
            f"'{label.text}' has an implausible year; write {FORMS}.",
            zh=f"'{label.text}' 的年份不合理；请写成 {FORMS_ZH}。",
        )
    if label.span is Span.QUARTER and not year_to_date:
        return Period.quarter(the_year, label.month // 3)
    if label.span is Span.QUARTER and label.month > 3:
        raise _single_quarter(label, the_year)
    return _resolve(label, the_year, cadence, year_to_date)


def _single_quarter(label: Label, year: int | None) -> "SingleQuarter":
    """The refusal of a single quarter for a year-to-date figure, naming the label to use."""
    month = label.month
    ytd = _YTD_LABELS[month]
    canonical = f"{year or 2020}-Q{month // 3}"
    return SingleQuarter(
        f"'{label.text}' names a single quarter, but the figures are year-to-date; for "
        f"January–{_MONTH_EN[month]} write {ytd} (or {canonical}).",
        zh=f"'{label.text}' 是单季度，而该指标为累计数；1-{month}月累计请写成 {ytd}"
        f"（或 {canonical}）。",
        instead=ytd,
    )


def _resolve(label: Label, year: int, cadence: Cadence, year_to_date: bool) -> Period:
    """A month, a span from January (the first quarter among them) or the year, in the
    cadence's own terms where it has them: January–June of a quarterly indicator is its Q2,
    January–December of an annual one its year, the year (全年) of a quarterly one its Q4."""
    month = label.month
    if label.span is Span.YEAR and cadence is Cadence.QUARTERLY:
        return Period.quarter(year, 4)  # a quarterly indicator's year is its Q4
    if label.span is Span.YEAR:
        return Period.year_of(year)
    if year_to_date or label.span in (Span.TO_DATE, Span.QUARTER):  # January to ``month``
        if cadence is Cadence.QUARTERLY and month % 3 == 0:
            return Period.quarter(year, month // 3)
        if cadence is Cadence.ANNUAL and month == 12:
            return Period.year_of(year)
    return Period.month(year, month)


class NotAPeriod(InvalidInput):
    """A text written in none of the forms of a period."""


class SingleQuarter(InvalidInput):
    """A single quarter other than the first (``二季度``) for a year-to-date indicator;
    ``instead`` is the year-to-date label to write (``上半年``)."""

    def __init__(self, message: str, *, zh: str, instead: str) -> None:
        super().__init__(message, zh=zh)
        self.instead = instead


def read_period(
    text: str,
    *,
    cadence: Cadence,
    year_to_date: bool,
    year: int | None = None,
) -> Period:
    """The period a whole text (a cell, ``--period``) names for an indicator of ``cadence``:
    a canonical period as ``Period.parse`` reads it, any other form by ``read_label`` and
    ``period_of``. Raises InvalidInput as they do, in English and Chinese."""
    clean = unicodedata.normalize("NFKC", text).strip()
    try:
        return Period.parse(clean)
    except InvalidInput as error:
        if _CANONICAL.fullmatch(clean):  # 2020-13: the canonical form, wrong
            raise InvalidInput(
                str(error), zh=f"'{text}' 不是有效的期间；请写成 {FORMS_ZH}。"
            ) from None
    label = read_label(text)
    return period_of(label, cadence=cadence, year_to_date=year_to_date, year=year)


def year_to_date(indicator: Indicator) -> bool:
    """Whether the indicator's figures count from January: a growth over the same months of
    last year, or a cumulative count (``tracker.domain.measures``)."""
    measure = rules_of(indicator)
    return measure.year_on_year or measure.cumulative


def indicator_period(label: Label, indicator: Indicator, year: int | None = None) -> Period:
    """The period a label (a title's, a sentence's) names for ``indicator``, which must be
    one of its cadence: raises OtherCadence when it is not (``1-7月`` of a quarterly
    indicator; a year fits every cadence), else what ``period_of`` raises."""
    period = period_of(
        label, cadence=indicator.cadence, year_to_date=year_to_date(indicator), year=year
    )
    if period.months != 12 and period.cadence is not indicator.cadence:
        raise OtherCadence(
            f"{label.text} is not a period of this {indicator.cadence.value} indicator",
            zh=f"{label.text}不是该指标的期间",
        )
    return period


class OtherCadence(InvalidInput):
    """A label that names a period of another cadence than the indicator's."""

"""What a bureau's table makes of period labels: its title rows, ``--period``, and the period
each of its indicators takes.

The labels are read by the one grammar of written periods (``tracker.domain.written_periods``:
``2020年1-7月``, ``1—7月份``, ``前7个月``, ``7月``, ``5月末``, ``一季度``, ``上半年``,
``前三季度``, ``全年``); a cell, ``record --period`` and a bulletin's sentence read the same forms
and get the same period, or the same refusal.
"""

from tracker.domain.errors import InvalidInput
from tracker.domain.model import Indicator
from tracker.domain.periods import Period
from tracker.domain.written_periods import (
    Label,
    NotAPeriod,
    Span,
    find_label,
    indicator_period,
    read_label,
    year_to_date_label,
)

__all__ = ["Label", "find_label", "given_period", "period_text", "title_label"]


def title_label(name: str, rows: list[list[str]]) -> Label | None:
    """The period of a table's title rows (``2020年1-7月全区主要经济指标``): the first label
    that names its year, or None. Raises InvalidInput, naming the sheet ``name``, for a label
    that names no year to date (``2020年3-7月``: not from January; ``2020年二季度``)."""
    for cells in rows:
        label = find_label(" ".join(cells))
        if label is not None and label.year is not None:
            return table_label(name, label)
    return None


def table_label(name: str, label: Label) -> Label:
    """``label`` checked as a table's (``written_periods.year_to_date_label``: a table's
    figures are year-to-date); its refusal names the sheet."""
    try:
        return year_to_date_label(label)
    except InvalidInput as error:
        raise InvalidInput(f"{name}: {error}", zh=f"{name}：{error.zh}") from None


def given_period(text: str) -> Label:
    """``--period`` of a table: ``2020-07``, ``2020-Q2`` or ``2020`` (the table's year to date
    up to that month), or a label with its year such as ``2020年1-7月``. Raises InvalidInput
    for a text that names no period of a table: no year, or what ``table_label`` refuses
    (``2020年3-7月``, ``2020年二季度``)."""
    try:
        period = Period.parse(text)
    except InvalidInput:
        pass
    else:
        return Label(text.strip(), period.year, period.end_month, Span.TO_DATE)
    try:
        label: Label | None = read_label(text)
    except NotAPeriod:  # a month 13, a span not from January: the grammar says what to write
        label = None
    if label is None or label.year is None:
        raise InvalidInput(
            f"--period '{text}' is not a period of a table (期间无法识别); write 2020-07, "
            "2020-Q2, 2020 or 2020年1-7月."
        )
    return table_label("--period", label)


def period_text(label: Label, indicator: Indicator) -> str:
    """The period a table's label names for ``indicator``, as the Checker reads it
    (``2020-07``, ``2020-Q2``, ``2020``). Raises InvalidInput when it names none:
    ``written_periods.OtherCadence`` for a period of another cadence (``1-7月`` of a quarterly
    indicator), a single quarter of a year-to-date indicator, a label without its year."""
    return str(indicator_period(label, indicator))

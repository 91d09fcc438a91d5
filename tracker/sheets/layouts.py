"""The layouts bureaus send, turned into the import's own columns (indicator, period, value,
amount) row for row, so that every later check and message is the same as for any file.

- A header over two rows (``数据`` merged over ``本月`` / ``1-7月累计``): each column is named by
  both rows.
- A statistical table (统计表): one indicator per row, no period column, figure columns such as
  ``本月`` / ``1-7月累计`` / ``同比增长(%)``. A rate takes the year-to-date growth column, a count
  the year-to-date amount; a rate's amount is the year-to-date amount. The period comes from a
  title row (``2020年1-7月全区主要经济指标``), the header (``1-7月累计``) or ``--period``.
- Title rows above the header and note rows (``注：…``) below the figures.

A single month's column (``本月``, ``当月``, ``7月``) is never taken for the year to date: it is
ignored, and the import says so.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import Enum

from tracker.domain.errors import InvalidInput, TrackerError
from tracker.domain.model import Indicator
from tracker.domain.written_periods import Span
from tracker.sheets.columns import (
    ALIASES,
    HEADER_SEARCH_ROWS,
    PLACE_HEADERS,
    letter,
    normalise,
    recognise,
)
from tracker.sheets.labels import (
    Label,
    find_label,
    given_period,
    period_text,
    table_label,
    title_label,
)
from tracker.sheets.read import Sheet

_INDICATOR = {*ALIASES["indicator"], "项目", "指标名", "主要指标", "指标项目"}
_UNIT = {"单位", "计量单位", "unit"}
_FIELD_OF = {alias: name for name, aliases in ALIASES.items() for alias in aliases}
# Words that say what a column holds beside its period label (1-7月, 7月: the grammar's).
_YTD = re.compile(r"累计|年初至|ytd")
_SINGLE = re.compile(r"本月|当月|本季|当季|month")
_GROWTH = ("增长", "增速", "同比", "增幅", "增减", "±", "growth")
_CHANGE = ("百分点", "回升", "回落", "加快", "放缓", "比上月", "比上期", "位次", "排名", "比重")
# A note under a table's figures: 注：…, 资料来源：…
NOTE_ROW = re.compile(r"^(注|说明|备注|资料来源|数据来源)\s*[:：\d]|^\*")
EMPTY_MARKS = {"—", "——", "-", "－", "/", "…", "……", "暂无", "n/a"}


class Scope(Enum):
    MONTH = "month"
    YTD = "ytd"


@dataclass(frozen=True)
class Skipped:
    """A row of a statistical table that names no configured indicator, or cannot be placed."""

    row: int
    name: str
    why: str


@dataclass
class Layout:
    """A bureau's sheet in the import's columns, and what was made of it."""

    sheet: Sheet
    kind: str  # "two-row header", "statistical table" or "district table"
    origin: dict[tuple[int, int], int] = field(default_factory=dict)  # (row, col) → file column
    rows: dict[int, int] = field(default_factory=dict)  # row → file row, when they differ
    notes: list[str] = field(default_factory=list)  # one line each, English · Chinese
    skipped: list[Skipped] = field(default_factory=list)


Find = Callable[[str], Indicator]


def bureau_layout(sheet: Sheet, find: Find, period: str | None = None) -> Layout | None:
    """``sheet`` in the import's columns when it is laid out as a bureau's table, or None when
    it already has them (or no header at all: the import's own refusal then says what to do).

    ``find`` names an indicator (the Checker's). Raises InvalidInput when the table's period
    cannot be told, or its figure columns are ambiguous.
    """
    rows = sheet.rows
    for h, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = [normalise(c) for c in cells]
        if not any(n in _INDICATOR for n in names):
            continue
        ic = next(i for i, n in enumerate(names) if n in _INDICATOR)
        two_rows = h + 1 < len(rows) and _is_subheader(rows[h + 1], ic)
        if not two_rows and recognise(cells) is not None and not _month_valued(cells):
            return None
        labels = _labels(cells, rows[h + 1] if two_rows else None)
        last = h + 1 if two_rows else h
        if any(_FIELD_OF.get(normalise(u)) == "period" for u, _ in labels):
            return _long(sheet, labels, last)
        return _table(sheet, labels, ic, last, find, period)
    return None


def has_header(rows: list[list[str]]) -> bool:
    """Whether one of the first rows is a header: the import's own, or a bureau table's (a
    statistical table's indicator column, a district table's place column)."""
    return any(
        recognise(cells) is not None
        or any(normalise(c) in _INDICATOR or normalise(c) in PLACE_HEADERS for c in cells)
        for cells in rows[:HEADER_SEARCH_ROWS]
    )


def nameless_rows(file: str, rows: list[int], what: str, what_zh: str) -> InvalidInput:
    """The refusal of a table whose ``rows`` (1-based) hold figures but no ``what`` (place,
    indicator): most often a cell merged over several rows, whose value only the first has.
    Importing the rest would drop those figures without a word."""
    shown = ", ".join(map(str, rows[:10])) + (", …" if len(rows) > 10 else "")
    said = f"row {shown} has" if len(rows) == 1 else f"rows {shown} have"
    return InvalidInput(
        f"{file}: {said} figures but no {what} (a merged cell?); write the {what} in every row "
        "(unmerge the cells) and import the file again.",
        zh=f"{file}第{shown}行有数据但没有{what_zh}（合并单元格？）；请在每一行填写{what_zh}后重新导入",
    )


def _is_subheader(cells: list[str], ic: int) -> bool:
    """A second header row: nothing under the indicator's label, and labels, not figures."""
    texts = [c.strip() for c in cells if c.strip()]
    if not texts or (ic < len(cells) and cells[ic].strip()):
        return False
    return all(not re.fullmatch(r"[-+]?[\d.,%]+", t) for t in texts) and any(
        scope_of(t) or is_growth(t) for t in texts
    )


def _month_valued(cells: list[str]) -> bool:
    """A one-row header whose value column is a single month's (``本月数``)."""
    columns = recognise(cells)
    return columns is not None and scope_of(cells[columns.index["value"]]) is Scope.MONTH


def _labels(upper: list[str], lower: list[str] | None) -> list[tuple[str, str]]:
    """Each column's (upper, lower) label; an upper label merged over several columns (read as
    one cell and blanks) covers the blanks to its right that have a lower label."""
    width = max(len(upper), len(lower or []))
    up = upper + [""] * (width - len(upper))
    low = (lower or []) + [""] * (width - len(lower or []))
    labels: list[tuple[str, str]] = []
    carried = ""
    for u, d in zip(up, low, strict=True):
        if u.strip():
            carried = u.strip()
        elif not d.strip():
            carried = ""
        labels.append((u.strip() or (carried if d.strip() else ""), d.strip()))
    return labels


def scope_of(text: str) -> Scope | None:
    """Whether a column's label names a single month or quarter (本月, 7月, 二季度) or the
    year to date (1-7月累计, 前7个月, 上半年); None when it says neither (a stock's 7月末)."""
    t = normalise(text)
    label = find_label(t)
    if _YTD.search(t) or (label and not label.single and label.span is not Span.MONTH_END):
        return Scope.YTD
    if _SINGLE.search(t) or (label and label.single):
        return Scope.MONTH
    return None


def is_growth(text: str) -> bool:
    """Whether a label names a growth (增长, 增速, 同比, ±)."""
    t = normalise(text)
    return any(w in t for w in _GROWTH)


def _change(text: str) -> bool:
    t = normalise(text)
    return any(w in t for w in _CHANGE)


def _shown(labels: list[tuple[str, str]], c: int) -> str:
    u, d = labels[c]
    return f"{u}/{d}" if u and d else u or d


def _month_note(labels: list[tuple[str, str]], c: int) -> str:
    name = _shown(labels, c)
    return (
        f"Column {letter(c)} '{name}' is a single month's figure, not the year to date: "
        f"ignored · {letter(c)}列'{name}'是当月数，不是累计数，未导入"
    )


def _long(sheet: Sheet, labels: list[tuple[str, str]], last: int) -> Layout:
    """The import's own columns under a two-row header: a single month's column is dropped."""
    layout = Layout(replace(sheet, rows=[list(r) for r in sheet.rows]), "two-row header")
    header: list[str] = []
    for c, (u, d) in enumerate(labels):
        name = _FIELD_OF.get(normalise(d)) or _FIELD_OF.get(normalise(u))
        if scope_of(f"{u}{d}") is Scope.MONTH:
            layout.notes.append(_month_note(labels, c))
            header.append("")
        elif name is None and _FIELD_OF.get(normalise(u)) is None and scope_of(d) is Scope.YTD:
            header.append("value")
        else:
            header.append(name or _shown(labels, c))
    for r in range(last):
        layout.sheet.rows[r] = []
    layout.sheet.rows[last] = header
    return layout


@dataclass(frozen=True)
class _Columns:
    ytd_amount: int | None
    ytd_growth: int | None
    ignored: list[int]


def _figure_columns(labels: list[tuple[str, str]], ic: int, uc: int | None) -> _Columns:
    amount: list[int] = []
    growth: list[int] = []
    ignored: list[int] = []
    scope: Scope | None = None  # of the last amount column: a growth column beside it is its
    for c, (u, d) in enumerate(labels):
        text = f"{u}{d}"
        if c in (ic, uc) or not text:
            continue
        own = scope_of(text)
        if _change(text) or _FIELD_OF.get(normalise(d or u)) in ("note", "source", "preliminary"):
            ignored.append(c)
        elif is_growth(text):
            if (own or scope or Scope.YTD) is Scope.YTD:
                growth.append(c)
            else:
                ignored.append(c)
        else:
            scope = own
            (amount if (own or Scope.YTD) is Scope.YTD else ignored).append(c)
    for kind, found in (("growth", growth), ("amount", amount)):
        if len(found) > 1:
            names = ", ".join(f"{letter(c)} '{_shown(labels, c)}'" for c in found)
            raise InvalidInput(
                f"Columns {names} are all year-to-date {kind} (累计列不唯一); keep one, or "
                "name the others 本月 or 当月."
            )
    return _Columns(amount[0] if amount else None, growth[0] if growth else None, ignored)


def _table(
    sheet: Sheet,
    labels: list[tuple[str, str]],
    ic: int,
    last: int,
    find: Find,
    period: str | None,
) -> Layout:
    uc = next((c for c, (u, d) in enumerate(labels) if normalise(u or d) in _UNIT), None)
    columns = _figure_columns(labels, ic, uc)
    if columns.ytd_amount is None and columns.ytd_growth is None:
        raise InvalidInput(
            f"{sheet.name}: no year-to-date column (没有累计数列): the figure columns are "
            f"{', '.join(_shown(labels, c) for c in columns.ignored) or 'none'}; add a column "
            "such as 1-7月累计 or 同比增长(%), or name the period in a title row."
        )
    label = _period(sheet, labels, last, columns, period)
    tidy = replace(sheet, rows=[[] for _ in sheet.rows], unreadable={}, text=None)
    layout = Layout(tidy, "statistical table")
    layout.sheet.rows[last] = ["indicator", "period", "value", "amount"]
    where = [f"indicator {letter(ic)}"]
    if columns.ytd_growth is not None:
        where.append(f"rates {letter(columns.ytd_growth)} '{_shown(labels, columns.ytd_growth)}'")
    if columns.ytd_amount is not None:
        where.append(
            f"counts and amounts {letter(columns.ytd_amount)} "
            f"'{_shown(labels, columns.ytd_amount)}'"
        )
    layout.notes.append(
        f"Statistical table for {label.text}: {', '.join(where)} · 统计表，期间{label.text}"
    )
    for c in columns.ignored:
        if scope_of(f"{labels[c][0]}{labels[c][1]}") is Scope.MONTH:
            layout.notes.append(_month_note(labels, c))
        else:
            layout.notes.append(
                f"Column {letter(c)} '{_shown(labels, c)}' ignored · "
                f"{letter(c)}列'{_shown(labels, c)}'未使用"
            )
    _refuse_nameless(sheet, ic, last, columns)
    for r in range(last + 1, len(sheet.rows)):
        _row(sheet.rows[r], r, ic, uc, columns, label, find, layout, sheet.unreadable)
    return layout


def _refuse_nameless(sheet: Sheet, ic: int, last: int, columns: _Columns) -> None:
    """Refuse the table when a row below the header holds figures and no indicator."""
    figures = [c for c in (columns.ytd_amount, columns.ytd_growth) if c is not None]
    nameless = [
        r + 1
        for r in range(last + 1, len(sheet.rows))
        if not _cell(sheet.rows[r], ic) and any(_cell(sheet.rows[r], c) for c in figures)
    ]
    if nameless:
        raise nameless_rows(sheet.name, nameless, "indicator", "指标")


def _period(
    sheet: Sheet,
    labels: list[tuple[str, str]],
    last: int,
    columns: _Columns,
    given: str | None,
) -> Label:
    """The table's period: ``--period``, a title row, or the year-to-date column's label."""
    ytd = columns.ytd_amount if columns.ytd_amount is not None else columns.ytd_growth
    header = find_label(_shown(labels, ytd)) if ytd is not None else None
    if header is not None:
        table_label(sheet.name, header)  # 3-7月累计 is no year to date
    chosen = given_period(given) if given else title_label(sheet.name, sheet.rows[:last])
    if chosen is None:
        raise InvalidInput(
            f"{sheet.name} names no year for its figures (表中没有年份); give it with "
            "--period 2020-07, or in a title row such as 2020年1-7月主要经济指标."
        )
    if header is not None and not header.single and header.month != chosen.month:
        raise InvalidInput(
            f"{sheet.name}: the column '{_shown(labels, ytd or 0)}' is for month {header.month}, "
            f"the period is {chosen.text} (期间不一致); correct one of them or pass --period."
        )
    return chosen


def _cell(cells: list[str], c: int | None) -> str:
    """The text of column ``c`` of a row; an empty marker (—, /, 暂无) is empty."""
    text = cells[c].strip() if c is not None and c < len(cells) else ""
    return "" if text.casefold() in EMPTY_MARKS else text


def _row(
    cells: list[str],
    r: int,
    ic: int,
    uc: int | None,
    columns: _Columns,
    label: Label,
    find: Find,
    layout: Layout,
    unreadable: dict[tuple[int, int], str],
) -> None:
    """Row ``r`` of a statistical table as the import's row, or skipped with the reason."""
    name = _cell(cells, ic)
    if (
        not name
        or NOTE_ROW.match(name)
        or not any(_cell(cells, c) for c in range(len(cells)) if c != ic)
    ):
        return
    indicator = _indicator(find, name, columns)
    if isinstance(indicator, TrackerError):
        layout.skipped.append(Skipped(r + 1, name, str(indicator)))
        return
    placed = _placed(indicator, columns, label)
    if isinstance(placed, str):
        layout.skipped.append(Skipped(r + 1, name, f"{indicator.key}: {placed}"))
        return
    vc, ac, period = placed
    value, unit = _cell(cells, vc), _cell(cells, uc)
    if value and indicator.unit != "%" and unit and unit != indicator.unit:
        value += unit  # a count in 万人 where the indicator counts 人: converted, or refused
    layout.sheet.rows[r] = [indicator.key, period, value, _cell(cells, ac)]
    origin = {(r, 0): ic, (r, 2): vc} | ({(r, 3): ac} if ac is not None else {})
    layout.origin.update(origin)
    for (row, tidy), column in origin.items():
        if (row, column) in unreadable:
            layout.sheet.unreadable[(row, tidy)] = unreadable[(row, column)]


def _placed(
    indicator: Indicator, columns: _Columns, label: Label
) -> tuple[int, int | None, str] | str:
    """Where a row's figure is (the value's column, the amount's) and its period; or why it
    has none: the table has no column for its kind, or the label no period of its cadence."""
    rate = indicator.unit == "%"
    vc = columns.ytd_growth if rate else columns.ytd_amount
    if vc is None:
        return f"the table has no column for {'a rate' if rate else 'a count'}"
    try:
        period = period_text(label, indicator)
    except InvalidInput as error:
        return str(error)
    return vc, columns.ytd_amount if rate else None, period


def _indicator(find: Find, name: str, columns: _Columns) -> Indicator | TrackerError:
    """The indicator a row names: by its name, or, for a table of growth, by the name of what
    grows (规模以上工业增加值 for 规模以上工业增加值增速)."""
    try:
        return find(name)
    except TrackerError as error:
        if columns.ytd_growth is not None:
            for suffix in ("增速", "增长", "增长率"):
                try:
                    return find(name + suffix)
                except TrackerError:
                    pass
        return error

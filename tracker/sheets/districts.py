"""The district table bureaus send (各县区主要经济指标): one row per place, one column per
indicator, one period for the whole sheet, read into the import's own columns (place,
indicator, period, value, amount), one row per figure.

- The header row names the place column (地区, 县区, 区县, 县市区, 单位, 区域, place, region) and,
  in the other columns, indicators by key, name or alias. A unit may follow the name in
  brackets (``地区生产总值增速(%)``) or stand on a second header row (``%``, ``亿元``); a name may
  also be merged over two columns, ``绝对额`` / ``增速`` below it. A rate takes its growth column,
  its amount the column in another unit; a count takes its column, converted from the unit the
  header gives (万人 to 人).
- The period comes from a title row (``2020年1-6月各县区主要经济指标``) or ``--period``.
- The total row (全市, 合计) is the parent's figure when the places named in the table share a
  configured parent; otherwise it is skipped, and the import says so.
- A single month's column (``本月``) and columns that name no configured indicator are ignored,
  and the import says so.

Place names are resolved by the import (``tracker.sheets.places``): a row naming a place that
is not configured refuses the file.
"""

import contextlib
import re
from dataclasses import dataclass, replace
from typing import NamedTuple

from tracker.domain.errors import InvalidInput, TrackerError
from tracker.domain.model import Indicator
from tracker.domain.written_periods import OtherCadence
from tracker.sheets.columns import ALIASES, HEADER_SEARCH_ROWS, PLACE_HEADERS, letter, normalise
from tracker.sheets.labels import Label, given_period, period_text, title_label
from tracker.sheets.layouts import (
    EMPTY_MARKS,
    NOTE_ROW,
    Find,
    Layout,
    Scope,
    is_growth,
    nameless_rows,
    scope_of,
)
from tracker.sheets.places import PlaceNames
from tracker.sheets.read import Sheet

_OTHER_FIELDS = {a for f, aliases in ALIASES.items() if f != "place" for a in aliases}
_IN_BRACKETS = re.compile(r"[(（\[【]([^)）\]】]*)[)）\]】]\s*$")
_AMOUNT_WORDS = ("绝对额", "绝对值", "总量", "金额", "累计额", "amount", "total")
TIDY = ["place", "indicator", "period", "value", "amount"]


@dataclass(frozen=True)
class _Column:
    """What one column of the table feeds: an indicator's value or its amount."""

    column: int
    indicator: Indicator
    field: str  # "value" or "amount"
    unit: str  # the unit the header gives, "" when none


def district_layout(
    sheet: Sheet, find: Find, names: PlaceNames, period: str | None = None
) -> Layout | None:
    """``sheet`` as the import's rows when it is a district table, else None: its header is
    the first row (of the first HEADER_SEARCH_ROWS) with one place column and no other
    import column; a sheet whose header names the indicator, period or value columns first is
    not one, whatever its cells below say (a note reading 区域名称).

    ``find`` names an indicator (the Checker's); ``names`` reads the total row. Raises
    InvalidInput when the table names no period, or two columns feed the same figure.
    """
    rows = sheet.rows
    for h, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        normal = [_header(c) for c in cells]
        if any(n in _OTHER_FIELDS for n in normal):
            return None  # the header of a sheet in columns (指标, 期间, 数值): not a district table
        places = [i for i, n in enumerate(normal) if n in PLACE_HEADERS]
        if len(places) != 1:
            continue
        pc = places[0]
        two_rows = h + 1 < len(rows) and _is_subheader(rows[h + 1], pc)
        labels = _labels(cells, rows[h + 1] if two_rows else None)
        layout = Layout(replace(sheet, rows=[TIDY], unreadable={}, text=None), "district table")
        columns = _columns(labels, pc, find, layout)
        if not columns:
            continue
        last = h + 1 if two_rows else h
        label = _period(sheet, last, period)
        shown = ", ".join(
            f"{letter(c.column)} {c.indicator.key}{' amount' if c.field == 'amount' else ''}"
            for c in columns
        )
        layout.notes.insert(
            0,
            f"District table for {label.text}: places {letter(pc)}, {shown} · "
            f"地区表，期间{label.text}",
        )
        _fill(sheet, layout, pc, last, columns, label, names)
        return layout
    return None


def _header(text: str) -> str:
    return "".join(normalise(text).replace("（", "(").replace("）", ")").split())


def _is_subheader(cells: list[str], pc: int) -> bool:
    """A second header row: nothing under the place label, and units or labels, not figures."""
    texts = [c.strip() for c in cells if c.strip()]
    if not texts or (pc < len(cells) and cells[pc].strip()):
        return False
    return all(not re.fullmatch(r"[-+]?[\d.,%]*\d[\d.,%]*", t) for t in texts)


def _labels(upper: list[str], lower: list[str] | None) -> list[tuple[str, str]]:
    """Each column's (upper, lower) label; an upper label merged over several columns (read as
    one cell and blanks) covers the blanks to its right that have a lower label."""
    low = lower or []
    width = max(len(upper), len(low))
    labels: list[tuple[str, str]] = []
    carried = ""
    for c in range(width):
        u = upper[c].strip() if c < len(upper) else ""
        d = low[c].strip() if c < len(low) else ""
        if u:
            carried = u
        elif not d:
            carried = ""
        labels.append((u or (carried if d else ""), d))
    return labels


def _split(text: str) -> tuple[str, str]:
    """A header's name and the unit in brackets after it: ``地区生产总值增速(%)`` → (name, %)."""
    text = text.strip()
    match = _IN_BRACKETS.search(text)
    if match is None:
        return text, ""
    return text[: match.start()].strip(), match.group(1).strip()


def _columns(labels: list[tuple[str, str]], pc: int, find: Find, layout: Layout) -> list[_Column]:
    found: list[_Column] = []
    ignored: list[tuple[int, str]] = []
    before = ""  # the name of the column before: 增长(%) beside 地区生产总值(亿元) is its growth
    for c, (upper, lower) in enumerate(labels):
        shown = f"{upper}/{lower}" if upper and lower else upper or lower
        if c == pc or not shown:
            before = ""
            continue
        if scope_of(shown) is Scope.MONTH:
            ignored.append((c, f"{shown}: a single month's figure, not the year to date"))
            before = ""
            continue
        column = _column(c, upper, lower, find)
        if isinstance(column, str) and before and not lower and _only_growth(upper):
            column = _column(c, _split(before)[0], upper, find)
        if isinstance(column, str):
            ignored.append((c, f"{shown}: {column}"))
            before = ""
        else:
            found.append(column)
            before = upper if not _only_growth(upper) else before
    if not found:
        return []
    seen: dict[tuple[str, str], int] = {}
    for column in found:
        first = seen.setdefault((column.indicator.key, column.field), column.column)
        if first != column.column:
            raise InvalidInput(
                f"Columns {letter(first)} and {letter(column.column)} both hold the "
                f"{column.field} of {column.indicator.key} (列重复); keep one of them.",
                zh=f"{letter(first)}列和{letter(column.column)}列是同一指标的数据，请保留一列",
            )
    for c, why in ignored:
        layout.notes.append(f"Column {letter(c)} ignored: {why} · {letter(c)}列未导入")
    return found


def _only_growth(label: str) -> bool:
    """A label that names a growth and nothing else: 增长(%), 增速, 同比±%."""
    name = normalise(_split(label)[0] or label)
    return is_growth(name) and len(name) <= 6


def _column(c: int, upper: str, lower: str, find: Find) -> _Column | str:
    """The figure a column holds, or why it holds none.

    A rate named as itself (地区生产总值增速, or an alias) holds its value, unless the header
    says it is an amount (亿元, 绝对额); a rate named by what grows (地区生产总值) holds its
    amount, unless the header says it is the growth (%, 增速). A count holds its value in the
    unit the header gives; its growth is not a figure of it.
    """
    name, unit = _split(upper)
    sub, sub_unit = _split(lower)
    if not unit:
        unit = sub_unit or (sub if sub and not is_growth(sub) and not _amount(sub) else "")
    growth = is_growth(sub) or unit == "%"
    amount = _amount(sub) or (bool(unit) and unit != "%")
    named = _indicator(find, name)
    if isinstance(named, TrackerError):
        return "it names no configured indicator"
    indicator, grows = named
    if indicator.unit == "%":
        if grows:
            field = "value" if growth and not amount else "amount"
        else:
            field = "amount" if amount and not growth else "value"
        return _Column(c, indicator, field, "")
    if growth and not amount:
        return f"{indicator.key} is a count, and this is its growth"
    return _Column(c, indicator, "value", unit)


def _amount(text: str) -> bool:
    t = normalise(text)
    return any(w in t for w in _AMOUNT_WORDS)


def _indicator(find: Find, name: str) -> tuple[Indicator, bool] | TrackerError:
    """The indicator a header names, and whether it names what grows rather than the rate
    (地区生产总值 for 地区生产总值增速)."""
    if not name:
        return InvalidInput("no name")
    try:
        return find(name), False
    except TrackerError as error:
        for suffix in ("增速", "增长", "增长率"):
            try:
                found = find(name + suffix)
            except TrackerError:
                continue
            if found.unit == "%":
                return found, True
        return error


def _period(sheet: Sheet, last: int, given: str | None) -> Label:
    label = given_period(given) if given else title_label(sheet.name, sheet.rows[:last])
    if label is not None:
        return label
    raise InvalidInput(
        f"{sheet.name} names no period for its figures (表中没有期间); give it with "
        "--period 2020-06, or in a title row such as 2020年1-6月各县区主要经济指标."
    )


def _fill(
    sheet: Sheet,
    layout: Layout,
    pc: int,
    last: int,
    columns: list[_Column],
    label: Label,
    names: PlaceNames,
) -> None:
    """One tidy row per figure, each remembering its file row and columns."""
    periods: dict[str, str | None] = {}
    for column in columns:
        key = column.indicator.key
        if key not in periods:
            periods[key] = _period_of(label, column, layout)
    feeds = _feeds(columns, periods)
    totals: list[int] = []
    parents: set[str | None] = set()
    nameless = [
        r + 1
        for r in range(last + 1, len(sheet.rows))
        if not _cell(sheet.rows[r], pc) and any(_cell(sheet.rows[r], c.column) for c in columns)
    ]
    if nameless:
        raise nameless_rows(sheet.name, nameless, "place", "地区")
    for r in range(last + 1, len(sheet.rows)):
        cells = sheet.rows[r]
        place = _cell(cells, pc)
        if not place or NOTE_ROW.match(place):
            continue
        if not any(_cell(cells, c.column) for c in columns):
            continue
        if names.is_total(place):
            totals.append(r)
            continue
        with contextlib.suppress(TrackerError):  # the import refuses the row, naming why
            parents.add(names.places.by_key[names.key(place)].parent)
        _add(sheet, layout, r, place, pc, feeds)
    parent = parents.pop() if len(parents) == 1 else None
    for r in totals:
        written = _cell(sheet.rows[r], pc)
        if parent is None or parent not in names.places.by_key:
            layout.notes.append(
                f"Row {r + 1} '{written}' skipped: the total of places whose common parent is "
                f"not configured · 第{r + 1}行'{written}'未导入：其上级地区未配置"
            )
            continue
        _add(sheet, layout, r, parent, pc, feeds)


def _period_of(label: Label, column: _Column, layout: Layout) -> str | None:
    """The period the table's label names for the column's indicator; None, with a note,
    when it names none (``1-7月`` of a quarterly indicator, ``二季度`` of a year-to-date one)."""
    key, c = column.indicator.key, letter(column.column)
    try:
        return period_text(label, column.indicator)
    except OtherCadence:
        layout.notes.append(
            f"Column {c} ignored: {label.text} is not a period of the "
            f"{column.indicator.cadence.value} indicator {key} · "
            f"{c}列：{label.text}不是该指标的期间，未导入"
        )
    except InvalidInput as error:
        layout.notes.append(f"Column {c} ignored: {key}: {error} · {c}列：{error.zh}，未导入")
    return None


def _cell(cells: list[str], c: int) -> str:
    text = cells[c].strip() if c < len(cells) else ""
    return "" if text.casefold() in EMPTY_MARKS else text


class _Feed(NamedTuple):
    """A value column that feeds the table's figures, with what each of its cells needs."""

    key: str  # the indicator's
    period: str  # as the import reads it
    column: int
    amount: int | None  # the column of its amount, if the table has one
    unit: str  # the header's unit, written after each value ("" when it is the indicator's)


def _feeds(columns: list[_Column], periods: dict[str, str | None]) -> list[_Feed]:
    """The value columns of indicators the table names a period for, with their amount's
    column: what each row's figures are made of, worked out once for the table."""
    amounts = {c.indicator.key: c.column for c in columns if c.field == "amount"}
    feeds = []
    for column in columns:
        key = column.indicator.key
        period = periods[key]
        if column.field != "value" or period is None:
            continue
        unit = column.unit if column.unit != column.indicator.unit else ""
        feeds.append(_Feed(key, period, column.column, amounts.get(key), unit))
    return feeds


def _add(sheet: Sheet, layout: Layout, r: int, place: str, pc: int, feeds: list[_Feed]) -> None:
    """Row ``r``'s figures as tidy rows: one per value (or amount) it holds, each with its
    file row and columns (a 万人 value keeps its unit: converted, or refused, when read)."""
    cells = sheet.rows[r]
    tidy_rows, rows, origin = layout.sheet.rows, layout.rows, layout.origin
    for key, period, column, ac, unit in feeds:
        value = _cell(cells, column)
        amount = _cell(cells, ac) if ac is not None else ""
        if not value and not amount:
            continue  # a place without this figure: nothing to import
        if value and unit:
            value += unit  # 万人 where the indicator counts 人: converted, or refused
        tidy = len(tidy_rows)
        tidy_rows.append([place, key, period, value, amount])
        rows[tidy] = r
        origin[(tidy, 0)] = pc
        origin[(tidy, 3)] = column
        if ac is not None:
            origin[(tidy, 4)] = ac
        if sheet.unreadable:
            _unreadable(sheet, layout, r, tidy, ((0, pc), (3, column), (4, ac)))


def _unreadable(
    sheet: Sheet, layout: Layout, r: int, tidy: int, cells: tuple[tuple[int, int | None], ...]
) -> None:
    """The formulas without a value among row ``r``'s cells, at the tidy row's columns."""
    for t, c in cells:
        if c is not None and (r, c) in sheet.unreadable:
            layout.sheet.unreadable[(tidy, t)] = sheet.unreadable[(r, c)]

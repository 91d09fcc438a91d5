"""Recognising the header row: which column holds the indicator, the period, the value, ..."""

import re
import unicodedata
from dataclasses import dataclass

from tracker.domain.errors import InvalidInput

FIELDS = ("place", "indicator", "period", "value", "amount", "note", "source", "preliminary")
REQUIRED = ("indicator", "period", "value")

# Header names, compared after NFKC, case folding, removing spaces and a trailing "(unit)".
ALIASES: dict[str, tuple[str, ...]] = {
    # 单位 is not among them: a sheet's 单位 column is the unit (计量单位) as often as the place.
    "place": ("地区", "地区名称", "区县", "县区", "县市区", "区域", "place", "region", "district"),
    "indicator": ("指标", "指标名称", "指标代码", "indicator", "key", "indicatorkey"),
    "period": ("期间", "时期", "报告期", "period"),
    "value": ("数值", "数据", "本期数", "value", "figure"),
    "amount": ("金额", "总量", "绝对额", "amount"),
    "note": ("备注", "说明", "情况说明", "note", "notes", "remark", "remarks"),
    "source": ("来源", "数据来源", "source"),
    "preliminary": ("预计", "是否预计", "初步", "preliminary", "estimate"),
}
# The place column of a district table: also 单位 (the reporting unit) and 县 (县(市、区)
# without its bracket), which in a table of one indicator per row would be the unit column.
PLACE_HEADERS = frozenset({*ALIASES["place"], "单位", "单位名称", "区域名称", "县", "市县"})
_FIELD_OF = {alias: field for field, aliases in ALIASES.items() for alias in aliases}
_UNIT = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]$")
HEADER_SEARCH_ROWS = 10  # a title row or two may come before the header


@dataclass(frozen=True)
class Columns:
    """Where each recognised field is (0-based column index), and the columns ignored."""

    index: dict[str, int]
    ignored: tuple[str, ...]


def letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index: 0 → A, 26 → AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def normalise(header: str) -> str:
    text = unicodedata.normalize("NFKC", header).casefold()
    text = "".join(text.split())
    return _UNIT.sub("", text) or text


def recognise(cells: list[str]) -> Columns | None:
    """The columns of a header row, or None when the row is not a header."""
    index: dict[str, int] = {}
    ignored = []
    for i, cell in enumerate(cells):
        if not cell.strip():
            continue
        field = _FIELD_OF.get(normalise(cell))
        if field is None:
            ignored.append(cell.strip())
        elif field in index:
            raise InvalidInput(
                f"Columns {letter(index[field])} and {letter(i)} are both the {field} "
                f"(表头重复); keep one of them."
            )
        else:
            index[field] = i
    if not all(field in index for field in REQUIRED):
        return None
    return Columns(index, tuple(ignored))


def find_header(rows: list[list[str]], file_name: str) -> tuple[int, Columns]:
    """The position of the header among the first rows, and its columns. Raises InvalidInput
    for a file without a cell of text, or without such a header."""
    for position, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = recognise(cells)
        if columns is not None:
            return position, columns
    if not any(cell.strip() for cells in rows for cell in cells):
        raise InvalidInput(
            f"{file_name} is empty (文件为空): it holds no rows; check that this is the file "
            "meant.",
            zh=f"{file_name}是空文件，没有任何内容；请确认文件是否正确",
        )
    names = "; ".join(f"{field}: {'/'.join(ALIASES[field][:3])}" for field in REQUIRED)
    raise InvalidInput(
        f"{file_name} has no header row naming the indicator, period and value columns "
        f"(未找到表头); put one in the first rows, e.g. {names}.",
        zh=f"{file_name}的前几行中没有写明指标、期间和数值列的表头；请加一行表头，例如：指标,期间,数值",
    )

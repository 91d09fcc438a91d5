"""The header of a project sheet as offices keep it (docs/projects.md, "The project sheet"):
which column holds the name, the total, the plan, the investment completed to date, the dates,
the 形象进度, the owner and the leader; the unit the amounts are in (万元 or 亿元); the month
the completed column names (``1-6月完成投资``).

The header may span two rows (``投资情况（万元）`` merged over ``总投资`` / ``年度计划`` /
``1-6月完成``): each column is then named by both. Title rows above it may say the year and the
unit (``2020年重点项目建设进度表``, ``单位：万元``).
"""

import re
import unicodedata
from dataclasses import dataclass

from tracker.domain.written_periods import Label, Span, find_label
from tracker.sheets.columns import letter

HEADER_ROWS = 12  # title rows, then the header, within the first rows
# Each field and the words its header is recognised by, compared without spaces, width or a
# unit in brackets; the first field whose pattern matches takes the column.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (field, re.compile(pattern))
    for field, pattern in (
        ("seq", r"^(序号|编号|no\.?)$"),
        ("share", r"占|%|比例|完成率|进度比"),
        ("actual_start", r"^实际开工(时间|日期)?$"),
        ("actual_finish", r"^实际(竣工|建成)(时间|日期)?$"),
        ("span", r"起止年限|建设年限|起止时间|建设期限"),
        ("start", r"开工(时间|日期)?$"),
        ("finish", r"(竣工|建成|完工)(时间|日期)?$"),
        ("done", r"完成投资|完成额|累计完成|已完成投资|完成情况"),
        ("plan", r"计划投资$|年度计划$|投资计划$|年计划$"),
        ("total", r"总投资$|投资总额$"),
        ("content", r"建设内容|建设规模"),
        ("progress", r"形象进度|建设进展|进展情况|目前进展|工程进度"),
        ("owner", r"责任单位|牵头单位|责任部门|主责单位|承办单位"),
        ("leader", r"领导"),
        ("level", r"^(项目)?(级别|层级|类别)$"),
        ("note", r"^(备注|说明)$"),
        ("name", r"^(项目名称|项目|名称|项目名)$"),
    )
)
AMOUNTS = ("total", "plan", "done")
_UNIT = re.compile(r"(万元|亿元)")
_YEAR = re.compile(r"(\d{4})\s*年")


@dataclass(frozen=True)
class Header:
    """Where the header is (0-based rows: ``first`` to ``last``), each field's column
    (0-based), the amounts' units (万元 or 亿元, None when not said), the label of the
    completed column (``1-6月``: its month), the year the title says, and the text of each
    column as shown."""

    first: int
    last: int
    columns: dict[str, int]
    units: dict[str, str | None]
    done_label: Label | None
    title_year: int | None
    shown: dict[int, str]

    @property
    def body(self) -> int:
        """The first row (0-based) after the header."""
        return self.last + 1


def _normal(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def _field(text: str) -> str | None:
    clean = re.sub(r"[(（\[【][^)）\]】]*[)）\]】]$", "", _normal(text)) or _normal(text)
    if not clean:
        return None
    return next((field for field, pattern in PATTERNS if pattern.search(clean)), None)


def find_header(rows: list[list[str]]) -> Header | None:
    """The header among the first rows: the first row naming the project's name column (with
    the row after it when that names the amounts of a two-row header). None without one."""
    for r, cells in enumerate(rows[:HEADER_ROWS]):
        fields = _fields(cells)
        if "name" not in fields.values():
            continue
        below = rows[r + 1] if r + 1 < len(rows) else []
        merged = _two_rows(cells, below)
        last = r
        if merged is not None:
            cells, last = merged, r + 1
            fields = _fields(cells)
        columns: dict[str, int] = {}
        for c, field in fields.items():
            columns.setdefault(field, c)
        titles = [" ".join(row) for row in rows[:r]]
        return Header(
            first=r,
            last=last,
            columns=columns,
            units=_units(cells, columns, titles),
            done_label=_done_label(cells, columns),
            title_year=_title_year(titles),
            shown={c: " ".join(cell.split()) for c, cell in enumerate(cells) if cell.strip()},
        )
    return None


def _fields(cells: list[str]) -> dict[int, str]:
    found = {}
    for c, cell in enumerate(cells):
        field = _field(cell) if cell.strip() else None
        if field is not None:
            found[c] = field
    return found


def _two_rows(upper: list[str], lower: list[str]) -> list[str] | None:
    """The cells of a header over two rows, each named by the lower row where it has text
    (the upper's text kept for its unit: ``投资情况（万元） 总投资``); None when the row
    below names no amount (it is the first project)."""
    lower_fields = _fields(lower)
    if not any(f in AMOUNTS for f in lower_fields.values()):
        return None
    width = max(len(upper), len(lower))
    merged = []
    held = ""  # a merged upper cell's text carries over the columns it spans
    for c in range(width):
        top = upper[c] if c < len(upper) else ""
        bottom = lower[c] if c < len(lower) else ""
        held = top if top.strip() else (held if bottom.strip() else "")
        if bottom.strip():
            unit = _UNIT.search(held)
            merged.append(
                f"{bottom}（{unit.group(1)}）" if unit and not _UNIT.search(bottom) else bottom
            )
        else:
            merged.append(top)
    return merged


def _units(cells: list[str], columns: dict[str, int], titles: list[str]) -> dict[str, str | None]:
    """Each amount's unit: its own header's (``总投资（万元）``), else the one the title rows
    or the header row say (``单位：万元``) when they say one only; None when nothing says."""
    said = {u for text in [*titles, *cells] for u in _UNIT.findall(text) if "单位" in text}
    sheet_unit = next(iter(said)) if len(said) == 1 else None
    units: dict[str, str | None] = {}
    for field in AMOUNTS:
        c = columns.get(field)
        own = _UNIT.search(cells[c]) if c is not None and c < len(cells) else None
        units[field] = own.group(1) if own else sheet_unit
    return units


def _done_label(cells: list[str], columns: dict[str, int]) -> Label | None:
    c = columns.get("done")
    if c is None or c >= len(cells):
        return None
    label = find_label(cells[c])
    if label is not None and label.span is Span.MONTH_END:  # 截至6月底累计完成: January–June
        return Label(label.text, label.year, label.month, Span.TO_DATE)
    return label


def _title_year(titles: list[str]) -> int | None:
    for text in titles:
        found = _YEAR.search(unicodedata.normalize("NFKC", text))
        if found:
            return int(found.group(1))
    return None


def column_name(header: Header, field: str) -> str:
    """'D列（年度计划投资）' — the column of ``field`` as the sheet shows it."""
    c = header.columns[field]
    return f"{letter(c)} ({header.shown.get(c, field)})"

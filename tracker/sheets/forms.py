"""Fill-in forms (填报表): one workbook per owner with their indicators due for a period.

Each form shows the target and the last figure for reference; only the value and note cells
are unlocked, and the value cells accept only numbers in the indicator's plausible range. A
filled form imports with ``tracker import`` as it is: its header names the indicator, period,
value and note columns, and the other columns are ignored.

A form is for the bureau that fills it: in Chinese only, its instructions in words (what to
write where, and to send it back as it is), printed on one landscape A4 page.

A form is for one owner of one place (docs/places-sheets.md): the home place's forms are as
they were before places; another place's carry that place's goals and figures, its name in the
title and a locked 地区 column holding its key, so that they import into that place.
"""

import io
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from tracker.domain.errors import Conflict, InvalidInput, NotFound
from tracker.domain.model import Figure, Goal, Indicator, Owner
from tracker.domain.names import inside
from tracker.domain.numbers import plain
from tracker.domain.periods import Period
from tracker.domain.places import HOME, Place
from tracker.domain.status import due_period
from tracker.domain.workspace import Workspace

HEADERS = ("序号", "指标", "期间", "单位", "目标", "上期", "上期数值", "数值", "备注")
QUARTERS_ZH = {3: "一季度", 6: "上半年", 9: "前三季度", 12: "全年"}
INSTRUCTIONS = (
    "填报说明：请在黄色的“数值”列填写各指标{period}的累计数，百分比只填数字（如5.6表示5.6%）；"
    "“备注”列可写情况说明。其他单元格已锁定，请勿增删行列。填好后请将本表原样发回，无需改名或另存。"
)
VALUE_COLUMN, NOTE_COLUMN = 8, 9  # 1-based: H and I
PLACE_HEADER, PLACE_WIDTH = "地区", 12  # column J of another place's form
FIRST_ROW = 4  # title, instructions, header, then the indicators
WIDTHS = (6, 28, 10, 6, 16, 10, 10, 12, 30)
WIDE_RANGE = Decimal(10) ** 12  # bounds of the value check when an indicator sets none


@dataclass(frozen=True)
class FormLine:
    indicator: Indicator
    period: Period
    goal: Goal | None
    last: Figure | None  # the latest figure before this period


@dataclass(frozen=True)
class FormFile:
    filename: str
    content: bytes  # an .xlsx workbook
    owner: Owner
    rows: int
    place: Place | None = None  # another place than home: the place the form is for


@dataclass(frozen=True)
class Form:
    path: Path
    owner: Owner
    rows: int
    place: Place | None = None  # another place than home


def form_lines(ws: Workspace, period: Period) -> dict[Owner, list[FormLine]]:
    """Per owner, the indicators due for ``period`` (of the workspace's year), with their goal
    of the workspace's place and its latest figure before that period (of this year or the
    last). Raises InvalidInput when the place has no goals for the period's year."""
    # The indicator's own goal: a second goal on it (on its amount) has a key of its own.
    # The version in force at the period's end.
    goals = {g.indicator.key: g.in_force(period.end) for g in ws.goals if not g.own_key}
    if not goals:
        place = ws.stored
        where = f" of {place}" if place != HOME else ""
        raise InvalidInput(
            f"There are no goals{where} for {period.year}; forms are for years that have goals "
            "(`tracker goals` lists them).",
            zh=f"{period.year}年{f'（{place}）' if place != HOME else ''}没有目标，无法生成填报表",
        )
    figures = ws.own
    lines: dict[Owner, list[FormLine]] = {}
    for indicator in ws.indicators:
        due = due_period(indicator, period)
        if due is None:
            continue
        earlier = [f for f in figures.get(indicator.key, []) if f.period < due]
        last = max(earlier, key=lambda f: f.period) if earlier else None
        line = FormLine(indicator, due, goals.get(indicator.key), last)
        lines.setdefault(indicator.owner, []).append(line)
    return lines


def form_files(ws: Workspace, period: Period, *, owner: str | None = None) -> list[FormFile]:
    """Each owner's form (or the named owner's) for ``period`` as the bytes of an .xlsx file,
    e.g. to attach to a reminder email: the workspace's place's, named ``PERIOD-OWNER.xlsx``
    for home and ``PERIOD-PLACE-OWNER.xlsx`` for another place. The workspace must hold the
    indicators (``read_workspace(indicators=True)``). Raises NotFound for an owner without
    indicators due, InvalidInput for a year without goals or a period nothing is due for."""
    other = ws.places.place(ws.place) if ws.stored != HOME else None
    lines = form_lines(ws, period)
    if owner is not None:
        wanted = owner.strip().casefold()
        chosen = [o for o in lines if wanted in (o.key.casefold(), o.name_zh, o.name_en.casefold())]
        if not chosen:
            names = ", ".join(f"{o.key} ({o.name_zh})" for o in lines)
            raise NotFound(f"No owner '{owner}' has indicators due for {period}; owners: {names}.")
        lines = {o: lines[o] for o in chosen}
    if not lines:
        raise InvalidInput(f"No indicator publishes a figure for {period}.")
    files = []
    for form_owner, owner_lines in lines.items():
        content = io.BytesIO()
        write_form(content, form_owner, period, owner_lines, other)
        name = f"{period}-{other.key}-{form_owner.key}.xlsx" if other else None
        name = name or f"{period}-{form_owner.key}.xlsx"
        files.append(FormFile(name, content.getvalue(), form_owner, len(owner_lines), other))
    return files


def every_place_form_files(
    ws: Workspace, period: Period, *, owner: str | None = None
) -> list[FormFile]:
    """``form_files`` of every configured place that has goals for the period's year (and, with
    ``owner``, that owner's indicators due), from a workspace of every place. Raises NotFound
    when no place has any."""
    files = []
    for key in ws.places.by_key:
        stored = ws.places.stored(key)
        own = replace(ws, place=key, goals=tuple(g for g in ws.goals if g.place == stored))
        try:
            files += form_files(own, period, owner=owner)
        except (InvalidInput, NotFound):
            continue  # a place without goals that year, or without that owner's
    if not files:
        raise NotFound(
            f"No place has indicators due for {period}"
            + (f" of owner '{owner}'" if owner else "")
            + "; `tracker goals` lists the goals.",
            zh=f"没有地区在{period}有需要填报的指标",
        )
    return files


def write_forms(folder: Path, files: list[FormFile], *, replace: bool = False) -> list[Form]:
    """Write the forms into ``folder``. A form already there may have been filled in: it is
    replaced only when ``replace`` says so, else Conflict names them and nothing is written."""
    there = [str(p) for f in files if (p := inside(folder, f.filename)).exists()]
    if there and not replace:
        raise Conflict(
            f"{', '.join(there)} already exist(s) and may have been filled in; move them away, "
            "or add --replace to write new forms over them."
        )
    folder.mkdir(parents=True, exist_ok=True)
    forms = []
    for file in files:
        path = inside(folder, file.filename)
        path.write_bytes(file.content)
        forms.append(Form(path, file.owner, file.rows, file.place))
    return forms


def write_form(
    file: Path | BinaryIO,
    owner: Owner,
    period: Period,
    lines: list[FormLine],
    place: Place | None = None,
) -> None:
    """An owner's form for ``period``; ``place``: another place than home, named in the title
    and in a locked 地区 column after the note column."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet: Any = book.active
    sheet.title = str(period)
    where = f"{place.name_zh} " if place is not None else ""
    sheet["A1"] = f"{where}{owner.name_zh} {period_zh(period)}数据填报表"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = INSTRUCTIONS.format(period=period_zh(period))
    sheet["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    columns = len(HEADERS) + (1 if place is not None else 0)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=columns)
    sheet.row_dimensions[2].height = 36
    for column, (header, width) in enumerate(zip(HEADERS, WIDTHS, strict=True), start=1):
        cell = sheet.cell(row=FIRST_ROW - 1, column=column, value=header)
        cell.font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(column)].width = width
    if place is not None:
        column = len(HEADERS) + 1
        sheet.cell(row=FIRST_ROW - 1, column=column, value=PLACE_HEADER).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(column)].width = PLACE_WIDTH
    unlocked = Protection(locked=False)
    fill = PatternFill("solid", fgColor="FFF2CC")
    for n, line in enumerate(lines, start=1):
        row = FIRST_ROW + n - 1
        i = line.indicator
        target = (line.goal.label_zh or plain(line.goal.target)) if line.goal else "—"
        last = line.last
        values = [
            n,
            i.name_zh,
            str(line.period),
            i.unit,
            target,
            str(last.period) if last else "—",
            float(last.value) if last else None,
            None,
            None,
        ]
        if place is not None:
            values.append(place.key)
        for column, value in enumerate(values, start=1):
            sheet.cell(row=row, column=column, value=value)
        for column in (VALUE_COLUMN, NOTE_COLUMN):
            cell = sheet.cell(row=row, column=column)
            cell.protection = unlocked
            cell.fill = fill
        sheet.cell(row=row, column=NOTE_COLUMN).alignment = Alignment(wrap_text=True)
    _validate_values(sheet, lines)
    sheet.freeze_panes = f"A{FIRST_ROW}"
    sheet.protection.sheet = True
    _one_page(sheet, FIRST_ROW + len(lines) - 1, columns)
    book.save(file)


def period_zh(period: Period) -> str:
    """The period as a bureau writes it: '2020年1-6月', '2020年上半年', '2020年'."""
    if period.months == 12:
        return f"{period.year}年"
    if period.months == 3:
        return f"{period.year}年{QUARTERS_ZH[period.end_month]}"
    month = period.end_month
    return f"{period.year}年{month}月" if month == 1 else f"{period.year}年1-{month}月"


def _one_page(sheet: Any, last_row: int, last_column: int) -> None:
    """Print on one landscape A4 page (fitted to it), centred, the header row on top, the
    table's cells ruled as a printed form's."""
    from openpyxl.styles import Border, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="808080")
    for row in sheet.iter_rows(min_row=FIRST_ROW - 1, max_row=last_row, max_col=last_column):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        sheet.row_dimensions[row[0].row].height = 24  # room for a note of a line or two
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.print_area = f"A1:{get_column_letter(last_column)}{max(last_row, FIRST_ROW)}"
    sheet.print_title_rows = f"{FIRST_ROW - 1}:{FIRST_ROW - 1}"


def _validate_values(sheet: Any, lines: list[FormLine]) -> None:
    """Excel's own check on the value cells: a number within the indicator's plausible range."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    column = get_column_letter(VALUE_COLUMN)
    by_range: dict[tuple[Decimal, Decimal], list[str]] = {}
    for n, line in enumerate(lines):
        low = line.indicator.minimum if line.indicator.minimum is not None else -WIDE_RANGE
        high = line.indicator.maximum if line.indicator.maximum is not None else WIDE_RANGE
        by_range.setdefault((low, high), []).append(f"{column}{FIRST_ROW + n}")
    for (low, high), cells in by_range.items():
        check = DataValidation(
            type="decimal",
            operator="between",
            formula1=plain(low),
            formula2=plain(high),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="数值无效",
            error=f"请输入{plain(low)}到{plain(high)}之间的数字",
            showInputMessage=True,
            promptTitle="数值",
            prompt="填写本期累计数",
        )
        sheet.add_data_validation(check)
        for cell in cells:
            check.add(cell)

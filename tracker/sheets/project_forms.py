"""Each owner's fill-in form of its key projects for a month (重点项目填报表): the project
sheet's own layout, so that a filled form imports with ``tracker projects import`` as it is
(docs/projects.md, "Forms and reminders").

    示范区 区住建局 2020年重点项目填报表（1-6月）
    单位：亿元。请填写黄色单元格……
    序号 | 项目名称 | 级别 | 总投资 | 年度计划投资 | 1-6月完成投资 | 上期累计 | 形象进度
         | 实际开工时间 | 实际竣工时间 | 责任单位 | 分包领导

Only the yellow cells are unlocked; the completed cells take a number from 0 to the project's
total. The 上期累计 column (the latest figure before the month) is for reference and is not
read back.
"""

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tracker.domain.errors import NotFound
from tracker.domain.model import Owner
from tracker.domain.numbers import plain
from tracker.domain.periods import Period
from tracker.domain.places import Place
from tracker.domain.projects import FINISH, START, Portfolio, Project
from tracker.sheets.forms import FormFile

HEADERS = (
    "序号", "项目名称", "级别", "总投资（亿元）", "年度计划投资（亿元）",
    "{months}完成投资（亿元）", "上期累计（亿元）", "形象进度", "实际开工时间", "实际竣工时间",
    "责任单位", "分包领导",
)  # fmt: skip
WIDTHS = (6, 34, 8, 12, 14, 16, 12, 20, 13, 13, 18, 10)
OPEN = (6, 8, 9, 10)  # 1-based: the completed, progress and actual dates columns
FIRST_ROW = 4


@dataclass(frozen=True)
class FormRow:
    project: Project
    last: Decimal | None  # the latest figure before the month
    started: str
    finished: str


def project_form_files(
    portfolio: Portfolio,
    period: Period,
    *,
    place: str,
    place_of: Place | None = None,
    owner: str | None = None,
) -> list[FormFile]:
    """Each owner's form of the key projects of ``place`` (a stored key; ``place_of`` names a
    place other than home) for ``period`` (a month), as the bytes of an .xlsx file named
    ``PERIOD-OWNER-projects.xlsx`` (``PERIOD-PLACE-OWNER-projects.xlsx``); ``owner``: only
    that owner's (key or name). Raises NotFound when there is no project to fill in."""
    by_owner: dict[str, tuple[Owner, list[FormRow]]] = {}
    for p in portfolio.projects:
        if p.place != place or p.year != period.year:
            continue
        earlier = [f for f in portfolio.figures_of(p) if f.period < period]
        met = portfolio.completions_of(p)
        row = FormRow(
            p,
            max(earlier, key=lambda f: f.period).value if earlier else None,
            met[START].isoformat() if START in met else "",
            met[FINISH].isoformat() if FINISH in met else "",
        )
        by_owner.setdefault(p.owner.key, (p.owner, []))[1].append(row)
    if owner is not None:
        wanted = owner.strip().casefold()
        by_owner = {
            k: v
            for k, v in by_owner.items()
            if wanted in (k.casefold(), v[0].name_zh.casefold(), v[0].name_en.casefold())
        }
    if not by_owner:
        whose = f" of owner '{owner}'" if owner else ""
        raise NotFound(
            f"no key projects{whose} to fill in for {period}.",
            zh=f"{period}没有{f'“{owner}”的' if owner else ''}重点项目需要填报。",
        )
    files = []
    for who, rows in by_owner.values():
        content = io.BytesIO()
        write_project_form(content, who, period, rows, place_of)
        where = f"{place_of.key}-" if place_of else ""
        name = f"{period}-{where}{who.key}-projects.xlsx"
        files.append(FormFile(name, content.getvalue(), who, len(rows), place_of))
    return files


def write_project_form(
    file: Any, owner: Owner, period: Period, rows: list[FormRow], place: Place | None
) -> None:
    """One owner's form (``project_form_files``)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet: Any = book.active
    sheet.title = str(period)
    months = "1月" if period.end_month == 1 else f"1-{period.end_month}月"
    where = f"{place.name_zh} " if place else ""
    sheet["A1"] = f"{where}{owner.name_zh} {period.year}年重点项目填报表（{months}）"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = (
        "单位：亿元。请在黄色单元格填写本年累计完成投资、形象进度及实际开工、竣工日期，"
        "其他单元格已锁定；填好后用 tracker projects import 导入。"
    )
    for column, (header, width) in enumerate(zip(HEADERS, WIDTHS, strict=True), start=1):
        sheet.cell(row=FIRST_ROW - 1, column=column, value=header.format(months=months))
        sheet.cell(row=FIRST_ROW - 1, column=column).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(column)].width = width
    unlocked = Protection(locked=False)
    fill = PatternFill("solid", fgColor="FFF2CC")
    for n, row in enumerate(rows, start=1):
        p = row.project
        values = [n, p.name, p.level, float(p.total), float(p.plan), None,
                  None if row.last is None else float(row.last), None, row.started or None,
                  row.finished or None, p.owner.name_zh, p.leader]  # fmt: skip
        at = FIRST_ROW + n - 1
        for column, value in enumerate(values, start=1):
            sheet.cell(row=at, column=column, value=value)
        for column in OPEN:
            sheet.cell(row=at, column=column).protection = unlocked
            sheet.cell(row=at, column=column).fill = fill
    _check_amounts(sheet, rows)
    sheet.freeze_panes = f"C{FIRST_ROW}"
    sheet.protection.sheet = True
    book.save(file)


def _check_amounts(sheet: Any, rows: list[FormRow]) -> None:
    """Excel's own check on the completed cells: a number from 0 to the project's total."""
    from openpyxl.worksheet.datavalidation import DataValidation

    by_total: dict[str, list[str]] = {}
    for n, row in enumerate(rows):
        by_total.setdefault(plain(row.project.total), []).append(f"F{FIRST_ROW + n}")
    for total, cells in by_total.items():
        check = DataValidation(
            type="decimal", operator="between", formula1="0", formula2=total, allow_blank=True,
            showErrorMessage=True, errorTitle="数值无效 Invalid value",
            error=f"请输入0到{total}之间的数字（亿元）/ a number from 0 to {total} (亿元)",
        )  # fmt: skip
        sheet.add_data_validation(check)
        for cell in cells:
            check.add(cell)

"""The project sheet as offices keep it, read into projects and their figures (pure; docs/
projects.md, "The project sheet").

    2020年全区重点项目建设进度表（1-6月）                      a title: the year
    单位：万元                                                  the unit (or in each header)
    序号 | 项目名称 | 建设内容 | 总投资 | 年度计划投资 | 1-6月完成投资 | 完成年度计划% |
         计划开工时间 | 计划竣工时间 | 形象进度 | 责任单位 | 分包领导
    一、省重点项目（3个）                                        a group row: the level
    1 | 黄河生物科技学院 | … | 350000 | 50000 | 31000 | 62% | 2019.10 | 2022.08 | … | 区教育局 | …
    合计 | …                                                    skipped

Every problem names the sheet's row and column, in Chinese and English; the sheet is then
refused whole. The amounts are converted to 亿元; the completed column's month, with the
title's year (or ``--year``, or ``--period``), is the figures' period.
"""

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from tracker.domain.errors import InvalidInput
from tracker.domain.model import Owner
from tracker.domain.numbers import plain
from tracker.domain.periods import Cadence, Period
from tracker.domain.projects import UNIT, read_date
from tracker.domain.written_periods import period_of
from tracker.domain.written_values import in_unit, is_empty_marker, read_value
from tracker.sheets.labels import given_period
from tracker.sheets.problems import Problem
from tracker.sheets.project_columns import Header, column_name, find_header
from tracker.sheets.read import Sheet

_GROUP = re.compile(r"^\s*([一二三四五六七八九十]+)\s*[、.．:：]\s*(.*)$")
_SUBGROUP = re.compile(r"^\s*[（(]\s*[一二三四五六七八九十]+\s*[)）]")
_COUNT = re.compile(r"[（(][^)）]*[)）]\s*$")
_TOTAL = re.compile(r"^\s*(合\s*计|总\s*计|小\s*计|全区合计|全市合计|总合计)")
_FOOTER = re.compile(r"^\s*(注|备注|说明|填表|填报|审核|制表|联系人|负责人)\s*[:：\d]")
_CONTINUING = ("续建", "已开工", "在建")
_SEPARATORS = re.compile(r"[、，,/；;]|\s+和\s*")
_SPAN = re.compile(r"^\s*(.+?)\s*[-—–~～至]\s*(.+?)\s*$")
NAME_LIMIT, LEVEL_LIMIT, TEXT_LIMIT, CONTENT_LIMIT = 200, 50, 500, 2000


@dataclass(frozen=True)
class SheetProject:
    """One project row, read: amounts in 亿元; ``start``/``finish`` planned (a continuing
    project's start is the last day of the year before); ``started``/``finished`` actual."""

    row: int  # 1-based, as the spreadsheet shows it
    name: str
    level: str
    owner: Owner
    total: Decimal
    plan: Decimal
    done: Decimal | None
    leader: str = ""
    content: str = ""
    start: date | None = None
    finish: date | None = None
    started: date | None = None
    finished: date | None = None
    progress: str | None = None
    note: str | None = None


@dataclass
class ProjectSheet:
    """What a sheet holds: its projects, the month of its figures, and its problems."""

    file: str
    period: Period | None
    units: dict[str, str | None]
    header: Header | None
    projects: list[SheetProject] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_projects(
    sheet: Sheet,
    owners: Sequence[Owner],
    *,
    year: int | None = None,
    period: str | None = None,
    level: str | None = None,
) -> ProjectSheet:
    """The projects of a project sheet; ``owners``: the configured owners its 责任单位 column
    must name; ``year``/``period``: for a sheet whose title and completed column do not say
    them; ``level``: for a sheet without group rows or a level column. Every problem is
    recorded with its row and column (see ``ProjectSheet.problems``)."""
    header = find_header(sheet.rows)
    found = ProjectSheet(sheet.name, None, {}, header)
    if header is None:
        found.problems.append(
            Problem(1, None, "未找到表头：前几行中须有“项目名称”列",
                    "no header row: the first rows need a column named 项目名称 (the project's "
                    "name), with 总投资, 年度计划投资 and 1-N月完成投资")
        )  # fmt: skip
        return found
    found.units = dict(header.units)
    if not _required_columns(header, found):
        return found
    found.period = _period(header, found, year, period)
    reader = _Rows(header, owners, found, level)
    for r in range(header.body, len(sheet.rows)):
        reader.row(r, sheet.rows[r], sheet.unreadable)
    if not found.projects and not found.problems:
        found.problems.append(
            Problem(
                header.last + 2, None, "表头下没有项目", "there are no projects below the header"
            )
        )
    return found


def _required_columns(header: Header, found: ProjectSheet) -> bool:
    """The name, total and plan columns are there, and the amounts' unit is said."""
    row = header.first + 1
    for field_name, zh, en in (
        ("plan", "年度计划投资", "the annual plan (年度计划投资)"),
        ("total", "总投资", "the total investment (总投资)"),
    ):
        if field_name not in header.columns:
            found.problems.append(
                Problem(row, None, f"表头中没有“{zh}”列；请加上该列",
                        f"the header has no column of {en}; add it (the plan is what each "
                        "project is judged against)" if field_name == "plan" else
                        f"the header has no column of {en}; add it")
            )  # fmt: skip
    for field_name in ("total", "plan", "done"):
        if field_name in header.columns and found.units.get(field_name) is None:
            found.problems.append(
                Problem(row, header.columns[field_name],
                        "未注明金额单位：请在标题下写“单位：万元”或在表头写“（亿元）”",
                        "the amounts' unit is not said: write 单位：万元 under the title, or "
                        "（亿元） in the header")
            )  # fmt: skip
            break
    return not found.problems


def _period(
    header: Header, found: ProjectSheet, year: int | None, given: str | None
) -> Period | None:
    """The month of the completed column: its label (``1-6月``) with the title's year (or
    ``year``), or ``--period``; both must agree."""
    if "done" not in header.columns:
        return None
    row, column = header.first + 1, header.columns["done"]
    label = header.done_label
    the_year = label.year if label and label.year else header.title_year or year
    from_label = None
    if label is not None:
        try:
            from_label = period_of(label, cadence=Cadence.MONTHLY, year_to_date=True, year=the_year)
        except InvalidInput as error:
            found.problems.append(Problem(row, column, error.zh or str(error), str(error)))
            return None
    from_option = _given(given, found, row) if given else None
    if from_option and from_label and from_option != from_label:
        found.problems.append(
            Problem(row, column, f"--period {from_option} 与表头的期间 {from_label} 不符",
                    f"--period {from_option} does not match the header's {from_label}; leave "
                    "--period out, or correct the header")
        )  # fmt: skip
        return None
    period = from_option or from_label
    if period is None:
        found.problems.append(
            Problem(row, column, "无法确定完成投资的期间：请在表头写明“1-6月完成投资”或用--period",
                    "the completed column names no month: write it in the header "
                    "(1-6月完成投资), or give --period 2020-06")
        )  # fmt: skip
        return None
    return Period.month(period.year, 12) if period.months == 12 else period


def _given(text: str, found: ProjectSheet, row: int) -> Period | None:
    try:
        label = given_period(text)
        return period_of(label, cadence=Cadence.MONTHLY, year_to_date=True)
    except InvalidInput as error:
        found.problems.append(Problem(row, None, error.zh or str(error), str(error)))
        return None


class _Rows:
    """Reads the rows below the header in order: group rows set the level, 合计 and note
    rows are skipped, each other row is a project."""

    def __init__(
        self, header: Header, owners: Sequence[Owner], found: ProjectSheet, level: str | None
    ) -> None:
        self.header, self.owners, self.found = header, owners, found
        self.level = level or ""
        self.names: dict[str, int] = {}

    def cell(self, cells: list[str], field_name: str) -> str:
        c = self.header.columns.get(field_name)
        return cells[c].strip() if c is not None and c < len(cells) else ""

    def problem(self, row: int, field_name: str | None, zh: str, en: str) -> None:
        column = self.header.columns.get(field_name) if field_name else None
        self.found.problems.append(Problem(row, column, zh, en))

    def row(self, r: int, cells: list[str], unreadable: dict[tuple[int, int], str]) -> None:
        row = r + 1
        texts = [c.strip() for c in cells if c.strip()]
        if not texts:
            return
        first, name = texts[0], self.cell(cells, "name")
        if _TOTAL.match(first) or _TOTAL.match(name) or _FOOTER.match(first):
            return
        if _SUBGROUP.match(first):
            return  # （一）产业项目: a kind within the level
        group = _GROUP.match(name or first)
        if group is not None:  # a project's name never begins 一、: its subtotals are skipped
            self._group(row, group.group(2))
            return
        if not name:
            self._unreadable(row, first, cells)
            return
        self._project(row, cells, unreadable, r)

    def _amounts(self, cells: list[str]) -> bool:
        return any(self.cell(cells, f) for f in ("total", "plan", "done"))

    def _group(self, row: int, text: str) -> None:
        level = _COUNT.sub("", text.strip()).strip().rstrip("：:").strip()
        if not level or len(level) > LEVEL_LIMIT:
            self.problem(
                row, "seq", f"级别行“{text}”无法识别：请写成“一、省重点项目”",
                f"the level row '{text}' cannot be read: write it as 一、省重点项目",
            )  # fmt: skip
            return
        self.level = level.removesuffix("项目").strip() or level

    def _unreadable(self, row: int, first: str, cells: list[str]) -> None:
        if first.isdigit() and len([c for c in cells if c.strip()]) == 1:
            return  # a numbered row left empty (a template's)
        if self._amounts(cells):
            self.problem(
                row, "name", "该行有金额但没有项目名称", "the row has amounts but no project's "
                "name; fill in 项目名称, or delete the row",
            )  # fmt: skip
            return
        self.problem(
            row, "seq" if "seq" in self.header.columns else "name",
            f"“{first}”既不是级别行（如“一、省重点项目”），也不是项目（没有项目名称）",
            f"'{first}' is neither a level row (一、省重点项目) nor a project (it has no name); "
            "write the level as 一、省重点项目, or fill in the project's name",
        )  # fmt: skip

    def _project(
        self, row: int, cells: list[str], unreadable: dict[tuple[int, int], str], r: int
    ) -> None:
        before = len(self.found.problems)
        name = self.cell(cells, "name")
        for c in self.header.columns.values():
            if (r, c) in unreadable:
                self.found.problems.append(
                    Problem(row, c, "单元格无法读取（公式未计算或出错）",
                            f"the cell cannot be read ({unreadable[(r, c)]}); open the file, "
                            "let it calculate, and save it")
                )  # fmt: skip
        first_row = self.names.setdefault(" ".join(name.split()), row)
        if first_row != row:
            self.problem(
                row, "name", f"项目“{name}”与第{first_row}行重复",
                f"the project '{name}' is named twice (also row {first_row}); keep one row",
            )  # fmt: skip
        level = self.cell(cells, "level") or self.level
        if not level:
            self.problem(
                row, "name", "没有级别：请加级别行（如“一、省重点项目”）、“级别”列，或用 --level",
                "no level: add a level row (一、省重点项目), a 级别 column, or give --level",
            )  # fmt: skip
        owner = self._owner(row, cells)
        total = self._amount(row, cells, "total", required=True)
        plan = self._amount(row, cells, "plan", required=True)
        done = self._amount(row, cells, "done", required=False)
        start, finish = self._plan_dates(row, cells)
        started = self._date(row, cells, "actual_start")
        finished = self._date(row, cells, "actual_finish")
        self._check(row, total, plan, done)
        if len(name) > NAME_LIMIT:
            self.problem(
                row,
                "name",
                f"项目名称超过{NAME_LIMIT}字",
                f"the name is longer than {NAME_LIMIT} characters",
            )
        if len(self.found.problems) > before or owner is None:
            return
        assert total is not None
        assert plan is not None
        self.found.projects.append(
            SheetProject(
                row=row, name=" ".join(name.split()), level=level, owner=owner, total=total,
                plan=plan, done=done, leader=self.cell(cells, "leader")[:NAME_LIMIT],
                content=self.cell(cells, "content")[:CONTENT_LIMIT], start=start,
                finish=finish, started=started, finished=finished,
                progress=self.cell(cells, "progress")[:TEXT_LIMIT] or None,
                note=self.cell(cells, "note")[:CONTENT_LIMIT] or None,
            )
        )  # fmt: skip

    def _owner(self, row: int, cells: list[str]) -> Owner | None:
        text = self.cell(cells, "owner")
        if "owner" not in self.header.columns:
            self.problem(
                row, None, "表中没有“责任单位”列", "the sheet has no 责任单位 (owner) column"
            )
            return None
        lead = _SEPARATORS.split(text)[0].strip() if text else ""
        found = find_owner(self.owners, lead)
        if found is None:
            self.problem(row, "owner", *_unknown_owner(text, lead, self.owners))
        return found

    def _amount(
        self, row: int, cells: list[str], field_name: str, *, required: bool
    ) -> Decimal | None:
        if field_name not in self.header.columns:
            return None
        text = self.cell(cells, field_name)
        label = column_name(self.header, field_name)
        if not text or is_empty_marker(text):
            if required and not text:
                self.problem(
                    row, field_name, f"{label}为空；没有本年投资的项目请填0",
                    f"{label} is empty; write 0 for a project without investment this year",
                )  # fmt: skip
                return None
            return Decimal(0) if required else None
        try:
            written = read_value(text)
            if written.unit is None:
                unit = self.found.units.get(field_name) or UNIT
                value = in_unit(read_value(f"{text}{unit}"), UNIT, text)
            else:
                value = in_unit(written, UNIT, text)
        except InvalidInput as error:
            self.problem(row, field_name, f"“{text}”不是金额", str(error))
            return None
        if value < 0:
            self.problem(row, field_name, f"{text}为负数", f"{text} is below zero")
            return None
        return value

    def _plan_dates(self, row: int, cells: list[str]) -> tuple[date | None, date | None]:
        """The planned start and finish: their columns, else the 建设起止年限 column."""
        start = self._date(row, cells, "start", continuing=True)
        finish = self._date(row, cells, "finish")
        span = self.cell(cells, "span")
        if span and "start" not in self.header.columns and "finish" not in self.header.columns:
            ends = _SPAN.match(span)
            try:
                if ends is None:
                    raise InvalidInput(span)
                start, finish = read_date(ends.group(1)), read_date(ends.group(2))
            except InvalidInput:
                self.problem(
                    row, "span", f"建设起止年限“{span}”无法识别：请写成2019-2021或2019.03-2021.12",
                    f"'{span}' is not a span of years; write 2019-2021 or 2019.03-2021.12",
                )  # fmt: skip
        if start is not None and finish is not None and finish < start:
            self.problem(
                row, "finish" if "finish" in self.header.columns else "span",
                f"计划竣工时间{finish}早于计划开工时间{start}",
                f"the planned completion {finish} is before the planned start {start}; correct "
                "one of them",
            )  # fmt: skip
        return start, finish

    def _date(
        self, row: int, cells: list[str], field_name: str, *, continuing: bool = False
    ) -> date | None:
        text = self.cell(cells, field_name)
        if not text or is_empty_marker(text):
            return None
        if continuing and text in _CONTINUING and self.found.period is not None:
            return date(self.found.period.year - 1, 12, 31)
        try:
            return read_date(text)
        except InvalidInput as error:
            self.problem(row, field_name, f"“{text}”不是日期", str(error))
            return None

    def _check(
        self, row: int, total: Decimal | None, plan: Decimal | None, done: Decimal | None
    ) -> None:
        if total is None:
            return
        if done is not None and done > total:
            self.problem(
                row, "done", f"完成投资{_yi(done)}亿元超过总投资{_yi(total)}亿元",
                f"the investment completed ({_yi(done)}亿元) is above the total investment "
                f"({_yi(total)}亿元); check the figure and its unit",
            )  # fmt: skip
        if plan is not None and plan > total:
            self.problem(
                row, "plan", f"年度计划投资{_yi(plan)}亿元超过总投资{_yi(total)}亿元",
                f"the annual plan ({_yi(plan)}亿元) is above the total investment "
                f"({_yi(total)}亿元); check the figure and its unit",
            )  # fmt: skip


def _yi(value: Decimal) -> str:
    return plain(value)


def find_owner(owners: Sequence[Owner], text: str) -> Owner | None:
    """The owner ``text`` names (its key, Chinese or English name; spaces, width and case
    ignored)."""

    def folded(value: str) -> str:
        return "".join(unicodedata.normalize("NFKC", value).casefold().split())

    wanted = folded(text)
    if not wanted:
        return None
    for owner in owners:
        if wanted in (folded(owner.key), folded(owner.name_zh), folded(owner.name_en)):
            return owner
    return None


def _unknown_owner(text: str, lead: str, owners: Sequence[Owner]) -> tuple[str, str]:
    if not text:
        return ("责任单位为空", "the owner (责任单位) is empty; name one of owners.toml")
    names = [o.name_zh for o in owners] + [o.key for o in owners]
    close = difflib.get_close_matches(lead, names, n=1, cutoff=0.5)
    hint_zh = f"是否是{'、'.join(close)}？" if close else "请在 owners.toml 中添加该单位"
    hint_en = f"did you mean {', '.join(close)}?" if close else "add it to owners.toml"
    return (
        f"责任单位“{lead}”不在 owners.toml 中；{hint_zh}",
        f"the owner '{lead}' is not in owners.toml; {hint_en}",
    )

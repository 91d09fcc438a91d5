"""The tables of ``tracker projects``: each project's status, the totals per group, the
history of a project (drawn with rich, imported only by the commands that print them)."""

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from rich.table import Table

from tracker.cli.fit import Fit
from tracker.cli.tables import STATUS_STYLES
from tracker.cli.text import shown
from tracker.domain.project_board import Board
from tracker.domain.project_status import ProjectStatus
from tracker.domain.project_totals import Totals
from tracker.domain.projects import Project
from tracker.domain.wording import STATUS_WORDS
from tracker.reporting.project_words import (
    milestone_text,
    months,
    number,
    percent,
    signed,
)

if TYPE_CHECKING:
    from tracker.app.projects import HistoryLine

STATUS_HEADERS = (
    "Key", "项目名称", "级别", "Status", "计划 Plan", "完成 Done", "占计划 Share", "Gap",
    "里程碑 Milestones", "责任单位 Owner", "分包领导 Leader",
)  # fmt: skip
PROJECTS_FIT = Fit(
    drop=("分包领导 Leader", "里程碑 Milestones", "级别", "Key", "责任单位 Owner"),
    fold=("项目名称", "里程碑 Milestones", "责任单位 Owner"),
)
TOTALS_HEADERS = (
    "", "项目 Projects", "总投资 Total", "计划 Plan", "完成 Done", "占计划 Share", "Gap",
    "开工 Started", "竣工 Finished", "滞后 Behind", "位次 Rank",
)  # fmt: skip
TOTALS_FIT = Fit(drop=("位次 Rank", "竣工 Finished", "总投资 Total"), fold=("",))
HISTORY_FIT = Fit(drop=("Note", "Source", "By"), fold=("Reason", "Note", "形象进度"))


def status_title(b: Board) -> str:
    """'Key projects of 2020 as of 2020-07-10, Jan–Jun (time share 50%) · 2020年重点项目 截至
    2020-07-10（1-6月，序时进度50%）'."""
    if b.period is None:
        return f"Key projects of {b.year} as of {b.as_of} · {b.year}年重点项目 截至{b.as_of}"
    share = percent(b.time_share)
    return (
        f"Key projects of {b.year} as of {b.as_of}, {months(b.period, 'en')} (time share "
        f"{share}) · {b.year}年重点项目 截至{b.as_of}（{months(b.period, 'zh')}，序时进度{share}）"
    )


def projects_table(b: Board, place_name: Callable[[str], str] | None = None) -> Table:
    """One row per project, in list order (with its place's name when several places)."""
    table = Table(title=status_title(b), title_justify="left")
    several = len({s.project.place for s in b.statuses}) > 1
    for header in STATUS_HEADERS:
        table.add_column(header, no_wrap=header not in PROJECTS_FIT.fold)
    for s in b.statuses:
        table.add_row(*_row(s, place_name if several else None))
    table.caption = (
        "亿元 · share = done ÷ plan · gap = share − time share (points) · 未报 not reported "
        "for the period"
    )
    table.caption_justify = "left"
    return table


def _row(s: ProjectStatus, place_name: Callable[[str], str] | None) -> tuple[str, ...]:
    p = s.project
    name = shown(p.name) + (f"（{shown(place_name(p.place))}）" if place_name else "")
    done = number(s.done) if s.figure else "—"
    if s.figure is not None and not s.reported:
        done += f" 未报 ({s.figure.period})"
    status = STATUS_WORDS[s.status].bilingual()
    milestones = "; ".join(
        milestone_text(m, "zh") for m in s.milestones if m.overdue or m.done or m.continuing
    )
    pending = [m for m in s.milestones if not (m.overdue or m.done or m.continuing)]
    if pending:
        milestones += ("; " if milestones else "") + milestone_text(pending[0], "zh")
    return (
        shown(p.key) if p.key != p.name else "",
        name,
        shown(p.level),
        f"[{STATUS_STYLES[s.status]}]{status}[/]",
        number(p.plan),
        done,
        percent(s.share),
        signed(s.gap),
        shown(milestones),
        shown(p.owner.name_zh),
        shown(p.leader),
    )


def totals_table(
    title: str, groups: Sequence[Totals], overall: Totals, name: Callable[[str], str]
) -> Table:
    """The totals of each group, then the overall ones; ``name`` says a group's key."""
    table = Table(title=title, title_justify="left")
    for header in TOTALS_HEADERS:
        table.add_column(header, no_wrap=header != "")
    for t in groups:
        table.add_row(*_totals_row(shown(name(t.key)), t))
    table.add_row(*_totals_row("合计 Total", overall))
    return table


def _totals_row(label: str, t: Totals) -> tuple[str, ...]:
    starts = f"{t.started}/{t.starts_due}" if t.starts_due else "—"
    return (
        label,
        str(t.count),
        number(t.total),
        number(t.plan),
        number(t.done),
        percent(t.share),
        signed(t.gap),
        starts,
        str(t.finished),
        str(t.behind),
        "" if t.rank is None else str(t.rank),
    )


def history_table(project: Project, lines: Sequence["HistoryLine"], timezone: str) -> Table:
    """Every revision of a project's figures and milestones met: who, when, why."""
    zone = ZoneInfo(timezone)
    table = Table(title=shown(f"{project.key} · {project.name}"), title_justify="left")
    for header in ("What", "Rev", "Value", "Flags", "形象进度", "By", "When", "Reason", "Note",
                   "Source"):  # fmt: skip
        table.add_column(header)
    for line in lines:
        table.add_row(
            shown(line.what),
            str(line.revision),
            line.value,
            "withdrawn 已撤回" if line.withdrawn else "",
            shown(line.progress or ""),
            shown(line.recorded_by),
            line.recorded_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            shown(line.reason or ""),
            shown(line.note or ""),
            shown(line.source),
        )
    return table

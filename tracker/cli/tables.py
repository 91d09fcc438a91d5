"""Tables for people, drawn with rich (imported only by the commands that print tables)."""

from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.table import Table

from tracker.cli.text import shown
from tracker.domain.model import Goal, Indicator
from tracker.domain.numbers import fixed, plain
from tracker.domain.revisions import Revision
from tracker.domain.status import GoalStatus, Status

STATUS_WORDS = {
    Status.ACHIEVED: ("已完成", "achieved", "bold green"),
    Status.ON_TRACK: ("正常", "on track", "green"),
    Status.AT_RISK: ("预警", "at risk", "yellow"),
    Status.LAGGING: ("落后", "lagging", "bold red"),
    Status.MISSED: ("未完成", "missed", "bold red"),
    Status.NO_DATA: ("无数据", "no data", "dim"),
}


def print_table(table: Table) -> None:
    Console(width=200, soft_wrap=True).print(table)


def _num(value: Decimal | None, places: int, signed: bool = False) -> str:
    if value is None:
        return "—"
    text = fixed(value, places)
    return f"+{text}" if signed and value > 0 else text


def status_table(statuses: list[GoalStatus], as_of: date, year: int) -> Table:
    """The status of each goal of ``year`` as of ``as_of``; the title names the year when it is
    not the as-of year (docs/status-rules.md, "Which year")."""
    title = f"Goals as of {as_of} · 截至{as_of}目标进度"
    if year != as_of.year:
        title = f"Goals of {year} as of {as_of} · {year}年目标 截至{as_of}"
    table = Table(title=title, title_justify="left")
    for header in (
        "Key",
        "指标",
        "Status",
        "Period",
        "Value",
        "Target",
        "Expected",
        "Gap",
        "Change",
        "Overdue",
        "Owner 责任单位",
    ):
        table.add_column(header, no_wrap=header not in ("指标",))
    for s in statuses:
        i = s.goal.indicator
        zh, en, style = STATUS_WORDS[s.status]
        latest = s.latest
        places = i.decimals
        value = _num(latest.value, places) if latest else "—"
        if latest and (latest.preliminary or latest.revised):
            value += " (p)" if latest.preliminary else " (r)"
        table.add_row(
            shown(i.key),
            shown(i.name_zh),
            f"[{style}]{zh} {en}[/]",
            str(latest.period) if latest else "—",
            value,
            shown(s.goal.label_zh or plain(s.goal.target)),
            _num(s.expected, 0),
            _num(s.gap, places, signed=True),
            _num(s.change, places, signed=True),
            str(s.overdue) if s.overdue else "",
            shown(i.owner.name_zh),
        )
    table.caption = (
        "(p) preliminary 预计 · (r) revised 已修订 · gap = score − target (counts: − expected)"
    )
    return table


def goals_table(goals: list[Goal]) -> Table:
    table = Table(title="Goals · 目标", title_justify="left")
    for header in (
        "Year",
        "Key",
        "指标",
        "Indicator",
        "Target",
        "Rule",
        "Cadence",
        "Owner 责任单位",
    ):
        table.add_column(header)
    for g in goals:
        i = g.indicator
        rule = ("≥ " if g.comparator.value == "at_least" else "≤ ") + plain(g.target)
        if g.basis.value == "change":
            rule += " change"
        if g.tolerance:
            rule += f" ± {plain(g.tolerance)}"
        cadence = i.cadence.value + (" from Jan–Feb" if i.start_month == 2 else "")
        texts = (i.key, i.name_zh, i.name_en, g.label_zh)
        table.add_row(str(g.year), *map(shown, texts), rule, cadence, shown(i.owner.name_zh))
    return table


def history_table(indicator: Indicator, rows: list[Revision], timezone: str) -> Table:
    zone = ZoneInfo(timezone)
    title = shown(f"{indicator.key} · {indicator.name_zh}")
    table = Table(title=title, title_justify="left")
    for header in ("Period", "Rev", "Value", "Flags", "By", "When", "Reason", "Note", "Source"):
        table.add_column(header)
    for r in rows:
        flags = "preliminary" if r.preliminary else ""
        table.add_row(
            shown(r.period),
            str(r.revision),
            plain(r.value),
            flags,
            shown(r.recorded_by),
            r.recorded_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            shown(r.reason or ""),
            shown(r.note or ""),
            shown(r.origin),
        )
    return table

"""Tables for people, drawn with rich (imported only by the commands that print tables)."""

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from rich.table import Table

from tracker.cli.fit import Fit, print_fitted
from tracker.cli.text import shown
from tracker.domain.milestones import done_day
from tracker.domain.model import Goal, Indicator, Judgement, Measure
from tracker.domain.numbers import fixed, plain
from tracker.domain.owners import Standing
from tracker.domain.plans import Plan, PlanBasis, PlanStatus
from tracker.domain.revisions import Revision
from tracker.domain.severity import BEHIND
from tracker.domain.status import GoalStatus, Lack, Missing, Status
from tracker.domain.targets import rule
from tracker.domain.wording import STATUS_WORDS, status_wording

STATUS_STYLES = {  # the words are tracker.domain.wording's, the same as the reports'
    Status.ACHIEVED: "bold green",
    Status.ON_TRACK: "green",
    Status.AT_RISK: "yellow",
    Status.LAGGING: "bold red",
    Status.MISSED: "bold red",
    Status.NO_DATA: "dim",
    Status.PENDING: "cyan",
    Status.NO_TARGET: "dim",
}
STATUS_HEADERS = (
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
)


# What each table gives up first in a narrow terminal (tracker/cli/fit.py).
STATUS_FIT = Fit(
    drop=("Expected", "Change", "Period", "Owner 责任单位", "Overdue", "指标"),
    fold=("指标", "Owner 责任单位"),
)
GOALS_FIT = Fit(
    drop=("Indicator", "Cadence", "Owner 责任单位", "Rule", "指标"),
    fold=("指标", "Indicator", "Owner 责任单位", "Rule"),
)
HISTORY_FIT = Fit(
    drop=("Source", "Note", "By", "Flags", "When"),
    fold=("Reason", "Note", "Source"),
)


NO_FIT = Fit()


def print_table(table: Table, fit: Fit = NO_FIT, *, wide: bool = False) -> None:
    """Print a table within the terminal's width, or whole with ``wide``."""
    print_fitted(table, fit, wide=wide)


def _num(value: Decimal | None, places: int, signed: bool = False) -> str:
    if value is None:
        return "—"
    text = fixed(value, places)
    return f"+{text}" if signed and value > 0 else text


# A stored place key -> the place's name, "全市 the City" ("" is the home place).
PlaceName = Callable[[str], str]


def _key_of_place(stored: str) -> str:
    return stored or "home"


def missing_text(missing: Missing, place_name: PlaceName = _key_of_place) -> str:
    """Why a goal has no score, in both languages (docs/status-rules.md, "What is missing");
    another place's figure is named with ``place_name``."""
    period, key = missing.period, missing.indicator
    if missing.lack is Lack.BASELINE:
        year = period.year
        return (
            f"缺少{year}年基数（请录入{year}年数据）/ no {year} baseline: record the {year} figure"
        )
    if missing.lack is Lack.REFERENCE and missing.place is not None:
        place = place_name(missing.place)
        return (
            f"缺少{place} {key} {period}数据 / no {period} figure of {key} of {place} to compare "
            "with: record it"
        )
    if missing.lack is Lack.REFERENCE:
        return f"缺少{key} {period}数据 / no {period} figure of {key} to compare with: record it"
    if missing.lack is Lack.SAME_PERIOD:
        return f"缺少上年同期（{period}）数据 / no {period} figure: record last year's same period"
    return f"缺少{period}总量 / no {period} amount: record it with --amount"


def status_table(
    statuses: list[GoalStatus], as_of: date, year: int, place_name: PlaceName = _key_of_place
) -> Table:
    """The status of each goal of ``year`` as of ``as_of``; the title names the year
    (docs/status-rules.md, "Which year"). A rank goal's value carries its rank of those
    reporting ("7.5 #3/5") and its status the peers without a figure, named with
    ``place_name`` (docs/status-rules.md, "Places and peers")."""
    title = f"Goals of {year} as of {as_of} · {year}年目标 截至{as_of}"
    table = Table(title=title, title_justify="left")
    for header in STATUS_HEADERS:
        table.add_column(header, no_wrap=header not in ("指标",))
    for s in statuses:
        table.add_row(*_status_row(s, place_name))
    table.caption = (
        "(p) preliminary 预计 · (r) revised 已修订 · gap = score − target (counts: − expected)"
    )
    if any(s.ranking is not None for s in statuses):
        table.caption += " · #3/5: rank among the peers reporting 位次/报送地区数"
    table.caption_justify = "left"
    return table


def _status_row(s: GoalStatus, place_name: PlaceName) -> tuple[str, ...]:
    """One goal's cells, in the order of ``STATUS_HEADERS``."""
    i, latest = s.goal.indicator, s.latest
    places = i.decimals
    return (
        shown(s.goal.key),
        shown(i.name_zh),
        _status_cell(s, place_name),
        str(latest.period) if latest else "—",
        _value_cell(s),
        shown(s.goal.label_zh or rule(s.goal)),
        _num(s.expected, 0),
        _num(s.gap, 0 if s.ranking is not None else places, signed=True),
        _num(s.change, places, signed=True),
        str(s.overdue) if s.overdue else "",
        shown(i.owner.name_zh),
    )


def _status_cell(s: GoalStatus, place_name: PlaceName) -> str:
    """'预警 at risk' in the status's style, then what the goal lacks to be scored, or the
    peers that have not reported."""
    why = missing_text(s.missing, place_name) if s.missing else ""
    if s.ranking is not None and s.ranking.missing:
        why = _not_reported(s.ranking.missing, place_name)
    cell = f"[{STATUS_STYLES[s.status]}]{status_wording(s).bilingual()}[/]"
    return cell + (f" {shown(why)}" if why else "")


def _value_cell(s: GoalStatus) -> str:
    """The latest figure, '(p)' when preliminary or '(r)' when revised, and a rank goal's rank
    of those reporting: '7.5 #3/5'."""
    latest = s.latest
    if latest is None:
        return "—"
    if s.done_on is not None:
        return f"done {s.done_on}"
    value = _num(latest.value, s.goal.indicator.decimals)
    if latest.preliminary or latest.revised:
        value += " (p)" if latest.preliminary else " (r)"
    if s.ranking is not None and s.score is not None:
        value += f" #{s.score}/{s.ranking.reporting}"
    return value


def owners_table(standings: Sequence[Standing], as_of: date, year: int) -> Table:
    """Each owner worst first: its goals, how many are behind (and of which status), its
    weighted score and the goals behind."""
    title = f"Owners, goals of {year} as of {as_of} · {year}年责任单位完成情况 截至{as_of}"
    table = Table(title=title, title_justify="left")
    for header in ("Owner 责任单位", "Goals 目标", "Behind 未达目标", "预警", "落后", "未完成",
                   "Score 得分", "Behind 未达目标的指标"):  # fmt: skip
        table.add_column(header)
    for st in standings:
        behind = ", ".join(s.goal.key for s in st.statuses if s.status in BEHIND)
        table.add_row(
            shown(st.owner.name_zh),
            str(len(st.statuses)),
            str(st.behind),
            str(st.count(Status.AT_RISK)),
            str(st.count(Status.LAGGING)),
            str(st.count(Status.MISSED)),
            "—" if st.score is None else f"{fixed(st.score, 1)}%",
            shown(behind),
        )
    table.caption = "score = Σ weight × progress ÷ Σ weight (docs/status-rules.md, Owners)"
    table.caption_justify = "left"
    return table


def plans_table(plans: Sequence[Plan]) -> Table:
    """The plans: key, names, years, goals."""
    table = Table(title="Plans · 规划", title_justify="left")
    for header in ("Key", "规划", "Plan", "Years 年份", "Goals 目标"):
        table.add_column(header)
    for plan in plans:
        goals = ", ".join(f"{g.key} ({g.basis.value})" for g in plan.goals)
        table.add_row(
            shown(plan.key), shown(plan.name_zh), shown(plan.name_en),
            f"{plan.first}–{plan.last}", shown(goals),
        )  # fmt: skip
    return table


def plan_status_table(plan: Plan, statuses: Sequence[PlanStatus], as_of: date) -> Table:
    """A plan's goals as of ``as_of``: status, the years done, the score against the target
    and the pace, and what each remaining year needs."""
    title = f"{plan.name_en} as of {as_of} · {plan.name_zh} 截至{as_of}"
    table = Table(title=shown(title), title_justify="left")
    for header in ("Key", "指标", "Status", "Years 已有年份", "Score", "Target", "Expected",
                   "Required 每年需", "Owner 责任单位"):  # fmt: skip
        table.add_column(header)
    for s in statuses:
        goal = s.goal
        years = ", ".join(str(y) for y in s.years_done) or "—"
        places = 2 if goal.basis is PlanBasis.ANNUAL_AVERAGE else goal.indicator.decimals
        table.add_row(
            shown(goal.key),
            shown(goal.indicator.name_zh),
            f"[{STATUS_STYLES[s.status]}]{STATUS_WORDS[s.status].bilingual()}[/]",
            years,
            _num(s.score, places),
            shown(goal.label_zh or f"{goal.basis.value} {plain(goal.target)}"),
            _num(s.expected, places),
            _num(s.required, places),
            shown(goal.indicator.owner.name_zh),
        )
    table.caption = "score: the average growth so far, the latest level, or the sum 累计"
    table.caption_justify = "left"
    return table


def judgements_table(key: str, rows: list[Judgement], timezone: str) -> Table:
    """Every revision of a qualitative goal's judgements: period, revision, verdict, note, who,
    when, why."""
    zone = ZoneInfo(timezone)
    table = Table(title=shown(f"{key} · 人工评定 judgements"), title_justify="left")
    for header in ("Period", "Rev", "Verdict", "Note", "By", "When", "Reason"):
        table.add_column(header)
    for r in rows:
        when = r.recorded_at.astimezone(zone).strftime("%Y-%m-%d %H:%M") if r.recorded_at else ""
        table.add_row(
            str(r.period),
            str(r.revision),
            r.verdict,
            shown(r.note),
            shown(r.recorded_by),
            when,
            shown(r.reason or ""),
        )
    return table


def figure_text(indicator: Indicator, value: Decimal) -> str:
    """A stored value as written: a milestone's is the day it was done, 2020-05-28."""
    if indicator.measure is Measure.MILESTONE:
        return done_day(value).isoformat()
    return plain(value)


def _not_reported(places: tuple[str, ...], place_name: PlaceName, shown_at_most: int = 5) -> str:
    """The peers without a figure for the period: '未报送 not reported: 西城区 West District, …'."""
    names = [place_name(p) for p in places[:shown_at_most]]
    more = f" +{len(places) - shown_at_most}" if len(places) > shown_at_most else ""
    return f"未报送 not reported: {', '.join(names)}{more}"


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
    for goal in goals:
        g = goal.history[-1]  # the latest version; --history lists them all
        i = g.indicator
        cadence = i.cadence.value + (" from Jan–Feb" if i.start_month == 2 else "")
        key = shown(g.key) + (" (retired 已退出)" if goal.retired else "")
        if goal.versions:
            key += f" (v{len(goal.history)})"
        names = (shown(i.name_zh), shown(i.name_en), shown(g.label_zh))
        table.add_row(str(g.year), key, *names, rule(g), cadence, shown(i.owner.name_zh))
    return table


def history_of_goal(goal: Goal, timezone: str) -> Table:
    """Every version of one goal: from when, the target, why, and when it was recorded
    (docs/status-rules.md, "Goals change during the year")."""
    zone = ZoneInfo(timezone)
    title = shown(f"{goal.key} {goal.year} · {goal.indicator.name_zh}")
    if goal.retired:
        title += " (retired 已退出)"
    table = Table(title=title, title_justify="left")
    for header in ("Effective 起始", "Target", "Rule", "Reason 原因", "Recorded 录入"):
        table.add_column(header)
    for version in goal.history:
        when = version.recorded_at
        day = str(version.effective or f"{goal.year}-01-01")
        table.add_row(
            day + (" 更正 correction" if version.correction else ""),
            shown(version.label_zh),
            rule(version),
            shown(version.reason),
            when.astimezone(zone).strftime("%Y-%m-%d %H:%M") if when else "",
        )
    return table


def history_table(indicator: Indicator, rows: list[Revision], timezone: str) -> Table:
    zone = ZoneInfo(timezone)
    title = shown(f"{indicator.key} · {indicator.name_zh}")
    table = Table(title=title, title_justify="left")
    for header in ("Period", "Rev", "Value", "Flags", "By", "When", "Reason", "Note", "Source"):
        table.add_column(header)
    for r in rows:
        flags = "withdrawn 已撤回" if r.withdrawn else ("preliminary" if r.preliminary else "")
        table.add_row(
            shown(r.period),
            str(r.revision),
            figure_text(indicator, r.value),
            flags,
            shown(r.recorded_by),
            r.recorded_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            shown(r.reason or ""),
            shown(r.note or ""),
            shown(r.origin),
        )
    return table

"""How the projects are said, in Chinese and English: the 调度通报's sentence, and each
project's figures and milestones in a few words (docs/projects.md, "Reports").

The sentence has the fixed form offices publish:

    2019年实施重点项目119个，总投资417亿元，全部完成年度投资计划，其中3个省重点项目、16个市重点
    项目、100个区重点项目分别完成年度投资计划的146%、189%、128.1%；……
    2020年实施重点项目64个，总投资……，年度计划投资……亿元；1-6月累计完成投资……亿元，占年度
    投资计划的53.7%，超过时间进度3.7个百分点；……计划开工12项，已开工9项，开工率75%；竣工2项；
    8个项目滞后。

Every word is here, not in the gettext catalog: the section's text arrives in the report's
context already said, in the report's language.
"""

import calendar
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from tracker.domain.numbers import plain
from tracker.domain.periods import Period
from tracker.domain.project_board import Board
from tracker.domain.project_status import MilestoneStatus, ProjectStatus
from tracker.domain.project_totals import Totals
from tracker.domain.projects import level_words
from tracker.domain.status import Status
from tracker.domain.wording import STATUS_WORDS


def rounded(value: Decimal, places: int) -> str:
    """``value`` rounded half up to ``places`` decimals, trailing zeros dropped: 146.0 → '146'."""
    quantum = Decimal(1).scaleb(-places)
    return plain(value.quantize(quantum, rounding=ROUND_HALF_UP))


def amount(value: Decimal, lang: str) -> str:
    """An amount of 亿元: '417亿元' / '¥41.7 bn'."""
    if lang == "zh":
        return f"{rounded(value, 2)}亿元"
    return f"¥{rounded(value / 10, 3)} bn"


def number(value: Decimal) -> str:
    """An amount of 亿元 in a table's cell: '6.6'."""
    return rounded(value, 2)


def percent(value: Decimal | None) -> str:
    """A share: '146%', '97.2%'; '—' without one."""
    return "—" if value is None else f"{rounded(value, 1)}%"


def points(gap: Decimal | None, lang: str) -> str:
    """The gap to the time share: '超过时间进度3.7个百分点' / '3.7 points ahead of the time
    share'; '' without one."""
    if gap is None:
        return ""
    size = rounded(abs(gap), 1)
    if size == "0":
        return "与时间进度持平" if lang == "zh" else "level with the time share"
    if lang == "zh":
        return f"{'超过' if gap > 0 else '落后'}时间进度{size}个百分点"
    return f"{size} points {'ahead of' if gap > 0 else 'behind'} the time share"


def signed(gap: Decimal | None) -> str:
    """The gap in a table's cell: '+3.7', '-12.5', '0', '—'."""
    if gap is None:
        return "—"
    text = rounded(gap, 1)
    return f"+{text}" if gap > 0 and text != "0" else text


def months(period: Period | None, lang: str) -> str:
    """The months a figure covers: '1-6月', '1月' / 'Jan–Jun', 'Jan'."""
    if period is None:
        return ""
    last = period.end_month
    if lang == "zh":
        return f"{last}月" if last == 1 else f"1-{last}月"
    name = calendar.month_abbr[last]
    return name if last == 1 else f"Jan–{name}"


def status_word(s: ProjectStatus, lang: str) -> str:
    """The status in the goals' words: 正常, 预警, 落后, 已完成, 未完成, 无数据."""
    return STATUS_WORDS[s.status].said(lang)


def milestone_text(m: MilestoneStatus, lang: str) -> str:
    """'建成投产 2020-05-31 已逾期40天' / '建成投产 due 2020-05-31, 40 days overdue'."""
    name = m.milestone.label_zh if lang == "zh" else m.milestone.label_en
    due = m.milestone.due.isoformat()
    if lang == "zh":
        if m.continuing:
            return f"{name} 续建"
        if m.status is Status.ACHIEVED:
            late = f"逾期{m.late_days}天完成" if m.late_days else "按期完成"
            return f"{name} {m.done} {late}"
        if m.overdue:
            return f"{name} {due} 已逾期{m.late_days}天"
        return f"{name} {due}"
    if m.continuing:
        return f"{name}: continuing"
    if m.status is Status.ACHIEVED:
        late = f", {m.late_days} days late" if m.late_days else ", on time"
        return f"{name} met {m.done}{late}"
    if m.overdue:
        return f"{name} due {due}, {m.late_days} days overdue"
    return f"{name} due {due}"


def overdue_text(s: ProjectStatus, lang: str) -> str:
    """The overdue milestones of a project, joined: '' when none."""
    return ("；" if lang == "zh" else "; ").join(milestone_text(m, lang) for m in s.overdue)


def sentence(b: Board, lang: str, place: str = "") -> str:
    """The 调度通报's sentence of a board (``place``: the name it begins with, if any)."""
    t = b.overall
    parts = _opening(b, t, lang, place)
    if b.period is not None and t.count:
        parts += _progress(b, t, lang)
        parts += _starts(t, lang, final=b.period.end_month == 12)
    if lang == "zh":
        return "；".join(parts) + "。"
    return "; ".join(parts) + "."


def _opening(b: Board, t: Totals, lang: str, place: str) -> list[str]:
    final = b.period is not None and b.period.end_month == 12
    if lang == "zh":
        head = f"{place}{b.year}年实施重点项目{t.count}个，总投资{amount(t.total, lang)}"
        if not final:
            head += f"，年度计划投资{amount(t.plan, lang)}"
        if final:
            head += (
                "，全部完成年度投资计划" if t.all_met else f"，{t.unmet}个项目未完成年度投资计划"
            )
            head += _levels(b, lang, lead="，")
        return [head] if b.period is not None else [head, "尚无完成投资数据"]
    where = f"{place}: " if place else ""
    head = f"{where}{t.count} key projects in {b.year}, total investment {amount(t.total, lang)}"
    if not final:
        head += f", annual plan {amount(t.plan, lang)}"
    if final:
        head += (
            ", every project met its annual investment plan"
            if t.all_met
            else f", {t.unmet} projects short of their annual investment plan"
        )
        head += _levels(b, lang, lead=", ")
    return [head] if b.period is not None else [head, "no investment figures yet"]


def _levels(b: Board, lang: str, lead: str) -> str:
    """'，其中3个省重点项目、16个市重点项目分别完成年度投资计划的146%、189%' (two levels or
    more)."""
    levels = [t for t in b.levels if t.share is not None]
    if len(b.levels) < 2 or not levels:
        return ""
    if lang == "zh":
        names = "、".join(f"{t.count}个{level_words(t.key, 'zh')}项目" for t in levels)
        shares = "、".join(percent(t.share) for t in levels)
        return f"{lead}其中{names}分别完成年度投资计划的{shares}"
    names = _listed([f"{t.count} {level_words(t.key, 'en')}" for t in levels])
    shares = _listed([percent(t.share) for t in levels])
    return f"{lead}of them {names} projects at {shares} of their plans"


def _listed(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _progress(b: Board, t: Totals, lang: str) -> list[str]:
    final = b.period is not None and b.period.end_month == 12
    span = "全年" if final and lang == "zh" else months(b.period, lang)
    if lang == "zh":
        said = f"{span}累计完成投资{amount(t.done, lang)}"
        if t.share is not None:
            said += f"，占年度投资计划的{percent(t.share)}"
            said += "" if final else f"，{points(t.gap, lang)}"
        said += "" if final else _levels(b, lang, lead="，")
        return [said]
    said = f"{span}: {amount(t.done, lang)} invested"
    if t.share is not None:
        said += f", {percent(t.share)} of the annual plan"
        said += "" if final else f", {points(t.gap, lang)}"
    said += "" if final else _levels(b, lang, lead="; ")
    return [said]


def _starts(t: Totals, lang: str, *, final: bool) -> list[str]:
    parts = []
    if t.starts_due:
        if lang == "zh":
            parts.append(
                f"计划开工{t.starts_due}项，已开工{t.started}项，开工率{percent(t.start_rate)}"
            )
        else:
            parts.append(
                f"{t.starts_due} starts due, {t.started} started ({percent(t.start_rate)})"
            )
    if t.finished:
        parts.append(f"竣工{t.finished}项" if lang == "zh" else f"{t.finished} completed")
    if not final:
        if lang == "zh":
            parts.append(f"{t.behind}个项目滞后" if t.behind else "没有滞后项目")
        else:
            parts.append(f"{t.behind} projects behind" if t.behind else "no project behind")
        if t.unreported:
            parts.append(
                f"{t.unreported}个项目未报送本期数据"
                if lang == "zh"
                else f"{t.unreported} without a figure for the period"
            )
    return parts

"""The overview table (主要指标完成情况表) that opens every report after its verdict (pure).

One row per goal, in the configured order of indicators (not by severity): 指标 | 单位 | 本期 |
总量 | 同比增长（%） | 年度目标 | 差距/完成进度 | 位次 (among the peers, when places are configured)
| 状态 (红/黄/绿). The rules are written in docs/reports.md, "The overview table":

- 总量 is the recorded amount (``--amount``) of a growth rate, in its indicator's ``amount_unit``,
  or the figure itself of a count, a stock, a level or a rank; amounts and counts are scaled as
  bulletins write them (``scaled``: 123456万元 → 12.35亿元, 20500人 → 2.05万人), the unit in 单位.
- 同比增长 is the figure of a growth rate; a level is a 总量 in percent.
- 差距/完成进度: a rate or a level against its target in percentage points (低1.3个百分点); a count
  or a stock as the share of its annual target done, beside the share the time elapsed asks for
  (完成47.7%，序时50.0%); never "完成年度目标的X%" of a rate.
- A goal without a figure says why: 逾期未报 (its figure is overdue), or 年底出数 / 8月出数 (not
  due yet).
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal

from tracker.domain.measures import GapUnit, gap_unit, goal_gap_unit, goal_rules, rules_of
from tracker.domain.milestones import done_day
from tracker.domain.model import Comparator, Goal, Indicator, Measure, On, TargetKind
from tracker.domain.status import GoalStatus, Status
from tracker.reporting.context import League, Line, Overview, OverviewRow
from tracker.reporting.language import Words

HUNDRED = Decimal(100)
TEN_THOUSAND = Decimal(10_000)
# 三色预警: green on track or done, yellow close behind (within the warning band), red behind.
LIGHTS = {
    Status.ACHIEVED: "green",
    Status.ON_TRACK: "green",
    Status.AT_RISK: "yellow",
    Status.LAGGING: "red",
    Status.MISSED: "red",
}
# (text, background) of the status cell for each light; "" (no verdict yet): grey.
LIGHT_COLOURS = {
    "green": ("#ffffff", "#2e7d32"),
    "yellow": ("#3b2a00", "#f9c623"),
    "red": ("#ffffff", "#c62828"),
    "": ("#444444", "#e8e8e8"),
}
# The units bulletins scale (the next unit up, at 10,000 of it), and the units of people and
# things that become 万X at 10,000.
SCALES = {"元": "万元", "万元": "亿元", "千元": None, "人": "万人", "人次": "万人次", "户": "万户",
          "家": "万家", "个": "万个", "件": "万件", "吨": "万吨", "头": "万头", "辆": "万辆",
          "千瓦时": "万千瓦时", "平方米": "万平方米"}  # fmt: skip
NONE = "—"


def overview(
    w: Words,
    statuses: Sequence[GoalStatus],
    lines: Mapping[str, Line],
    *,
    leagues: Sequence[League] = (),
    ranked: bool = False,
    order: Sequence[str] = (),
    amount_units: Mapping[str, str] | None = None,
) -> Overview:
    """The overview of ``statuses`` (their ``lines`` by goal key): ``order`` the indicator keys
    in the configured order (others after, as given), ``leagues`` each indicator among the
    peers (``ranked``: the table has a 位次 column), ``amount_units`` the unit of each
    indicator's recorded amounts."""
    position = {key: n for n, key in enumerate(order)}
    ordered = sorted(
        enumerate(statuses),
        key=lambda pair: (position.get(pair[1].goal.indicator.key, len(position)), pair[0]),
    )
    ranks = {league.key: league.rank for league in leagues}
    # The unit of an indicator's amounts: configured, else that of a goal on its amount.
    units = {
        s.goal.indicator.key: s.goal.indicator.unit for s in statuses if s.goal.on is On.AMOUNT
    }
    units.update(amount_units or {})
    rows = tuple(
        _row(w, s, lines[s.goal.key], ranks.get(s.goal.indicator.key), units) for _, s in ordered
    )
    return Overview(rows, ranked)


def _row(
    w: Words, s: GoalStatus, line: Line, rank: int | None, units: Mapping[str, str]
) -> OverviewRow:
    goal, latest = s.goal, s.latest
    unit, amount_value = _total(goal, s, units)
    amount = NONE if amount_value is None else _plain(amount_value, goal.indicator, unit)
    growth = NONE
    if latest is not None and _is_growth(goal):
        growth = w.number(latest.value, goal.indicator.decimals)
    completion, pace = _completion(s)
    if goal.rank_among is not None:  # a rank among a group: its own rank, as its target says
        rank = None if s.score is None else int(s.score)
    light = LIGHTS.get(s.status, "")
    colour, background = LIGHT_COLOURS[light]
    return OverviewRow(
        key=goal.key,
        indicator=goal.indicator.key,
        name=line.name,
        unit=w.unit(unit) if unit else NONE,
        period=_period(w, s, line),
        amount=amount,
        growth=growth,
        target=line.target,
        progress=_progress(w, s, line, completion, pace),
        rank=NONE if rank is None else str(rank),
        status=s.status.value,
        word=line.status_word,
        light=light,
        colour=colour,
        background=background,
        amount_value=amount_value,
        completion=completion,
        pace=pace,
        rank_number=rank,
    )


def _period(w: Words, s: GoalStatus, line: Line) -> str:
    """本期: the figure's period ('1-6月', '上半年'); a milestone's, the day it was done."""
    if s.goal.indicator.measure is Measure.MILESTONE and s.latest is not None:
        return w.day(done_day(s.latest.value))
    return line.period or NONE


def _is_growth(goal: Goal) -> bool:
    """Whether the goal's figure is a growth rate (同比增长), not a level, count or place."""
    indicator = goal.indicator
    return goal.on is On.VALUE and rules_of(indicator).year_on_year and indicator.unit == "%"


def _total(goal: Goal, s: GoalStatus, units: Mapping[str, str]) -> tuple[str, Decimal | None]:
    """(unit, 总量 in it) of the goal's latest figure: a growth rate's recorded amount in its
    indicator's ``amount_unit``; the figure itself of a count, stock, level or rank; scaled
    as bulletins write it. The unit alone when there is no figure or amount yet."""
    indicator, latest = goal.indicator, s.latest
    if indicator.measure is Measure.MILESTONE:  # done on a day: no total
        return "", None
    if _is_growth(goal):
        unit = units.get(indicator.key, "")
        if latest is None or latest.amount is None:
            return unit, None
        return scaled(latest.amount, unit)
    unit = indicator.unit
    if latest is None:
        return unit, None
    if gap_unit(indicator) is GapUnit.PLACES:
        return unit, latest.value
    if unit == "%":
        return unit, latest.value  # a level
    return scaled(latest.value, unit)


def scaled(value: Decimal, unit: str) -> tuple[str, Decimal]:
    """A total as bulletins write it: (unit, value) in the next unit up once the value reaches
    10,000 of its own (123456万元 → 亿元 12.3456; 20500人 → 万人 2.05); as it is otherwise."""
    up = SCALES.get(unit)
    while up is not None and abs(value) >= TEN_THOUSAND:
        value, unit = value / TEN_THOUSAND, up
        up = SCALES.get(unit)
    return unit, value


def _plain(value: Decimal, indicator: Indicator, unit: str) -> str:
    """A 总量 cell: in 万 or 亿, as recorded up to two decimals (312.4亿元, 12.35亿元); the
    indicator's own decimals for a percent level; whole numbers for people and things; no
    thousands separators (bulletins write 1206万人)."""
    if unit.startswith(("万", "亿")):
        exponent = value.normalize().as_tuple().exponent
        places = min(2, max(0, -exponent if isinstance(exponent, int) else 2))
    elif unit == "%":
        places = indicator.decimals
    elif value == value.to_integral_value():
        places = 0
    else:
        places = indicator.decimals
    return f"{value:.{places}f}"


def _completion(s: GoalStatus) -> tuple[Decimal | None, Decimal | None]:
    """A count's or a stock's (完成进度, 序时进度): the share of the annual target done and the
    share the time elapsed asks for, in percent; None for the others and for a target of 0."""
    goal = s.goal
    paced = goal_rules(goal).paced
    if not paced or goal.kind is not TargetKind.NUMBER or goal.reference is not None:
        return None, None
    if s.score is None or goal.target <= 0 or not goal.comparator.upward:
        return None, None
    done = s.score / goal.target * HUNDRED
    pace = s.expected / goal.target * HUNDRED if s.expected is not None and not s.final else None
    return done, pace


def _progress(
    w: Words, s: GoalStatus, line: Line, completion: Decimal | None, pace: Decimal | None
) -> str:
    """差距/完成进度: the share done against the pace for counts and stocks; the gap in
    percentage points for rates and levels (in places for ranks); why there is none yet."""
    if completion is not None:
        done = w.percent(completion, 1)
        if pace is None:
            return w("%(done)s done", done=done)
        return w("%(done)s done, pace %(pace)s", done=done, pace=w.percent(pace, 1))
    if s.latest is None:
        return line.gap or NONE  # the status cell says why there is no figure
    if _simple_rate(s.goal) and s.gap is not None and s.missing is None:
        n = w.number(abs(s.gap), s.goal.indicator.decimals)
        if s.gap == 0:
            return w("level with the target")
        if s.gap < 0:
            return w("%(n)s pp below", n=n)
        return w("%(n)s pp above", n=n)
    return line.gap or NONE


def _simple_rate(goal: Goal) -> bool:
    """A rate or level with one number for a target (no range, stretch or reference): its gap
    says itself in percentage points."""
    return (
        goal_gap_unit(goal) is GapUnit.POINTS
        and goal.kind is TargetKind.NUMBER
        and goal.comparator is not Comparator.BETWEEN
        and goal.stretch is None
        and goal.reference is None
        and goal.reference_place is None
        and goal.rank_among is None
    )

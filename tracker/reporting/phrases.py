"""The phrases a report is made of, built from a goal's numbers (pure).

Gaps are said in the units people use: percentage points for rates, people (and the share of
the expected count) for counts, places for ranks. Which of them a measure uses is looked up in
the measures table (``tracker/domain/measures.py``); the words for each are here. The
official-register sentence for a lagging goal is assembled from the same phrases, so the table
and the sentence cannot disagree.
"""

from collections.abc import Callable
from decimal import Decimal

from tracker.domain.measures import GapUnit, PeriodLabel, gap_unit, goal_gap_unit, is_rate, rules_of
from tracker.domain.milestones import done_day
from tracker.domain.model import Basis, Comparator, Goal, Indicator, Measure, TargetKind
from tracker.domain.periods import Period
from tracker.domain.severity import MET
from tracker.domain.status import GoalStatus, Lack, Missing
from tracker.domain.wording import STATUS_WORDS
from tracker.reporting.language import Words, marked

HUNDRED = Decimal(100)
PERIOD_LABELS: dict[PeriodLabel, Callable[[Words, Period], str]] = {
    PeriodLabel.YEAR_TO_DATE: Words.period,  # '1-6月' / 'Jan–Jun'
    PeriodLabel.PERIOD_END: Words.period_end,  # '6月末' / 'end of June'
    PeriodLabel.DONE: lambda w, _: w("done"),  # a milestone's day: '完成' / 'done'
}
# Who assigns a target, as a report names them; other names are shown as written.
ASSIGNERS = {
    "city": marked("the city"),
    "province": marked("the province"),
    "county": marked("the county"),
    "district": marked("the district"),
    "state": marked("the state"),
}


def period(w: Words, indicator: Indicator, of: Period) -> str:
    """The period of one of the indicator's figures, as its kind of measure labels it."""
    return PERIOD_LABELS[rules_of(indicator).period_label](w, of)


def amount(w: Words, indicator: Indicator, value: Decimal) -> str:
    """A figure with its unit: '5.0%', '2,050人' / '2,050 people', '第12位' / 'no. 12'; a
    milestone's, the day it was done: '2024年5月28日' / 'May 28, 2024'."""
    if indicator.measure is Measure.MILESTONE:
        return w.date(done_day(value))
    places = indicator.decimals
    if indicator.unit == "%":
        return w.percent(value, places)
    if gap_unit(indicator) is GapUnit.PLACES:  # a position
        return w("no. %(n)s", n=w.number(value, 0))
    unit = w.unit(indicator.unit)
    number = w.number(value, places)
    if w.lang == "zh" or not unit:
        return number + unit
    return f"{number} {unit}"


def assigner(w: Words, goal: Goal) -> str:
    """Who sets an assigned target: '市' / 'the city'; a superior without a name: '上级'."""
    who = goal.assigned_by
    if not who:
        return w("the superior")
    return w(ASSIGNERS[who]) if who in ASSIGNERS else who


def difference(w: Words, indicator: Indicator, value: Decimal, unit: GapUnit | None = None) -> str:
    """A difference in the indicator's terms: '0.4个百分点' / '0.4 percentage points', '8件';
    ``unit``: another than the indicator's (a rank among places is said in places)."""
    unit = gap_unit(indicator) if unit is None else unit
    if unit is GapUnit.POINTS:
        return w("%(n)s percentage points", n=w.number(abs(value), indicator.decimals))
    if unit is GapUnit.PLACES:
        return w.plural("%(n)s place", "%(n)s places", int(abs(value)))
    return amount(w, indicator, abs(value))


def missing_baseline(w: Words, year: int) -> str:
    """'缺少2019年基数（请录入2019年数据）' / 'no 2019 baseline: record the 2019 figure'."""
    return w("no %(year)s baseline: record the %(year)s figure", year=year)


def missing(w: Words, lack: Missing, reference_name: str | None = None) -> str:
    """What a goal lacks to be scored, and what to record (docs/status-rules.md)."""
    if lack.lack is Lack.BASELINE:
        return missing_baseline(w, lack.period.year)
    if lack.lack is Lack.REFERENCE:
        return w(
            "no %(period)s figure of %(name)s to compare with: record it",
            period=str(lack.period),
            name=reference_name or lack.indicator,
        )
    if lack.lack is Lack.SAME_PERIOD:
        return w(
            "no figure for the same period last year (%(period)s): record it",
            period=str(lack.period),
        )
    return w("no amount for %(period)s: record it with --amount", period=str(lack.period))


def gap(w: Words, s: GoalStatus, *, annual: bool = False) -> str | None:
    """How far the score is from the target (counts: from the expected value), said for each
    kind of target: a range, a stretch, a pending target, a relative goal, a stock; ``annual``:
    a rate's gap names the annual target ('低于年度目标…', the official sentence's form).
    None for a goal without a gap."""
    if s.missing is not None:
        return missing(w, s.missing)
    if s.goal.indicator.measure is Measure.MILESTONE:
        return _milestone_gap(w, s)
    if s.goal.kind is TargetKind.QUALITATIVE:
        return _judged(w, s)
    if s.goal.kind is TargetKind.ASSIGNED:
        return _assigned_gap(w, s)
    if s.gap is None or s.reference is None:
        return None
    annual = annual and s.goal.due is None  # a goal due inside the year has no annual target
    text = _kind_gap(w, s, s.gap) or _unit_gap(w, s, s.gap, annual)
    if s.goal.rank_among is not None and s.ranking is not None and s.score is not None:
        n = s.ranking.reporting  # a rank among places: which, of how many
        text = w("rank %(rank)s of %(n)s, %(gap)s", rank=w.number(s.score, 0), n=n, gap=text)
    return text


def _judged(w: Words, s: GoalStatus) -> str | None:
    """A qualitative goal: '人工评定：正常（进出口稳中有升）' / 'judged: on track (…)'; None
    before anyone has judged it."""
    if s.judgement is None:
        return None
    word = STATUS_WORDS[s.status].said(w.lang)
    return w("judged: %(verdict)s (%(note)s)", verdict=word, note=s.judgement.note)


def _milestone_gap(w: Words, s: GoalStatus) -> str | None:
    """A milestone: '按期完成', '逾期3天完成', '距到期还有11天', '已逾期12天'."""
    if s.late_days == 0:
        return w("done on time")
    if s.late_days is not None:
        return w.plural("done %(n)s day late", "done %(n)s days late", s.late_days)
    if s.days_left is None:
        return None
    if s.days_left >= 0:
        return w.plural("due in %(n)s day", "due in %(n)s days", s.days_left)
    return w.plural("%(n)s day overdue", "%(n)s days overdue", -s.days_left)


def _assigned_gap(w: Words, s: GoalStatus) -> str:
    """'目标待市下达，目前增长6.1%' / 'target to be set by the city; so far growth of 6.1%'."""
    who = assigner(w, s.goal)
    if s.latest is None:
        return w("target to be set by %(who)s", who=who)
    return w("target to be set by %(who)s; so far %(what)s", who=who, what=short_figure(w, s))


def _kind_gap(w: Words, s: GoalStatus, gap: Decimal) -> str | None:
    """The gap of a goal whose kind says it its own way: relative to another indicator or
    place, a range, a floor met short of its stretch, a stock paced from its baseline; None
    for the others, whose gap is said in their unit (``_unit_gap``)."""
    goal = s.goal
    if goal.share_of is not None:
        return _share_of_gap(w, s, gap)
    if goal.reference is not None:
        return relative(w, s)
    if goal.comparator is Comparator.BETWEEN and s.high is not None:
        return _range_gap(w, s)
    if goal.stretch_alone and s.stretch_gap is not None:
        return _stretch_alone_gap(w, goal, s.stretch_gap, bool(s.stretch_met))
    if goal.stretch is not None and s.stretch_gap is not None and s.status in MET:
        return _stretch_gap(w, goal, s.stretch_gap, bool(s.stretch_met))
    if s.expected is not None and rules_of(goal.indicator).paced_from_baseline:
        if goal.basis is Basis.CHANGE:
            return _paced_increase_gap(w, goal.indicator, s.expected, gap)
        return _paced_gap(w, goal.indicator, s.expected, gap)
    return None


def _stretch_gap(w: Words, goal: Goal, short: Decimal, met: bool) -> str:
    """'达到力争目标', or '达到确保目标，距力争目标还差1.5个百分点' (a rank: '…还差1个位次')."""
    if met:
        return w("stretch target reached")
    return w(
        "floor target met, %(n)s short of the stretch target",
        n=difference(w, goal.indicator, short, goal_gap_unit(goal)),
    )


def _share_of_gap(w: Words, s: GoalStatus, gap: Decimal) -> str:
    """A share of another place's total: '占比28.5%，低于目标1.5个百分点'."""
    assert s.score is not None
    share = w.percent(s.score, 1)
    if gap == 0:
        return w("a share of %(share)s, on target", share=share)
    n = w.number(abs(gap), 1)
    if gap < 0:
        return w("a share of %(share)s, %(n)s percentage points below target", share=share, n=n)
    return w("a share of %(share)s, %(n)s percentage points above target", share=share, n=n)


def _stretch_alone_gap(w: Words, goal: Goal, short: Decimal, met: bool) -> str:
    """A stretch with no floor: '达到力争目标', or '距力争目标还差0.6个百分点'."""
    if met:
        return w("stretch target reached")
    n = difference(w, goal.indicator, short, goal_gap_unit(goal))
    return w("%(n)s short of the stretch target", n=n)


def _paced_gap(w: Words, indicator: Indicator, expected: Decimal, gap: Decimal) -> str:
    """A stock against where its pace says it should be: '按进度应达270件，落后进度2件'."""
    by_now = amount(w, indicator, expected)
    if gap == 0:
        return w("%(expected)s expected by now, on pace", expected=by_now)
    n = amount(w, indicator, abs(gap))
    if gap < 0:
        return w("%(expected)s expected by now, %(n)s behind", expected=by_now, n=n)
    return w("%(expected)s expected by now, %(n)s ahead", expected=by_now, n=n)


def _paced_increase_gap(w: Words, indicator: Indicator, expected: Decimal, gap: Decimal) -> str:
    """A stock's net increase against its pace: '按进度应净增500家，落后进度100家'."""
    by_now = amount(w, indicator, expected)
    if gap == 0:
        return w("a net increase of %(expected)s expected by now, on pace", expected=by_now)
    n = amount(w, indicator, abs(gap))
    if gap < 0:
        return w(
            "a net increase of %(expected)s expected by now, %(n)s behind", expected=by_now, n=n
        )
    return w("a net increase of %(expected)s expected by now, %(n)s ahead", expected=by_now, n=n)


def _unit_gap(w: Words, s: GoalStatus, gap: Decimal, annual: bool) -> str:
    """The gap in the unit its measure is compared in (``measures.gap_unit``): a share of the
    expected count or of the target, places, percentage points, or the indicator's unit."""
    indicator = s.goal.indicator
    unit = goal_gap_unit(s.goal)
    if unit is GapUnit.SHARE:
        return _share_gap(w, s, gap)
    if unit is GapUnit.PLACES:
        return _places_gap(w, s.goal, gap)
    if gap == 0:
        return w("on the annual target") if annual else w("on target")
    if unit is GapUnit.POINTS:
        return _points_gap(w, w.number(abs(gap), indicator.decimals), gap < 0, annual)
    n = amount(w, indicator, abs(gap))
    return w("%(n)s below target", n=n) if gap < 0 else w("%(n)s above target", n=n)


def _places_gap(w: Words, goal: Goal, gap: Decimal) -> str:
    """A rank's gap in places, whichever way is better: a rank (1 is best) under a ceiling
    ('优于目标1个位次', '达到目标', '距目标还差2个位次'), or places gained ('超过目标2个位次')."""
    n = w.number(abs(gap), 0)
    better = gap > 0 if goal.comparator.upward else gap < 0
    if gap == 0:
        return w("target reached")
    if not better:
        return w("%(n)s places short of the target", n=n)
    if goal.comparator.upward:
        return w("%(n)s places beyond the target", n=n)
    return w("%(n)s places better than the target", n=n)


def _share_gap(w: Words, s: GoalStatus, gap: Decimal) -> str:
    """A count's gap, with the share of what it is compared with: '低于序时进度100人（完成序时
    进度的95.3%）'; against the annual target when it has no expected value by now."""
    share = w.percent(s.score / s.reference * HUNDRED, 1) if s.score and s.reference else None
    values = {"n": amount(w, s.goal.indicator, abs(gap)), "share": share or "—"}
    if s.expected is None and s.goal.due is not None:  # due inside the year: its target
        if gap < 0:
            return w("%(n)s below the target (%(share)s of it)", **values)
        return w("%(n)s beyond the target (%(share)s of it)", **values)
    if s.expected is None:
        if gap < 0:
            return w("%(n)s below the annual target (%(share)s of it)", **values)
        return w("%(n)s beyond the annual target (%(share)s of it)", **values)
    if gap < 0:
        return w("%(n)s below the expected count (%(share)s of expected)", **values)
    return w("%(n)s ahead of the expected count (%(share)s of expected)", **values)


def _points_gap(w: Words, n: str, below: bool, annual: bool) -> str:
    """A rate's gap of ``n`` percentage points: '低于目标0.4个百分点', '高于年度目标…'."""
    if below:
        if annual:
            return w("%(n)s percentage points below the annual target", n=n)
        return w("%(n)s percentage points below target", n=n)
    if annual:
        return w("%(n)s percentage points above the annual target", n=n)
    return w("%(n)s percentage points above target", n=n)


def _range_gap(w: Words, s: GoalStatus) -> str:
    """'目标区间5%—6%，低于下限0.4个百分点' / 'within the target range 5%–6%'."""
    goal, indicator = s.goal, s.goal.indicator
    assert s.gap is not None
    assert goal.target_high is not None
    span = w(
        "%(low)s–%(high)s",
        low=amount(w, indicator, goal.target),
        high=amount(w, indicator, goal.target_high),
    )
    if s.gap == 0:
        return w("within the target range %(range)s", range=span)
    n = difference(w, indicator, s.gap)
    if s.gap < 0:
        return w("target range %(range)s, %(n)s below its lower end", range=span, n=n)
    return w("%(n)s above the target range %(range)s", range=span, n=n)


def relative(w: Words, s: GoalStatus) -> str:
    """'比地区生产总值增速高0.2个百分点，基本同步' / '0.2 percentage points above GDP growth,
    broadly in step'."""
    goal, indicator = s.goal, s.goal.indicator
    assert s.score is not None
    assert goal.reference is not None
    name = goal.reference.name_zh if w.lang == "zh" else _lower_first(goal.reference.name_en)
    n = difference(w, indicator, s.score)
    if s.score > 0:
        text = w("%(n)s above %(name)s", n=n, name=name)
    elif s.score < 0:
        text = w("%(n)s below %(name)s", n=n, name=name)
    else:
        text = w("level with %(name)s", name=name)
    if goal.comparator is Comparator.ABOUT and goal.target == 0:
        if s.status in MET:
            return text + w(", ") + w("broadly in step")
        return text + w(", ") + w("not in step")
    return text


def short_figure(w: Words, s: GoalStatus) -> str:
    """The latest figure in a few words: '增长6.1%' / 'growth of 6.1%', '280件' / '280'."""
    assert s.latest is not None
    indicator, value = s.goal.indicator, s.latest.value
    if rules_of(indicator).year_on_year and is_rate(indicator):
        n = w.percent(abs(value), indicator.decimals)
        return w("a fall of %(n)s", n=n) if value < 0 else w("growth of %(n)s", n=n)
    return amount(w, indicator, value)


def change(w: Words, s: GoalStatus) -> str | None:
    """The move since the previous figure of the year: '比1-5月回升0.8个百分点'."""
    if s.change is None or s.previous is None:
        return None
    indicator = s.goal.indicator
    before = period(w, indicator, s.previous.period)
    if s.change == 0:
        return w("unchanged from %(period)s", period=before)
    unit = gap_unit(indicator)
    if unit is GapUnit.POINTS:
        n = w.number(abs(s.change), indicator.decimals)
        if s.change > 0:
            return w("up %(n)s percentage points on %(period)s", n=n, period=before)
        return w("down %(n)s percentage points on %(period)s", n=n, period=before)
    if unit is GapUnit.PLACES:
        n = w.number(abs(s.change), 0)
        if s.change < 0:
            return w("up %(n)s places on %(period)s", n=n, period=before)
        return w("down %(n)s places on %(period)s", n=n, period=before)
    n = amount(w, indicator, abs(s.change))
    if s.change > 0:
        return w("%(n)s more than %(period)s", n=n, period=before)
    return w("%(n)s less than %(period)s", n=n, period=before)


def requirement(w: Words, s: GoalStatus) -> str | None:
    """What the remaining months must deliver: per month for counts, growth for rates."""
    need = s.requirement
    if need is None:
        return None
    months = need.months_left
    if need.per_month is not None:
        n = amount(w, s.goal.indicator, need.per_month)
        return w.plural(
            "the remaining %(n)s month needs %(per)s",
            "the remaining %(n)s months need %(per)s a month",
            months,
            per=n,
        )
    if need.growth is not None:
        g = w.percent(need.growth, 1)
        return w.plural(
            "the remaining %(n)s month needs growth of %(g)s year on year",
            "the remaining %(n)s months need growth of %(g)s year on year",
            months,
            g=g,
        )
    return None


def on_last_year(w: Words, s: GoalStatus) -> str | None:
    """For targets set as a change over last year: the change so far ('比上年提高1.0个百分点');
    for a net increase, over the same period ('比上年同期净增75亿元')."""
    if s.goal.basis is Basis.SAME_PERIOD and s.score is not None:
        n = amount(w, s.goal.indicator, abs(s.score))
        if s.score < 0:
            return w("down %(n)s on the same period last year", n=n)
        return w("a net increase of %(n)s on the same period last year", n=n)
    if s.goal.basis is not Basis.CHANGE or s.score is None:
        return None
    indicator = s.goal.indicator
    unit = gap_unit(indicator)
    if unit is GapUnit.PLACES:
        n = w.number(abs(s.score), 0)
        if s.score < 0:
            return w("down %(n)s places on last year", n=n)
        return w("up %(n)s places on last year", n=n)
    if unit is GapUnit.POINTS:
        n = w.number(abs(s.score), indicator.decimals)
        if s.score < 0:
            return w("down %(n)s percentage points on last year", n=n)
        return w("up %(n)s percentage points on last year", n=n)
    if rules_of(indicator).paced_from_baseline:  # a stock: '比上年末净增400家'
        n = amount(w, indicator, abs(s.score))
        if s.score < 0:
            return w("down %(n)s on the end of last year", n=n)
        return w("a net increase of %(n)s on the end of last year", n=n)
    return None


def figure_phrase(w: Words, s: GoalStatus) -> str:
    """What the figure says: '规上工业增加值同比增长7.6%' / 'industry value added grew 7.6%'."""
    indicator = s.goal.indicator
    assert s.latest is not None
    value = s.latest.value
    name = indicator.name_zh if w.lang == "zh" else _lower_first(indicator.name_en)
    rules = rules_of(indicator)
    if rules.year_on_year and is_rate(indicator):
        base = _growth_base(w, name)
        if base is not None:
            n = w.percent(abs(value), indicator.decimals)
            if value < 0:
                return w("%(name)s fell %(n)s year on year", name=base, n=n)
            return w("%(name)s grew %(n)s year on year", name=base, n=n)
    if rules.cumulative:
        return w("%(name)s reached %(n)s", name=name, n=amount(w, indicator, value))
    return w("%(name)s was %(n)s", name=name, n=amount(w, indicator, value))


def sentence(w: Words, s: GoalStatus) -> str | None:
    """One sentence in the register officials use, built from the same numbers as the table."""
    if s.latest is None:
        return None
    clauses = [
        w(
            "In %(period)s, %(what)s",
            period=period(w, s.goal.indicator, s.latest.period),
            what=figure_phrase(w, s),
        )
    ]
    clauses += [p for p in (on_last_year(w, s), gap(w, s, annual=True), change(w, s)) if p]
    text = w(", ").join(clauses)
    need = requirement(w, s)
    if need:
        text += w("; %(need)s to reach the annual target", need=need)
    return text + w(".")


def _growth_base(w: Words, name: str) -> str | None:
    if w.lang == "zh":
        return name.removesuffix("增速") if name.endswith("增速") else None
    for suffix in (", growth", " growth"):
        if name.endswith(suffix):
            return name.removesuffix(suffix)
    return None


def _lower_first(name: str) -> str:
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name

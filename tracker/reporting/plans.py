"""The report's 规划目标 section: each multi-year plan's goals in the words officials use
(pure; docs/status-rules.md, "Plan goals"): "十四五以来年均增长5.4%，后两年需年均增长6.9%",
"2023年末达到62.8%，按规划进度应达63.0%，后两年需年均提高1.1个百分点"."""

from collections.abc import Sequence

from tracker.domain.plans import Plan, PlanBasis, PlanStatus
from tracker.domain.status import Status
from tracker.domain.wording import STATUS_WORDS
from tracker.reporting import phrases
from tracker.reporting.context import PlanLine, PlanSection
from tracker.reporting.language import Words
from tracker.reporting.lines import COLOURS

# How many years are left, as a sentence counts them: 后两年.
YEARS_ZH = {1: "一", 2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九"}


def plan_sections(
    w: Words, plans: Sequence[tuple[Plan, Sequence[PlanStatus]]]
) -> tuple[PlanSection, ...]:
    """One section per plan with goals, in the order given."""
    return tuple(
        PlanSection(plan.key, _name(w, plan), tuple(plan_line(w, s) for s in statuses))
        for plan, statuses in plans
        if statuses
    )


def _name(w: Words, plan: Plan) -> str:
    name = plan.name_zh if w.lang == "zh" else plan.name_en
    return w("%(name)s (%(first)s–%(last)s)", name=name, first=plan.first, last=plan.last)


def plan_line(w: Words, s: PlanStatus) -> PlanLine:
    goal, indicator = s.goal, s.goal.indicator
    colour, background = COLOURS[s.status]
    return PlanLine(
        key=goal.key,
        name=indicator.name_zh if w.lang == "zh" else indicator.name_en,
        target=(goal.label_zh if w.lang == "zh" else goal.label_en) or _target(w, s),
        status=s.status.value,
        status_word=STATUS_WORDS[s.status].said(w.lang),
        colour=colour,
        background=background,
        text=plan_text(w, s),
    )


def _target(w: Words, s: PlanStatus) -> str:
    goal, indicator = s.goal, s.goal.indicator
    if goal.basis is PlanBasis.ANNUAL_AVERAGE:
        return w("%(n)s a year on average", n=w.percent(goal.target, 1))
    if goal.basis is PlanBasis.END_LEVEL:
        return w("%(n)s by %(year)s", n=phrases.amount(w, indicator, goal.target),
                 year=s.plan.last)  # fmt: skip
    return w("%(n)s in all", n=phrases.amount(w, indicator, goal.target))


def plan_text(w: Words, s: PlanStatus) -> str:
    """Where the goal stands in a sentence, and what the remaining years need."""
    if s.status is Status.NO_DATA:
        if s.goal.basis is PlanBasis.END_LEVEL and s.baseline is None:
            return phrases.missing_baseline(w, s.plan.first - 1)
        return w("no year of the plan has its final figure yet")
    said = _SAID[s.goal.basis](w, s)
    if s.required is None or s.years_left == 0:
        return said
    return w("%(said)s; %(need)s", said=said, need=_required(w, s))


def _plan(w: Words, s: PlanStatus) -> str:
    return s.plan.short_zh if w.lang == "zh" else s.plan.name_en


def _average(w: Words, s: PlanStatus) -> str:
    assert s.score is not None
    values = {"plan": _plan(w, s), "n": w.percent(s.score, 1)}
    if s.final:
        return w("over the %(plan)s, %(n)s a year on average", **values)
    return w("%(n)s a year on average since the %(plan)s began", **values)


def _level(w: Words, s: PlanStatus) -> str:
    assert s.score is not None
    assert s.expected is not None
    indicator = s.goal.indicator
    year = s.finals[-1].period.year
    n = phrases.amount(w, indicator, s.score)
    if s.final:
        return w("%(n)s at the end of %(year)s", n=n, year=year)
    expected = phrases.amount(w, indicator, s.expected)
    return w("%(n)s at the end of %(year)s, %(expected)s by the plan's pace", n=n, year=year,
             expected=expected)  # fmt: skip


def _sum(w: Words, s: PlanStatus) -> str:
    assert s.score is not None
    assert s.expected is not None
    indicator = s.goal.indicator
    values = {"plan": _plan(w, s), "n": phrases.amount(w, indicator, s.score)}
    if s.final:
        return w("%(n)s in all over the %(plan)s", **values)
    expected = phrases.amount(w, indicator, s.expected)
    return w("%(n)s in all since the %(plan)s began, %(expected)s by the plan's pace",
             expected=expected, **values)  # fmt: skip


_SAID = {
    PlanBasis.ANNUAL_AVERAGE: _average,
    PlanBasis.END_LEVEL: _level,
    PlanBasis.CUMULATIVE: _sum,
}


def _required(w: Words, s: PlanStatus) -> str:
    """'后两年需年均增长6.9%', '后两年需年均提高1.1个百分点', '后两年需年均3,850人'."""
    assert s.required is not None
    left = s.years_left
    years = YEARS_ZH.get(left, str(left)) if w.lang == "zh" else str(left)
    indicator = s.goal.indicator
    if s.goal.basis is PlanBasis.ANNUAL_AVERAGE:
        n = w.percent(s.required, 1)
        return w.plural("the last %(years)s year needs growth of %(g)s",
                        "the last %(years)s years need growth of %(g)s a year",
                        left, years=years, g=n)  # fmt: skip
    if s.goal.basis is PlanBasis.END_LEVEL:
        n = phrases.difference(w, indicator, s.required)
        return w.plural("the last %(years)s year needs %(d)s more",
                        "the last %(years)s years need %(d)s more a year",
                        left, years=years, d=n)  # fmt: skip
    n = phrases.amount(w, indicator, s.required)
    return w.plural("the last %(years)s year needs %(d)s",
                    "the last %(years)s years need %(d)s a year",
                    left, years=years, d=n)  # fmt: skip

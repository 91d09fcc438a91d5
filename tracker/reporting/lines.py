"""One goal as the report shows it: figure, target, gap, change, bars and trend chart (pure)."""

from tracker.domain.measures import is_rate
from tracker.domain.model import Comparator, Goal, Measure, TargetKind
from tracker.domain.severity import is_behind
from tracker.domain.status import GoalStatus, Status
from tracker.domain.wording import status_wording
from tracker.reporting import phrases
from tracker.reporting.context import Bar, Chart, Line
from tracker.reporting.language import Words, marked

COLOURS = {  # text on white, and the pale background of badges
    Status.ACHIEVED: ("#1b5e20", "#e8f5e9"),
    Status.ON_TRACK: ("#2e7d32", "#e8f5e9"),
    Status.AT_RISK: ("#8a4b00", "#fff3e0"),
    Status.LAGGING: ("#b71c1c", "#ffebee"),
    Status.MISSED: ("#b71c1c", "#ffebee"),
    Status.NO_DATA: ("#555555", "#f0f0f0"),
    Status.PENDING: ("#0d47a1", "#e3f2fd"),
    Status.NO_TARGET: ("#555555", "#f0f0f0"),
}
SIGNS = {
    Comparator.AT_LEAST: "≥ ",
    Comparator.AT_MOST: "≤ ",
    Comparator.ABOVE: "> ",
    Comparator.BELOW: "< ",
    Comparator.ABOUT: "≈ ",
}


def build_line(w: Words, s: GoalStatus, streak: int, n: int, charts: bool) -> Line:
    goal, indicator, latest = s.goal, s.goal.indicator, s.latest
    colour, background = COLOURS[s.status]
    marks = []
    if latest and latest.preliminary:
        marks.append(w("preliminary"))
    if latest and latest.revised:
        marks.append(w("revised"))
    return Line(
        key=goal.key,
        name=indicator.name_zh if w.lang == "zh" else indicator.name_en,
        owner=indicator.owner.name_zh if w.lang == "zh" else indicator.owner.name_en,
        status=s.status.value,
        status_word=status_wording(s).said(w.lang),
        colour=colour,
        background=background,
        period=phrases.period(w, indicator, latest.period) if latest else None,
        value=phrases.amount(w, indicator, latest.value) if latest else None,
        marks=tuple(marks),
        target=_target_with_change(w, goal),
        gap=phrases.gap(w, s),
        change=phrases.change(w, s),
        requirement=phrases.requirement(w, s),
        sentence=phrases.sentence(w, s) if is_behind(s.status) else None,
        note=latest.note if latest else None,
        source=latest.source if latest else None,
        overdue=phrases.period(w, indicator, s.overdue) if s.overdue else None,
        streak=streak,
        bars=_bars(w, s, colour),
        chart=_chart(w, s, n, colour) if charts else None,
    )


def _target_with_change(w: Words, goal: Goal) -> str:
    """The target in force, and when it replaced the one before: '5%左右（目标于2022年7月15日由
    5.5%左右调整）' (docs/status-rules.md, "Goals change during the year")."""
    text = _target(w, goal)
    if goal.due is not None:
        text = w("%(target)s (by %(day)s)", target=text, day=w.day(goal.due))
    if goal.previous is None or goal.effective is None:
        return text
    return w(
        "%(target)s (changed on %(day)s from %(old)s)",
        target=text,
        day=w.date(goal.effective),
        old=_target(w, goal.previous),
    )


def _target(w: Words, goal: Goal) -> str:
    """The target as configured (``label_zh`` / ``label_en``), else said from its kind."""
    label = goal.label_zh if w.lang == "zh" else goal.label_en
    if label:
        return label
    indicator = goal.indicator
    if goal.kind is TargetKind.ASSIGNED:
        return w("to be set by %(who)s", who=phrases.assigner(w, goal))
    if goal.kind is TargetKind.NONE:
        return w("no target")
    if indicator.measure is Measure.MILESTONE:
        return w("done")
    if goal.kind is TargetKind.QUALITATIVE:
        return w("qualitative")
    if goal.comparator is Comparator.BETWEEN and goal.target_high is not None:
        text = w(
            "%(low)s–%(high)s",
            low=phrases.amount(w, indicator, goal.target),
            high=phrases.amount(w, indicator, goal.target_high),
        )
    else:
        text = SIGNS[goal.comparator] + phrases.amount(w, indicator, goal.target)
    if goal.reference is not None:
        name = goal.reference.name_zh if w.lang == "zh" else goal.reference.name_en
        text = w("%(target)s against %(name)s", target=text, name=name)
    if goal.stretch_alone:
        return w("stretch: %(target)s", target=text)
    if goal.stretch is not None:
        stretch = phrases.amount(w, indicator, goal.stretch)
        text = w("%(target)s (stretch: %(stretch)s)", target=text, stretch=stretch)
    return text


def _bars(w: Words, s: GoalStatus, colour: str) -> tuple[Bar, ...]:
    """Progress against the target (counts: against the expected count and the annual target).

    None for a negative score: "-33% of the target" says nothing the gap does not say better."""
    goal = s.goal
    if s.score is None or s.score < 0 or not goal.comparator.upward or goal.reference:
        return ()
    if goal.share_of is not None:  # a level in percent: said in points, never "X% of target"
        return ()
    against = [(marked("%(share)s of target"), s.goal.target)]
    if s.expected is not None:
        against.insert(0, (marked("%(share)s of expected"), s.expected))
    bars = []
    for label, reference in against:
        if reference <= 0:
            continue
        share = s.score / reference * 100
        width = max(0, min(100, round(share)))
        bars.append(Bar(width, w(label, share=w.percent(share, 0)), colour))
    return tuple(bars)


def _chart(w: Words, s: GoalStatus, n: int, colour: str) -> Chart | None:
    if len(s.series) < 2:
        return None
    indicator = s.goal.indicator
    points = w(", ").join(
        f"{phrases.period(w, indicator, f.period)} {phrases.amount(w, indicator, f.value)}"
        for f in s.series
    )
    rate = (
        is_rate(indicator)
        and s.goal.basis.value == "value"
        and s.goal.kind is TargetKind.NUMBER
        and s.goal.reference is None
    )
    target = phrases.amount(w, indicator, s.goal.target)
    name = indicator.name_zh if w.lang == "zh" else indicator.name_en
    alt = w("%(name)s, %(year)s: %(points)s", name=name, year=s.goal.year, points=points)
    if rate:
        alt += w("; target %(target)s", target=target)
    return Chart(
        cid=f"chart{n}.{s.as_of:%Y%m%d}@tracker",
        values=tuple(float(f.value) for f in s.series),
        target=float(s.goal.target) if rate else None,
        colour=colour,
        alt=alt,
    )

"""Each goal's year as a chart to draw (``charts.svg``), and the scale every rate chart of a
report shares (pure).

Rates (growth and levels in percent) are drawn on one scale: the lowest and highest of their
figures and targets, with a little room, so that a gap of 14 points and a gap of 1.3 points look
as different as they are. A count or stock is drawn from zero (or its lowest figure, when that is
negative) to its annual target or its highest figure. A rank is not drawn: its figure list says it.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from tracker.domain.measures import GapUnit, gap_unit, is_rate
from tracker.domain.model import Goal, TargetKind
from tracker.domain.status import GoalStatus
from tracker.reporting import phrases
from tracker.reporting.context import Chart
from tracker.reporting.language import Words

ROOM = 0.08  # of the span, above and below the extremes
EVERY_OTHER = 7  # more periods than this: every other one labelled (and the last)


@dataclass(frozen=True)
class Scale:
    """The ends of the scale shared by a report's rate charts."""

    low: float
    high: float


def rate_scale(statuses: Sequence[GoalStatus]) -> Scale | None:
    """The scale of every rate chart among ``statuses``; None when none has two figures."""
    values = [
        v
        for s in statuses
        if _drawn(s) and is_rate(s.goal.indicator)
        for v in (*(float(f.value) for f in s.series), *_target(s.goal))
    ]
    return _padded(min(values), max(values)) if values else None


def chart(w: Words, s: GoalStatus, colour: str, rates: Scale | None) -> Chart | None:
    """The chart of a goal with two figures or more this year; None for the others and for a
    rank. ``rates``: the report's rate scale (``rate_scale``)."""
    if not _drawn(s):
        return None
    indicator = s.goal.indicator
    values = [float(f.value) for f in s.series]
    target = _target(s.goal)
    if is_rate(indicator) and rates is not None:
        scale = rates
    else:
        scale = _padded(min(0.0, *values), max(*values, *target))
        scale = Scale(min(0.0, *values), scale.high)
    points = tuple(
        (_label(w, f.period.end_month, f.period.months, k, len(values)), v)
        for k, (f, v) in enumerate(zip(s.series, values, strict=True))
    )

    def said(value: float) -> str:
        return _amount(w, s, value)

    name = indicator.name_zh if w.lang == "zh" else indicator.name_en
    figures = w(", ").join(
        f"{phrases.period(w, indicator, f.period)} {phrases.amount(w, indicator, f.value)}"
        for f in s.series
    )
    alt = w("%(name)s, %(year)s: %(points)s", name=name, year=s.goal.year, points=figures)
    target_label = ""
    if target:
        target_label = w("target %(target)s", target=said(target[0]))
        alt += w("; target %(target)s", target=said(target[0]))
    return Chart(
        points=points,
        target=target[0] if target else None,
        target_label=target_label,
        last_label=phrases.amount(w, indicator, s.series[-1].value),
        low=scale.low,
        high=scale.high,
        low_label=said(scale.low),
        high_label=said(scale.high),
        colour=colour,
        alt=alt,
    )


def _drawn(s: GoalStatus) -> bool:
    """Whether the goal gets a chart: two figures or more this year, and not a rank."""
    return len(s.series) >= 2 and gap_unit(s.goal.indicator) is not GapUnit.PLACES


def _target(goal: Goal) -> tuple[float, ...]:
    """The target line: the goal's one number, for a goal on its figure's own value."""
    simple = (
        goal.kind is TargetKind.NUMBER
        and goal.basis.value == "value"
        and goal.reference is None
        and goal.reference_place is None
        and goal.rank_among is None
        and goal.target_high is None
    )
    return (float(goal.target),) if simple else ()


def _padded(low: float, high: float) -> Scale:
    room = max((high - low) * ROOM, 0.5)
    return Scale(low - room, high + room)


def _label(w: Words, month: int, months: int, k: int, n: int) -> str:
    """The period under a dot: '6月' / 'Jun', '二季度' / 'Q2'; every other one when there are
    many (always the last)."""
    if n > EVERY_OTHER and (n - 1 - k) % 2:
        return ""
    if months == 3:
        return w("Q%(n)s", n=month // 3)
    if months == 12:
        return ""
    return w.short_month(month)


def _amount(w: Words, s: GoalStatus, value: float) -> str:
    """A value on the chart's scale, in the indicator's unit, rounded for a label."""
    from decimal import Decimal

    indicator = s.goal.indicator
    if is_rate(indicator):
        return w.percent(Decimal(f"{value:.1f}"), 1)
    return phrases.amount(w, indicator, Decimal(round(value)))

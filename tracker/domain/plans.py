"""Multi-year plan goals (十四五期间年均增长6%; 到2025年城镇化率达到65%; 五年累计新增就业2万人):
the years' final figures against a plan's target (docs/status-rules.md, "Plan goals").

A plan (``config/plans/<name>.toml``) names its years, first and last; each goal scores one
indicator's final figures of the years done so far (a year is done once its final figure,
the annual, Q4 or December one, is known):

- ``annual_average``: the geometric mean of the years' growth so far, against the target
  average; the remaining years must average ``required``;
- ``end_level``: the latest year's level against the level expected by then, paced linearly
  from the plan's baseline year (the year before its first) to the target in its last; the
  remaining years must each add ``required``;
- ``cumulative``: the sum of the years so far against the target × years done / years; the
  remaining years must each add ``required``.

The verdict is the usual one (on track, at risk, lagging; achieved or missed once the last
year is done), the bands percentage points (a share of the expected sum for a cumulative goal).
"""

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext

from tracker.domain.model import Comparator, Figure, Indicator
from tracker.domain.pace import year_end
from tracker.domain.places import HOME
from tracker.domain.status import Status

HUNDRED = Decimal(100)


class PlanBasis(enum.StrEnum):
    """How a plan goal adds up its years."""

    ANNUAL_AVERAGE = "annual_average"  # 年均增长6%
    END_LEVEL = "end_level"  # 到2025年达到65%
    CUMULATIVE = "cumulative"  # 五年累计新增就业2万人


@dataclass(frozen=True)
class PlanGoal:
    """One goal of a plan: ``key`` (its indicator's, or its own with ``indicator``)."""

    key: str
    indicator: Indicator
    basis: PlanBasis
    target: Decimal
    comparator: Comparator = Comparator.AT_LEAST
    tolerance: Decimal = Decimal(0)
    warning: Decimal = Decimal(1)  # points; a cumulative goal's: a share of the expected sum
    label_zh: str = ""
    label_en: str = ""


@dataclass(frozen=True)
class Plan:
    """A plan: its key (the file's name), names, years and goals, of a place (stored key)."""

    key: str
    name_zh: str
    name_en: str
    first: int
    last: int
    goals: tuple[PlanGoal, ...]
    place: str = HOME

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(range(self.first, self.last + 1))

    @property
    def short_zh(self) -> str:
        """The plan as a sentence names it: '十四五规划' → '十四五'."""
        return self.name_zh.removesuffix("规划") or self.name_zh


@dataclass(frozen=True)
class PlanStatus:
    """Where a plan goal stands as of a date.

    ``finals``: the final figure of each year done, oldest first; ``score``: the average
    growth so far (%), the latest level, or the sum; ``expected``: what the plan's pace asks
    by the last year done (the target average itself for an average); ``required``: what each
    remaining year must average or add (None when none is left, or nothing can be said);
    ``baseline``: the year before the plan's (an end level paces from it).
    """

    goal: PlanGoal
    plan: Plan
    as_of: date
    status: Status
    finals: tuple[Figure, ...] = ()
    score: Decimal | None = None
    expected: Decimal | None = None
    required: Decimal | None = None
    baseline: Figure | None = None

    @property
    def years_done(self) -> tuple[int, ...]:
        return tuple(f.period.year for f in self.finals)

    @property
    def years_left(self) -> int:
        return len(self.plan.years) - len(self.finals)

    @property
    def final(self) -> bool:
        return self.years_left == 0


def evaluate_plan(plan: Plan, goal: PlanGoal, figures: Sequence[Figure], as_of: date) -> PlanStatus:
    """The plan goal as of ``as_of`` from its indicator's figures (any years, one per period,
    oldest first): the final figure of each of the plan's years ended and known by then."""
    known = [f for f in figures if f.period.end <= as_of]
    finals = tuple(final for year in plan.years if (final := _final(known, year)) is not None)
    baseline = _final(known, plan.first - 1)
    if not finals or (goal.basis is PlanBasis.END_LEVEL and baseline is None):
        return PlanStatus(goal, plan, as_of, Status.NO_DATA, finals, baseline=baseline)
    score, expected, required = _SCORERS[goal.basis](plan, goal, finals, baseline)
    status = _verdict(goal, score, expected, final=len(finals) == len(plan.years))
    return PlanStatus(goal, plan, as_of, status, finals, score, expected, required, baseline)


def _final(known: Sequence[Figure], year: int) -> Figure | None:
    return year_end([f for f in known if f.period.year == year])


Scored = tuple[Decimal, Decimal, Decimal | None]


def _average(plan: Plan, goal: PlanGoal, finals: tuple[Figure, ...], _: Figure | None) -> Scored:
    """The years' average growth (a geometric mean, %), and what the rest must average."""
    with localcontext() as ctx:
        ctx.prec = 28
        grown = Decimal(1)
        for final in finals:
            grown *= 1 + final.value / HUNDRED
        done, years = len(finals), len(plan.years)
        average = (grown ** (Decimal(1) / done) - 1) * HUNDRED
        required = None
        if done < years and grown > 0:
            whole = (1 + goal.target / HUNDRED) ** years
            required = ((whole / grown) ** (Decimal(1) / (years - done)) - 1) * HUNDRED
    return _round(average), goal.target, None if required is None else _round(required)


def _level(
    plan: Plan, goal: PlanGoal, finals: tuple[Figure, ...], baseline: Figure | None
) -> Scored:
    """The latest level, the level paced from the baseline year by then, and what each
    remaining year must add."""
    assert baseline is not None
    latest = finals[-1]
    span = plan.last - (plan.first - 1)
    elapsed = latest.period.year - (plan.first - 1)
    expected = baseline.value + (goal.target - baseline.value) * elapsed / span
    left = plan.last - latest.period.year
    required = (goal.target - latest.value) / left if left > 0 else None
    return latest.value, _round(expected), None if required is None else _round(required)


def _sum(plan: Plan, goal: PlanGoal, finals: tuple[Figure, ...], _: Figure | None) -> Scored:
    """The years' sum, the target paced by the years done, and what each remaining year must
    add."""
    total = sum((f.value for f in finals), Decimal(0))
    years = len(plan.years)
    expected = goal.target * len(finals) / years
    left = years - len(finals)
    required = (goal.target - total) / left if left > 0 else None
    return total, _round(expected), None if required is None else _round(required)


_SCORERS = {
    PlanBasis.ANNUAL_AVERAGE: _average,
    PlanBasis.END_LEVEL: _level,
    PlanBasis.CUMULATIVE: _sum,
}


def _verdict(goal: PlanGoal, score: Decimal, expected: Decimal, *, final: bool) -> Status:
    """The verdict of docs/status-rules.md, "The verdict": the score against what the plan's
    pace asks by now (``expected``), a floor or a ceiling."""
    tolerance, warning = goal.tolerance, goal.warning
    if goal.basis is PlanBasis.CUMULATIVE:  # bands are shares of the expected sum
        tolerance, warning = abs(expected) * tolerance, abs(expected) * warning
    against = goal.target if final else expected
    margin = score - against if goal.comparator.upward else against - score
    if final:
        return Status.ACHIEVED if margin >= -tolerance else Status.MISSED
    if margin >= -tolerance:
        return Status.ON_TRACK
    return Status.AT_RISK if margin >= -(tolerance + warning) else Status.LAGGING


def _round(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))

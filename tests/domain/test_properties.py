"""Invariants of the status rules, numbers and periods, checked on generated cases."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain.model import Basis, Comparator, Figure, Goal, Measure, Pace
from tracker.domain.numbers import parse_number, plain
from tracker.domain.periods import Cadence, Period, periods_of_year
from tracker.domain.status import GoalStatus, Status, evaluate

from .builders import make_goal, make_indicator

FAST = settings(max_examples=100, deadline=None)

# Better is higher. NO_DATA is not on the scale: it never depends on a value.
RANK_OF = {
    Status.MISSED: 0,
    Status.LAGGING: 1,
    Status.AT_RISK: 2,
    Status.ON_TRACK: 3,
    Status.ACHIEVED: 4,
}

# The comparators with a direction: a higher score is better or worse throughout.
ONE_SIDED = [Comparator.AT_LEAST, Comparator.AT_MOST, Comparator.ABOVE, Comparator.BELOW]
YEARS = st.integers(min_value=2019, max_value=2025)  # 2020 and 2024 are leap years


def amounts(min_value: int = -1000, max_value: int = 100_000) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=min_value, max_value=max_value, places=2)


def shares() -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=0, max_value=3, places=2)


# The measures scored by a number: a milestone is done on a day, or not (its own tests are in
# tests/domain/test_milestones.py).
NUMBERED = tuple(m for m in Measure if m is not Measure.MILESTONE)


@st.composite
def goals(draw: st.DrawFn, measures: tuple[Measure, ...] = NUMBERED) -> Goal:
    measure = draw(st.sampled_from(measures))
    cadence = draw(st.sampled_from(list(Cadence)))
    start_month = draw(st.sampled_from([1, 2])) if cadence is Cadence.MONTHLY else 1
    indicator = make_indicator(
        measure=measure,
        cadence=cadence,
        start_month=start_month,
        lag_days=draw(st.integers(min_value=0, max_value=120)),
    )
    target = draw(
        amounts(1, 10_000) if measure is Measure.COUNT else st.decimals(-20, 20, places=1)
    )
    return make_goal(
        indicator,
        target=target,
        comparator=draw(st.sampled_from(ONE_SIDED)),
        tolerance=draw(shares()),
        warning=draw(shares()),
        basis=Basis.VALUE if measure is Measure.COUNT else draw(st.sampled_from(list(Basis))),
        pace=draw(st.sampled_from(list(Pace))),
        year=draw(YEARS),
    )


def value_for(goal: Goal) -> st.SearchStrategy[Decimal]:
    if goal.indicator.measure is Measure.COUNT:
        return amounts(0, 20_000)
    if goal.indicator.measure is Measure.RANK:
        return st.decimals(min_value=1, max_value=500, places=0)
    return st.decimals(min_value=-50, max_value=100, places=2)


def periods_for(goal: Goal) -> st.SearchStrategy[Period]:
    ind = goal.indicator
    options = [
        p
        for year in (goal.year - 1, goal.year)
        for p in periods_of_year(year, ind.cadence, ind.start_month)
    ]
    options += [Period.year_of(goal.year - 1), Period.year_of(goal.year)]
    return st.sampled_from(options)


@st.composite
def figures_for(draw: st.DrawFn, goal: Goal) -> list[Figure]:
    """Well-formed figures: one per period, periods that fit the indicator's cadence."""
    chosen = draw(st.lists(periods_for(goal), unique=True, max_size=8))
    return [
        Figure(
            period=p,
            value=draw(value_for(goal)),
            amount=draw(st.none() | amounts(0, 100_000)),
            preliminary=draw(st.booleans()),
            revision=draw(st.integers(min_value=1, max_value=3)),
        )
        for p in chosen
    ]


def dates_around(goal: Goal) -> st.SearchStrategy[date]:
    return st.dates(date(goal.year - 1, 1, 1), date(goal.year + 1, 12, 31))


@st.composite
def cases(
    draw: st.DrawFn, measures: tuple[Measure, ...] = NUMBERED
) -> tuple[Goal, list[Figure], date]:
    goal = draw(goals(measures))
    return goal, draw(figures_for(goal)), draw(dates_around(goal))


@st.composite
def scored_cases(
    draw: st.DrawFn, measures: tuple[Measure, ...] = NUMBERED
) -> tuple[Goal, list[Figure], date]:
    """Cases whose as-of date has at least one figure of the goal's year: something to score."""
    goal, figures, _ = draw(cases(measures))
    period = draw(periods_for(goal).filter(lambda p: p.year == goal.year))
    latest = Figure(period, draw(value_for(goal)), amount=draw(st.none() | amounts(0, 100_000)))
    figures = [f for f in figures if f.period != period] + [latest]
    as_of = period.end + timedelta(days=draw(st.integers(min_value=0, max_value=400)))
    return goal, figures, as_of


def with_latest_value(figures: list[Figure], as_of: date, value: Decimal) -> list[Figure]:
    """The same figures, with the value of the latest one known by ``as_of`` replaced."""
    known = [f for f in figures if f.period.end <= as_of]
    latest = max(known, key=lambda f: f.period)
    return [replace(f, value=value) if f is latest else f for f in figures]


def latest_value(figures: list[Figure], goal: Goal, as_of: date) -> Decimal:
    known = [f for f in figures if f.period.end <= as_of and f.period.year == goal.year]
    return max(known, key=lambda f: f.period).value


def better_when_higher(goal: Goal) -> bool:
    """Whether a higher figure is better for this goal (a lower rank gains places)."""
    gains = goal.indicator.measure is Measure.RANK and goal.basis is Basis.CHANGE
    return goal.comparator.upward != gains


# --- The status engine ---------------------------------------------------------------------------


@FAST
@given(cases() | cases(measures=(Measure.COUNT,)))
def test_evaluate_never_raises_and_gives_one_of_the_six_statuses(
    case: tuple[Goal, list[Figure], date],
) -> None:
    goal, figures, as_of = case
    result = evaluate(goal, figures, as_of)
    assert isinstance(result, GoalStatus)
    assert result.status in set(Status)
    assert (result.status is Status.NO_DATA) == (result.score is None)
    if result.latest is not None:
        assert result.latest.period.year == goal.year
        assert result.latest.period.end <= as_of
        assert result.series[-1] == result.latest
    if result.final and result.score is not None:
        assert result.status in (Status.ACHIEVED, Status.MISSED)
    if result.status is Status.MISSED:
        assert result.final


@FAST
@given(scored_cases(), st.decimals(min_value=0, max_value=50, places=2))
def test_a_better_figure_never_makes_the_status_worse(
    case: tuple[Goal, list[Figure], date], step: Decimal
) -> None:
    goal, figures, as_of = case
    before = evaluate(goal, figures, as_of)
    if before.status is Status.NO_DATA:
        return
    value = latest_value(figures, goal, as_of)
    better = value + step if better_when_higher(goal) else value - step
    if goal.indicator.measure is Measure.COUNT and better < 0:
        return  # no negative counts
    if goal.indicator.measure is Measure.RANK and better < 1:
        return  # 1 is the best rank
    after = evaluate(goal, with_latest_value(figures, as_of, better), as_of)
    assert RANK_OF[after.status] >= RANK_OF[before.status]


@FAST
@given(scored_cases(measures=(Measure.GROWTH, Measure.LEVEL)))
def test_at_most_mirrors_at_least(case: tuple[Goal, list[Figure], date]) -> None:
    goal, figures, as_of = case
    mirrored = {
        Comparator.AT_LEAST: Comparator.AT_MOST,
        Comparator.AT_MOST: Comparator.AT_LEAST,
        Comparator.ABOVE: Comparator.BELOW,
        Comparator.BELOW: Comparator.ABOVE,
    }
    mirror = replace(goal, comparator=mirrored[goal.comparator], target=-goal.target)
    negated = [replace(f, value=-f.value) for f in figures]
    assert evaluate(mirror, negated, as_of).status == evaluate(goal, figures, as_of).status


@FAST
@given(scored_cases(), shares(), shares())
def test_wider_tolerance_or_warning_never_makes_the_status_worse(
    case: tuple[Goal, list[Figure], date], more_tolerance: Decimal, more_warning: Decimal
) -> None:
    goal, figures, as_of = case
    before = evaluate(goal, figures, as_of)
    if before.status is Status.NO_DATA:
        return
    for wider in (
        replace(goal, tolerance=goal.tolerance + more_tolerance),
        replace(goal, warning=goal.warning + more_warning),
    ):
        assert RANK_OF[evaluate(wider, figures, as_of).status] >= RANK_OF[before.status]


@FAST
@given(cases(), st.data())
def test_figures_of_periods_not_ended_by_the_as_of_date_change_nothing(
    case: tuple[Goal, list[Figure], date], data: st.DataObject
) -> None:
    goal, figures, as_of = case
    taken = {f.period for f in figures}
    future = [p for p in periods_of_year(goal.year, goal.indicator.cadence) if p.end > as_of]
    future += [
        p for p in (Period.year_of(goal.year - 1), Period.year_of(goal.year)) if p.end > as_of
    ]
    future = [p for p in future if p not in taken]
    if not future:
        return
    period = data.draw(st.sampled_from(future))
    extra = Figure(period, data.draw(value_for(goal)), amount=data.draw(amounts(0, 1000)))
    assert evaluate(goal, [*figures, extra], as_of) == evaluate(goal, figures, as_of)


@FAST
@given(cases(), st.randoms(use_true_random=False))
def test_the_order_of_the_figures_does_not_matter(
    case: tuple[Goal, list[Figure], date], rng: Random
) -> None:
    goal, figures, as_of = case
    shuffled = list(figures)
    rng.shuffle(shuffled)
    assert evaluate(goal, shuffled, as_of) == evaluate(goal, figures, as_of)


@FAST
@given(scored_cases(measures=(Measure.COUNT,)))
def test_a_count_at_or_above_its_target_is_achieved(case: tuple[Goal, list[Figure], date]) -> None:
    goal, figures, as_of = case
    goal = replace(goal, comparator=Comparator.AT_LEAST)
    reached = with_latest_value(figures, as_of, goal.target)
    assert evaluate(goal, reached, as_of).status is Status.ACHIEVED


@FAST
@given(scored_cases(measures=(Measure.COUNT,)))
def test_a_count_s_requirement_closes_the_gap_by_december(
    case: tuple[Goal, list[Figure], date],
) -> None:
    goal, figures, as_of = case
    result = evaluate(replace(goal, comparator=Comparator.AT_LEAST), figures, as_of)
    if result.requirement is None or result.requirement.per_month is None:
        return
    assert result.latest is not None
    delivered = result.latest.value + result.requirement.per_month * result.requirement.months_left
    assert abs(delivered - goal.target) < Decimal("1e-20")


@FAST
@given(
    YEARS,
    st.lists(st.integers(min_value=0, max_value=500), min_size=12, max_size=12),
    amounts(1, 10_000),
)
def test_a_seasonal_expected_count_rises_through_the_year_up_to_the_target(
    year: int, monthly: list[int], target: Decimal
) -> None:
    indicator = make_indicator("jobs", measure=Measure.COUNT)
    goal = make_goal(indicator, target=target, pace=Pace.SEASONAL, year=year)
    cumulative = [sum(monthly[: m + 1]) for m in range(12)]
    last_year = [
        Figure(Period.month(year - 1, m + 1), Decimal(c)) for m, c in enumerate(cumulative)
    ]
    expected = []
    for month in range(1, 12):
        period = Period.month(year, month)
        result = evaluate(goal, [*last_year, Figure(period, Decimal(0))], period.end)
        assert result.expected is not None
        expected.append(result.expected)
    assert expected == sorted(expected)
    assert all(0 <= e <= target for e in expected)


# --- Numbers and periods -------------------------------------------------------------------------

DECIMALS = st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12)
FULL_WIDTH = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")


@FAST
@given(DECIMALS)
def test_plain_text_parses_back_to_the_same_number(value: Decimal) -> None:
    assert parse_number(plain(value)) == value
    assert parse_number(plain(value) + "%") == value


@FAST
@given(DECIMALS)
def test_grouped_and_full_width_forms_parse_to_the_same_number(value: Decimal) -> None:
    grouped = format(value, ",f")
    assert parse_number(grouped) == value
    assert parse_number(grouped.translate(FULL_WIDTH) + "％") == value
    assert parse_number(f"  {plain(value)}  ".replace("-", "\u2212")) == value


@st.composite
def periods(draw: st.DrawFn) -> Period:
    year = draw(st.integers(min_value=1900, max_value=2999))
    kind = draw(st.sampled_from(list(Cadence)))
    if kind is Cadence.MONTHLY:
        return Period.month(year, draw(st.integers(min_value=1, max_value=12)))
    if kind is Cadence.QUARTERLY:
        return Period.quarter(year, draw(st.integers(min_value=1, max_value=4)))
    return Period.year_of(year)


@FAST
@given(periods())
def test_a_period_s_text_parses_back_to_the_same_period(period: Period) -> None:
    assert Period.parse(str(period)) == period
    assert Period.parse(str(period).lower()) == period


@FAST
@given(periods(), periods())
def test_periods_order_by_end_then_length(a: Period, b: Period) -> None:
    assert (a < b) == ((a.end, a.months) < (b.end, b.months))
    if a.end == b.end and a.months < b.months:
        assert a < b  # December < Q4 < the year


@FAST
@given(periods().filter(lambda p: p.year > 1900))
def test_a_year_earlier_keeps_the_kind_of_period(period: Period) -> None:
    earlier = period.a_year_earlier()
    assert (earlier.year, earlier.months, earlier.end_month) == (
        period.year - 1,
        period.months,
        period.end_month,
    )
    assert str(earlier)[4:] == str(period)[4:]

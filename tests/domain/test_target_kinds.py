"""The kinds of target of docs/status-rules.md, "Kinds of target", case by case."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain.model import Basis, Comparator, Figure, Goal, Measure, On, TargetKind
from tracker.domain.periods import Cadence, Period
from tracker.domain.status import Lack, Status, evaluate

from .builders import fig, make_goal, make_indicator, on

TRADE = make_goal(make_indicator("trade"), comparator=Comparator.ABOVE, target=0)
ENERGY_DOWN = make_goal(make_indicator("energy"), comparator=Comparator.BELOW, target=0)
FLAT = make_goal(make_indicator("grain"), comparator=Comparator.ABOUT, target=0, tolerance="0.5")
RANGE = make_goal(
    make_indicator("gdp", cadence=Cadence.QUARTERLY),
    comparator=Comparator.BETWEEN,
    target=5,
    target_high=Decimal(6),
)
CEILING = make_goal(
    make_indicator("cpi"),
    comparator=Comparator.BETWEEN,
    target=2,
    target_high=Decimal(3),
    ceiling=True,
)
STRETCH = make_goal(make_indicator("industry"), target=8, stretch=Decimal(10))
ASSIGNED = make_goal(make_indicator("energy"), target=0, kind=TargetKind.ASSIGNED)
UNTARGETED = make_goal(make_indicator("gdp"), target=0, kind=TargetKind.NONE)
INCOME = make_goal(
    make_indicator("income", cadence=Cadence.QUARTERLY),
    comparator=Comparator.ABOUT,
    target=0,
    tolerance="0.5",
    reference=make_indicator("gdp", cadence=Cadence.QUARTERLY),
)
SALES = make_goal(
    make_indicator("sales", measure=Measure.COUNT, unit="亿元"),
    target=150,
    basis=Basis.SAME_PERIOD,
    warning="0.1",
)
PATENTS = make_goal(
    make_indicator("patents", measure=Measure.STOCK, unit="件"), target=280, warning="0.05"
)
REVENUE_AMOUNT = make_goal(
    make_indicator("revenue", measure=Measure.COUNT, unit="亿元"),
    target=20,
    warning="0.1",
    own_key="revenue_total",
    on=On.AMOUNT,
)


def status_of(goal: Goal, figures: list[Figure], as_of: str) -> Status:
    return evaluate(goal, figures, on(as_of)).status


# --- strictly above, strictly below --------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "value", "expected"),
    [
        ("2020-06", "0.1", Status.ON_TRACK),
        ("2020-06", "0.0", Status.AT_RISK),  # 0.0 is not growth
        ("2020-06", "-0.9", Status.AT_RISK),
        ("2020-06", "-1.0", Status.LAGGING),
        ("2020-12", "0.1", Status.ACHIEVED),
        ("2020-12", "0.0", Status.MISSED),
    ],
)
def test_it_counts_only_growth_strictly_above_zero_as_positive_growth(
    period: str, value: str, expected: Status
) -> None:
    assert status_of(TRADE, [fig(period, value)], "2021-01-31") is expected


@pytest.mark.parametrize(("value", "expected"), [("-0.1", Status.ACHIEVED), ("0.0", Status.MISSED)])
def test_it_counts_only_a_fall_strictly_below_zero_as_continuing_to_fall(
    value: str, expected: Status
) -> None:
    assert status_of(ENERGY_DOWN, [fig("2020-12", value)], "2021-01-31") is expected


# --- about, two-sided ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0.5", Status.ON_TRACK),
        ("-0.5", Status.ON_TRACK),
        ("1.5", Status.AT_RISK),  # the warning band lies on both sides
        ("-1.5", Status.AT_RISK),
        ("1.6", Status.LAGGING),
        ("-1.6", Status.LAGGING),
    ],
)
def test_it_holds_an_about_target_within_its_tolerance_on_both_sides(
    value: str, expected: Status
) -> None:
    assert status_of(FLAT, [fig("2020-06", value)], "2020-07-31") is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0.5", Status.ACHIEVED), ("-0.5", Status.ACHIEVED), ("0.6", Status.MISSED)],
)
def test_it_misses_an_about_target_by_overshooting_it_too(value: str, expected: Status) -> None:
    assert status_of(FLAT, [fig("2020-12", value)], "2021-01-31") is expected


# --- between -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected", "gap"),
    [
        ("5.0", Status.ON_TRACK, "0"),  # both ends are inside
        ("6.0", Status.ON_TRACK, "0"),
        ("4.6", Status.AT_RISK, "-0.4"),  # below the range: behind, as for a floor
        ("3.9", Status.LAGGING, "-1.1"),
        ("6.5", Status.ON_TRACK, "0.5"),  # above a growth range: still on track
    ],
)
def test_it_scores_a_range_from_its_nearer_end(value: str, expected: Status, gap: str) -> None:
    result = evaluate(RANGE, [fig("2020-Q2", value)], on("2020-07-31"))
    assert (result.status, result.gap) == (expected, Decimal(gap))


@pytest.mark.parametrize(
    ("period", "value", "expected"),
    [
        ("2020-06", "3.0", Status.ON_TRACK),
        ("2020-06", "3.8", Status.AT_RISK),
        ("2020-06", "4.1", Status.LAGGING),
        ("2020-12", "3.1", Status.MISSED),
        ("2020-12", "2.0", Status.ACHIEVED),
        ("2020-12", "1.9", Status.MISSED),
    ],
)
def test_it_counts_above_a_range_with_a_ceiling_as_behind(
    period: str, value: str, expected: Status
) -> None:
    assert status_of(CEILING, [fig(period, value)], "2021-01-31") is expected


# --- stretch -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected", "met"),
    [
        ("10.0", Status.ACHIEVED, True),
        ("9.9", Status.ACHIEVED, False),
        ("7.9", Status.MISSED, False),
    ],
)
def test_it_judges_the_floor_and_says_whether_the_stretch_is_met(
    value: str, expected: Status, met: bool
) -> None:
    result = evaluate(STRETCH, [fig("2020-12", value)], on("2021-01-31"))
    assert (result.status, result.stretch_met) == (expected, met)


def test_it_says_nothing_of_a_stretch_a_goal_does_not_have() -> None:
    plain = make_goal(make_indicator("industry"), target=8)
    assert evaluate(plain, [fig("2020-06", 12)], on("2020-07-31")).stretch_met is None


# --- assigned, none ------------------------------------------------------------------------


def test_it_keeps_an_assigned_goal_pending_and_shows_its_figure() -> None:
    result = evaluate(ASSIGNED, [fig("2020-06", "6.1")], on("2020-07-31"))
    assert result.status is Status.PENDING
    assert result.latest is not None
    assert result.latest.value == Decimal("6.1")
    assert result.score is None


def test_it_keeps_an_assigned_goal_pending_before_any_figure() -> None:
    assert status_of(ASSIGNED, [], "2020-07-31") is Status.PENDING


def test_it_tracks_a_goal_without_a_target_with_its_figure_and_change() -> None:
    result = evaluate(UNTARGETED, [fig("2020-05", "2.0"), fig("2020-06", "2.5")], on("2020-07-31"))
    assert result.status is Status.NO_TARGET
    assert result.change == Decimal("0.5")


def test_it_gives_no_verdict_on_a_goal_without_a_target_at_the_years_end() -> None:
    assert status_of(UNTARGETED, [fig("2020-12", "-6.8")], "2021-01-31") is Status.NO_TARGET


# --- relative to another indicator ---------------------------------------------------------


@pytest.mark.parametrize(
    ("income", "expected", "score"),
    [
        ("6.1", Status.ON_TRACK, "0.2"),  # 基本同步: 0.2 points above GDP
        ("5.4", Status.ON_TRACK, "-0.5"),
        ("4.8", Status.AT_RISK, "-1.1"),
    ],
)
def test_it_scores_a_relative_goal_against_the_reference_of_the_same_period(
    income: str, expected: Status, score: str
) -> None:
    gdp = [fig("2020-Q1", "-6.8"), fig("2020-Q2", "5.9")]
    result = evaluate(INCOME, [fig("2020-Q2", income)], on("2020-07-31"), gdp)
    assert (result.status, result.score) == (expected, Decimal(score))
    assert result.compared_with == fig("2020-Q2", "5.9")


def test_it_says_a_relative_goal_lacks_the_reference_of_the_same_period() -> None:
    gdp = [fig("2020-Q1", "-6.8")]  # Q2 not yet recorded
    result = evaluate(INCOME, [fig("2020-Q2", "6.1")], on("2020-07-31"), gdp)
    assert result.status is Status.NO_DATA
    assert result.missing is not None
    assert (result.missing.lack, result.missing.indicator) == (Lack.REFERENCE, "gdp")
    assert result.missing.period == Period.quarter(2020, 2)


# --- net increase over the same period -----------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("475", Status.ON_TRACK),  # net increase 75 = expected 150 × 6/12
        ("470", Status.AT_RISK),  # 70: within 10% of 75
        ("460", Status.LAGGING),
    ],
)
def test_it_scores_a_net_increase_over_last_years_same_period(value: str, expected: Status) -> None:
    figures = [fig("2019-06", 400), fig("2019-12", 900), fig("2020-06", value)]
    result = evaluate(SALES, figures, on("2020-07-31"))
    assert result.status is expected
    assert result.score == Decimal(value) - 400


def test_it_says_a_net_increase_lacks_last_years_same_period() -> None:
    result = evaluate(SALES, [fig("2019-12", 900), fig("2020-06", 470)], on("2020-07-31"))
    assert result.status is Status.NO_DATA
    assert result.missing is not None
    assert (result.missing.lack, result.missing.period) == (Lack.SAME_PERIOD, Period.month(2019, 6))


# --- stock at the period's end -------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("270", Status.ON_TRACK),  # 260 + (280 − 260) × 6/12 = 270
        ("257", Status.AT_RISK),  # within 5% of 270 (13.5)
        ("256", Status.LAGGING),
    ],
)
def test_it_paces_a_stock_from_last_years_year_end_level(value: str, expected: Status) -> None:
    result = evaluate(PATENTS, [fig("2019-12", 260), fig("2020-06", value)], on("2020-07-31"))
    assert (result.status, result.expected) == (expected, Decimal(270))


def test_it_never_counts_a_stock_achieved_before_the_years_end() -> None:
    figures = [fig("2019-12", 260), fig("2020-06", 290), fig("2020-07", 275)]
    assert status_of(PATENTS, figures, "2020-08-31") is Status.ON_TRACK  # 275 vs 271.67
    assert status_of(PATENTS, [*figures, fig("2020-12", 279)], "2021-01-31") is Status.MISSED


def test_it_says_a_stock_lacks_last_years_level() -> None:
    result = evaluate(PATENTS, [fig("2020-06", 270)], on("2020-07-31"))
    assert result.missing is not None
    assert (result.missing.lack, result.missing.period) == (Lack.BASELINE, Period.year_of(2019))


# --- a second goal on the amount -----------------------------------------------------------


def test_it_scores_a_goal_on_the_amount_as_a_count() -> None:
    figures = [fig("2020-06", "12.5", amount="10.5"), fig("2020-12", "12.1", amount="20.4")]
    assert evaluate(REVENUE_AMOUNT, figures[:1], on("2020-07-31")).expected == 10
    assert status_of(REVENUE_AMOUNT, figures[:1], "2020-07-31") is Status.ON_TRACK
    assert status_of(REVENUE_AMOUNT, figures, "2021-01-31") is Status.ACHIEVED
    assert REVENUE_AMOUNT.key == "revenue_total"


def test_it_skips_figures_recorded_without_an_amount_for_a_goal_on_the_amount() -> None:
    assert status_of(REVENUE_AMOUNT, [fig("2020-06", "12.5")], "2020-07-31") is Status.NO_DATA


# --- properties ----------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(
    st.decimals(min_value=-10, max_value=20, places=1),
    st.decimals(min_value=0, max_value=5, places=1),
    st.sampled_from(["2020-06", "2020-12"]),
)
def test_a_higher_figure_never_makes_a_range_without_ceiling_worse(
    value: Decimal, step: Decimal, period: str
) -> None:
    order = [Status.MISSED, Status.LAGGING, Status.AT_RISK, Status.ON_TRACK, Status.ACHIEVED]
    goal = make_goal(make_indicator(), comparator=Comparator.BETWEEN, target=5, target_high=6)
    before = status_of(goal, [fig(period, value)], "2021-01-31")
    after = status_of(goal, [fig(period, value + step)], "2021-01-31")
    assert order.index(after) >= order.index(before)


@settings(max_examples=100, deadline=None)
@given(st.decimals(min_value=-10, max_value=10, places=1))
def test_an_about_target_is_symmetric(offset: Decimal) -> None:
    assert status_of(FLAT, [fig("2020-06", offset)], "2020-07-31") is status_of(
        FLAT, [fig("2020-06", -offset)], "2020-07-31"
    )


STRETCH_ALONE = make_goal(make_indicator("industry"), target=10, stretch=Decimal(10))


@pytest.mark.parametrize(
    ("period", "value", "status"),
    [
        ("2020-06", "10.2", Status.ON_TRACK),
        ("2020-06", "9.4", Status.AT_RISK),
        ("2020-06", "8.6", Status.LAGGING),
        ("2020-12", "10.0", Status.ACHIEVED),
        ("2020-12", "9.4", Status.AT_RISK),  # short by less than the warning: not missed
        ("2020-12", "8.6", Status.MISSED),
    ],
)
def test_a_stretch_alone_is_scored_against_the_stretch_and_soft_at_the_year_s_end(
    period: str, value: str, status: Status
) -> None:
    assert STRETCH_ALONE.stretch_alone
    assert status_of(STRETCH_ALONE, [fig(period, value)], "2021-01-31") == status

"""A count's expected value (time-proportional or seasonal) and what the rest of the year needs."""

from decimal import Decimal

import pytest

from tracker.domain.model import Comparator, Figure, Goal, Measure, Pace
from tracker.domain.status import Status, evaluate

from .builders import (
    GDP,
    INDUSTRY,
    JOBS,
    fig,
    make_goal,
    make_indicator,
    on,
)


def status(goal: Goal, figures: list[Figure], as_of: str) -> Status:
    return evaluate(goal, figures, on(as_of)).status


# --- Seasonal pace -------------------------------------------------------------------------------

SEASONAL_JOBS = make_goal(JOBS.indicator, target=4300, warning="0.1", pace=Pace.SEASONAL)


def test_a_seasonal_count_follows_last_year_s_share_by_the_same_month() -> None:
    # 2019: 1,800 by June out of 4,000 → 45% → 2020 expects 4,300 × 0.45 = 1,935 by June.
    last_year = [fig("2019-06", 1800), fig("2019-12", 4000)]
    result = evaluate(SEASONAL_JOBS, [*last_year, fig("2020-06", 1935)], on("2020-07-25"))
    assert result.expected == Decimal(1935)
    assert result.status == Status.ON_TRACK
    # The same 1,935 is only at risk against the time-proportional 2,150.
    assert status(JOBS, [*last_year, fig("2020-06", 1935)], "2020-07-25") == Status.AT_RISK


def test_a_seasonal_count_prefers_last_year_s_annual_figure_as_its_total() -> None:
    last_year = [fig("2019-06", 1800), fig("2019-12", 3900), fig("2019", 4000)]
    result = evaluate(SEASONAL_JOBS, [*last_year, fig("2020-06", 1900)], on("2020-07-25"))
    assert result.expected == Decimal(1935)


def test_a_seasonal_count_in_a_leap_february_uses_last_year_s_february() -> None:
    # 2019: 500 by February out of 4,000 → 12.5% → 4,300 × 0.125 = 537.5.
    last_year = [fig("2019-02", 500), fig("2019", 4000)]
    result = evaluate(SEASONAL_JOBS, [*last_year, fig("2020-02", 540)], on("2020-03-25"))
    assert result.expected == Decimal("537.5")
    assert result.status == Status.ON_TRACK


@pytest.mark.parametrize(
    "last_year",
    [
        [fig("2019-05", 1500), fig("2019", 4000)],  # no June last year
        [fig("2019-06", 1800)],  # no total last year
        [fig("2019-06", 0), fig("2019", 0)],  # an empty year has no shape
        [],
    ],
)
def test_a_seasonal_count_falls_back_to_time_proportional(last_year: list[Figure]) -> None:
    result = evaluate(SEASONAL_JOBS, [*last_year, fig("2020-06", 2000)], on("2020-07-25"))
    assert result.expected == Decimal(2150)


# --- What the rest of the year must deliver ------------------------------------------------------


def test_a_count_needs_the_remainder_spread_over_the_months_left() -> None:
    result = evaluate(JOBS, [fig("2020-06", 2200)], on("2020-07-25"))
    assert result.requirement is not None
    assert result.requirement.months_left == 6
    assert result.requirement.per_month == Decimal(350)  # (4,300 − 2,200) / 6
    assert result.requirement.growth is None


def test_a_count_behind_needs_more_per_month() -> None:
    result = evaluate(JOBS, [fig("2020-02", 300)], on("2020-03-25"))
    assert result.requirement is not None
    assert result.requirement.months_left == 10
    assert result.requirement.per_month == Decimal(400)  # (4,300 − 300) / 10


def test_nothing_is_required_once_achieved_or_final() -> None:
    assert evaluate(JOBS, [fig("2020-10", 4400)], on("2020-11-25")).requirement is None
    assert evaluate(JOBS, [fig("2020-12", 4000)], on("2021-01-25")).requirement is None
    assert (
        evaluate(INDUSTRY, [fig("2020-12", "7", amount=900)], on("2021-01-25")).requirement is None
    )


def test_a_growth_rate_with_amounts_needs_a_growth_for_the_remaining_months() -> None:
    # 2019: 500 by June, 1,000 for the year → the second half of 2019 was 500.
    # 2020 target +10% → the year needs 1,100; 520 is in by June → 580 must come.
    # 580 over last year's 500 is +16%.
    figures = [
        fig("2019-06", "9.0", amount=500),
        fig("2019-12", "8.6", amount=1000),
        fig("2020-06", "4.0", amount=520),
    ]
    goal = make_goal(INDUSTRY.indicator, target=10)
    result = evaluate(goal, figures, on("2020-07-25"))
    assert result.requirement is not None
    assert result.requirement.months_left == 6
    assert result.requirement.growth == Decimal(16)
    assert result.requirement.per_month is None


def test_the_needed_growth_is_not_rounded_away() -> None:
    # 2019: 150 by February of 1,000 → 850 left; +8.5% needs 1,085; 153 in → 932 to come.
    # 932 / 850 = 1.096470588… → +9.6471%.
    figures = [
        fig("2019-02", "3.0", amount=150),
        fig("2019-12", "8.6", amount=1000),
        fig("2020-02", "2.0", amount=153),
    ]
    result = evaluate(INDUSTRY, figures, on("2020-03-25"))  # 2020-02 is a leap February
    assert result.requirement is not None
    assert result.requirement.months_left == 10
    assert result.requirement.growth is not None
    assert result.requirement.growth.quantize(Decimal("0.0001")) == Decimal("9.6471")


def test_a_quarterly_growth_rate_compares_with_last_year_s_same_quarter() -> None:
    # 2019: 5,000 by Q2 of 10,000 (the annual figure) → 5,000 left.
    # +8% needs 10,800; 5,200 in by Q2 → 5,600 to come: 5,600 / 5,000 = +12%.
    figures = [
        fig("2019-Q2", "7.0", amount=5000),
        fig("2019", "8.0", amount=10000, preliminary=True),
        fig("2020-Q2", "4.0", amount=5200),
    ]
    result = evaluate(GDP, figures, on("2020-08-01"))
    assert result.requirement is not None
    assert result.requirement.months_left == 6
    assert result.requirement.growth == Decimal(12)


def test_last_year_s_total_is_the_final_figure_that_carries_an_amount() -> None:
    figures = [
        fig("2019-06", "9.0", amount=500),
        fig("2019-12", "8.6", amount=1000),
        fig("2019", "8.6"),  # the annual figure, entered without its amount
        fig("2020-06", "4.0", amount=520),
    ]
    goal = make_goal(INDUSTRY.indicator, target=10)
    requirement = evaluate(goal, figures, on("2020-07-25")).requirement
    assert requirement is not None
    assert requirement.growth == Decimal(16)


@pytest.mark.parametrize(
    "figures",
    [
        [fig("2019-12", "8.6", amount=1000), fig("2020-06", "4.0", amount=520)],
        [fig("2019-06", "9.0", amount=500), fig("2020-06", "4.0", amount=520)],
        [fig("2019-06", "9.0"), fig("2019-12", "8.6", amount=1000), fig("2020-06", "4", amount=5)],
        [fig("2019-06", "9.0", amount=500), fig("2019-12", "8.6", amount=1000), fig("2020-06", 4)],
        [
            fig("2019-06", "9", amount=1000),
            fig("2019-12", "8", amount=1000),
            fig("2020-06", 4, amount=1),
        ],
    ],
)
def test_no_growth_is_required_without_the_amounts_it_is_computed_from(
    figures: list[Figure],
) -> None:
    assert evaluate(INDUSTRY, figures, on("2020-07-25")).requirement is None


def test_an_at_most_count_has_no_per_month_requirement() -> None:
    complaints = make_goal(
        make_indicator("complaints", measure=Measure.COUNT),
        comparator=Comparator.AT_MOST,
        target=120,
        warning="0.1",
    )
    result = evaluate(complaints, [fig("2020-06", 70)], on("2020-07-25"))
    assert result.expected == Decimal(60)
    assert result.status == Status.LAGGING  # 70 is more than 10% above 60
    assert result.requirement is None

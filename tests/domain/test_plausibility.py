"""The typo guards (DOMAIN.md, "Figures as bureaus write them", plausibility)."""

from decimal import Decimal

import pytest

from tracker.domain.model import Figure, Indicator, Measure, Owner
from tracker.domain.periods import Cadence, Period
from tracker.domain.plausibility import Implausible, check_plausible, previous_figure

OWNER = Owner("o", "单位", "Owner")
RATE = Indicator("industry", "工业", "Industry", "%", Measure.GROWTH, Cadence.MONTHLY, OWNER, 2)
JOBS = Indicator("jobs", "就业", "Jobs", "人", Measure.COUNT, Cadence.MONTHLY, OWNER, 2)
STEADY = Indicator(
    "cpi", "价格", "CPI", "%", Measure.GROWTH, Cadence.MONTHLY, OWNER, max_step=Decimal(1)
)
JUNE, JULY = Period.month(2020, 6), Period.month(2020, 7)


def at(period: Period, value: str) -> Figure:
    return Figure(period, Decimal(value))


def test_a_rate_that_jumps_more_than_ten_points_is_stopped() -> None:
    with pytest.raises(Implausible, match=r"56% moves 50.4 points from 5.6% in 2020-06") as caught:
        check_plausible(RATE, JULY, Decimal(56), at(JUNE, "5.6"))
    assert caught.value.zh
    assert "小数点" in caught.value.zh


def test_a_rate_within_ten_points_passes() -> None:
    check_plausible(RATE, JULY, Decimal("15.6"), at(JUNE, "5.6"))
    check_plausible(RATE, JULY, Decimal("-4.4"), at(JUNE, "5.6"))


def test_max_step_is_the_indicators_own() -> None:
    with pytest.raises(Implausible, match=r"more than 1 "):
        check_plausible(STEADY, JULY, Decimal("4.6"), at(JUNE, "3.5"))


def test_a_year_to_date_count_below_the_previous_period_is_stopped() -> None:
    with pytest.raises(Implausible, match=r"238 is below 2380 recorded for 2020-06"):
        check_plausible(JOBS, JULY, Decimal(238), at(JUNE, "2380"))
    check_plausible(JOBS, JULY, Decimal(2380), at(JUNE, "2380"))


def test_a_fraction_of_a_person_is_stopped() -> None:
    with pytest.raises(Implausible, match=r"5.2人 is a fraction of one"):
        check_plausible(JOBS, JULY, Decimal("5.2"), None)


def test_the_previous_figure_is_the_latest_earlier_one_of_the_same_year() -> None:
    figures = [at(Period.month(2019, 12), "9000"), at(Period.month(2020, 4), "1")]
    figures.append(at(Period.month(2020, 5), "2"))
    figures.append(at(Period.month(2020, 8), "3"))
    assert previous_figure(JULY, figures) == figures[2]
    assert previous_figure(Period.month(2020, 2), figures) is None  # January starts again


def test_the_year_s_first_figure_is_held_against_last_year_s_last() -> None:
    figures = [at(Period.month(2019, 11), "1.9"), at(Period.month(2019, 12), "1.6")]
    first = Period.month(2020, 2)  # January–February: the first period of RATE's year
    assert previous_figure(first, figures, RATE) == figures[1]
    assert previous_figure(Period.month(2020, 3), figures, RATE) is None  # not the first
    with pytest.raises(Implausible, match=r"15% moves 13.4 points from 1.6% in 2019-12"):
        check_plausible(RATE, first, Decimal(15), previous_figure(first, figures, RATE))


def test_a_count_starts_again_in_january_whatever_last_year_s_last_was() -> None:
    last_year = at(Period.month(2019, 12), "5200")
    check_plausible(JOBS, Period.month(2020, 2), Decimal(400), last_year)


def test_a_real_swing_across_the_year_s_turn_is_not_taken_for_a_slipped_decimal_point() -> None:
    last_year = at(Period.month(2019, 12), "8")
    check_plausible(RATE, Period.month(2020, 2), Decimal("-2.6"), last_year)  # 10.6 points

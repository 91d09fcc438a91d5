"""The goals behind, worst first: missed, lagging, at risk; each by relative gap."""

from decimal import Decimal

from tracker.domain.model import Comparator
from tracker.domain.severity import (
    BEHIND,
    BEYOND_WARNING,
    by_severity,
    has_recovered,
    is_behind,
    is_beyond_warning,
    relative_gap,
)
from tracker.domain.status import GoalStatus, Status, evaluate

from .builders import CPI, GDP, INDUSTRY, JOBS, fig, make_goal, make_indicator, on

JULY = on("2020-07-20")


def evaluated(goal, period: str, value: str) -> GoalStatus:  # type: ignore[no-untyped-def]
    return evaluate(goal, [fig(period, value)], JULY)


def test_it_measures_the_gap_as_a_share_of_the_target() -> None:
    gdp = evaluated(GDP, "2020-Q2", "2")  # 6 points below 8
    assert gdp.status is Status.LAGGING
    assert relative_gap(gdp) == Decimal("0.75")


def test_it_measures_a_count_against_the_expected_count() -> None:
    jobs = evaluated(JOBS, "2020-06", "2050")  # 100 below the 2,150 expected by June
    assert relative_gap(jobs) == Decimal(100) / Decimal(2150)


def test_it_measures_a_gap_above_an_at_most_target_the_same_way() -> None:
    cpi = evaluated(CPI, "2020-06", "4.9")  # 1.4 above 3.5
    assert relative_gap(cpi) == Decimal("0.4")


def test_it_has_no_relative_gap_against_a_zero_target() -> None:
    zero = make_goal(make_indicator("zero"), target=0)
    assert relative_gap(evaluated(zero, "2020-06", "-3")) is None


def test_it_puts_lagging_before_at_risk_whatever_the_gaps() -> None:
    small_lag = evaluated(make_goal(make_indicator("a"), target=50), "2020-06", "48.9")
    big_risk = evaluated(CPI, "2020-06", "4.6")  # 31% above its target, but only at risk
    assert (small_lag.status, big_risk.status) == (Status.LAGGING, Status.AT_RISK)
    assert relative_gap(big_risk) > relative_gap(small_lag)  # type: ignore[operator]
    assert by_severity([big_risk, small_lag]) == [small_lag, big_risk]


def test_it_puts_the_larger_relative_gap_first_within_a_status() -> None:
    industry = evaluated(INDUSTRY, "2020-06", "5.0")  # 3.5 of 8.5: 41%
    gdp = evaluated(GDP, "2020-Q2", "1.9")  # 6.1 of 8: 76%
    assert by_severity([industry, gdp]) == [gdp, industry]


def test_it_puts_missed_first_and_leaves_the_goals_not_behind_out() -> None:
    missed = evaluate(INDUSTRY, [fig("2020-12", "8")], on("2021-01-25"))
    on_track = evaluated(INDUSTRY, "2020-06", "9")
    lagging = evaluated(GDP, "2020-Q2", "1.9")
    assert missed.status is Status.MISSED
    assert by_severity([on_track, lagging, missed]) == [missed, lagging]


def test_it_keeps_the_given_order_for_equal_gaps_and_puts_none_last() -> None:
    a = evaluated(make_goal(make_indicator("a"), target=8), "2020-06", "4")
    b = evaluated(make_goal(make_indicator("b"), target=8), "2020-06", "4")
    zero = evaluated(make_goal(make_indicator("z"), target=0), "2020-06", "-9")
    below = make_goal(make_indicator("c"), target=-8, comparator=Comparator.AT_LEAST)
    c = evaluated(below, "2020-06", "-12")  # 4 below −8: half of its size
    assert by_severity([zero, b, a, c]) == [b, a, c, zero]


def test_behind_is_at_risk_lagging_and_missed_and_nothing_else() -> None:
    assert {s for s in Status if is_behind(s)} == {Status.AT_RISK, Status.LAGGING, Status.MISSED}
    assert set(BEYOND_WARNING) < set(BEHIND)
    assert {s for s in Status if is_beyond_warning(s)} == {Status.LAGGING, Status.MISSED}


def test_a_goal_behind_recovers_only_by_being_achieved_or_on_track() -> None:
    assert has_recovered(Status.AT_RISK, Status.ON_TRACK)
    assert has_recovered(Status.LAGGING, Status.ACHIEVED)
    assert not has_recovered(Status.LAGGING, Status.AT_RISK)  # still behind
    assert not has_recovered(Status.NO_DATA, Status.ON_TRACK)  # was not behind
    assert not has_recovered(Status.AT_RISK, Status.NO_DATA)

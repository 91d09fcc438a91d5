"""Overdue: the latest period that should be published by the as-of date has no figure."""

import pytest

from tracker.domain.model import Figure, Goal
from tracker.domain.periods import Period
from tracker.domain.status import Status, due_period, evaluate

from .builders import (
    GDP,
    INDUSTRY,
    URBANIZATION,
    fig,
    on,
)


def overdue(goal: Goal, figures: list[Figure], as_of: str) -> str | None:
    period = evaluate(goal, figures, on(as_of)).overdue
    return None if period is None else str(period)


def test_nothing_is_due_in_january() -> None:
    assert overdue(INDUSTRY, [], "2020-01-31") is None
    assert overdue(GDP, [], "2020-01-31") is None
    assert overdue(URBANIZATION, [], "2020-12-31") is None


def test_a_figure_is_overdue_from_its_publication_date() -> None:
    # January–February ends 29 February; with a 20-day lag it is due on 20 March.
    assert overdue(INDUSTRY, [], "2020-03-19") is None
    assert overdue(INDUSTRY, [], "2020-03-20") == "2020-02"
    assert overdue(INDUSTRY, [fig("2020-02", "-5.0")], "2020-03-20") is None


def test_the_latest_due_period_is_the_one_reported() -> None:
    figures = [fig("2020-02", "1.0"), fig("2020-03", "2.0"), fig("2020-04", "3.0")]
    assert overdue(INDUSTRY, figures, "2020-06-19") is None  # May is due on 20 June
    assert overdue(INDUSTRY, figures, "2020-06-20") == "2020-05"
    assert overdue(INDUSTRY, figures, "2020-07-20") == "2020-06"


def test_a_later_year_to_date_figure_makes_an_earlier_gap_moot() -> None:
    # 10 May: March is the latest due (20 April); April (due 20 May) is already in.
    assert overdue(INDUSTRY, [fig("2020-02", "1.0")], "2020-05-10") == "2020-03"
    assert overdue(INDUSTRY, [fig("2020-02", "1.0"), fig("2020-04", "3.0")], "2020-05-10") is None


def test_a_quarterly_indicator_is_due_its_own_lag_after_the_quarter() -> None:
    q1 = [fig("2020-Q1", "-6.8")]
    assert overdue(GDP, [], "2020-04-30") == "2020-Q1"
    assert overdue(GDP, q1, "2020-07-29") is None
    assert overdue(GDP, q1, "2020-07-30") == "2020-Q2"


def test_an_annual_indicator_is_due_after_the_year_ends() -> None:
    baseline = [fig("2019", "53.0")]
    assert overdue(URBANIZATION, baseline, "2021-03-30") is None  # 90 days after 31 December
    assert overdue(URBANIZATION, baseline, "2021-03-31") == "2020"
    assert overdue(URBANIZATION, [*baseline, fig("2020", "54.3")], "2021-03-31") is None


def test_overdue_is_separate_from_the_status() -> None:
    result = evaluate(INDUSTRY, [fig("2020-05", "9.0")], on("2020-07-20"))
    assert result.status == Status.ON_TRACK
    assert result.overdue == Period.parse("2020-06")
    assert evaluate(INDUSTRY, [], on("2020-07-20")).status == Status.NO_DATA


def test_last_year_s_figures_do_not_cover_this_year_s_gap() -> None:
    assert overdue(INDUSTRY, [fig("2019-12", "9.0"), fig("2019", "9.0")], "2020-04-01") == "2020-02"


@pytest.mark.parametrize(
    ("goal", "period", "due"),
    [
        (INDUSTRY, "2020-06", "2020-06"),
        (INDUSTRY, "2020-01", None),  # its first figure is January–February
        (GDP, "2020-06", "2020-Q2"),
        (GDP, "2020-05", None),
        (GDP, "2020-Q3", "2020-Q3"),
        (URBANIZATION, "2020-06", None),
        (URBANIZATION, "2020-12", "2020"),
    ],
)
def test_the_period_due_is_the_indicators_own_period_ending_then(
    goal: Goal, period: str, due: str | None
) -> None:
    found = due_period(goal.indicator, Period.parse(period))
    assert (None if found is None else str(found)) == due

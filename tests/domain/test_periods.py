"""Periods: parsing, writing, ordering, fitting an indicator's cadence, publication dates."""

from datetime import date

import pytest

from tracker.domain.errors import InvalidInput
from tracker.domain.periods import Cadence, Period, check_cadence, periods_of_year


@pytest.mark.parametrize(
    ("text", "end", "months"),
    [
        ("2020-06", date(2020, 6, 30), 1),
        ("2020-02", date(2020, 2, 29), 1),  # leap year
        ("2021-02", date(2021, 2, 28), 1),
        ("2020-12", date(2020, 12, 31), 1),
        ("2020-Q1", date(2020, 3, 31), 3),
        ("2020-Q2", date(2020, 6, 30), 3),
        ("2020-Q4", date(2020, 12, 31), 3),
        ("2020", date(2020, 12, 31), 12),
    ],
)
def test_it_parses_months_quarters_and_years(text: str, end: date, months: int) -> None:
    period = Period.parse(text)
    assert (period.end, period.months) == (end, months)
    assert str(period) == text


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("2020-6", "2020-06"),
        ("2020-q2", "2020-Q2"),
        ("  2020-06 ", "2020-06"),
        ("２０２０－０６", "2020-06"),  # full-width, as typed with a Chinese input method
        ("２０２０", "2020"),
    ],
)
def test_it_accepts_loose_forms_and_writes_them_canonically(text: str, written: str) -> None:
    assert str(Period.parse(text)) == written


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("2020-13", "has no month 13"),
        ("2020-00", "has no month 0"),
        ("2020-Q5", "is not a period"),
        ("2020-Q0", "is not a period"),
        ("20-06", "is not a period"),
        ("202006", "is not a period"),
        ("2020/06", "is not a period"),
        ("June 2020", "is not a period"),
        ("2020-H1", "is not a period"),
        ("", "is not a period"),
        ("garbage", "is not a period"),
        ("٢٠٢٠", "is not a period"),  # Arabic-Indic digits
        ("0999", "implausible year"),
        ("3000-01", "implausible year"),
    ],
)
def test_it_refuses_malformed_periods_naming_the_forms(text: str, problem: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        Period.parse(text)
    message = str(caught.value)
    assert problem in message
    assert "2020-06 (month), 2020-Q2 (quarter) or 2020 (year)" in message


def test_a_year_sorts_after_december_and_its_fourth_quarter() -> None:
    texts = ["2020", "2020-Q4", "2020-12", "2021-01", "2020-11", "2020-Q3", "2019"]
    ordered = [str(p) for p in sorted(Period.parse(t) for t in texts)]
    assert ordered == ["2019", "2020-Q3", "2020-11", "2020-12", "2020-Q4", "2020", "2021-01"]


def test_periods_know_their_year_month_cadence_and_whether_they_end_the_year() -> None:
    june, q2, year = Period.parse("2020-06"), Period.parse("2020-Q2"), Period.parse("2020")
    assert (june.year, june.end_month, june.cadence) == (2020, 6, Cadence.MONTHLY)
    assert (q2.end_month, q2.cadence) == (6, Cadence.QUARTERLY)
    assert (year.end_month, year.cadence) == (12, Cadence.ANNUAL)
    assert [Period.parse(t).is_year_end for t in ("2020-12", "2020-Q4", "2020")] == [True] * 3
    assert [Period.parse(t).is_year_end for t in ("2020-11", "2020-Q3")] == [False] * 2


@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        ("2020-02", "2019-02"),  # 29 February has no twin in 2019
        ("2021-02", "2020-02"),  # and 28 February 2021 maps onto the 29th
        ("2020-06", "2019-06"),
        ("2020-Q1", "2019-Q1"),
        ("2020", "2019"),
    ],
)
def test_a_year_earlier_is_the_same_month_quarter_or_year(text: str, earlier: str) -> None:
    assert Period.parse(text).a_year_earlier() == Period.parse(earlier)


def test_monthly_from_january_february_starts_in_february() -> None:
    periods = periods_of_year(2020, Cadence.MONTHLY, start_month=2)
    assert [str(p) for p in periods] == [f"2020-{m:02d}" for m in range(2, 13)]
    assert len(periods_of_year(2020, Cadence.MONTHLY)) == 12
    assert str(periods_of_year(2020, Cadence.MONTHLY)[0]) == "2020-01"


def test_quarterly_and_annual_periods_of_a_year() -> None:
    quarters = periods_of_year(2020, Cadence.QUARTERLY)
    assert [str(p) for p in quarters] == ["2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4"]
    assert [str(p) for p in periods_of_year(2020, Cadence.ANNUAL)] == ["2020"]
    assert quarters == sorted(quarters)


def test_a_period_is_due_its_lag_after_it_ends() -> None:
    assert Period.parse("2020-06").published_by(20) == date(2020, 7, 20)
    assert Period.parse("2020-02").published_by(20) == date(2020, 3, 20)
    assert Period.parse("2020-Q4").published_by(30) == date(2021, 1, 30)
    assert Period.parse("2020").published_by(90) == date(2021, 3, 31)
    assert Period.parse("2020-06").published_by(0) == date(2020, 6, 30)


@pytest.mark.parametrize(
    ("text", "cadence", "start_month"),
    [
        ("2020-02", Cadence.MONTHLY, 2),
        ("2020-12", Cadence.MONTHLY, 2),
        ("2020-01", Cadence.MONTHLY, 1),
        ("2020-Q3", Cadence.QUARTERLY, 1),
        ("2020", Cadence.ANNUAL, 1),
        ("2019", Cadence.MONTHLY, 2),  # a year figure fits a monthly cadence: the final one
    ],
)
def test_periods_that_fit_the_cadence_pass(text: str, cadence: Cadence, start_month: int) -> None:
    assert check_cadence(Period.parse(text), cadence, start_month) is None


@pytest.mark.parametrize(
    ("text", "cadence", "start_month", "hint"),
    [
        ("2020-01", Cadence.MONTHLY, 2, "the first figure of a year is 2020-02 (January–February"),
        ("2020-Q2", Cadence.MONTHLY, 2, "the indicator is monthly; write e.g. 2020-06"),
        ("2020-06", Cadence.QUARTERLY, 1, "the indicator is quarterly; write e.g. 2020-Q2"),
        ("2020-05", Cadence.QUARTERLY, 1, "the indicator is quarterly; write e.g. 2020-Q2"),
        ("2020-12", Cadence.ANNUAL, 1, "the indicator is annual; write the year alone, e.g. 2020"),
        ("2020-Q4", Cadence.ANNUAL, 1, "the indicator is annual; write the year alone, e.g. 2020"),
        ("2019", Cadence.QUARTERLY, 1, "its figure for the whole year is 2019-Q4"),
    ],
)
def test_periods_that_do_not_fit_the_cadence_are_explained(
    text: str, cadence: Cadence, start_month: int, hint: str
) -> None:
    problem = check_cadence(Period.parse(text), cadence, start_month)
    assert problem is not None
    assert hint in problem

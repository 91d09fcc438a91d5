"""Which year a command or job is about (docs/status-rules.md, "Which year")."""

from datetime import date

import pytest

from tracker.domain.periods import Period
from tracker.domain.years import goals_year, last_month_ended


@pytest.mark.parametrize(
    ("as_of", "month"),
    [
        (date(2020, 7, 20), Period.month(2020, 6)),
        (date(2020, 7, 31), Period.month(2020, 7)),  # a month has ended on its last day
        (date(2021, 1, 1), Period.month(2020, 12)),
        (date(2021, 1, 15), Period.month(2020, 12)),
        (date(2020, 3, 1), Period.month(2020, 2)),
    ],
)
def test_it_finds_the_latest_month_that_has_ended(as_of: date, month: Period) -> None:
    assert last_month_ended(as_of) == month


def test_in_january_the_goals_are_last_years() -> None:
    assert goals_year(date(2021, 1, 15)) == 2020


def test_from_february_the_goals_are_this_years() -> None:
    assert goals_year(date(2021, 2, 1)) == 2021


def test_a_chosen_year_overrides_the_rule() -> None:
    assert goals_year(date(2021, 1, 15), 2021) == 2021
    assert goals_year(date(2020, 7, 20), 2019) == 2019

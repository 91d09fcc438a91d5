"""Which year a command or job is about (docs/status-rules.md, "Which year")."""

from datetime import date

import pytest

from tracker.domain.model import Indicator, Measure, Owner
from tracker.domain.periods import Cadence, Period
from tracker.domain.years import Closing, closing_year, goals_year, last_month_ended, still_due


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


# --- The year's end (docs/status-rules.md, "The year's end") -------------------------------

QUARTERLY = Indicator(
    "gdp", "地区生产总值增速", "GDP growth", "%", Measure.GROWTH, Cadence.QUARTERLY,
    Owner("stats", "统计局", "Statistics"), lag_days=30,
)  # fmt: skip
ANNUAL = Indicator(
    "rank", "排名", "Rank", "位", Measure.RANK, Cadence.ANNUAL,
    Owner("stats", "统计局", "Statistics"), lag_days=120,
)  # fmt: skip


@pytest.mark.parametrize(
    ("as_of", "closing", "year"),
    [
        (date(2021, 2, 1), [Closing(QUARTERLY, True)], 2020),  # at least until 1 March
        (date(2021, 2, 28), [Closing(QUARTERLY, True)], 2020),
        (date(2021, 3, 1), [Closing(QUARTERLY, True)], None),  # all in, March: this year
        (date(2021, 3, 1), [Closing(ANNUAL, False)], 2020),  # due 30 April 2021
        (date(2021, 4, 30), [Closing(ANNUAL, False)], None),  # past due: this year
        (date(2021, 3, 1), [Closing(ANNUAL, True), Closing(QUARTERLY, False)], None),
        (date(2021, 2, 1), [], None),  # no goals last year: the month rule
    ],
)
def test_last_years_goals_are_reported_until_its_end_is_closed(
    as_of: date, closing: list[Closing], year: int | None
) -> None:
    assert closing_year(as_of, closing) == year


def test_a_last_period_is_still_due_until_published_or_past_its_lag() -> None:
    assert still_due(Closing(QUARTERLY, False), date(2021, 1, 29), 2020)  # Q4 due 30 January
    assert not still_due(Closing(QUARTERLY, False), date(2021, 1, 30), 2020)
    assert not still_due(Closing(QUARTERLY, True), date(2021, 1, 2), 2020)

"""A series holds one place's figures of an indicator as rows and makes a ``Figure`` when one
is looked at; it must answer as the figures themselves would (docs/performance.md)."""

from datetime import date
from decimal import Decimal

from tracker.domain.model import Figure
from tracker.domain.periods import Period
from tracker.domain.series import Series
from tracker.domain.status import figure_for


def month(year: int, m: int) -> Period:
    return Period.month(year, m)


def figures() -> list[Figure]:
    return [
        Figure(month(2019, 11), Decimal("7.1")),
        Figure(month(2019, 12), Decimal("7.4"), amount=Decimal("312.4")),
        Figure(month(2020, 2), Decimal("-3.2"), preliminary=True),
        Figure(month(2020, 3), Decimal("1.5"), revision=2, note="revised by the bureau"),
        Figure(month(2020, 4), Decimal("2.8"), amount=Decimal("98.6"), source="统计月报"),
    ]


def test_a_series_is_the_figures_it_was_made_of() -> None:
    series = Series.of(figures())
    assert series == figures()
    assert list(series) == figures()
    assert series[3] == figures()[3]
    assert series[-1].source == "统计月报"
    assert list(reversed(series)) == figures()[::-1]
    assert series != figures()[:4]


def test_a_slice_of_a_series_is_a_series_of_those_figures() -> None:
    part = Series.of(figures())[1:3]
    assert isinstance(part, Series)
    assert part == figures()[1:3]
    assert part.periods == [month(2019, 12), month(2020, 2)]


def test_the_figures_known_by_a_date_are_those_whose_period_ended() -> None:
    series = Series.of(figures())
    assert series.known_by(date(2020, 3, 30)) == figures()[:3]
    assert series.known_by(date(2020, 3, 31)) == figures()[:4]
    assert series.known_by(date(2021, 1, 1)) is series


def test_figures_given_out_of_order_are_put_in_order_with_the_newest_revision() -> None:
    first = Figure(month(2020, 3), Decimal("1.2"))
    newer = Figure(month(2020, 3), Decimal("1.5"), revision=2)
    given = Series.of([newer, figures()[0], first])
    assert not given.ordered
    assert given.known_by(date(2020, 12, 31)) == [figures()[0], newer]


def test_a_year_end_figure_is_found_for_the_year_when_it_has_none_of_its_own() -> None:
    series = Series.of([Figure(Period.quarter(2019, 4), Decimal("6.0"))])
    found = figure_for(series, Period.year_of(2019))
    assert found == Figure(Period.quarter(2019, 4), Decimal("6.0"))
    assert figure_for(series, month(2019, 12)) == found
    assert figure_for(series, month(2019, 11)) is None


def test_the_years_of_a_series_split_at_new_year() -> None:
    last_year, this_year = Series.of(figures()).years(2020)
    assert last_year == figures()[:2]
    assert this_year == figures()[2:]
    assert last_year.year_end() == figures()[1]
    assert this_year.year_end() is None


def test_the_amounts_of_a_series_are_its_figures_with_an_amount_as_their_value() -> None:
    amounts = Series.of(figures()).amounts()
    assert [(f.period, f.value, f.amount) for f in amounts] == [
        (month(2019, 12), Decimal("312.4"), None),
        (month(2020, 4), Decimal("98.6"), None),
    ]
    assert amounts[1].source == "统计月报"

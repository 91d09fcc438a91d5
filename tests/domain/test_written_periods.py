"""Periods as bulletins write them, resolved against the indicator's cadence (README.md,
"Figures as bulletins write them")."""

import pytest

from tracker.domain.errors import InvalidInput
from tracker.domain.periods import Cadence
from tracker.domain.written_periods import read_period

M, Q, A = Cadence.MONTHLY, Cadence.QUARTERLY, Cadence.ANNUAL


@pytest.mark.parametrize(
    ("text", "cadence", "written"),
    [
        ("2020-06", M, "2020-06"),
        ("2020-Q2", Q, "2020-Q2"),
        ("2020", A, "2020"),
        ("2020年1-6月", M, "2020-06"),
        ("1-6月", M, "2020-06"),
        ("1—6月", M, "2020-06"),
        ("1~6月", M, "2020-06"),
        ("1～6月", M, "2020-06"),
        ("１－６月", M, "2020-06"),
        ("2020年1-7月累计", M, "2020-07"),
        ("2020年6月", M, "2020-06"),
        ("6月", M, "2020-06"),
        ("2020.06", M, "2020-06"),
        ("2020/06", M, "2020-06"),
        ("202006", M, "2020-06"),
        ("2020/6/1", M, "2020-06"),
        ("2020/7/1", M, "2020-07"),  # a date Excel re-saved into a CSV
        ("2020-06-30", M, "2020-06"),
        ("2020-07-01 00:00:00", M, "2020-07"),  # a date cell read as text
        ("一季度", M, "2020-03"),
        ("第一季度", Q, "2020-Q1"),
        ("1季度", Q, "2020-Q1"),
        ("Q1", Q, "2020-Q1"),
        ("上半年", Q, "2020-Q2"),
        ("上半年", M, "2020-06"),
        ("2020年上半年", Q, "2020-Q2"),
        ("前三季度", Q, "2020-Q3"),
        ("1-6月", Q, "2020-Q2"),  # January–June of a quarterly indicator
        ("2020年6月", Q, "2020-Q2"),
        ("全年", A, "2020"),
        ("2020年", A, "2020"),
        ("1-12月", A, "2020"),
    ],
)
def test_it_reads_every_form_of_a_year_to_date_period(
    text: str, cadence: Cadence, written: str
) -> None:
    assert str(read_period(text, cadence=cadence, year_to_date=True, year=2020)) == written


def test_a_year_in_the_text_wins_over_the_context() -> None:
    assert str(read_period("2019年1-6月", cadence=M, year_to_date=True, year=2020)) == "2019-06"


@pytest.mark.parametrize(("text", "written"), [("二季度", "2020-Q2"), ("6月", "2020-06")])
def test_it_reads_a_single_quarter_or_month_for_an_indicator_that_is_not_year_to_date(
    text: str, written: str
) -> None:
    cadence = Q if "季度" in text else M
    assert str(read_period(text, cadence=cadence, year_to_date=False, year=2020)) == written


@pytest.mark.parametrize("text", ["二季度", "第二季度", "2季度", "Q2", "2020年第三季度"])
def test_it_refuses_a_single_quarter_for_a_year_to_date_indicator_with_the_label_to_use(
    text: str,
) -> None:
    with pytest.raises(InvalidInput, match=r"single quarter.*write (上半年|前三季度)") as caught:
        read_period(text, cadence=Q, year_to_date=True, year=2020)
    assert caught.value.zh
    assert "累计" in caught.value.zh


def test_it_refuses_a_period_without_a_year_when_none_is_given() -> None:
    with pytest.raises(InvalidInput, match=r"names no year.*--year") as caught:
        read_period("1-6月", cadence=M, year_to_date=True)
    assert caught.value.zh == "'1-6月' 没有年份；请写成 2020年1-6月，或用 --year 指定年份。"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("3-6月", "not a span from January"),
        ("1-13月", "no month 13"),
        ("2020年13月", "no month 13"),
        ("2020-13", "no month 13"),
        ("下半年", "is not a period"),
        ("June", "is not a period"),
    ],
)
def test_it_refuses_what_is_not_a_period_saying_how_to_write_it(text: str, words: str) -> None:
    with pytest.raises(InvalidInput, match=words) as caught:
        read_period(text, cadence=M, year_to_date=True, year=2020)
    assert caught.value.zh

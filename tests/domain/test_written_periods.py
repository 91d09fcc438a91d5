"""Periods as bulletins write them, resolved against the indicator's cadence (README.md,
"Figures as bulletins write them")."""

import pytest

from tracker.domain.errors import InvalidInput
from tracker.domain.periods import Cadence
from tracker.domain.written_periods import (
    Label,
    Span,
    find_label,
    period_of,
    read_label,
    read_period,
)

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
        ("1至6月", M, "2020-06"),
        ("1—2月份", M, "2020-02"),
        ("前4月", M, "2020-04"),
        ("前5个月", M, "2020-05"),
        ("前6个月", Q, "2020-Q2"),
        ("5月末", M, "2020-05"),
        ("2020年5月底", M, "2020-05"),
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


def test_a_stock_s_month_end_is_that_month() -> None:
    assert str(read_period("5月末", cadence=M, year_to_date=False, year=2020)) == "2020-05"
    assert str(read_period("2020年6月末", cadence=Q, year_to_date=False)) == "2020-06"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("2020年1-7月全区主要经济指标", Label("2020年1-7月", 2020, 7, Span.TO_DATE)),
        ("1—7月份，全区规模以上工业增加值增长5.4%", Label("1—7月份", None, 7, Span.TO_DATE)),
        ("前7个月，全区", Label("前7个月", None, 7, Span.TO_DATE)),
        ("7月当月，全区", Label("7月", None, 7, Span.MONTH)),
        ("5月末，全区各项存款余额", Label("5月末", None, 5, Span.MONTH_END)),
        ("前三季度，全区", Label("前三季度", None, 9, Span.TO_DATE)),
        ("二季度，全区", Label("二季度", None, 6, Span.QUARTER)),
        ("全年，全区", Label("全年", None, 12, Span.YEAR)),
        ("2020年3-7月全区主要经济指标", Label("2020年3-7月", 2020, 7, Span.PART, first=3)),
        ("增长5.4%，比1-6月回升0.6个百分点", Label("1-6月", None, 6, Span.TO_DATE)),
    ],
)
def test_it_finds_the_first_label_in_running_text(text: str, label: Label) -> None:
    assert find_label(text) == label


@pytest.mark.parametrize("text", ["完成投资202006万元", "Q2全区", "2020年全区主要经济指标", "本月"])
def test_a_cell_s_own_forms_are_no_label_in_running_text(text: str) -> None:
    assert find_label(text) is None


def test_a_label_found_in_text_and_the_same_text_in_a_cell_name_the_same_period() -> None:
    for text in ("2020年1-7月", "2020年前7个月", "2020年上半年", "2020年一季度", "2020年7月末"):
        found = find_label(f"{text}，全区规模以上工业增加值增长5.4%")
        assert found is not None
        for cadence in (M, Q):
            assert period_of(found, cadence=cadence, year_to_date=True) == read_period(
                text, cadence=cadence, year_to_date=True
            )
        assert found == read_label(text)


def test_a_span_not_from_january_found_in_text_is_refused_where_it_is_used() -> None:
    found = find_label("3-7月，全区规模以上工业增加值增长5.4%")
    assert found is not None
    with pytest.raises(InvalidInput, match=r"not a span from January; .* write 1-7月") as caught:
        period_of(found, cadence=M, year_to_date=True, year=2020)
    assert caught.value.zh == "'3-7月' 不是从1月开始的累计期间；请写成 1-7月，或单月 7月。"

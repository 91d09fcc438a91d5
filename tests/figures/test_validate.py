"""The Checker's memos and fast path give exactly what the plain checks give."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.errors import InvalidInput, NotFound
from tracker.domain.model import Figure, Indicator, Measure, Owner
from tracker.domain.numbers import parse_number
from tracker.domain.periods import Cadence, Period
from tracker.figures.validate import Checker, _number

OWNER = Owner("o", "单位", "Owner")
MONTHLY = Indicator("m", "月度", "Monthly", "%", Measure.GROWTH, Cadence.MONTHLY, OWNER, 2)
QUARTERLY = Indicator("q", "季度", "Quarterly", "%", Measure.GROWTH, Cadence.QUARTERLY, OWNER)


def outcome(parse, text: str) -> Decimal | str:
    try:
        return parse(text)
    except InvalidInput as error:
        return str(error)


@given(st.text(alphabet="0123456789+-.,%eE _１．－−", max_size=8))
def test_the_fast_number_path_reads_as_parse_number(text: str) -> None:
    fast, slow = outcome(_number, text), outcome(parse_number, text)
    assert fast == slow
    assert str(fast) == str(slow)  # the same digits, not only the same value


def test_remembered_periods_are_checked_for_each_indicator() -> None:
    checker = Checker([MONTHLY, QUARTERLY], [2020])
    assert (
        checker.figure(MONTHLY, "2020-06", "5").period
        == checker.figure(MONTHLY, "2020-06", "6").period
    )
    with pytest.raises(
        InvalidInput, match=r"Period 2020-06 does not fit q: the indicator is quarterly"
    ):
        checker.figure(QUARTERLY, "2020-06", "5")
    with pytest.raises(InvalidInput, match=r"January–February combined"):
        checker.figure(MONTHLY, "2020-01", "5")
    with pytest.raises(InvalidInput, match=r"outside the years that have goals"):
        checker.figure(MONTHLY, "2021-06", "5")
    assert checker.figure(MONTHLY, "2021-06", "5", force=True).value == Decimal(5)


JOBS = Indicator(
    "jobs", "城镇新增就业", "New urban jobs", "人", Measure.COUNT, Cadence.MONTHLY, OWNER, 2
)
GDP = Indicator(
    "gdp", "地区生产总值增速", "GDP growth", "%", Measure.GROWTH, Cadence.QUARTERLY, OWNER,
    aliases=("GDP增速",),
)  # fmt: skip
ENERGY = Indicator(
    "energy", "万元GDP能耗", "Energy per GDP", "%", Measure.GROWTH, Cadence.ANNUAL, OWNER
)
INDUSTRY = Indicator(
    "industry", "规模以上工业增加值增速", "Industry growth", "%", Measure.GROWTH,
    Cadence.MONTHLY, OWNER, 2, aliases=("规上工业增加值", "规模以上工业增加值增速"),
)  # fmt: skip


def test_it_reads_a_bulletins_period_and_value_in_the_indicators_unit() -> None:
    checker = Checker([JOBS, GDP], [2020], year=2020)
    checked = checker.figure(JOBS, "1-6月", "2.05万人")
    assert (str(checked.period), checked.value) == ("2020-06", Decimal(20500))
    checked = checker.figure(GDP, "上半年", "增长3.2%")
    assert (str(checked.period), checked.value) == ("2020-Q2", Decimal("3.2"))


def test_a_percent_on_a_count_is_refused_unless_forced() -> None:
    checker = Checker([JOBS], [2020])
    with pytest.raises(InvalidInput, match=r"is a percentage, but the indicator counts 人"):
        checker.figure(JOBS, "2020-06", "5.2%")
    assert checker.figure(JOBS, "2020-06", "5.2%", force=True).value == Decimal("5.2")


def test_the_typo_guards_are_checked_against_the_previous_figures_unless_forced() -> None:
    checker = Checker([JOBS], [2020])
    june = [Figure(Period.month(2020, 6), Decimal(2380))]
    with pytest.raises(InvalidInput, match=r"cannot fall"):
        checker.figure(JOBS, "2020-07", "238", previous=june)
    assert checker.figure(JOBS, "2020-07", "238", previous=june, force=True).value == 238


@pytest.mark.parametrize(
    "name", ["gdp", "GDP", "Gdp", "地区生产总值增速", "gdp growth", "GDP增速", "ＧＤＰ"]
)
def test_it_finds_an_indicator_by_key_name_or_alias_in_any_case(name: str) -> None:
    assert Checker([GDP, ENERGY], [2020]).indicator(name) is GDP


def test_an_alias_names_its_indicator() -> None:
    assert Checker([INDUSTRY], [2020]).indicator("规上工业增加值") is INDUSTRY


@pytest.mark.parametrize(
    ("name", "suggested"),
    [("gpd", ["gdp"]), ("GDPP", ["gdp"]), ("idustry", ["industry"]), ("工业增加值", ["industry"])],
)
def test_suggestions_rank_real_close_matches(name: str, suggested: list[str]) -> None:
    checker = Checker([GDP, ENERGY, INDUSTRY, JOBS], [2020])
    with pytest.raises(NotFound) as caught:
        checker.indicator(name)
    assert checker.suggestions(name)[: len(suggested)] == suggested
    assert "energy" not in str(caught.value)
    assert caught.value.zh
    assert caught.value.zh.startswith(f"没有指标'{name}'")


def test_nothing_is_suggested_when_nothing_is_close() -> None:
    assert Checker([GDP, ENERGY, INDUSTRY, JOBS], [2020]).suggestions("xyz") == []

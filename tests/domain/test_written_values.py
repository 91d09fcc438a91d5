"""Values as bulletins write them, and units converted to the indicator's unit."""

from decimal import Decimal

import pytest

from tracker.domain.errors import InvalidInput
from tracker.domain.written_values import (
    WrongUnit,
    in_unit,
    is_empty_marker,
    read_value,
)


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("8.5", "8.5", None),
        ("8.5%", "8.5", "%"),
        ("增长8.5%", "8.5", "%"),
        ("同比增长8.5%", "8.5", "%"),
        ("下降2.1%", "-2.1", "%"),
        ("同比下降2.1%", "-2.1", "%"),
        ("持平", "0", "%"),
        ("增长1.6倍", "160", "%"),
        ("8.5个百分点", "8.5", "个百分点"),
        ("８．５％", "8.5", "%"),
        ("8。5", "8.5", None),
        ("2050人", "2050", "人"),
        ("2.05万人", "2.05", "万人"),
        ("12.3亿元", "12.3", "亿元"),
        ("1,234万元", "1234", "万元"),
    ],
)
def test_it_reads_every_value_form(text: str, number: str, unit: str | None) -> None:
    value = read_value(text)
    assert (value.number, value.unit) == (Decimal(number), unit)


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("2050人", "人", "2050"),
        ("2.05万人", "人", "20500"),
        ("20500人", "万人", "2.05"),
        ("12.3亿元", "万元", "123000"),
        ("1,234万元", "亿元", "0.1234"),
        ("下降2.1%", "%", "-2.1"),
        ("0.6个百分点", "%", "0.6"),
        ("4300", "人", "4300"),
    ],
)
def test_it_converts_units_to_the_indicators(text: str, unit: str, expected: str) -> None:
    assert in_unit(read_value(text), unit, text) == Decimal(expected)


def test_it_refuses_a_percent_on_a_count_as_a_slip_that_can_be_forced() -> None:
    with pytest.raises(WrongUnit, match=r"'5.2%' is a percentage, but the indicator counts 人"):
        in_unit(read_value("5.2%"), "人", "5.2%")


@pytest.mark.parametrize(("text", "unit"), [("12.3亿元", "人"), ("2050人", "%"), ("3家", "元")])
def test_it_refuses_a_unit_that_does_not_fit(text: str, unit: str) -> None:
    with pytest.raises(InvalidInput, match=rf"the indicator's unit is {unit}") as caught:
        in_unit(read_value(text), unit, text)
    assert not isinstance(caught.value, WrongUnit)
    assert caught.value.zh


@pytest.mark.parametrize("text", ["增长", "八点五", "8.5.1%", "下降abc"])
def test_it_refuses_what_holds_no_number(text: str) -> None:
    with pytest.raises(InvalidInput, match=r"is not a figure") as caught:
        read_value(text)
    assert caught.value.zh


@pytest.mark.parametrize("text", ["—", "-", "/", "暂无", "…", "……", " — ", "－"])
def test_the_empty_markers_of_a_sheet_are_empty(text: str) -> None:
    assert is_empty_marker(text)


@pytest.mark.parametrize("text", ["-3", "0", "—3", "无数据x"])
def test_a_value_is_not_an_empty_marker(text: str) -> None:
    assert not is_empty_marker(text)

from decimal import Decimal

import pytest

from tracker.sheets.cells import cell_number
from tracker.sheets.columns import letter, recognise


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (0.138, "0.0%", "13.8"),
        (0.1384, "0.0%", "13.84"),  # what was typed, not the decimal the format shows
        (0.0956, "0%", "9.56"),
        (1, "0%", "100"),
        (0.1 + 0.2, "General", "0.3"),
        (8.5, "0.00", "8.5"),
        (3.14159, "0.00", "3.14159"),
        (2.675, "0.00", "2.675"),  # the decimal typed, not the binary float below it
        (1234.5, "#,##0", "1234.5"),
        (1 / 3, "General", "0.333333333333333"),
        (4300, "General", "4300"),
        (12.5, '0.0"%"', "12.5"),  # a quoted percent sign is text, not a scale
    ],
)
def test_numbers_are_read_as_excel_stores_them(
    value: float, number_format: str, shown: str
) -> None:
    assert cell_number(value, number_format) == Decimal(shown)


def test_column_letters_go_past_z() -> None:
    assert [letter(i) for i in (0, 2, 25, 26, 27, 701, 702)] == [
        "A", "C", "Z", "AA", "AB", "ZZ", "AAA"
    ]  # fmt: skip


def test_headers_are_recognised_in_chinese_and_english() -> None:
    zh = recognise(["指标", "时期", "数值（%）", "金额(亿元)", "备注", "来源", "预计", "单位"])
    en = recognise(["Indicator", "PERIOD", "value", "Amount", "Note", "Source", "Preliminary"])
    assert zh is not None
    assert en is not None
    assert zh.index == en.index == {
        "indicator": 0, "period": 1, "value": 2, "amount": 3, "note": 4, "source": 5,
        "preliminary": 6,
    }  # fmt: skip
    assert zh.ignored == ("单位",)


def test_a_row_without_the_required_columns_is_not_a_header() -> None:
    assert recognise(["指标", "数值"]) is None

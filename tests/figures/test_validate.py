"""The Checker's memos and fast path give exactly what the plain checks give."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.errors import InvalidInput
from tracker.domain.model import Indicator, Measure, Owner
from tracker.domain.numbers import parse_number
from tracker.domain.periods import Cadence
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
        InvalidInput, match="Period 2020-06 does not fit q: the indicator is quarterly"
    ):
        checker.figure(QUARTERLY, "2020-06", "5")
    with pytest.raises(InvalidInput, match="January–February combined"):
        checker.figure(MONTHLY, "2020-01", "5")
    with pytest.raises(InvalidInput, match="outside the years that have goals"):
        checker.figure(MONTHLY, "2021-06", "5")
    assert checker.figure(MONTHLY, "2021-06", "5", force=True).value == Decimal(5)

"""The measures table: each kind of measure's behaviour, looked up instead of branched on."""

from decimal import Decimal

import pytest

from tracker.domain.measures import (
    MEASURES,
    Gain,
    GapUnit,
    PeriodLabel,
    gap_unit,
    is_rate,
    rules_of,
)
from tracker.domain.model import Measure

from .builders import make_indicator


def test_every_kind_of_measure_has_an_entry() -> None:
    assert set(MEASURES) == set(Measure)


@pytest.mark.parametrize(
    ("measure", "warning"),
    [
        (Measure.GROWTH, Decimal(1)),  # percentage points
        (Measure.LEVEL, Decimal(1)),
        (Measure.COUNT, Decimal("0.10")),  # 10% of the expected count
        (Measure.RANK, Decimal(3)),  # places
        (Measure.STOCK, Decimal("0.05")),  # 5% of the expected level
    ],
)
def test_the_default_warning_band_is_the_documented_one(measure: Measure, warning: Decimal) -> None:
    assert MEASURES[measure].default_warning == warning


@pytest.mark.parametrize(
    ("measure", "unit", "said_in"),
    [
        (Measure.GROWTH, "%", GapUnit.POINTS),
        (Measure.LEVEL, "%", GapUnit.POINTS),
        (Measure.LEVEL, "元", GapUnit.UNIT),  # a level not in percent: its own unit
        (Measure.COUNT, "人", GapUnit.SHARE),
        (Measure.COUNT, "%", GapUnit.SHARE),
        (Measure.RANK, "位", GapUnit.PLACES),
    ],
)
def test_a_gap_is_said_in_the_unit_of_its_kind(
    measure: Measure, unit: str, said_in: GapUnit
) -> None:
    indicator = make_indicator(measure=measure, unit=unit)
    assert gap_unit(indicator) is said_in
    assert is_rate(indicator) is (said_in is GapUnit.POINTS)


def test_only_ranks_score_a_change_as_places_gained() -> None:
    gains = {m: rules_of(make_indicator(measure=m)).gain for m in Measure}
    assert [m for m, g in gains.items() if g is Gain.PLACES] == [Measure.RANK]


def test_only_counts_are_cumulative_and_only_counts_and_stocks_are_paced_and_banded_by_share() -> (
    None
):
    for measure, rules in MEASURES.items():
        counted = measure is Measure.COUNT
        paced = measure in (Measure.COUNT, Measure.STOCK)
        assert rules.cumulative is counted
        assert (rules.paced, rules.relative_bands) == (paced, paced)


def test_only_a_stock_is_paced_from_last_years_level_and_labelled_at_the_periods_end() -> None:
    from_baseline = [m for m, rules in MEASURES.items() if rules.paced_from_baseline]
    assert from_baseline == [Measure.STOCK]
    assert MEASURES[Measure.STOCK].period_label is PeriodLabel.PERIOD_END

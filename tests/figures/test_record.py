from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import Engine

from tests.helpers import snapshot
from tracker.app.database import Database
from tracker.app.figures import FigureInput, Recorded, record_figure
from tracker.app.history import revisions_of
from tracker.domain.errors import Conflict, InvalidInput, NotFound, TrackerError

NOW = datetime(2020, 7, 16, 8, 30, tzinfo=UTC)


def record(engine: Engine, key: str, value: str, period: str, **options: object) -> Recorded:
    reason = options.pop("reason", None)
    force = bool(options.pop("force", False))
    figure = FigureInput(key, period, value, **options)  # type: ignore[arg-type]
    return record_figure(Database(engine), figure, by="tester", now=NOW, reason=reason, force=force)


def test_it_records_a_figure_as_the_first_revision(loaded: Engine) -> None:
    done = record(loaded, "industry", "8.5%", "2020-06", note="稳中有进")
    indicator, rows = revisions_of(Database(loaded), "industry", "2020-06")
    assert indicator.key == "industry"
    assert [(r.revision, r.value, r.note, r.recorded_by) for r in rows] == [
        (1, Decimal("8.5"), "稳中有进", "tester")
    ]
    assert done.previous is None  # type: ignore[attr-defined]


def test_indicators_can_be_named_in_chinese_or_english(loaded: Engine) -> None:
    record(loaded, "规模以上工业增加值增速", "8.1", "2020-06")
    record(loaded, "new urban jobs", "2,200", "2020-06")
    assert revisions_of(Database(loaded), "industry")[1][-1].value == Decimal("8.1")
    assert revisions_of(Database(loaded), "jobs")[1][-1].value == Decimal(2200)


def test_a_revision_keeps_the_old_figure_and_records_why(loaded: Engine) -> None:
    record(loaded, "industry", "7.6", "2020-05", note="初步统计")
    record(loaded, "industry", "7.9", "2020-05", reason="区统计局修订")
    _, rows = revisions_of(Database(loaded), "industry", "2020-05")
    assert [(r.revision, r.value, r.reason) for r in rows] == [
        (1, Decimal("7.6"), None),
        (2, Decimal("7.9"), "区统计局修订"),
    ]
    assert rows[1].note == "初步统计"  # kept unless restated


@pytest.mark.parametrize(
    ("key", "value", "period", "options", "error", "words"),
    [
        ("industry", "8..5", "2020-06", {}, InvalidInput, "'8..5' is not a number"),
        ("industry", "", "2020-06", {}, InvalidInput, "is empty"),
        ("industry", "NaN", "2020-06", {}, InvalidInput, "is not a number"),
        ("industry", "inf", "2020-06", {}, InvalidInput, "is not a number"),
        ("indstry", "8", "2020-06", {}, NotFound, "Did you mean: industry"),
        ("gdp", "8", "2020-06", {}, InvalidInput, "quarterly"),
        ("industry", "8", "2020-01", {}, InvalidInput, "January–February"),
        ("urbanization", "55", "2020-06", {}, InvalidInput, "annual"),
        ("industry", "8", "2020-13", {}, InvalidInput, "no month 13"),
        ("industry", "8", "June", {}, InvalidInput, "is not a period"),
        ("industry", "8", "2025-06", {}, InvalidInput, "outside the years that have goals"),
        ("industry", "500", "2020-06", {}, InvalidInput, "plausible range"),
        ("industry", "8", "2020-06", {"reason": "fix"}, NotFound, "no figure to revise"),
        ("industry", "8", "2020-06", {"reason": " "}, InvalidInput, "needs a reason"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(
    loaded: Engine,
    key: str,
    value: str,
    period: str,
    options: dict[str, object],
    error: type[TrackerError],
    words: str,
) -> None:
    before = snapshot(loaded)
    with pytest.raises(error, match=words):
        record(loaded, key, value, period, **options)
    assert snapshot(loaded) == before


def test_a_second_figure_for_the_same_period_needs_a_revision(loaded: Engine) -> None:
    record(loaded, "fai", "9.1", "2020-06")
    before = snapshot(loaded)
    with pytest.raises(Conflict, match=r"already recorded as 9\.1.*--revise --reason"):
        record(loaded, "fai", "9.4", "2020-06")
    assert record(loaded, "fai", "9.1", "2020-06", reason="same again").unchanged
    assert record(loaded, "fai", "9.1", "2020-06").unchanged  # the very same: nothing to do
    assert snapshot(loaded) == before


def test_force_accepts_an_implausible_but_true_figure(loaded: Engine) -> None:
    record(loaded, "trade", "520", "2020-06", force=True)
    assert revisions_of(Database(loaded), "trade", "2020-06")[1][-1].value == Decimal(520)


def test_the_baseline_year_before_a_goal_year_is_accepted(loaded: Engine) -> None:
    record(loaded, "urbanization", "53.0", "2019")
    record(loaded, "rank", "105", "2019")
    assert revisions_of(Database(loaded), "rank", "2019")[1][-1].value == Decimal(105)

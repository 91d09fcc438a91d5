"""Milestones (docs/status-rules.md, "Milestones"): done on a day, or not, by a due date."""

from datetime import date
from decimal import Decimal

import pytest

from tracker.domain.milestones import done_day, done_value
from tracker.domain.model import Figure, Measure
from tracker.domain.periods import Cadence, Period
from tracker.domain.status import Status, evaluate

from .builders import make_goal, make_indicator, on

PLANT = make_goal(
    make_indicator("plant", measure=Measure.MILESTONE, cadence=Cadence.ANNUAL, unit=""),
    target=0,
    warning=30,
    due=date(2020, 5, 31),
)


def done(day: str) -> Figure:
    when = date.fromisoformat(day)
    return Figure(Period.year_of(when.year), done_value(when))


def test_a_day_is_stored_as_its_number_and_read_back() -> None:
    assert done_value(date(2020, 5, 28)) == Decimal(20200528)
    assert done_day(Decimal(20200528)) == date(2020, 5, 28)


@pytest.mark.parametrize(
    ("figures", "as_of", "status", "late", "left"),
    [
        ([], "2020-05-20", Status.PENDING, None, 11),
        ([], "2020-05-31", Status.PENDING, None, 0),
        ([], "2020-06-12", Status.LAGGING, None, -12),  # within 30 days of grace
        ([], "2020-06-30", Status.LAGGING, None, -30),
        ([], "2020-07-01", Status.MISSED, None, -31),
        ([done("2020-05-28")], "2020-05-20", Status.PENDING, None, 11),  # not done yet then
        ([done("2020-05-28")], "2020-06-30", Status.ACHIEVED, 0, None),
        ([done("2020-06-03")], "2020-06-30", Status.ACHIEVED, 3, None),
        ([done("2019-12-20")], "2020-03-31", Status.ACHIEVED, 0, None),  # done early
    ],
)
def test_a_milestone_is_pending_lagging_missed_or_achieved(
    figures: list[Figure], as_of: str, status: Status, late: int | None, left: int | None
) -> None:
    s = evaluate(PLANT, figures, on(as_of))
    assert (s.status, s.late_days, s.days_left) == (status, late, left)
    assert s.final is (status in (Status.ACHIEVED, Status.MISSED))
    assert s.overdue is None

"""Goals that change during the year: the version in force decides (docs/status-rules.md)."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import examples
from tracker.domain.model import Comparator, Goal, TargetKind
from tracker.domain.periods import Cadence
from tracker.domain.status import Status, evaluate

from .builders import fig, make_goal, make_indicator, on

GDP = make_indicator("gdp", cadence=Cadence.QUARTERLY)
FIRST = make_goal(GDP, comparator=Comparator.ABOUT, target=8, tolerance="0.5")
REVISED = replace(FIRST, target=Decimal("6.5"), effective=date(2020, 4, 26), reason="疫情影响")
GDP_2020 = replace(FIRST, versions=(REVISED,))


def test_it_uses_the_version_in_force_on_the_as_of_date() -> None:
    figures = [fig("2020-Q1", "6.4")]
    assert evaluate(GDP_2020, figures, on("2020-04-25")).status is Status.LAGGING  # 8 ± 0.5
    assert evaluate(GDP_2020, figures, on("2020-04-26")).status is Status.ON_TRACK  # 6.5 ± 0.5


def test_it_says_which_version_decided_and_what_it_replaced() -> None:
    result = evaluate(GDP_2020, [fig("2020-Q2", "6.3")], on("2020-07-31"))
    assert result.goal.effective == date(2020, 4, 26)
    assert result.goal.previous is not None
    assert result.goal.previous.target == 8


def test_the_final_verdict_uses_the_version_in_force_at_the_years_end() -> None:
    result = evaluate(GDP_2020, [fig("2020-Q4", "6.2")], on("2021-03-01"))
    assert (result.status, result.goal.target) == (Status.ACHIEVED, Decimal("6.5"))


def test_an_assigned_goal_is_pending_until_its_number_arrives_as_a_version() -> None:
    assigned = make_goal(GDP, target=0, kind=TargetKind.ASSIGNED, assigned_by="city")
    arrived = replace(
        assigned, kind=TargetKind.NUMBER, target=Decimal(6), effective=date(2020, 5, 10)
    )
    goal = replace(assigned, versions=(arrived,))
    figures = [fig("2020-Q1", "6.1")]
    assert evaluate(goal, figures, on("2020-05-09")).status is Status.PENDING
    assert evaluate(goal, figures, on("2020-05-10")).status is Status.ON_TRACK


def test_it_lists_every_version_the_first_first() -> None:
    assert [g.effective for g in GDP_2020.history] == [None, date(2020, 4, 26)]


@settings(max_examples=examples(100), deadline=None)
@given(
    st.dates(date(2020, 1, 2), date(2020, 12, 31)),
    st.decimals(min_value=-5, max_value=15, places=1),
    st.decimals(min_value=-5, max_value=15, places=1),
    st.integers(min_value=1, max_value=400),
)
def test_a_version_never_alters_a_status_as_of_a_date_before_it(
    effective: date, target: Decimal, value: Decimal, days_before: int
) -> None:
    goal: Goal = make_goal(GDP, target=8, tolerance="0.5")
    changed = replace(goal, versions=(replace(goal, target=target, effective=effective),))
    as_of = effective - timedelta(days=days_before)
    figures = [fig("2019-Q4", "7.0"), fig("2020-Q1", value)]
    before = evaluate(changed, figures, as_of)
    assert before.goal.target == goal.target
    assert replace(before, goal=goal) == evaluate(goal, figures, as_of)

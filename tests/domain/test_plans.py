"""Plan goals over several years (docs/status-rules.md, "Plan goals"): an annual average, an
end level, a cumulative total, from the years' final figures."""

from decimal import Decimal

import pytest

from tracker.domain.model import Measure
from tracker.domain.periods import Cadence
from tracker.domain.plans import Plan, PlanBasis, PlanGoal, evaluate_plan
from tracker.domain.status import Status

from .builders import fig, make_indicator, on

GDP = PlanGoal("gdp", make_indicator("gdp", cadence=Cadence.QUARTERLY), PlanBasis.ANNUAL_AVERAGE,
               Decimal(6))  # fmt: skip
URBAN = PlanGoal(
    "urbanization",
    make_indicator("urbanization", measure=Measure.LEVEL, cadence=Cadence.ANNUAL),
    PlanBasis.END_LEVEL,
    Decimal(65),
)
JOBS = PlanGoal(
    "jobs",
    make_indicator("jobs", measure=Measure.COUNT, unit="人"),
    PlanBasis.CUMULATIVE,
    Decimal(20000),
    warning=Decimal("0.1"),
)
PLAN = Plan("fourteenth", "十四五规划", "14th Five-Year Plan", 2021, 2025, (GDP, URBAN, JOBS))


def test_an_annual_average_is_the_years_geometric_mean_with_what_the_rest_must_average() -> None:
    figures = [fig("2021-Q4", "8.1"), fig("2022-Q4", "3.0"), fig("2023-Q2", "4.1"),
               fig("2023-Q4", "5.2")]  # fmt: skip
    s = evaluate_plan(PLAN, GDP, figures, on("2024-02-29"))
    assert s.years_done == (2021, 2022, 2023)
    assert (s.score, s.required, s.years_left) == (Decimal("5.41"), Decimal("6.89"), 2)
    assert s.status is Status.AT_RISK  # 0.59 points short of 6, within the warning
    assert PLAN.short_zh == "十四五"


def test_a_year_counts_once_its_final_figure_is_known() -> None:
    figures = [fig("2021-Q4", "8.1"), fig("2022-Q4", "3.0"), fig("2023-Q4", "5.2")]
    assert evaluate_plan(PLAN, GDP, figures, on("2023-12-30")).years_done == (2021, 2022)


def test_an_end_level_is_paced_from_the_baseline_year() -> None:
    figures = [fig("2020", "60"), fig("2021", "61.2"), fig("2022", "62"), fig("2023", "62.8")]
    s = evaluate_plan(PLAN, URBAN, figures, on("2024-06-30"))
    # 60 in 2020 to 65 in 2025: 63 expected by 2023; 62.8 is 0.2 short; 1.1 a year to go
    assert (s.score, s.expected, s.required) == (Decimal("62.8"), Decimal(63), Decimal("1.1"))
    assert s.status is Status.AT_RISK
    assert evaluate_plan(PLAN, URBAN, figures[1:], on("2024-06-30")).status is Status.NO_DATA


def test_a_cumulative_total_is_paced_by_the_years_done() -> None:
    figures = [fig("2021-12", "4100"), fig("2022-12", "3900"), fig("2023-12", "4300")]
    s = evaluate_plan(PLAN, JOBS, figures, on("2024-03-31"))
    assert (s.score, s.expected, s.required) == (Decimal(12300), Decimal(12000), Decimal(3850))
    assert s.status is Status.ON_TRACK


@pytest.mark.parametrize(("last", "status"), [("7.0", Status.ACHIEVED), ("5.0", Status.MISSED)])
def test_the_plan_s_last_year_gives_the_final_verdict(last: str, status: Status) -> None:
    figures = [fig(f"{y}-Q4", "6") for y in range(2021, 2025)] + [fig("2025-Q4", last)]
    s = evaluate_plan(PLAN, GDP, figures, on("2026-03-31"))
    assert (s.status, s.final, s.required) == (status, True, None)

"""The status rules of docs/status-rules.md, case by case: the worked examples, then the rest."""

from decimal import Decimal

import pytest

from tracker.domain.model import Basis, Comparator, Figure, Goal, Measure
from tracker.domain.periods import Cadence
from tracker.domain.severity import is_behind
from tracker.domain.status import GoalStatus, Status, evaluate

from .builders import (
    CPI,
    ENERGY,
    GDP,
    INDUSTRY,
    JOBS,
    RANK,
    URBANIZATION,
    fig,
    make_goal,
    make_indicator,
    on,
)


def status(goal: Goal, figures: list[Figure], as_of: str) -> Status:
    return evaluate(goal, figures, on(as_of)).status


# --- The worked examples of docs/status-rules.md -------------------------------------------


@pytest.mark.parametrize(
    ("period", "value", "expected"),
    [
        ("2020-06", "8.6", Status.ON_TRACK),
        ("2020-06", "8.1", Status.AT_RISK),
        ("2020-06", "7.2", Status.LAGGING),
        ("2020-12", "8.6", Status.ACHIEVED),
        ("2020-12", "8.0", Status.MISSED),
    ],
)
def test_industry_at_least_8_5(period: str, value: str, expected: Status) -> None:
    assert status(INDUSTRY, [fig(period, value)], "2021-01-25") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("7.6", Status.ON_TRACK), ("7.0", Status.AT_RISK), ("6.4", Status.LAGGING)],
)
def test_gdp_about_8(value: str, expected: Status) -> None:
    assert status(GDP, [fig("2020-Q2", value)], "2020-08-01") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("3.9", Status.ON_TRACK), ("4.6", Status.AT_RISK), ("5.2", Status.LAGGING)],
)
def test_cpi_at_most_about_3_5(value: str, expected: Status) -> None:
    assert status(CPI, [fig("2020-06", value)], "2020-07-25") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(2200, Status.ON_TRACK), (2000, Status.AT_RISK), (1800, Status.LAGGING)],
)
def test_jobs_against_a_time_proportional_expected_value(value: int, expected: Status) -> None:
    result = evaluate(JOBS, [fig("2020-06", value)], on("2020-07-25"))
    assert result.expected == Decimal(2150)  # 4,300 × 6 / 12: 时间过半、任务过半
    assert result.reference == Decimal(2150)
    assert result.status == expected


def test_jobs_reaching_the_annual_target_in_october_is_achieved() -> None:
    result = evaluate(JOBS, [fig("2020-09", 3900), fig("2020-10", 4400)], on("2020-11-25"))
    assert result.status == Status.ACHIEVED
    assert not result.final
    assert result.requirement is None


@pytest.mark.parametrize(
    ("value", "expected"), [("54.3", Status.ACHIEVED), ("54.0", Status.MISSED)]
)
def test_urbanization_scored_as_change_over_the_baseline(value: str, expected: Status) -> None:
    result = evaluate(URBANIZATION, [fig("2019", "53.0"), fig("2020", value)], on("2021-04-01"))
    assert result.status == expected
    assert result.baseline == fig("2019", "53.0")
    assert result.score == Decimal(value) - Decimal("53.0")  # +1.3 and +1.0 points


def test_energy_at_most_down_about_3_in_the_year() -> None:
    # Between final figures, as the worked example reads: an interim (quarterly) energy figure.
    quarterly = make_goal(
        make_indicator("energy", cadence=Cadence.QUARTERLY),
        comparator=Comparator.AT_MOST,
        target=-3,
        tolerance="0.5",
    )
    assert status(quarterly, [fig("2020-Q3", "-2.6")], "2020-11-01") == Status.ON_TRACK
    assert status(quarterly, [fig("2020-Q3", "-2.0")], "2020-11-01") == Status.AT_RISK
    assert status(quarterly, [fig("2020-Q3", "-1.4")], "2020-11-01") == Status.LAGGING


def test_energy_as_configured_is_annual_so_its_one_figure_gives_the_final_verdict() -> None:
    assert status(ENERGY, [fig("2020", "-2.6")], "2021-04-01") == Status.ACHIEVED
    assert status(ENERGY, [fig("2020", "-2.0")], "2021-04-01") == Status.MISSED
    assert status(ENERGY, [fig("2020", "-3.4")], "2021-04-01") == Status.ACHIEVED


# --- Bands: exactly on each edge ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("goal", "period", "value", "expected"),
    [
        (INDUSTRY, "2020-06", "8.5", Status.ON_TRACK),  # = target
        (INDUSTRY, "2020-06", "8.49", Status.AT_RISK),
        (INDUSTRY, "2020-06", "7.5", Status.AT_RISK),  # = target − warning
        (INDUSTRY, "2020-06", "7.49", Status.LAGGING),
        (GDP, "2020-Q2", "7.5", Status.ON_TRACK),  # = target − tolerance
        (GDP, "2020-Q2", "6.5", Status.AT_RISK),  # = target − tolerance − warning
        (GDP, "2020-Q2", "6.49", Status.LAGGING),
        (GDP, "2020-Q4", "7.5", Status.ACHIEVED),  # the tolerance holds for the verdict too
        (GDP, "2020-Q4", "7.49", Status.MISSED),
        (CPI, "2020-06", "4.0", Status.ON_TRACK),
        (CPI, "2020-06", "5.0", Status.AT_RISK),
        (CPI, "2020-06", "5.01", Status.LAGGING),
        (CPI, "2020-06", "-1", Status.ON_TRACK),
        (CPI, "2020-12", "4.0", Status.ACHIEVED),
        (CPI, "2020-12", "4.01", Status.MISSED),
        (JOBS, "2020-06", 2150, Status.ON_TRACK),
        (JOBS, "2020-06", 1935, Status.AT_RISK),  # 90% of 2,150
        (JOBS, "2020-06", 1934, Status.LAGGING),
        (JOBS, "2020-12", 4300, Status.ACHIEVED),
        (JOBS, "2020-12", 4299, Status.MISSED),
    ],
)
def test_each_band_starts_exactly_at_its_edge(
    goal: Goal, period: str, value: str, expected: Status
) -> None:
    assert status(goal, [fig(period, value)], "2021-03-01") == expected


def test_the_gap_is_the_score_minus_what_it_is_compared_with() -> None:
    assert evaluate(INDUSTRY, [fig("2020-06", "8.1")], on("2020-07-25")).gap == Decimal("-0.4")
    assert evaluate(CPI, [fig("2020-06", "4.6")], on("2020-07-25")).gap == Decimal("1.1")
    jobs = evaluate(JOBS, [fig("2020-06", 2000)], on("2020-07-25"))
    assert (jobs.score, jobs.reference, jobs.gap) == (Decimal(2000), Decimal(2150), Decimal(-150))


def test_a_count_tolerance_is_a_share_of_the_expected_value() -> None:
    about = make_goal(JOBS.indicator, target=4300, tolerance="0.05", warning="0.1")
    # June: expected 2,150; 5% of it is 107.5, so 2,042.5 is still on track.
    assert status(about, [fig("2020-06", "2042.5")], "2020-07-25") == Status.ON_TRACK
    assert status(about, [fig("2020-06", "2042")], "2020-07-25") == Status.AT_RISK
    # At the year's end the share is of the target: 4,300 − 215 = 4,085.
    assert status(about, [fig("2020-12", 4085)], "2021-01-25") == Status.ACHIEVED
    assert status(about, [fig("2020-12", 4084)], "2021-01-25") == Status.MISSED


def test_the_count_expected_value_grows_month_by_month_from_january_february() -> None:
    february = evaluate(JOBS, [fig("2020-02", 700)], on("2020-03-25"))
    assert february.expected == Decimal(4300) * 2 / 12
    assert february.status == Status.AT_RISK  # 700 < 716.67, within 10%
    september = evaluate(JOBS, [fig("2020-09", 3225)], on("2020-10-25"))
    assert september.expected == Decimal(3225)
    assert september.status == Status.ON_TRACK


def test_a_count_of_a_quarterly_indicator_expects_the_quarter_s_share() -> None:
    goal = make_goal(
        make_indicator("firms", measure=Measure.COUNT, cadence=Cadence.QUARTERLY),
        target=2000,
        warning="0.1",
    )
    result = evaluate(goal, [fig("2020-Q3", 1400)], on("2020-11-01"))
    assert result.expected == Decimal(1500)  # 2,000 × 9 / 12
    assert result.status == Status.AT_RISK


# --- Ranks --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rank", "expected", "gained"),
    [(35, Status.ACHIEVED, 10), (30, Status.ACHIEVED, 15), (36, Status.MISSED, 9)],
)
def test_a_rank_is_scored_as_places_gained_over_the_baseline(
    rank: int, expected: Status, gained: int
) -> None:
    result = evaluate(RANK, [fig("2019", 45), fig("2020", rank)], on("2021-06-01"))
    assert result.score == gained
    assert result.status == expected


@pytest.mark.parametrize(
    ("rank", "expected"),
    [
        (35, Status.ON_TRACK),  # 10 places gained
        (37, Status.AT_RISK),  # 8: within the 3-place warning band
        (38, Status.AT_RISK),  # 7: its edge
        (39, Status.LAGGING),  # 6
        (50, Status.LAGGING),  # lost 5 places
    ],
)
def test_an_interim_rank_uses_the_warning_band_in_places(rank: int, expected: Status) -> None:
    quarterly = make_goal(
        make_indicator("rank", measure=Measure.RANK, cadence=Cadence.QUARTERLY),
        target=10,
        warning=3,
        basis=Basis.CHANGE,
    )
    assert status(quarterly, [fig("2019", 45), fig("2020-Q2", rank)], "2020-09-01") == expected


def test_a_rank_can_also_have_an_absolute_target() -> None:
    top_20 = make_goal(
        make_indicator("rank", measure=Measure.RANK, cadence=Cadence.ANNUAL),
        comparator=Comparator.AT_MOST,
        target=20,
    )
    assert status(top_20, [fig("2020", 18)], "2021-06-01") == Status.ACHIEVED
    assert status(top_20, [fig("2020", 21)], "2021-06-01") == Status.MISSED


# --- No data -------------------------------------------------------------------------------------


def test_no_figure_at_all_is_no_data() -> None:
    result = evaluate(INDUSTRY, [], on("2020-07-25"))
    assert result.status == Status.NO_DATA
    assert (result.latest, result.score, result.gap, result.requirement) == (None,) * 4
    assert result.series == ()


def test_last_year_s_entries_never_count_as_this_year_s_progress() -> None:
    figures = [fig("2019-11", "9.1"), fig("2019-12", "9.0")]
    result = evaluate(INDUSTRY, figures, on("2020-03-01"))
    assert result.status == Status.NO_DATA
    assert result.latest is None
    assert result.baseline == fig("2019-12", "9.0")


def test_a_change_goal_without_a_baseline_has_no_data_but_shows_the_figure() -> None:
    result = evaluate(URBANIZATION, [fig("2020", "54.3")], on("2021-04-01"))
    assert result.status == Status.NO_DATA
    assert result.latest == fig("2020", "54.3")
    assert result.score is None
    assert result.baseline is None


def test_the_baseline_is_last_year_s_final_figure_not_an_earlier_one() -> None:
    figures = [fig("2018", "50.0"), fig("2019", "53.0"), fig("2020", "54.3")]
    assert evaluate(URBANIZATION, figures, on("2021-04-01")).score == Decimal("1.3")
    monthly_rank = make_goal(
        make_indicator("rank", measure=Measure.RANK), target=10, basis=Basis.CHANGE
    )
    midyear = [fig("2019-06", 30), fig("2020-06", 25)]  # no final 2019 figure: no baseline
    assert status(monthly_rank, midyear, "2020-07-25") == Status.NO_DATA


# --- Which figures count -------------------------------------------------------------------------


def test_figures_whose_period_ends_after_the_as_of_date_are_ignored() -> None:
    figures = [fig("2020-06", "8.6"), fig("2020-07", "5.0")]
    mid_july = evaluate(INDUSTRY, figures, on("2020-07-30"))
    assert mid_july.latest == fig("2020-06", "8.6")
    assert mid_july.status == Status.ON_TRACK
    assert mid_july.series == (fig("2020-06", "8.6"),)
    end_of_july = evaluate(INDUSTRY, figures, on("2020-07-31"))  # July has ended: it counts
    assert end_of_july.latest == fig("2020-07", "5.0")
    assert end_of_july.status == Status.LAGGING


def test_a_future_final_figure_does_not_decide_today() -> None:
    figures = [fig("2020-06", "8.6"), fig("2020-12", "7.0")]
    assert status(INDUSTRY, figures, "2020-12-30") == Status.ON_TRACK


def test_goals_of_another_year_are_evaluated_with_that_year_s_figures() -> None:
    goal_2021 = make_goal(INDUSTRY.indicator, target=7, year=2021)
    figures = [fig("2020-12", "8.6"), fig("2021-03", "6.5")]
    result = evaluate(goal_2021, figures, on("2021-04-25"))
    assert (result.latest, result.baseline) == (fig("2021-03", "6.5"), fig("2020-12", "8.6"))
    assert result.status == Status.AT_RISK
    # Evaluated in January for last year: its December figure is final.
    assert status(INDUSTRY, figures, "2021-01-25") == Status.ACHIEVED


def test_the_annual_figure_is_the_latest_even_when_december_exists() -> None:
    figures = [fig("2020-12", "8.4"), fig("2020", "8.6")]
    result = evaluate(INDUSTRY, figures, on("2021-02-01"))
    assert result.latest == fig("2020", "8.6")
    assert result.previous == fig("2020-12", "8.4")
    assert result.status == Status.ACHIEVED
    assert result.final


def test_the_higher_revision_wins_whatever_the_order() -> None:
    first = fig("2020-06", "7.2")
    revised = fig("2020-06", "8.6", revision=2)
    for figures in ([first, revised], [revised, first]):
        result = evaluate(INDUSTRY, figures, on("2020-07-25"))
        assert result.latest == revised
        assert result.status == Status.ON_TRACK
        assert result.series == (revised,)


def test_revised_and_preliminary_flags_are_carried_through() -> None:
    figures = [
        fig("2019", "8", preliminary=True),
        fig("2020-Q1", "7.9", revision=3),
        fig("2020-Q2", "8.2", preliminary=True),
    ]
    result = evaluate(GDP, figures, on("2020-08-01"))
    assert result.baseline is not None
    assert result.baseline.preliminary
    assert result.latest is not None
    assert result.latest.preliminary
    assert not result.latest.revised
    assert result.previous is not None
    assert result.previous.revised
    assert not fig("2020-06", 1).revised


# --- Trend ---------------------------------------------------------------------------------------


def test_previous_and_change_describe_the_trend_since_the_last_period() -> None:
    figures = [fig("2020-04", "7.9"), fig("2020-05", "8.1"), fig("2020-06", "8.9")]
    result = evaluate(INDUSTRY, figures, on("2020-07-25"))
    assert result.previous == fig("2020-05", "8.1")
    assert result.change == Decimal("0.8")  # 比1-5月回升0.8个百分点
    assert result.series == tuple(figures)


def test_the_first_figure_of_a_year_has_no_previous_and_no_change() -> None:
    result = evaluate(INDUSTRY, [fig("2019-12", "9.0"), fig("2020-02", "-2.0")], on("2020-03-25"))
    assert result.previous is None
    assert result.change is None


def test_a_falling_figure_has_a_negative_change() -> None:
    result = evaluate(GDP, [fig("2020-Q1", "8.4"), fig("2020-Q2", "7.1")], on("2020-08-01"))
    assert result.change == Decimal("-1.3")


# --- The status values ---------------------------------------------------------------------------


def test_behind_means_at_risk_lagging_or_missed() -> None:
    assert {s for s in Status if is_behind(s)} == {Status.AT_RISK, Status.LAGGING, Status.MISSED}


def test_the_result_keeps_the_goal_and_date_it_was_decided_for() -> None:
    result = evaluate(GDP, [fig("2020-Q2", "7.6")], on("2020-08-01"))
    assert isinstance(result, GoalStatus)
    assert (result.goal, result.as_of) == (GDP, on("2020-08-01"))
    assert result.reference == Decimal(8)
    assert result.expected is None


def test_a_baseline_not_yet_final_on_the_as_of_date_is_not_used() -> None:
    # Looking ahead at next year's goals in mid-December: 2019 has not ended yet.
    figures = [fig("2019", "53.0")]
    assert evaluate(URBANIZATION, figures, on("2019-12-15")).baseline is None
    assert evaluate(URBANIZATION, figures, on("2019-12-31")).baseline == fig("2019", "53.0")


@pytest.mark.parametrize("tolerance", ["0", "0.01"])
def test_bands_that_are_shares_of_a_negative_target_still_widen_it(tolerance: str) -> None:
    # A stock whose level may be negative (a net balance): the bands are shares of its size.
    goal = make_goal(
        make_indicator("balance", measure=Measure.STOCK, cadence=Cadence.ANNUAL),
        target="-0.1",
        tolerance=tolerance,
        warning=0,
    )
    assert status(goal, [fig("2020", "-0.10")], "2021-06-01") == Status.ACHIEVED

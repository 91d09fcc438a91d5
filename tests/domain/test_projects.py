"""Key projects: a project's status and the totals of a 调度通报 (docs/projects.md, "Rules")."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.errors import InvalidInput, NotFound
from tracker.domain.model import Owner
from tracker.domain.periods import Period
from tracker.domain.project_guards import figure_guards, refusals
from tracker.domain.project_status import (
    evaluate_portfolio,
    evaluate_project,
    projects_year,
    status_period,
    time_share,
    worst_first,
)
from tracker.domain.project_totals import by_level, by_owner, by_place, totals
from tracker.domain.projects import (
    FINISH,
    START,
    Milestone,
    Portfolio,
    Project,
    ProjectFigure,
    find_project,
    level_words,
    ordered_levels,
    read_date,
)
from tracker.domain.status import Status

OWNER = Owner("development", "区发展改革委", "Development")
OTHER = Owner("industry", "区工信局", "Industry")


def d(text: str | int) -> Decimal:
    return Decimal(text)


def project(key: str = "p", plan: str = "12", total: str = "100", **terms: object) -> Project:
    base = Project(
        key=key, name=f"项目{key}", year=2020, level="区重点", owner=OWNER, total=d(total),
        plan=d(plan),
    )  # fmt: skip
    return replace(base, **terms)  # type: ignore[arg-type]


def figure(month: int, value: str, year: int = 2020) -> ProjectFigure:
    return ProjectFigure(Period.month(year, month), d(value))


def judged(p: Project, *figures: ProjectFigure, met=None, as_of=date(2020, 7, 10), month=6):
    return evaluate_project(
        p, figures, met or {}, as_of=as_of, period=Period.month(2020, month) if month else None
    )


def test_the_share_of_plan_is_compared_with_the_months_elapsed() -> None:
    s = judged(project(plan="12"), figure(6, "6.6"))
    assert (s.done, s.share, s.time_share, s.gap) == (d("6.6"), d(55), d(50), d(5))
    assert s.status is Status.ON_TRACK
    assert s.reported


@pytest.mark.parametrize(
    ("done", "status"),
    [("6", Status.ON_TRACK), ("5.9", Status.AT_RISK), ("4.8", Status.AT_RISK),
     ("4.79", Status.LAGGING), ("12", Status.ACHIEVED), ("13", Status.ACHIEVED)],
)  # fmt: skip
def test_a_project_behind_the_time_share_is_at_risk_within_ten_points_and_lagging_beyond(
    done: str, status: Status
) -> None:
    assert judged(project(plan="12"), figure(6, done)).status is status


def test_a_project_sets_its_own_warning_band() -> None:
    assert judged(project(plan="12", warning=d(5)), figure(6, "5.3")).status is Status.LAGGING


def test_a_milestone_past_its_due_date_makes_a_project_lagging_whatever_its_money_says() -> None:
    late = project(plan="10", milestones=(Milestone("建成投产", date(2020, 5, 31)),))
    s = judged(late, figure(6, "9.5"))
    assert s.status is Status.LAGGING
    assert [(m.milestone.name, m.status, m.late_days) for m in s.overdue] == [
        ("建成投产", Status.LAGGING, 40)
    ]
    met = judged(late, figure(6, "9.5"), met={"建成投产": date(2020, 6, 3)})
    assert met.status is Status.ON_TRACK
    assert [(m.status, m.late_days) for m in met.milestones] == [(Status.ACHIEVED, 3)]


def test_a_milestone_due_on_the_day_is_not_overdue_yet_and_one_met_later_does_not_count() -> None:
    due = project(milestones=(Milestone("主体封顶", date(2020, 7, 10)),))
    assert judged(due, figure(6, "6")).milestones[0].status is Status.PENDING
    after = judged(due, figure(6, "6"), met={"主体封顶": date(2020, 7, 11)})
    assert after.milestones[0].done is None


def test_the_start_and_finish_are_milestones_and_a_continuing_projects_start_counts_as_met() -> (
    None
):
    new = project(start=date(2020, 3, 31), finish=date(2021, 12, 31))
    assert [m.milestone.name for m in judged(new, figure(6, "6")).milestones] == [START, FINISH]
    assert judged(new, figure(6, "6")).status is Status.LAGGING  # not started, due in March
    continuing = project(start=date(2019, 5, 31))
    started = judged(continuing, figure(6, "6")).milestones[0]
    assert (started.status, started.continuing) == (Status.ACHIEVED, True)


def test_without_a_figure_a_project_has_no_data_and_without_a_plan_only_its_milestones() -> None:
    assert judged(project(), figure(6, "0", year=2019)).status is Status.NO_DATA
    assert judged(project()).status is Status.NO_DATA
    assert judged(project(plan="0")).status is Status.ON_TRACK
    assert judged(project(plan="0")).share is None


def test_at_the_years_end_a_project_has_met_its_plan_or_missed_it() -> None:
    at_end = {"as_of": date(2021, 1, 15), "month": 12}
    assert judged(project(plan="10"), figure(12, "10"), **at_end).status is Status.ACHIEVED
    assert judged(project(plan="10"), figure(12, "9.9"), **at_end).status is Status.MISSED
    assert judged(project(plan="10"), **at_end).status is Status.MISSED
    assert judged(project(plan="0"), **at_end).status is Status.ACHIEVED
    late = project(plan="10", milestones=(Milestone("投产", date(2020, 11, 30)),))
    assert judged(late, figure(12, "12"), **at_end).status is Status.MISSED
    next_year = project(plan="10", milestones=(Milestone("建成投产", date(2021, 1, 10)),))
    assert judged(next_year, figure(12, "12"), **at_end).status is Status.ACHIEVED


def test_a_project_is_judged_at_its_latest_figure_up_to_the_period_and_marked_unreported() -> None:
    s = judged(project(plan="12"), figure(4, "4"), figure(5, "5"), figure(7, "8"))
    assert (s.figure, s.done, s.reported) == (figure(5, "5"), d(5), False)
    assert s.gap == d(5) * 100 / 12 - 50


def test_the_period_is_the_latest_month_any_project_reported_up_to_the_last_month_ended() -> None:
    a, b = project("a"), project("b")
    portfolio = Portfolio(
        2020, (a, b), {("", "a"): (figure(5, "5"), figure(6, "6")), ("", "b"): (figure(5, "4"),)}
    )
    assert status_period(portfolio, date(2020, 7, 10)) == Period.month(2020, 6)
    assert status_period(portfolio, date(2020, 6, 29)) == Period.month(2020, 5)
    assert status_period(Portfolio(2020, (a,)), date(2020, 7, 10)) == Period.month(2020, 6)
    assert status_period(portfolio, date(2021, 3, 1)) == Period.month(2020, 6)
    assert status_period(Portfolio(2020, (a,)), date(2021, 3, 1)) == Period.month(2020, 12)
    assert status_period(portfolio, date(2020, 1, 20)) is None
    statuses = evaluate_portfolio(portfolio, date(2020, 7, 10))
    assert [s.reported for s in statuses] == [True, False]


def test_the_year_is_that_of_the_last_month_ended_unless_chosen() -> None:
    assert projects_year(date(2020, 1, 15)) == 2019
    assert projects_year(date(2020, 2, 1)) == 2020
    assert projects_year(date(2020, 1, 15), 2020) == 2020
    assert time_share(None) == 0
    assert time_share(Period.month(2020, 12)) == 100


def test_the_projects_behind_come_worst_first() -> None:
    statuses = [
        judged(project("ok", plan="12"), figure(6, "7")),
        judged(project("risk", plan="12"), figure(6, "5.5")),
        judged(project("far", plan="12"), figure(6, "1")),
        judged(project("near", plan="12"), figure(6, "4")),
        judged(
            project("late", plan="12", milestones=(Milestone("投产", date(2020, 6, 1)),)),
            figure(6, "7"),
        ),
    ]
    assert [s.project.key for s in worst_first(statuses)] == ["far", "near", "late", "risk"]


def test_the_totals_sum_the_plan_and_the_money_and_count_starts_completions_and_the_behind() -> (
    None
):
    as_of = date(2020, 7, 10)
    statuses = [
        judged(project("a", plan="10", total="50", start=date(2020, 3, 31)), figure(6, "6"),
               met={START: date(2020, 3, 20)}, as_of=as_of),
        judged(project("b", plan="20", total="30", start=date(2020, 5, 31)), figure(6, "8"),
               as_of=as_of),
        judged(project("c", plan="10", total="20", start=date(2020, 10, 31),
                       finish=date(2020, 6, 30)), figure(6, "10"),
               met={START: date(2020, 4, 1), FINISH: date(2020, 6, 28)}, as_of=as_of),
        judged(project("d", plan="0", total="5", start=date(2019, 4, 30)), as_of=as_of),
    ]  # fmt: skip
    t = totals(statuses, as_of)
    assert (t.count, t.total, t.plan, t.done) == (4, d(105), d(40), d(24))
    assert (t.share, t.gap) == (d(60), d(10))
    assert (t.starts_due, t.started, t.start_rate) == (2, 1, d(50))
    assert (t.finished, t.behind, t.unmet, t.unreported) == (1, 1, 2, 1)
    assert not t.all_met


def test_all_met_needs_every_project_with_a_plan_to_have_met_it() -> None:
    at_end = {"as_of": date(2021, 1, 15), "month": 12}
    met = [judged(project("a", plan="1"), figure(12, "1.5"), **at_end),
           judged(project("b", plan="0"), **at_end)]  # fmt: skip
    assert totals(met, date(2021, 1, 15)).all_met
    assert not totals([], date(2021, 1, 15)).all_met


def test_totals_per_level_come_national_first_and_per_place_are_ranked_by_share() -> None:
    as_of = date(2020, 7, 10)
    statuses = [
        judged(project("a", level="区重点", place="east"), figure(6, "3"), as_of=as_of),
        judged(
            project("b", level="省重点", place="west", owner=OTHER), figure(6, "9"), as_of=as_of
        ),
        judged(project("c", level="市重点", place="east"), figure(6, "9"), as_of=as_of),
        judged(project("d", level="区重点", place="north"), figure(6, "9"), as_of=as_of),
    ]
    assert [t.key for t in by_level(statuses, as_of)] == ["省重点", "市重点", "区重点"]
    assert [(t.key, t.count) for t in by_owner(statuses, as_of)] == [
        ("development", 3),
        ("industry", 1),
    ]
    places = by_place(statuses, as_of, order=("north", "west", "east"))
    assert [(t.key, t.share, t.rank) for t in places] == [
        ("north", d(75), 1),
        ("west", d(75), 1),
        ("east", d(50), 3),
    ]


def test_a_figure_that_falls_jumps_or_passes_the_total_is_refused() -> None:
    p = project(plan="2", total="10")
    others = [figure(5, "1.2"), figure(7, "2")]
    assert figure_guards(p, Period.month(2020, 6), d("1.5"), others) == []
    falls = figure_guards(p, Period.month(2020, 6), d("1.1"), others)
    assert [g.forced for g in falls] == [True]
    assert "below the 2020-05 figure 1.2" in falls[0].en
    above_next = figure_guards(p, Period.month(2020, 6), d("2.5"), others)
    assert "above the 2020-07 figure 2" in above_next[0].en
    jump = figure_guards(p, Period.month(2020, 6), d("8"), [figure(5, "1.2")])
    assert [g.forced for g in jump] == [True]
    assert "more than 3 times the annual plan" in jump[0].en
    total = figure_guards(p, Period.month(2020, 6), d("12"), [])
    assert [g.forced for g in total] == [False, True]
    assert refusals(total, force=True) == total[:1]
    assert refusals(total, force=False) == total[:1]  # --force would not help: not offered
    assert refusals(jump, force=True) == []
    assert refusals(jump, force=False) == jump
    assert "total investment of 10亿元" in total[0].en
    negative = figure_guards(p, Period.month(2020, 6), d("-1"), [])
    assert [g.forced for g in negative] == [False]


@given(st.lists(st.decimals(min_value=0, max_value=50, places=2), min_size=1, max_size=12))
def test_year_to_date_figures_that_never_fall_pass_the_fall_guard(values: list[Decimal]) -> None:
    p = project(plan="1000", total="10000")
    rising = sorted(values)
    figures = [figure(m + 1, str(v)) for m, v in enumerate(rising)]
    for n, f in enumerate(figures):
        others = figures[:n] + figures[n + 1 :]
        assert figure_guards(p, f.period, f.value, others) == []


def test_a_project_is_found_by_key_or_name_and_a_near_miss_is_named() -> None:
    listed = [project("mengniu4", name="蒙牛四期工厂"), project("college", name="黄河生物科技学院")]
    assert find_project(listed, "mengniu4").key == "mengniu4"
    assert find_project(listed, "蒙牛四期工厂 ").key == "mengniu4"
    with pytest.raises(NotFound, match="did you mean mengniu4"):
        find_project(listed, "mengniu5")


@pytest.mark.parametrize(
    ("text", "day"),
    [("2020-05-31", date(2020, 5, 31)), ("2020/5/3", date(2020, 5, 3)),
     ("2020年5月31日", date(2020, 5, 31)), ("2020-05", date(2020, 5, 31)),
     ("2020.2", date(2020, 2, 29)), ("2020年5月底", date(2020, 5, 31)),
     ("2020年", date(2020, 12, 31)), ("2020", date(2020, 12, 31))],
)  # fmt: skip
def test_a_date_is_read_as_offices_write_it(text: str, day: date) -> None:
    assert read_date(text) == day


@pytest.mark.parametrize("text", ["2020-02-30", "五月底", "2020-13", ""])
def test_a_text_that_is_no_date_is_refused_with_the_forms_to_write(text: str) -> None:
    with pytest.raises(InvalidInput, match="2020-05-31, 2020-05"):
        read_date(text)


def test_levels_are_ordered_and_said_in_each_language() -> None:
    listed = [project(level="区重点"), project(level="其他"), project(level="省重点项目")]
    assert ordered_levels(listed) == ["省重点项目", "区重点", "其他"]
    assert level_words("省重点项目", "zh") == "省重点"
    assert level_words("市重点", "en") == "city"
    assert level_words("产业类", "en") == "产业类"

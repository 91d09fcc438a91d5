"""The report's context, built from evaluated goals alone: no database, no templates."""

from datetime import date
from decimal import Decimal

import pytest

from tests.reporting import dataset
from tracker.domain.errors import InvalidInput
from tracker.domain.model import Figure
from tracker.domain.periods import Period
from tracker.domain.status import evaluate
from tracker.reporting.contents import build_context
from tracker.reporting.context import ReportContext
from tracker.reporting.timeline import build_timeline, reporting_period


def context(
    lang: str = "zh", owner: str | None = None, as_of: date = dataset.AS_OF
) -> ReportContext:
    timeline = build_timeline(dataset.goals(), dataset.figures(), as_of)
    return build_context(
        timeline.current,
        as_of=as_of,
        lang=lang,
        owner=owner,
        previous=timeline.previous,
        streaks=timeline.streaks,
    )


def line(ctx: ReportContext, key: str):
    return next(item for item in ctx.lines if item.key == key)


def test_the_reporting_period_is_the_last_month_that_has_ended() -> None:
    assert reporting_period(date(2020, 7, 20)) == Period.month(2020, 6)
    assert reporting_period(date(2020, 6, 30)) == Period.month(2020, 6)
    assert reporting_period(date(2021, 1, 5)) == Period.month(2020, 12)


def test_it_counts_the_goals_of_each_status() -> None:
    counts = {c.status: c.n for c in context().counts}
    assert counts == {
        "achieved": 0,
        "on_track": 1,
        "at_risk": 3,
        "lagging": 3,
        "missed": 0,
        "no_data": 5,
    }


def test_lagging_goals_come_first_then_those_at_risk_each_by_relative_gap() -> None:
    ctx = context()  # lagging: 76%, 41%, 30% short; at risk: 31%, 8%, 5%
    assert [item.key for item in ctx.behind] == ["gdp", "industry", "income", "cpi", "fai", "jobs"]
    assert "gdp" not in [item.key for item in ctx.others]
    assert ctx.others[0].key == "retail"


def test_the_subject_states_the_verdict_in_both_languages() -> None:
    assert context("zh").subject == "2020年6月目标进度：3项落后，3项预警，2项逾期未报"
    assert context("en").subject == "June 2020 targets: 3 lagging, 3 at risk, 2 overdue"


def test_gaps_of_rates_are_in_percentage_points() -> None:
    assert line(context("zh"), "industry").gap == "低于目标3.5个百分点"
    assert line(context("en"), "industry").gap == "3.5 percentage points below target"
    assert line(context("zh"), "industry").change == "比1-5月回升1.4个百分点"


def test_gaps_of_counts_are_in_people_and_share_of_expected() -> None:
    assert line(context("zh"), "jobs").gap == "低于序时进度100人（完成序时进度的95.3%）"
    en = line(context("en"), "jobs")
    assert en.gap == "100 people below the expected count (95.3% of expected)"
    assert en.requirement == "the remaining 6 months need 375 people a month"


def test_the_official_sentence_uses_the_same_numbers_as_the_table() -> None:
    jobs = line(context("zh"), "jobs")
    assert jobs.sentence == (
        "1-6月城镇新增就业2,050人，低于序时进度100人（完成序时进度的95.3%），"
        "比1-5月增加330人；后6个月需月均完成375人方能完成全年目标。"
    )
    industry = line(context("en"), "industry")
    assert industry.sentence == (
        "In Jan–Jun, value added of industry above designated size grew 5.0% year on year, "
        "3.5 percentage points below the annual target, up 1.4 percentage points on Jan–May."
    )
    assert line(context("zh"), "retail").sentence is None  # on track: no sentence needed


def test_a_growth_rate_with_amounts_says_what_growth_the_rest_of_the_year_needs() -> None:
    goal = next(g for g in dataset.goals() if g.indicator.key == "revenue")
    figures = [
        Figure(Period.parse("2019-06"), Decimal("9"), amount=Decimal("40")),
        Figure(Period.parse("2019"), Decimal("11"), amount=Decimal("100")),
        Figure(Period.parse("2020-06"), Decimal("2.5"), amount=Decimal("41")),
    ]
    s = evaluate(goal, figures, dataset.AS_OF)
    ctx = build_context([s], as_of=dataset.AS_OF, lang="zh")
    # 100 × 1.08 − 41 = 67 needed from months that brought 60 last year: +11.7%
    assert ctx.behind[0].sentence == (
        "1-6月一般公共预算收入同比增长2.5%，低于年度目标5.5个百分点；"
        "后6个月需同比增长11.7%方能完成全年目标。"
    )


def test_it_reports_what_changed_since_the_previous_period() -> None:
    changes = context().changes
    assert [item.key for item in changes.newly_behind] == ["cpi"]
    assert [item.key for item in changes.recovered] == ["retail"]
    assert [(item.key, item.streak) for item in changes.persistent] == [("gdp", 2), ("industry", 2)]


def test_a_quarterly_figure_repeated_at_month_ends_counts_as_one_period() -> None:
    assert line(context(), "income").streak == 1


def test_overdue_indicators_are_listed_with_their_owners() -> None:
    overdue = context().overdue
    assert [(item.key, item.overdue, item.owner) for item in overdue] == [
        ("revenue", "1-6月", "区财政局"),
        ("trade", "1-6月", "区开放招商中心"),
    ]


def test_revised_and_preliminary_figures_are_marked() -> None:
    assert line(context("zh"), "gdp").marks == ("预计",)
    assert line(context("en"), "fai").marks == ("revised",)
    assert line(context("en"), "industry").marks == ()


def test_the_owner_note_stays_beside_the_figure_as_data() -> None:
    assert line(context(), "cpi").note == dataset.HOSTILE
    assert line(context(), "industry").note == "重点企业产能逐步恢复"


def test_progress_bars_show_counts_against_expected_and_annual_target() -> None:
    bars = line(context("en"), "jobs").bars
    assert [(b.width, b.text) for b in bars] == [
        (95, "95% of expected"),
        (48, "48% of target"),
    ]
    assert line(context(), "cpi").bars == ()  # an "at most" goal has nothing to fill up to


def test_a_negative_figure_has_no_progress_bar() -> None:
    goals = {g.indicator.key: g for g in dataset.goals()}
    falling = [Figure(Period.month(2020, 6), Decimal("-3.5"))]
    status = evaluate(goals["retail"], falling, dataset.AS_OF)
    ctx = build_context([status], as_of=dataset.AS_OF, lang="en")
    assert line(ctx, "retail").bars == ()


def test_chart_alt_text_states_the_numbers() -> None:
    chart = line(context("en"), "industry").chart
    assert chart is not None
    assert chart.points == (("Apr", 8.6), ("May", 3.6), ("Jun", 5.0))
    assert chart.alt == (
        "Value added of industry above designated size, growth, 2020: "
        "Jan–Apr 8.6%, Jan–May 3.6%, Jan–Jun 5.0%; target 8.5%"
    )
    assert line(context(), "income").chart is None  # one figure is not a trend


def test_the_notes_speak_to_leaders_and_the_bands_go_to_the_appendix() -> None:
    notes = context("en").footnotes
    assert notes[0].startswith("On track:")
    assert not any("tolerance" in n or "warning band" in n for n in notes)
    assert "Sources: 区统计局快报 (GDP growth)." in notes
    rules = context("en").rules
    assert (
        "New urban jobs: meeting the target is on track; short of it by up to 10% of the "
        "expected count is at risk; beyond that, lagging."
    ) in rules
    assert any(r.startswith("GDP growth; ") and "within 0.5 percentage points" in r for r in rules)
    zh = "；".join(context("zh").footnotes + context("zh").rules)
    assert "容差" not in zh
    assert "预警范围" not in zh


def test_it_restricts_the_report_to_one_owner() -> None:
    ctx = context("en", owner="区统计局")
    assert ctx.owner is not None
    assert ctx.owner.key == "stats"
    assert sorted(item.key for item in ctx.lines) == ["gdp", "income", "urbanization"]
    assert ctx.subject == "June 2020 targets (District Statistics Bureau): 2 lagging"
    assert context(owner="Stats").owner == ctx.owner


def test_an_unknown_owner_is_refused_with_the_known_ones() -> None:
    with pytest.raises(InvalidInput, match=r"no owner 'nobody'.*stats \(区统计局\)"):
        context(owner="nobody")


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(InvalidInput, match="use one of: zh, en"):
        context(lang="fr")


def test_a_report_with_no_figures_says_so() -> None:
    ctx = build_context(
        [evaluate(g, [], date(2020, 2, 10)) for g in dataset.goals()],
        as_of=date(2020, 2, 10),
        lang="en",
    )
    assert ctx.subject.endswith("no figures yet")
    assert ctx.behind == ()


def test_a_target_set_as_a_change_says_the_change_so_far() -> None:
    goal = next(g for g in dataset.goals() if g.indicator.key == "urbanization")
    figures = [
        Figure(Period.parse("2019"), Decimal("53.0")),
        Figure(Period.parse("2020"), Decimal("54.0")),
    ]
    s = evaluate(goal, figures, date(2021, 3, 31))
    ctx = build_context([s], as_of=date(2021, 3, 31), lang="zh")
    assert ctx.behind[0].status == "missed"
    assert ctx.behind[0].sentence == (
        "2020年常住人口城镇化率为54.00%，比上年提高1.00个百分点，低于年度目标0.20个百分点。"
    )


def test_a_count_at_the_year_end_is_measured_against_the_annual_target() -> None:
    goal = next(g for g in dataset.goals() if g.indicator.key == "jobs")
    s = evaluate(goal, [Figure(Period.parse("2020-12"), Decimal(4000))], date(2021, 1, 20))
    en = build_context([s], as_of=date(2021, 1, 20), lang="en").behind[0]
    assert en.status == "missed"
    assert en.gap == "300 people below the annual target (93.0% of it)"


@pytest.mark.parametrize(
    ("lang", "title", "headline_start"),
    [
        (
            "zh",
            "2020年目标进度（截至2019年12月）",
            "截至2020年1月15日，2020年数据尚未发布：12项目标中，",
        ),
        (
            "en",
            "2020 targets as of December 2019",
            "As of January 15, 2020, no 2020 figures are in: of 12 goals, ",
        ),
    ],
)
def test_goals_of_another_year_than_the_reporting_month_are_named_by_their_year(
    lang: str, title: str, headline_start: str
) -> None:
    # --year 2020 on 15 January 2020: the reporting month is December 2019, the goals 2020's.
    ctx = context(lang, as_of=date(2020, 1, 15))
    assert ctx.year == 2020
    assert ctx.title == title
    assert ctx.subject.startswith(title)
    assert ctx.headline.startswith(headline_start)


def test_goals_of_the_reporting_month_s_year_are_titled_by_the_month_alone() -> None:
    assert context("zh").title == "2020年6月目标进度"


def test_a_place_whose_goals_are_all_its_childrens_says_so_instead_of_counting_none() -> None:
    timeline = build_timeline(dataset.goals(), dataset.figures(), dataset.AS_OF)
    ctx = build_context(
        [],
        as_of=dataset.AS_OF,
        lang="zh",
        children=[("east", "东城区", timeline.current)],
    )
    assert ctx.verdict == "本级未设目标"
    assert ctx.headline == "截至2020年7月20日：本级未设目标，下辖地区的未达目标见下。"
    assert ctx.overview.rows == ()
    assert [line.key for line in ctx.children[0].behind][:2] == ["gdp", "industry"]


def test_at_the_years_end_every_goal_achieved_reads_all_achieved_never_recovered() -> None:
    goals = [g for g in dataset.goals() if g.key in ("industry", "jobs")]
    figures = {
        "industry": [
            Figure(Period.month(2020, 11), Decimal("7.9")),
            Figure(Period.month(2020, 12), Decimal("9.0")),
        ],
        "jobs": [
            Figure(Period.month(2020, 11), Decimal("3500")),
            Figure(Period.month(2020, 12), Decimal("4400")),
        ],
    }
    as_of = date(2021, 1, 25)
    timeline = build_timeline(goals, figures, as_of)
    ctx = build_context(
        timeline.current, as_of=as_of, lang="zh", previous=timeline.previous, charts=False
    )
    assert ctx.verdict == "全部完成"
    assert ctx.subject == "2020年12月目标进度：全部完成"
    assert ctx.changes.recovered == ()
    assert [line.key for line in ctx.changes.achieved] == ["industry", "jobs"]

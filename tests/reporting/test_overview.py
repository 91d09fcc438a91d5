"""The overview table (主要指标完成情况表) that opens every report: its order, its totals scaled
as bulletins write them, its ranks, its three colours, and the rule that a growth rate is never
"完成年度目标的X%"."""

import io
from datetime import date
from decimal import Decimal

import pytest

from tests.reporting import dataset
from tracker.domain.measures import is_rate
from tracker.domain.model import Figure
from tracker.domain.periods import Period
from tracker.reporting.bundle import ReportBundle
from tracker.reporting.formats import NAMES
from tracker.reporting.overview import scaled
from tracker.reporting.render import render_goals
from tracker.reporting.settings import ReportSettings


def shown(bundle: ReportBundle, fmt: str) -> str:
    """What a format shows a reader, as text (the Word briefing's paragraphs and cells)."""
    content = bundle.formatted(fmt)
    if isinstance(content, str):
        return content
    from docx import Document

    document = Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def render(**options: object) -> ReportBundle:
    return render_goals(dataset.goals(), dataset.figures(), as_of=dataset.AS_OF, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", NAMES)
def test_no_report_says_a_rate_goal_is_a_share_of_its_target(fmt: str) -> None:
    rates = [g for g in dataset.goals() if is_rate(g.indicator)]
    for lang, words in (("zh", "完成年度目标的"), ("en", "of target")):
        bundle = render_goals(rates, dataset.figures(), as_of=dataset.AS_OF, lang=lang)
        assert words not in shown(bundle, fmt)


def test_a_count_still_shows_its_progress_against_the_target_and_the_pace() -> None:
    bundle = render(lang="zh")
    assert "完成年度目标的48%" in bundle.html  # the jobs' bar
    row = next(r for r in bundle.context.overview.rows if r.key == "jobs")
    assert row.progress == "完成47.7%，序时50.0%"


def test_the_rows_follow_the_configured_order_of_indicators_not_the_severity() -> None:
    order = ("jobs", "gdp", "cpi")
    rows = render(settings=ReportSettings(order=order)).context.overview.rows
    assert [r.key for r in rows][:3] == ["jobs", "gdp", "cpi"]
    assert [r.key for r in rows][3:] == [
        "industry", "fai", "retail", "revenue", "urbanization", "energy", "trade", "income",
        "rank",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        ("123456", "万元", ("亿元", Decimal("12.3456"))),
        ("20500", "人", ("万人", Decimal("2.05"))),
        ("2050", "人", ("人", Decimal("2050"))),
        ("456789012", "元", ("亿元", Decimal("4.56789012"))),
        ("12.3", "亿元", ("亿元", Decimal("12.3"))),
        ("8000", "件", ("件", Decimal("8000"))),
    ],
)
def test_totals_are_scaled_as_bulletins_write_them(
    value: str, unit: str, expected: tuple[str, Decimal]
) -> None:
    assert scaled(Decimal(value), unit) == expected


def test_a_growth_rate_shows_its_recorded_amount_as_the_total_in_its_unit() -> None:
    figures = dataset.figures()
    june = Period.month(2020, 6)
    figures["fai"] = [
        Figure(june, Decimal("9.2"), amount=Decimal("1234567")) if f.period == june else f
        for f in figures["fai"]
    ]
    settings = ReportSettings(amount_units={"fai": "万元"})
    bundle = render_goals(
        dataset.goals(), figures, as_of=dataset.AS_OF, lang="zh", settings=settings
    )
    row = next(r for r in bundle.context.overview.rows if r.key == "fai")
    assert (row.unit, row.amount, row.growth) == ("亿元", "123.46", "9.2")
    row_text = "固定资产投资增速 | 亿元 | 1-6月 | 123.46 | 9.2 | 10% | 低0.8个百分点 | 预警"
    assert row_text in bundle.text


def test_the_status_cell_is_red_yellow_or_green_and_a_goal_not_due_says_when_it_is() -> None:
    rows = {r.key: r for r in render(lang="zh").context.overview.rows}
    lights = (rows["gdp"].light, rows["fai"].light, rows["retail"].light)
    assert lights == ("red", "yellow", "green")
    assert (rows["urbanization"].word, rows["urbanization"].light) == ("年底出数", "")
    assert rows["revenue"].word == "逾期未报"
    early = render_goals(dataset.goals(), {}, as_of=date(2020, 3, 10), lang="zh")
    words = {r.key: r.word for r in early.context.overview.rows}
    assert words["gdp"] == "4月出数"  # the first quarter's figure, due 30 days after it
    assert words["industry"] == "3月出数"  # January–February: due on 20 March
    late = render_goals(dataset.goals(), {}, as_of=date(2020, 3, 25), lang="zh")
    assert next(r.word for r in late.context.overview.rows if r.key == "industry") == "逾期未报"


def test_a_milestone_shows_the_day_it_was_done_and_no_total() -> None:
    from tests.domain.builders import make_goal, make_indicator
    from tracker.domain.milestones import done_value
    from tracker.domain.model import Measure
    from tracker.domain.periods import Cadence

    plant = make_goal(
        make_indicator("plant", measure=Measure.MILESTONE, cadence=Cadence.ANNUAL, unit=""),
        target=0,
        warning=30,
        due=date(2020, 5, 31),
    )
    done = Figure(Period.year_of(2020), done_value(date(2020, 6, 3)))
    bundle = render_goals([plant], {"plant": [done]}, as_of=date(2020, 7, 15), lang="zh")
    [row] = bundle.context.overview.rows
    assert (row.period, row.amount, row.unit) == ("6月3日", "—", "—")  # not 20200603
    assert row.progress == "逾期3天完成"

"""Trend charts a reader can read a number off: inline SVG with the periods, the latest figure,
the target line labelled, and one scale for every rate chart of a report."""

import re
import xml.etree.ElementTree as ET

import pytest

from tests.reporting import dataset
from tests.reporting.dom import parse
from tracker.reporting.charts import svg
from tracker.reporting.context import Chart
from tracker.reporting.render import render_goals

NS = "{http://www.w3.org/2000/svg}"


def chart(values: tuple[float, ...], target: float | None = None) -> Chart:
    points = tuple((f"{m}月", v) for m, v in enumerate(values, start=2))
    return Chart(points, target, "目标8.5%", f"{values[-1]}%", -2.0, 12.0, "-2.0%", "12.0%",
                 "#b71c1c", "规模以上工业增加值增速")  # fmt: skip


def drawn(c: Chart) -> ET.Element:
    return ET.fromstring(svg(c))


def texts(element: ET.Element) -> list[str]:
    return [t.text or "" for t in element.iter(f"{NS}text")]


def dots(element: ET.Element) -> list[float]:
    return [float(c.attrib["cy"]) for c in element.iter(f"{NS}circle")]


def test_a_chart_labels_its_periods_its_latest_figure_its_target_and_its_scale() -> None:
    said = texts(drawn(chart((8.6, 3.6, 5.0), target=8.5)))
    assert [t for t in said if t.endswith("月")] == ["2月", "3月", "4月"]
    assert {"5.0%", "目标8.5%", "12.0%", "-2.0%", "0"} <= set(said)


def test_the_figures_are_where_the_scale_says() -> None:
    element = drawn(chart((12.0, -2.0, 5.0)))
    high, low, middle = dots(element)
    assert high < middle < low  # rows count downwards
    assert middle == pytest.approx(low + (high - low) * 7 / 14)


def test_the_target_is_a_dashed_line_at_its_height() -> None:
    element = drawn(chart((5.0, 6.0), target=8.5))
    (target,) = [e for e in element.iter(f"{NS}line") if e.attrib.get("stroke-dasharray")]
    high, low = dots(drawn(chart((12.0, -2.0))))
    assert float(target.attrib["y1"]) == pytest.approx(low + (high - low) * 10.5 / 14, abs=0.1)
    assert not [
        e for e in drawn(chart((5.0, 6.0))).iter(f"{NS}line") if "stroke-dasharray" in e.attrib
    ]


def test_a_chart_is_text_with_its_alt_as_title_and_nothing_to_fetch() -> None:
    markup = svg(chart((1.0, 2.0), target=1.5))
    element = ET.fromstring(markup)
    assert element.attrib["role"] == "img"
    assert element.find(f"{NS}title").text == "规模以上工业增加值增速"  # type: ignore[union-attr]
    assert not re.search(r"href|<script|url\(", markup)
    assert element.find(f"{NS}rect").attrib["fill"] == "#ffffff"  # type: ignore[union-attr]


def test_a_chart_needs_a_figure() -> None:
    with pytest.raises(ValueError, match="at least one figure"):
        svg(Chart((), None, "", "", 0, 1, "0", "1", "#000000", "alt"))


def test_every_rate_chart_of_a_report_shares_one_scale() -> None:
    bundle = render_goals(dataset.goals(), dataset.figures(), as_of=dataset.AS_OF, lang="zh")
    charts = {line.key: line.chart for line in bundle.context.lines if line.chart}
    assert sorted(charts) == ["fai", "gdp", "industry", "jobs", "retail"]
    rates = {(c.low, c.high) for key, c in charts.items() if key != "jobs"}
    assert len(rates) == 1  # gdp's 14-point gap and fai's 0.8 look as they are
    (low, high) = rates.pop()
    assert low < -2.6
    assert high > 10.6
    jobs = charts["jobs"]
    assert (jobs.low, jobs.target) == (0.0, 4300.0)
    assert jobs.target_label == "目标4,300人"


def test_the_page_draws_the_charts_and_the_email_none() -> None:
    bundle = render_goals(dataset.goals(), dataset.figures(), as_of=dataset.AS_OF, lang="zh")
    assert len(parse(bundle.html).all("svg")) == 5
    assert "<svg" not in bundle.email_html
    assert "<img" not in bundle.email_html
    assert bundle.images == ()
    plain = render_goals(
        dataset.goals(), dataset.figures(), as_of=dataset.AS_OF, lang="zh", charts=False
    )
    assert "<svg" not in plain.html

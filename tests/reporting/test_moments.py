"""Every moment a report shows is in the configured zone, in the reader's words (2020年7月20日
9:30:05); only the JSON document keeps the machine's UTC form, which ``--as-known`` reads as
well as the shown one."""

import re
from datetime import UTC, datetime

import pytest

from tests.reporting import dataset
from tests.reporting.test_overview import shown
from tracker.domain.moments import parse_moment
from tracker.reporting.render import render_goals
from tracker.reporting.settings import ReportSettings

MOMENT = datetime(2020, 7, 20, 1, 30, 5, tzinfo=UTC)
UTC_FORM = re.compile(r"\d{2}:\d{2}(:\d{2})?Z")


@pytest.mark.parametrize(
    ("zone", "said"),
    [("Asia/Shanghai", "2020年7月20日 9:30:05"), ("Asia/Urumqi", "2020年7月20日 7:30:05")],
)
@pytest.mark.parametrize("fmt", ["html", "text", "md", "docx"])
def test_every_shown_moment_is_in_the_configured_zone(fmt: str, zone: str, said: str) -> None:
    bundle = render_goals(
        dataset.goals(),
        dataset.figures(),
        as_of=dataset.AS_OF,
        lang="zh",
        as_known=MOMENT,
        settings=ReportSettings(zone=zone),
    )
    text = shown(bundle, fmt)
    assert f"本报告依据截至{said}录入的数据和目标生成。" in text
    assert not UTC_FORM.search(text)
    assert bundle.email_html.count(said) == 1
    assert not UTC_FORM.search(bundle.email_html)


def test_the_moment_as_shown_rebuilds_the_report() -> None:
    assert parse_moment("2020年7月20日 9:30:05", "Asia/Shanghai") == MOMENT
    assert parse_moment("2020-07-20 01:30:05Z", "Asia/Shanghai") == MOMENT  # the JSON's


def test_the_english_report_says_the_moment_in_its_words() -> None:
    bundle = render_goals(
        dataset.goals(), dataset.figures(), as_of=dataset.AS_OF, lang="en", as_known=MOMENT
    )
    assert "recorded by July 20, 2020, 9:30:05." in bundle.text

"""Each status, and the goals behind their target, in the same words on every part of a report:
badges, headline, verdict, the section of the goals behind, the Word briefing
(tracker/domain/wording.py; docs/status-rules.md, "Behind the target")."""

import io
import re
from datetime import date

import pytest

from tests.domain.builders import fig, make_goal, make_indicator
from tracker.domain.model import TargetKind
from tracker.domain.severity import BEHIND
from tracker.domain.status import GoalStatus, Status, evaluate
from tracker.domain.wording import BEHIND_WORDS, STATUS_WORDS
from tracker.reporting.contents import build_context
from tracker.reporting.context import ReportContext
from tracker.reporting.pages import template_text

AS_OF = date(2021, 1, 25)  # the 2020 goals: December figures are final verdicts
# One goal of each status: its key, what it is given, and the status it gets.
CASES = {
    "a": ("9.0", "2020-12", Status.ACHIEVED),
    "b": ("8.6", "2020-11", Status.ON_TRACK),
    "c": ("8.0", "2020-11", Status.AT_RISK),
    "d": ("7.0", "2020-11", Status.LAGGING),
    "e": ("8.0", "2020-12", Status.MISSED),
    "f": (None, None, Status.NO_DATA),
    "g": (TargetKind.ASSIGNED, "2020-11", Status.PENDING),
    "h": (TargetKind.NONE, "2020-11", Status.NO_TARGET),
}


def one_of_each() -> list[GoalStatus]:
    statuses = []
    for key, (given, period, _) in CASES.items():
        kind = given if isinstance(given, TargetKind) else TargetKind.NUMBER
        goal = make_goal(make_indicator(key), kind=kind)
        value = "8.6" if given is None or isinstance(given, TargetKind) else given
        statuses.append(evaluate(goal, [fig(period, value)] if period else [], AS_OF))
    return statuses


def context(statuses: list[GoalStatus], lang: str) -> ReportContext:
    return build_context(statuses, as_of=AS_OF, lang=lang, charts=False)


def test_the_cases_have_one_goal_of_each_status() -> None:
    assert [s.status for s in one_of_each()] == [status for *_, status in CASES.values()]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_badges_counts_and_headline_say_each_status_in_its_one_word(lang: str) -> None:
    ctx = context(one_of_each(), lang)
    overdue = "逾期未报" if lang == "zh" else "overdue"
    said = {status.value: words.said(lang) for status, words in STATUS_WORDS.items()}
    # A goal without a figure says why instead of 无数据: its figure is overdue here.
    assert {line.status: line.status_word for line in ctx.lines} == said | {"no_data": overdue}
    assert {c.status: c.word for c in ctx.counts} == said
    for status, words in STATUS_WORDS.items():
        if status is not Status.NO_DATA:
            assert words.counted(lang, 1) in ctx.headline, status
    assert {c.status: c.word for c in ctx.badges} == {
        k: v for k, v in said.items() if k != "no_data"
    } | {"overdue": overdue}


def test_the_headline_and_the_verdict_count_the_goals_in_the_chinese_words() -> None:
    ctx = context(one_of_each(), "zh")
    assert ctx.headline.endswith(
        "8项目标中，1项未完成，1项落后，1项预警，1项已完成，1项正常，1项目标待下达，"
        "1项未设目标，6项逾期未报。"
    )
    assert ctx.verdict.startswith("1项落后，1项未完成，1项预警")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_list_of_goals_behind_holds_the_three_statuses_under_the_familys_heading(
    lang: str,
) -> None:
    ctx = context(one_of_each(), lang)
    assert [line.status for line in ctx.behind] == [s.value for s in BEHIND]
    heading = "## " + BEHIND_WORDS.said(lang).capitalize() + "\n"
    badges = {"report.txt": r"^\[(.+)\] ", "report.md": r"^### .+ — (.+)$"}
    for template, badge in badges.items():
        section = template_text(ctx, template).split(heading, 1)[1].split("\n## ", 1)[0]
        said = re.findall(badge, section, flags=re.MULTILINE)
        assert said == [STATUS_WORDS[s].said(lang) for s in BEHIND], template


def test_a_list_of_goals_at_risk_alone_is_never_headed_lagging() -> None:
    at_risk = [s for s in one_of_each() if s.status is Status.AT_RISK]
    text = template_text(context(at_risk, "zh"), "report.txt")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings[:2] == ["## 主要指标完成情况", "## 未达目标"]
    assert not any("落后" in heading for heading in headings)
    assert "[预警]" in text
    assert "[落后]" not in text


def test_the_word_briefing_heads_the_goals_behind_with_the_familys_word() -> None:
    from docx import Document

    from tracker.reporting.briefing import briefing_docx

    ctx = context(one_of_each(), "zh")
    paragraphs = [p.text for p in Document(io.BytesIO(briefing_docx(ctx))).paragraphs]
    assert "二、未达目标" in paragraphs

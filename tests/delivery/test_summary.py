"""The report's summary for group robots, in each service's own markdown: the verdict, the goals
behind with their own status words, owner and gap, @mentions of lagging goals' owners, a link,
all within the robots' limit in bytes."""

import json
import re
from decimal import Decimal

import pytest

from tracker.configuration.channels import ChannelSpec
from tracker.configuration.definitions import Contact
from tracker.delivery.channels.dingtalk import MARKDOWN_LIMIT
from tracker.delivery.robots import robot_message
from tracker.delivery.summary import DINGTALK, WECOM, plain, summary
from tracker.domain.model import Figure
from tracker.domain.periods import Period

LINK = "https://stats.example.gov.cn/reports/2020-07-15/zh.html"
CONTACTS = {"industry": Contact("ZhangSan", "13800000000")}


def document(behind: int, *, lang: str = "zh", name: str = "规模以上工业增加值增速") -> dict:
    goals = [
        {
            "key": f"g{i}",
            "status": "lagging",
            "name_zh": f"{name}{i}",
            "name_en": f"Industrial value added {i}",
            "owner": {"key": "industry", "zh": "区工信局", "en": "Industry bureau"},
            "text": {"status": "落后" if lang == "zh" else "lagging", "gap": f"差{i}.3个百分点"},
        }
        for i in range(behind)
    ]
    on_track = {"key": "fine", "name_zh": "财政收入", "owner": None, "text": None}
    return {
        "lang": lang,
        "subject": f"示范区2020年6月目标进度：{behind}项落后",
        "verdict": f"{behind}项落后",
        "headline": "截至2020年7月15日，已出1-6月数据：共有目标",
        "behind": [g["key"] for g in goals],
        "goals": [*goals, on_track],
    }


def report_of(*cases: tuple[str, str], lang: str = "zh") -> dict:
    """The JSON document of a report as of 2020-07-20 on the shipped goals ``key`` with one
    June figure ``value`` each (CPI 4.6 is at risk; industry 5.0 is lagging)."""
    from tests.reporting import dataset
    from tracker.domain.status import evaluate
    from tracker.reporting.contents import build_context
    from tracker.reporting.document import report_document

    goals = {g.key: g for g in dataset.goals()}
    statuses = [
        evaluate(goals[key], [Figure(Period.parse("2020-06"), Decimal(value))], dataset.AS_OF)
        for key, value in cases
    ]
    ctx = build_context(statuses, as_of=dataset.AS_OF, lang=lang, charts=False)
    return report_document(ctx, statuses)


def test_it_states_the_verdict_the_goals_behind_with_owner_and_gap_and_the_link() -> None:
    made = summary(document(2), limit=4096, link=LINK)
    assert made.title == "示范区2020年6月目标进度：2项落后"
    assert made.markdown.splitlines() == [
        "### 示范区2020年6月目标进度：2项落后",
        '<font color="warning">2项落后</font>',
        "截至2020年7月15日，已出1-6月数据：共有目标",
        "**未达目标**",
        '- 规模以上工业增加值增速0（区工信局）：<font color="warning">落后</font>，差0.3个百分点',
        '- 规模以上工业增加值增速1（区工信局）：<font color="warning">落后</font>，差1.3个百分点',
        f"[查看完整报告]({LINK})",
    ]


def test_on_wecom_the_words_are_coloured_and_a_lagging_goals_owner_is_mentioned() -> None:
    both = (("cpi", "4.6"), ("industry", "5.0"))  # at risk, lagging
    made = summary(report_of(*both), limit=4096, kind=WECOM, contacts=CONTACTS).markdown
    lines = made.split("\n")  # WeCom breaks a line at a single \n
    assert lines[1] == '<font color="warning">1项落后，1项预警</font>'
    assert lines[4] == (
        '- 规模以上工业增加值增速（区工信局）：<font color="warning">落后</font>，'
        "低于目标3.5个百分点 <@ZhangSan>"
    )
    assert lines[5].startswith('- 居民消费价格指数涨幅（区发展改革委）：<font color="warning">预警')
    assert "<@" not in lines[5]  # at risk: no 催办
    assert set(re.findall(r'<font color="(\w+)">', made)) <= {"info", "comment", "warning"}
    assert "0项" not in made
    on_track = summary(report_of(("industry", "9.0")), limit=4096, kind=WECOM).markdown
    assert on_track.split("\n")[1] == '<font color="info">全部正常</font>'


def test_on_dingtalk_every_line_is_a_paragraph_and_the_owner_is_mentioned_by_mobile() -> None:
    both = (("cpi", "4.6"), ("industry", "5.0"))
    made = summary(report_of(*both), limit=4096, kind=DINGTALK, contacts=CONTACTS)
    text = made.markdown
    assert not re.search(r"[^\n]\n[^\n]", text)  # DingTalk joins lines split by one \n
    paragraphs = text.split("\n\n")
    assert paragraphs[1] == "**1项落后，1项预警**"  # no colour on DingTalk: bold
    assert paragraphs[4].endswith("低于目标3.5个百分点 @13800000000")
    assert "<font" not in text
    assert "<@" not in text
    assert made.mobiles == ("13800000000",)


def test_a_dingtalk_post_lists_its_mentions_in_at_mobiles() -> None:
    class Report:
        subject = "示范区2020年6月目标进度：1项落后"
        json = json.dumps(document(1), ensure_ascii=False)

    spec = ChannelSpec("g", "dingtalk")
    ding = robot_message(spec, "monthly", "2020-07", Report(), None, CONTACTS)
    body = json.loads(ding.message)
    assert body["at"] == {"atMobiles": ["13800000000"], "isAtAll": False}
    assert "@13800000000" in body["markdown"]["text"]
    plain_post = json.loads(robot_message(spec, "monthly", "2020-07", Report(), None).message)
    assert "at" not in plain_post  # no contacts: no mention


def test_it_says_so_when_no_goal_is_behind_and_links_nothing_without_a_base_url() -> None:
    made = summary(document(0, lang="en"), limit=4096)
    assert made.markdown.splitlines()[3:] == ["No goal is behind."]


@pytest.mark.parametrize("kind", [WECOM, DINGTALK])
@pytest.mark.parametrize("goals", [12, 50, 200])
def test_it_stays_within_the_limit_and_counts_the_goals_it_leaves_out(
    goals: int, kind: str
) -> None:
    made = summary(
        document(goals, name="规模以上工业增加值增速" * 5),
        limit=4096,
        link=LINK,
        kind=kind,
        contacts=CONTACTS,
    )
    size = len(made.markdown.encode())
    assert size <= MARKDOWN_LIMIT
    lines = [line for line in made.markdown.splitlines() if line]
    shown = sum(1 for line in lines if line.startswith("- "))
    assert lines[-1] == f"[查看完整报告]({LINK})"  # the link survives
    if shown < goals:
        assert lines[-2] == f"另有 {goals - shown} 项未达目标，见完整报告。"
        assert size > 4096 - 500  # it filled the budget rather than stopping early
    else:
        assert goals == 12
    if kind == DINGTALK:
        assert len(made.mobiles) == 1  # one owner, mentioned once however many of its goals


def test_names_cannot_make_markup() -> None:
    made = summary(document(1, name="[点我](http://x) **粗** <b>#"), limit=4096)
    line = made.markdown.splitlines()[4]
    assert line.startswith("- ［点我］(http://x) ＊＊粗＊＊ ＜b＞＃")
    assert plain("a\nb") == "a b"


def test_a_robot_message_holds_the_summary_as_the_services_json() -> None:
    class Report:
        subject = "示范区2020年6月目标进度：1项落后"
        json = json.dumps(document(1), ensure_ascii=False)

    wecom = robot_message(ChannelSpec("g", "wecom"), "monthly", "2020-07", Report(), LINK)
    ding = robot_message(ChannelSpec("g", "dingtalk"), "monthly", "2020-07", Report(), None)
    wecom_body, ding_body = json.loads(wecom.message), json.loads(ding.message)
    assert wecom_body["msgtype"] == ding_body["msgtype"] == "markdown"
    assert wecom_body["markdown"]["content"].endswith(f"[查看完整报告]({LINK})")
    assert ding_body["markdown"]["title"] == Report.subject
    assert "区工信局" in ding_body["markdown"]["text"]
    assert (wecom.channel, wecom.recipient, ding.channel) == ("wecom", "g", "dingtalk")
    assert wecom.message_id != ding.message_id


def test_a_goal_at_risk_is_listed_under_the_heading_of_every_goal_behind_never_under_lagging() -> (
    None
):
    made = summary(report_of(("cpi", "4.6")), limit=4096).markdown.splitlines()
    assert made[0] == "### 2020年6月目标进度：1项预警"
    assert made[1] == '<font color="warning">1项预警</font>'
    assert "0项" not in made[2]  # no zero counts
    assert made[3:] == [
        "**未达目标**",
        '- 居民消费价格指数涨幅（区发展改革委）：<font color="warning">预警</font>，'
        "高于目标1.1个百分点",
    ]


def test_goals_lagging_and_at_risk_share_the_heading_each_with_its_own_word() -> None:
    both = (("cpi", "4.6"), ("industry", "5.0"))
    zh = summary(report_of(*both), limit=4096, kind=DINGTALK).markdown.split("\n\n")
    en = summary(report_of(*both, lang="en"), limit=4096, kind=DINGTALK).markdown.split("\n\n")
    assert (zh[3], en[3]) == ("**未达目标**", "**Goals behind**")
    assert [line.split("：")[1].split("，")[0] for line in zh[4:]] == ["落后", "预警"]
    assert [line.split(": ")[1].split(", ")[0] for line in en[4:]] == ["lagging", "at risk"]


def test_with_no_goal_behind_it_says_so_in_the_reports_words() -> None:
    from tracker.reporting.language import Words

    made = summary(report_of(("industry", "9.0")), limit=4096).markdown.splitlines()
    assert made[3:] == [Words("zh")("No goal is behind its target.")] == ["没有未达目标的指标。"]

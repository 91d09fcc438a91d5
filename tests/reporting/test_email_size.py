"""A bounded email whatever the number of goals: at 12, 50 and 200 goals, in both languages,
the HTML part stays under 100 KB (Gmail hides what comes after about 102 KB); what it leaves
out travels as the complete report, attached. Each message is parsed back with the ``email``
package's strict policy, which raises on any defect."""

import re
from datetime import UTC, datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import strict

import pytest

from tests.reporting import dataset
from tests.reporting.dom import parse
from tracker.app.attachments import complete_report
from tracker.delivery.message import as_bytes, build_message
from tracker.reporting.bundle import ReportBundle
from tracker.reporting.render import render_goals

LIMIT = 100_000  # bytes of HTML, decoded
URL = "https://stats.example.gov.cn/reports"


def render(n: int, lang: str, **options: object) -> ReportBundle:
    goals, figures = dataset.many(n)
    return render_goals(goals, figures, as_of=dataset.AS_OF, lang=lang, **options)  # type: ignore[arg-type]


def sent(bundle: ReportBundle) -> EmailMessage:
    """The message as the monthly job builds it, parsed back strictly."""
    message = build_message(
        bundle,
        sender="区统计局 <stats@example.gov.cn>",
        to="leader@example.gov.cn",
        message_id="<test@example.gov.cn>",
        list_id="<monthly-report.tracker.example.gov.cn>",
        date=datetime(2020, 7, 20, 9, tzinfo=UTC),
        attachments=complete_report(bundle),
    )
    parsed = message_from_bytes(as_bytes(message), policy=strict)
    assert isinstance(parsed, EmailMessage)
    return parsed


def html_part(message: EmailMessage) -> str:
    body = message.get_body(("html",))
    assert body is not None
    html: str = body.get_content()
    return html


def names(html: str) -> list[str]:
    return [span.text for span in parse(html).all("span", class_="name")]


def accounted(html: str) -> int:
    """The goals an email accounts for: its overview table's rows, and those it says are in
    the complete report (of which it gives the goals behind a line each)."""
    rows = len(parse(html).all("div", class_="ov-row"))
    rest = re.search(r"(\d+) more indicators? (?:is|are) in the complete|另有(\d+)项指标", html)
    return rows + (int(rest.group(1) or rest.group(2)) if rest else 0)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("n", [12, 50, 200])
def test_the_html_part_stays_under_100_kb(n: int, lang: str) -> None:
    bundle = render(n, lang)
    message = sent(bundle)
    html = html_part(message)
    assert len(html.encode()) < LIMIT
    referenced = set(re.findall(r'src="cid:([^"]+)"', html))
    attached = {p["Content-ID"].strip("<>") for p in message.walk() if p["Content-ID"]}
    assert referenced == attached  # no image left unreferenced, none missing
    assert accounted(html) == n  # every goal: in the table, in a line, or said to be attached
    assert names(html) == names(bundle.html)[: len(names(html))]  # the worst in full


def test_twelve_goals_are_all_shown_in_full_and_nothing_is_attached() -> None:
    message = sent(render(12, "zh"))
    assert len(names(html_part(message))) == 12
    assert not list(message.iter_attachments())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_past_the_budget_the_worst_goals_are_in_full_and_the_whole_report_is_attached(
    lang: str,
) -> None:
    bundle = render(200, lang)
    message = sent(bundle)
    html = html_part(message)
    full = names(html)
    assert 5 < len(full) < 200
    assert full == names(bundle.html)[: len(full)]  # the page's order: the worst first
    assert full[0].startswith("地区生产总值增速" if lang == "zh" else "GDP growth")
    (attachment,) = message.iter_attachments()
    assert attachment.get_content_type() == "text/html"
    assert attachment.get_filename() == f"report-2020-07-20-{lang}.html"
    page = attachment.get_content()
    assert len(names(page)) == 200  # the complete report, every goal in full
    assert page.count("<svg") == 200 * 5 // 12 + 1  # its charts inside it
    assert f"report-2020-07-20-{lang}.html" in html  # the email says where the rest is


def test_the_lists_are_shortened_when_even_a_line_a_goal_is_too_long() -> None:
    bundle = render(200, "en", budget=30_000)
    html = bundle.email_html
    assert len(html.encode()) <= 30_000
    assert "more in the complete report" in html
    assert bundle.attachment == "report-2020-07-20-en.html"


def test_with_an_archive_address_the_email_links_to_the_page_there() -> None:
    cut = render(200, "zh", base_url=URL + "/")
    whole = render(12, "zh", base_url=URL)
    link = f'href="{URL}/2020-07-20/zh.html"'
    assert link in cut.email_html
    assert "查看完整报告" in cut.email_html
    assert link in whole.email_html
    assert f"{URL}/2020-07-20/zh.html" in whole.text
    assert 'href="http' not in render(12, "zh").email_html  # no archive: no link to it


def test_the_preheader_states_the_verdict_first() -> None:
    bundle = render(12, "zh")
    body = parse(html_part(sent(bundle))).find("body")
    first = next(node for node in body.children if not isinstance(node, str))
    assert first.attrs["class"] == "preheader"
    assert first.text == "3项落后，3项预警，2项逾期未报"
    assert "display: none" in first.attrs["style"]


def test_the_email_holds_as_many_goals_in_full_as_fit_and_one_more_would_not() -> None:
    from dataclasses import replace

    from tracker.reporting.contents import build_context
    from tracker.reporting.pages import bounded
    from tracker.reporting.timeline import build_timeline

    goals, figures = dataset.many(60)
    timeline = build_timeline(goals, figures, dataset.AS_OF)
    ctx = build_context(
        timeline.current,
        as_of=dataset.AS_OF,
        lang="en",
        previous=timeline.previous,
        streaks=timeline.streaks,
    )
    budget = 90_000
    mail, html = bounded(ctx, budget, attachment="all.html")
    full = len(ctx.lines) - len(mail.brief)
    assert 0 < full < 60
    assert len(html.encode()) <= budget
    keys = [line.key for line in ctx.lines]
    one_more = replace(mail, brief=frozenset(keys[full + 1 :]))
    _, bigger = bounded(one_more, 10**9, attachment="all.html")  # rendered as it is
    assert len(bigger.encode()) > budget

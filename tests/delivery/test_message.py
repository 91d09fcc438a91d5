from datetime import UTC, datetime
from email import message_from_bytes, policy

from tests.delivery.content import report_content
from tracker.delivery.message import XLSX, Attachment, as_bytes, build_message, message_id

SENDER = "区统计局 <stats@example.gov.cn>"
WHEN = datetime(2020, 7, 15, 1, 0, tzinfo=UTC)


def _built(**extra):
    mid = message_id(
        job="monthly-report",
        period_key="2020-07",
        part="",
        recipient="a@example.gov.cn",
        domain="example.gov.cn",
    )
    message = build_message(
        report_content(),
        sender=SENDER,
        to="区领导 <a@example.gov.cn>",
        message_id=mid,
        date=WHEN,
        **extra,
    )
    return message_from_bytes(as_bytes(message), policy=policy.default)


def test_the_message_has_text_then_html_with_inline_charts() -> None:
    parsed = _built()
    assert parsed.get_content_type() == "multipart/alternative"
    text, related = parsed.get_payload()
    assert text.get_content_type() == "text/plain"
    assert "低于目标1.3个百分点" in text.get_content()
    assert related.get_content_type() == "multipart/related"
    html, *images = related.get_payload()
    assert html.get_content_type() == "text/html"
    assert "低于目标1.3个百分点" in html.get_content()
    assert [i.get_content_type() for i in images] == ["image/png", "image/png"]
    for image in images:
        cid = image["Content-ID"].strip("<>")
        assert f'src="cid:{cid}"' in html.get_content()
        assert image.get_content_disposition() == "inline"
        assert image.get_content().startswith(b"\x89PNG")


def test_a_chinese_subject_and_name_are_encoded_and_read_back() -> None:
    raw = as_bytes(
        build_message(
            report_content(), sender=SENDER, to="a@example.gov.cn", message_id="<x@y>", date=WHEN
        )
    )
    headers = raw.split(b"\r\n\r\n")[0]
    assert headers.isascii()  # RFC 2047 encoded words, not raw UTF-8
    assert b"=?utf-8?" in headers
    parsed = message_from_bytes(raw, policy=policy.default)
    assert parsed["Subject"] == "【2020年6月】目标进度：1项落后，0项预警"
    assert parsed["From"].addresses[0].display_name == "区统计局"
    assert parsed["Date"].datetime == WHEN


def test_the_message_id_depends_only_on_the_outbox_key() -> None:
    key = {"job": "monthly-report", "period_key": "2020-07", "part": "", "domain": "x.cn"}
    first = message_id(recipient="a@x.cn", **key)
    assert first == message_id(recipient="a@x.cn", **key)
    assert first != message_id(recipient="b@x.cn", **key)
    assert first != message_id(recipient="a@x.cn", **{**key, "period_key": "2020-08"})
    assert first.startswith("<tracker.monthly-report.2020-07.")
    assert first.endswith("@x.cn>")
    assert _built()["Message-ID"] == message_id(
        recipient="a@example.gov.cn", **{**key, "domain": "example.gov.cn"}
    )


def test_an_attachment_makes_the_message_mixed() -> None:
    sheet = Attachment("2020-06 figures.xlsx", b"PK\x03\x04 spreadsheet", *XLSX)
    parsed = _built(attachments=[sheet])
    assert parsed.get_content_type() == "multipart/mixed"
    body, attached = parsed.get_payload()
    assert body.get_content_type() == "multipart/alternative"
    assert attached.get_filename() == "2020-06 figures.xlsx"
    assert attached.get_content() == b"PK\x03\x04 spreadsheet"

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import strict

import pytest

from tests.delivery.content import Chart, png, report_content
from tracker.delivery.message import (
    XLSX,
    Attachment,
    as_bytes,
    build_message,
    content_id,
    list_id,
    message_id,
    plain_message,
    with_date,
)

SENDER = "区统计局 <stats@example.gov.cn>"
WHEN = datetime(2020, 7, 15, 1, 0, tzinfo=UTC)
MID = "<tracker.monthly-report.2020-07.0123456789abcdef01234567@example.gov.cn>"
LIST = "<monthly-report.tracker.example.gov.cn>"


def _raw(content=None, **extra) -> bytes:
    message = build_message(
        content or report_content(),
        sender=SENDER,
        to="区领导 <a@example.gov.cn>",
        message_id=extra.pop("message_id", MID),
        list_id=LIST,
        date=WHEN,
        **extra,
    )
    return as_bytes(message)


def _parsed(raw: bytes) -> EmailMessage:
    """Parsed with the strict policy: any defect in the message raises."""
    parsed = BytesParser(policy=strict).parsebytes(raw)
    assert isinstance(parsed, EmailMessage)
    for part in parsed.walk():
        assert part.defects == []
    return parsed


def _built(**extra) -> EmailMessage:
    return _parsed(_raw(**extra))


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
    raw = _raw()
    headers = raw.split(b"\r\n\r\n")[0]
    assert headers.isascii()  # RFC 2047 encoded words, not raw UTF-8
    assert b"=?utf-8?" in headers
    parsed = _parsed(raw)
    assert parsed["Subject"] == "【2020年6月】目标进度：1项落后，0项预警"
    assert parsed["From"].addresses[0].display_name == "区统计局"
    assert parsed["Date"].datetime == WHEN


def test_chinese_text_parts_go_as_base64_and_read_back_whole() -> None:
    parsed = _built()
    text, related = parsed.get_payload()
    html = related.get_payload()[0]
    for part in (text, html):
        assert part["Content-Transfer-Encoding"] == "base64"
        assert part.get_content_charset() == "utf-8"
    assert text.get_content() == report_content().text
    assert "规模以上工业增加值增速 7.2%" in html.get_content()
    assert b"quoted-printable" not in _raw()


def test_a_text_part_in_plain_ascii_stays_readable_as_it_is() -> None:
    content = replace(report_content(), text="Progress: 1 behind, 0 at risk.\n")
    text = _built(content=content).get_payload()[0]
    assert text["Content-Transfer-Encoding"] == "7bit"
    assert b"\r\n\r\nProgress: 1 behind, 0 at risk.\r\n" in _raw(content=content)


def test_it_asks_for_no_automatic_replies_and_names_its_list() -> None:
    parsed = _built()
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed["X-Auto-Response-Suppress"] == "All"
    assert parsed["List-Id"] == LIST
    assert list_id("monthly-report", "example.gov.cn") == LIST
    weekly, monthly = list_id("周报 weekly", "x.cn"), list_id("月报 weekly", "x.cn")
    assert re.fullmatch(r"<weekly-[0-9a-f]{8}\.tracker\.x\.cn>", weekly)
    assert weekly != monthly
    assert re.fullmatch(r"<[0-9a-f]{8}\.tracker\.x\.cn>", list_id("周报", "x.cn"))


def test_each_message_id_is_new_and_names_its_job_and_period() -> None:
    key = {"job": "monthly-report", "period_key": "2020-07", "domain": "x.cn"}
    ids = {message_id(**key) for _ in range(1000)}
    assert len(ids) == 1000  # the same key twice: never the same id
    for mid in ids:
        assert re.fullmatch(r"<tracker\.monthly-report\.2020-07\.[0-9a-f]{24}@x\.cn>", mid)
    assert _built()["Message-ID"] == MID


def _content_with(*charts: Chart):
    html = "".join(f'<img src="cid:{c.cid}" alt="{c.alt}">' for c in charts)
    return replace(report_content(), images=charts, email_html=f"<html><body>{html}</body></html>")


def _image_ids(parsed: EmailMessage) -> list[str]:
    related = parsed.get_payload()[1]
    return [p["Content-ID"].strip("<>") for p in related.get_payload()[1:]]


def test_content_ids_follow_the_image_bytes_not_the_chart_name() -> None:
    red, green = png(rgb=(200, 30, 30)), png(rgb=(30, 120, 30))
    june = _built(content=_content_with(Chart("chart1.20200715@tracker", red, "增速")))
    july = _built(content=_content_with(Chart("chart1.20200715@tracker", green, "增速")))
    again = _built(content=_content_with(Chart("chart9.20200815@tracker", red, "增速")))
    assert _image_ids(june) != _image_ids(july)  # same name, different pictures
    assert _image_ids(june) == _image_ids(again)  # same picture, any name
    assert _image_ids(june) == [content_id(red, "example.gov.cn")]
    html = june.get_payload()[1].get_payload()[0].get_content()
    assert f'src="cid:{_image_ids(june)[0]}"' in html
    assert "chart1.20200715@tracker" not in html


def test_the_same_picture_twice_travels_once() -> None:
    red = png()
    content = _content_with(Chart("a@tracker", red, "一"), Chart("b@tracker", red, "二"))
    parsed = _built(content=content)
    [cid] = _image_ids(parsed)
    html = parsed.get_payload()[1].get_payload()[0].get_content()
    assert html.count(f'src="cid:{cid}"') == 2


def test_an_attachment_makes_the_message_mixed() -> None:
    sheet = Attachment("2020-06 figures.xlsx", b"PK\x03\x04 spreadsheet", *XLSX)
    parsed = _built(attachments=[sheet])
    assert parsed.get_content_type() == "multipart/mixed"
    body, attached = parsed.get_payload()
    assert body.get_content_type() == "multipart/alternative"
    assert attached.get_filename() == "2020-06 figures.xlsx"
    assert attached.get_param("name") == "2020-06 figures.xlsx"
    assert attached.get_content_type() == "/".join(XLSX)
    assert attached.get_content() == b"PK\x03\x04 spreadsheet"


LONG_NAME = "2020年6月 规模以上工业增加值 各乡镇 数据汇总表（初步）.xlsx"


def _raw_params(raw: bytes, header: str) -> dict[str, str]:
    """The parameters of the attachment's ``header`` as written, unfolded, unparsed."""
    block = raw.split(b"\r\n\r\n--")[-2].rpartition(b"\r\n--")[2].decode("ascii")
    value = re.search(rf"(?ms)^{header}: (.*?)\r\n(?! )", block + "\r\n")
    assert value is not None
    unfolded = value.group(1).replace("\r\n ", " ")
    return dict(re.findall(r'([\w*]+)=("[^"]*"|[^;\s]+)', unfolded))


@pytest.mark.parametrize("name", ["月报.xlsx", LONG_NAME])
def test_a_chinese_attachment_name_is_written_for_every_client(name: str) -> None:
    raw = _raw(attachments=[Attachment(name, b"PK\x03\x04", *XLSX)])
    assert max(len(line) for line in raw.split(b"\r\n") if b"name" in line) <= 78
    attached = _parsed(raw).get_payload()[1]
    assert attached.get_filename() == name  # RFC 2231, as standard clients read it
    for header, param in (("Content-Type", "name"), ("Content-Disposition", "filename")):
        written = _raw_params(raw, header)[param]
        # the fallback: RFC 2047 encoded words in a plain quoted parameter (Outlook, QQ Mail)
        assert written.startswith('"=?utf-8?b?')
        assert written.endswith('?="')
        assert str(make_header(decode_header(written.strip('"')))) == name
    continued = _raw_params(raw, "Content-Disposition")
    assert continued["filename*0*"].startswith("utf-8''")
    assert all(k.startswith("filename") for k in continued)


def test_the_date_is_replaced_in_place_and_nothing_else_changes() -> None:
    raw = _raw()
    later = datetime(2020, 7, 16, 9, 30, 5, tzinfo=timezone(timedelta(hours=8)))
    dated = with_date(raw, later)
    old, new = b"Wed, 15 Jul 2020 01:00:00 +0000", b"Thu, 16 Jul 2020 09:30:05 +0800"
    assert dated.replace(new, old) == raw
    parsed = _parsed(dated)
    assert parsed["Date"].datetime == later
    assert len(parsed.get_all("Date")) == 1


def test_a_folded_or_missing_date_is_written_whole() -> None:
    later = datetime(2020, 7, 16, 1, 0, tzinfo=UTC)
    folded = (
        b"Subject: x\r\nDate: Wed, 15 Jul 2020\r\n 01:00:00 +0000\r\nTo: a@x.cn\r\n\r\nbody\r\n"
    )
    assert with_date(folded, later) == (
        b"Subject: x\r\nDate: Thu, 16 Jul 2020 01:00:00 +0000\r\nTo: a@x.cn\r\n\r\nbody\r\n"
    )
    bare = b"Subject: x\r\n\r\nDate: in the body\r\n"
    assert with_date(bare, later) == (
        b"Date: Thu, 16 Jul 2020 01:00:00 +0000\r\nSubject: x\r\n\r\nDate: in the body\r\n"
    )


def test_a_plain_message_has_the_same_hygiene() -> None:
    raw = as_bytes(
        plain_message(
            subject="测试",
            text="这是测试邮件。\n",
            sender=SENDER,
            to="a@x.cn",
            message_id=MID,
            date=WHEN,
        )
    )
    parsed = _parsed(raw)
    assert parsed["Content-Transfer-Encoding"] == "base64"
    assert parsed.get_content() == "这是测试邮件。\n"
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed["X-Auto-Response-Suppress"] == "All"

import time
from datetime import UTC, datetime, timedelta, timezone
from email.parser import BytesParser
from email.policy import strict
from pathlib import Path

import pytest

from tests.delivery.mailserver import (
    USER,
    free_port,
    mail_server,
    settings_for,
    silent_server,
    trickling_server,
)
from tracker.configuration.smtp import SmtpSettings
from tracker.delivery.channels.base import DeliveryError
from tracker.delivery.check import send_test_message
from tracker.delivery.smtp import send_bytes

MESSAGE = b"Subject: hello\r\nFrom: stats@example.gov.cn\r\n\r\nhi\r\n"


def test_it_sends_over_starttls_with_authentication(tmp_path: Path) -> None:
    with mail_server(tmp_path, security="starttls") as server:
        accepted = send_bytes(
            settings_for(server), MESSAGE, sender="stats@example.gov.cn", recipients=["a@x.cn"]
        )
    assert accepted.reply.startswith("250 ")
    assert server.inbox.logins == [USER]
    [got] = server.received
    assert got.recipients == ["a@x.cn"]
    assert got.message["Subject"] == "hello"


def test_it_sends_over_implicit_tls(tmp_path: Path) -> None:
    with mail_server(tmp_path, security="tls") as server:
        send_test_message(settings_for(server, "tls"), to="a@x.cn", now=_now())
    [got] = server.received
    assert got.message["Subject"] == "tracker 测试邮件 / test message"


def test_plain_smtp_works_when_configured_for_a_local_relay() -> None:
    with mail_server(security="none", auth=False) as server:
        send_test_message(settings_for(server, "none", user=None), to=None, now=_now())
    [got] = server.received
    assert got.recipients == ["stats@example.gov.cn"]


def test_an_address_the_server_cannot_be_given_is_a_permanent_failure() -> None:
    with mail_server(security="none", auth=False) as server:
        settings = settings_for(server, "none", user=None)
        with pytest.raises(DeliveryError, match="could not be handed") as error:
            send_bytes(
                settings, MESSAGE, sender="stats@example.gov.cn", recipients=["用户@例子.中国"]
            )
    assert error.value.transient is False
    assert server.received == []


def test_a_wrong_password_is_an_auth_error_that_does_not_show_it(tmp_path: Path) -> None:
    with mail_server(tmp_path) as server, pytest.raises(DeliveryError) as error:
        send_test_message(settings_for(server, password="wrong-Pa55word"), to=None, now=_now())
    assert str(error.value).startswith(f"authentication as '{USER}' refused")
    assert "535" in str(error.value)
    assert "wrong-Pa55word" not in str(error.value)
    assert not error.value.transient


def test_a_server_without_starttls_is_refused_rather_than_used_in_plain(tmp_path: Path) -> None:
    with mail_server(security="none", auth=False) as server, pytest.raises(DeliveryError) as error:
        send_test_message(settings_for(server, user=None), to=None, now=_now())
    assert "does not offer STARTTLS" in str(error.value)
    assert server.received == []


def test_an_untrusted_certificate_is_a_tls_error(tmp_path: Path) -> None:
    with mail_server(tmp_path) as server, pytest.raises(DeliveryError) as error:
        send_test_message(settings_for(server, ca_file=None), to=None, now=_now())
    assert str(error.value).startswith("TLS failed with 127.0.0.1:")
    assert "CERTIFICATE_VERIFY_FAILED" in str(error.value)


def test_a_closed_port_is_reported_as_refused() -> None:
    settings = SmtpSettings(host="127.0.0.1", port=free_port(), timeout=5)
    with pytest.raises(DeliveryError) as error:
        send_test_message(settings, to="a@x.cn", now=_now())
    assert str(error.value).startswith(f"connection refused by 127.0.0.1:{settings.port}")
    assert error.value.transient


def test_an_unknown_host_is_reported_as_dns() -> None:
    settings = SmtpSettings(host="mail.nonexistent.invalid", port=587, timeout=5)
    with pytest.raises(DeliveryError) as error:
        send_test_message(settings, to="a@x.cn", now=_now())
    assert str(error.value).startswith(
        "DNS: cannot resolve the SMTP host 'mail.nonexistent.invalid'"
    )


def test_a_silent_server_times_out() -> None:
    with silent_server() as port, pytest.raises(DeliveryError) as error:
        send_test_message(
            SmtpSettings(host="127.0.0.1", port=port, timeout=0.3), to=None, now=_now()
        )
    assert str(error.value).startswith(f"timed out after 0.3 s talking to 127.0.0.1:{port}")
    assert error.value.transient


@pytest.mark.parametrize(
    ("reply", "transient"),
    [("451 4.3.0 Try again later", True), ("554 5.7.1 Message rejected as spam", False)],
)
def test_a_refused_message_carries_the_reply(tmp_path: Path, reply: str, transient: bool) -> None:
    with mail_server(tmp_path) as server:
        server.inbox.replies.append(reply)
        with pytest.raises(DeliveryError) as error:
            send_bytes(
                settings_for(server), MESSAGE, sender="stats@example.gov.cn", recipients=["a@x.cn"]
            )
    assert error.value.reply == reply
    assert error.value.transient is transient
    assert reply in str(error.value)


def _now():
    from datetime import UTC, datetime

    return datetime(2020, 7, 15, 1, 0, tzinfo=UTC)


def test_a_password_smtp_cannot_carry_is_refused_without_any_part_of_it(tmp_path: Path) -> None:
    password = "pässwörd-Ω"
    with mail_server(tmp_path) as server, pytest.raises(DeliveryError) as error:
        send_test_message(settings_for(server, password=password), to=None, now=_now())
    message = str(error.value)
    assert "characters other than ASCII" in message
    assert not any(c in message for c in "äöΩ")
    assert "position" not in message
    assert server.received == []


def test_the_date_is_the_moment_the_message_is_handed_over(tmp_path: Path) -> None:
    queued = b"Date: Wed, 15 Jul 2020 01:00:00 +0000\r\n" + MESSAGE
    handed = datetime(2020, 7, 16, 9, 0, tzinfo=timezone(timedelta(hours=8)))
    with mail_server(tmp_path) as server:
        settings = settings_for(server)
        send_bytes(settings, queued, sender="s@x.cn", recipients=["a@x.cn"], date=handed)
        before = datetime.now(UTC)
        send_bytes(settings, queued, sender="s@x.cn", recipients=["a@x.cn"])
        after = datetime.now(UTC)
    first, second = (BytesParser(policy=strict).parsebytes(r.data) for r in server.received)
    assert first["Date"].datetime == handed
    assert before - timedelta(seconds=1) <= second["Date"].datetime <= after
    assert second.get_all("Date") == [second["Date"]]  # replaced, not added
    assert first["Subject"] == second["Subject"] == "hello"


def test_it_gives_the_configured_name_in_ehlo(tmp_path: Path) -> None:
    with mail_server(tmp_path) as server:
        settings = settings_for(server, ehlo_name="tracker.stats.example.gov.cn")
        send_bytes(settings, MESSAGE, sender="s@x.cn", recipients=["a@x.cn"])
        send_bytes(settings_for(server), MESSAGE, sender="s@x.cn", recipients=["a@x.cn"])
    named, default = server.received
    assert named.ehlo == "tracker.stats.example.gov.cn"
    assert default.ehlo not in ("", named.ehlo)  # this machine's name, as before


def test_two_test_messages_never_share_a_message_id(tmp_path: Path) -> None:
    with mail_server(tmp_path) as server:
        for _ in range(2):
            send_test_message(settings_for(server), to="a@x.cn", now=_now())  # the same second
    first, second = (BytesParser(policy=strict).parsebytes(r.data) for r in server.received)
    assert first["Message-ID"] != second["Message-ID"]
    assert first["Message-ID"].startswith("<tracker.test.")
    assert first["Auto-Submitted"] == "auto-generated"
    assert first["Content-Transfer-Encoding"] == "base64"


TIMEOUT = 3.0  # seconds: the conversation's deadline in the trickle tests
SLACK = 1.0  # seconds: the most a loaded machine may add to it


@pytest.mark.slow
@pytest.mark.parametrize(
    ("stage", "interval", "uncertain"),
    [("greeting", 2.0, False), ("ehlo-bytes", 0.5, False), ("data", 2.0, True)],
)
def test_a_trickling_server_cannot_stretch_the_conversation(
    stage: str, interval: float, uncertain: bool
) -> None:
    """The server sends a line every 2 s (or a byte every 0.5 s) for about 20 s: each read
    gets an answer within the timeout, so only a deadline for the whole conversation ends it
    at 3 s."""
    with trickling_server(stage, interval=interval, count=10) as port:
        settings = SmtpSettings(host="127.0.0.1", port=port, security="none", timeout=TIMEOUT)
        start = time.monotonic()
        with pytest.raises(DeliveryError) as error:
            send_bytes(settings, MESSAGE, sender="s@x.cn", recipients=["a@x.cn"])
        elapsed = time.monotonic() - start
    assert TIMEOUT <= elapsed < TIMEOUT + SLACK
    assert error.value.uncertain is uncertain
    if uncertain:  # the final dot went out: the server may have the message
        assert str(error.value).startswith(f"no answer from 127.0.0.1:{port} after the message")
        assert "the reply timed out" in str(error.value)
    else:
        assert str(error.value).startswith(f"timed out after 3 s talking to 127.0.0.1:{port}")
        assert error.value.transient


@pytest.mark.slow
def test_a_slow_server_within_the_deadline_is_waited_for() -> None:
    with trickling_server("greeting", interval=1.0, count=2) as port:
        settings = SmtpSettings(host="127.0.0.1", port=port, security="none", timeout=TIMEOUT)
        start = time.monotonic()
        accepted = send_bytes(settings, MESSAGE, sender="s@x.cn", recipients=["a@x.cn"])
        elapsed = time.monotonic() - start
    assert accepted.reply == "250 queued"
    assert 2.0 <= elapsed < TIMEOUT

from pathlib import Path

import pytest

from tests.delivery.mailserver import (
    USER,
    free_port,
    mail_server,
    settings_for,
    silent_server,
)
from tracker.configuration.smtp import SmtpSettings
from tracker.delivery.check import send_test_message
from tracker.delivery.smtp import DeliveryError, send_bytes

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

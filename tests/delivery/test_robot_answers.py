"""How a robot's HTTP answer maps onto the outbox's outcomes (``robot.answer``), code by code,
as WeCom and DingTalk document them."""

import pytest

from tracker.delivery.channels import dingtalk, wecom
from tracker.delivery.channels.base import DeliveryError
from tracker.delivery.channels.robot import answer, redact, webhook_secrets

WHERE = "the robot 'g'"


def outcome(status: int, body: bytes, transient_codes: frozenset[int]) -> str:
    try:
        accepted = answer(status, body, WHERE, transient_codes)
    except DeliveryError as error:
        return "uncertain" if error.uncertain else "retry" if error.transient else "failed"
    return f"sent ({accepted.reply})"


@pytest.mark.parametrize(
    ("status", "body", "codes", "expected"),
    [
        (200, b'{"errcode":0,"errmsg":"ok"}', wecom.TRANSIENT, "sent (errcode 0: ok)"),
        (200, b'{"errcode":45009,"errmsg":"api freq out of limit"}', wecom.TRANSIENT, "retry"),
        (200, b'{"errcode":-1,"errmsg":"system busy"}', wecom.TRANSIENT, "retry"),
        (200, b'{"errcode":93000,"errmsg":"invalid webhook url"}', wecom.TRANSIENT, "failed"),
        (200, b'{"errcode":130101,"errmsg":"send too fast"}', dingtalk.TRANSIENT, "retry"),
        (200, b'{"errcode":310000,"errmsg":"sign not match"}', dingtalk.TRANSIENT, "failed"),
        (200, b'{"errcode":300001,"errmsg":"token is not exist"}', dingtalk.TRANSIENT, "failed"),
        (200, b'{"errcode":45009}', dingtalk.TRANSIENT, "failed"),  # WeCom's code, not theirs
        (200, b"<html>proxy page</html>", wecom.TRANSIENT, "uncertain"),
        (200, b'{"errmsg":"ok"}', wecom.TRANSIENT, "uncertain"),
        # Only the integer 0 is success; an errcode that is no integer is no answer.
        (200, b'{"errcode":1e999,"errmsg":"ok"}', wecom.TRANSIENT, "uncertain"),
        (200, b"[" * 100_000 + b"]" * 100_000, wecom.TRANSIENT, "uncertain"),
        (200, b'{"errcode":0.5,"errmsg":"ok"}', wecom.TRANSIENT, "uncertain"),
        (200, b'{"errcode":"0","errmsg":"ok"}', wecom.TRANSIENT, "uncertain"),
        (200, b'{"errcode":false,"errmsg":"ok"}', dingtalk.TRANSIENT, "uncertain"),
        (200, b'{"errcode":0.0}', dingtalk.TRANSIENT, "uncertain"),
        (200, b'{"errcode":' + b"9" * 5000 + b"}", wecom.TRANSIENT, "uncertain"),
        (200, b"[0]", wecom.TRANSIENT, "uncertain"),
        (
            200,
            b'{"errcode":0,"errmsg":{"nested":[1]}}',
            wecom.TRANSIENT,
            "sent (errcode 0: no text)",
        ),
        (502, b"bad gateway", wecom.TRANSIENT, "retry"),
        (429, b"", dingtalk.TRANSIENT, "retry"),
        (404, b"not found", wecom.TRANSIENT, "failed"),
        (302, b"", wecom.TRANSIENT, "failed"),
    ],
)
def test_each_answer_has_its_outcome(
    status: int, body: bytes, codes: frozenset[int], expected: str
) -> None:
    assert outcome(status, body, codes) == expected


def test_a_refusal_keeps_the_services_reason() -> None:
    with pytest.raises(DeliveryError) as raised:
        answer(200, b'{"errcode":310000,"errmsg":"keywords not in content"}', WHERE, ())
    assert str(raised.value) == (
        "the robot 'g' refused the message (errcode 310000: keywords not in content)"
    )


def test_an_unusable_answer_is_said_in_one_line() -> None:
    with pytest.raises(DeliveryError) as raised:
        answer(200, b'{"errcode":1e999,\n"errmsg":"ok"}', WHERE, ())
    assert raised.value.uncertain
    assert str(raised.value) == (
        "the robot 'g' answered with HTTP 200 and no integer errcode "
        '({"errcode":1e999, "errmsg":"ok"}): the group may have the message, so it is not sent '
        "again by itself"
    )


def test_a_webhooks_query_values_are_its_secrets() -> None:
    url = "https://oapi.dingtalk.com/robot/send?access_token=abc123&timestamp=1&sign=x%2By%3D"
    assert webhook_secrets(url) == ("abc123", "x+y=")


@pytest.mark.parametrize(
    "shown",
    [
        "refused /robot/send?access_token=tok-123456&sign=a%2Bb%2F%3D",
        "refused /robot/send?access_token=tok-123456&sign=a+b/=",
        "secret SECabcdef and sign a%2Bb%2F%3D",
    ],
)
def test_a_secret_is_hidden_as_written_and_url_encoded(shown: str) -> None:
    text = redact(shown, ["tok-123456", "a+b/=", "SECabcdef"])
    assert "tok-123456" not in text
    assert "SECabcdef" not in text
    assert "a+b" not in text
    assert "a%2Bb" not in text
    assert "[hidden]" in text

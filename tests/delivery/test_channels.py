"""The WeCom and DingTalk channels through the outbox, against robot servers in real processes
on loopback (tests/delivery/robotserver.py), on every backend: each message reaches its group
exactly once, whatever the server does."""

import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.delivery.robots import SECRET, RobotServer, robot_server
from tracker.app.database import Database
from tracker.app.outbox import deliver_due, messages, queue, requeue
from tracker.configuration.channels import ChannelSpec
from tracker.configuration.smtp import SmtpSettings
from tracker.delivery.channels.base import DeliveryError
from tracker.delivery.channels.dingtalk import DingtalkChannel, signed_url
from tracker.delivery.robots import robot_message

pytestmark = pytest.mark.slow

T0 = datetime(2020, 7, 15, 1, 0, tzinfo=UTC)
SETTINGS = SmtpSettings(retry_seconds=60, max_attempts=5)


@dataclass(frozen=True)
class Report:
    subject: str
    json: str


def report(behind: int = 2) -> Report:
    goals = [
        {
            "key": f"goal{i}",
            "name_zh": f"指标{i}",
            "name_en": f"Indicator {i}",
            "owner": {"key": "o", "zh": "区工信局", "en": "Industry bureau"},
            "text": {"status": "落后", "gap": f"低于年度目标{i}.3个百分点"},
        }
        for i in range(behind)
    ]
    subject = f"【2020年6月】目标进度：{behind}项落后"
    document = {
        "lang": "zh",
        "subject": subject,
        "headline": "截至2020年7月15日（6月数据）",
        "behind": [g["key"] for g in goals],
        "goals": goals,
    }
    return Report(subject, json.dumps(document, ensure_ascii=False))


def at(moment: datetime):
    return lambda: moment


def send(store: Engine, specs: list[ChannelSpec], moment: datetime = T0):
    channels = {s.name: s for s in specs}
    return deliver_due(Database(store), SETTINGS, clock=at(moment), by="test", channels=channels)


def queue_for(store: Engine, *specs: ChannelSpec, period_key: str = "2020-07") -> int:
    made = [robot_message(s, "monthly-report", period_key, report(), None) for s in specs]
    return queue(Database(store), made, now=T0)


def posted_per_recipient(*servers: RobotServer) -> Counter[tuple[str, str]]:
    """(kind, the message's subject line) of every message that reached a group."""
    counted: Counter[tuple[str, str]] = Counter()
    for server in servers:
        for r in server.posted():
            markdown = r["body"]["markdown"]
            text = markdown.get("content") or markdown.get("text")
            counted[(r["kind"], text.splitlines()[0])] += 1
    return counted


def test_each_robot_gets_its_message_exactly_once(store: Engine, tmp_path: Path) -> None:
    with (
        robot_server("wecom", tmp_path) as wecom,
        robot_server("dingtalk", tmp_path) as dingtalk,
    ):
        specs = [wecom.spec("wecom-group"), dingtalk.spec("dingtalk-group")]
        assert queue_for(store, *specs) == 2
        assert queue_for(store, *specs) == 0  # the same key: nothing new
        first = send(store, specs)
        again = send(store, specs, T0 + timedelta(hours=1))
        assert (first.sent, again.sent) == (2, 0)
        assert posted_per_recipient(wecom, dingtalk) == {
            ("wecom", "### 【2020年6月】目标进度：2项落后"): 1,
            ("dingtalk", "### 【2020年6月】目标进度：2项落后"): 1,
        }
    rows = messages(Database(store))
    assert [(m.channel, m.recipient, m.status) for m in rows] == [
        ("wecom", "wecom-group", "sent"),
        ("dingtalk", "dingtalk-group", "sent"),
    ]
    assert all(m.server_reply == "errcode 0: ok" for m in rows)


def test_a_rate_limited_message_is_retried_later_and_sent_once(
    store: Engine, tmp_path: Path
) -> None:
    with (
        robot_server("wecom", tmp_path, script="limit,ok") as wecom,
        robot_server("dingtalk", tmp_path, script="limit,ok") as dingtalk,
    ):
        specs = [wecom.spec("w"), dingtalk.spec("d")]
        queue_for(store, *specs)
        first = send(store, specs)
        too_early = send(store, specs, T0 + timedelta(seconds=30))
        later = send(store, specs, T0 + timedelta(seconds=61))
        assert (first.retrying, too_early.sent, later.sent) == (2, 0, 2)
        assert [r["errcode"] for r in wecom.requests()] == [45009, 0]
        assert [r["errcode"] for r in dingtalk.requests()] == [130101, 0]
        assert len(wecom.posted()) == len(dingtalk.posted()) == 1
    assert "45009" in first.errors[0]
    assert "will retry" in first.errors[0]


def test_a_bad_signature_fails_the_message_with_the_services_reason(
    store: Engine, tmp_path: Path
) -> None:
    with robot_server("dingtalk", tmp_path, secret="SECanother") as dingtalk:
        spec = dingtalk.spec("d", secret=SECRET)
        queue_for(store, spec)
        done = send(store, [spec])
        later = send(store, [spec], T0 + timedelta(days=1))
        assert (done.failed, later.sent, later.failed) == (1, 0, 0)
        assert [r["errcode"] for r in dingtalk.requests()] == [310000]
        assert dingtalk.posted() == []
    (row,) = messages(Database(store))
    assert row.status == "failed"
    assert row.last_error
    assert "310000" in row.last_error
    assert "sign not match" in row.last_error


def test_an_unknown_webhook_key_fails_the_message(store: Engine, tmp_path: Path) -> None:
    with robot_server("wecom", tmp_path) as wecom:
        spec = ChannelSpec("w", "wecom", webhook=wecom.webhook.replace("robot-key-1", "old-key"))
        queue_for(store, spec)
        done = send(store, [spec])
    (row,) = messages(Database(store))
    assert (done.failed, row.status) == (1, "failed")
    assert row.last_error
    assert "errcode 93000" in row.last_error


def test_a_connection_that_times_out_is_retried_and_sent_once(
    store: Engine, tmp_path: Path
) -> None:
    with (
        robot_server("wecom", tmp_path, stall=True) as stalled,
        robot_server("wecom", tmp_path) as wecom,
    ):
        queue_for(store, stalled.spec("w", timeout=1))
        first = send(store, [stalled.spec("w", timeout=1)])
        # The webhook is read from the config when sending: the robot now answers.
        later = send(store, [wecom.spec("w")], T0 + timedelta(minutes=2))
        assert (first.retrying, later.sent) == (1, 1)
        assert "cannot reach" in first.errors[0]
        assert len(wecom.posted()) == 1


def test_a_server_error_is_retried(store: Engine, tmp_path: Path) -> None:
    with robot_server("wecom", tmp_path, script="busy,ok") as wecom:
        spec = wecom.spec("w")
        queue_for(store, spec)
        first = send(store, [spec])
        later = send(store, [spec], T0 + timedelta(minutes=2))
        assert (first.retrying, later.sent, len(wecom.posted())) == (1, 1, 1)
        assert "HTTP 500" in first.errors[0]


@pytest.mark.parametrize("script", ["drop", "slow"])
def test_a_message_the_server_took_without_answering_is_uncertain_and_never_resent(
    store: Engine, tmp_path: Path, script: str
) -> None:
    with (
        robot_server("wecom", tmp_path, script=script, delay=3) as wecom,
        robot_server("dingtalk", tmp_path, script=script, delay=3) as dingtalk,
    ):
        specs = [wecom.spec("w", timeout=1), dingtalk.spec("d", timeout=1)]
        queue_for(store, *specs)
        first = send(store, specs)
        later = send(store, specs, T0 + timedelta(days=1))
        retried_all = requeue(Database(store), settings=SETTINGS, now=T0 + timedelta(days=1))
        after = send(store, specs, T0 + timedelta(days=1))
        assert (first.uncertain, later.sent, retried_all, after.sent) == (2, 0, [], 0)
        assert len(wecom.requests()) == len(dingtalk.requests()) == 1
        assert posted_per_recipient(wecom, dingtalk).total() == 2
    assert [m.status for m in messages(Database(store))] == ["uncertain", "uncertain"]
    assert all("not sent again by itself" in e for e in first.errors)
    assert all("tracker outbox retry" in e for e in first.errors)


def test_without_the_channels_only_email_is_sent(store: Engine, tmp_path: Path) -> None:
    with robot_server("wecom", tmp_path) as wecom:
        spec = wecom.spec("w")
        queue_for(store, spec)
        done = deliver_due(Database(store), SETTINGS, clock=at(T0), by="test")
        assert (done.sent, wecom.requests()) == (0, [])
    assert [m.status for m in messages(Database(store))] == ["pending"]


def test_a_channel_removed_from_the_config_fails_its_message(store: Engine, tmp_path: Path) -> None:
    with robot_server("wecom", tmp_path) as wecom:
        queue_for(store, wecom.spec("w"))
        done = send(store, [])
        assert wecom.requests() == []
    (row,) = messages(Database(store))
    assert (done.failed, row.status) == (1, "failed")
    assert row.last_error
    assert "no longer in recipients.toml" in row.last_error


def test_the_dingtalk_signature_is_made_when_sending(tmp_path: Path) -> None:
    with robot_server("dingtalk", tmp_path) as dingtalk:
        body = robot_message(dingtalk.spec("d"), "j", "2020-07", report(), None).message
        # Queued a day ago: a signature made then would be refused (more than an hour old).
        DingtalkChannel(dingtalk.spec("d")).send(body)
        stale = DingtalkChannel(dingtalk.spec("d"), wall_clock=lambda: 0.0)
        with pytest.raises(DeliveryError, match="310000"):
            stale.send(body)
    assert [r["errcode"] for r in dingtalk.requests()] == [0, 310000]


def test_the_signed_url_carries_the_timestamp_and_the_url_encoded_signature() -> None:
    url = signed_url("https://oapi.dingtalk.com/robot/send?access_token=t", "SECx", 1600000000000)
    # HMAC-SHA256 of "1600000000000\nSECx" keyed by "SECx", in base64 (+, / and = encoded).
    import base64
    import hashlib
    import hmac
    from urllib.parse import parse_qs, urlsplit

    query = parse_qs(urlsplit(url).query)
    digest = hmac.new(b"SECx", b"1600000000000\nSECx", hashlib.sha256).digest()
    assert query["timestamp"] == ["1600000000000"]
    assert query["sign"] == [base64.b64encode(digest).decode()]
    assert "+" not in url.partition("sign=")[2]
    assert "/" not in url.partition("sign=")[2]

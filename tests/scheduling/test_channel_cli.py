"""The commands with WeCom and DingTalk channels: the outbox shows each message's channel, an
uncertain robot message waits for a person, a mistake in [channels] changes nothing."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.delivery.mailserver import mail_server
from tests.delivery.robots import robot_server
from tests.helpers import snapshot
from tests.scheduling.test_channel_jobs import add_channels
from tests.scheduling.test_cli import smtp_env
from tracker.app.database import Database
from tracker.cli.main import app
from tracker.cli.state import State

pytestmark = pytest.mark.slow


@pytest.fixture
def run(engine, database_url, config_dir, tmp_path, monkeypatch):
    """``tracker --db URL --config DIR ...`` in-process, on the test's engine (as in
    test_cli.py)."""
    for name in ("HOST", "PORT", "USER", "PASSWORD", "SECURITY", "FROM"):
        monkeypatch.delenv(f"TRACKER_SMTP_{name}", raising=False)
    monkeypatch.setenv("TRACKER_REPORTS_DIR", str(tmp_path / "reports"))
    monkeypatch.setattr(State, "database", lambda self, create=False: Database(engine))

    def invoke(*args: str, env: dict[str, str] | None = None):
        options = ["--db", database_url, "--config", str(config_dir)]
        return CliRunner().invoke(app, [*options, *args], env=env)

    return invoke


def test_the_outbox_shows_the_channel_and_an_uncertain_robot_message_waits_for_a_person(
    reported, run, config_dir: Path, tmp_path: Path
) -> None:
    with (
        mail_server(tmp_path) as server,
        robot_server("wecom", tmp_path) as wecom,
        robot_server("dingtalk", tmp_path, script="drop,ok") as dingtalk,
    ):
        env = smtp_env(server, config_dir) | add_channels(
            config_dir, wecom.webhook, dingtalk.webhook
        )
        done = run("schedule", "run", "monthly-report", "--as-of", "2020-07-15", env=env)
        bare = run("outbox", "retry", env=env)
        listing = run("outbox", env=env).output
        by_hand = run("outbox", "retry", "4", env=env)
        posted = (len(wecom.posted()), len(dingtalk.posted()), len(server.received))
    lines = done.output.splitlines()
    assert lines[0] == ("monthly-report 2020-07 (as of 2020-07-15): 4 queued, 3 sent, 1 uncertain")
    assert "#4 leaders-dingtalk: no answer from the DingTalk robot 'leaders-dingtalk'" in lines[1]
    assert "access_token" not in done.output  # the webhook's token is never shown
    assert bare.output == "Requeued 0: 0 sent, 0 to retry, 0 failed\n"
    assert "│ wecom:leaders-wecom " in listing
    assert "│ dingtalk:leaders-dingtalk " in listing
    assert "│ errcode 0: ok" in listing
    assert "#4 to dingtalk:leaders-dingtalk is uncertain (no answer from the DingTalk" in listing
    assert by_hand.output == "Requeued 1: 1 sent, 0 to retry, 0 failed\n"
    # Once each, and the DingTalk group a second time only because a person asked for it.
    assert posted == (1, 2, 2)


def test_a_webhook_on_another_host_is_refused_and_nothing_is_sent(
    reported, run, config_dir: Path, tmp_path: Path
) -> None:
    env = add_channels(
        config_dir,
        "https://qyapi.weixin.qq.com.example.com/cgi-bin/webhook/send?key=k",
        "https://oapi.dingtalk.com/robot/send?access_token=t",
    )
    before = snapshot(reported)
    result = run("schedule", "run", "monthly-report", "--as-of", "2020-07-15", env=env)
    path = config_dir / "recipients.toml"
    line = (
        path.read_text(encoding="utf-8")
        .splitlines()
        .index('webhook = "https://qyapi.weixin.qq.com.example.com/cgi-bin/webhook/send?key=k"')
    )
    assert (result.exit_code, result.output) == (
        1,
        f"Error: {path}:{line + 1}: [channels.leaders-wecom] webhook must be on "
        "qyapi.weixin.qq.com (the wecom robot's own host), not qyapi.weixin.qq.com.example.com\n"
        "错误：配置文件有误；请按上行修改配置\n",
    )
    assert snapshot(reported) == before

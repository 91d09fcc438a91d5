"""A robot's key, token, signature and secret are credentials: whoever holds them can post to
the leadership's group. They appear in no log line of a real scheduler (``tracker schedule
start`` against robot servers on loopback), in no stored error and in no listing."""

import re
import signal
from pathlib import Path

import pytest

from tests.delivery.mailserver import mail_server
from tests.delivery.robots import SECRET, TOKEN, robot_server
from tests.scheduling.conftest import write_schedule
from tests.scheduling.processes import Watched, environment, tracker
from tests.scheduling.test_channel_cli import run
from tests.scheduling.test_channel_jobs import add_channels
from tests.scheduling.test_cli import smtp_env
from tracker.app.database import Database
from tracker.app.outbox import messages

pytestmark = pytest.mark.slow
__all__ = ["run"]  # the fixture


def leaked(text: str) -> list[str]:
    """The credentials ``text`` shows: the key, the token, the secret, a signature."""
    found = [s for s in (TOKEN, SECRET) if s in text]
    return found + re.findall(r"(?:sign|key|access_token)=(?!\[hidden\])[^&\s]+", text)


def test_the_schedulers_log_shows_no_robots_credential(
    reported, database_url, config_dir: Path, tmp_path: Path
) -> None:
    write_schedule(
        config_dir, '[jobs.soon]\nevery_seconds = 1\nyear = 2020\nrecipients = "leadership"\n'
    )
    start = tracker("--db", database_url, "schedule", "start")
    with (
        mail_server(tmp_path) as server,
        robot_server("wecom", tmp_path) as wecom,
        robot_server("dingtalk", tmp_path) as dingtalk,
    ):
        env = environment(config_dir, server, tmp_path)
        env |= add_channels(config_dir, wecom.webhook, dingtalk.webhook)
        with Watched(start, env) as scheduler:
            scheduler.wait_for("job soon for ", count=2)
            scheduler.process.send_signal(signal.SIGTERM)
            assert scheduler.process.wait(timeout=60) == 0
        posted = (len(wecom.posted()), len(dingtalk.posted()))
    log = scheduler.stderr()
    assert posted == (1, 1)
    assert "4 queued, 4 sent" in log
    assert leaked(log) == []


def test_a_reply_quoting_the_webhook_is_stored_and_shown_without_its_secrets(
    reported, run, config_dir: Path, tmp_path: Path
) -> None:
    with (
        mail_server(tmp_path) as server,
        robot_server("wecom", tmp_path, script="echo") as wecom,
        robot_server("dingtalk", tmp_path, script="echo", secret=SECRET) as dingtalk,
    ):
        env = smtp_env(server, config_dir)
        env |= add_channels(config_dir, wecom.webhook, dingtalk.webhook)
        done = run("schedule", "run", "monthly-report", "--as-of", "2020-07-15", env=env)
        failed = run("outbox", "--failed", env=env)
        listing = run("outbox", env=env)
        requests = wecom.requests() + dingtalk.requests()
    assert [r["errcode"] for r in requests] == [93000, 300001]
    stored = [m.last_error or "" for m in messages(Database(reported)) if m.status == "failed"]
    assert len(stored) == 2
    assert all("[hidden]" in error for error in stored)
    assert leaked("\n".join(stored)) == []
    assert "refused /" in done.output
    for shown in (done.output, failed.output, listing.output):
        assert leaked(shown) == []

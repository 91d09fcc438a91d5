"""Exactly once under every SMTP outcome: real ``tracker`` processes against a mail server on
loopback that fails on purpose, counting the messages it received. The job sends the monthly
report to two recipients."""

import os
import subprocess
import threading
from pathlib import Path

import pytest

from tests.delivery.mailserver import mail_server
from tests.scheduling.processes import Watched, environment, tracker
from tracker.app.database import Database
from tracker.app.outbox import messages

pytestmark = pytest.mark.slow
JOB = ("schedule", "run", "monthly-report", "--as-of", "2020-07-15")


def short_timeout(config_dir: Path, seconds: int = 2) -> None:
    settings = config_dir / "tracker.toml"
    text = settings.read_text(encoding="utf-8").replace("timeout = 30", f"timeout = {seconds}")
    settings.write_text(text, encoding="utf-8")


def run(database_url: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        tracker("--db", database_url, *args), env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("fault", ["drop", "silence"])
def test_no_answer_after_the_final_dot_is_uncertain_and_never_resent_by_itself(
    reported, database_url, config_dir, tmp_path, fault
) -> None:
    short_timeout(config_dir)
    with mail_server(tmp_path) as server:
        server.inbox.after_data, server.inbox.silence_seconds = fault, 4
        env = environment(config_dir, server, tmp_path)
        first = run(database_url, env, *JOB)
        server.inbox.after_data = ""
        again = run(database_url, env, *JOB)  # the same period: nothing twice
        bare_retry = run(database_url, env, "outbox", "retry")
        listing = run(database_url, env, "outbox", "--failed")
        received_before_the_decision = len(server.received)
        resent = run(database_url, env, "outbox", "retry", "1")
        marked = run(database_url, env, "outbox", "mark-sent", "2")
        last = run(database_url, env, "outbox", "retry")
    assert first.returncode == 1
    assert "2 queued, 0 sent, 2 uncertain" in first.stdout
    assert "may have it, so it is not sent again by itself" in first.stdout
    assert "`tracker outbox retry 1` sends it again" in first.stdout
    assert first.stderr.startswith("Error: the server may have some messages")
    assert "0 queued, 0 sent" in again.stdout
    assert bare_retry.stdout.startswith("Requeued 0: 0 sent")
    assert received_before_the_decision == 2  # once each, though no answer came
    assert listing.stdout.count("│ uncertain ") == 2
    assert "`tracker outbox retry 2` to send it again" in listing.stdout
    assert resent.stdout.startswith("Requeued 1: 1 sent")  # a person asked for it
    assert (marked.returncode, last.stdout[:18]) == (0, "Requeued 0: 0 sent")
    assert len(server.received) == 3
    assert [m.status for m in messages(Database(reported))] == ["sent", "sent"]


@pytest.mark.parametrize("quit_reply", ["421 4.3.2 Shutting down", "500 5.5.1 What?"])
def test_a_message_taken_by_data_is_sent_whatever_the_server_says_to_quit(
    reported, database_url, config_dir, tmp_path, quit_reply
) -> None:
    with mail_server(tmp_path) as server:
        server.inbox.quit_reply = quit_reply
        env = environment(config_dir, server, tmp_path)
        first = run(database_url, env, *JOB)
        retried = run(database_url, env, "outbox", "retry")
    assert (first.returncode, first.stderr) == (0, "")
    assert "2 queued, 2 sent" in first.stdout
    assert retried.stdout.startswith("Requeued 0: 0 sent")
    assert len(server.received) == 2
    assert [m.status for m in messages(Database(reported))] == ["sent", "sent"]


def test_a_retry_of_a_message_being_sent_is_refused_and_changes_nothing(
    reported, database_url, config_dir, tmp_path
) -> None:
    with mail_server(tmp_path) as server:
        server.inbox.gate = threading.Event()  # the server holds the first message
        env = environment(config_dir, server, tmp_path)
        with Watched(tracker("--db", database_url, *JOB), env) as sender:
            assert server.inbox.arrived.wait(timeout=60)
            listed = run(database_url, env, "outbox", "--failed")
            retried = run(database_url, env, "outbox", "retry", "1")
            server.inbox.gate.set()
            assert sender.process.wait(timeout=60) == 0
        again = run(database_url, env, "outbox", "retry")
    assert listed.stdout == "No failed messages.\n"  # in flight: nobody needs to decide
    assert retried.returncode == 1
    assert retried.stderr.startswith("Error: message #1 is being sent by ")
    assert again.stdout.startswith("Requeued 0: 0 sent")
    assert sorted(r for m in server.received for r in m.recipients) == [
        "leadership@example.gov.cn",
        "office@example.gov.cn",
    ]
    assert [m.status for m in messages(Database(reported))] == ["sent", "sent"]


def test_a_second_scheduler_through_a_hard_link_is_refused(
    loaded, database_url, config_dir, tmp_path
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("a hard link is a database file's matter")
    path = Path(database_url.removeprefix("sqlite:///"))
    other = tmp_path / "elsewhere"
    other.mkdir()
    os.link(path, other / "same.db")
    env = environment(config_dir, None, tmp_path)
    with Watched(tracker("--db", database_url, "schedule", "start"), env) as first:
        first.wait_for("scheduler started")
        second = run(f"sqlite:///{other / 'same.db'}", env, "schedule", "start")
    assert second.returncode == 1
    assert second.stderr.startswith("Error: a scheduler is already running for ")
    assert f"inode {path.stat().st_ino}" in second.stderr

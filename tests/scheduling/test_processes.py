"""Real ``tracker`` processes: two running the same job, the scheduler's lock, and the
scheduler itself sending a job due within seconds, then stopping on SIGTERM."""

import signal
import socket
import subprocess
import threading
import time

import pytest

from tests.delivery.mailserver import mail_server
from tests.scheduling.conftest import write_schedule
from tests.scheduling.processes import Watched, environment, tracker
from tracker.app.database import Database
from tracker.app.outbox import messages
from tracker.scheduling.lock import SchedulerRunning, scheduler_lock

pytestmark = pytest.mark.slow
LEADERS = ["leadership@example.gov.cn", "office@example.gov.cn"]


def test_two_processes_running_one_job_send_each_message_once(
    reported, database_url, config_dir, tmp_path
) -> None:
    run = tracker(
        "--db", database_url, "schedule", "run", "monthly-report", "--as-of", "2020-07-15"
    )
    with mail_server(tmp_path) as server:
        env = environment(config_dir, server, tmp_path)
        processes = [
            subprocess.Popen(run, env=env, stdout=subprocess.PIPE, text=True) for _ in "12"
        ]
        outputs = [p.communicate(timeout=120)[0] for p in processes]
    assert [p.returncode for p in processes] == [0, 0]
    assert sorted(r for m in server.received for r in m.recipients) == LEADERS
    assert sorted(m.status for m in messages(Database(reported))) == ["sent", "sent"]
    assert all(out.startswith("monthly-report 2020-07 (as of 2020-07-15): ") for out in outputs)


def test_a_second_scheduler_is_refused_and_the_lock_dies_with_its_holder(
    loaded, database_url, config_dir, tmp_path
) -> None:
    env = environment(config_dir, None, tmp_path)
    with Watched(tracker("--db", database_url, "schedule", "start"), env) as first:
        first.wait_for("scheduler started")
        second = subprocess.run(
            tracker("--db", database_url, "schedule", "start"),
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 1
        assert second.stderr.startswith("Error: a scheduler is already running for ")
        assert second.stderr.splitlines()[1] == (
            "错误：该数据库已有调度程序在运行（见上行）；请先停止它，或让它继续运行"
        )
        # PostgreSQL keeps 63 characters of the holder's name: a long host name is cut short
        holder = f"tracker scheduler pid {first.process.pid} on {socket.gethostname()}"
        assert holder[:63] in second.stderr
        first.process.kill()  # SIGKILL: no chance to let go of the lock by itself
    assert _lock_taken_within(loaded, seconds=15)  # released by the death of its holder


def _lock_taken_within(engine, *, seconds: float) -> bool:
    """Whether the lock can be taken before ``seconds`` pass. PostgreSQL ends a dead client's
    session (and so frees its lock) when it notices the closed connection, a moment later."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with scheduler_lock(engine) as where:
                return bool(where)
        except SchedulerRunning:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.1)


def test_the_scheduler_sends_a_due_job_and_stops_cleanly_on_sigterm(
    reported, database_url, config_dir, tmp_path
) -> None:
    write_schedule(
        config_dir,
        '[jobs.soon]\nevery_seconds = 1\nyear = 2020\nrecipients = "leadership"\n',
    )
    start = tracker("--db", database_url, "schedule", "start")
    with (
        mail_server(tmp_path) as server,
        Watched(start, environment(config_dir, server, tmp_path)) as scheduler,
    ):
        scheduler.wait_for("job soon for ", count=2)  # sent, then due again: nothing new
        scheduler.process.send_signal(signal.SIGTERM)
        assert scheduler.process.wait(timeout=60) == 0
    log = scheduler.stderr()
    assert "SIGTERM: stopping after the jobs in progress" in log
    assert log.rstrip().endswith("scheduler stopped")
    assert sorted(r for m in server.received for r in m.recipients) == LEADERS
    assert "2 queued, 2 sent" in log
    assert "0 queued, 0 sent" in log


def test_sigterm_lets_the_job_in_progress_finish_its_messages(
    reported, database_url, config_dir, tmp_path
) -> None:
    write_schedule(
        config_dir,
        '[jobs.soon]\nevery_seconds = 1\nyear = 2020\nrecipients = "leadership"\n',
    )
    start = tracker("--db", database_url, "schedule", "start")
    with mail_server(tmp_path) as server:
        server.inbox.gate = threading.Event()  # the server holds the first message
        with Watched(start, environment(config_dir, server, tmp_path)) as scheduler:
            assert server.inbox.arrived.wait(timeout=60)
            scheduler.process.send_signal(signal.SIGTERM)
            scheduler.wait_for("SIGTERM: stopping after the jobs in progress")
            assert scheduler.process.poll() is None  # still finishing the job
            server.inbox.gate.set()
            assert scheduler.process.wait(timeout=60) == 0
    assert sorted(r for m in server.received for r in m.recipients) == LEADERS
    assert sorted(m.status for m in messages(Database(reported))) == ["sent", "sent"]
    assert ": 2 queued, 2 sent" in scheduler.stderr()

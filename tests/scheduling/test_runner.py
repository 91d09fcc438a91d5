"""The scheduler's wiring, driven by a controllable clock (catch-up) or by a real
BlockingScheduler started for a moment (APScheduler's own misfire event)."""

import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from tests.scheduling.conftest import write_schedule
from tracker.app.database import Database
from tracker.app.jobs import JobContext
from tracker.app.schedule import job_runs
from tracker.configuration.load import load_config
from tracker.configuration.smtp import SmtpSettings
from tracker.scheduling.overview import overview
from tracker.scheduling.runner import Runner
from tracker.store import outbox as q
from tracker.store.db import read_session, write_session
from tracker.store.schema import ensure_schema

NOW = datetime(2020, 7, 15, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai


def context(engine: Engine, config_dir: Path, tmp_path: Path) -> JobContext:
    ensure_schema(engine)
    return JobContext(
        db=Database(engine),
        schedule=load_config(config_dir).schedule,
        smtp=SmtpSettings(host="127.0.0.1", port=9, timeout=1),
        reports_dir=tmp_path / "reports",
        by="test",
    )


def set_mark(engine: Engine, job: str, moment: datetime) -> None:
    with write_session(engine) as session:
        q.set_job_mark(session=session, job=job, checked_until=moment)


def catch_up_jobs(scheduler) -> list[tuple[str, dict]]:
    return [(j.id, j.kwargs) for j in scheduler.get_jobs() if j.id.startswith("catch-up:")]


def test_jobs_are_rebuilt_from_config_with_stable_ids(engine, config_dir, tmp_path) -> None:
    ctx = context(engine, config_dir, tmp_path)
    for _ in range(2):  # every start builds the same jobs, never a second copy
        scheduler = Runner(ctx, lambda: NOW).build()
        jobs = {j.id: j for j in scheduler.get_jobs()}
        # the outbox sweep runs beside them, on the monotonic clock (test_clock_steps.py)
        assert sorted(jobs) == ["job:monthly-report", "job:overdue-reminder"]
    assert str(jobs["job:monthly-report"].trigger) == (
        "cron[month='*', day='15', day_of_week='*', hour='9', minute='0']"
    )


def test_a_new_job_has_nothing_to_catch_up(engine, config_dir, tmp_path) -> None:
    runner = Runner(context(engine, config_dir, tmp_path), lambda: NOW)
    scheduler = runner.build()
    runner.catch_up(scheduler)
    assert catch_up_jobs(scheduler) == []
    with read_session(engine) as session:
        assert q.job_mark(session=session, job="monthly-report") == NOW


def test_runs_missed_within_grace_become_one_catch_up_run(engine, config_dir, tmp_path) -> None:
    write_schedule(config_dir, '[jobs.hourly]\ncron = "0 * * * *"\nrecipients = "leadership"\n')
    ctx = context(engine, config_dir, tmp_path)
    set_mark(engine, "hourly", NOW - timedelta(hours=4, minutes=30))  # down for 4½ hours
    runner = Runner(ctx, lambda: NOW)
    scheduler = runner.build()
    runner.catch_up(scheduler)
    assert catch_up_jobs(scheduler) == [
        ("catch-up:hourly", {"name": "hourly", "scheduled_for": NOW, "trigger": "catch-up"})
    ]
    with read_session(engine) as session:
        assert q.last_runs(session=session) == {}  # nothing recorded as missed


def test_a_run_missed_beyond_grace_is_recorded_and_listed(
    engine, config_dir, tmp_path, caplog
) -> None:
    jobs = '[jobs.daily]\ncron = "0 9 * * *"\nrecipients = "leadership"\n'
    write_schedule(config_dir, jobs, grace=3600)
    ctx = context(engine, config_dir, tmp_path)
    set_mark(engine, "daily", NOW - timedelta(days=1))  # the 09:00 run passed 3 hours ago
    runner = Runner(ctx, lambda: NOW)
    scheduler = runner.build()
    runner.catch_up(scheduler)
    assert catch_up_jobs(scheduler) == []
    assert caplog.messages == [
        "job daily: the run due at 2020-07-15 09:00 CST was missed (beyond the 1:00:00 grace "
        "time); `tracker schedule run daily --as-of 2020-07-15` sends it"
    ]
    [line] = overview(ctx.schedule, job_runs(ctx.db, ["daily"]), now=NOW)
    assert (line.last_outcome, line.last_period, line.missed) == ("missed", "2020-07", 1)
    assert line.last_detail.startswith("missed by 3:00:00: beyond the misfire grace time")
    with read_session(engine) as session:
        assert q.job_mark(session=session, job="daily") == NOW - timedelta(hours=3)


def test_apschedulers_own_misfire_is_recorded(engine, config_dir, tmp_path) -> None:
    # The job's hour is twelve hours away: no run of its own falls between `late` and now.
    hour = (datetime.now(ZoneInfo("Asia/Shanghai")) + timedelta(hours=12)).hour
    write_schedule(
        config_dir,
        f'[jobs.daily]\ncron = "0 {hour} * * *"\nrecipients = "leadership"\n',
        grace=60,
    )
    ctx = context(engine, config_dir, tmp_path)
    runner = Runner(ctx, lambda: datetime.now(UTC))
    scheduler = runner.build()
    late = datetime.now(UTC) - timedelta(hours=2)  # as if the machine had been suspended
    scheduler.modify_job("job:daily", next_run_time=late)
    thread = threading.Thread(target=scheduler.start)
    thread.start()
    try:
        for _ in range(500):
            with read_session(engine) as session:
                missed = q.missed_runs(session=session, job="daily")
            if missed:
                break
            time.sleep(0.02)
    finally:
        scheduler.shutdown(wait=True)
        thread.join()
    [row] = missed
    assert q.as_utc(row.scheduled_for) == late
    assert row.outcome == "missed"


def test_the_catch_up_run_sends_the_missed_report_once(reported, config_dir, tmp_path) -> None:
    from tests.delivery.mailserver import mail_server, settings_for
    from tracker.app.outbox import messages

    write_schedule(config_dir, '[jobs.monthly]\ncron = "0 9 15 * *"\nrecipients = "leadership"\n')
    set_mark(reported, "monthly", datetime(2020, 6, 20, tzinfo=UTC))  # down since June 20th
    due = datetime(2020, 7, 15, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai, 3 hours before NOW
    with mail_server(tmp_path) as server:
        ctx = context(reported, config_dir, tmp_path)
        ctx = JobContext(ctx.db, ctx.schedule, settings_for(server), ctx.reports_dir, "test")
        runner = Runner(ctx, lambda: NOW)
        scheduler = runner.build()
        runner.catch_up(scheduler)
        [job] = [j for j in scheduler.get_jobs() if j.id == "catch-up:monthly"]
        assert job.kwargs["scheduled_for"].astimezone(UTC) == due
        job.func(**job.kwargs)  # what the scheduler runs
        job.func(**job.kwargs)  # and if it ran twice, nothing more is sent
    assert len(server.received) == 2
    assert {(m.period_key, m.status) for m in messages(Database(reported))} == {("2020-07", "sent")}
    with read_session(reported) as session:
        run = q.last_runs(session=session)["monthly"]
        assert (run.trigger, run.period_key, run.queued) == ("catch-up", "2020-07", 0)
        assert q.as_utc(run.scheduled_for) == due
        assert q.job_mark(session=session, job="monthly") == due

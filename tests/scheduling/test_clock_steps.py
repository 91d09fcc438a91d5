"""A stepped wall clock cannot stall the scheduler: intervals run on the monotonic clock, a step
is noticed, and retries set before a step back are not delayed by it. The clocks here are
controlled by the test."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.delivery.mailserver import mail_server, settings_for
from tests.delivery.test_outbox import outgoing
from tests.scheduling.conftest import write_schedule
from tracker.app.database import Database
from tracker.app.jobs import JobContext
from tracker.app.outbox import messages, queue
from tracker.configuration.load import load_config
from tracker.scheduling.runner import Runner, Ticker
from tracker.scheduling.timing import StepWatch
from tracker.store import outbox as q
from tracker.store.db import write_session

T0 = datetime(2020, 7, 15, 1, 0, tzinfo=UTC)


class Clocks:
    """A wall clock and a monotonic clock that the test moves (and steps)."""

    def __init__(self) -> None:
        self.now, self.mono = T0, 1000.0

    def wall(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return self.mono

    def wait(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
        self.mono += seconds

    def step(self, by: timedelta) -> None:
        self.now += by


def test_a_step_is_noticed_in_either_direction_and_drift_is_not() -> None:
    clocks = Clocks()
    watch = StepWatch(clocks.wall, clocks.monotonic)
    clocks.wait(60)
    assert watch.check() is None
    clocks.wait(60)
    clocks.step(timedelta(seconds=2))  # NTP slewing, a slow tick: not a step
    assert watch.check() is None
    clocks.wait(1)
    clocks.step(-timedelta(minutes=10))
    assert watch.check() == -timedelta(minutes=10)
    clocks.step(timedelta(hours=1))
    assert watch.check() == timedelta(hours=1)
    assert watch.back == timedelta(minutes=10)


def test_intervals_run_on_the_monotonic_clock_through_a_step_back(
    loaded, config_dir: Path, tmp_path: Path
) -> None:
    clocks = Clocks()
    ctx = JobContext(
        Database(loaded), load_config(config_dir).schedule, settings_for_none(), tmp_path, "t"
    )
    runner = Runner(ctx, clocks.wall, clocks.monotonic)
    ran: list[float] = []
    ticker = Ticker(runner, scheduler=None, every=[(30, lambda: ran.append(clocks.mono))])
    ticker.tick()  # at once
    clocks.wait(29)
    ticker.tick()
    clocks.step(-timedelta(minutes=10))  # the wall clock goes back ten minutes
    clocks.wait(1)
    ticker.tick()  # thirty monotonic seconds later: it runs, whatever the wall clock says
    clocks.wait(30)
    ticker.tick()
    assert ran == [1000.0, 1030.0, 1060.0]
    assert runner.steps.back == timedelta(minutes=10)


def test_a_retry_due_before_a_step_back_is_not_delayed_by_it(
    loaded, config_dir: Path, tmp_path: Path
) -> None:
    clocks = Clocks()
    queue(Database(loaded), [outgoing("office@example.gov.cn")], now=T0)
    with write_session(loaded) as session:  # a deferral: try again in a minute
        [id] = q.due_message_ids(session=session, now=T0)
        row = q.claim_message(session=session, id=id, by="t", now=T0)
        assert row is not None
        q.record_failure(
            session=session,
            id=id,
            attempt=row.attempts,
            error="451",
            retry_at=T0 + timedelta(seconds=60),
        )
    with mail_server(tmp_path) as server:
        schedule = load_config(config_dir).schedule
        ctx = JobContext(Database(loaded), schedule, settings_for(server), tmp_path, "t")
        runner = Runner(ctx, clocks.wall, clocks.monotonic)
        ticker = Ticker(runner, scheduler=None, every=[(60, runner.sweep)])
        clocks.step(-timedelta(minutes=10))
        clocks.wait(1)
        ticker.tick()  # the step is noticed; the retry is not due yet by any clock
        assert server.received == []
        clocks.wait(61)
        ticker.tick()  # a minute on: sent, though the wall clock reads 9 minutes earlier
    assert [m.status for m in messages(Database(loaded))] == ["sent"]
    assert len(server.received) == 1


def settings_for_none():
    from tracker.configuration.smtp import SmtpSettings

    return SmtpSettings()


def test_a_server_reply_is_logged_on_one_clean_line(
    loaded, config_dir: Path, tmp_path: Path, caplog
) -> None:
    queue(Database(loaded), [outgoing("office@example.gov.cn")], now=T0)
    with mail_server(tmp_path) as server:
        server.inbox.replies.append("550 5.7.1 \x1b[2J\x1b[31mno\x07")
        schedule = load_config(config_dir).schedule
        ctx = JobContext(Database(loaded), schedule, settings_for(server), tmp_path, "t")
        with caplog.at_level("WARNING", logger="tracker.scheduler"):
            Runner(ctx, lambda: T0).sweep()
    [record] = [r for r in caplog.records if r.getMessage().startswith("outbox: ")]
    assert "550 5.7.1" in record.getMessage()
    assert not any(c in record.getMessage() for c in "\x1b\x07\r\n")


class Submitted:
    """Stands in for the APScheduler a job run is handed to: records each one, and finishes
    it when told to (``done``)."""

    def __init__(self, clocks: Clocks) -> None:
        self.clocks = clocks
        self.runs: list[tuple[str, float]] = []

    def add_job(self, func, trigger, **options) -> None:
        assert trigger == "date"
        self.runs.append((options["kwargs"]["name"], self.clocks.mono))

    def done(self, runner: Runner) -> None:
        runner.running.clear()


def test_an_every_seconds_job_runs_on_the_monotonic_clock_through_a_step_back(
    loaded, config_dir: Path, tmp_path: Path
) -> None:
    write_schedule(config_dir, '[jobs.soon]\nevery_seconds = 60\nrecipients = "leadership"\n')
    clocks = Clocks()
    ctx = JobContext(
        Database(loaded), load_config(config_dir).schedule, settings_for_none(), tmp_path, "t"
    )
    runner = Runner(ctx, clocks.wall, clocks.monotonic)
    scheduler = Submitted(clocks)
    ticker = Ticker(runner, scheduler, runner.interval_tasks(scheduler))
    ticker.tick()  # at the start
    scheduler.done(runner)
    clocks.wait(30)
    clocks.step(-timedelta(hours=1))  # the wall clock goes back an hour
    clocks.wait(30)
    ticker.tick()  # a minute after the first run, whatever the wall clock says
    clocks.wait(60)
    ticker.tick()  # due again, but the last run is still in progress: not started twice
    scheduler.done(runner)
    clocks.wait(60)
    ticker.tick()
    assert scheduler.runs == [("soon", 1000.0), ("soon", 1060.0), ("soon", 1180.0)]
    assert "job:soon" not in {j.id for j in runner.build().get_jobs()}  # not APScheduler's

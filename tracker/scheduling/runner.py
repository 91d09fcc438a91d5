"""The scheduler process: one per database (see ``lock``), APScheduler 3.11's BlockingScheduler
with an in-memory job store rebuilt from schedule.toml at every start (stable ids ``job:NAME``),
coalescing, a configurable misfire grace time, and our own tables as the record of what ran.

At start, fire times that passed while no scheduler ran are caught up: the latest runs once if
within the grace time, older ones are recorded as missed. APScheduler's own misfires
(EVENT_JOB_MISSED) are recorded the same way. SIGTERM and SIGINT stop it after the job in
progress has finished; that job's messages are then sent, or pending for the next start.

Jobs fire at wall-clock times (09:00 on the 15th is 09:00 by the clock on the wall), computed
in the schedule's zone; every comparison and difference of times is taken between instants
(the scheduler itself keeps UTC), so a daylight-saving change neither doubles nor drops a run
(``timing``, ``wallclock``). Every
interval (the outbox sweep, the lock check, the jobs of ``every_seconds``) runs on the
monotonic clock in a thread of its own, so a clock stepped back stalls neither retries, nor
the lock check, nor those jobs (which are handed to APScheduler's executor when due, one run
at a time); each step is logged and the cron jobs' next times are recomputed at once.
"""

import logging
import re
import signal
import threading
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from types import FrameType
from typing import Any
from zoneinfo import ZoneInfo

from tracker.app.jobs import JobContext, run_job
from tracker.app.outbox import deliver_due
from tracker.app.schedule import job_mark, record_missed, set_job_mark, start_marks
from tracker.configuration.schedule import JobSpec
from tracker.scheduling.lock import LockLost, scheduler_lock
from tracker.scheduling.timing import (
    StepWatch,
    fire_times,
    next_fire_times,
    plan_catch_up,
    trigger_for,
)

log = logging.getLogger("tracker.scheduler")
Clock = Callable[[], datetime]
SWEEP_SECONDS = 60
LOCK_CHECK_SECONDS = 30
TICK_SECONDS = 1.0
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class Runner:
    """The jobs of one schedule, wired to a scheduler; every time is read from ``clock``."""

    def __init__(
        self, ctx: JobContext, clock: Clock, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self.ctx, self.clock, self.monotonic = ctx, clock, monotonic
        self.steps = StepWatch(clock, monotonic)
        self.zone = ZoneInfo(ctx.schedule.timezone)
        self.grace = timedelta(seconds=ctx.schedule.misfire_grace_seconds)
        self.jobs = {s.name: s for s in ctx.schedule.jobs if s.enabled}
        self.started = clock()
        self.triggers = {
            n: trigger_for(s, ctx.schedule.timezone, start=self.started)
            for n, s in self.jobs.items()
            if s.cron is not None
        }
        self.running: set[str] = set()  # jobs of every_seconds in progress

    def build(self) -> Any:
        from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MISSED
        from apscheduler.executors.pool import ThreadPoolExecutor
        from apscheduler.jobstores.memory import MemoryJobStore
        from apscheduler.schedulers.blocking import BlockingScheduler

        scheduler = BlockingScheduler(
            jobstores={"default": MemoryJobStore()},
            executors={"default": ThreadPoolExecutor(4)},
            job_defaults={
                "coalesce": True,
                "max_instances": 1,
                "misfire_grace_time": self.ctx.schedule.misfire_grace_seconds,
            },
            # Its "now" in UTC: two times of one zone with daylight saving compare (and
            # subtract) by their wall clocks, which the repeated autumn hour makes wrong.
            timezone=UTC,
        )
        for name in self.triggers:
            scheduler.add_job(
                self.fire,
                self.triggers[name],
                id=f"job:{name}",
                name=name,
                kwargs={"name": name},
                replace_existing=True,
            )
        scheduler.add_listener(self.on_missed, EVENT_JOB_MISSED)
        scheduler.add_listener(self.on_error, EVENT_JOB_ERROR)
        return scheduler

    def catch_up(self, scheduler: Any) -> None:
        """Record the runs missed while no scheduler ran; queue a run for the latest one
        still within the grace time."""
        now = self.clock()
        crons = [name for name, spec in self.jobs.items() if spec.cron is not None]
        marks = start_marks(self.ctx.db, crons, now=now)
        for name in crons:
            mark = marks[name]
            if mark is None:  # a new job: nothing before now is its business
                continue
            plan = plan_catch_up(fire_times(self.triggers[name], mark, now), now, self.grace)
            self._missed(self.jobs[name], plan.missed, now)
            if plan.run is not None:
                log.info("job %s: catching up the run due at %s", name, self.local(plan.run))
                scheduler.add_job(
                    self.fire,
                    "date",
                    run_date=now,
                    id=f"catch-up:{name}",
                    name=f"{name} (catch-up)",
                    kwargs={"name": name, "scheduled_for": plan.run, "trigger": "catch-up"},
                    misfire_grace_time=None,
                    replace_existing=True,
                )

    def interval_tasks(self, scheduler: Any) -> list[tuple[float, Callable[[], None]]]:
        """For the ticker: each job of ``every_seconds``, handed to ``scheduler`` at that
        interval on the monotonic clock (a run still in progress is not started again)."""

        def task(name: str) -> Callable[[], None]:
            def submit() -> None:
                if name in self.running:
                    return
                self.running.add(name)
                scheduler.add_job(
                    self.fire,
                    "date",
                    id=f"job:{name}",
                    name=name,
                    kwargs={"name": name},
                    misfire_grace_time=None,
                    replace_existing=True,
                )

            submit.__name__ = f"job {name}"
            return submit

        return [
            (float(spec.every_seconds), task(name))
            for name, spec in self.jobs.items()
            if spec.every_seconds is not None and spec.cron is None
        ]

    def fire(
        self, name: str, scheduled_for: datetime | None = None, trigger: str = "schedule"
    ) -> None:
        spec = self.jobs[name]
        now = self.clock()
        try:
            if scheduled_for is None:
                scheduled_for = self._latest_fire(name, now)
            outcome = run_job(
                self.ctx,
                spec,
                as_of=scheduled_for.astimezone(self.zone).date(),
                clock=self.clock,
                trigger=trigger,
                scheduled_for=scheduled_for,
            )
            set_job_mark(self.ctx.db, name, scheduled_for)
        finally:
            self.running.discard(name)
        log.info("job %s for %s: %s", name, outcome.period_key, outcome.summary())

    def ticker(self, scheduler: Any, every: list[tuple[float, Callable[[], None]]]) -> "Ticker":
        """A thread that runs each ``(seconds, task)`` at that interval on the monotonic clock
        (the first at once) and watches for clock steps; stop it with ``stop()``."""
        return Ticker(self, scheduler, every)

    def sweep(self) -> None:
        """Deliver messages whose retry time has come (and those queued before a crash). A
        retry time set before the clock was stepped back by D is taken as D earlier."""
        back = self.steps.back
        done = deliver_due(
            self.ctx.db,
            self.ctx.smtp,
            clock=self.clock,
            by=self.ctx.by,
            due_by=(lambda: self.clock() + back) if back else None,
            channels=self.ctx.schedule.channels,
        )
        if done.sent or done.retrying or done.failed or done.uncertain:
            log.info(
                "outbox: %d sent, %d to retry, %d failed, %d uncertain",
                done.sent,
                done.retrying,
                done.failed,
                done.uncertain,
            )
        for error in done.errors:  # a server's reply may hold anything: one clean log line
            log.warning("outbox: %s", _CONTROL.sub(" ", error))

    def on_missed(self, event: Any) -> None:
        name = str(event.job_id).partition(":")[2]
        if name not in self.jobs:
            return
        self._missed(self.jobs[name], [event.scheduled_run_time], self.clock())

    def on_error(self, event: Any) -> None:
        log.error("job %s failed: %s", event.job_id, event.exception)

    def _missed(self, spec: JobSpec, moments: Sequence[datetime], now: datetime) -> None:
        """Log and record runs of ``spec`` missed at ``moments`` (one transaction)."""
        if not moments:
            return
        for moment in moments:
            log.warning(
                "job %s: the run due at %s was missed (beyond the %s grace time); "
                "`tracker schedule run %s --as-of %s` sends it",
                spec.name,
                self.local(moment),
                self.grace,
                spec.name,
                moment.astimezone(self.zone).date(),
            )
        local = [(m, m.astimezone(self.zone)) for m in moments]
        record_missed(self.ctx.db, spec.name, spec.period, local, now=now)

    def _latest_fire(self, name: str, now: datetime) -> datetime:
        if self.jobs[name].cron is None:
            return now
        mark = job_mark(self.ctx.db, name)
        window_start = min(mark or now, now - self.grace) - timedelta(days=1)
        times = fire_times(self.triggers[name], window_start, now)
        return times[-1] if times else now

    def local(self, moment: datetime) -> str:
        return moment.astimezone(self.zone).strftime("%Y-%m-%d %H:%M %Z")


class Ticker:
    """The monotonic side of the scheduler (see the module's docstring)."""

    def __init__(
        self, runner: Runner, scheduler: Any, every: list[tuple[float, Callable[[], None]]]
    ) -> None:
        self.runner, self.scheduler = runner, scheduler
        self.due = [(runner.monotonic(), seconds, task) for seconds, task in every]
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.run, name="tracker ticker", daemon=True)

    def start(self) -> "Ticker":
        self.thread.start()
        return self

    def stop(self) -> None:
        """Stop after the task in progress (waits for it)."""
        self.stopped.set()
        self.thread.join()

    def run(self) -> None:
        while not self.stopped.wait(TICK_SECONDS):  # Event.wait counts on the monotonic clock
            self.tick()

    def tick(self) -> None:
        """Note a clock step (then recompute the jobs' times) and run the tasks now due."""
        step = self.runner.steps.check()
        if step is not None:
            log.warning(
                "the system clock was stepped %s by %s; the jobs' next times are recomputed",
                "back" if step.total_seconds() < 0 else "forward",
                abs(step),
            )
            if getattr(self.scheduler, "running", False):
                self.scheduler.wakeup()
        now = self.runner.monotonic()
        for index, (at, seconds, task) in enumerate(self.due):
            if now >= at:
                self.due[index] = (now + seconds, seconds, task)
                try:
                    task()
                except Exception as error:  # one failed round; the next one tries again
                    log.error("%s failed: %s", getattr(task, "__name__", "task"), error)


def serve(ctx: JobContext, *, clock: Clock) -> None:
    """Run the scheduler in the foreground until SIGTERM or SIGINT."""
    with scheduler_lock(ctx.db.engine) as held:
        runner = Runner(ctx, clock)
        scheduler = runner.build()
        runner.catch_up(scheduler)
        lost: list[str] = []

        def watch_lock() -> None:
            if not held.check():
                lost.append(held.where)
                log.error("lost the scheduler lock (%s); stopping", held.where)
                scheduler.shutdown(wait=False)

        every = [(SWEEP_SECONDS, runner.sweep), (LOCK_CHECK_SECONDS, watch_lock)]
        ticker = runner.ticker(scheduler, every + runner.interval_tasks(scheduler))

        def stop(signum: int, _frame: FrameType | None) -> None:
            log.info("%s: stopping after the jobs in progress", signal.Signals(signum).name)
            if not scheduler.running:
                raise SystemExit(0)
            scheduler.shutdown(wait=True)

        previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
        try:
            log.info(
                "scheduler started (%s, %s); jobs: %s",
                ctx.by,
                held.where,
                ", ".join(runner.jobs) or "none enabled",
            )
            for name, trigger in runner.triggers.items():
                due = next_fire_times(trigger, clock(), 1)
                log.info("job %s: next run %s", name, runner.local(due[0]) if due else "never")
            for name, spec in runner.jobs.items():
                if spec.cron is None:
                    log.info("job %s: every %d s from now", name, spec.every_seconds)
            ticker.start()
            scheduler.start()
        finally:
            ticker.stop()
            for s, handler in previous.items():
                signal.signal(s, handler)
        if lost:
            raise LockLost(
                f"lost the scheduler lock ({lost[0]}): the database connection dropped; "
                "start the scheduler again (systemd does, with Restart=on-failure)",
                zh="调度程序与数据库的连接中断，失去了调度锁；请重新启动调度程序"
                "（systemd 的 Restart=on-failure 会自动重启）",
            )
        log.info("scheduler stopped")

"""What ``tracker schedule list`` shows: each job, its next run times and its last outcome."""

from dataclasses import dataclass
from datetime import datetime

from tracker.configuration.schedule import Schedule
from tracker.domain.outbox import JobRuns
from tracker.scheduling.timing import next_fire_times, trigger_for


@dataclass(frozen=True)
class JobLine:
    name: str
    kind: str
    timing: str  # "cron 0 9 15 * *" or "every 5 s"
    enabled: bool
    next_runs: tuple[datetime, ...]
    last_outcome: str  # ok, partial, failed, missed, running, or "" when it never ran
    last_period: str
    last_at: datetime | None
    last_detail: str
    missed: int  # runs recorded as missed since the last successful one


def overview(schedule: Schedule, runs: JobRuns, *, now: datetime) -> list[JobLine]:
    """Each job of ``schedule`` with its next run times after ``now`` and, from ``runs``
    (``tracker.app.schedule.job_runs``), its last run and the runs missed since its last
    success."""
    lines = []
    for spec in schedule.jobs:
        trigger = trigger_for(spec, schedule.timezone, start=now)
        run = runs.last.get(spec.name)
        lines.append(
            JobLine(
                name=spec.name,
                kind=spec.kind,
                timing=f"cron {spec.cron}" if spec.cron else f"every {spec.every_seconds} s",
                enabled=spec.enabled,
                next_runs=tuple(next_fire_times(trigger, now)) if spec.enabled else (),
                last_outcome=run.outcome if run else "",
                last_period=run.period_key if run else "",
                last_at=run.at if run else None,
                last_detail=run.detail if run else "",
                missed=runs.missed.get(spec.name, 0),
            )
        )
    return lines

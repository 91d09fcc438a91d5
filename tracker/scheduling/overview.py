"""What ``tracker schedule list`` shows: each job, its next run times and its last outcome."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from tracker.configuration.schedule import Schedule
from tracker.scheduling.timing import next_fire_times, trigger_for
from tracker.store import outbox as q
from tracker.store.db import read_session
from tracker.store.schema import has_schema


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


def overview(engine: Engine, schedule: Schedule, *, now: datetime) -> list[JobLine]:
    runs = {}
    missed: dict[str, int] = {}
    if has_schema(engine):
        with read_session(engine) as session:
            runs = q.last_runs(session=session)
            for spec in schedule.jobs:
                last_ok = q.last_success(session=session, job=spec.name)
                missed[spec.name] = len(
                    q.missed_runs(session=session, job=spec.name, since=last_ok)
                )
    lines = []
    for spec in schedule.jobs:
        trigger = trigger_for(spec, schedule.timezone, start=now)
        run = runs.get(spec.name)
        lines.append(
            JobLine(
                name=spec.name,
                kind=spec.kind,
                timing=f"cron {spec.cron}" if spec.cron else f"every {spec.every_seconds} s",
                enabled=spec.enabled,
                next_runs=tuple(next_fire_times(trigger, now)) if spec.enabled else (),
                last_outcome=run.outcome if run else "",
                last_period=run.period_key if run else "",
                last_at=q.as_utc(run.finished_at or run.started_at) if run else None,
                last_detail=run.detail if run else "",
                missed=missed.get(spec.name, 0),
            )
        )
    return lines

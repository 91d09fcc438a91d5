"""The scheduler's record of runs: what ``tracker schedule list`` shows, and the marks and
missed runs the scheduler keeps (``tracker.scheduling.runner``)."""

from collections.abc import Sequence
from datetime import datetime

from tracker.app.database import Database
from tracker.domain.outbox import JobRuns, LastRun
from tracker.domain.runs import period_key
from tracker.store import outbox as q


def job_runs(db: Database, jobs: Sequence[str]) -> JobRuns:
    """Each job's latest run and the runs missed since its last success, read in one
    transaction; nothing for a database without tables yet."""
    if not db.has_schema():
        return JobRuns({}, {})
    with db.reading() as session:
        last = {
            job: LastRun(
                row.outcome, row.period_key, q.as_utc(row.finished_at or row.started_at), row.detail
            )
            for job, row in q.last_runs(session=session).items()
        }
        missed = {
            job: len(
                q.missed_runs(
                    session=session, job=job, since=q.last_success(session=session, job=job)
                )
            )
            for job in jobs
        }
    return JobRuns(last, missed)


def job_mark(db: Database, job: str) -> datetime | None:
    """Until when the scheduler has dealt with the job's fire times (None: a new job)."""
    with db.reading() as session:
        return q.job_mark(session=session, job=job)


def set_job_mark(db: Database, job: str, checked_until: datetime) -> None:
    """Move the job's mark forward to ``checked_until`` (never back)."""
    with db.writing() as session:
        q.set_job_mark(session=session, job=job, checked_until=checked_until)


def start_marks(db: Database, jobs: Sequence[str], *, now: datetime) -> dict[str, datetime | None]:
    """Each job's mark, in one transaction; a new job's is set to ``now`` (nothing before now
    is its business) and reported as None."""
    marks: dict[str, datetime | None] = {}
    with db.writing() as session:
        for job in jobs:
            mark = q.job_mark(session=session, job=job)
            if mark is None:
                q.set_job_mark(session=session, job=job, checked_until=now)
            marks[job] = mark
    return marks


def record_missed(
    db: Database,
    job: str,
    period: str,
    moments: Sequence[tuple[datetime, datetime]],
    *,
    now: datetime,
) -> None:
    """Record runs of ``job`` as missed, each (fire time, day it covers in the schedule's
    zone as a datetime), and move its mark past each, in one transaction. ``period``: the
    job's period (month, week, day)."""
    with db.writing() as session:
        for moment, local in moments:
            key = period_key(local.date(), period)
            q.record_missed(session=session, job=job, period_key=key, scheduled_for=moment, now=now)
            q.set_job_mark(session=session, job=job, checked_until=moment)

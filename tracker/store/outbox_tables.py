"""The tables of scheduled delivery: the outbox, the record of job runs, and each job's mark.

The outbox is the source of truth for what was sent: one row per (job, period, part,
recipient), unique in the database, so a report for a period reaches a recipient at most once
however many processes run the job.
"""

from datetime import datetime

from sqlalchemy import Column, DateTime, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel


def _when(nullable: bool = True) -> Column[datetime]:
    return Column(DateTime(timezone=True), nullable=nullable)


class OutboxRow(SQLModel, table=True):
    """One message to one recipient. States: pending → sending → sent, or failed."""

    __tablename__ = "outbox"
    __table_args__ = (UniqueConstraint("job", "period_key", "part", "recipient"),)

    id: int | None = Field(default=None, primary_key=True)
    job: str = Field(max_length=64, index=True)
    period_key: str = Field(max_length=20)  # "2020-07", "2020-W29", "2020-07-15"
    part: str = Field(default="", max_length=64)  # e.g. the owner of a reminder
    recipient: str = Field(max_length=320)  # the bare address, lower case
    subject: str = Field(max_length=500)
    message_id: str = Field(max_length=300)
    message: bytes = Field(sa_column=Column(LargeBinary(), nullable=False))
    status: str = Field(default="pending", max_length=16, index=True)
    attempts: int = 0
    next_attempt_at: datetime | None = Field(default=None, sa_column=_when())
    last_error: str | None = Field(default=None, max_length=2000)
    server_reply: str | None = Field(default=None, max_length=2000)
    claimed_by: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(sa_column=_when(nullable=False))
    claimed_at: datetime | None = Field(default=None, sa_column=_when())
    sent_at: datetime | None = Field(default=None, sa_column=_when())


class JobRunRow(SQLModel, table=True):
    """One run of a scheduled job (or one missed run): what `schedule list` shows last."""

    __tablename__ = "job_run"

    id: int | None = Field(default=None, primary_key=True)
    job: str = Field(max_length=64, index=True)
    period_key: str = Field(max_length=20)
    trigger: str = Field(max_length=16)  # schedule, catch-up, manual
    outcome: str = Field(max_length=16)  # running, ok, partial, failed, missed
    detail: str = Field(default="", max_length=2000)
    queued: int = 0
    sent: int = 0
    scheduled_for: datetime | None = Field(default=None, sa_column=_when())
    started_at: datetime = Field(sa_column=_when(nullable=False))
    finished_at: datetime | None = Field(default=None, sa_column=_when())


class JobMarkRow(SQLModel, table=True):
    """Until when a job's fire times are accounted for (run or recorded as missed).

    At start the scheduler looks for fire times after this mark: those are the runs missed
    while it was down."""

    __tablename__ = "job_mark"

    job: str = Field(max_length=64, primary_key=True)
    checked_until: datetime = Field(sa_column=_when(nullable=False))

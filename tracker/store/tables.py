"""The tables. Each subject's module (``indicators``, ``goals``, ``figures``, ``outbox``,
``job_runs``) queries its tables and converts their rows to plain dataclasses.

The outbox is the source of truth for what was sent: one row per (job, period, part,
recipient), unique in the database, so a report for a period reaches a recipient at most once
however many processes run the job.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Column, DateTime, Index, LargeBinary, UniqueConstraint, false
from sqlmodel import Field, SQLModel

from tracker.store.types import ExactDecimal


def _when(nullable: bool = True) -> Column[datetime]:
    return Column(DateTime(timezone=True), nullable=nullable)


def _decimal(nullable: bool = False) -> Column[Decimal]:
    return Column(ExactDecimal(), nullable=nullable)


class IndicatorRow(SQLModel, table=True):
    __tablename__ = "indicator"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=64, unique=True, index=True)
    name_zh: str = Field(max_length=200)
    name_en: str = Field(max_length=200)
    unit: str = Field(max_length=20)
    measure: str = Field(max_length=20)
    cadence: str = Field(max_length=20)
    start_month: int = 1
    lag_days: int = 20
    decimals: int = 1
    minimum: Decimal | None = Field(default=None, sa_column=_decimal(nullable=True))
    maximum: Decimal | None = Field(default=None, sa_column=_decimal(nullable=True))
    owner_key: str = Field(max_length=64, index=True)
    owner_zh: str = Field(max_length=200)
    owner_en: str = Field(max_length=200)
    aliases: str = Field(default="", max_length=2000, sa_column_kwargs={"server_default": ""})
    max_step: Decimal | None = Field(default=None, sa_column=_decimal(nullable=True))


class GoalRow(SQLModel, table=True):
    """One version of one goal of one year; ``key`` is its indicator's, or its own for a second
    goal on an indicator (on its amount). The options of docs/status-rules.md, "Kinds of
    target"; versions: "Goals change during the year"."""

    __tablename__ = "goal"
    __table_args__ = (
        UniqueConstraint(
            "key",
            "place",
            "year",
            "effective",
            "correction",
            name="uq_goal_key_place_year_effective_correction",
        ),
        # One place's goals of a year without reading every place's (docs/performance.md).
        Index("ix_goal_place_year", "place", "year"),
    )

    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = Field(foreign_key="indicator.id", index=True)
    year: int
    comparator: str = Field(max_length=20)
    target: Decimal = Field(sa_column=_decimal())
    tolerance: Decimal = Field(sa_column=_decimal())
    warning: Decimal = Field(sa_column=_decimal())
    basis: str = Field(max_length=20)
    pace: str = Field(max_length=20)
    label_zh: str = Field(default="", max_length=100)
    label_en: str = Field(default="", max_length=100)
    key: str = Field(max_length=64)
    kind: str = Field(default="number", max_length=20)
    target_high: Decimal | None = Field(default=None, sa_column=_decimal(nullable=True))
    ceiling: bool = False
    stretch: Decimal | None = Field(default=None, sa_column=_decimal(nullable=True))
    assigned_by: str = Field(default="", max_length=64)
    reference: str | None = Field(default=None, max_length=64)
    # Places (docs/status-rules.md, "Places and peers"): scored against another place's figure
    # (its stored key; "" is the home place), or by the rank among the peers ("peers").
    reference_place: str | None = Field(default=None, max_length=64)
    rank_among: str | None = Field(default=None, max_length=64)  # "peers", or a group's key
    scored_on: str = Field(default="value", max_length=20)  # the figure's value, or amount
    amount_unit: str = Field(default="", max_length=20)  # a goal on the amount: its unit
    amount_name_zh: str = Field(default="", max_length=200)
    amount_name_en: str = Field(default="", max_length=200)
    # A version: in force from ``effective`` (1 January for the goal as first set); a
    # correction (1, 2, ...) restates the version of its date, 0 is the version as written.
    effective: date
    correction: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    reason: str = Field(default="", max_length=500)
    recorded_at: datetime | None = Field(default=None, sa_column=_when())
    retired: bool = False  # removed from the config: kept with its history, not reported
    # Its place's key; "" is the home place (docs/places.md).
    place: str = Field(default="", max_length=64, sa_column_kwargs={"server_default": ""})
    due: date | None = None  # a date inside the year it is due by (a milestone's deadline)
    # the stored key of the place whose total the goal's figure is a share of (占全市比重)
    share_of: str | None = Field(default=None, max_length=64)
    # its share in its owner's score (docs/status-rules.md, "Owners"); a setting, not a term
    weight: Decimal = Field(
        default=Decimal(1), sa_column=Column(ExactDecimal(), nullable=False, server_default="1")
    )


class JudgementRow(SQLModel, table=True):
    """One revision of a person's verdict on a qualitative goal for a period (docs/status-
    rules.md, "Qualitative goals"). Revisions are only ever added, never changed."""

    __tablename__ = "judgement"
    __table_args__ = (
        UniqueConstraint(
            "key", "place", "period", "revision", name="uq_judgement_key_place_period_revision"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=64)  # the goal's key
    place: str = Field(default="", max_length=64)  # its place's stored key; "" is home
    year: int  # the goal's year
    period: str = Field(max_length=10)  # "2020-06", "2020-Q2", "2020"
    period_end: date
    revision: int
    verdict: str = Field(max_length=20)  # on_track, at_risk, lagging, achieved, missed
    note: str = Field(max_length=2000)
    reason: str | None = Field(default=None, max_length=500)
    recorded_by: str = Field(max_length=100)
    recorded_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class FigureRow(SQLModel, table=True):
    """One revision of one figure. Revisions are only ever added, never changed."""

    __tablename__ = "entry"
    __table_args__ = (
        UniqueConstraint(
            "indicator_id",
            "place",
            "period",
            "revision",
            name="uq_entry_indicator_place_period_revision",
        ),
        # One place's figures of some years (status, report of a place) without reading every
        # place's, and every place's in the order the status reads them, without sorting:
        # docs/performance.md, "What changed".
        Index(
            "ix_entry_place_indicator_period",
            "place",
            "indicator_id",
            "period_end",
            "period",
            "revision",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = Field(foreign_key="indicator.id", index=True)
    # Its place's key; "" is the home place (docs/places.md).
    place: str = Field(default="", max_length=64, sa_column_kwargs={"server_default": ""})
    period: str = Field(max_length=10)  # "2020-06", "2020-Q2", "2020"
    period_end: date
    revision: int
    value: Decimal = Field(sa_column=_decimal())
    amount: Decimal | None = Field(default=None, sa_column=_decimal(nullable=True))
    preliminary: bool = False
    note: str | None = Field(default=None, max_length=2000)
    source: str | None = Field(default=None, max_length=500)
    source_file: str | None = Field(default=None, max_length=500)
    source_row: int | None = None
    reason: str | None = Field(default=None, max_length=500)
    recorded_by: str = Field(max_length=100)
    recorded_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    # A withdrawal: a revision that takes the figure back (its value repeats the one withdrawn);
    # while it is the current revision, the period has no figure.
    withdrawn: bool = Field(default=False, sa_column_kwargs={"server_default": false()})


class OutboxRow(SQLModel, table=True):
    """One message to one recipient by one channel. States: pending → sending → sent, or
    failed or uncertain (see tracker/domain/outbox.py)."""

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint(
            "job",
            "period_key",
            "part",
            "channel",
            "recipient",
            name="uq_outbox_job_period_key_part_channel_recipient",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    job: str = Field(max_length=64, index=True)
    period_key: str = Field(max_length=20)  # "2020-07", "2020-W29", "2020-07-15"
    part: str = Field(default="", max_length=64)  # e.g. the owner of a reminder
    channel: str = Field(default="email", max_length=16)  # email, wecom, dingtalk
    # email: the bare address, lower case; a robot: the name of its [channels.NAME]
    recipient: str = Field(max_length=320)
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

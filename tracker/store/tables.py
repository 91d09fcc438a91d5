"""The tables. Rows are converted to the domain's frozen dataclasses in ``convert``."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Column, DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel

from tracker.store.types import ExactDecimal


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


class GoalRow(SQLModel, table=True):
    __tablename__ = "goal"
    __table_args__ = (UniqueConstraint("indicator_id", "year"),)

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


class EntryRow(SQLModel, table=True):
    """One revision of one figure. Revisions are only ever added, never changed."""

    __tablename__ = "entry"
    __table_args__ = (UniqueConstraint("indicator_id", "period", "revision"),)

    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = Field(foreign_key="indicator.id", index=True)
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

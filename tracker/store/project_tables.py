"""The tables of key projects (docs/projects.md): a project's versions and their milestones,
the revisions of its figures and of its milestones met. ``tracker.store.projects`` queries
them and converts their rows to the domain's dataclasses.

Rows are only ever added: a project's changed terms are a new version (``revision``), a
corrected figure or date a new revision, a withdrawal a revision that takes one back.
Figures and milestones met are filed under the project's place and key, not a version's id,
so a milestone met in 2019 is met for the same project's 2020 version too.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Column, DateTime, Index, UniqueConstraint, false
from sqlmodel import Field, SQLModel

from tracker.store.types import ExactDecimal

KEY_LIMIT = 200  # a project read from a sheet is keyed by its name


def _when() -> Column[datetime]:
    return Column(DateTime(timezone=True), nullable=False)


def _decimal() -> Column[Decimal]:
    return Column(ExactDecimal(), nullable=False)


class ProjectRow(SQLModel, table=True):
    """One version of one project of one place and year (its terms as configured or read from
    a sheet). ``origin``: "config", or the sheet's file name."""

    __tablename__ = "project"
    __table_args__ = (
        UniqueConstraint(
            "place", "year", "key", "revision", name="uq_project_place_year_key_revision"
        ),
        Index("ix_project_place_year", "place", "year"),
    )

    id: int | None = Field(default=None, primary_key=True)
    place: str = Field(default="", max_length=64)  # its place's stored key; "" is home
    year: int
    key: str = Field(max_length=KEY_LIMIT)
    revision: int
    name: str = Field(max_length=200)
    level: str = Field(max_length=50)
    owner_key: str = Field(max_length=64)
    owner_zh: str = Field(max_length=200)
    owner_en: str = Field(max_length=200)
    leader: str = Field(default="", max_length=200)
    content: str = Field(default="", max_length=2000)
    total: Decimal = Field(sa_column=_decimal())
    plan: Decimal = Field(sa_column=_decimal())
    start: date | None = None
    finish: date | None = None
    warning: Decimal = Field(sa_column=_decimal())
    origin: str = Field(max_length=500)
    retired: bool = False  # removed from the config: kept with its history, not reported
    recorded_by: str = Field(max_length=100)
    recorded_at: datetime = Field(sa_column=_when())


class ProjectMilestoneRow(SQLModel, table=True):
    """One milestone of one version of a project (besides its start and finish)."""

    __tablename__ = "milestone"

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    position: int
    name: str = Field(max_length=200)
    due: date


class ProjectFigureRow(SQLModel, table=True):
    """One revision of one project's year-to-date investment for a month, in 亿元."""

    __tablename__ = "project_figure"
    __table_args__ = (
        UniqueConstraint(
            "place", "project", "period", "revision", name="uq_project_figure_revision"
        ),
        Index("ix_project_figure_place_period_end", "place", "period_end"),
    )

    id: int | None = Field(default=None, primary_key=True)
    place: str = Field(default="", max_length=64)
    project: str = Field(max_length=KEY_LIMIT)  # the project's key
    period: str = Field(max_length=10)  # "2020-06"
    period_end: date
    revision: int
    value: Decimal = Field(sa_column=_decimal())
    progress: str | None = Field(default=None, max_length=500)  # 形象进度
    note: str | None = Field(default=None, max_length=2000)
    source_file: str | None = Field(default=None, max_length=500)
    source_row: int | None = None
    reason: str | None = Field(default=None, max_length=500)
    recorded_by: str = Field(max_length=100)
    recorded_at: datetime = Field(sa_column=_when())
    withdrawn: bool = Field(default=False, sa_column_kwargs={"server_default": false()})


class MilestoneDoneRow(SQLModel, table=True):
    """One revision of the day a project's milestone was met (``start``, ``finish`` or a
    named one); a withdrawal says it is not met after all."""

    __tablename__ = "milestone_met"
    __table_args__ = (
        UniqueConstraint(
            "place", "project", "milestone", "revision", name="uq_milestone_met_revision"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    place: str = Field(default="", max_length=64)
    project: str = Field(max_length=KEY_LIMIT)
    milestone: str = Field(max_length=200)
    revision: int
    done: date
    note: str | None = Field(default=None, max_length=2000)
    source_file: str | None = Field(default=None, max_length=500)
    source_row: int | None = None
    reason: str | None = Field(default=None, max_length=500)
    recorded_by: str = Field(max_length=100)
    recorded_at: datetime = Field(sa_column=_when())
    withdrawn: bool = Field(default=False, sa_column_kwargs={"server_default": false()})

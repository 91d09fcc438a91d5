"""initial tables

Revision ID: 6d1f0b2c9a41
Revises:
Create Date: 2026-11-26 14:54:48.920184
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import tracker.store.types

revision: str = "6d1f0b2c9a41"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "indicator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("name_zh", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("name_en", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("unit", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("measure", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("cadence", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("start_month", sa.Integer(), nullable=False),
        sa.Column("lag_days", sa.Integer(), nullable=False),
        sa.Column("decimals", sa.Integer(), nullable=False),
        sa.Column("minimum", tracker.store.types.ExactDecimal(), nullable=True),
        sa.Column("maximum", tracker.store.types.ExactDecimal(), nullable=True),
        sa.Column("owner_key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("owner_zh", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("owner_en", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicator_key"), ["key"], unique=True)
        batch_op.create_index(batch_op.f("ix_indicator_owner_key"), ["owner_key"], unique=False)

    op.create_table(
        "entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("value", tracker.store.types.ExactDecimal(), nullable=False),
        sa.Column("amount", tracker.store.types.ExactDecimal(), nullable=True),
        sa.Column("preliminary", sa.Boolean(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("source_file", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("source_row", sa.Integer(), nullable=True),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("recorded_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("indicator_id", "period", "revision"),
    )
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entry_indicator_id"), ["indicator_id"], unique=False)

    op.create_table(
        "goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("comparator", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("target", tracker.store.types.ExactDecimal(), nullable=False),
        sa.Column("tolerance", tracker.store.types.ExactDecimal(), nullable=False),
        sa.Column("warning", tracker.store.types.ExactDecimal(), nullable=False),
        sa.Column("basis", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("pace", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("label_zh", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("label_en", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("indicator_id", "year"),
    )
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goal_indicator_id"), ["indicator_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_indicator_id"))

    op.drop_table("goal")
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entry_indicator_id"))

    op.drop_table("entry")
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_owner_key"))
        batch_op.drop_index(batch_op.f("ix_indicator_key"))

    op.drop_table("indicator")

"""targets as work reports set them: corrections, due dates, shares, judgements, weights

Revision ID: a7d3c1e9b2f4
Revises: 5bd506588c19
Create Date: 2026-12-05 09:00:00

A goal's version may be corrected (``correction`` 1, 2, ...: a target mistyped in January is
corrected from 1 January); every version so far is as written (0). A goal may be due by a
date inside its year (``due``), or scored as a share of another place's total (``share_of``, a
stored place key); none so far is. A rank goal may be ranked among a named group of places
(``rank_among`` holds the group's key, as long as a key may be). A qualitative goal is judged
by a person, period by period (``judgement``: revisions, as figures are). A goal weighs in its
owner's score (``weight``, 1 for every goal so far).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

from tracker.store.types import ExactDecimal

revision: str = "a7d3c1e9b2f4"
down_revision: str | Sequence[str] | None = "5bd506588c19"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "judgement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("place", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("verdict", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("recorded_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "key", "place", "period", "revision", name="uq_judgement_key_place_period_revision"
        ),
    )
    with op.batch_alter_table("goal") as batch_op:
        batch_op.add_column(
            sa.Column("correction", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("due", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("share_of", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )
        batch_op.add_column(sa.Column("weight", ExactDecimal(), nullable=False, server_default="1"))
        batch_op.alter_column(
            "rank_among",
            existing_type=sqlmodel.sql.sqltypes.AutoString(length=20),
            type_=sqlmodel.sql.sqltypes.AutoString(length=64),
            existing_nullable=True,
        )
        batch_op.drop_constraint("uq_goal_key_place_year_effective", type_="unique")
        batch_op.create_unique_constraint(
            "uq_goal_key_place_year_effective_correction",
            ["key", "place", "year", "effective", "correction"],
        )


def downgrade() -> None:
    op.drop_table("judgement")
    with op.batch_alter_table("goal") as batch_op:
        batch_op.drop_constraint("uq_goal_key_place_year_effective_correction", type_="unique")
        batch_op.alter_column(
            "rank_among",
            existing_type=sqlmodel.sql.sqltypes.AutoString(length=64),
            type_=sqlmodel.sql.sqltypes.AutoString(length=20),
            existing_nullable=True,
        )
        batch_op.drop_column("weight")
        batch_op.drop_column("share_of")
        batch_op.drop_column("due")
        batch_op.drop_column("correction")
        batch_op.create_unique_constraint(
            "uq_goal_key_place_year_effective", ["key", "place", "year", "effective"]
        )

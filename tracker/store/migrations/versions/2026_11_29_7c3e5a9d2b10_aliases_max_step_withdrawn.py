"""indicator aliases and max_step; withdrawn figures

Revision ID: 7c3e5a9d2b10
Revises: edef907be172
Create Date: 2026-11-29 12:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import tracker.store.types

revision: str = "7c3e5a9d2b10"
down_revision: str | Sequence[str] | None = "edef907be172"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "aliases",
                sqlmodel.sql.sqltypes.AutoString(length=2000),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(
            sa.Column("max_step", tracker.store.types.ExactDecimal(), nullable=True)
        )
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("withdrawn", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.drop_column("withdrawn")
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_column("max_step")
        batch_op.drop_column("aliases")

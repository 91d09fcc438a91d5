"""goals relative to another place, and rank goals

Revision ID: 9e4c2a7b5d13
Revises: 3b8e6f1c2d47
Create Date: 2026-11-29 14:20:00

A goal may be scored against another place's figure (``reference_place``, a stored place key)
or by its place's rank among its peers (``rank_among``); every goal so far is neither.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "9e4c2a7b5d13"
down_revision: str | Sequence[str] | None = "3b8e6f1c2d47"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reference_place", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )
        batch_op.add_column(
            sa.Column("rank_among", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.drop_column("rank_among")
        batch_op.drop_column("reference_place")

"""outbox: each message's channel (email, wecom, dingtalk)

Revision ID: 3b8e6f1c2d47
Revises: 3b8d5f1e7a62
Create Date: 2026-11-29 14:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "3b8e6f1c2d47"
down_revision: str | Sequence[str] | None = "3b8d5f1e7a62"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The first revision's unique (job, period_key, part, recipient) has no name: PostgreSQL named
# it itself, and on SQLite the batch copy finds it by this naming convention.
SQLITE_NAMES = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
OLD_UNIQUE = {"postgresql": "outbox_job_period_key_part_recipient_key", "sqlite": "uq_outbox_job"}
NEW_UNIQUE = "uq_outbox_job_period_key_part_channel_recipient"


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    with op.batch_alter_table("outbox", naming_convention=SQLITE_NAMES) as batch_op:
        # Every message so far went by email.
        batch_op.add_column(
            sa.Column(
                "channel",
                sqlmodel.sql.sqltypes.AutoString(length=16),
                nullable=False,
                server_default="email",
            )
        )
        batch_op.drop_constraint(OLD_UNIQUE[dialect], type_="unique")
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.alter_column("channel", server_default=None)
        batch_op.create_unique_constraint(
            NEW_UNIQUE, ["job", "period_key", "part", "channel", "recipient"]
        )


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.drop_constraint(NEW_UNIQUE, type_="unique")
        batch_op.drop_column("channel")
        batch_op.create_unique_constraint(
            "outbox_job_period_key_part_recipient_key", ["job", "period_key", "part", "recipient"]
        )

"""an index on the figures' place and period end

Revision ID: 5e2c8a4f1d90
Revises: 9e4c2a7b5d13
Create Date: 2026-11-29 15:25:00

The status and the report of one place read that place's figures of two years; without this
index SQLite reads every place's figures to find them (docs/performance.md, "A province").
"""

from collections.abc import Sequence

from alembic import op

revision: str = "5e2c8a4f1d90"
down_revision: str | Sequence[str] | None = "9e4c2a7b5d13"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_entry_place_period_end", "entry", ["place", "period_end"])


def downgrade() -> None:
    op.drop_index("ix_entry_place_period_end", table_name="entry")

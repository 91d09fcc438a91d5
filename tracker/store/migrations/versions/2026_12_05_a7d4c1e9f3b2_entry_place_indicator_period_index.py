"""the figures' index by place, indicator and period; the goals' by place and year

Revision ID: a7d4c1e9f3b2
Revises: a7d3c1e9b2f4
Create Date: 2026-12-04 23:20:00

It replaces the figures' index on place and period end. The status of every place reads two
years of figures ordered by place, indicator, period and revision; with this index SQLite
reads them in that order without sorting them, and it still finds one place's figures of some
years as the index it replaces did. The status of one place reads its goals of a year by their
place and year (docs/performance.md, "What changed").
"""

from collections.abc import Sequence

from alembic import op

revision: str = "a7d4c1e9f3b2"
down_revision: str | Sequence[str] | None = "a7d3c1e9b2f4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ["place", "indicator_id", "period_end", "period", "revision"]


def upgrade() -> None:
    op.drop_index("ix_entry_place_period_end", table_name="entry")
    op.create_index("ix_entry_place_indicator_period", "entry", COLUMNS)
    op.create_index("ix_goal_place_year", "goal", ["place", "year"])


def downgrade() -> None:
    op.drop_index("ix_goal_place_year", table_name="goal")
    op.drop_index("ix_entry_place_indicator_period", table_name="entry")
    op.create_index("ix_entry_place_period_end", "entry", ["place", "period_end"])

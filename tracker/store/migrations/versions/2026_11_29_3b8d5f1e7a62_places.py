"""places: the place of each figure and goal

Revision ID: 3b8d5f1e7a62
Revises: 7c3e5a9d2b10
Create Date: 2026-11-29 14:45:00

Every figure and goal so far is the home place's, stored with the place key "" (docs/places.md).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "3b8d5f1e7a62"
down_revision: str | Sequence[str] | None = "7c3e5a9d2b10"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The first revision's unique (indicator_id, period, revision) has no name: PostgreSQL named it
# itself, and on SQLite the batch copy finds it by this naming convention.
SQLITE_NAMES = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
OLD_ENTRY_UNIQUE = {
    "postgresql": "entry_indicator_id_period_revision_key",
    "sqlite": "uq_entry_indicator_id",
}


def _place() -> sa.Column[str]:
    return sa.Column(
        "place", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False, server_default=""
    )


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    with op.batch_alter_table("entry", naming_convention=SQLITE_NAMES) as batch_op:
        batch_op.add_column(_place())
        batch_op.drop_constraint(OLD_ENTRY_UNIQUE[dialect], type_="unique")
        batch_op.create_unique_constraint(
            "uq_entry_indicator_place_period_revision",
            ["indicator_id", "place", "period", "revision"],
        )
    with op.batch_alter_table("goal") as batch_op:
        batch_op.add_column(_place())
        batch_op.drop_constraint("uq_goal_key_year_effective", type_="unique")
        batch_op.create_unique_constraint(
            "uq_goal_key_place_year_effective", ["key", "place", "year", "effective"]
        )


def downgrade() -> None:
    with op.batch_alter_table("goal") as batch_op:
        batch_op.drop_constraint("uq_goal_key_place_year_effective", type_="unique")
        batch_op.drop_column("place")
        batch_op.create_unique_constraint(
            "uq_goal_key_year_effective", ["key", "year", "effective"]
        )
    with op.batch_alter_table("entry") as batch_op:
        batch_op.drop_constraint("uq_entry_indicator_place_period_revision", type_="unique")
        batch_op.drop_column("place")
        batch_op.create_unique_constraint(
            "entry_indicator_id_period_revision_key", ["indicator_id", "period", "revision"]
        )

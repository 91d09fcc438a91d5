"""goals: a goal's own key, the options of every kind of target, versions

Revision ID: edef907be172
Revises: 1f4921e4e78b
Create Date: 2026-11-29 12:03:11.188752
"""

import datetime
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import tracker.store.types

revision: str = "edef907be172"
down_revision: str | Sequence[str] | None = "1f4921e4e78b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The first revision's unique (indicator_id, year) has no name: PostgreSQL named it itself,
# and on SQLite the batch copy finds it by this naming convention.
SQLITE_NAMES = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
OLD_UNIQUE = {"postgresql": "goal_indicator_id_year_key", "sqlite": "uq_goal_indicator_id"}


def _text(name: str, length: int, default: str) -> sa.Column[str]:
    return sa.Column(
        name,
        sqlmodel.sql.sqltypes.AutoString(length=length),
        nullable=False,
        server_default=default,
    )


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    with op.batch_alter_table("goal", naming_convention=SQLITE_NAMES) as batch_op:
        batch_op.add_column(_text("key", 64, ""))
        batch_op.add_column(_text("kind", 20, "number"))
        batch_op.add_column(
            sa.Column("target_high", tracker.store.types.ExactDecimal(), nullable=True)
        )
        batch_op.add_column(
            sa.Column("ceiling", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("stretch", tracker.store.types.ExactDecimal(), nullable=True))
        batch_op.add_column(_text("assigned_by", 64, ""))
        batch_op.add_column(
            sa.Column("reference", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )
        batch_op.add_column(_text("scored_on", 20, "value"))
        batch_op.add_column(_text("amount_unit", 20, ""))
        batch_op.add_column(_text("amount_name_zh", 200, ""))
        batch_op.add_column(_text("amount_name_en", 200, ""))
        batch_op.add_column(sa.Column("effective", sa.Date(), nullable=True))
        batch_op.add_column(_text("reason", 500, ""))
        batch_op.add_column(sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("retired", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.drop_constraint(OLD_UNIQUE[dialect], type_="unique")
    # Every goal so far is its indicator's own, as first set: in force from 1 January.
    op.execute(
        "UPDATE goal SET key = (SELECT indicator.key FROM indicator"
        " WHERE indicator.id = goal.indicator_id)"
    )
    bind = op.get_bind()
    goal = sa.table("goal", sa.column("id", sa.Integer()), sa.column("year", sa.Integer()))
    effective = sa.table("goal", sa.column("id", sa.Integer()), sa.column("effective", sa.Date()))
    for ident, year in bind.execute(sa.select(goal.c.id, goal.c.year)).all():
        bind.execute(
            effective.update()
            .where(effective.c.id == ident)
            .values(effective=datetime.date(year, 1, 1))
        )
    with op.batch_alter_table("goal") as batch_op:
        for name in ("key", "kind", "assigned_by", "scored_on"):
            batch_op.alter_column(name, server_default=None)
        for name in ("ceiling", "amount_unit", "amount_name_zh", "amount_name_en", "reason"):
            batch_op.alter_column(name, server_default=None)
        batch_op.alter_column("retired", server_default=None)
        batch_op.alter_column("effective", existing_type=sa.Date(), nullable=False)
        batch_op.create_unique_constraint(
            "uq_goal_key_year_effective", ["key", "year", "effective"]
        )


def downgrade() -> None:
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.drop_constraint("uq_goal_key_year_effective", type_="unique")
        for name in (
            "retired", "recorded_at", "reason", "effective",
            "amount_name_en", "amount_name_zh", "amount_unit", "scored_on", "reference",
            "assigned_by", "stretch", "ceiling", "target_high", "kind", "key",
        ):  # fmt: skip
            batch_op.drop_column(name)
        batch_op.create_unique_constraint("goal_indicator_id_year_key", ["indicator_id", "year"])

"""The migrations: they build the models' schema, keep every figure, adopt older databases."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import IntegrityError

from tests.conftest import CONFIG_DIR
from tests.helpers import snapshot
from tracker.app.database import Database
from tracker.app.goals import load_definitions_into
from tracker.configuration.load import load_config
from tracker.domain.errors import Conflict
from tracker.store import figures as figure_store
from tracker.store import goals as goal_store
from tracker.store import indicators as indicator_store
from tracker.store.db import for_writing, make_engine, read_session
from tracker.store.migrate import (
    FIRST_REVISION,
    MIGRATIONS,
    describe,
    head_revision,
    migration_connection,
    migration_options,
    schema_version,
    upgrade,
)
from tracker.store.schema import all_tables, counts, ensure_schema, has_schema

# The revision of corrections, due dates, shares, judgements and weights, and the figures'
# index by place, indicator and period that follows it (the newest).
JUDGEMENTS_REVISION = "a7d3c1e9b2f4"
FIGURES_INDEX_REVISION = "a7d4c1e9f3b2"

# Rows in the columns the first revision created; they stay valid as revisions are added.
FIRST_ROWS = {
    "indicator": [
        {
            "id": 7,
            "key": "industry",
            "name_zh": "规模以上工业增加值增速",
            "name_en": "Industry",
            "unit": "%",
            "measure": "growth",
            "cadence": "monthly",
            "start_month": 2,
            "lag_days": 20,
            "decimals": 1,
            "minimum": "-50",
            "maximum": "100",
            "owner_key": "industry",
            "owner_zh": "区工信局",
            "owner_en": "Industry bureau",
        }
    ],
    "goal": [
        {
            "id": 3,
            "indicator_id": 7,
            "year": 2020,
            "comparator": "at_least",
            "target": "8.5",
            "tolerance": "0",
            "warning": "1",
            "basis": "value",
            "pace": "linear",
            "label_zh": "8.5%",
            "label_en": "8.5%",
        }
    ],
    "entry": [
        {
            "id": 10 + n,
            "indicator_id": 7,
            "period": period,
            "period_end": end,
            "revision": revision,
            "value": value,
            "amount": None,
            "preliminary": False,
            "note": "注",
            "source": None,
            "source_file": None,
            "source_row": None,
            "reason": None if revision == 1 else "修订",
            "recorded_by": "stats",
            "recorded_at": datetime(2020, 6, 20, 2, 30, tzinfo=UTC),
        }
        for n, (period, end, revision, value) in enumerate(
            [
                ("2020-05", date(2020, 5, 31), 1, "3.6"),
                ("2020-05", date(2020, 5, 31), 2, "3.9"),
                ("2020-06", date(2020, 6, 30), 1, "5.05"),
            ]
        )
    ],
}


def _insert_first_rows(engine: Engine) -> None:
    sqlite = engine.dialect.name == "sqlite"
    with engine.begin() as conn:
        for table, rows in FIRST_ROWS.items():
            for row in rows:
                names = ", ".join(row)
                values = ", ".join(f":{name}" for name in row)
                params = {
                    k: Decimal(v) if k in _NUMERIC and v is not None and not sqlite else v
                    for k, v in row.items()
                }
                conn.execute(text(f"INSERT INTO {table} ({names}) VALUES ({values})"), params)


_NUMERIC = {"minimum", "maximum", "target", "tolerance", "warning", "value", "amount"}


def test_the_first_revision_is_the_initial_tables() -> None:
    assert describe(FIRST_REVISION) == "6d1f0b2c9a41 (initial tables)"


def test_a_new_database_is_built_at_the_newest_revision(engine: Engine) -> None:
    assert not has_schema(engine)
    ensure_schema(engine)
    assert has_schema(engine)
    version = schema_version(engine)
    assert (version.current, version.up_to_date) == (head_revision(), True)


def test_the_models_and_the_migrations_agree(engine: Engine) -> None:
    upgrade(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts=migration_options(engine.dialect.name))
        differences = compare_metadata(context, all_tables())
    assert differences == [], "run alembic revision --autogenerate (see migrations/README)"


def test_every_figure_survives_an_upgrade_from_the_first_revision(engine: Engine) -> None:
    upgrade(engine, to=FIRST_REVISION)
    assert schema_version(engine).current == FIRST_REVISION
    _insert_first_rows(engine)

    done = upgrade(engine)

    assert (done.before, done.after, done.adopted) == (FIRST_REVISION, head_revision(), False)
    with read_session(engine) as session:
        assert counts(session=session) == {
            "indicators": 1,
            "goals": 1,
            "figures": 2,
            "revisions": 3,
        }
        stored = [
            (r.id, r.period, r.revision, r.value, r.reason, r.recorded_at.replace(tzinfo=UTC))
            for r in figure_store.revisions(session=session, indicator_id=7)
        ]
        goal = goal_store.goals(session=session, year=2020)[0]
    assert stored == [
        (10, "2020-05", 1, Decimal("3.6"), None, datetime(2020, 6, 20, 2, 30, tzinfo=UTC)),
        (11, "2020-05", 2, Decimal("3.9"), "修订", datetime(2020, 6, 20, 2, 30, tzinfo=UTC)),
        (12, "2020-06", 1, Decimal("5.05"), None, datetime(2020, 6, 20, 2, 30, tzinfo=UTC)),
    ]
    assert (goal.indicator.key, goal.target, goal.indicator.minimum) == (
        "industry",
        Decimal("8.5"),
        Decimal("-50"),
    )


def test_the_figures_index_is_added_after_the_judgements_with_their_goals_kept(
    engine: Engine,
) -> None:
    upgrade(engine, to=JUDGEMENTS_REVISION)  # the tables as now, without the new indexes
    definitions = load_config(CONFIG_DIR).definitions
    with Database(engine).writing() as session:  # as ``tracker init`` saves them
        ids = {
            i.key: indicator_store.save_indicator(session=session, indicator=i).id
            for i in definitions.indicators
        }
        for goal in definitions.goals:
            for version in goal.history:
                goal_store.save_version(
                    session=session,
                    goal=version,
                    indicator_id=ids[goal.indicator.key] or 0,
                    recorded_at=datetime(2020, 1, 5, tzinfo=UTC),
                )
    with read_session(engine) as session:
        before = goal_store.goals(session=session, place=None)

    done = upgrade(engine)

    assert (done.before, done.after) == (JUDGEMENTS_REVISION, head_revision())
    assert head_revision() == FIGURES_INDEX_REVISION
    inspector = sa.inspect(engine)
    entry = {i["name"] for i in inspector.get_indexes("entry")}
    assert "ix_entry_place_indicator_period" in entry
    assert "ix_entry_place_period_end" not in entry
    assert "ix_goal_place_year" in {i["name"] for i in inspector.get_indexes("goal")}
    with read_session(engine) as session:
        assert goal_store.goals(session=session, place=None) == before
    assert before


def test_the_migrations_are_one_line_from_the_first_to_the_newest() -> None:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory(str(MIGRATIONS))
    chain = [s.revision for s in scripts.walk_revisions()]  # newest first
    downs = [s.down_revision for s in scripts.walk_revisions()]
    assert scripts.get_heads() == [FIGURES_INDEX_REVISION]
    assert chain[-1] == FIRST_REVISION
    assert downs == [*chain[1:], None]  # each revision follows the one before it alone
    assert chain[:2] == [FIGURES_INDEX_REVISION, JUDGEMENTS_REVISION]


def test_a_database_made_before_migrations_is_adopted_with_its_rows(engine: Engine) -> None:
    upgrade(engine, to=FIRST_REVISION)
    _insert_first_rows(engine)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))
    before = schema_version(engine)
    assert (before.current, before.unversioned, before.effective) == (None, True, FIRST_REVISION)
    rows = snapshot(engine)

    ensure_schema(engine)

    assert schema_version(engine).current == head_revision()
    after = snapshot(engine)
    # Later revisions add columns at the end of a row: every column the row had is kept.
    kept = {
        name: [row[: len(r)] for row, r in zip(after[name], rows[name], strict=True)]
        for name in rows
    }
    assert kept == rows
    assert {name: len(after[name]) for name in rows} == {name: len(rows[name]) for name in rows}
    # The columns later revisions add hold their defaults: withdrawn, and the home place.
    for name, defaults in {"indicator": ("''", "None"), "entry": ("False", "''")}.items():
        assert all(row[-len(defaults) :] == defaults for row in after[name])
    assert all(not after[name] for name in set(after) - set(rows) - {"alembic_version"})


def test_a_goal_keeps_its_indicators_key_after_the_upgrade(engine: Engine) -> None:
    upgrade(engine, to=FIRST_REVISION)
    _insert_first_rows(engine)
    ensure_schema(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT key, kind, scored_on FROM goal")).all() == [
            ("industry", "number", "value")
        ]


def test_a_revision_this_version_does_not_know_is_refused(engine: Engine) -> None:
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffffffffffff'"))
    before = snapshot(engine)
    with pytest.raises(Conflict, match="revision ffffffffffff, which this version"):
        upgrade(engine)
    assert snapshot(engine) == before


def test_a_database_with_only_some_of_the_tables_is_refused(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE indicator (id INTEGER PRIMARY KEY)"))
    before = snapshot(engine)
    with pytest.raises(Conflict, match="not entry, goal"):
        ensure_schema(engine)
    assert snapshot(engine) == before


def test_on_sqlite_a_migration_can_rebuild_a_table_others_refer_to(tmp_path) -> None:
    """Batch mode copies a table, drops it and renames the copy: with foreign keys on,
    SQLite refuses to drop a table that rows refer to, so migrations run with them off."""
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    load_definitions_into(
        Database(engine), load_config(CONFIG_DIR).definitions, by="t", now=datetime.now(UTC)
    )

    def add_column(conn: Connection) -> None:
        operations = Operations(MigrationContext.configure(conn))
        with operations.batch_alter_table("indicator", recreate="always") as batch:
            batch.add_column(sa.Column("extra", sa.String(10)))

    with pytest.raises(IntegrityError, match="FOREIGN KEY"), for_writing(engine).begin() as conn:
        add_column(conn)
    with migration_connection(engine) as conn:
        add_column(conn)

    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM entry")).scalar() == 6
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()

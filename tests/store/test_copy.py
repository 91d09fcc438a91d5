"""Copying a whole database between SQLite and PostgreSQL."""

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text

from tests.conftest import CONFIG_DIR
from tests.helpers import snapshot
from tracker.app.database import Database
from tracker.app.figures import FigureInput, record_figure
from tracker.app.goals import load_definitions_into
from tracker.configuration.load import load_config
from tracker.domain.errors import Conflict, NotFound
from tracker.store.checksum import canonical
from tracker.store.copy import CopyMismatch, copy_database
from tracker.store.db import make_engine
from tracker.store.migrate import upgrade
from tracker.store.schema import all_tables

WHEN = datetime(2020, 7, 3, 9, 15, 30, 123456, tzinfo=UTC)
postgresql_only = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


def _fill(engine: Engine) -> None:
    load_definitions_into(
        Database(engine), load_config(CONFIG_DIR).definitions, by="test", now=WHEN
    )
    for figure, reason in [
        (FigureInput("industry", "2020-05", "3.6", note="重点企业"), None),
        (FigureInput("industry", "2020-05", "3.90", source="区统计局"), "区统计局修订"),
        (FigureInput("jobs", "2020-06", "2,050", preliminary=True), None),
        (FigureInput("fai", "2020-06", "8.7", amount="12345678.1234"), None),
        (FigureInput("fai", "2020-06", "−0.05"), "revised down"),
    ]:
        record_figure(Database(engine), figure, by="统计员", now=WHEN, reason=reason)


def _contents(engine: Engine) -> dict[str, list[dict[str, object]]]:
    """Every row of every table, values as plain Python that compare across backends."""

    def plain(value: object) -> object:
        if isinstance(value, Decimal):
            return value.normalize()
        if isinstance(value, datetime):
            return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value

    with engine.connect() as conn:
        return {
            table.name: [
                {k: plain(v) for k, v in row.items()}
                for row in conn.execute(select(table).order_by(*table.primary_key)).mappings()
            ]
            for table in all_tables().sorted_tables
        }


@pytest.fixture
def sqlite_engine(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'other.db'}")
    yield engine
    engine.dispose()


@postgresql_only
def test_a_sqlite_database_moves_to_postgresql_whole(sqlite_engine: Engine, engine: Engine) -> None:
    _fill(sqlite_engine)
    digests = copy_database(sqlite_engine, engine)

    assert _contents(engine) == _contents(sqlite_engine)
    assert {d.table: d.rows for d in digests if d.rows} == {
        "indicator": 12,
        "goal": 12,
        "entry": 11,
    }
    # the ids continue after the copied ones
    done = record_figure(
        Database(engine), FigureInput("retail", "2020-06", "-3.5"), by="x", now=WHEN
    )
    assert done.revision == 1


@postgresql_only
def test_a_postgresql_database_moves_to_sqlite_whole(
    engine: Engine, database_url: str, sqlite_engine: Engine
) -> None:
    _fill(engine)
    # read in a session whose time zone is not UTC: the stored times must not shift
    shanghai = make_engine(database_url.replace("options=", "options=-ctimezone%3DPRC%20"))
    with shanghai.connect() as conn:
        assert conn.execute(text("SHOW TIME ZONE")).scalar() == "PRC"
    copy_database(shanghai, sqlite_engine)
    shanghai.dispose()

    assert _contents(sqlite_engine) == _contents(engine)
    assert _contents(sqlite_engine)["entry"][-1]["recorded_at"] == WHEN


def test_it_refuses_a_target_that_holds_data(sqlite_engine: Engine, loaded: Engine) -> None:
    _fill(sqlite_engine)
    before = snapshot(loaded)
    with pytest.raises(Conflict, match=r"target database is not empty \(12 rows in indicator"):
        copy_database(sqlite_engine, loaded)
    assert snapshot(loaded) == before


def test_it_refuses_a_source_without_tables(sqlite_engine: Engine, engine: Engine) -> None:
    with pytest.raises(NotFound, match="source database has no tracker tables"):
        copy_database(engine, sqlite_engine)
    assert snapshot(sqlite_engine) == {}


def test_a_copy_that_reads_back_differently_is_undone(
    engine: Engine, sqlite_engine: Engine
) -> None:
    _fill(engine)
    upgrade(sqlite_engine)
    with sqlite_engine.begin() as conn:  # a target that silently alters what it is given
        conn.execute(
            text(
                "CREATE TRIGGER alter_notes AFTER INSERT ON entry BEGIN "
                "UPDATE entry SET note = 'altered' WHERE id = NEW.id; END"
            )
        )
    before = snapshot(sqlite_engine)
    with pytest.raises(CopyMismatch, match="table entry read back 11 rows"):
        copy_database(engine, sqlite_engine)
    assert snapshot(sqlite_engine) == before


def test_checksums_see_the_value_not_the_way_a_backend_returns_it() -> None:
    assert canonical(Decimal("8.50")) == canonical(Decimal("8.5")) == "8.5"
    assert canonical(Decimal("-0.00")) == canonical(Decimal(0)) == "0"
    assert canonical(Decimal("1E+3")) == "1000"
    naive = datetime(2020, 7, 3, 9, 15)
    assert canonical(naive) == canonical(naive.replace(tzinfo=UTC))
    assert canonical(Decimal("8.5")) != canonical(Decimal("8.05"))

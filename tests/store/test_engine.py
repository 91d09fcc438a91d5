from decimal import Decimal

from sqlalchemy import Engine, text
from sqlmodel import col, select

from tracker.store.db import masked_url, read_session, write_session
from tracker.store.schema import ensure_schema, has_schema
from tracker.store.tables import IndicatorRow


def test_decimals_round_trip_exactly(engine: Engine) -> None:
    ensure_schema(engine)
    values = [Decimal("8.5"), Decimal("0.3"), Decimal("-3"), Decimal("12345678901234.567891")]
    with write_session(engine) as session:
        for n, value in enumerate(values):
            session.add(
                IndicatorRow(
                    key=f"k{n}",
                    name_zh="指标",
                    name_en="x",
                    unit="%",
                    measure="growth",
                    cadence="monthly",
                    owner_key="o",
                    owner_zh="单位",
                    owner_en="o",
                    minimum=value,
                )
            )
    with read_session(engine) as session:
        stored = [
            r.minimum for r in session.exec(select(IndicatorRow).order_by(col(IndicatorRow.key)))
        ]
    assert stored == values


def test_it_reports_whether_the_schema_exists(engine: Engine) -> None:
    assert not has_schema(engine)
    ensure_schema(engine)
    assert has_schema(engine)


def test_sqlite_runs_in_wal_mode(tmp_path) -> None:
    from tracker.store.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_the_password_is_masked() -> None:
    url = "postgresql+psycopg://stats:s3cret@db.example/tracker"
    assert "s3cret" not in masked_url(url)
    assert "stats:***@db.example" in masked_url(url)

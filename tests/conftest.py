"""Shared fixtures: a fresh database per test on every backend, the test config, a CLI runner.

PostgreSQL runs when TRACKER_TEST_POSTGRES_URL points at a server (``.ci/run`` sets it up);
each test gets a schema of its own. Without a server the PostgreSQL half is skipped with the
reason, unless TRACKER_REQUIRE_POSTGRES is set, in which case it fails.
"""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tracker.app.database import Database
from tracker.configuration.load import load_config
from tracker.store.db import make_engine

POSTGRES_ENV = "TRACKER_TEST_POSTGRES_URL"
# The tests' own copy of the demo district (not the shipped config/, which users may edit).
CONFIG_DIR = Path(__file__).resolve().parent / "fixtures" / "config"


@pytest.fixture(autouse=True)
def config_folder(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every command run by a test reads the tests' config unless the test names another."""
    monkeypatch.setenv("TRACKER_CONFIG_DIR", str(CONFIG_DIR))
    return CONFIG_DIR


def _postgres_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    required = bool(os.environ.get("TRACKER_REQUIRE_POSTGRES"))
    if not url:
        if required:
            pytest.fail(f"TRACKER_REQUIRE_POSTGRES is set but {POSTGRES_ENV} is not")
        pytest.skip(f"no PostgreSQL: set {POSTGRES_ENV} (see docs/testing.md, 'PostgreSQL')")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database of each backend, dropped after the test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tracker.db'}"
        return
    base = _postgres_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(base)
    try:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    except Exception as error:
        admin.dispose()
        if os.environ.get("TRACKER_REQUIRE_POSTGRES"):
            raise
        pytest.skip(f"PostgreSQL at {POSTGRES_ENV} is not reachable: {error}")
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    admin.dispose()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def loaded(engine: Engine) -> Engine:
    """A database initialised from the test config: 12 goals for 2020, 2019 results."""
    from datetime import UTC, datetime

    from tracker.app.goals import load_definitions_into

    load_definitions_into(
        Database(engine),
        load_config(CONFIG_DIR).definitions,
        by="test",
        now=datetime(2020, 1, 10, tzinfo=UTC),
    )
    return engine

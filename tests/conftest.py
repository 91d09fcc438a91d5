"""Shared fixtures: a fresh database per test on every backend, the test config, a CLI runner.

PostgreSQL runs when TRACKER_TEST_POSTGRES_URL points at a server (``.ci/run`` sets it up);
each test gets a schema of its own. Without a server the PostgreSQL half is skipped with the
reason, unless TRACKER_REQUIRE_POSTGRES is set, in which case it fails. A database that
``migrated`` or ``loaded`` fills is a copy of a template built once per session
(tests/databases.py).
"""

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import Engine

from tests.databases import LOADED, MIGRATED, Databases
from tracker.store.db import make_engine

POSTGRES_ENV = "TRACKER_TEST_POSTGRES_URL"
# The tests' own copy of the demo district (not the shipped config/, which users may edit).
CONFIG_DIR = Path(__file__).resolve().parent / "fixtures" / "config"
# The shipped config/ (the demo district; tracker/defaults links to it).
SHIPPED_CONFIG = Path(__file__).resolve().parent.parent / "config"

# Hypothesis: "quick", the default, for the edit-test loop; "thorough" for ``make check``
# (``--hypothesis-profile=thorough``). A test's own budget is written with tests.helpers.examples.
settings.register_profile("thorough", max_examples=100)
settings.register_profile("quick", max_examples=25)
settings.load_profile("quick")

# The commands fit their tables to COLUMNS when it is set; pytest-xdist's workers set it to 80
# and a developer's shell may export it. The tests that mean a width set it themselves.
os.environ.pop("COLUMNS", None)


@pytest.fixture(autouse=True)
def _forget_compiled_statements() -> Iterator[None]:
    """SQLAlchemy keeps what it compiled for an engine's dialect in caches that outlive the
    engine: each mapper of the tables keeps 100 statements, PostgreSQL's reflection queries 128.
    A command makes an engine of its own, so over a session they would keep hundreds of dialects
    (and all they compiled) alive, and every later test would pay for the garbage collector
    walking them. Forgetting them after each test changes nothing a test sees."""
    yield
    from sqlalchemy.dialects.postgresql.base import PGDialect
    from sqlmodel.main import default_registry

    for mapper in default_registry.mappers:
        mapper._compiled_cache.clear()
    for member in vars(PGDialect).values():
        if hasattr(member, "cache_clear"):
            member.cache_clear()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--backend",
        action="append",
        choices=["sqlite", "postgresql"],
        help="run the database tests on this backend only (may be given twice; default: both)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With --backend, the database tests of the other backends are deselected."""
    backends = config.getoption("backend")
    if not backends:
        return
    keep, drop = [], []
    for item in items:
        spec = getattr(item, "callspec", None)
        backend = spec.params.get("database_url") if spec is not None else None
        (keep if backend is None or backend in backends else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


shipped_reads: list[str] = []  # the files under SHIPPED_CONFIG opened during the current test


def _note_shipped_reads(event: str, args: tuple[object, ...]) -> None:
    """An audit hook (PEP 578): notes each file under SHIPPED_CONFIG that is opened."""
    if event != "open" or not isinstance(args[0], str | os.PathLike):
        return
    path = os.fspath(args[0])
    if not isinstance(path, str) or ("config" not in path and "default" not in path):
        return  # (tracker/defaults links to config/)
    real = Path(os.path.realpath(path))
    if real.is_relative_to(SHIPPED_CONFIG):
        shipped_reads.append(str(real))


sys.addaudithook(_note_shipped_reads)


@pytest.fixture(autouse=True)
def _shipped_config_unread(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fails a test that opened a file of the shipped config/ in this process: users edit it,
    and a test must pass whatever it holds, so tests read tests/fixtures/config or a copy.
    A test marked ``shipped_config`` (of ``init --demo``, which loads that folder) may read
    it, and must not depend on what it holds."""
    shipped_reads.clear()
    yield
    if shipped_reads and request.node.get_closest_marker("shipped_config") is None:
        pytest.fail(
            f"the test opened {shipped_reads[0]}, of the shipped config/ that users edit; "
            "read tests/fixtures/config (tests.conftest.CONFIG_DIR) or a copy of it instead",
            pytrace=False,
        )


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


@pytest.fixture(scope="session")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Databases]:
    """The session's test databases and their templates (tests/databases.py)."""
    databases = Databases(tmp_path_factory.mktemp("templates"), CONFIG_DIR)
    yield databases
    databases.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, databases: Databases
) -> Iterator[str]:
    """A URL to an empty database of each backend, dropped after the test."""
    if request.param == "sqlite":
        yield databases.new("sqlite", str(tmp_path))
        return
    base = _postgres_url()
    try:
        url = databases.new("postgresql", base)
    except Exception as error:
        if os.environ.get("TRACKER_REQUIRE_POSTGRES"):
            raise
        pytest.skip(f"PostgreSQL at {POSTGRES_ENV} is not reachable: {error}")
    yield url
    databases.drop(url)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def migrated(database_url: str, databases: Databases) -> str:
    """``database_url``, its database at the newest schema revision with no rows: a copy of the
    session's template, made by running the migrations once (tests/databases.py)."""
    databases.fill(database_url, MIGRATED)
    return database_url


@pytest.fixture
def loaded(engine: Engine, database_url: str, databases: Databases) -> Engine:
    """A database initialised from the test config: 12 goals for 2020, 2019 results, loaded
    ``by="test"`` at ``LOADED_AT`` (a copy of the session's template, tests/databases.py)."""
    databases.fill(database_url, LOADED)
    return engine

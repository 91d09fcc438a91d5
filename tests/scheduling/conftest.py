import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.conftest import CONFIG_DIR
from tracker.app.database import Database


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    """A copy of the test config folder, to change in a test."""
    folder = tmp_path / "config"
    shutil.copytree(CONFIG_DIR, folder)
    return folder


@pytest.fixture
def store(engine: Engine, migrated: str) -> Engine:
    """An empty database with every table (a copy of the session's migrated template)."""
    return engine


def write_schedule(folder: Path, jobs: str, *, grace: int = 21600) -> None:
    (folder / "schedule.toml").write_text(
        f"misfire_grace_seconds = {grace}\n\n{jobs}", encoding="utf-8"
    )


FIGURES = [
    ("industry", "2020-02", "6.1"),
    ("industry", "2020-03", "6.8"),
    ("industry", "2020-04", "7.0"),
    ("industry", "2020-05", "7.1"),
    ("industry", "2020-06", "7.2"),
    ("jobs", "2020-06", "2200"),
    ("fai", "2020-06", "11"),
]


@pytest.fixture
def reported(loaded):
    """The shipped goals with figures up to June 2020: industry lags, five owners are overdue."""
    from datetime import UTC, datetime

    from tracker.app.figures import FigureInput, record_figure

    for key, period, value in FIGURES:
        figure = FigureInput(key, period, value, None, None, None, False)
        record_figure(Database(loaded), figure, by="test", now=datetime(2020, 7, 1, tzinfo=UTC))
    return loaded

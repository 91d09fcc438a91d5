"""Fixtures for the reports: a database holding the fixed dataset, and the archive folder."""

from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.reporting import dataset


@pytest.fixture
def reported(loaded: Engine) -> Engine:
    """The shipped config loaded, and the fixed 2020 figures recorded."""
    return dataset.record_all(loaded)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    return folder

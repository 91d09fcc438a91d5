import shutil
from pathlib import Path

import pytest

from tests.conftest import CONFIG_DIR


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    """A copy of the shipped config directory, to change in a test."""
    folder = tmp_path / "config"
    shutil.copytree(CONFIG_DIR, folder)
    return folder


def write_schedule(folder: Path, jobs: str, *, grace: int = 21600) -> None:
    (folder / "schedule.toml").write_text(
        f'timezone = "Asia/Shanghai"\nmisfire_grace_seconds = {grace}\n\n{jobs}', encoding="utf-8"
    )

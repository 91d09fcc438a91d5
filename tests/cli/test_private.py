"""Files stay private: what tracker creates is not world-readable, whatever the umask it was
started with, and names from the config never place a file outside its folder."""

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CONFIG_DIR
from tracker.configuration.load import check_config
from tracker.domain.errors import ConfigError, InvalidInput
from tracker.domain.names import inside


def tracker(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env.update(TRACKER_CONFIG_DIR=str(CONFIG_DIR), TRACKER_REPORTS_DIR=str(tmp_path / "reports"))
    db = f"sqlite:///{tmp_path / 'tracker.db'}"
    return subprocess.run(
        [sys.executable, "-m", "tracker", "--db", db, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        preexec_fn=lambda: os.umask(0o022),  # the usual umask: files would be 0644
    )


@pytest.mark.slow
def test_everything_tracker_creates_is_private(tmp_path: Path) -> None:
    steps = [
        ("init",),
        ("record", "-p", "2020-06", "industry", "5"),
        ("report", "--as-of", "2020-07-15"),
        ("schedule", "run", "monthly-report", "--as-of", "2020-07-15", "--dry-run"),
        ("forms", "export", "-p", "2020-07", "-o", str(tmp_path / "forms")),
        ("export", "-o", str(tmp_path / "out" / "figures.csv")),
    ]
    for step in steps:
        done = tracker(tmp_path, *step)
        assert done.returncode == 0, (step, done.stderr)
    created = [p for p in tmp_path.rglob("*") if p.name != "stdout"]
    files = [p for p in created if p.is_file()]
    assert {p.suffix for p in files} >= {".db", ".html", ".eml", ".xlsx", ".csv"}
    for path in created:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o007 == 0, f"{path} is {oct(mode)}"


def test_a_name_cannot_reach_outside_its_folder(tmp_path: Path) -> None:
    assert inside(tmp_path, "2020-07-stats.xlsx") == tmp_path / "2020-07-stats.xlsx"
    for name in ("../x.eml", "..", ".hidden", "a/b", "a\\b", "", "x\x00y"):
        with pytest.raises(InvalidInput, match="would reach outside the folder"):
            inside(tmp_path, name)


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("schedule.toml", "[jobs.monthly-report]", '[jobs."../../monthly"]'),
        ("owners.toml", "[owners.stats]", '[owners."../stats"]'),
        ("indicators.toml", "[indicators.gdp]", '[indicators."a/gdp"]'),
    ],
)
def test_a_key_that_would_name_a_file_elsewhere_is_refused_at_load(
    tmp_path: Path, file: str, old: str, new: str
) -> None:
    folder = tmp_path / "config"
    shutil.copytree(CONFIG_DIR, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    with pytest.raises(ConfigError) as error:
        check_config(folder, env={})
    assert f"{path}:{line}: " in str(error.value)
    assert "may not contain / or \\ or control characters, nor begin with a dot" in str(error.value)

"""A database file that cannot be written (a copy on a read-only share, a backup) is still
read by `status` and `report`, which say so; its journal mode and its bytes stay as they are.
The read-only share is a read-only bind mount (skipped where mounting is not allowed)."""

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CONFIG_DIR

NOTE = "Note: 数据库文件只读 / the database file cannot be written"


def tracker(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env["TRACKER_CONFIG_DIR"] = str(CONFIG_DIR)
    return subprocess.run(
        [sys.executable, "-m", "tracker", "--db", f"sqlite:///{db}", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.fixture
def share(tmp_path: Path) -> Iterator[Path]:
    """A folder holding a database with a figure, mounted read-only elsewhere."""
    source, mounted = tmp_path / "source", tmp_path / "share"
    source.mkdir()
    mounted.mkdir()
    db = source / "tracker.db"
    assert tracker(db, "init").returncode == 0
    assert tracker(db, "record", "-p", "2020-06", "industry", "5.5").returncode == 0
    done = subprocess.run(
        ["mount", "--bind", "-o", "ro", str(source), str(mounted)], capture_output=True
    )
    if done.returncode != 0 or shutil.which("mount") is None:
        pytest.skip("a read-only mount needs the right to mount")
    try:
        yield mounted
    finally:
        subprocess.run(["umount", str(mounted)], check=True)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_status_and_report_read_a_database_that_cannot_be_written(share: Path) -> None:
    db = share / "tracker.db"
    before = (digest(db), sorted(p.name for p in share.iterdir()))
    status = tracker(db, "status", "--as-of", "2020-07-15")
    report = tracker(db, "report", "--as-of", "2020-07-15", "-f", "text", "-o", "-")
    record = tracker(db, "record", "-p", "2020-07", "industry", "6")
    assert (status.returncode, report.returncode) == (0, 0), status.stderr + report.stderr
    assert status.stderr.startswith(NOTE)
    assert report.stderr.startswith(NOTE)
    assert "5.5" in status.stdout
    assert "2020年6月" in report.stdout
    assert record.returncode == 1
    assert record.stderr.splitlines() == [
        "Error: the database file cannot be written (a copy, a backup, a read-only share); "
        "`tracker status` and `tracker report` read it, changes need a writable file.",
        "错误：数据库文件只读（副本、备份或只读共享）；可用 `tracker status` 和 `tracker report` "
        "查看，修改数据需要可写的文件。",
    ]
    assert (digest(db), sorted(p.name for p in share.iterdir())) == before

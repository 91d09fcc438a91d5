"""The installed ``tracker`` command, run as a real process."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def tracker(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    command = Path(sys.executable).parent / "tracker"  # the console script beside this Python
    return subprocess.run(
        [str(command), "--db", f"sqlite:///{db}", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_tracker_command_records_and_reports(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    assert tracker("init", db=db).returncode == 0
    recorded = tracker("record", "industry", "7.8%", "--period", "2020-06", db=db)
    assert recorded.returncode == 0
    assert recorded.stdout == "Recorded industry 2020-06 = 7.8\n"
    status = tracker("status", "--as-of", "2020-07-20", "--json", db=db)
    industry = next(g for g in json.loads(status.stdout)["goals"] if g["key"] == "industry")
    assert (industry["value"], industry["status"]) == ("7.8", "at_risk")


def test_a_user_mistake_prints_no_traceback(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    tracker("init", db=db)
    result = tracker("record", "industry", "8..5", "--period", "2020-06", db=db)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: '8..5' is not a number")
    assert "Traceback" not in result.stderr


def test_python_dash_m_tracker_works(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("tracker ")


def test_a_reader_that_goes_away_is_no_error_to_report(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    assert tracker("init", db=db).returncode == 0
    command = Path(sys.executable).parent / "tracker"
    process = subprocess.Popen(
        [str(command), "--db", f"sqlite:///{db}", "status", "--json", "--as-of", "2020-07-20"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    process.stdout.close()  # as `| head -1` does once it has its line: before anything is written
    _, stderr = process.communicate(timeout=60)
    assert stderr.decode() == ""  # not "free some space", not a traceback
    assert process.returncode == 1

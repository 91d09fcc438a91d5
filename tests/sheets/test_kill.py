"""A real ``tracker import`` process killed with SIGKILL in the middle of its write."""

import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.helpers import snapshot
from tests.sheets.conftest import NOW, many_figures, write_csv, write_many_indicators
from tracker.app.database import Database
from tracker.app.goals import load_definitions_into
from tracker.configuration.load import load_config
from tracker.store.db import make_engine

ROWS = 50_000
INDICATORS = 500  # 100 monthly periods each, 2019-01 to 2027-04


@pytest.mark.slow
def test_an_import_killed_while_writing_leaves_the_database_as_it_was(
    database_url: str, tmp_path: Path
) -> None:
    config = write_many_indicators(tmp_path / "config", INDICATORS, range(2020, 2028))
    engine = make_engine(database_url)
    load_definitions_into(Database(engine), load_config(config).definitions, by="t", now=NOW)
    figures = write_csv(tmp_path / "big.csv", many_figures(ROWS, INDICATORS))
    before = snapshot(engine)
    tracker = str(Path(sys.executable).parent / "tracker")
    command = [tracker, "--db", database_url, "--config", str(config), "import", str(figures)]
    seen = []
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        watchdog = threading.Timer(120, process.kill)
        watchdog.start()
        assert process.stderr is not None
        for line in process.stderr:  # "Writing figures 写入: 5,000/50,000" after each chunk
            seen.append(line)
            if line.startswith("Writing") and not line.rstrip().endswith(f"{ROWS:,}/{ROWS:,}"):
                process.send_signal(signal.SIGKILL)
                break
        process.wait()
        watchdog.cancel()
    assert process.returncode == -signal.SIGKILL, f"not killed mid-write: {seen}"
    assert snapshot(engine) == before
    # Nothing is left locked: the same file then imports in full.
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    assert f"Imported: {ROWS} added" in done.stdout
    engine.dispose()

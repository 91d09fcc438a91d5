"""Where ``fcntl`` is missing (it is POSIX only), only the SQLite scheduler lock needs it:
``tracker outbox retry`` and ``tracker schedule run`` import the scheduler's modules and must
still work."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CONFIG_DIR

BLOCKED = """
import sys
sys.modules["fcntl"] = None  # import fcntl now raises ImportError, as where it does not exist
import tracker.cli.schedule, tracker.app.outbox, tracker.app.jobs
import tracker.scheduling.lock, tracker.scheduling.runner
from tracker.cli.main import main
sys.argv = ["tracker", *sys.argv[1:]]
main()
"""


def tracker_without_fcntl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCKED, *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_outbox_retry_works_without_fcntl(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    options = ["--db", url, "--config", str(CONFIG_DIR)]
    assert tracker_without_fcntl(*options, "db", "upgrade").returncode == 0

    retried = tracker_without_fcntl(*options, "outbox", "retry")

    assert (retried.returncode, retried.stderr) == (0, "")
    assert retried.stdout.startswith("Requeued 0: 0 sent")


def test_only_taking_the_file_lock_needs_fcntl(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    check = (
        "import sys\n"
        "sys.modules['fcntl'] = None\n"
        "from tracker.scheduling.lock import scheduler_lock\n"
        "from tracker.store.db import make_engine\n"
        "try:\n"
        f"    with scheduler_lock(make_engine({url!r})):\n"
        "        pass\n"
        "except ImportError:\n"
        "    print('the file lock needs fcntl')\n"
    )
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert (done.stdout, done.stderr) == ("the file lock needs fcntl\n", "")

"""Several real processes revising the same figures at once lose nothing and never fail."""

import subprocess
import sys
from decimal import Decimal

from sqlalchemy import Engine

from tracker.entry.history import revisions_of

WORKER = """
import sys
from datetime import UTC, datetime
from tracker.entry.record import NewFigure, record_figure
from tracker.store.db import make_engine

url, worker, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
engine = make_engine(url)
for n in range(count):
    for key in ("industry", "fai"):
        value = f"{worker}.{n:02d}"
        record_figure(engine, NewFigure(key, "2020-06", value), by=f"w{worker}",
                      now=datetime.now(UTC), reason=f"worker {worker} pass {n}")
"""

WORKERS, PASSES = 4, 8


def test_concurrent_revisions_are_all_kept_without_gaps(loaded: Engine, database_url: str) -> None:
    from tests.entry.test_record import record

    record(loaded, "industry", "0.5", "2020-06")
    record(loaded, "fai", "0.5", "2020-06")
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, database_url, str(w), str(PASSES)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(1, WORKERS + 1)
    ]
    results = [p.communicate(timeout=120) for p in processes]
    for process, (_, err) in zip(processes, results, strict=True):
        assert process.returncode == 0, err
        assert "locked" not in err
    for key in ("industry", "fai"):
        _, rows = revisions_of(loaded, key, "2020-06")
        assert [r.revision for r in rows] == list(range(1, WORKERS * PASSES + 2))
        written = sorted(r.value for r in rows[1:])
        expected = sorted(
            Decimal(f"{w}.{n:02d}") for w in range(1, WORKERS + 1) for n in range(PASSES)
        )
        assert written == expected

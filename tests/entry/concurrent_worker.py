"""A process for the concurrency tests (run as a script, not collected by pytest).

    python concurrent_worker.py write URL DIR NAME ROUNDS KEY:PERIOD:BASE ...
    python concurrent_worker.py read URL DIR

A writer connects, says it is ready (DIR/ready.NAME), waits for DIR/go, then revises each
figure ROUNDS times, printing ``key period revision reason`` per revision. A reader builds the
document of `tracker status --json` again and again, creating DIR/go after its first read,
until DIR/stop appears; it prints how many reads it made. Errors go to stderr; exit code 1.
"""

import json
import sys
import time
import traceback
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from tracker.entry.record import NewFigure, record_figure
from tracker.reporting.serialize import status_document
from tracker.reporting.statuses import goal_statuses
from tracker.store.db import make_engine

AS_OF = date(2020, 7, 20)


def value_of(base: str, worker: int, round_: int) -> str:
    return str(Decimal(base) + Decimal(worker + 1) / 100 + Decimal(round_ + 1) / 10000)


def write(url: str, folder: Path, name: str, rounds: int, figures: list[str]) -> int:
    engine = make_engine(url)
    with engine.connect():
        pass
    (folder / f"ready.{name}").touch()
    while not (folder / "go").exists():
        time.sleep(0.002)
    failed = 0
    for round_ in range(rounds):
        for spec in figures:
            key, period, base = spec.split(":")
            reason = f"w{name} r{round_}"
            value = value_of(base, int(name), round_)
            try:
                done = record_figure(
                    engine,
                    NewFigure(key, period, value),
                    by=f"w{name}",
                    now=datetime.now(UTC),
                    reason=reason,
                )
                print(f"{done.key} {done.period} {done.revision} {reason}", flush=True)
            except Exception:
                failed += 1
                traceback.print_exc()
    engine.dispose()
    return 1 if failed else 0


def read(url: str, folder: Path) -> int:
    engine = make_engine(url)
    reads = failed = 0
    while True:
        try:
            document = status_document(goal_statuses(engine, as_of=AS_OF, year=2020), AS_OF)
            json.dumps(document, ensure_ascii=False)
            reads += 1
        except Exception:
            failed += 1
            traceback.print_exc()
        (folder / "go").touch()
        if (folder / "stop").exists():
            break
    print(reads)
    engine.dispose()
    return 1 if failed else 0


if __name__ == "__main__":
    role, url, folder = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    if role == "write":
        sys.exit(write(url, folder, sys.argv[4], int(sys.argv[5]), sys.argv[6:]))
    sys.exit(read(url, folder))

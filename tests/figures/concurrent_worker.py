"""A process for the concurrency tests (run as a script, not collected by pytest).

    python concurrent_worker.py write URL DIR NAME ROUNDS [new:KEY:PERIOD:VALUE] KEY:PERIOD:BASE ...
    python concurrent_worker.py read URL DIR

A writer connects, says it is ready (DIR/ready.NAME), waits for DIR/go, records its ``new:``
figure, then revises each other figure ROUNDS times, printing ``key period revision reason``
per figure stored. A reader builds the
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

from tracker.app.database import Database
from tracker.app.figures import FigureInput, record_figure
from tracker.app.status import goal_statuses
from tracker.reporting.serialize import status_document
from tracker.store.db import make_engine

AS_OF = date(2020, 7, 20)


def value_of(base: str, worker: int, round_: int) -> str:
    return str(Decimal(base) + Decimal(worker + 1) / 100 + Decimal(round_ + 1) / 10000)


def write(url: str, folder: Path, name: str, rounds: int, figures: list[str]) -> int:
    engine = make_engine(url)
    with engine.connect():
        pass
    (folder / f"ready.{name}").touch()
    deadline = time.monotonic() + 300  # the reader never started: give up
    while not (folder / "go").exists():
        if time.monotonic() > deadline:
            print("no go signal", file=sys.stderr)
            return 1
        time.sleep(0.002)
    failed = 0
    new = [spec.split(":")[1:] for spec in figures if spec.startswith("new:")]
    figures = [spec for spec in figures if not spec.startswith("new:")]
    for key, period, value in new:  # a figure of its own, recorded (not revised)
        try:
            done = record_figure(
                Database(engine),
                FigureInput(key, period, value),
                by=f"w{name}",
                now=datetime.now(UTC),
            )
            print(f"{done.key} {done.period} {done.revision} new", flush=True)
        except Exception:
            failed += 1
            traceback.print_exc()
    for round_ in range(rounds):
        for spec in figures:
            key, period, base = spec.split(":")
            reason = f"w{name} r{round_}"
            value = value_of(base, int(name), round_)
            try:
                done = record_figure(
                    Database(engine),
                    FigureInput(key, period, value),
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
            document = status_document(
                goal_statuses(Database(engine), as_of=AS_OF, year=2020), AS_OF
            )
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

"""What a child process runs when its peak memory is measured (``python -m benchmarks.child
status URL AS_OF`` or ``scan URL``; it prints its own peak resident memory in MB last), or the
time of the status of every goal in a fresh process, as ``tracker status`` computes it
(``timed-status URL AS_OF paused|collecting``; it prints the seconds). ``every-place URL
CONFIG AS_OF`` and ``every-place-scan URL AS_OF`` print the CPU seconds of the status of every
goal of every place (``tracker status --all-places``), or of the bare scan of the rows it
reads, then the peak memory."""

import sqlite3
import sys
import time
from datetime import date
from pathlib import Path

from tracker.app.database import Database

# The reference of the status case: the entries the status rules look at (the goals' year,
# 2020, and the baseline year before it; every revision), the same rows goal_statuses reads,
# scanned into tuples without any bookkeeping. The standard library only, so that the
# reference's peak memory is not that of our imports.
BARE_SCAN = (
    "SELECT indicator_id, period, revision, value, amount, preliminary, note, source "
    "FROM entry WHERE period_end BETWEEN ? AND ?"
)
SCAN_YEARS = ("2019-01-01", "2020-12-31")


def main(argv: list[str]) -> None:
    what, url, *rest = argv
    if what == "timed-status":
        print(timed_status(url, date.fromisoformat(rest[0]), paused=rest[1] == "paused"))
        return
    if what in ("every-place", "every-place-scan"):
        seconds = every_place(url, rest) if what == "every-place" else every_place_scan(url, rest)
        print(seconds)
        print(own_peak_rss_mb())
        return
    if what == "status":
        from tracker.app.status import goal_statuses

        found = len(goal_statuses(Database.open(url), as_of=date.fromisoformat(rest[0])))
    elif what == "scan":
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            found = len(connection.execute(BARE_SCAN, SCAN_YEARS).fetchall())
        connection.close()
    else:
        raise SystemExit(f"unknown child job {what!r}: use status or scan")
    print(found)
    print(own_peak_rss_mb())


def timed_status(url: str, as_of: date, *, paused: bool) -> float:
    """CPU seconds for the status of every goal, read after the engine's first connection: with
    the cycle collector paused (``goal_statuses``) or running (the same read and evaluation,
    ``read_workspace`` then ``Workspace.statuses``)."""
    from tracker.app.status import goal_statuses
    from tracker.app.workspace import read_workspace
    from tracker.domain.places import Places

    db = Database.open(url)
    with db.engine.connect():
        pass
    start = time.process_time()
    if paused:
        goal_statuses(db, as_of=as_of)
    else:
        with db.reading() as session:
            ws = read_workspace(session, places=Places(), as_of=as_of, year=as_of.year)
        ws.statuses(as_of)
    return time.process_time() - start


def every_place(url: str, rest: list[str]) -> float:
    """CPU seconds of the status of every goal of every place (the config's places)."""
    from tracker.app.status import all_goal_statuses
    from tracker.configuration.load import load_config

    config, as_of = Path(rest[0]), date.fromisoformat(rest[1])
    places = load_config(config, env={}).places
    db = Database.open(url)
    with db.engine.connect():
        pass
    start = time.process_time()
    found = all_goal_statuses(db, as_of=as_of, year=as_of.year, places=places)
    seconds = time.process_time() - start
    print(sum(len(statuses) for statuses in found.values()))
    return seconds


def every_place_scan(url: str, rest: list[str]) -> float:
    """CPU seconds of the driver alone reading every revision of the year and the one before."""
    year = date.fromisoformat(rest[0]).year
    with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
        start = time.process_time()
        rows = connection.execute(BARE_SCAN, (f"{year - 1}-01-01", f"{year}-12-31")).fetchall()
        seconds = time.process_time() - start
    connection.close()
    print(len(rows))
    return seconds


def own_peak_rss_mb() -> float:
    """This process's peak resident memory since it started its program (Linux: VmHWM).

    Not ru_maxrss: for a process started by a larger one, that counts the parent's
    resident set too (the kernel keeps the high-water mark across fork and exec).
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("/proc/self/status has no VmHWM")


if __name__ == "__main__":
    main(sys.argv[1:])

"""Case 4 and half of case 7: the status of every goal, read in-process with
``goal_statuses(Database(engine), as_of=...)``, against a bare sqlite3 scan of the same entries into
tuples (CPU time of this process, in turns); its growth from the small to the large data set;
its peak memory in a child process."""

import sqlite3
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

from benchmarks import data
from benchmarks.child import BARE_SCAN, SCAN_YEARS
from benchmarks.harness import Budget, Result, cpu_time, run_child, timed_in_turns
from benchmarks.sizes import Sizes
from tracker.app.database import Database
from tracker.app.status import goal_statuses

ROOT = Path(__file__).resolve().parent.parent  # where `python -m benchmarks.child` is found


def run(workdir: Path, sizes: Sizes) -> tuple[list[Result], data.Dataset]:
    """The results, and the small data set (the report case renders it too)."""
    small = data.build(workdir / "small", goals=sizes.small[0], periods=sizes.small[1])
    large = data.build(workdir / "large", goals=sizes.large[0], periods=sizes.large[1])
    results, times = [], []
    measured = _timed((small, large), sizes)  # all four in turns, the growth row's too
    for key, dataset, (ours, bare) in zip(
        ("status_small", "status_large"), (small, large), measured, strict=True
    ):
        times.append(ours)
        results.append(
            Result(
                key,
                f"status of {dataset.goals:,} goals × {dataset.periods} periods "
                "(in-process goal_statuses) vs bare sqlite3 scan",
                ours,
                bare,
                budget=Budget(3.0),
                note="the scan: every revision of the 2019–2020 entries (the years the status "
                "reads) into tuples",
                details={"entries": dataset.figures, "rows": dataset.rows},
            )
        )
    results.append(
        Result(
            "status_growth",
            "status growth small → large: time ratio vs entries ratio",
            times[1] / times[0],
            large.figures / small.figures,
            unit="×",
            budget=Budget(1.5),
            note="entries = goals × periods; ratio ≤ 1.5 means close to linear in them",
        )
    )
    results.append(_peak_memory(large))
    large.engine.dispose()
    return results, small


def _timed(datasets: tuple[data.Dataset, ...], sizes: Sizes) -> list[tuple[float, float]]:
    """(ours, bare) CPU seconds of each data set, every measurement in turns with the others."""
    connections = [sqlite3.connect(d.url.removeprefix("sqlite:///")) for d in datasets]
    actions: list[Callable[[], object]] = []
    for dataset, connection in zip(datasets, connections, strict=True):
        actions.append(partial(goal_statuses, Database(dataset.engine), as_of=dataset.as_of))
        actions.append(partial(_scan, connection))
    try:
        found = timed_in_turns(
            cpu_time, *actions, runs=sizes.status_runs, warmups=sizes.status_warmups
        )
    finally:
        for connection in connections:
            connection.close()
    return [(found[n], found[n + 1]) for n in range(0, len(found), 2)]


def _scan(connection: sqlite3.Connection) -> int:
    return len(connection.execute(BARE_SCAN, SCAN_YEARS).fetchall())


def _peak_memory(dataset: data.Dataset) -> Result:
    child = [sys.executable, "-m", "benchmarks.child"]
    ours = run_child([*child, "status", dataset.url, dataset.as_of.isoformat()], cwd=ROOT)
    bare = run_child([*child, "scan", dataset.url], cwd=ROOT)
    return Result(
        "status_peak_rss",
        f"peak RSS of the status of {dataset.goals:,} goals (child process) vs bare scan",
        float(ours.stdout.split()[-1]),
        float(bare.stdout.split()[-1]),
        unit="MB",
        budget=Budget(500, on="ours", strict=True),
        note="VmHWM of a fresh process: imports, engine, the status of every goal",
    )

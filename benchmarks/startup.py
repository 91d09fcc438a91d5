"""Cases 1 and 2: one figure entered by a cold ``tracker record``, and ``tracker --help``,
against the floors our own dependencies set and against sqlite-utils inserting one row; the CPU
time of each process (user + system, its own)."""

import json
import os
import statistics
import sys
from collections import defaultdict
from pathlib import Path

from benchmarks import data
from benchmarks.harness import Budget, Result, bin_path, compiled, medians_in_turns, run_child
from benchmarks.sizes import Sizes


def run(workdir: Path, sizes: Sizes) -> list[Result]:
    compiled()
    attempts = sizes.process_runs + sizes.process_warmups
    dataset = data.build(workdir, goals=attempts, periods=0)  # initialised, no figures yet
    dataset.engine.dispose()
    env = {**os.environ, "TRACKER_DATABASE_URL": dataset.url}
    tracker = bin_path("tracker")
    cpu: dict[str, list[float]] = defaultdict(list)  # CPU seconds (user + system) per command

    def timed(name: str, argv: list[str]) -> float:
        """The child's CPU time (its own, from wait4): on a shared machine the clock counts
        the other users' work too."""
        child = run_child(argv, env=env)
        cpu[name].append(child.wall)
        return child.cpu

    def record(n: int) -> float:  # a new figure each time: indicator n, June
        argv = [tracker, "record", f"i{n:05d}", "5.5", "--period", "2020-06", "--by", "bench"]
        return timed("record", argv)

    def python(code: str) -> float:
        return timed(code, [sys.executable, "-c", code])

    row = workdir / "row.json"
    row.write_text(json.dumps(_peer_row()), encoding="utf-8")
    peer = workdir / "peer.db"

    def sqlite_utils(_: int) -> float:
        argv = [bin_path("sqlite-utils"), "insert", str(peer), "entry", str(row)]
        return timed("sqlite-utils insert", argv)

    def help_screen(_: int) -> float:
        return timed("--help", [tracker, "--help"])

    turns = {"runs": sizes.process_runs, "warmups": sizes.process_warmups}
    ours, floor, peer_time = medians_in_turns(
        record, lambda _: python("import sqlmodel"), sqlite_utils, **turns
    )
    helped, typer_floor = medians_in_turns(help_screen, lambda _: python("import typer"), **turns)
    details = {
        "wall_seconds": {
            name: statistics.median(found[sizes.process_warmups :]) for name, found in cpu.items()
        }
    }
    return [
        Result(
            "record_vs_sqlmodel",
            "record one figure (cold process) vs python -c 'import sqlmodel'",
            ours,
            floor,
            budget=Budget(1.5),
            details=details,
        ),
        Result(
            "record_vs_sqlite_utils",
            "record one figure (cold process) vs sqlite-utils insert of one row",
            ours,
            peer_time,
            note="no budget: the peer skips validation, revisions and the schema",
        ),
        Result(
            "help_vs_typer",
            "tracker --help vs python -c 'import typer'",
            helped,
            typer_floor,
            budget=Budget(1.3),
            details=details,
        ),
    ]


def _peer_row() -> dict[str, object]:
    """The row ``tracker record`` writes, as sqlite-utils would insert it."""
    return {
        "indicator_id": 1,
        "period": "2020-06",
        "period_end": "2020-06-30",
        "revision": 1,
        "value": "5.5",
        "amount": None,
        "preliminary": 0,
        "note": None,
        "source": None,
        "recorded_by": "bench",
        "recorded_at": "2020-07-20 08:00:00+00:00",
    }

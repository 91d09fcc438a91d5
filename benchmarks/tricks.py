"""The speed tricks kept, each measured with and without it, so that each shows its worth:

- ``bulk_insert``: ``store.figures.insert_figures`` (the INSERT compiled once, each column's
  values bound once per distinct value, one driver ``executemany``) against SQLAlchemy Core's
  own executemany of the same rows (``connection.execute(insert(table), rows)``, the rows
  made into dicts as it takes them).
- ``status_gc_pause``: ``goal_statuses`` (the cycle collector paused) against
  the same read and evaluation with the collector running, for a city's goals, each in a
  fresh process as ``tracker status`` runs.
- ``import_gc_pause``: ``import_file`` (paused) against reading the file and
  ``import_sheet`` (the same work, the collector running).

"ours" is the time with the trick, the reference without it: the ratio is what is left when
the trick is applied (0.5: twice as fast).
"""

import shutil
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import data
from benchmarks.harness import Budget, Result, cpu_time, medians_in_turns, run_child
from benchmarks.import_csv import Bench
from benchmarks.sizes import Sizes
from tracker.app.database import Database

ROOT = Path(__file__).resolve().parent.parent  # where `python -m benchmarks.child` is found
NOW = datetime(2020, 7, 21, tzinfo=UTC)
WORTH = Budget(0.9)  # a trick kept saves a tenth of the time at least


def run(workdir: Path, sizes: Sizes) -> list[Result]:
    bench = Bench(sizes.import_rows)
    try:
        results = [_bulk_insert(bench, sizes), _import_pause(bench, sizes)]
    finally:
        bench.close()
    return [*results, _status_pause(workdir, sizes)]


def _bulk_insert(bench: Bench, sizes: Sizes) -> Result:
    from sqlalchemy import insert

    from tracker.store.db import make_engine, write_session
    from tracker.store.figures import FIGURE_COLUMNS, insert_figures
    from tracker.store.indicators import indicator_ids
    from tracker.store.tables import FigureRow

    def timed(write: Callable[[Any, dict[str, list[Any]]], None]) -> Callable[[int], float]:
        def once(n: int) -> float:
            engine = make_engine(f"sqlite:///{bench.fresh_db(f'insert{n}')}")
            with write_session(engine) as session:
                columns = _columns(bench, indicator_ids(session=session))
            try:
                with write_session(engine) as session:
                    return cpu_time(lambda: write(session, columns))
            finally:
                engine.dispose()

        return once

    def ours(session: Any, columns: dict[str, list[Any]]) -> None:
        insert_figures(session=session, columns=columns)

    def plain(session: Any, columns: dict[str, list[Any]]) -> None:
        tuples = zip(*(columns[name] for name in FIGURE_COLUMNS), strict=True)
        rows = [dict(zip(FIGURE_COLUMNS, row, strict=True)) for row in tuples]
        session.connection().execute(insert(FigureRow), rows)

    with_trick, without = medians_in_turns(
        timed(ours), timed(plain), runs=sizes.trick_runs, warmups=1
    )
    return Result(
        "bulk_insert",
        f"insert {bench.rows:,} figures: insert_figures vs SQLAlchemy Core executemany",
        with_trick,
        without,
        budget=WORTH,
        note="the same rows, SQL and stored text; one transaction each, timed inside it",
    )


def _columns(bench: Bench, ids: dict[str, int]) -> dict[str, list[Any]]:
    """The figures of the benchmark's CSV file, column by column as ``insert_figures`` takes
    them (every name of FIGURE_COLUMNS, in that order)."""
    import csv
    from decimal import Decimal

    from tracker.domain.periods import Period

    with bench.csv.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))[1:]
    periods = {text: Period.parse(text) for text in {row[1] for row in rows}}
    n = len(rows)
    return {
        "indicator_id": [ids[row[0]] for row in rows],
        "place": [""] * n,  # the home place's stored key (docs/places.md)
        "period": [row[1] for row in rows],
        "period_end": [periods[row[1]].end for row in rows],
        "revision": [1] * n,
        "value": [Decimal(row[2]) for row in rows],
        "amount": [None] * n,
        "preliminary": [False] * n,
        "note": [row[3] or None for row in rows],
        "source": [None] * n,
        "source_file": ["figures.csv"] * n,
        "source_row": list(range(2, n + 2)),
        "reason": [None] * n,
        "recorded_by": ["bench"] * n,
        "recorded_at": [NOW] * n,
    }


def _import_pause(bench: Bench, sizes: Sizes) -> Result:
    from tracker.app.imports import import_file, import_sheet
    from tracker.sheets.read import read_sheet
    from tracker.store.db import make_engine

    def timed(work: Callable[[Any], object]) -> Callable[[int], float]:
        def once(n: int) -> float:
            engine = make_engine(f"sqlite:///{bench.fresh_db(f'import{n}')}")
            try:
                return cpu_time(lambda: work(engine))
            finally:
                engine.dispose()

        return once

    def paused(engine: Any) -> object:
        return import_file(Database(engine), bench.csv, by="bench", now=NOW)

    def collecting(engine: Any) -> object:
        sheet = read_sheet(bench.csv, sheet=None, encoding=None)
        return import_sheet(
            Database(engine), sheet, bench.csv.name, "bench", NOW, None, False, None
        )

    with_trick, without = medians_in_turns(
        timed(paused), timed(collecting), runs=sizes.trick_runs, warmups=1
    )
    return Result(
        "import_gc_pause",
        f"import {bench.rows:,} CSV rows: cycle collector paused vs running",
        with_trick,
        without,
        budget=WORTH,
        note="import_file vs read_sheet + import_sheet (the same work), fresh database each",
    )


def _status_pause(workdir: Path, sizes: Sizes) -> Result:
    goals, periods = sizes.city
    city = data.build(workdir / "city", goals=goals, periods=periods)
    try:

        def timed(how: str) -> Callable[[int], float]:
            # A fresh process each time, as `tracker status` runs: in this one, the objects
            # the other cases left behind would make the collector run less often.
            argv = [sys.executable, "-m", "benchmarks.child", "timed-status", city.url]
            argv += [city.as_of.isoformat(), how]
            return lambda _: float(run_child(argv, cwd=ROOT).stdout.split()[-1])

        with_trick, without = medians_in_turns(
            timed("paused"), timed("collecting"), runs=sizes.trick_runs, warmups=1
        )
    finally:
        city.engine.dispose()
        shutil.rmtree(workdir / "city", ignore_errors=True)
    return Result(
        "status_gc_pause",
        f"status of {goals:,} goals × {periods} months: cycle collector paused vs running",
        with_trick,
        without,
        budget=WORTH,
        note="full size: a city, 150 places × 40 goals; one figure in ten revised; a fresh "
        "process each run, timed from the engine's first connection",
        details={"entries": city.figures, "rows": city.rows},
    )

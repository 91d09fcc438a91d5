"""Importing a CSV of figures: ours against ``sqlite-utils insert --csv`` and a bare executemany.

    python -m benchmarks.import_csv --rows 100000 [--runs 3]

The data: a generated config directory (1,000 monthly indicators by default, goals for enough
years) and a CSV of ``rows`` valid figures (indicator key, period, value, note), loaded into a
fresh SQLite database by ``tracker init``'s library function before each run (not timed).

Measured, each a median of ``runs`` runs after one warm-up, in CPU time (user + system, of the
child process or of this one), so that the others' work on a shared machine counts for none:

- ``ours_cli``: ``tracker import FILE`` in a child process (wall time: start-up, reading,
  full validation against the indicators and the stored figures, one write transaction).
- ``ours_library``: ``import_file()`` timed in this process: the same work without start-up.
- ``sqlite_utils``: ``sqlite-utils insert DB entry FILE --csv`` in a child process (wall time)
  into an empty database: no validation at all.
- ``bare``: in this process, ``csv.reader`` over the decoded file, then one ``sqlite3``
  ``executemany`` of the parsed rows into the same ``entry`` table (same indexes and
  constraints, created by the project's schema), one transaction: the limit.

The issue's budgets: ``ours_cli / sqlite_utils ≤ 1`` and ``ours_library / bare ≤ 3``.
``run(rows)`` returns the seconds and the ratios, for a benchmark runner to collect, under
the names above and the ones the suite looks for (``tracker`` = ``ours_cli``,
``tracker_library`` = ``ours_library``), with ``peak_rss_mb``: the peak resident memory
(VmHWM) of a fresh process running ``import_file()`` on the file, not timed.
"""

import argparse
import csv
import io
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from tracker.app.database import Database

PERIODS_PER_INDICATOR = 100
FIRST_YEAR = 2019  # periods run monthly from January 2019; goals cover each following year


def write_config(folder: Path, indicators: int, years: list[int]) -> None:
    """A config directory: ``indicators`` monthly indicators with goals for ``years``."""
    (folder / "goals").mkdir(parents=True)
    (folder / "owners.toml").write_text(
        "".join(f'[owners.o{n}]\nname_zh = "单位{n}"\nname_en = "Owner {n}"\n' for n in range(10)),
        encoding="utf-8",
    )
    (folder / "indicators.toml").write_text(
        "".join(
            f'[indicators.k{n}]\nname_zh = "指标{n}"\nname_en = "Indicator {n}"\nunit = "%"\n'
            f'measure = "growth"\ncadence = "monthly"\nowner = "o{n % 10}"\n'
            "range = [-100, 1000]\n"
            for n in range(indicators)
        ),
        encoding="utf-8",
    )
    for year in years:
        (folder / "goals" / f"{year}.toml").write_text(
            "".join(f"[goals.k{n}]\ntarget = 8\n" for n in range(indicators)), encoding="utf-8"
        )


def write_csv(path: Path, rows: int, indicators: int) -> None:
    """``rows`` valid figures: every indicator for January 2019, then February, ..."""
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["indicator", "period", "value", "note"])
        for n in range(rows):
            month = n // indicators
            period = f"{FIRST_YEAR + month // 12}-{month % 12 + 1:02d}"
            out.writerow([f"k{n % indicators}", period, plausible(n, indicators, month), ""])


def plausible(n: int, indicators: int, month: int) -> str:
    """A growth rate for figure ``n``: each indicator's own level, moving 0.3 points a month
    (the typo guards refuse a rate that jumps more than 10 points from one month to the next)."""
    return f"{(n % indicators) % 200 / 10 - 5 + month % 12 * 0.3:.1f}"


def shape(rows: int) -> tuple[int, list[int]]:
    """How many indicators, and which goal years, make ``rows`` distinct valid figures."""
    indicators = max(1, -(-rows // PERIODS_PER_INDICATOR))
    last_year = FIRST_YEAR + (-(-rows // indicators) - 1) // 12
    return indicators, list(range(FIRST_YEAR + 1, max(last_year, FIRST_YEAR + 1) + 1))


class Bench:
    """A temporary folder holding the config, the CSV, and fresh databases on demand."""

    def __init__(self, rows: int) -> None:
        self.rows = rows
        self.folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
        self.config = self.folder / "config"
        self.csv = self.folder / "figures.csv"
        indicators, years = shape(rows)
        write_config(self.config, indicators, years)
        write_csv(self.csv, rows, indicators)
        self.template = self.folder / "template.db"
        self._initialise(self.template)

    def _initialise(self, path: Path) -> None:
        from tracker.app.goals import load_definitions_into
        from tracker.configuration.load import load_config
        from tracker.store.db import make_engine

        engine = make_engine(f"sqlite:///{path}")
        load_definitions_into(
            Database(engine),
            load_config(self.config).definitions,
            by="bench",
            now=datetime.now(UTC),
        )
        engine.dispose()

    def fresh_db(self, name: str, initialised: bool = True) -> Path:
        path = self.folder / f"{name}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        if initialised:
            shutil.copyfile(self.template, path)
        return path

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def ours_library(bench: Bench) -> float:
    from tracker.app.imports import import_file
    from tracker.store.db import make_engine

    engine = make_engine(f"sqlite:///{bench.fresh_db('ours')}")
    start = time.process_time()
    result = import_file(Database(engine), bench.csv, by="bench", now=datetime.now(UTC))
    seconds = time.process_time() - start
    engine.dispose()
    assert len(result.plan.added) == bench.rows, "every row must be imported"
    return seconds


def ours_cli(bench: Bench) -> float:
    db = bench.fresh_db("cli")
    tracker = Path(sys.executable).parent / "tracker"
    command = [str(tracker), "--db", f"sqlite:///{db}", "--config", str(bench.config)]
    return timed_command([*command, "import", str(bench.csv)])


def sqlite_utils(bench: Bench) -> float:
    db = bench.fresh_db("sqlite_utils", initialised=False)
    tool = shutil.which("sqlite-utils", path=str(Path(sys.executable).parent)) or "sqlite-utils"
    return timed_command([tool, "insert", str(db), "entry", str(bench.csv), "--csv"])


def bare(bench: Bench) -> float:
    """csv.reader, then one executemany into the project's ``entry`` table."""
    db = bench.fresh_db("bare")
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    now = datetime.now(UTC).isoformat(sep=" ")
    start = time.process_time()
    text = bench.csv.read_bytes().decode("utf-8-sig")
    rows = csv.reader(io.StringIO(text, newline=""))
    next(rows)
    parsed = [
        (int(key[1:]) + 1, period, period + "-28", 1, value, note or None, n + 2, now)
        for n, (key, period, value, note) in enumerate(rows)
    ]
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(
        "INSERT INTO entry (indicator_id, period, period_end, revision, value, note, "
        "preliminary, source_row, recorded_by, recorded_at) "
        "VALUES (?, ?, ?, ?, ?, ?, 0, ?, 'bench', ?)",
        parsed,
    )
    connection.execute("COMMIT")
    seconds = time.process_time() - start
    connection.close()
    return seconds


PEAK_RSS = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from tracker.app.database import Database
from tracker.app.imports import import_file
db = Database.open(sys.argv[1])
import_file(db, Path(sys.argv[2]), by="bench", now=datetime.now(UTC))
with open("/proc/self/status") as status:
    print(next((l.split()[1] for l in status if l.startswith("VmHWM:")), ""))
"""


def peak_rss_mb(bench: Bench) -> float | None:
    """The peak resident memory of a process importing the file (Linux: VmHWM), in MB."""
    if not Path("/proc/self/status").exists():
        return None
    url = f"sqlite:///{bench.fresh_db('rss')}"
    command = [sys.executable, "-c", PEAK_RSS, url, str(bench.csv)]
    kilobytes = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return int(kilobytes) / 1024 if kilobytes.strip() else None


def timed_command(command: list[str]) -> float:
    """CPU seconds (user + system) a command takes to run to its end (it must succeed),
    colours off: on a shared machine its time on the clock counts the others' work too."""
    from benchmarks.harness import run_child

    return run_child(command, env={**os.environ, "NO_COLOR": "1"}).cpu


CONTENDERS: dict[str, Callable[[Bench], float]] = {
    "ours_library": ours_library,
    "ours_cli": ours_cli,
    "sqlite_utils": sqlite_utils,
    "bare": bare,
}


def run(rows: int = 100_000, runs: int = 3) -> dict[str, float]:
    """Seconds of each contender (medians) and the two ratios the issue budgets.

    Each contender runs once to warm up; then the runs take turns (ours, sqlite-utils, ...,
    ours, sqlite-utils, ...), so a burst of load on a shared machine falls on all of them.
    """
    from benchmarks.harness import compiled

    compiled()
    bench = Bench(rows)
    try:
        for measure in CONTENDERS.values():
            measure(bench)
        times: dict[str, list[float]] = {name: [] for name in CONTENDERS}
        for _ in range(runs):
            for name, measure in CONTENDERS.items():
                times[name].append(measure(bench))
        memory = peak_rss_mb(bench)
    finally:
        bench.close()
    seconds = {name: statistics.median(values) for name, values in times.items()}
    return {
        **seconds,
        "tracker": seconds["ours_cli"],
        "tracker_library": seconds["ours_library"],
        "rows": rows,
        "peak_rss_mb": memory if memory is not None else float("nan"),
        "ours_cli_vs_sqlite_utils": seconds["ours_cli"] / seconds["sqlite_utils"],
        "ours_library_vs_bare": seconds["ours_library"] / seconds["bare"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    result = run(args.rows, args.runs)
    print(f"Import of {result['rows']:,} CSV rows into SQLite (median of {args.runs} runs):")
    for name in ("ours_cli", "sqlite_utils", "ours_library", "bare"):
        print(f"  {name:<14} {result[name]:7.3f} s")
    cli, library = result["ours_cli_vs_sqlite_utils"], result["ours_library_vs_bare"]
    print(f"  tracker import / sqlite-utils insert --csv: {cli:.2f}× (budget ≤ 1)")
    print(f"  import_file() / bare executemany:          {library:.2f}× (budget ≤ 3)")
    print(f"  peak memory of an importing process:       {result['peak_rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()

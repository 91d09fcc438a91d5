"""A province: 150 places × 40 monthly indicators × 5 years of monthly figures (about
360,000 figures and one in ten revised), on SQLite and on PostgreSQL side by side
(``benchmarks.province_data``), and what a provincial bureau asks of it.

On SQLite every case runs in this process and is timed in CPU time (``time.process_time``):
on a shared machine the time others take does not count against either side. On PostgreSQL
the server works in a process of its own, so its cases are timed on the clock. Every case
runs in turns with its reference (``medians_in_turns``), so that a busy moment falls on both.

- ``province_status_*``: the status of every goal of every place for 2020 in one read (what
  ``tracker status --all-places`` computes: ``all_goal_statuses``), against a bare scan of the
  same rows (every revision of 2019–2020, every place) with the driver alone (sqlite3,
  psycopg). ``province_status_loop_*``: ``goal_statuses(place=P)`` for each place in turn.
- ``province_peer_*``: the same verdicts by others from the same rows
  (``benchmarks.peers``): a plain loop over the driver's tuples, and polars; each is checked
  to decide every goal as the project does before it is timed. ``province_status_vs_polars_*``:
  the project against polars.
- ``province_report_*``: the home place's HTML report (``render_report``) in the province
  against the same report in a database that holds the home place alone: ranks and league
  tables among 150 places against none. ``province_report_large_*``: the same report in a
  province of ``province_large`` places against the province of 150.
- ``province_import*``: ``tracker import`` of the province's monthly district table (a row per
  district, a column per indicator) against ``sqlite-utils insert --csv`` of the same file
  (and that plus ``python -c "import sqlmodel"``, the start-up any command of ours pays),
  with 150 and with ``province_large`` districts; CPU time of each process.
- ``province_growth_*``: the status of every place in a province of twice as many places,
  against the province as it is, in turns.
- ``province_writers``: 8 writer processes (``benchmarks.writer``), one bureau each,
  recording into a place each on PostgreSQL while the home place's report is rendered again
  and again; afterwards every revision each was told was stored is checked: none lost,
  none duplicated, none failed.
"""

import json
import os
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks import peers, province_data
from benchmarks.harness import (
    NOT_AVAILABLE,
    Budget,
    Result,
    compiled,
    cpu_time,
    medians_in_turns,
    run_child,
    timed_in_turns,
    unavailable,
    wall_time,
)
from benchmarks.province_data import Province
from benchmarks.sizes import Sizes
from tracker.app.database import Database
from tracker.domain.status import GoalStatus

ROOT = Path(__file__).resolve().parent.parent  # where `python -m benchmarks.writer` is found
BACKENDS = ("sqlite", "postgresql")
POSTGRES_ENVS = ("TRACKER_BENCH_POSTGRES_URL", "TRACKER_TEST_POSTGRES_URL")
KEYS = (
    "province_status_sqlite",
    "province_status_postgresql",
    "province_status_rss",
    "province_status_loop_sqlite",
    "province_status_loop_postgresql",
    "province_peer_loop_sqlite",
    "province_peer_loop_postgresql",
    "province_peer_polars_sqlite",
    "province_peer_polars_postgresql",
    "province_status_vs_polars_sqlite",
    "province_status_vs_polars_postgresql",
    "province_report_sqlite",
    "province_report_postgresql",
    "province_report_large_sqlite",
    "province_report_large_postgresql",
    "province_growth_sqlite",
    "province_growth_postgresql",
    "province_writers",
    "province_import",
    "province_import_districts",
    "province_import_districts_large",
)
SCAN = (
    "SELECT place, indicator_id, period, revision, value, amount, preliminary, note, source "
    "FROM entry WHERE period_end BETWEEN {0} AND {0}"
)
SCAN_YEARS = (date(2019, 1, 1), date(2020, 12, 31))


def postgres_url() -> str | None:
    """The PostgreSQL database the run may make a schema in: TRACKER_BENCH_POSTGRES_URL, else
    the tests' TRACKER_TEST_POSTGRES_URL; None when neither is set."""
    return next((os.environ[name] for name in POSTGRES_ENVS if os.environ.get(name)), None)


def timer(backend: str) -> Callable[[Callable[[], object]], float]:
    """CPU time of this process on SQLite (the database works in it), the clock on PostgreSQL
    (its server works in a process of its own)."""
    return cpu_time if backend == "sqlite" else wall_time


def every_place_statuses(province: Province) -> list[GoalStatus]:
    """The status of every goal of every place of the province's year as of its date, in one
    read, as ``tracker status --all-places`` computes it (``all_goal_statuses``)."""
    from tracker.app.status import all_goal_statuses

    by_place = all_goal_statuses(
        Database(province.engine),
        as_of=province.as_of,
        year=province.year,
        places=province.configured_places(),
    )
    return [status for statuses in by_place.values() for status in statuses]


def each_place_statuses(province: Province) -> int:
    """``goal_statuses`` of each place in turn; how many statuses."""
    from tracker.app.status import goal_statuses

    places = province.configured_places()
    db = Database(province.engine)
    return sum(
        len(goal_statuses(db, as_of=province.as_of, year=province.year, place=p, places=places))
        for p in province.stored_places()
    )


def connect(province: Province) -> Any:
    """A connection of the driver alone (sqlite3, psycopg), closed with the province."""
    if province.backend == "sqlite":
        import sqlite3

        connection: Any = sqlite3.connect(province.url.removeprefix("sqlite:///"))
    else:
        import psycopg

        connection = psycopg.connect(province_data.libpq_url(province.url), autocommit=True)
    province.extra.setdefault("connections", []).append(connection)
    return connection


def bare_scan(province: Province) -> Callable[[], int]:
    """The reference: every revision of 2019–2020 of every place into tuples, with the
    driver alone (a connection opened once, outside the timing)."""
    connection = connect(province)
    if province.backend == "sqlite":
        query = SCAN.format("?")
        years: tuple[Any, ...] = tuple(str(d) for d in SCAN_YEARS)
    else:
        query = SCAN.format("%s")
        years = SCAN_YEARS
    return lambda: len(connection.execute(query, years).fetchall())


def run(
    workdir: Path, sizes: Sizes, *, databases: bool = True, imports: bool = True
) -> list[Result]:
    """Every province case, in KEYS order (``databases``: those on the province's databases;
    ``imports``: the district table's); a backend that cannot run says why."""
    found: dict[str, Result] = {}
    if databases:
        found.update(_databases(workdir, sizes))
    if imports:
        found.update(_imports(workdir, sizes))
    return [found[key] for key in KEYS if key in found]


def _databases(workdir: Path, sizes: Sizes) -> dict[str, Result]:
    places, indicators, years = sizes.province
    found: dict[str, Result] = {}
    url = postgres_url()
    for backend in BACKENDS:
        if backend == "postgresql" and url is None:
            why = f"{NOT_AVAILABLE} (no PostgreSQL: set {' or '.join(POSTGRES_ENVS)})"
            for key in KEYS:
                if key.endswith("_postgresql") or key == "province_writers":
                    found[key] = unavailable(key, _name(key, sizes), why, _budget(key), _unit(key))
            continue
        folder = workdir / f"province-{backend}"
        province = province_data.build(
            folder,
            backend=backend,
            postgres_url=url,
            places=places,
            indicators=indicators,
            years=years,
        )
        try:
            found.update(_statuses(province, sizes))
            if backend == "sqlite":
                found["province_status_rss"] = _memory(province, sizes)
            found.update(_report(province, workdir, sizes, url))
            found.update(_growth(province, workdir, sizes, url))
            if backend == "postgresql":
                found["province_writers"] = _writers(province, sizes)
        finally:
            _close(province)
    return found


def _close(province: Province) -> None:
    for connection in province.extra.get("connections", []):
        connection.close()
    province.close()


def _name(key: str, sizes: Sizes) -> str:
    places, indicators, years = sizes.province
    backend = "PostgreSQL" if key.endswith("postgresql") else "SQLite"
    clock = "wall" if key.endswith("postgresql") else "CPU"
    size = f"{places} places × {indicators} indicators × {years} years"
    if key == "province_status_rss":
        return f"peak RSS of the status of every goal of {size} vs bare scan (SQLite)"
    names = {
        "province_status_loop": f"status of every goal of {size}, place by place vs bare scan",
        "province_status_vs_polars": f"status of every goal of {size}: ours vs polars",
        "province_status": f"status of every goal of {size}, one read vs bare scan",
        "province_peer_loop": "the same verdicts by a plain loop over tuples vs bare scan",
        "province_peer_polars": "the same verdicts by polars vs bare scan",
        "province_report_large": (
            f"one place's HTML report among {sizes.province_large:,} places vs among {places}"
        ),
        "province_report": f"one place's HTML report among {places} places vs the place alone",
        "province_growth": f"status of every goal of {2 * places} places vs {places} places",
    }
    for prefix, name in names.items():
        if key.startswith(prefix):
            return f"{backend} ({clock}): {name}"
    table = f"({{}} districts × {indicators} indicators)"
    if key == "province_import":
        return f"import the district table {table.format(places)} vs sqlite-utils insert --csv"
    if key.startswith("province_import_districts"):
        many = sizes.province_large if key.endswith("_large") else places
        return (
            f"import the district table {table.format(f'{many:,}')} vs sqlite-utils insert "
            "--csv + python -c 'import sqlmodel' (CPU)"
        )
    return (
        f"PostgreSQL: {sizes.writers} writer processes × {sizes.writer_seconds:g} s, one place "
        "each, reports running: failed, lost or duplicated revisions"
    )


BUDGETS = {
    "province_status_sqlite": Budget(2.5),
    "province_status_postgresql": Budget(3.0),
    "province_status_rss": Budget(1.2),
    "province_status_loop": Budget(3.0),
    "province_status_vs_polars": Budget(1.0, strict=True),  # faster than polars
    "province_report_large": Budget(1.3),
    "province_report": Budget(2.0),
    "province_growth": Budget(2.2),
    "province_import_districts": Budget(1.5),
    "province_import": Budget(1.0),
    "province_writers": Budget(0, on="ours"),
}


def _budget(key: str) -> Budget | None:
    return next((b for prefix, b in BUDGETS.items() if key.startswith(prefix)), None)


def _unit(key: str) -> str:
    return "problems" if key == "province_writers" else "s"


def _statuses(province: Province, sizes: Sizes) -> dict[str, Result]:
    """The status of every goal in one read and place by place, the peers' verdicts, and the
    bare scan, in turns; the peers' verdicts checked against ours first."""
    scan = bare_scan(province)
    statuses = every_place_statuses(province)
    expected = province.places * province.indicators
    if len(statuses) != expected:
        raise RuntimeError(f"{len(statuses)} statuses, not {expected}: a place's goals are missing")
    ours = {(s.goal.place, s.goal.indicator.key): s.status.value for s in statuses}
    connection = connect(province)
    asked = {"year": province.year, "as_of": province.as_of}
    names = [name for name in peers.REFERENCES if peers.available(name)]
    for name in names:
        peers.check(name, peers.REFERENCES[name](connection, **asked), ours)
    timed = timer(province.backend)
    actions = [
        lambda: every_place_statuses(province),
        lambda: each_place_statuses(province),
        scan,
        *(_peer(peers.REFERENCES[name], connection, asked) for name in names),
    ]
    found = timed_in_turns(timed, *actions, runs=sizes.province_runs, warmups=1)
    one_read, loop, bare, *theirs = found
    measured = dict(zip(names, theirs, strict=True))
    province.extra["status_seconds"] = one_read
    details = {"figures": province.figures, "rows": province.rows, "scanned": scan()}
    note = (
        "the scan: every revision of the 2019–2020 figures of every place (the years the status "
        "reads) into tuples, with the driver alone"
    )
    backend = province.backend
    results = {
        f"province_status_{backend}": (one_read, bare, note),
        f"province_status_loop_{backend}": (
            loop,
            bare,
            f"{province.places} calls of goal_statuses(place=P), one read each",
        ),
        f"province_peer_loop_{backend}": (
            measured["tuple loop"],
            bare,
            f"verdicts equal ours for {len(ours):,} of {len(ours):,} goals",
        ),
    }
    if "polars" in measured:
        results[f"province_peer_polars_{backend}"] = (
            measured["polars"],
            bare,
            f"polars; verdicts equal ours for {len(ours):,} of {len(ours):,} goals",
        )
        results[f"province_status_vs_polars_{backend}"] = (
            one_read,
            measured["polars"],
            "the one read against polars from the same rows: the budget asks ours be faster",
        )
    made = {
        key: Result(key, _name(key, sizes), a, b, budget=_budget(key), note=n, details=details)
        for key, (a, b, n) in results.items()
    }
    for key in (f"province_peer_polars_{backend}", f"province_status_vs_polars_{backend}"):
        if key not in made:
            why = f"{NOT_AVAILABLE} (polars is not installed: pip install -e '.[bench]')"
            made[key] = unavailable(key, _name(key, sizes), why, _budget(key))
    return made


def _memory(province: Province, sizes: Sizes) -> Result:
    """The peak memory of the status of every goal (``tracker status --all-places``) in a fresh
    process, against that of the bare scan of the same rows in another (``benchmarks.child``,
    as the country's case measures it)."""
    child = [sys.executable, "-m", "benchmarks.child"]
    as_of = province.as_of.isoformat()

    def peak(argv: list[str]) -> float:
        return float(run_child(argv, cwd=ROOT).stdout.split()[-1])

    ours = peak([*child, "every-place", province.url, str(province.config), as_of])
    scan = peak([*child, "every-place-scan", province.url, as_of])
    key = "province_status_rss"
    note = "VmHWM of each child process (imports, config, engine, the statuses)"
    return Result(key, _name(key, sizes), ours, scan, unit="MB", budget=_budget(key), note=note)


def _peer(
    reference: Callable[..., peers.Verdicts], connection: Any, asked: dict[str, Any]
) -> Callable[[], object]:
    return lambda: reference(connection, **asked)


def _report_action(province: Province, place: str) -> Callable[[], object]:
    """The HTML report of ``place`` (a configured key) among the province's places."""
    from tracker.app.reports import render_report

    places = province.configured_places()
    db = Database(province.engine)
    return lambda: (
        render_report(db, as_of=province.as_of, year=province.year, places=places, place=place).html
    )  # the bundle renders a format when it is asked for


def _report(province: Province, workdir: Path, sizes: Sizes, url: str | None) -> dict[str, Result]:
    alone = province_data.build(
        workdir / f"alone-{province.backend}",
        backend=province.backend,
        postgres_url=url,
        places=1,
        indicators=province.indicators,
        years=province.years,
    )
    timed = timer(province.backend)
    home = province_data.place_key(0)
    try:
        among, by_itself = timed_in_turns(
            timed,
            _report_action(province, home),
            _report_action(alone, home),
            runs=sizes.province_runs,
            warmups=1,
        )
    finally:
        alone.close()
    key = f"province_report_{province.backend}"
    note = "render_report(places, place=home): its ranks and league tables among the peers"
    return {key: Result(key, _name(key, sizes), among, by_itself, budget=_budget(key), note=note)}


def _growth(province: Province, workdir: Path, sizes: Sizes, url: str | None) -> dict[str, Result]:
    """A second province of twice the places (a copy grown on SQLite, built on PostgreSQL):
    the status of every place in each, in turns; then grown to ``province_large`` places, the
    home place's report in each, in turns."""
    timed = timer(province.backend)
    bigger = province_data.twin(province, workdir / f"bigger-{province.backend}", url)
    try:
        province_data.extend(bigger, places=2 * province.places)
        after, before = timed_in_turns(
            timed,
            lambda: every_place_statuses(bigger),
            lambda: every_place_statuses(province),
            runs=sizes.province_runs,
            warmups=1,
        )
        rows = bigger.rows
        province_data.extend(bigger, places=sizes.province_large)
        home = province_data.place_key(0)
        large, small = timed_in_turns(
            timed,
            _report_action(bigger, home),
            _report_action(province, home),
            runs=sizes.province_runs,
            warmups=1,
        )
        large_rows = bigger.rows
    finally:
        bigger.close()
    key = f"province_growth_{province.backend}"
    large_key = f"province_report_large_{province.backend}"
    return {
        key: Result(
            key,
            _name(key, sizes),
            after,
            before,
            budget=_budget(key),
            note=f"one read of every place's statuses; rows {province.rows:,} → {rows:,}",
        ),
        large_key: Result(
            large_key,
            _name(large_key, sizes),
            large,
            small,
            budget=_budget(large_key),
            note=f"rows {province.rows:,} → {large_rows:,}; the same report, the same place",
        ),
    }


# A value each kind of indicator (``benchmarks.data.KINDS``) takes without a typo guard.
_VALUES = {"growth": "5.5", "count": "2000", "level": "50", "rank": "20"}


def district_table(path: Path, *, places: int, indicators: int) -> None:
    """The province's monthly table as a bureau sends it: one row per district (by name), one
    column per indicator (by name), the period given on the command line."""
    from benchmarks.data import KINDS

    header = ["地区", *(f"指标{n}" for n in range(indicators))]
    values = [_VALUES[KINDS[n % len(KINDS)][0]] for n in range(indicators)]
    rows = [",".join(header)]
    rows += [",".join([f"县区{p}", *values]) for p in range(places)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def _imports(workdir: Path, sizes: Sizes) -> dict[str, Result]:
    """`tracker import` of the district table (a cold process, into a database holding the
    province's config and goals, no figures) against `sqlite-utils insert --csv` of the same
    file into an empty database, and against that plus `python -c "import sqlmodel"`: CPU
    time of each process (its own, from wait4), in turns; with 150 and with
    ``province_large`` districts."""
    compiled()
    small = _import_times(workdir / "import", sizes, sizes.province[0])
    large = _import_times(workdir / "import-large", sizes, sizes.province_large)
    results = {}
    for key, (ours, tool, floor) in (
        ("province_import", (small[0], small[1], 0.0)),
        ("province_import_districts", small),
        ("province_import_districts_large", large),
    ):
        note = (
            "`tracker import` of the district table (rows of districts by name, a column per "
            "indicator by name), a cold process, CPU time; reference: sqlite-utils inserting "
            "the same rows"
        ) + (", plus python -c 'import sqlmodel'" if floor else "")
        results[key] = Result(
            key,
            _name(key, sizes),
            ours,
            tool + floor,
            budget=_budget(key),
            note=note,
            details={"tracker": ours, "sqlite_utils": tool, "import_sqlmodel": floor},
        )
    return results


def _import_times(folder: Path, sizes: Sizes, places: int) -> tuple[float, float, float]:
    """CPU seconds of (tracker import, sqlite-utils insert, python -c 'import sqlmodel')."""
    import shutil

    built = province_data.build(
        folder,
        backend="sqlite",
        postgres_url=None,
        places=places,
        indicators=sizes.province[1],
        years=0,
    )
    built.close()
    template = folder / "province.db"
    table = folder / "districts.csv"
    district_table(table, places=places, indicators=sizes.province[1])
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "NO_COLOR": "1"}

    def fresh(name: str, initialised: bool) -> Path:
        path = folder / f"{name}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        if initialised:
            shutil.copyfile(template, path)
        return path

    def ours(_: int) -> float:
        db = fresh("ours", True)
        command = [str(bin_dir / "tracker"), "--db", f"sqlite:///{db}", "--config"]
        argv = [*command, str(built.config), "import", str(table), "--period", "2020-06"]
        return run_child(argv, env=env).cpu

    def reference(_: int) -> float:
        db = fresh("reference", False)
        tool = shutil.which("sqlite-utils", path=str(bin_dir)) or "sqlite-utils"
        return run_child([tool, "insert", str(db), "districts", str(table), "--csv"], env=env).cpu

    def floor(_: int) -> float:
        return run_child([sys.executable, "-c", "import sqlmodel"], env=env).cpu

    found = medians_in_turns(
        ours, reference, floor, runs=sizes.province_runs, warmups=0 if sizes.quick else 1
    )
    return found[0], found[1], found[2]


def _writers(province: Province, sizes: Sizes) -> Result:
    """Writer processes into places 1..N while the home place's report is rendered in this
    process; then every revision each writer was told was stored is looked for."""
    from tracker.app.reports import render_report

    key = "province_writers"
    places = [province_data.stored_key(n % (province.places - 1) + 1) for n in range(sizes.writers)]
    if len(set(places)) < len(places):
        raise RuntimeError(f"{sizes.writers} writers need as many places besides home")
    children = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "benchmarks.writer",
                province.url,
                place,
                str(sizes.writer_seconds),
                f"bureau-{place}",
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for place in places
    ]
    reports = report_failures = 0
    start = time.monotonic()
    while any(child.poll() is None for child in children):
        try:
            render_report(Database(province.engine), as_of=province.as_of, year=province.year)
            reports += 1
        except Exception:
            report_failures += 1
        if time.monotonic() - start > sizes.writer_seconds * 5 + 60:
            break
    outputs = [child.communicate(timeout=120) for child in children]
    told: list[dict[str, Any]] = []
    crashed = 0
    for child, (out, err) in zip(children, outputs, strict=True):
        if child.returncode != 0:
            crashed += 1
            print(err.decode()[-2000:], file=sys.stderr)
            continue
        told.append(json.loads(out))
    failed = sum(int(t["failed"]) for t in told) + report_failures + crashed
    lost, duplicated, recorded = _check_revisions(province, told)
    problems = failed + lost + duplicated
    failures = [f for t in told for f in t["failures"]]
    return Result(
        key,
        _name(key, sizes),
        float(problems),
        unit="problems",
        budget=_budget(key),
        note=(
            f"{recorded:,} revisions recorded by {sizes.writers} processes "
            f"({recorded / sizes.writer_seconds:.0f}/s), {reports} reports meanwhile; "
            f"failed {failed}, lost {lost}, duplicated {duplicated}"
            + (f"; first failure: {failures[0]}" if failures else "")
        ),
        details={
            "recorded": recorded,
            "reports": reports,
            "failed": failed,
            "lost": lost,
            "duplicated": duplicated,
        },
    )


def _check_revisions(province: Province, told: list[dict[str, Any]]) -> tuple[int, int, int]:
    """(lost, duplicated, recorded): revisions a writer was told were stored and are not, or
    not with its value; stored revisions of the written period no writer was told of, and
    revision numbers stored twice; revisions recorded in all."""
    from decimal import Decimal

    from sqlmodel import col, select

    from benchmarks.writer import WRITTEN_PERIOD
    from tracker.store.db import read_session
    from tracker.store.tables import FigureRow, IndicatorRow

    with read_session(province.engine) as session:
        query = (
            select(
                col(FigureRow.place),
                col(IndicatorRow.key),
                col(FigureRow.revision),
                col(FigureRow.value),
            )
            .join(IndicatorRow, col(IndicatorRow.id) == col(FigureRow.indicator_id))
            .where(col(FigureRow.period) == WRITTEN_PERIOD)
        )
        stored = [(p, k, r, Decimal(v)) for p, k, r, v in session.exec(query).all()]
    counts = Counter((p, k, r) for p, k, r, _ in stored)
    duplicated = sum(n - 1 for n in counts.values() if n > 1)
    values: dict[tuple[str, str, int], set[Decimal]] = defaultdict(set)
    for p, k, r, v in stored:
        values[(p, k, r)].add(v)
    lost = recorded = 0
    claimed = set()
    for writer in told:
        for indicator, revisions in writer["written"].items():
            for revision, value in revisions:
                recorded += 1
                where = (writer["place"], indicator, revision)
                if where in claimed:  # two records told they made the same revision
                    duplicated += 1
                claimed.add(where)
                if Decimal(value) not in values.get(where, set()):
                    lost += 1
    duplicated += sum(1 for where in counts if where not in claimed)
    return lost, duplicated, recorded

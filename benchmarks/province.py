"""A province: 150 places × 40 monthly indicators × 5 years of monthly figures (about
360,000 figures and one in ten revised), on SQLite and on PostgreSQL side by side
(``benchmarks.province_data``), and what a provincial bureau asks of it:

- ``province_status_*``: the status of every goal of every place for 2020, against a bare
  scan of the same rows (every revision of 2019–2020, every place) with the driver alone
  (sqlite3, psycopg). Two ways: ``province_status_*`` reads every place's goals and figures
  once (``store.goals.goals(place=None)`` and ``store.figures.current_figures_by_place``)
  and evaluates each goal (``every_place_statuses`` below: what ``status --all-places``
  needs); ``province_status_loop_*`` calls ``goal_statuses(place=P)`` for each place in turn.
- ``province_report_*``: the home place's HTML report (``render_report``) in the province
  against the same report in a database that holds the home place alone: ranks and league
  tables among 150 places against none.
- ``province_import``: ``tracker import`` of the province's monthly district table (a row per
  district, a column per indicator) against ``sqlite-utils insert --csv`` of the same file.
- ``province_growth_*``: the status of every place once the province has grown to twice as
  many places, against the same with the places it had.
- ``province_writers``: 8 writer processes (``benchmarks.writer``), one bureau each,
  recording into a place each on PostgreSQL while the home place's report is rendered again
  and again; afterwards every revision each was told was stored is checked: none lost,
  none duplicated, none failed.
"""

import gc
import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from benchmarks import province_data
from benchmarks.harness import (
    NOT_AVAILABLE,
    Budget,
    Result,
    medians_in_turns,
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
    "province_status_loop_sqlite",
    "province_status_loop_postgresql",
    "province_report_sqlite",
    "province_report_postgresql",
    "province_import",
    "province_growth_sqlite",
    "province_growth_postgresql",
    "province_writers",
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


def every_place_statuses(engine: Engine, *, as_of: date, year: int) -> list[GoalStatus]:
    """The status of every goal of every place of ``year`` as of ``as_of``: every place's
    goals and current figures (``year`` and the one before) read once, each goal evaluated
    against its own place's figures; the cycle collector paused as ``goal_statuses`` does."""
    from tracker.domain.status import evaluate_in
    from tracker.store import figures as figure_store
    from tracker.store import goals as goal_store
    from tracker.store.db import read_session

    collecting = gc.isenabled()
    gc.disable()
    try:
        with read_session(engine) as session:
            goals = goal_store.goals(session=session, year=year, place=None)
            figures = figure_store.current_figures_by_place(session=session, years=(year - 1, year))
        return [evaluate_in(goal, figures.get(goal.place, {}), as_of) for goal in goals]
    finally:
        if collecting:
            gc.enable()


def each_place_statuses(province: Province) -> int:
    """``goal_statuses`` of each place in turn; how many statuses."""
    from tracker.app.status import goal_statuses

    return sum(
        len(
            goal_statuses(
                Database(province.engine), as_of=province.as_of, year=province.year, place=p
            )
        )
        for p in province.stored_places()
    )


def bare_scan(province: Province) -> Callable[[], int]:
    """The reference: every revision of 2019–2020 of every place into tuples, with the
    driver alone (a connection opened once, outside the timing)."""
    if province.backend == "sqlite":
        import sqlite3

        connection: Any = sqlite3.connect(province.url.removeprefix("sqlite:///"))
        query = SCAN.format("?")
        years: tuple[Any, ...] = tuple(str(d) for d in SCAN_YEARS)
    else:
        import psycopg

        connection = psycopg.connect(province_data.libpq_url(province.url), autocommit=True)
        query = SCAN.format("%s")
        years = SCAN_YEARS
    province.extra.setdefault("connections", []).append(connection)
    return lambda: len(connection.execute(query, years).fetchall())


def run(workdir: Path, sizes: Sizes) -> list[Result]:
    """Every province case, in KEYS order; a backend that cannot run says why."""
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
            found.update(_report(province, workdir, sizes, url))
            if backend == "postgresql":
                found["province_writers"] = _writers(province, sizes)
            found.update(_growth(province, sizes))
        finally:
            _close(province)
    found["province_import"] = _import(workdir, sizes)
    return [found[key] for key in KEYS]


def _close(province: Province) -> None:
    for connection in province.extra.get("connections", []):
        connection.close()
    province.close()


def _name(key: str, sizes: Sizes) -> str:
    places, indicators, years = sizes.province
    backend = "PostgreSQL" if key.endswith("postgresql") else "SQLite"
    size = f"{places} places × {indicators} indicators × {years} years"
    if key.startswith("province_status_loop"):
        return (
            f"{backend}: status of every goal of {size}, goal_statuses place by place vs bare scan"
        )
    if key.startswith("province_status"):
        return f"{backend}: status of every goal of {size}, one read vs bare scan"
    if key.startswith("province_report"):
        return f"{backend}: one place's HTML report among {places} places vs the place alone"
    if key.startswith("province_growth"):
        return f"{backend}: status of every goal of {2 * places} places vs {places} places"
    if key == "province_import":
        return (
            f"import the province's monthly table ({sizes.province[0]} districts × "
            f"{sizes.province[1]} indicators) vs sqlite-utils insert --csv"
        )
    return (
        f"PostgreSQL: {sizes.writers} writer processes × {sizes.writer_seconds:g} s, one place "
        "each, reports running: failed, lost or duplicated revisions"
    )


def _budget(key: str) -> Budget:
    if key.startswith("province_status"):
        return Budget(3.0)
    if key.startswith("province_report"):
        return Budget(2.0)
    if key.startswith("province_growth"):
        return Budget(2.2)
    if key == "province_import":
        return Budget(1.0)
    return Budget(0, on="ours")


def _unit(key: str) -> str:
    return "problems" if key == "province_writers" else "s"


def _statuses(province: Province, sizes: Sizes) -> dict[str, Result]:
    scan = bare_scan(province)
    statuses = len(every_place_statuses(province.engine, as_of=province.as_of, year=province.year))
    expected = province.places * province.indicators
    if statuses != expected:
        raise RuntimeError(f"{statuses} statuses, not {expected}: a place's goals are missing")
    one_read, loop, bare = medians_in_turns(
        lambda _: wall_time(
            lambda: every_place_statuses(province.engine, as_of=province.as_of, year=province.year)
        ),
        lambda _: wall_time(lambda: each_place_statuses(province)),
        lambda _: wall_time(scan),
        runs=sizes.province_runs,
        warmups=1,
    )
    province.extra["status_seconds"] = one_read
    details = {"figures": province.figures, "rows": province.rows, "scanned": scan()}
    note = (
        "the scan: every revision of the 2019–2020 figures of every place (the years the status "
        "reads) into tuples, with the driver alone"
    )
    status_key = f"province_status_{province.backend}"
    loop_key = f"province_status_loop_{province.backend}"
    return {
        status_key: Result(
            status_key,
            _name(status_key, sizes),
            one_read,
            bare,
            budget=_budget(status_key),
            note=note,
            details=details,
        ),
        loop_key: Result(
            loop_key,
            _name(loop_key, sizes),
            loop,
            bare,
            budget=_budget(loop_key),
            note=f"{province.places} calls of goal_statuses(place=P), one query each",
            details=details,
        ),
    }


def _report(province: Province, workdir: Path, sizes: Sizes, url: str | None) -> dict[str, Result]:
    from tracker.app.reports import render_report

    alone = province_data.build(
        workdir / f"alone-{province.backend}",
        backend=province.backend,
        postgres_url=url,
        places=1,
        indicators=province.indicators,
        years=province.years,
    )
    from tracker.configuration.load import load_config

    def report(engine: Engine, config: Path) -> Callable[[int], float]:
        places = load_config(config, env={}).places
        home = province_data.place_key(0)
        return lambda _: wall_time(
            lambda: (
                render_report(
                    Database(engine),
                    as_of=province.as_of,
                    year=province.year,
                    places=places,
                    place=home,
                ).html
            )  # the bundle renders a format when it is asked for
        )

    try:
        among, by_itself = medians_in_turns(
            report(province.engine, province.config),
            report(alone.engine, alone.config),
            runs=sizes.province_runs,
            warmups=1,
        )
    finally:
        alone.close()
    key = f"province_report_{province.backend}"
    note = "render_report(places, place=home): its ranks and league tables among the peers"
    return {
        key: Result(
            key, _name(key, sizes), among, by_itself, budget=_budget(key), note=f"wall time; {note}"
        )
    }


def _growth(province: Province, sizes: Sizes) -> dict[str, Result]:
    def timed() -> float:
        return statistics.median(
            wall_time(
                lambda: every_place_statuses(
                    province.engine, as_of=province.as_of, year=province.year
                )
            )
            for _ in range(sizes.province_runs)
        )

    before_places, before_rows = province.places, province.rows
    before = timed()  # again: the writers may have added figures since the status case
    province_data.extend(province, places=2 * before_places)
    every_place_statuses(province.engine, as_of=province.as_of, year=province.year)  # warm-up
    after = timed()
    key = f"province_growth_{province.backend}"
    return {
        key: Result(
            key,
            _name(key, sizes),
            after,
            before,
            budget=_budget(key),
            note=f"one read of every place's statuses; rows {before_rows:,} → {province.rows:,}",
        )
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


def _import(workdir: Path, sizes: Sizes) -> Result:
    """`tracker import` of the district table (a cold process, into a database holding the
    province's config and goals, no figures) against `sqlite-utils insert --csv` of the same
    file into an empty database."""
    import shutil
    from datetime import UTC, datetime

    from benchmarks.import_csv import timed_command
    from tracker.app.goals import load_definitions_into
    from tracker.configuration.load import load_config
    from tracker.store.db import make_engine

    key = "province_import"
    places, indicators = sizes.province[0], sizes.province[1]
    folder = workdir / "import"
    config = province_data.write_config(folder / "config", places=places, indicators=indicators)
    table = folder / "districts.csv"
    district_table(table, places=places, indicators=indicators)
    template = folder / "template.db"
    engine = make_engine(f"sqlite:///{template}")
    load_definitions_into(
        Database(engine), load_config(config).definitions, by="bench", now=datetime.now(UTC)
    )
    engine.dispose()
    bin_dir = Path(sys.executable).parent

    def fresh(name: str, initialised: bool) -> Path:
        path = folder / f"{name}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        if initialised:
            shutil.copyfile(template, path)
        return path

    def ours(_: int) -> float:
        db = fresh("ours", True)
        command = [str(bin_dir / "tracker"), "--db", f"sqlite:///{db}", "--config", str(config)]
        return timed_command([*command, "import", str(table), "--period", "2020-06"])

    def reference(_: int) -> float:
        db = fresh("reference", False)
        tool = shutil.which("sqlite-utils", path=str(bin_dir)) or "sqlite-utils"
        return timed_command([tool, "insert", str(db), "districts", str(table), "--csv"])

    ours_time, reference_time = medians_in_turns(
        ours, reference, runs=sizes.province_runs, warmups=0 if sizes.quick else 1
    )
    return Result(
        key,
        _name(key, sizes),
        ours_time,
        reference_time,
        budget=_budget(key),
        note=f"`tracker import` of the district table ({places} rows × {indicators} indicator "
        "columns, places and indicators by name), a cold process, against sqlite-utils "
        "inserting the same rows",
    )


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

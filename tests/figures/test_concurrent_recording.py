"""Many processes revising the same figures at once, with a reader running throughout."""

import json
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tracker.app.database import Database
from tracker.app.figures import FigureInput, record_figure
from tracker.domain.numbers import plain
from tracker.store import figures as figure_store
from tracker.store import indicators as indicator_store
from tracker.store.db import read_session

WORKER = Path(__file__).with_name("concurrent_worker.py")
TRACKER = Path(sys.executable).with_name("tracker")
FIGURES = [("industry", "2020-05", "3"), ("industry", "2020-06", "5"), ("fai", "2020-06", "8")]
ROUNDS = 2
LIMIT = 300  # seconds: a hung process fails the test instead of hanging the suite


def _new(worker: int) -> str:
    """A figure only this writer records: retail, 2020-02 (Jan–Feb) onwards."""
    return f"new:retail:2020-{worker + 2:02d}:-{worker}.5"


def _wait_for(paths: list[Path], processes: list[subprocess.Popen[str]]) -> None:
    while not all(p.exists() for p in paths):
        failed = [p for p in processes if p.poll() not in (None, 0)]
        assert not failed, failed[0].communicate()
        time.sleep(0.01)


@pytest.mark.slow
def test_concurrent_revisions_are_all_kept_in_order(
    loaded: Engine, database_url: str, tmp_path: Path
) -> None:
    writers = 8 if loaded.dialect.name == "postgresql" else 4
    for key, period, base in FIGURES:
        record_figure(
            Database(loaded), FigureInput(key, period, base), by="seed", now=datetime.now(UTC)
        )
    specs = [":".join(f) for f in FIGURES]
    python = [sys.executable, str(WORKER)]
    writing = [
        subprocess.Popen(
            [*python, "write", database_url, str(tmp_path), str(n), str(ROUNDS), _new(n), *specs],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(writers)
    ]
    _wait_for([tmp_path / f"ready.{n}" for n in range(writers)], writing)
    reader = subprocess.Popen(
        [*python, "read", database_url, str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    written = [(*p.communicate(timeout=LIMIT), p.returncode) for p in writing]
    (tmp_path / "stop").touch()
    reads, read_errors = reader.communicate(timeout=LIMIT)

    for _, err, code in written:
        assert (code, err) == (0, ""), err
    assert (reader.returncode, read_errors) == (0, ""), read_errors
    assert int(reads) >= 2
    lines = [line for out, _, _ in written for line in out.splitlines()]
    reported = Counter(tuple(line.split(" ", 3)) for line in lines)
    assert len(reported) == writers * (ROUNDS * len(FIGURES) + 1)
    assert set(reported.values()) == {1}

    latest = _check_stored(loaded, writers, reported)

    shown = subprocess.run(
        [str(TRACKER), "--db", database_url, "status", "--json", "--as-of", "2020-07-20"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (shown.returncode, shown.stderr) == (0, "")
    goals = {g["key"]: g for g in json.loads(shown.stdout)["goals"]}
    assert (goals["fai"]["period"], goals["fai"]["value"], goals["fai"]["revised"]) == (
        "2020-06",
        plain(latest["fai", "2020-06"]),
        True,
    )


def _check_stored(
    engine: Engine, writers: int, reported: Counter[tuple[str, ...]]
) -> dict[tuple[str, str], Decimal]:
    """Every revision the writers were told they stored is in the database, numbered in
    order, and each writer's new figure is there once; the latest value of each figure."""
    expected = {f"w{n} r{r}" for n in range(writers) for r in range(ROUNDS)}
    latest = {}
    with read_session(engine) as session:
        for key, period, _ in FIGURES:
            row = indicator_store.indicator_row(session=session, key=key)
            assert row is not None
            assert row.id is not None
            revisions = figure_store.revisions(session=session, indicator_id=row.id, period=period)
            numbers = [r.revision for r in revisions]
            assert numbers == list(range(1, len(expected) + 2)), (key, period)
            reasons = [r.reason for r in revisions[1:]]
            assert sorted(reasons) == sorted(expected), (key, period)
            # what each writer was told it stored is what the database holds
            stored = {(key, period, str(r.revision), r.reason) for r in revisions[1:]}
            assert stored == {k for k in reported if k[:2] == (key, period)}
            latest[key, period] = revisions[-1].value

        retail = indicator_store.indicator_row(session=session, key="retail")
        assert retail is not None
        assert retail.id is not None
        news = figure_store.revisions(session=session, indicator_id=retail.id)
    assert [
        (r.period, r.revision, r.value, r.recorded_by) for r in news if r.recorded_by != "test"
    ] == [(f"2020-{n + 2:02d}", 1, Decimal(f"-{n}.5"), f"w{n}") for n in range(writers)]
    return latest

"""Key projects at a district office's largest: 2,000 projects × 12 months of figures
(docs/projects.md), the status and the report within the goals' budgets.

- ``projects_status``: ``project_board`` as of 15 January (the year's December judged: every
  project, its totals per level, owner and place) against a bare sqlite3 scan of the same
  figures into tuples, CPU time of this process in turns; budget ≤ 3 × (the goals' status
  budget).
- ``projects_report``: the key projects' report alone (``render_report(projects=True)``),
  every format the archive and the email use, its CPU time; budget ≤ 1 s CPU (the goals'
  report budget).

The projects go in through ``load_projects`` as ``tracker init`` loads them; the figures with
SQLAlchemy Core's executemany, one in ten with a second revision.
"""

import random
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert

from benchmarks.harness import Budget, Result, cpu_time, medians_in_turns
from benchmarks.sizes import Sizes
from tracker.app.database import Database
from tracker.app.projects import load_projects, project_board
from tracker.app.reports import render_report
from tracker.domain.model import Owner
from tracker.domain.periods import Period
from tracker.domain.places import Places
from tracker.domain.projects import Milestone, Project
from tracker.store.db import make_engine
from tracker.store.project_tables import MilestoneDoneRow, ProjectFigureRow
from tracker.store.schema import ensure_schema

YEAR = 2020
AS_OF = date(YEAR + 1, 1, 15)  # the year's December judged
LOADED_AT = datetime(YEAR, 1, 5, tzinfo=UTC)
LEVELS = ("省重点", "市重点", "区重点")
BARE_SCAN = (
    "SELECT place, project, period, revision, value, progress, note, withdrawn "
    "FROM project_figure WHERE period_end BETWEEN ? AND ?"
)


@dataclass(frozen=True)
class Dataset:
    url: str
    engine: Engine
    projects: int
    months: int
    rows: int


def build(folder: Path, projects: int, months: int) -> Dataset:
    """``projects`` projects of YEAR with ``months`` monthly figures each (a SQLite file)."""
    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{folder / 'projects.db'}"
    engine = make_engine(url, create=True)
    ensure_schema(engine)
    rng = random.Random(projects)
    owners = [Owner(f"o{n}", f"责任单位{n}", f"Owner {n}") for n in range(40)]
    listed = [_project(n, rng, owners) for n in range(projects)]
    load_projects(Database(engine), listed, by="bench", now=LOADED_AT)
    rows: list[dict[str, Any]] = []
    met: list[dict[str, Any]] = []
    for n, p in enumerate(listed):
        pace = Decimal(rng.randint(60, 130)) / 100
        for month in range(1, months + 1):
            value = (p.plan * pace * month / 12).quantize(Decimal("0.01"))
            rows.append(_figure(p, month, value, 1))
            if (n * months + month) % 10 == 0:  # one figure in ten revised
                rows.append(_figure(p, month, value + Decimal("0.01"), 2))
        if p.start and p.start.year == YEAR and n % 5:
            met.append(_met(p, "start", p.start))
    with engine.begin() as connection:
        connection.execute(insert(ProjectFigureRow.__table__), rows)  # type: ignore[attr-defined]
        if met:
            connection.execute(insert(MilestoneDoneRow.__table__), met)  # type: ignore[attr-defined]
    return Dataset(url, engine, projects, months, len(rows))


def _project(n: int, rng: random.Random, owners: list[Owner]) -> Project:
    total = Decimal(rng.randint(100, 5000)) / 100
    plan = (total * Decimal(rng.randint(20, 60)) / 100).quantize(Decimal("0.01"))
    start = date(YEAR, rng.randint(1, 10), 28) if n % 3 else date(YEAR - 1, 6, 30)
    milestones = (Milestone("主体完工", date(YEAR, 11, 30)),) if n % 7 == 0 else ()
    return Project(
        key=f"p{n:05d}", name=f"重点项目{n:05d}", year=YEAR, level=LEVELS[n % 3 if n % 10 else 0],
        owner=owners[n % len(owners)], total=total, plan=plan, leader=f"领导{n % 12}",
        start=start, finish=date(YEAR + 2, 6, 30), milestones=milestones,
    )  # fmt: skip


def _figure(p: Project, month: int, value: Decimal, revision: int) -> dict[str, Any]:
    period = Period.month(YEAR, month)
    return {
        "place": p.place, "project": p.key, "period": str(period), "period_end": period.end,
        "revision": revision, "value": value, "progress": "主体施工" if month % 2 else None,
        "note": None, "source_file": None, "source_row": None,
        "reason": "更正" if revision > 1 else None, "recorded_by": "bench",
        "recorded_at": LOADED_AT, "withdrawn": False,
    }  # fmt: skip


def _met(p: Project, name: str, day: date) -> dict[str, Any]:
    return {
        "place": p.place, "project": p.key, "milestone": name, "revision": 1, "done": day,
        "note": None, "source_file": None, "source_row": None, "reason": None,
        "recorded_by": "bench", "recorded_at": LOADED_AT, "withdrawn": False,
    }  # fmt: skip


def run(workdir: Path, sizes: Sizes) -> list[Result]:
    projects, months = sizes.projects
    data = build(workdir / "projects", projects, months)
    db = Database(data.engine)
    size = f"{projects:,} projects × {months} months"
    path = data.url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:

        def ours(_: int) -> float:
            return cpu_time(lambda: project_board(db, as_of=AS_OF, places=Places()))

        def bare(_: int) -> float:
            scan = (f"{YEAR}-01-01", f"{YEAR}-12-31")
            return cpu_time(lambda: connection.execute(BARE_SCAN, scan).fetchall())

        status, scan = medians_in_turns(
            ours, bare, runs=sizes.projects_runs, warmups=0 if sizes.quick else 1
        )
    connection.close()

    def every_format(_: int) -> float:
        def made() -> None:
            bundle = render_report(db, as_of=AS_OF, projects=True)
            for text in (bundle.html, bundle.email_html, bundle.text, bundle.markdown, bundle.json):
                assert text

        return cpu_time(made)

    (report,) = medians_in_turns(
        every_format, runs=sizes.projects_runs, warmups=0 if sizes.quick else 1
    )
    data.engine.dispose()
    return [
        Result(
            "projects_status",
            f"status of {size} (in-process project_board) vs bare sqlite3 scan, CPU",
            status,
            scan,
            budget=Budget(3.0),
            note="the scan: every revision of the year's project figures into tuples",
            details={"rows": data.rows},
        ),
        Result(
            "projects_report",
            f"key projects' report of {size}, every format, CPU",
            report,
            unit="s CPU",
            budget=Budget(1.0, on="ours"),
        ),
    ]

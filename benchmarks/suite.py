"""Every case in one run: data generated in a temporary folder, the table printed, the same
results written as JSON."""

import json
import os
import platform
import sqlite3
import sys
import tempfile
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import (
    bulk,
    national,
    projects,
    province,
    report,
    scheduler,
    smtp,
    startup,
    status,
    tricks,
)
from benchmarks.harness import Budget, Result, result_from_record
from benchmarks.sizes import Sizes

RESULTS = Path(__file__).parent / "results" / "latest.json"
KEYS = (
    "record_vs_sqlmodel",
    "record_vs_sqlite_utils",
    "help_vs_typer",
    "status_small",
    "status_large",
    "status_growth",
    "status_peak_rss",
    "import_vs_sqlite_utils",
    "import_vs_executemany",
    "import_peak_rss",
    "report_cpu",
    "report_chart_share",
    "scheduler_cpu",
    "scheduler_rss",
    "bulk_insert",
    "import_gc_pause",
    "status_gc_pause",
    "smtp_deadline",
    "projects_status",
    "projects_report",
    *province.KEYS,
    *national.KEYS,
)
GROUPS: tuple[str, ...] = ("startup", "status", "bulk", "report", "scheduler", "tricks", "smtp")
GROUPS += ("projects", "province", "districts", "national")


def run_all(
    sizes: Sizes,
    *,
    progress: Callable[[str], None] = lambda _: None,
    province_only: bool = False,
    only: tuple[str, ...] = GROUPS,
) -> list[Result]:
    """Every case in KEYS order; ``province_only``: the province's and the country's cases
    alone; ``only``: the cases of those GROUPS alone."""
    if province_only:
        only = ("province", "districts", "national")
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as temporary:
        work = Path(temporary)
        if "startup" in only:
            progress("cold processes: record, --help")
            results += _guarded(
                "record / --help", lambda: startup.run(_dir(work, "startup"), sizes)
            )
        small = None
        if "status" in only or "report" in only:
            progress("status of every goal")
            try:
                found, small = status.run(_dir(work, "status"), sizes)
                results += found if "status" in only else []
            except Exception as error:
                results.append(_failed("status", error))
        if "bulk" in only:
            progress("bulk import")
            results += _guarded("bulk import", lambda: bulk.run(sizes))
        if "report" in only and small is not None:
            progress("report rendering")
            dataset = small
            results += _guarded("report", lambda: report.run(dataset, sizes))
        if small is not None:
            small.engine.dispose()
        steps: tuple[tuple[str, str, Callable[[], list[Result]]], ...] = (
            (
                "scheduler",
                "scheduler at rest",
                lambda: scheduler.run(_dir(work, "scheduler"), sizes),
            ),
            (
                "tricks",
                "speed tricks, with and without",
                lambda: tricks.run(_dir(work, "tricks"), sizes),
            ),
            ("smtp", "SMTP deadline against a trickling server", lambda: smtp.run(sizes)),
            (
                "projects",
                "key projects: 2,000 projects × 12 months",
                lambda: projects.run(_dir(work, "projects"), sizes),
            ),
            (
                "province",
                "a province: 150 places on SQLite and PostgreSQL",
                lambda: province.run(_dir(work, "province"), sizes, imports=False),
            ),
            (
                "districts",
                "the district table of a province",
                lambda: province.run(_dir(work, "districts"), sizes, databases=False),
            ),
            (
                "national",
                "every county of a country",
                lambda: national.run(_dir(work, "national"), sizes),
            ),
        )
        for group, step, measure in steps:
            if group in only:
                progress(step)
                results += _guarded(group, measure)
    return results


def _dir(parent: Path, name: str) -> Path:
    folder = parent / name
    folder.mkdir()
    return folder


def _guarded(case: str, measure: Callable[[], list[Result]]) -> list[Result]:
    """A case that breaks is reported as broken; the other cases still run."""
    try:
        return measure()
    except Exception as error:
        return [_failed(case, error)]


def _failed(group: str, error: Exception) -> Result:
    traceback.print_exc()
    return Result(f"{group}_error", group, None, budget=Budget(0), note=f"error: {error}")


def document(results: list[Result], sizes: Sizes) -> dict[str, Any]:
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "cores": os.cpu_count(),
        "load_average": list(os.getloadavg()),
        "quick": sizes.quick,
        "cases": [r.record() for r in results],
    }


def write(doc: dict[str, Any], path: Path = RESULTS) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


HEADERS = ("case", "ours", "reference", "ratio", "budget", "result")


def rows(results: list[Result]) -> list[tuple[str, ...]]:
    return [
        (
            r.case,
            _amount(r.ours, r.unit),
            _amount(r.reference, r.unit),
            "—" if r.ratio is None else f"{r.ratio:.2f}",
            r.budget.text(r.unit) if r.budget else "—",
            _verdict(r),
        )
        for r in results
    ]


def table(results: list[Result]) -> str:
    lines = [HEADERS, *rows(results)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADERS))]
    text = [
        "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)) for line in lines
    ]
    text.insert(1, "  ".join("-" * w for w in widths))
    notes = [f"  {r.case}: {r.note}" for r in results if r.note]
    return "\n".join([*text, "", "notes:", *notes] if notes else text)


def markdown(results: list[Result]) -> str:
    lines = [HEADERS, tuple("---" for _ in HEADERS), *rows(results)]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def _amount(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "s CPU":
        return f"{value * 1000:.0f} ms CPU" if value < 1 else f"{value:.2f} s CPU"
    if unit == "×":
        return f"{value:.1f}×"
    return f"{value:.2f} {unit}" if value < 10 else f"{value:.0f} {unit}"


def _verdict(result: Result) -> str:
    if not result.available:
        return "not available yet"
    if result.note.startswith("error:"):
        return "ERROR"
    return {True: "pass", False: "FAIL", None: "—"}[result.passed]


def main(
    sizes: Sizes,
    output: Path,
    *,
    as_markdown: bool,
    province_only: bool = False,
    only: tuple[str, ...] = GROUPS,
) -> int:
    results = run_all(
        sizes,
        progress=lambda step: print(f"... {step}", file=sys.stderr),
        province_only=province_only,
        only=only,
    )
    doc = document(results, sizes)
    write(doc, output)
    show(doc, as_markdown=as_markdown)
    print(f"\nwritten to {output}")
    return 1 if any(r.note.startswith("error:") for r in results) else 0


def show(doc: dict[str, Any], *, as_markdown: bool) -> None:
    results = [result_from_record(record) for record in doc["cases"]]
    print(
        f"{doc['date']} · Python {doc['python']} · SQLite {doc['sqlite']} · {doc['cores']} cores"
        f" · load average {doc['load_average'][0]:.1f}"
    )
    print(markdown(results) if as_markdown else table(results))

"""Case 3 and half of case 7: bulk import of CSV rows, measured by ``benchmarks/import_csv.py``
(it ships with ``tracker import``).

``import_csv.run(rows)`` returns a dict of seconds (medians are taken here over the calls):
``tracker`` (``tracker import FILE``), ``sqlite_utils`` (``sqlite-utils insert --csv`` of
the same file), ``executemany`` (a bare ``sqlite3.executemany`` of the parsed rows), and
``tracker_library`` (optional: ``import_file()`` in-process, compared with the bare
``executemany`` when given, so that neither side pays a process start-up), and
``peak_rss_mb`` (the import's peak resident memory: VmHWM as the importing process sees it
in /proc/self/status, or ru_maxrss measured from a small launcher, since a child's
ru_maxrss includes the resident set of the large process that started it).
"""

import importlib
import importlib.util
import statistics
from collections.abc import Callable, Mapping
from typing import Any

from benchmarks.harness import NOT_AVAILABLE, Budget, Result, unavailable
from benchmarks.sizes import Sizes

MODULE = "benchmarks.import_csv"
KEYS = {  # the names a measurement may go by in run()'s dict
    "tracker": ("tracker", "ours", "tracker_import"),
    "library": ("tracker_library", "ours_library"),
    "sqlite_utils": ("sqlite_utils", "sqlite-utils", "sqlite_utils_insert_csv"),
    "executemany": ("executemany", "sqlite3_executemany", "bare"),
    "peak_rss_mb": ("peak_rss_mb", "rss_mb", "peak_memory_mb"),
}


def run(sizes: Sizes) -> list[Result]:
    rows = sizes.import_rows
    cases = (
        ("import_vs_sqlite_utils", f"import {rows:,} CSV rows vs sqlite-utils insert --csv"),
        ("import_vs_executemany", f"import {rows:,} CSV rows vs bare sqlite3.executemany"),
        ("import_peak_rss", f"peak RSS of the {rows:,}-row import (child process)"),
    )
    budgets = (Budget(1.0), Budget(3.0), Budget(500, on="ours", strict=True))
    units = ("s", "s", "MB")
    if importlib.util.find_spec(MODULE) is None:
        why = f"{NOT_AVAILABLE} ({MODULE} arrives with `tracker import`)"
        return [
            unavailable(key, name, why, budget, unit)
            for (key, name), budget, unit in zip(cases, budgets, units, strict=True)
        ]
    measure: Callable[[int], Mapping[str, Any]] = importlib.import_module(MODULE).run
    if not sizes.quick:
        measure(max(rows // 10, 1))  # warm-up
    found = [_pick(measure(rows)) for _ in range(sizes.import_runs)]
    median = {key: _median([f[key] for f in found]) for key in KEYS}
    ours = median["tracker"]
    references = (median["sqlite_utils"], median["executemany"], None)
    library = median["library"] if median["library"] is not None else ours
    figures = (ours, library, median["peak_rss_mb"])
    return [
        Result(key, name, figure, reference, unit=unit, budget=budget)
        for (key, name), figure, reference, budget, unit in zip(
            cases, figures, references, budgets, units, strict=True
        )
    ]


def _pick(measured: Mapping[str, Any]) -> dict[str, float | None]:
    picked: dict[str, float | None] = {}
    for key, names in KEYS.items():
        value = next((measured[n] for n in names if n in measured), None)
        if isinstance(value, Mapping):  # {"seconds": ...} or {"median": ...}
            value = value.get("seconds", value.get("median"))
        picked[key] = float(value) if isinstance(value, int | float) else None
    if picked["tracker"] is None:
        raise RuntimeError(f"{MODULE}.run() gave no time for tracker import: {dict(measured)}")
    return picked


def _median(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.median(known) if known else None

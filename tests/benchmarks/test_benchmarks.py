"""The benchmarks run once on tiny sizes, so that they cannot rot. Their numbers are not
checked against the budgets here (no timed tests): only that every case measured something."""

import importlib.util
import json
import math
from pathlib import Path

import pytest

from benchmarks.province import postgres_url
from benchmarks.sizes import QUICK
from benchmarks.suite import KEYS, main

FEATURES = {  # cases whose feature arrives with its own module
    "import_vs_sqlite_utils": "benchmarks.import_csv",
    "import_vs_executemany": "benchmarks.import_csv",
    "import_peak_rss": "benchmarks.import_csv",
    "report_cpu": "tracker.reporting.render",
    "report_chart_share": "tracker.reporting.render",
    "province_peer_polars_sqlite": "polars",
    "province_peer_polars_postgresql": "polars",
    "province_status_vs_polars_sqlite": "polars",
    "province_status_vs_polars_postgresql": "polars",
}
WITHOUT_REFERENCE = {
    "import_peak_rss",
    "report_chart_share",
    "scheduler_cpu",
    "scheduler_rss",
    "province_writers",
    "national_report",
    "projects_report",
}
ON_POSTGRES = {key for key in KEYS if key.endswith("_postgresql") or key == "province_writers"}


@pytest.mark.slow
@pytest.mark.shipped_config  # the scheduler's and the robots' cases run on the demo's config
def test_every_case_is_measured_on_tiny_sizes(tmp_path: Path, capsys) -> None:
    output = tmp_path / "latest.json"

    assert main(QUICK, output, as_markdown=False) == 0

    document = json.loads(output.read_text(encoding="utf-8"))
    cases = {case["key"]: case for case in document["cases"]}
    assert list(cases) == list(KEYS)
    assert document["quick"] is True
    assert document["cores"] >= 1
    printed = capsys.readouterr().out
    for key, case in cases.items():
        _check_case(key, case, printed)
    writers = cases["province_writers"]
    if writers["available"]:  # correctness, not speed: every revision written is there once
        assert writers["details"]["recorded"] > 0
        assert writers["ours"] == 0, writers["note"]


def _check_case(key: str, case: dict, printed: str) -> None:
    """One case of a quick run: printed, available where it should be, with positive figures
    and a budget verdict."""
    assert case["case"] in printed
    _check_available(key, case)
    if not case["available"]:
        assert case["ours"] is None
        assert case["note"].startswith("not available yet"), key
        return
    if key in MAY_BE_ZERO:
        assert _positive(case["ours"] + 1), key
    else:
        assert _positive(case["ours"]), key
    if key not in WITHOUT_REFERENCE:
        assert _positive(case["reference"]), key
        assert case["ratio"] == pytest.approx(case["ours"] / case["reference"]), key
    if case["budget"] is not None:
        assert case["passed"] in (True, False), key


def _check_available(key: str, case: dict) -> None:
    """A case is measured when its feature's module is installed and, on PostgreSQL, when a
    server is there."""
    feature = FEATURES.get(key)
    if feature is not None:
        assert case["available"] == (importlib.util.find_spec(feature) is not None), key
    if key in ON_POSTGRES and feature is None:
        assert case["available"] == (postgres_url() is not None), key
    elif key in ON_POSTGRES and postgres_url() is None:
        assert not case["available"], key


def test_a_budget_passes_at_its_limit_and_fails_beyond_it() -> None:
    from benchmarks.harness import Budget, Result

    within = Result("k", "case", 3.0, 2.0, budget=Budget(1.5))
    beyond = Result("k", "case", 3.1, 2.0, budget=Budget(1.5))
    strict = Result("k", "case", 150.0, unit="MB", budget=Budget(150, on="ours", strict=True))

    assert (within.ratio, within.passed) == (1.5, True)
    assert beyond.passed is False
    assert strict.passed is False
    assert strict.record()["budget"] == "< 150 MB"


# A share of time spent drawing charts, the CPU of a scheduler idle for two seconds (counted
# in clock ticks of 10 ms), and the problems of the writers (failed, lost or duplicated
# revisions) can rightly measure zero.
MAY_BE_ZERO = ("report_chart_share", "scheduler_cpu", "province_writers")


def _positive(value: object) -> bool:
    return isinstance(value, int | float) and math.isfinite(value) and value > 0

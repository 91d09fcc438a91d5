"""Every county of a country in one database: 2,800 places × 40 monthly indicators × 2 years
of monthly figures (about 2 million figures, one in ten revised), every county a district of
one parent, so that one county's report ranks it among all the others: the most a league table
is asked to hold (``benchmarks.province_data``, SQLite).

- ``national_status``: the status of every goal of every county (``tracker status
  --all-places``: ``all_goal_statuses``) in a fresh process, its CPU time against the bare
  scan of the same rows in another (``benchmarks.child``); ``national_status_rss``: the peak
  memory of each.
- ``national_report``: one county's HTML report ranked among every county, CPU time in this
  process.
"""

import sys
from pathlib import Path

from benchmarks import province_data
from benchmarks.harness import Budget, Result, cpu_time, medians_in_turns, run_child
from benchmarks.sizes import Sizes
from tracker.app.database import Database

ROOT = Path(__file__).resolve().parent.parent  # where `python -m benchmarks.child` is found
KEYS = ("national_status", "national_status_rss", "national_report")
COUNTY = 1_400  # the county whose report is made, in the middle of the list


def run(workdir: Path, sizes: Sizes) -> list[Result]:
    places, indicators, years = sizes.national
    country = province_data.build(
        workdir / "national",
        backend="sqlite",
        postgres_url=None,
        places=places,
        indicators=indicators,
        years=years,
    )
    try:
        size = f"{places:,} counties × {indicators} indicators × {years} years"
        child = [sys.executable, "-m", "benchmarks.child"]
        as_of = country.as_of.isoformat()
        ours_argv = [*child, "every-place", country.url, str(country.config), as_of]
        scan_argv = [*child, "every-place-scan", country.url, as_of]
        memory: dict[str, float] = {}

        def measured(name: str, argv: list[str]) -> float:
            out = run_child(argv, cwd=ROOT).stdout.split()
            memory[name] = float(out[-1])
            return float(out[-2])

        ours, scan = medians_in_turns(
            lambda _: measured("ours", ours_argv),
            lambda _: measured("scan", scan_argv),
            runs=sizes.national_runs,
            warmups=0 if sizes.quick else 1,
        )
        report = _report(country, sizes)
        rows = country.rows
    finally:
        country.close()
    details = {"rows": rows, "figures": country.figures}
    return [
        Result(
            "national_status",
            f"status of every goal of {size}, fresh process: CPU vs bare scan",
            ours,
            scan,
            unit="s CPU",
            budget=Budget(10.0, on="ours"),
            note="all_goal_statuses in a child process; reference: sqlite3 reading every "
            "revision of the two years into tuples in another",
            details=details,
        ),
        Result(
            "national_status_rss",
            f"peak RSS of the status of every goal of {size} vs bare scan",
            memory["ours"],
            memory["scan"],
            unit="MB",
            budget=Budget(1024, on="ours"),
            note="VmHWM of each child process (imports, config, engine, the statuses)",
        ),
        Result(
            "national_report",
            f"one county's HTML report ranked among {places:,} counties, CPU",
            report,
            unit="s CPU",
            budget=Budget(1.0, on="ours"),
            note="render_report(places, place=county).html in this process",
            details=details,
        ),
    ]


def _report(country: province_data.Province, sizes: Sizes) -> float:
    from tracker.app.reports import render_report

    places = country.configured_places()
    county = province_data.place_key(min(COUNTY, country.places - 1))
    db = Database(country.engine)

    def once(_: int) -> float:
        return cpu_time(
            lambda: (
                render_report(
                    db, as_of=country.as_of, year=country.year, places=places, place=county
                ).html
            )
        )

    return medians_in_turns(once, runs=sizes.national_runs, warmups=1)[0]

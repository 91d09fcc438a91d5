"""Case 5: the HTML report of 1,000 goals × 24 periods (CPU time, ``time.process_time``) and
the share of it spent drawing charts (``charts=True`` against ``charts=False``)."""

from collections.abc import Callable

from benchmarks import data
from benchmarks.harness import Budget, Result, cpu_time, medians_in_turns
from benchmarks.sizes import Sizes
from tracker.app.database import Database
from tracker.app.reports import render_report


def run(dataset: data.Dataset, sizes: Sizes) -> list[Result]:
    size = f"{dataset.goals:,} goals × {dataset.periods} periods"
    name = f"report HTML of {size}, CPU (charts on vs off)"
    share = "share of the report's CPU spent drawing charts"
    db = Database(dataset.engine)

    def every_format(charts: bool) -> None:
        """A report's formats are made when asked for: ask for every one the email and the
        archive use, as a run does."""
        bundle = render_report(db, as_of=dataset.as_of, charts=charts)
        for made in (bundle.html, bundle.email_html, bundle.text, bundle.markdown, bundle.json):
            assert made

    def draw(charts: bool) -> Callable[[int], float]:
        return lambda _: cpu_time(lambda: every_format(charts))

    with_charts, without = medians_in_turns(
        draw(True), draw(False), runs=sizes.report_runs, warmups=0 if sizes.quick else 1
    )
    return [
        Result(
            "report_cpu", name, with_charts, without, unit="s CPU", budget=Budget(1.0, on="ours")
        ),
        Result("report_chart_share", share, 100 * (with_charts - without) / with_charts, unit="%"),
    ]

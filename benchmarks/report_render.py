"""How much CPU rendering a report takes: 1,000 goals × 24 monthly periods (two years).

    .venv/bin/python benchmarks/report_render.py [--goals 1000] [--charts] [--format NAME]

Renders every format the email and the archive use (HTML page, HTML email, text, Markdown,
JSON) from goals and figures in memory, as the report does after its one database read, and
prints the CPU seconds (``time.process_time``), best of three. The budget is one second with
charts: one inline SVG chart per goal with two figures or more on the page (``--charts``). With
``--format`` only that format is made (html, text, md, json, docx), as ``tracker report -f``
does: the others, and the charts where it shows none, are never rendered.
"""

import argparse
import time
from datetime import date
from decimal import Decimal

from tracker.domain.model import Comparator, Figure, Goal, Indicator, Measure, Owner
from tracker.domain.periods import Cadence, Period
from tracker.reporting.render import render_goals

AS_OF = date(2021, 12, 20)  # November figures in: 23 periods, most goals behind


def dataset(n: int) -> tuple[list[Goal], dict[str, list[Figure]]]:
    owners = [Owner(f"o{i}", f"单位{i}", f"Owner {i}") for i in range(20)]
    goals, figures = [], {}
    for i in range(n):
        count = i % 4 == 0
        indicator = Indicator(
            key=f"k{i}",
            name_zh=f"指标{i}增速" if not count else f"新增就业{i}",
            name_en=f"Indicator {i} growth" if not count else f"New jobs {i}",
            unit="人" if count else "%",
            measure=Measure.COUNT if count else Measure.GROWTH,
            cadence=Cadence.MONTHLY,
            owner=owners[i % len(owners)],
            decimals=0 if count else 1,
        )
        target = Decimal(4300) if count else Decimal("8.5")
        goals.append(Goal(indicator, 2021, Comparator.AT_LEAST, target))
        series = []
        for year in (2020, 2021):
            for month in range(1, 13):
                value = (
                    Decimal(350 * month + i % 7 * 10)
                    if count
                    else Decimal(i % 13) - Decimal(month % 5) / 2
                )
                series.append(Figure(Period.month(year, month), value, revision=1 + month % 2))
        figures[indicator.key] = series
    return goals, figures


EVERY = ("html", "email_html", "text", "markdown", "json")


def rendered(
    goals: list[Goal], figures: dict[str, list[Figure]], charts: bool, fmt: str | None
) -> None:
    bundle = render_goals(goals, figures, as_of=AS_OF, lang="zh", charts=charts)
    if fmt is not None:
        assert bundle.formatted(fmt)
        return
    for name in EVERY:
        assert getattr(bundle, name)


def cpu_seconds(
    goals: list[Goal], figures: dict[str, list[Figure]], charts: bool, fmt: str | None = None
) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        rendered(goals, figures, charts, fmt)
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--goals", type=int, default=1000)
    parser.add_argument("--charts", action="store_true")
    parser.add_argument("--format", dest="fmt", default=None)
    args = parser.parse_args()
    goals, figures = dataset(args.goals)
    rendered(goals[:2], figures, args.charts, args.fmt)  # warm up
    seconds = cpu_seconds(goals, figures, args.charts, args.fmt)
    what = "with charts" if args.charts else "without charts"
    formats = "every format" if args.fmt is None else args.fmt
    print(f"{args.goals} goals × 24 periods, {formats}, {what}: {seconds:.3f} s CPU")


if __name__ == "__main__":
    main()

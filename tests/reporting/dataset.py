"""A fixed set of 2020 figures against the shipped goals, as of 2020-07-20.

Expected there: lagging gdp (2 periods in a row), industry (2), income (1); at risk fai (revised,
was lagging), cpi (newly behind, with a hostile note), jobs; retail recovered; revenue and trade
overdue; urbanization, energy and rank not yet due.
"""

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import Engine

from tests.conftest import CONFIG_DIR
from tracker.app.database import Database
from tracker.app.figures import FigureInput, record_figure
from tracker.configuration.load import load_config
from tracker.domain.model import Figure, Goal
from tracker.domain.numbers import parse_number
from tracker.domain.periods import Period

AS_OF = date(2020, 7, 20)
HOSTILE = "<script>alert('x')</script> & </td> 消费回暖"
FIGURES = [  # key, period, value, options
    ("gdp", "2020-Q1", "-2.6", {}),
    ("gdp", "2020-Q2", "1.9", {"preliminary": True, "source": "区统计局快报"}),
    ("industry", "2020-04", "8.6", {}),
    ("industry", "2020-05", "3.6", {}),
    ("industry", "2020-06", "5.0", {"note": "重点企业产能逐步恢复"}),
    ("fai", "2020-05", "6.5", {}),
    ("fai", "2020-06", "9.0", {}),
    ("retail", "2020-05", "9.0", {}),
    ("retail", "2020-06", "10.6", {}),
    ("cpi", "2020-06", "4.6", {"note": HOSTILE}),
    ("jobs", "2020-05", "1,720", {}),
    ("jobs", "2020-06", "2,050", {}),
    ("income", "2020-Q1", "5.6", {}),
]
REVISIONS = [("fai", "2020-06", "9.2", "区统计局修订")]


def goals() -> list[Goal]:
    return [g for g in load_config(CONFIG_DIR).definitions.goals if g.year == 2020]


def figures() -> dict[str, list[Figure]]:
    """The figures as the store returns them: current revisions, 2019 results included."""
    found: dict[str, dict[Period, Figure]] = {}
    for result in load_config(CONFIG_DIR).definitions.results:
        found.setdefault(result.key, {})[result.period] = Figure(
            result.period,
            result.value,
            preliminary=result.preliminary,
            note=result.note,
            source=result.source,
        )
    for key, period, value, options in FIGURES:
        p = Period.parse(period)
        found.setdefault(key, {})[p] = Figure(p, parse_number(value), **options)  # type: ignore[arg-type]
    for key, period, value, _ in REVISIONS:
        p = Period.parse(period)
        old = found[key][p]
        found[key][p] = Figure(p, Decimal(value), note=old.note, revision=old.revision + 1)
    return {k: sorted(v.values(), key=lambda f: f.period) for k, v in found.items()}


def record_all(engine: Engine) -> Engine:
    """Record the same figures in a database loaded from the shipped config."""
    now = datetime(2020, 7, 20, 9, tzinfo=UTC)
    for key, period, value, options in FIGURES:
        record_figure(
            Database(engine), FigureInput(key, period, value, **options), by="test", now=now
        )  # type: ignore[arg-type]
    for key, period, value, reason in REVISIONS:
        record_figure(
            Database(engine), FigureInput(key, period, value), by="test", now=now, reason=reason
        )
    return engine


def many(n: int) -> tuple[list[Goal], dict[str, list[Figure]]]:
    """``n`` goals and their figures: the fixed dataset's twelve repeated, each copy under its
    own key and a longer name (一区, 二区 ... as "(district 2)"), as a city with many goals."""
    from dataclasses import replace

    base, found = goals(), figures()
    made, their = [], {}
    for i in range(n):
        goal = base[i % len(base)]
        old = goal.indicator
        indicator = replace(
            old,
            key=f"{old.key}-{i + 1}",
            name_zh=f"{old.name_zh}（第{i + 1}区）",
            name_en=f"{old.name_en} (district {i + 1})",
        )
        made.append(replace(goal, indicator=indicator))
        their[indicator.key] = found.get(old.key, [])
    return made, their

"""Generated data: a config directory of N monthly indicators with a goal each, loaded the way
``tracker init`` loads it, and their monthly figures inserted in bulk.

The figures are not typed one by one (that would measure ``record`` again): they go straight
into the ``entry`` table with SQLAlchemy Core's executemany, every tenth one with a revision.
"""

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, select
from sqlmodel import SQLModel, col

from tracker.app.database import Database
from tracker.app.goals import load_definitions_into
from tracker.configuration.load import load_config
from tracker.domain.periods import Period
from tracker.store.db import make_engine
from tracker.store.tables import FigureRow, IndicatorRow

GOAL_YEAR = 2020
LAST_MONTH = 6  # the figures run up to June of GOAL_YEAR ...
AS_OF = date(GOAL_YEAR, 7, 25)  # ... and the status is asked for once June's is due
LOADED_AT = datetime(2020, 1, 5, tzinfo=UTC)
REVISED_EVERY = 10  # one figure in ten has a second revision

# (measure, comparator, basis, target, range) cycled over the indicators: the kinds the
# status rules treat differently.
KINDS = (
    ("growth", "at_least", "value", "8.5", (-50, 100)),
    ("count", "at_least", "value", "4300", (0, 100000)),
    ("growth", "at_most", "value", "3.5", (-10, 30)),
    ("level", "at_least", "change", "1.2", (0, 100)),
    ("rank", "at_least", "change", "10", (1, 200)),
)


@dataclass(frozen=True)
class Dataset:
    url: str
    engine: Engine
    goals: int
    periods: int
    figures: int  # one per indicator and period
    rows: int  # figures plus their revisions
    as_of: date = AS_OF


def write_config(folder: Path, goals: int) -> Path:
    """A config directory with ``goals`` monthly indicators, each with a goal for GOAL_YEAR."""
    (folder / "goals").mkdir(parents=True, exist_ok=True)
    (folder / "owners.toml").write_text(
        "".join(
            f'[owners.o{n}]\nname_zh = "责任单位{n}"\nname_en = "Owner {n}"\n\n' for n in range(20)
        ),
        encoding="utf-8",
    )
    indicators, targets = [], []
    for n in range(goals):
        measure, comparator, basis, target, (low, high) = KINDS[n % len(KINDS)]
        key = f"i{n:05d}"
        indicators.append(
            f'[indicators.{key}]\nname_zh = "指标{n}"\nname_en = "Indicator {n}"\n'
            f'unit = "%"\nmeasure = "{measure}"\ncadence = "monthly"\nowner = "o{n % 20}"\n'
            f"range = [{low}, {high}]\n\n"
        )
        targets.append(
            f'[goals.{key}]\ntarget = {target}\ncomparator = "{comparator}"\nbasis = "{basis}"\n'
            f'label_zh = "{target}"\nlabel_en = "{target}"\n\n'
        )
    (folder / "indicators.toml").write_text("".join(indicators), encoding="utf-8")
    (folder / "goals" / f"{GOAL_YEAR}.toml").write_text("".join(targets), encoding="utf-8")
    return folder


def build(folder: Path, *, goals: int, periods: int) -> Dataset:
    """A SQLite database in ``folder`` with ``goals`` goals and ``periods`` monthly figures
    for each: the ``periods`` months up to LAST_MONTH of GOAL_YEAR."""
    config = write_config(folder / "config", goals)
    url = f"sqlite:///{folder / 'tracker.db'}"
    engine = make_engine(url)
    load_definitions_into(
        Database(engine), load_config(config).definitions, by="bench", now=LOADED_AT
    )
    rows = insert_figures(engine, periods=periods)
    return Dataset(url, engine, goals, periods, goals * periods, rows)


def insert_figures(engine: Engine, *, periods: int) -> int:
    """Monthly figures for every indicator, inserted with one executemany per batch."""
    last = GOAL_YEAR * 12 + LAST_MONTH - 1
    months = [Period.month(m // 12, m % 12 + 1) for m in range(last - periods + 1, last + 1)]
    randomly = random.Random(7)
    table = SQLModel.metadata.tables[str(FigureRow.__tablename__)]
    with engine.connect() as conn:
        query = select(col(IndicatorRow.id)).order_by(col(IndicatorRow.id))
        ids = [i for i in conn.execute(query).scalars() if i is not None]
    total = 0
    with engine.begin() as conn:
        batch: list[dict[str, Any]] = []
        for n, indicator_id in enumerate(ids):
            measure = KINDS[n % len(KINDS)][0]
            for m, period in enumerate(months):
                value = plausible_value(measure, period, randomly)
                revisions = 2 if (n + m) % REVISED_EVERY == 0 else 1
                for revision in range(1, revisions + 1):
                    batch.append(_row(indicator_id, period, revision, value + revision - 1))
            if len(batch) >= 20_000:
                conn.execute(insert(table), batch)
                total += len(batch)
                batch = []
        if batch:
            conn.execute(insert(table), batch)
            total += len(batch)
    return total


def plausible_value(measure: str, period: Period, randomly: random.Random) -> Decimal:
    """A figure of ``measure`` for ``period`` that passes the indicator's range."""
    month = period.end_month
    if measure == "count":
        return Decimal(month * 350 + randomly.randrange(-200, 200))
    if measure == "rank":
        return Decimal(randomly.randrange(20, 60))
    if measure == "level":
        return Decimal(randomly.randrange(500, 600)) / 10
    return Decimal(randomly.randrange(-20, 150)) / 10


def _row(indicator_id: int, period: Period, revision: int, value: Decimal) -> dict[str, Any]:
    return {
        "indicator_id": indicator_id,
        "period": str(period),
        "period_end": period.end,
        "revision": revision,
        "value": value,
        "amount": None,
        "preliminary": False,
        "note": None,
        "source": "bench",
        "source_file": None,
        "source_row": None,
        "reason": "corrected" if revision > 1 else None,
        "recorded_by": "bench",
        "recorded_at": LOADED_AT,
    }

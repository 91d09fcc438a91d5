"""A province's database: P places (districts with the province as their parent) × N monthly
indicators × Y years of monthly figures up to June 2020, one figure in ten with a second
revision, and a 2020 goal for every indicator of every place; on SQLite or PostgreSQL.

The config is a generated folder (``places.toml``, ``goals/2020.toml`` for the home place,
``goals/PLACE/2020.toml`` for each other place: docs/places.md) loaded the way ``tracker
init`` loads it. The figures go in with ``store.figures.insert_figures``, the home place's
under the stored key ``""`` and every other place's under its own key.

The database can grow: ``extend`` adds places to one already built, so the growth case
measures 2P places without loading the first P again.
"""

import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from benchmarks.data import (
    AS_OF,
    GOAL_YEAR,
    KINDS,
    LAST_MONTH,
    LOADED_AT,
    REVISED_EVERY,
    plausible_value,
)
from tracker.app.database import Database
from tracker.domain.model import Goal
from tracker.domain.periods import Period
from tracker.domain.places import Places

PROVINCE = "province"  # the parent of every district, at the top of the chain
BATCH = 20_000  # rows per executemany


def place_key(n: int) -> str:
    """The configured key of the n-th district; the first is home."""
    return f"d{n:03d}"


def stored_key(n: int) -> str:
    """The stored key of the n-th district: "" for the home place (docs/places.md)."""
    return "" if n == 0 else place_key(n)


@dataclass
class Province:
    """A built province database: its URL and engine, how big it is, and where its config is."""

    backend: str  # "sqlite" or "postgresql"
    url: str
    engine: Engine
    config: Path
    places: int
    indicators: int
    years: int
    rows: int = 0  # figure revisions inserted
    as_of: date = AS_OF
    year: int = GOAL_YEAR
    schema: str | None = None  # PostgreSQL: the schema made for this run, dropped by close()
    base_url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def figures(self) -> int:
        return self.places * self.indicators * self.years * 12

    def stored_places(self) -> list[str]:
        return [stored_key(n) for n in range(self.places)]

    def configured_places(self) -> Places:
        """The places of its config (read once per size)."""
        from tracker.configuration.load import load_config

        held = self.extra.get("places")
        if held is None or held[0] != self.places:
            held = self.extra["places"] = (self.places, load_config(self.config, env={}).places)
        places: Places = held[1]
        return places

    def close(self) -> None:
        """Dispose of the engine; on PostgreSQL drop the run's schema."""
        self.engine.dispose()
        if self.schema is not None and self.base_url is not None:
            drop_schema(self.base_url, self.schema)


def write_config(folder: Path, *, places: int, indicators: int) -> Path:
    """The config folder of ``places`` districts (the first is home) with ``indicators``
    monthly indicators and a GOAL_YEAR goal for each indicator of each place."""
    (folder / "goals").mkdir(parents=True, exist_ok=True)
    (folder / "owners.toml").write_text(
        "".join(
            f'[owners.o{n}]\nname_zh = "责任单位{n}"\nname_en = "Owner {n}"\n\n' for n in range(8)
        ),
        encoding="utf-8",
    )
    lines = [f'home = "{place_key(0)}"\n\n']
    lines.append(f'[places.{PROVINCE}]\nname_zh = "全省"\nname_en = "the Province"\n\n')
    for n in range(places):
        lines.append(
            f'[places.{place_key(n)}]\nname_zh = "县区{n}"\nname_en = "District {n}"\n'
            f'parent = "{PROVINCE}"\n\n'
        )
    (folder / "places.toml").write_text("".join(lines), encoding="utf-8")
    definitions, targets = [], []
    for n in range(indicators):
        measure, comparator, basis, target, (low, high) = KINDS[n % len(KINDS)]
        key = f"i{n:03d}"
        definitions.append(
            f'[indicators.{key}]\nname_zh = "指标{n}"\nname_en = "Indicator {n}"\n'
            f'unit = "%"\nmeasure = "{measure}"\ncadence = "monthly"\nowner = "o{n % 8}"\n'
            f"range = [{low}, {high}]\n\n"
        )
        targets.append(
            f'[goals.{key}]\ntarget = {target}\ncomparator = "{comparator}"\nbasis = "{basis}"\n'
            f'label_zh = "{target}"\nlabel_en = "{target}"\n\n'
        )
    (folder / "indicators.toml").write_text("".join(definitions), encoding="utf-8")
    goals = "".join(targets)
    (folder / "goals" / f"{GOAL_YEAR}.toml").write_text(goals, encoding="utf-8")
    for n in range(1, places):
        (folder / "goals" / place_key(n)).mkdir(exist_ok=True)
        (folder / "goals" / place_key(n) / f"{GOAL_YEAR}.toml").write_text(goals, encoding="utf-8")
    return folder


def build(
    folder: Path,
    *,
    backend: str,
    postgres_url: str | None,
    places: int,
    indicators: int,
    years: int,
) -> Province:
    """A province database on ``backend`` (SQLite in ``folder``; PostgreSQL in a schema of its
    own at ``postgres_url``), loaded with config, goals and figures."""
    from tracker.store.db import make_engine

    schema = None
    if backend == "sqlite":
        url = f"sqlite:///{folder / 'province.db'}"
    else:
        if postgres_url is None:
            raise RuntimeError("no PostgreSQL URL")
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        url = create_schema(postgres_url, schema)
    province = Province(
        backend,
        url,
        make_engine(url),
        folder / "config",
        0,
        indicators,
        years,
        schema=schema,
        base_url=postgres_url,
    )
    extend(province, places=places)
    return province


def twin(province: Province, folder: Path, postgres_url: str | None) -> Province:
    """Another province like ``province``, to grow while the first stays as it is: on SQLite a
    copy of its database and config, on PostgreSQL built again in a schema of its own."""
    import shutil

    if province.backend != "sqlite":
        return build(
            folder,
            backend=province.backend,
            postgres_url=postgres_url,
            places=province.places,
            indicators=province.indicators,
            years=province.years,
        )
    from sqlalchemy import text

    from tracker.store.db import make_engine

    with province.engine.connect() as connection:  # everything in the main file
        connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(province.config, folder / "config")
    shutil.copyfile(province.url.removeprefix("sqlite:///"), folder / "province.db")
    url = f"sqlite:///{folder / 'province.db'}"
    return Province(
        "sqlite",
        url,
        make_engine(url),
        folder / "config",
        province.places,
        province.indicators,
        province.years,
        rows=province.rows,
    )


def extend(province: Province, *, places: int) -> None:
    """Grow ``province`` to ``places`` districts: the config written again with them all and
    loaded, and the goals and figures of the new places inserted.

    The first load is ``tracker init``'s (``load_definitions_into``: schema, indicators, the
    home place's goals); the other places' goals, read from the same config, go in with one
    executemany of ``GoalRow`` columns (``store.goals.goal_fields``): ``init`` saves a goal at
    a time, about 5 ms each here, which would make loading 6,000 goals the longest part of the
    run without being what is measured.
    """
    from dataclasses import replace

    from tracker.app.goals import load_definitions_into
    from tracker.configuration.load import load_config

    first = province.places
    write_config(province.config, places=places, indicators=province.indicators)
    definitions = load_config(province.config).definitions
    if first == 0:
        home = replace(definitions, goals=tuple(g for g in definitions.goals if g.place == ""))
        load_definitions_into(Database(province.engine), home, by="bench", now=LOADED_AT)
    added = {stored_key(n) for n in range(max(first, 1), places)}
    insert_goals(province.engine, [g for g in definitions.goals if g.place in added])
    province.rows += insert_figures(
        province.engine, places=range(first, places), years=province.years
    )
    province.places = places


def insert_goals(engine: Engine, goals: list[Goal]) -> None:
    """Insert ``goals`` (one version each) with one executemany."""
    from sqlalchemy import insert
    from sqlmodel import SQLModel

    from tracker.store.db import write_session
    from tracker.store.goals import goal_fields
    from tracker.store.indicators import indicator_ids
    from tracker.store.tables import GoalRow

    if not goals:
        return
    table = SQLModel.metadata.tables[str(GoalRow.__tablename__)]
    with write_session(engine) as session:
        ids = indicator_ids(session=session)
        rows = [
            {**goal_fields(g), "indicator_id": ids[g.indicator.key], "recorded_at": LOADED_AT}
            for g in goals
        ]
        session.connection().execute(insert(table), rows)


def months(years: int) -> list[Period]:
    """The ``years`` × 12 months up to LAST_MONTH of GOAL_YEAR."""
    last = GOAL_YEAR * 12 + LAST_MONTH - 1
    return [Period.month(m // 12, m % 12 + 1) for m in range(last - years * 12 + 1, last + 1)]


def insert_figures(engine: Engine, *, places: range, years: int) -> int:
    """Every monthly figure of ``places`` (district numbers), one in REVISED_EVERY with a
    second revision, inserted with ``insert_figures`` in batches; returns the rows inserted."""
    from tracker.store.db import write_session
    from tracker.store.figures import FIGURE_COLUMNS
    from tracker.store.figures import insert_figures as insert
    from tracker.store.indicators import indicator_ids

    periods = months(years)
    with write_session(engine) as session:
        ids = sorted(indicator_ids(session=session).items())
    total = 0
    for chunk in _batches(ids, places, periods):
        columns: dict[str, list[Any]] = {name: [] for name in FIGURE_COLUMNS}
        for row in chunk:
            for name, value in zip(FIGURE_COLUMNS, row, strict=True):
                columns[name].append(value)
        with write_session(engine) as session:
            insert(session=session, columns=columns)
        total += len(chunk)
    return total


def _batches(
    ids: list[tuple[str, int]], places: range, periods: list[Period]
) -> Iterator[list[tuple[Any, ...]]]:
    batch: list[tuple[Any, ...]] = []
    for place in places:
        randomly = random.Random(place)
        stored = stored_key(place)
        for n, (_, indicator_id) in enumerate(ids):
            measure = KINDS[n % len(KINDS)][0]
            for m, period in enumerate(periods):
                value = plausible_value(measure, period, randomly)
                revisions = 2 if (place + n + m) % REVISED_EVERY == 0 else 1
                for revision in range(1, revisions + 1):
                    batch.append(_row(indicator_id, stored, period, revision, value + revision - 1))
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _row(
    indicator_id: int, place: str, period: Period, revision: int, value: Decimal
) -> tuple[Any, ...]:
    """One revision in the order of ``FIGURE_COLUMNS``."""
    return (
        indicator_id,
        place,
        str(period),
        period.end,
        revision,
        value,
        None,
        False,
        None,
        "bench",
        None,
        None,
        "corrected" if revision > 1 else None,
        "bench",
        LOADED_AT,
    )


# PostgreSQL: each run works in a schema of its own in the given database, dropped at the end,
# so that a run beside the tests or another run sees none of their tables.


def create_schema(base_url: str, schema: str) -> str:
    """Create ``schema`` at ``base_url``; the URL whose connections use it."""
    with _connection(base_url) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in base_url else "?"
    return f"{base_url}{separator}options=-csearch_path%3D{schema}"


def drop_schema(base_url: str, schema: str) -> None:
    with _connection(base_url) as connection:
        connection.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@contextmanager
def _connection(url: str) -> Iterator[Any]:
    import psycopg

    with psycopg.connect(libpq_url(url), autocommit=True) as connection:
        yield connection


def libpq_url(url: str) -> str:
    """A SQLAlchemy PostgreSQL URL as libpq takes it (``postgresql://``, options kept)."""
    parsed = make_url(url).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)

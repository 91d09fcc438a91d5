"""Indicators, owners, goals and known results, from the TOML files of the config folder.

owners.toml        [owners.KEY]       name_zh, name_en
indicators.toml    [indicators.KEY]   name_zh, name_en, unit, measure, cadence, owner, ...
goals/YEAR.toml    [goals.KEY]        target, comparator, tolerance, warning, basis, ...
results/YEAR.toml  [results.KEY]      value, preliminary, note (the period is the year)

The files are read by ``tracker.configuration.load``; the functions here turn their tables
into the domain's objects, recording every problem instead of stopping at the first.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from tracker.configuration.problems import (
    Problems,
    Source,
    close_hint,
    name_problem,
    value_problem,
)
from tracker.domain.errors import TrackerError
from tracker.domain.measures import MEASURES
from tracker.domain.model import Basis, Comparator, Goal, Indicator, Measure, Owner, Pace
from tracker.domain.periods import Cadence, Period

# The warning band when a goal does not set one: percentage points, a share of the expected
# count, or places.
OWNER_KEYS = ("name_zh", "name_en")
INDICATOR_KEYS = (
    "name_zh", "name_en", "unit", "measure", "cadence", "owner",
    "start_month", "lag_days", "range", "decimals",
)  # fmt: skip
GOAL_KEYS = (
    "target", "comparator", "tolerance", "warning", "basis", "pace", "label_zh", "label_en",
)  # fmt: skip
RESULT_KEYS = ("value", "preliminary", "note", "period", "source")


@dataclass(frozen=True)
class KnownFigure:
    """A figure that ships with the configuration (e.g. last year's results from a report)."""

    key: str
    period: Period
    value: Decimal
    preliminary: bool = False
    note: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Definitions:
    """What ``tracker init`` loads: indicators, the goals of every year, known results."""

    indicators: tuple[Indicator, ...]
    goals: tuple[Goal, ...]
    results: tuple[KnownFigure, ...]


def tables(
    source: Source, name: str, problems: Problems, *, also: tuple[str, ...] = ()
) -> dict[str, dict[str, Any]]:
    """The ``[NAME.KEY]`` tables of a file; top-level keys other than NAME and ``also`` are
    refused."""
    problems.unknown_keys(source, "", source.data, (name, *also))
    found = source.data.get(name, {})
    if not isinstance(found, dict) or not all(isinstance(t, dict) for t in found.values()):
        problems.add(source, f"[{name}.KEY] tables expected", table=name)
        return {}
    named = {}
    for key, table in found.items():
        problem = name_problem(key)
        if problem:
            problems.add(source, f"[{name}.{key!r}] the key {problem}", table=f"{name}.{key}")
        else:
            named[key] = table
    return named


_E = TypeVar("_E", Measure, Cadence, Comparator, Basis, Pace)


class Table:
    """Typed access to one TOML table; each bad value is recorded with its line, and ``ok``
    tells whether the table had none."""

    def __init__(
        self,
        source: Source,
        problems: Problems,
        name: str,
        table: dict[str, Any],
        known: tuple[str, ...],
    ) -> None:
        self.source, self.problems, self.name, self.table = source, problems, name, table
        self.ok = True
        before = len(problems.found)
        problems.unknown_keys(source, name, table, known)
        for key, value in table.items():  # whatever the key: sane values only
            problem = value_problem(value)
            if problem:
                problems.add(source, f"[{name}] '{key}' {problem}", table=name, key=key)
        self.ok = len(problems.found) == before

    def fail(self, message: str, key: str | None = None) -> None:
        self.ok = False
        self.problems.add(self.source, f"[{self.name}] {message}", table=self.name, key=key)

    def text(self, name: str, default: str | None = None) -> str:
        value = self.table.get(name, default)
        if not isinstance(value, str) or not value.strip():
            self.fail(f"'{name}' must be a non-empty string", name)
            return ""
        return value

    def number(self, name: str, default: Decimal | None = None) -> Decimal:
        value = self.table.get(name, default)
        if isinstance(value, bool) or not isinstance(value, Decimal | int):
            self.fail(f"'{name}' must be a number", name)
            return Decimal(0)
        return Decimal(value)

    def integer(
        self, name: str, default: int, low: int | None = None, high: int | None = None
    ) -> int:
        value = self.table.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(f"'{name}' must be a whole number", name)
            return default
        if (low is not None and value < low) or (high is not None and value > high):
            self.fail(f"'{name}' must be {low} to {high}", name)
            return default
        return value

    def choice(self, name: str, kind: type[_E], default: str | None = None) -> _E:
        value = self.table.get(name, default)
        try:
            return kind(str(value))
        except ValueError:
            allowed = ", ".join(m.value for m in kind)
            self.fail(f"'{name}' is {value!r}; use one of: {allowed}", name)
            return next(iter(kind))


def owners(source: Source, problems: Problems) -> dict[str, Owner]:
    """The owners of ``owners.toml``, by key."""
    found = {}
    for key, table in tables(source, "owners", problems).items():
        t = Table(source, problems, f"owners.{key}", table, OWNER_KEYS)
        owner = Owner(key, t.text("name_zh"), t.text("name_en"))
        if t.ok:
            found[key] = owner
    return found


def indicators(
    source: Source,
    problems: Problems,
    known_owners: Mapping[str, Owner],
    owner_keys: set[str] | None,
) -> dict[str, Indicator]:
    """The indicators of ``indicators.toml``, by key; ``owner_keys``: every key of owners.toml
    (an owner with a bad name is not 'not defined'), None when owners.toml could not be read."""
    found = {}
    for key, table in tables(source, "indicators", problems).items():
        t = Table(source, problems, f"indicators.{key}", table, INDICATOR_KEYS)
        owner_key = t.text("owner")
        if owner_key and owner_keys is not None and owner_key not in owner_keys:
            hint = close_hint(owner_key, owner_keys)
            t.fail(f"owner '{owner_key}' is not defined in owners.toml; {hint}", "owner")
        span = table.get("range")
        if span is not None and (
            not isinstance(span, list)
            or len(span) != 2
            or not all(isinstance(v, Decimal | int) and not isinstance(v, bool) for v in span)
        ):
            t.fail("'range' must be [minimum, maximum]", "range")
            span = None
        indicator = Indicator(
            key=key,
            name_zh=t.text("name_zh"),
            name_en=t.text("name_en"),
            unit=t.text("unit"),
            measure=t.choice("measure", Measure),
            cadence=t.choice("cadence", Cadence),
            owner=known_owners.get(owner_key) or Owner(owner_key, owner_key, owner_key),
            start_month=t.integer("start_month", 1, 1, 12),
            lag_days=t.integer("lag_days", 20),
            minimum=Decimal(span[0]) if span else None,
            maximum=Decimal(span[1]) if span else None,
            decimals=t.integer("decimals", 1),
        )
        if t.ok and owner_key in known_owners:
            found[key] = indicator
    return found


def unique_names(source: Source, problems: Problems, found: Mapping[str, Indicator]) -> None:
    """Every key and name (Chinese, English; case ignored) names one indicator only: a figure
    typed by a name shared by two would go to either. Each clash is a problem at the later one's
    line; nothing is removed (the config does not load)."""
    seen: dict[str, str] = {}
    for key, indicator in found.items():
        names = dict.fromkeys(
            n.strip().casefold() for n in (key, indicator.name_zh, indicator.name_en)
        )
        for name in names:
            other = seen.setdefault(name, key)
            if other != key:
                problems.add(
                    source,
                    f"[indicators.{key}] the name '{name}' is also indicators.{other}'s; give "
                    "each indicator its own key and names",
                    table=f"indicators.{key}",
                )


def goals(
    source: Source,
    problems: Problems,
    year: int,
    known: Mapping[str, Indicator],
    indicator_keys: set[str] | None,
) -> list[Goal]:
    """The goals of ``goals/YEAR.toml``; ``indicator_keys`` as for ``results``."""
    found = []
    for key, table in tables(source, "goals", problems).items():
        t = Table(source, problems, f"goals.{key}", table, GOAL_KEYS)
        if indicator_keys is not None and key not in indicator_keys:
            hint = close_hint(key, indicator_keys)
            t.fail(f"no indicator '{key}' in indicators.toml; {hint}")
            continue
        if key not in known:
            continue  # the indicator has its own problems
        indicator = known[key]
        goal = Goal(
            indicator=indicator,
            year=year,
            comparator=t.choice("comparator", Comparator, "at_least"),
            target=t.number("target"),
            tolerance=t.number("tolerance", Decimal(0)),
            warning=t.number("warning", MEASURES[indicator.measure].default_warning),
            basis=t.choice("basis", Basis, "value"),
            pace=t.choice("pace", Pace, "linear"),
            label_zh=str(table.get("label_zh", "")),
            label_en=str(table.get("label_en", "")),
        )
        if t.ok:
            found.append(goal)
    return found


def results(
    source: Source, problems: Problems, year: int, indicator_keys: set[str] | None
) -> list[KnownFigure]:
    """The known results of ``results/YEAR.toml`` (the file's ``source`` applies to each);
    ``indicator_keys``: every key of indicators.toml, None when it could not be read."""
    found = []
    data = source.data
    for key, table in tables(source, "results", problems, also=("source",)).items():
        t = Table(source, problems, f"results.{key}", table, RESULT_KEYS)
        if indicator_keys is not None and key not in indicator_keys:
            hint = close_hint(key, indicator_keys)
            t.fail(f"no indicator '{key}' in indicators.toml; {hint}")
            continue
        try:
            period = Period.parse(str(table.get("period", year)))
        except TrackerError as e:
            t.fail(str(e), "period")
            continue
        note, origin = table.get("note"), table.get("source", data.get("source"))
        result = KnownFigure(
            key=key,
            period=period,
            value=t.number("value"),
            preliminary=bool(table.get("preliminary", False)),
            note=None if note is None else str(note),
            source=None if origin is None else str(origin),
        )
        if t.ok:
            found.append(result)
    return found

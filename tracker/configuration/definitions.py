"""Indicators, owners, goals and known results, read from the TOML files of the config directory.

owners.toml        [owners.KEY]       name_zh, name_en
indicators.toml    [indicators.KEY]   name_zh, name_en, unit, measure, cadence, owner, ...
goals/YEAR.toml    [goals.KEY]        target, comparator, tolerance, warning, basis, ...
results/YEAR.toml  [results.KEY]      value, preliminary, note (the period is the year)
"""

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from tracker.configuration.files import read_toml
from tracker.domain.errors import ConfigError, TrackerError
from tracker.domain.measures import MEASURES
from tracker.domain.model import Basis, Comparator, Goal, Indicator, Measure, Owner, Pace
from tracker.domain.periods import Cadence, Period

# The warning band when a goal does not set one: percentage points, a share of the expected
# count, or places.
DEFAULT_WARNING = {
    Measure.GROWTH: Decimal("1.0"),
    Measure.LEVEL: Decimal("1.0"),
    Measure.COUNT: Decimal("0.10"),
    Measure.RANK: Decimal(3),
}


@dataclass(frozen=True)
class KnownResult:
    """A figure that ships with the configuration (e.g. last year's results from a report)."""

    key: str
    period: Period
    value: Decimal
    preliminary: bool = False
    note: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Definitions:
    indicators: tuple[Indicator, ...]
    goals: tuple[Goal, ...]
    results: tuple[KnownResult, ...]


def load_definitions(config_dir: Path) -> Definitions:
    if not config_dir.is_dir():
        raise ConfigError(
            f"config directory {config_dir} does not exist; pass --config DIR or set "
            "TRACKER_CONFIG_DIR to a folder holding indicators.toml"
        )
    path = config_dir / "owners.toml"
    owners = {k: _owner(k, t, path) for k, t in _tables(path, "owners").items()}
    path = config_dir / "indicators.toml"
    indicators = {k: _indicator(k, t, owners, path) for k, t in _tables(path, "indicators").items()}
    goals = [
        _goal(key, table, indicators, year, path)
        for year, path in _yearly(config_dir / "goals")
        for key, table in _tables(path, "goals").items()
    ]
    results = [
        _result(key, {"source": _read(path).get("source"), **table}, indicators, year, path)
        for year, path in _yearly(config_dir / "results")
        for key, table in _tables(path, "results").items()
    ]
    return Definitions(tuple(indicators.values()), tuple(goals), tuple(results))


def _read(path: Path) -> dict[str, Any]:
    return read_toml(path, parse_float=Decimal)


def _tables(path: Path, name: str) -> dict[str, dict[str, Any]]:
    tables = _read(path).get(name, {})
    if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
        raise ConfigError(f"{path}: [{name}.KEY] tables expected")
    return tables


def _yearly(folder: Path) -> list[tuple[int, Path]]:
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.toml")):
        if not path.stem.isdigit():
            raise ConfigError(f"{path}: name the file after its year, e.g. 2020.toml")
        found.append((int(path.stem), path))
    return found


_E = TypeVar("_E", Measure, Cadence, Comparator, Basis, Pace)


class _Table:
    """Typed access to one TOML table, with errors that name the file and the table."""

    def __init__(self, table: dict[str, Any], where: str) -> None:
        self.table, self.where = table, where

    def fail(self, message: str) -> ConfigError:
        return ConfigError(f"{self.where}: {message}")

    def text(self, name: str, default: str | None = None) -> str:
        value = self.table.get(name, default)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"'{name}' must be a non-empty string")
        return value

    def number(self, name: str, default: Decimal | None = None) -> Decimal:
        value = self.table.get(name, default)
        if isinstance(value, bool) or not isinstance(value, Decimal | int):
            raise self.fail(f"'{name}' must be a number")
        return Decimal(value)

    def integer(self, name: str, default: int) -> int:
        value = self.table.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"'{name}' must be a whole number")
        return value

    def choice(self, name: str, kind: type[_E], default: str | None = None) -> _E:
        value = self.table.get(name, default)
        try:
            return kind(str(value))
        except ValueError:
            allowed = ", ".join(m.value for m in kind)
            raise self.fail(f"'{name}' is {value!r}; use one of: {allowed}") from None


def _owner(key: str, table: dict[str, Any], path: Path) -> Owner:
    t = _Table(table, f"{path} [owners.{key}]")
    return Owner(key, t.text("name_zh"), t.text("name_en"))


def _indicator(key: str, table: dict[str, Any], owners: dict[str, Owner], path: Path) -> Indicator:
    t = _Table(table, f"{path} [indicators.{key}]")
    owner_key = t.text("owner")
    if owner_key not in owners:
        raise t.fail(f"owner '{owner_key}' is not defined in owners.toml")
    span = table.get("range")
    if span is not None and (not isinstance(span, list) or len(span) != 2):
        raise t.fail("'range' must be [minimum, maximum]")
    start_month = t.integer("start_month", 1)
    if not 1 <= start_month <= 12:
        raise t.fail("'start_month' must be 1 to 12")
    return Indicator(
        key=key,
        name_zh=t.text("name_zh"),
        name_en=t.text("name_en"),
        unit=t.text("unit"),
        measure=t.choice("measure", Measure),
        cadence=t.choice("cadence", Cadence),
        owner=owners[owner_key],
        start_month=start_month,
        lag_days=t.integer("lag_days", 20),
        minimum=Decimal(span[0]) if span else None,
        maximum=Decimal(span[1]) if span else None,
        decimals=t.integer("decimals", 1),
    )


def _goal(
    key: str, table: dict[str, Any], indicators: dict[str, Indicator], year: int, path: Path
) -> Goal:
    t = _Table(table, f"{path} [goals.{key}]")
    if key not in indicators:
        raise t.fail(f"no indicator '{key}' in indicators.toml")
    indicator = indicators[key]
    return Goal(
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


def _result(
    key: str, table: dict[str, Any], indicators: dict[str, Indicator], year: int, path: Path
) -> KnownResult:
    t = _Table(table, f"{path} [results.{key}]")
    if key not in indicators:
        raise t.fail(f"no indicator '{key}' in indicators.toml")
    try:
        period = Period.parse(str(table.get("period", year)))
    except TrackerError as e:
        raise t.fail(str(e)) from None
    return KnownResult(
        key=key,
        period=period,
        value=t.number("value"),
        preliminary=bool(table.get("preliminary", False)),
        note=table.get("note"),
        source=table.get("source"),
    )

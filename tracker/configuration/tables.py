"""The ``[NAME.KEY]`` tables of a config file, and typed access to the values of one, each
bad value recorded with its line (``Problems``) instead of stopping at the first.

Used by the files of definitions: owners.toml, indicators.toml, places.toml, goals/ and
results/.
"""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from tracker.configuration.problems import Problems, Source, name_problem, value_problem
from tracker.domain.model import Basis, Comparator, Measure, On, Pace
from tracker.domain.periods import Cadence
from tracker.domain.plans import PlanBasis

# The lengths the database holds (tracker/store/tables.py): longer text is refused at load.
KEY_LIMIT, NAME_LIMIT, UNIT_LIMIT = 64, 200, 20


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
        if not problem and len(key) > KEY_LIMIT:
            problem = f"has {len(key)} characters; shorten it to {KEY_LIMIT}"
        if problem:
            problems.add(source, f"[{name}.{key!r}] the key {problem}", table=f"{name}.{key}")
        else:
            named[key] = table
    return named


_E = TypeVar("_E", Measure, Cadence, Comparator, Basis, Pace, On, PlanBasis)


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

    def text(self, name: str, default: str | None = None, *, limit: int | None = None) -> str:
        """A non-empty string of at most ``limit`` characters (what the database holds)."""
        value = self.table.get(name, default)
        if not isinstance(value, str) or not value.strip():
            self.fail(f"'{name}' must be a non-empty string", name)
            return ""
        if limit is not None and len(value) > limit:
            self.fail(f"'{name}' has {len(value)} characters; shorten it to {limit}", name)
            return ""
        return value

    def number(
        self, name: str, default: Decimal | None = None, *, low: Decimal | None = None
    ) -> Decimal:
        """A number, at least ``low`` when given."""
        value = self.table.get(name, default)
        if isinstance(value, bool) or not isinstance(value, Decimal | int):
            self.fail(f"'{name}' must be a number", name)
            return Decimal(0)
        if low is not None and value < low:
            self.fail(f"'{name}' = {value} must be {low} or more", name)
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


def clashing_names(
    named: Mapping[str, Iterable[str]],
) -> Iterable[tuple[str, str, str]]:
    """(key, name as written, other key) for each name that a later key shares with an earlier
    one, in order: ``named`` maps each key to its names (the key itself among them when it may
    be typed as a name), compared without surrounding spaces and case."""
    seen: dict[str, str] = {}
    for key, names in named.items():
        own: dict[str, str] = {}  # each name once, as first written
        for name in names:
            own.setdefault(name.strip().casefold(), name.strip())
        for folded, name in own.items():
            other = seen.setdefault(folded, key)
            if other != key:
                yield key, name, other

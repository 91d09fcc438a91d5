"""Owners, indicators and known results, from the TOML files of the config folder (the goals
are read by ``tracker.configuration.goals``).

owners.toml        [owners.KEY]       name_zh, name_en
indicators.toml    [indicators.KEY]   name_zh, name_en, unit, measure, cadence, owner, ...
results/YEAR.toml  [results.KEY]      value, preliminary, note (the period is the year)

The files are read by ``tracker.configuration.sections``; the functions here turn their tables
into the domain's objects, recording every problem instead of stopping at the first.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from tracker.configuration.problems import Problems, Source, close_hint
from tracker.configuration.tables import NAME_LIMIT, UNIT_LIMIT, Table, clashing_names, tables
from tracker.domain.errors import TrackerError
from tracker.domain.measures import default_decimals
from tracker.domain.model import Goal, Indicator, Measure, Owner
from tracker.domain.periods import Cadence, Period

OWNER_KEYS = ("name_zh", "name_en")
INDICATOR_KEYS = (
    "name_zh", "name_en", "unit", "measure", "cadence", "owner",
    "start_month", "lag_days", "range", "decimals", "aliases", "max_step",
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
    place: str = ""  # the stored key of its place ("": home)


@dataclass(frozen=True)
class Definitions:
    """What ``tracker init`` loads: indicators, the goals of every year, known results."""

    indicators: tuple[Indicator, ...]
    goals: tuple[Goal, ...]
    results: tuple[KnownFigure, ...]


def owners(source: Source, problems: Problems) -> dict[str, Owner]:
    """The owners of ``owners.toml``, by key."""
    found = {}
    for key, table in tables(source, "owners", problems).items():
        t = Table(source, problems, f"owners.{key}", table, OWNER_KEYS)
        owner = Owner(key, t.text("name_zh", limit=NAME_LIMIT), t.text("name_en", limit=NAME_LIMIT))
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
        owner_key = _owner(t, owner_keys)
        span = _range(t)
        measure = t.choice("measure", Measure)
        milestone = measure is Measure.MILESTONE  # done on a day: no unit, one a year
        unit = t.text("unit", limit=UNIT_LIMIT) if "unit" in table or not milestone else ""
        indicator = Indicator(
            key=key,
            name_zh=t.text("name_zh", limit=NAME_LIMIT),
            name_en=t.text("name_en", limit=NAME_LIMIT),
            unit=unit,
            measure=measure,
            cadence=_cadence(t, milestone),
            owner=known_owners.get(owner_key) or Owner(owner_key, owner_key, owner_key),
            start_month=t.integer("start_month", 1, 1, 12),
            lag_days=t.integer("lag_days", 20, 0, 366),
            minimum=span[0] if span else None,
            maximum=span[1] if span else None,
            decimals=t.integer("decimals", default_decimals(unit), 0, 6),
            aliases=_aliases(t, table.get("aliases", [])),
            max_step=_max_step(t, table.get("max_step")),
        )
        if t.ok and owner_key in known_owners:
            found[key] = indicator
    return found


def _cadence(t: Table, milestone: bool) -> Cadence:
    """``cadence``; a milestone's is annual (it is done once in its year), written or not."""
    if not milestone:
        return t.choice("cadence", Cadence)
    cadence = t.choice("cadence", Cadence, Cadence.ANNUAL.value)
    if cadence is not Cadence.ANNUAL:
        t.fail(
            "a milestone is done once in its year: leave 'cadence' out (it is annual)", "cadence"
        )
    return Cadence.ANNUAL


def _owner(t: Table, owner_keys: set[str] | None) -> str:
    """``owner``: a key of owners.toml (any key when owners.toml could not be read)."""
    owner_key = t.text("owner")
    if owner_key and owner_keys is not None and owner_key not in owner_keys:
        hint = close_hint(owner_key, owner_keys)
        t.fail(f"owner '{owner_key}' is not defined in owners.toml; {hint}", "owner")
    return owner_key


def _range(t: Table) -> tuple[Decimal, Decimal] | None:
    """``range = [minimum, maximum]``: the plausible figures, None when not given (or wrong,
    with a problem)."""
    span = t.table.get("range")
    if span is None:
        return None
    if (
        not isinstance(span, list)
        or len(span) != 2
        or not all(isinstance(v, Decimal | int) and not isinstance(v, bool) for v in span)
    ):
        t.fail("'range' must be [minimum, maximum]", "range")
        return None
    low, high = Decimal(span[0]), Decimal(span[1])
    if low.is_finite() and high.is_finite() and low > high:
        t.fail(f"'range' = {span} has the larger number first; write [minimum, maximum]", "range")
        return None
    return low, high


def _aliases(t: Table, value: object) -> tuple[str, ...]:
    """``aliases = ["规上工业增加值", ...]``: other names bureaus write for the indicator."""
    if not isinstance(value, list) or not all(isinstance(a, str) and a.strip() for a in value):
        t.fail("'aliases' must be a list of names, e.g. [\"规上工业增加值\"]", "aliases")
        return ()
    return tuple(a.strip() for a in value)


def _max_step(t: Table, value: object) -> Decimal | None:
    """``max_step``: the largest plausible move of a rate from one period to the next, in
    percentage points (default 10; a larger move needs --force)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, Decimal | int) or value <= 0:
        t.fail("'max_step' must be a positive number of percentage points, e.g. 10", "max_step")
        return None
    return Decimal(value)


def unique_names(source: Source, problems: Problems, found: Mapping[str, Indicator]) -> None:
    """Every key and name (Chinese, English; case ignored) names one indicator only: a figure
    typed by a name shared by two would go to either. Each clash is a problem at the later one's
    line; nothing is removed (the config does not load)."""
    named = {key: (key, i.name_zh, i.name_en) for key, i in found.items()}
    for key, name, other in clashing_names(named):
        problems.add(
            source,
            f"[indicators.{key}] the name '{name}' is also indicators.{other}'s; give "
            "each indicator its own key and names",
            table=f"indicators.{key}",
        )


def results(
    source: Source,
    problems: Problems,
    year: int,
    indicator_keys: set[str] | None,
    known: Mapping[str, Indicator] | None = None,
) -> list[KnownFigure]:
    """The known results of ``results/YEAR.toml`` (the file's ``source`` applies to each);
    ``indicator_keys``: every key of indicators.toml, None when it could not be read;
    ``known``: the indicators that loaded, by key: a quarterly indicator's year is stored as
    its Q4 (January–December), which is what its figures of other places and years say."""
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
        indicator = (known or {}).get(key)
        if period.months == 12 and indicator and indicator.cadence is Cadence.QUARTERLY:
            period = Period.quarter(period.year, 4)
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

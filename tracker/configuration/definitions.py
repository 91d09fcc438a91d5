"""Indicators, owners, goals and known results, from the TOML files of the config folder.

owners.toml        [owners.KEY]       name_zh, name_en
indicators.toml    [indicators.KEY]   name_zh, name_en, unit, measure, cadence, owner, ...
goals/YEAR.toml    [goals.KEY]        target, comparator, tolerance, warning, basis, ...
                                      reference ("gdp", "city", "city:gdp"), rank_among
results/YEAR.toml  [results.KEY]      value, preliminary, note (the period is the year)

The files are read by ``tracker.configuration.load``; the functions here turn their tables
into the domain's objects, recording every problem instead of stopping at the first.
"""

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
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
from tracker.domain.model import (
    Basis,
    Comparator,
    Goal,
    Indicator,
    Measure,
    On,
    Owner,
    Pace,
    TargetKind,
)
from tracker.domain.periods import Cadence, Period
from tracker.domain.places import HOME, Places
from tracker.domain.ranking import lower_is_better

# The warning band when a goal does not set one: percentage points, a share of the expected
# count, or places.
# The lengths the database holds (tracker/store/tables.py): longer text is refused at load.
KEY_LIMIT, NAME_LIMIT, UNIT_LIMIT = 64, 200, 20

OWNER_KEYS = ("name_zh", "name_en")
INDICATOR_KEYS = (
    "name_zh", "name_en", "unit", "measure", "cadence", "owner",
    "start_month", "lag_days", "range", "decimals", "aliases", "max_step",
)  # fmt: skip
GOAL_KEYS = (
    "target", "comparator", "tolerance", "warning", "basis", "pace", "label_zh", "label_en",
    "stretch", "ceiling", "assigned_by", "reference", "indicator", "on",
    "unit", "name_zh", "name_en", "versions", "rank_among",
)  # fmt: skip
# A version restates the terms that change, with its date and reason; it cannot move the goal
# to another indicator or number.
VERSION_KEYS = (
    "effective", "reason", "target", "comparator", "tolerance", "warning", "stretch",
    "ceiling", "label_zh", "label_en",
)  # fmt: skip
# What ``target`` may say instead of a number (docs/status-rules.md, "Kinds of target").
TARGET_WORDS = {"assigned": TargetKind.ASSIGNED, "none": TargetKind.NONE}
# Whom a rank goal is ranked among (docs/status-rules.md, "Places and peers"), and the
# comparators a rank takes: 1 is best, so a rank target is a ceiling (位居全市前3: at most 3).
RANK_AMONG = ("peers",)
RANK_COMPARATORS = (Comparator.AT_MOST, Comparator.BELOW)
RANK_WARNING = Decimal(1)  # places: 4th of a top-3 target is at risk, 5th lagging
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


_E = TypeVar("_E", Measure, Cadence, Comparator, Basis, Pace, On)


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
        finite = span is not None and all(Decimal(v).is_finite() for v in span)
        if span is not None and finite and span[0] > span[1]:
            t.fail(
                f"'range' = {span} has the larger number first; write [minimum, maximum]", "range"
            )
            span = None
        indicator = Indicator(
            key=key,
            name_zh=t.text("name_zh", limit=NAME_LIMIT),
            name_en=t.text("name_en", limit=NAME_LIMIT),
            unit=t.text("unit", limit=UNIT_LIMIT),
            measure=t.choice("measure", Measure),
            cadence=t.choice("cadence", Cadence),
            owner=known_owners.get(owner_key) or Owner(owner_key, owner_key, owner_key),
            start_month=t.integer("start_month", 1, 1, 12),
            lag_days=t.integer("lag_days", 20, 0, 366),
            minimum=Decimal(span[0]) if span else None,
            maximum=Decimal(span[1]) if span else None,
            decimals=t.integer("decimals", 1, 0, 6),
            aliases=_aliases(t, table.get("aliases", [])),
            max_step=_max_step(t, table.get("max_step")),
        )
        if t.ok and owner_key in known_owners:
            found[key] = indicator
    return found


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
    *,
    places: Places | None = None,
    place: str = HOME,
) -> list[Goal]:
    """The goals of ``goals/YEAR.toml``; ``indicator_keys`` as for ``results``; ``place``:
    the stored key of the place the file is about, one of ``places`` (default: the home place
    alone).

    A goal's key is its indicator's, or its own with ``indicator = KEY`` (a second goal on
    one indicator, e.g. on its amount). Every kind of target of docs/status-rules.md, "Kinds
    of target" and "Places and peers", is checked here: one problem per mistake, with its line
    and the fix. A rank goal without ``ceiling`` takes it from the file's other goals on its
    indicator (``lower_is_better``).
    """
    where = _Where(places or Places(), place)
    found = []
    for key, table in tables(source, "goals", problems).items():
        t = Table(source, problems, f"goals.{key}", table, GOAL_KEYS)
        indicator_key = key
        if "indicator" in table:
            indicator_key = t.text("indicator")
        if indicator_keys is not None and indicator_key not in indicator_keys:
            hint = close_hint(indicator_key, indicator_keys)
            t.fail(
                f"no indicator '{indicator_key}' in indicators.toml; {hint}",
                _at(table, "indicator"),
            )
            continue
        if indicator_key not in known:
            continue  # the indicator has its own problems
        goal = _goal(t, key, known[indicator_key], year, known, indicator_keys, where)
        if t.ok and goal is not None:
            versions = _versions(t, key, goal, known, indicator_keys, where)
            if versions is not None:
                found.append(replace(goal, versions=versions))
    return _rank_ceilings(found)


@dataclass(frozen=True)
class _Where:
    """The places, and the stored key of the place whose goals are being read."""

    places: Places
    place: str

    @property
    def key(self) -> str:
        """The configured key of the place."""
        return self.places.configured(self.place)


def _rank_ceilings(found: list[Goal]) -> list[Goal]:
    """The goals, each rank goal that does not say ``ceiling`` ranked lowest first when the
    file's other goals on its indicator make it a ceiling indicator (docs/status-rules.md,
    "Places and peers")."""
    if not any(g.rank_among is not None and not g.ceiling for g in found):
        return found
    others = [g for g in found if g.rank_among is None]

    def settled(goal: Goal) -> Goal:
        if goal.rank_among is None or goal.ceiling:
            return goal
        return replace(goal, ceiling=lower_is_better(goal.indicator, others))

    return [
        replace(settled(g), versions=tuple(settled(v) for v in g.versions))
        if g.rank_among is not None
        else g
        for g in found
    ]


def _versions(
    t: Table,
    key: str,
    goal: Goal,
    known: Mapping[str, Indicator],
    indicator_keys: set[str] | None,
    where: "_Where",
) -> tuple[Goal, ...] | None:
    """The ``[[goals.KEY.versions]]`` of a goal, in date order: each restates what changes from
    the version before, with ``effective`` (a date of the goal's year after 1 January) and
    ``reason``; None when one is wrong (its problems recorded)."""
    listed = t.table.get("versions", [])
    name = f"goals.{key}.versions"
    if not isinstance(listed, list) or not all(isinstance(v, dict) for v in listed):
        t.fail("'versions' must be [[goals.KEY.versions]] tables", "versions")
        return None
    ok, dated = True, []
    for table in listed:
        v = Table(t.source, t.problems, name, table, VERSION_KEYS)
        effective = table.get("effective")
        if isinstance(effective, str):  # "2020-04-26" as well as 2020-04-26
            with contextlib.suppress(ValueError):
                effective = date.fromisoformat(effective)
        if not isinstance(effective, date) or isinstance(effective, datetime):
            example = f"effective = {goal.year}-04-26"
            v.fail(f"'effective' must be a date of {goal.year}, e.g. {example}", "effective")
        elif not date(goal.year, 1, 2) <= effective <= date(goal.year, 12, 31):
            v.fail(
                f"'effective' {effective} is not after 1 January {goal.year}: a version takes "
                f"effect during the goal's year (the goal as written applies from 1 January)",
                "effective",
            )
        reason = v.text("reason")
        if v.ok:
            dated.append((effective, reason, table))
        ok = ok and v.ok
    dates = [d for d, _, _ in dated]
    for day in sorted({d for d in dates if dates.count(d) > 1}):
        t.fail(f"two versions take effect on {day}; give each its own date", "versions")
        ok = False
    if not ok:
        return None
    found = []
    terms = {k: v for k, v in t.table.items() if k != "versions"}
    for effective, reason, table in sorted(dated, key=lambda d: d[0]):
        terms |= {k: v for k, v in table.items() if k not in ("effective", "reason")}
        if "target" in table and terms.get("target") not in ("assigned",):
            terms.pop("assigned_by", None)  # the number has arrived
        merged = Table(t.source, t.problems, name, terms, tuple(terms))
        version = _goal(merged, key, goal.indicator, goal.year, known, indicator_keys, where)
        if version is None or not merged.ok:
            return None
        if goal.on.value == "amount":
            version = replace(version, indicator=goal.indicator, on=goal.on)
        found.append(replace(version, effective=effective, reason=reason))
    return tuple(found)


def _at(table: dict[str, Any], key: str) -> str | None:
    return key if key in table else None


def _goal(
    t: Table,
    key: str,
    indicator: Indicator,
    year: int,
    known: Mapping[str, Indicator],
    indicator_keys: set[str] | None,
    where: "_Where",
) -> Goal | None:
    """One goal from its table, or None with its problems recorded."""
    table = t.table
    on = t.choice("on", On, "value")
    if on is On.AMOUNT:  # the amount is scored as a year-to-date count in its own unit
        indicator = replace(
            indicator,
            measure=Measure.COUNT,
            unit=str(table.get("unit", "")),
            name_zh=str(table.get("name_zh", indicator.name_zh)),
            name_en=str(table.get("name_en", indicator.name_en)),
        )
    else:
        for name in ("unit", "name_zh", "name_en"):
            if name in table:
                t.fail(f"'{name}' is only for a goal on the amount (on = \"amount\")", name)
    comparator = t.choice("comparator", Comparator, "at_least")
    raw = table.get("target")
    kind, target, high = TargetKind.NUMBER, Decimal(0), None
    if isinstance(raw, str) and raw in TARGET_WORDS:
        kind = TARGET_WORDS[raw]
    elif comparator is Comparator.BETWEEN:
        if not (isinstance(raw, list) and len(raw) == 2 and all(_is_number(v) for v in raw)):
            t.fail("'between' needs 'target = [low, high]', e.g. target = [5, 6]", "target")
        elif Decimal(raw[0]) >= Decimal(raw[1]):
            t.fail("'target = [low, high]' needs low below high, e.g. target = [5, 6]", "target")
        else:
            target, high = Decimal(raw[0]), Decimal(raw[1])
    elif isinstance(raw, list):
        t.fail("a range 'target = [low, high]' needs comparator = \"between\"", "target")
    else:
        target = t.number("target")
    if "assigned_by" in table and kind is not TargetKind.ASSIGNED:
        t.fail(
            "'assigned_by' is for target = \"assigned\"; a number that has arrived replaces it",
            "assigned_by",
        )
    rank_among = _rank_among(t, comparator, where)
    if (
        table.get("ceiling") is not None
        and comparator is not Comparator.BETWEEN
        and rank_among is None
    ):
        t.fail(
            "'ceiling' is only for comparator = \"between\", or a rank goal (rank_among) on an "
            "indicator ranked lowest first",
            "ceiling",
        )
    ceiling = table.get("ceiling", False)
    if not isinstance(ceiling, bool):
        t.fail("'ceiling' must be true or false", "ceiling")
    stretch = None
    if "stretch" in table:
        stretch = t.number("stretch")
        if kind is not TargetKind.NUMBER or comparator in (Comparator.ABOUT, Comparator.BETWEEN):
            t.fail(
                "'stretch' needs a number target with at_least, at_most, above or below", "stretch"
            )
        elif comparator.upward and stretch <= target:
            t.fail(
                f"'stretch' ({stretch}) must be above 'target' ({target}): 力争 over 确保",
                "stretch",
            )
        elif not comparator.upward and stretch >= target:
            t.fail(
                f"'stretch' ({stretch}) must be below 'target' ({target}) for a ceiling", "stretch"
            )
    reference, reference_place = None, None
    if "reference" in table:
        reference, reference_place = _reference(t, indicator, indicator_keys, where)
    basis = t.choice("basis", Basis, "value")
    if "reference" in table and basis is not Basis.VALUE:
        t.fail("'reference' and 'basis' cannot be combined; leave 'basis' out", "basis")
    if rank_among is not None and basis is not Basis.VALUE:
        t.fail("'rank_among' and 'basis' cannot be combined; leave 'basis' out", "basis")
    if rank_among is not None and "reference" in table:
        t.fail(
            "'rank_among' and 'reference' cannot be combined: a rank is among the peers; "
            "write two goals",
            "reference",
        )
    if not t.ok:
        return None
    default_warning = MEASURES[indicator.measure].default_warning
    if rank_among is not None:
        default_warning = RANK_WARNING
    return Goal(
        indicator=indicator,
        year=year,
        comparator=comparator,
        target=target,
        tolerance=t.number("tolerance", Decimal(0), low=Decimal(0)),
        warning=t.number("warning", default_warning, low=Decimal(0)),
        basis=basis,
        pace=t.choice("pace", Pace, "linear"),
        label_zh=str(table.get("label_zh", "")),
        label_en=str(table.get("label_en", "")),
        own_key="" if key == indicator.key else key,
        kind=kind,
        target_high=high,
        ceiling=bool(ceiling),
        stretch=stretch,
        assigned_by=str(table.get("assigned_by", "")),
        reference=known.get(reference) if reference else None,
        on=on,
        reference_place=reference_place,
        rank_among=rank_among,
        place=where.place,
    )


def _reference(
    t: Table, indicator: Indicator, indicator_keys: set[str] | None, where: _Where
) -> tuple[str | None, str | None]:
    """``reference``: ``"gdp"`` (another indicator of the same place), ``"city"`` (the same
    indicator of another place) or ``"city:gdp"``, as (indicator key or None for the goal's
    own, stored place key or None for the goal's own place); (None, None) with a problem.

    A key that is both a configured place and an indicator is refused: which one was meant
    cannot be told. Every place shares the indicators, so a configured place has each."""
    text = t.text("reference")
    if not text:
        return None, None
    places = where.places.by_key
    indicators = set(indicator_keys) if indicator_keys is not None else None
    place_key, sep, indicator_key = text.partition(":")
    if not sep:
        if text in places and indicators is not None and text in indicators:
            t.fail(
                f"'reference' '{text}' is both a place of places.toml and an indicator; "
                f"write '{text}:{indicator.key}' for the place, or rename one of them",
                "reference",
            )
            return None, None
        if text in places:
            place_key, indicator_key = text, ""
        else:
            place_key, indicator_key = "", text
    elif place_key not in places:
        t.fail(f"'reference': no place '{place_key}' in places.toml; "
               f"{close_hint(place_key, places)}", "reference")  # fmt: skip
        return None, None
    if indicator_key and indicators is not None and indicator_key not in indicators:
        known = indicators if sep else indicators | set(places)
        what = "indicator" if sep or len(places) == 1 else "indicator or place"
        hint = close_hint(indicator_key, known)
        files = "indicators.toml" if what == "indicator" else "indicators.toml or places.toml"
        t.fail(f"'reference': no {what} '{indicator_key}' in {files}; {hint}", "reference")
        return None, None
    same_place = not place_key or place_key == where.key
    same_indicator = not indicator_key or indicator_key == indicator.key
    if same_place and same_indicator:
        if place_key:
            t.fail(
                f"'reference' names the goal's own place '{place_key}' and indicator; name "
                "another place (e.g. its parent) or another indicator",
                "reference",
            )
        else:
            t.fail("'reference' names the goal's own indicator; name another one", "reference")
        return None, None
    return (
        None if same_indicator else indicator_key,
        None if same_place else where.places.stored(place_key),
    )


def _rank_among(t: Table, comparator: Comparator, where: _Where) -> str | None:
    """``rank_among = "peers"``: the goal is scored by the place's rank among the places with
    the same parent; None when the goal has none (or with a problem: a word other than
    "peers", a comparator other than at most or below, a place without peers)."""
    if "rank_among" not in t.table:
        return None
    among = t.table["rank_among"]
    if among not in RANK_AMONG:
        t.fail(f"'rank_among' is {among!r}; write rank_among = \"peers\"", "rank_among")
        return None
    if comparator not in RANK_COMPARATORS:
        t.fail(
            f'a rank goal takes comparator = "at_most" (1 is best: 位居全市前3 is '
            f'comparator = "at_most", target = 3), not {comparator.value!r}',
            "comparator" if "comparator" in t.table else "rank_among",
        )
        return None
    peers = where.places.peers(where.key)
    if len(peers) < 2:
        parent = where.places.by_key[where.key].parent
        why = (
            f"no other place of places.toml has its parent '{parent}'"
            if parent is not None
            else "it has no parent in places.toml"
        )
        t.fail(
            f"'rank_among': the place '{where.key}' has no peers to be ranked among ({why}); "
            "add its peers to places.toml, or leave rank_among out",
            "rank_among",
        )
        return None
    return str(among)


def _is_number(value: object) -> bool:
    return isinstance(value, Decimal | int) and not isinstance(value, bool)


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

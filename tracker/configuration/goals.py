"""``goals/YEAR.toml`` and ``goals/PLACE/YEAR.toml``: the goals of a year, each checked.

    [goals.gdp]
    target = 6
    comparator = "about"
    tolerance = 0.5
    label_zh = "6%左右"

Every kind of target of docs/status-rules.md ("Kinds of target", "Places and peers", "Goals
change during the year") is read here; each mistake is one problem with its line and its fix.
"""

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from tracker.configuration.problems import Problems, Source, close_hint
from tracker.configuration.tables import Table, tables
from tracker.domain.measures import MEASURES
from tracker.domain.model import Basis, Comparator, Goal, Indicator, Measure, On, Pace, TargetKind
from tracker.domain.places import HOME, Places
from tracker.domain.ranking import lower_is_better

GOAL_KEYS = (
    "target", "comparator", "tolerance", "warning", "basis", "pace", "label_zh", "label_en",
    "stretch", "ceiling", "assigned_by", "reference", "indicator", "on",
    "unit", "name_zh", "name_en", "versions", "rank_among", "due", "share_of", "weight",
)  # fmt: skip
# A version restates the terms that change, with its date and reason; it cannot move the goal
# to another indicator or number.
VERSION_KEYS = (
    "effective", "reason", "target", "comparator", "tolerance", "warning", "stretch",
    "ceiling", "label_zh", "label_en", "due",
)  # fmt: skip
# What ``target`` may say instead of a number (docs/status-rules.md, "Kinds of target").
TARGET_WORDS = {
    "assigned": TargetKind.ASSIGNED,
    "none": TargetKind.NONE,
    "qualitative": TargetKind.QUALITATIVE,
}
# Whom a rank goal is ranked among (docs/status-rules.md, "Places and peers"), and the
# comparators a rank takes: 1 is best, so a rank target is a ceiling (位居全市前3: at most 3).
RANK_AMONG = ("peers",)
RANK_COMPARATORS = (Comparator.AT_MOST, Comparator.BELOW)
RANK_WARNING = Decimal(1)  # places: 4th of a top-3 target is at risk, 5th lagging


@dataclass(frozen=True)
class _Where:
    """The indicators and places a goal may name, and the stored key of the place whose goals
    are being read. ``keys``: every key of indicators.toml (an indicator with a problem is
    not 'unknown'), None when it could not be read."""

    indicators: Mapping[str, Indicator]
    keys: set[str] | None
    places: Places
    place: str

    @property
    def key(self) -> str:
        """The configured key of the place."""
        return self.places.configured(self.place)


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
    """The goals of ``goals/YEAR.toml``; ``known``: the indicators that loaded;
    ``indicator_keys``: every key of indicators.toml, None when it could not be read;
    ``place``: the stored key of the place the file is about, one of ``places`` (default:
    the home place alone).

    A goal's key is its indicator's, or its own with ``indicator = KEY`` (a second goal on
    one indicator, e.g. on its amount). A rank goal without ``ceiling`` takes it from the
    file's other goals on its indicator (``lower_is_better``).
    """
    where = _Where(known, indicator_keys, places or Places(), place)
    found = []
    for key, table in tables(source, "goals", problems).items():
        t = Table(source, problems, f"goals.{key}", table, GOAL_KEYS)
        indicator = _indicator(t, key, where)
        if indicator is None:
            continue
        goal = _goal(t, key, indicator, year, where)
        if t.ok and goal is not None:
            versions = _versions(t, key, goal, where)
            if versions is not None:
                found.append(replace(goal, versions=versions) if versions else goal)
    return _rank_ceilings(found)


def _indicator(t: Table, key: str, where: _Where) -> Indicator | None:
    """The goal's indicator (``indicator = KEY``, else its own key); None when it is unknown
    (a problem) or has problems of its own."""
    indicator_key = t.text("indicator") if "indicator" in t.table else key
    if where.keys is not None and indicator_key not in where.keys:
        hint = close_hint(indicator_key, where.keys)
        at = "indicator" if "indicator" in t.table else None
        t.fail(f"no indicator '{indicator_key}' in indicators.toml; {hint}", at)
        return None
    return where.indicators.get(indicator_key)


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


def _versions(t: Table, key: str, goal: Goal, where: _Where) -> tuple[Goal, ...] | None:
    """The ``[[goals.KEY.versions]]`` of a goal, in date order: each restates what changes from
    the version before, with ``effective`` (a date of the goal's year) and ``reason``; one
    effective on 1 January corrects the goal as first set (a number mistyped in January). None
    when one is wrong (its problems recorded)."""
    dated = _dated(t, key, goal.year)
    if dated is None:
        return None
    found = []
    terms = {k: v for k, v in t.table.items() if k != "versions"}
    for effective, reason, table in dated:
        first_day = effective == date(goal.year, 1, 1)  # a correction of the goal as set
        terms |= {k: v for k, v in table.items() if k not in ("effective", "reason")}
        if "target" in table and terms.get("target") not in ("assigned",):
            terms.pop("assigned_by", None)  # the number has arrived
        merged = Table(t.source, t.problems, f"goals.{key}.versions", terms, tuple(terms))
        version = _goal(merged, key, goal.indicator, goal.year, where)
        if version is None or not merged.ok:
            return None
        if goal.on.value == "amount":
            version = replace(version, indicator=goal.indicator, on=goal.on)
        if first_day:
            version = replace(version, correction=1)
        found.append(replace(version, effective=None if first_day else effective, reason=reason))
    return tuple(found)


def _dated(t: Table, key: str, year: int) -> list[tuple[date, str, dict[str, Any]]] | None:
    """The versions' tables with their dates and reasons, in date order; None with a problem
    (not a list of tables, a wrong date, no reason, two versions on one day)."""
    listed = t.table.get("versions", [])
    if not isinstance(listed, list) or not all(isinstance(v, dict) for v in listed):
        t.fail("'versions' must be [[goals.KEY.versions]] tables", "versions")
        return None
    ok, dated = True, []
    for table in listed:
        v = Table(t.source, t.problems, f"goals.{key}.versions", table, VERSION_KEYS)
        effective = _effective(v, year)
        reason = v.text("reason")
        if v.ok and effective is not None:
            dated.append((effective, reason, table))
        ok = ok and v.ok
    dates = [d for d, _, _ in dated]
    for day in sorted({d for d in dates if dates.count(d) > 1}):
        t.fail(f"two versions take effect on {day}; give each its own date", "versions")
        ok = False
    return sorted(dated, key=lambda d: d[0]) if ok else None


def _effective(v: Table, year: int) -> date | None:
    """A version's ``effective``: a date of ``year`` (1 January: a correction of the goal as
    first set), written as a TOML date or "YYYY-MM-DD"."""
    effective = _day(v.table.get("effective"))  # "2020-04-26" as well as 2020-04-26
    if effective is None:
        example = f"effective = {year}-04-26"
        v.fail(f"'effective' must be a date of {year}, e.g. {example}", "effective")
        return None
    if not date(year, 1, 1) <= effective <= date(year, 12, 31):
        v.fail(
            f"'effective' {effective} is outside {year}: a version takes effect during the "
            f"goal's year ({year}-01-01 corrects the number as first set)",
            "effective",
        )
        return None
    return effective


def _goal(t: Table, key: str, indicator: Indicator, year: int, where: _Where) -> Goal | None:
    """One goal from its table, or None with its problems recorded."""
    if indicator.measure is Measure.MILESTONE:
        return _milestone(t, key, indicator, year, where)
    table = t.table
    on = t.choice("on", On, "value")
    indicator = _measured(t, indicator, on)
    # A rank is best when it is low: a rank goal's target is a band, 前十 = at most 10.
    at = "at_most" if "rank_among" in table else "at_least"
    comparator = t.choice("comparator", Comparator, at)
    kind, target, high = _target(t, comparator)
    alone = "stretch" in table and "target" not in table  # 力争增长10%: no 确保 floor
    if "assigned_by" in table and kind is not TargetKind.ASSIGNED:
        t.fail(
            "'assigned_by' is for target = \"assigned\"; a number that has arrived replaces it",
            "assigned_by",
        )
    rank_among = _rank_among(t, comparator, where)
    ceiling = _ceiling(t, comparator, rank_among)
    stretch = _stretch(t, kind, comparator, target, alone) if "stretch" in table else None
    if alone and stretch is not None:
        target = stretch
    reference, reference_place = _reference(t, indicator, where)
    basis = _basis(t, rank_among)
    share_of = _share_of(t, indicator, where) if "share_of" in table else None
    if not t.ok:
        return None
    default_warning = MEASURES[indicator.measure].default_warning
    if rank_among is not None:
        default_warning = RANK_WARNING
    if share_of is not None:  # a level in percent: percentage points
        default_warning = MEASURES[Measure.LEVEL].default_warning
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
        ceiling=ceiling,
        stretch=stretch,
        assigned_by=str(table.get("assigned_by", "")),
        reference=where.indicators.get(reference) if reference else None,
        on=on,
        reference_place=reference_place,
        rank_among=rank_among,
        place=where.place,
        due=_due(t, year) if "due" in table else None,
        share_of=share_of,
        weight=_weight(t),
    )


# What a milestone's goal may say: it is done by its due date, or not; no number.
MILESTONE_KEYS = (
    "due", "warning", "label_zh", "label_en", "indicator", "versions", "reason", "weight",
)  # fmt: skip


def _milestone(t: Table, key: str, indicator: Indicator, year: int, where: _Where) -> Goal | None:
    """A milestone's goal (蒙牛四期5月底建成投产): its ``due`` date (default: the year's last
    day) and ``warning``, the days of grace past it while it is lagging before it is missed
    (default 30); None with its problems recorded (a number's options: a milestone has none)."""
    for name in t.table:
        if name not in MILESTONE_KEYS and name in GOAL_KEYS + VERSION_KEYS:
            t.fail(
                f"'{name}' is for a goal with a number; a milestone is done by its 'due' date: "
                f"leave '{name}' out",
                name,
            )
    due = _due(t, year) if "due" in t.table else None
    warning = t.number("warning", MEASURES[Measure.MILESTONE].default_warning, low=Decimal(0))
    if not t.ok:
        return None
    return Goal(
        indicator=indicator,
        year=year,
        comparator=Comparator.AT_LEAST,
        target=Decimal(0),
        warning=warning,
        label_zh=str(t.table.get("label_zh", "")),
        label_en=str(t.table.get("label_en", "")),
        own_key="" if key == indicator.key else key,
        place=where.place,
        due=due,
        weight=_weight(t),
    )


def _share_of(t: Table, indicator: Indicator, where: _Where) -> str | None:
    """``share_of = "city"`` (占全市比重): the stored key of the place whose total the goal's
    figure is a share of; None with a problem (a place not configured, the goal's own, a
    rate's figure, or beside ``reference``, ``rank_among`` or ``basis``)."""
    text = t.table["share_of"]
    places = where.places.by_key
    if not isinstance(text, str) or text not in places:
        t.fail(f"'share_of': no place '{text}' in places.toml; {close_hint(str(text), places)}",
               "share_of")  # fmt: skip
        return None
    if text == where.key:
        t.fail("'share_of' names the goal's own place; name the place whose total it is "
               "a share of (its parent)", "share_of")  # fmt: skip
        return None
    if indicator.measure not in (Measure.COUNT, Measure.STOCK):
        t.fail("'share_of' is for a count, a stock or an amount (on = \"amount\"): a share "
               "of a total, not of a rate", "share_of")  # fmt: skip
        return None
    for other in ("reference", "rank_among", "basis"):
        if other in t.table:
            t.fail(f"'share_of' and '{other}' cannot be combined; write two goals", other)
            return None
    return where.places.stored(text)


def _weight(t: Table) -> Decimal:
    """``weight``: the goal's share in its owner's score, above 0 (default 1)."""
    weight = t.number("weight", Decimal(1), low=Decimal(0))
    if weight == 0 and "weight" in t.table:
        t.fail("'weight' must be above 0 (a goal that should not count: leave it out)", "weight")
    return weight


def _due(t: Table, year: int) -> date | None:
    """``due``: a date of the goal's year (6月底前: 2020-06-30), written as a TOML date or
    "YYYY-MM-DD"."""
    due = _day(t.table.get("due"))
    if due is None:
        t.fail(f"'due' must be a date of {year}, e.g. due = {year}-06-30", "due")
        return None
    if due.year != year:
        t.fail(f"'due' {due} is outside {year}: a goal is due within its year", "due")
        return None
    return due


def _day(value: object) -> date | None:
    """A TOML date, or a "YYYY-MM-DD" string; None for anything else."""
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = date.fromisoformat(value)
    if not isinstance(value, date) or isinstance(value, datetime):
        return None
    return value


def _measured(t: Table, indicator: Indicator, on: On) -> Indicator:
    """What the goal scores: the indicator, or for ``on = "amount"`` its year-to-date amount
    as a count in its own unit and name (``unit``, ``name_zh``, ``name_en``, which only a
    goal on the amount may set)."""
    table = t.table
    if on is On.AMOUNT:
        return replace(
            indicator,
            measure=Measure.COUNT,
            unit=str(table.get("unit", "")),
            name_zh=str(table.get("name_zh", indicator.name_zh)),
            name_en=str(table.get("name_en", indicator.name_en)),
        )
    for name in ("unit", "name_zh", "name_en"):
        if name in table:
            t.fail(f"'{name}' is only for a goal on the amount (on = \"amount\")", name)
    return indicator


def _target(t: Table, comparator: Comparator) -> tuple[TargetKind, Decimal, Decimal | None]:
    """(kind, target, upper end of a range): a number, ``[low, high]`` with ``between``, or
    a word of TARGET_WORDS (the number then 0); none beside a ``stretch`` (力争 alone: the
    number then 0, the stretch's to be)."""
    raw = t.table.get("target")
    if raw is None and "stretch" in t.table:
        return TargetKind.NUMBER, Decimal(0), None
    if isinstance(raw, str) and raw in TARGET_WORDS:
        return TARGET_WORDS[raw], Decimal(0), None
    if comparator is Comparator.BETWEEN:
        if not (isinstance(raw, list) and len(raw) == 2 and all(_is_number(v) for v in raw)):
            t.fail("'between' needs 'target = [low, high]', e.g. target = [5, 6]", "target")
        elif Decimal(raw[0]) >= Decimal(raw[1]):
            t.fail("'target = [low, high]' needs low below high, e.g. target = [5, 6]", "target")
        else:
            return TargetKind.NUMBER, Decimal(raw[0]), Decimal(raw[1])
        return TargetKind.NUMBER, Decimal(0), None
    if isinstance(raw, list):
        t.fail("a range 'target = [low, high]' needs comparator = \"between\"", "target")
        return TargetKind.NUMBER, Decimal(0), None
    return TargetKind.NUMBER, t.number("target"), None


def _ceiling(t: Table, comparator: Comparator, rank_among: str | None) -> bool:
    """``ceiling``: true or false, and only for ``between`` or a rank goal."""
    ceiling = t.table.get("ceiling", False)
    if (
        t.table.get("ceiling") is not None
        and comparator is not Comparator.BETWEEN
        and rank_among is None
    ):
        t.fail(
            "'ceiling' is only for comparator = \"between\", or a rank goal (rank_among) on an "
            "indicator ranked lowest first",
            "ceiling",
        )
    if not isinstance(ceiling, bool):
        t.fail("'ceiling' must be true or false", "ceiling")
    return bool(ceiling)


def _stretch(
    t: Table, kind: TargetKind, comparator: Comparator, target: Decimal, alone: bool
) -> Decimal:
    """``stretch`` (力争): a number beyond the target (确保), in the comparator's direction;
    ``alone``: without a target, the number the goal is scored against."""
    stretch = t.number("stretch")
    if kind is not TargetKind.NUMBER or comparator in (Comparator.ABOUT, Comparator.BETWEEN):
        t.fail("'stretch' needs a number target with at_least, at_most, above or below", "stretch")
    elif not alone and comparator.upward and stretch <= target:
        t.fail(
            f"'stretch' ({stretch}) must be above 'target' ({target}): 力争 over 确保", "stretch"
        )
    elif not alone and not comparator.upward and stretch >= target:
        t.fail(f"'stretch' ({stretch}) must be below 'target' ({target}) for a ceiling", "stretch")
    return stretch


def _basis(t: Table, rank_among: str | None) -> Basis:
    """``basis``, which neither a reference nor a rank takes; and a rank takes no reference."""
    basis = t.choice("basis", Basis, "value")
    if "reference" in t.table and basis is not Basis.VALUE:
        t.fail("'reference' and 'basis' cannot be combined; leave 'basis' out", "basis")
    if rank_among is not None and basis is not Basis.VALUE:
        t.fail("'rank_among' and 'basis' cannot be combined; leave 'basis' out", "basis")
    if rank_among is not None and "reference" in t.table:
        t.fail(
            "'rank_among' and 'reference' cannot be combined: a rank is among the peers; "
            "write two goals",
            "reference",
        )
    return basis


def _reference(t: Table, indicator: Indicator, where: _Where) -> tuple[str | None, str | None]:
    """``reference``: ``"gdp"`` (another indicator of the same place), ``"city"`` (the same
    indicator of another place) or ``"city:gdp"``, as (indicator key or None for the goal's
    own, stored place key or None for the goal's own place); (None, None) without one or
    with a problem."""
    if "reference" not in t.table:
        return None, None
    text = t.text("reference")
    named = _reference_parts(t, text, indicator, where) if text else None
    if named is None:
        return None, None
    place_key, indicator_key = named
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


def _reference_parts(
    t: Table, text: str, indicator: Indicator, where: _Where
) -> tuple[str, str] | None:
    """(configured place key or "", indicator key or "") of a reference's text; None with a
    problem: an unknown place or indicator, or a key that is both a place and an indicator
    (which one was meant cannot be told; every place shares the indicators)."""
    places, indicators = where.places.by_key, where.keys
    place_key, sep, indicator_key = text.partition(":")
    if not sep:
        if text in places and indicators is not None and text in indicators:
            t.fail(
                f"'reference' '{text}' is both a place of places.toml and an indicator; "
                f"write '{text}:{indicator.key}' for the place, or rename one of them",
                "reference",
            )
            return None
        place_key, indicator_key = (text, "") if text in places else ("", text)
    elif place_key not in places:
        t.fail(f"'reference': no place '{place_key}' in places.toml; "
               f"{close_hint(place_key, places)}", "reference")  # fmt: skip
        return None
    if indicator_key and indicators is not None and indicator_key not in indicators:
        known = indicators if sep else indicators | set(places)
        what = "indicator" if sep or len(places) == 1 else "indicator or place"
        hint = close_hint(indicator_key, known)
        files = "indicators.toml" if what == "indicator" else "indicators.toml or places.toml"
        t.fail(f"'reference': no {what} '{indicator_key}' in {files}; {hint}", "reference")
        return None
    return place_key, indicator_key


def _rank_among(t: Table, comparator: Comparator, where: _Where) -> str | None:
    """``rank_among = "peers"``: the goal is scored by the place's rank among the places with
    the same parent; ``rank_among = "KEY"``, among the members of the group KEY of
    places.toml. None when the goal has none (or with a problem: neither "peers" nor a group,
    a group the place is not a member of, a comparator other than at most or below, a place
    without peers)."""
    if "rank_among" not in t.table:
        return None
    among = t.table["rank_among"]
    groups = where.places.groups
    if among not in RANK_AMONG and among not in groups:
        hint = f" or a group of places.toml ({close_hint(str(among), groups)})" if groups else ""
        t.fail(f"'rank_among' is {among!r}; write rank_among = \"peers\"{hint}", "rank_among")
        return None
    if among in groups and where.key not in groups[among].members:
        t.fail(f"the place '{where.key}' is not a member of the group '{among}' in "
               "places.toml; add it to its members, or rank it among another",
               "rank_among")  # fmt: skip
        return None
    if comparator not in RANK_COMPARATORS:
        t.fail(
            f'a rank goal takes comparator = "at_most" (1 is best: 位居全市前3 is '
            f'comparator = "at_most", target = 3), not {comparator.value!r}',
            "comparator" if "comparator" in t.table else "rank_among",
        )
        return None
    peers = where.places.peers(where.key)
    if among == "peers" and len(peers) < 2:
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

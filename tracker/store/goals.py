"""Goals: saving them for their year, reading them back with their indicators as the domain's
``Goal``."""

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session, select

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
from tracker.domain.periods import Cadence
from tracker.domain.places import HOME
from tracker.store import indicators as indicator_store
from tracker.store import reading
from tracker.store.indicators import INDICATOR_FIELDS, indicator_from_columns
from tracker.store.judgements import with_judgements
from tracker.store.tables import GoalRow

# The columns a ``Goal`` is built from besides its indicator's, in the order of
# ``goal_from_columns``'s parameters.
GOAL_FIELDS = (
    "year",
    "comparator",
    "target",
    "tolerance",
    "warning",
    "basis",
    "pace",
    "label_zh",
    "label_en",
    "key",
    "kind",
    "target_high",
    "ceiling",
    "stretch",
    "assigned_by",
    "reference",
    "scored_on",
    "amount_unit",
    "amount_name_zh",
    "amount_name_en",
    "effective",
    "reason",
    "recorded_at",
    "retired",
    "place",
    "reference_place",
    "rank_among",
    "correction",
    "due",
    "share_of",
    "weight",
)

comparator_of = functools.cache(Comparator)
basis_of = functools.cache(Basis)
pace_of = functools.cache(Pace)
kind_of = functools.cache(TargetKind)
on_of = functools.cache(On)


def save_version(
    *, session: Session, goal: Goal, indicator_id: int, recorded_at: datetime
) -> GoalRow:
    """Insert one version of a goal (``goal.versions`` are not saved), or update the stored
    one of the same date in place: its labels, reason and retired mark (the loader refuses a
    changed number, see ``tracker.app.goals``)."""
    effective = goal.effective or date(goal.year, 1, 1)
    row = session.exec(
        select(GoalRow).where(
            GoalRow.key == goal.key,
            GoalRow.place == goal.place,
            GoalRow.year == goal.year,
            GoalRow.effective == effective,
            GoalRow.correction == goal.correction,
        )
    ).first()
    fields = goal_fields(goal)
    if row is None:
        row = GoalRow.model_validate(
            {**fields, "indicator_id": indicator_id, "recorded_at": recorded_at}
        )
    else:
        for name in ("label_zh", "label_en", "reason", "retired", "weight"):
            setattr(row, name, fields[name])
    session.add(row)
    session.flush()
    return row


def retire_others(*, session: Session, keep: set[tuple[str, str, int]]) -> int:
    """Mark every stored goal whose (key, stored place key, year) is not in ``keep`` retired,
    and those in it not; returns how many goals (key, place and year) were newly retired.
    Nothing is deleted."""
    retired = set()
    for row in session.exec(select(GoalRow)).all():
        gone = (row.key, row.place, row.year) not in keep
        if gone and not row.retired:
            retired.add((row.key, row.place, row.year))
        if row.retired != gone:
            row.retired = gone
            session.add(row)
    session.flush()
    return len(retired)


def goals(
    *,
    session: Session,
    year: int | None = None,
    retired: bool = False,
    known_before: datetime | None = None,
    place: str | None = HOME,
    defined: Mapping[int, tuple[Any, ...]] | None = None,
) -> list[Goal]:
    """Goals (of one year, or all) of one place (its stored key, "" for home; None: of every
    place, by place), in the order the indicators were defined, each with its later versions,
    its reference indicator and, a qualitative goal, its judgements; ``retired``: those
    removed from the config too; ``known_before``: only the versions and judgements recorded
    before then (``--as-known``). ``defined``: the indicators as ``indicator_table`` reads
    them, when the caller has read them already."""
    where: list[str] = []
    params: list[Any] = []
    if year is not None:
        where.append("g.year = ?")
        params.append(year)
    if place is not None:
        where.append("g.place = ?")
        params.append(place)
    sql = _goals_sql(" AND ".join(where) or "1 = 1").replace("?", reading.marks(session))
    rows = _with_moments(session, reading.driver_rows(session, sql, params))
    found = with_references(session, goals_from_rows(rows, defined or indicator_table(session)))
    if known_before is not None:
        found = [g for g in found if g.recorded_at is None or g.recorded_at < known_before]
    if not retired:
        found = [g for g in found if not g.retired]
    return with_judgements(session, with_versions(found), known_before)


def with_references(session: Session, goals: list[Goal]) -> list[Goal]:
    """The goals with the reference indicators their rows name by key (read once, only when
    a goal has one)."""
    if not any(g.reference for g in goals):
        return goals
    known = {i.key: i for _, i in indicator_store.indicators(session=session)}
    return [
        replace(g, reference=known.get(g.reference.key)) if g.reference is not None else g
        for g in goals
    ]


def with_versions(rows: list[Goal]) -> list[Goal]:
    """One goal per key and year, as first set, with its later versions (and corrections)
    in date order, each date's corrections after its version.

    Most goals have one version: when no key and year repeats, the goals are returned as
    they are (building each anew would cost a third of a city's status)."""
    if len({(g.key, g.place, g.year) for g in rows}) == len(rows):
        return rows
    grouped: dict[tuple[str, str, int], list[Goal]] = {}
    for goal in rows:
        grouped.setdefault((goal.key, goal.place, goal.year), []).append(goal)
    found = []
    for versions in grouped.values():
        versions.sort(key=lambda g: (g.effective or date.min, g.correction))
        first, *later = versions
        found.append(replace(first, versions=tuple(later)) if later else first)
    return found


def goal_years(*, session: Session, place: str | None = None) -> set[int]:
    """The years that have goals (of ``place``, a stored key, when given)."""
    query = select(GoalRow.year).distinct()
    if place is not None:
        query = query.where(GoalRow.place == place)
    return set(session.exec(query).all())


@functools.cache
def _goals_sql(where: str) -> str:
    """The goals' query, the indicator's id then GOAL_FIELDS, as the driver takes it: by year,
    place, indicator, date, then correction (each date's corrections after its version), then
    key: two goals of one indicator in the order of their keys, whatever index the database
    reads them by (the order the unique constraint's index gave them on SQLite). The
    indicators are read on their own (``indicator_table``): a province's 6,000 goals share 40."""
    columns = ["g.indicator_id"] + [f"g.{name}" for name in GOAL_FIELDS]
    return (
        f"SELECT {', '.join(columns)} FROM goal g "
        f"WHERE {where} ORDER BY g.year, g.place, g.indicator_id, g.effective, g.correction, g.key"
    )


def indicator_table(session: Session) -> dict[int, tuple[Any, ...]]:
    """Each indicator's INDICATOR_FIELDS (its key first) as the driver returns them, by id."""
    columns = ", ".join(["id", *INDICATOR_FIELDS])
    rows = reading.driver_rows(session, f"SELECT {columns} FROM indicator", ())
    return {row[0]: tuple(row[1:]) for row in rows}


# The goal's dates and moment, by where they are in a row of ``_goals_sql``.
_MOMENTS = tuple(
    (1 + GOAL_FIELDS.index(name), name) for name in ("effective", "recorded_at", "due")
)


def _with_moments(session: Session, rows: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
    """The rows with the goal's ``effective`` and ``due`` dates and ``recorded_at`` moment as
    their column types read them (SQLite keeps them as text), each distinct one converted
    once."""
    dialect = session.get_bind().dialect
    table = GoalRow.__table__  # type: ignore[attr-defined]
    converters: list[tuple[int, Callable[[Any], Any], dict[Any, Any]]] = []
    for index, name in _MOMENTS:
        process = table.c[name].type.dialect_impl(dialect).result_processor(dialect, None)
        if process is not None:
            converters.append((index, process, {}))
    if not converters:
        yield from rows
        return
    for row in rows:
        changed = list(row)
        for index, process, memo in converters:
            value = changed[index]
            found = memo.get(value)
            if found is None and value is not None:
                found = memo[value] = process(value)
            changed[index] = found
        yield changed


def goals_from_rows(
    rows: Iterable[Sequence[Any]], defined: Mapping[int, tuple[Any, ...]]
) -> list[Goal]:
    """Goals from rows of the indicator's id then GOAL_FIELDS, their numbers as the driver
    returns them: the column type would convert each again, and most are the same few.
    ``defined``: each indicator's INDICATOR_FIELDS by id (``indicator_table``)."""
    number, optional = reading.number, reading.optional_number
    found = []
    indicators: dict[int, Indicator] = {}  # one per indicator, not one per goal
    for row in rows:
        indicator = indicators.get(row[0]) or indicators.setdefault(
            row[0], _indicator_of(defined[row[0]])
        )
        g = row[1:]  # the goal's own columns, GOAL_FIELDS in order
        (year, comparator, target, tolerance, warning, basis, pace, label_zh, label_en) = g[:9]
        (goal_key, kind, high, ceiling, stretch, assigned_by, reference, scored_on) = g[9:17]
        found.append(
            goal_from_columns(
                indicator,
                year,
                comparator,
                number(target),
                number(tolerance),
                number(warning),
                basis,
                pace,
                label_zh,
                label_en,
                goal_key,
                kind,
                optional(high),
                bool(ceiling),
                optional(stretch),
                assigned_by,
                reference,
                scored_on,
                g[17],
                g[18],
                g[19],
                g[20],
                g[21],
                g[22],
                bool(g[23]),
                g[24],
                g[25],
                g[26],
                g[27],
                g[28],
                g[29],
                number(g[30]),
            )
        )
    return found


def _indicator_of(row: tuple[Any, ...]) -> Indicator:
    """An indicator from INDICATOR_FIELDS as the driver returns them."""
    optional = reading.optional_number
    (key, name_zh, name_en, unit, measure, cadence, owner_key, owner_zh, owner_en) = row[:9]
    start_month, lag_days, minimum, maximum, decimals, aliases, max_step = row[9:16]
    return indicator_from_columns(
        key,
        name_zh,
        name_en,
        unit,
        measure,
        cadence,
        owner_key,
        owner_zh,
        owner_en,
        start_month,
        lag_days,
        optional(minimum),
        optional(maximum),
        decimals,
        aliases,
        optional(max_step),
    )


def goal_from_row(row: GoalRow, indicator: Indicator) -> Goal:
    return goal_from_columns(indicator, *(getattr(row, name) for name in GOAL_FIELDS))


def goal_from_columns(
    indicator: Indicator,
    year: int,
    comparator: str,
    target: Decimal,
    tolerance: Decimal,
    warning: Decimal,
    basis: str,
    pace: str,
    label_zh: str,
    label_en: str,
    key: str,
    kind: str,
    target_high: Decimal | None,
    ceiling: bool,
    stretch: Decimal | None,
    assigned_by: str,
    reference: str | None,
    scored_on: str,
    amount_unit: str,
    amount_name_zh: str,
    amount_name_en: str,
    effective: date,
    reason: str,
    recorded_at: datetime | None,
    retired: bool,
    place: str = HOME,
    reference_place: str | None = None,
    rank_among: str | None = None,
    correction: int = 0,
    due: date | None = None,
    share_of: str | None = None,
    weight: Decimal = Decimal(1),
) -> Goal:
    """A goal of ``indicator`` from its columns (GOAL_FIELDS), numbers already Decimal. A goal
    on the amount scores it as a count, in its own unit and under its own name."""
    on = on_of(scored_on)
    if on is On.AMOUNT:
        indicator = replace(
            indicator,
            measure=Measure.COUNT,
            unit=amount_unit,
            name_zh=amount_name_zh,
            name_en=amount_name_en,
        )
    return Goal(
        indicator=indicator,
        year=year,
        comparator=comparator_of(comparator),
        target=target,
        tolerance=tolerance,
        warning=warning,
        basis=basis_of(basis),
        pace=pace_of(pace),
        label_zh=label_zh,
        label_en=label_en,
        own_key="" if key == indicator.key else key,
        kind=kind_of(kind),
        target_high=target_high,
        ceiling=ceiling,
        stretch=stretch,
        assigned_by=assigned_by,
        reference=None if reference is None else _unresolved(reference),
        on=on,
        effective=None if effective == date(year, 1, 1) else effective,
        reason=reason,
        recorded_at=_aware(recorded_at),
        retired=retired,
        place=place,
        reference_place=reference_place,
        rank_among=rank_among,
        correction=correction,
        due=due,
        share_of=share_of,
        weight=weight,
    )


def _unresolved(key: str) -> Indicator:
    """A reference known by its key only, until ``with_references`` puts the indicator in."""
    return Indicator(key, key, key, "", Measure.GROWTH, Cadence.ANNUAL, Owner(key, key, key))


def goal_fields(goal: Goal) -> dict[str, object]:
    """The goal's columns (without its indicator's id), as ``GoalRow`` takes them."""
    amount = goal.on is On.AMOUNT
    return {
        "year": goal.year,
        "comparator": goal.comparator.value,
        "target": goal.target,
        "tolerance": goal.tolerance,
        "warning": goal.warning,
        "basis": goal.basis.value,
        "pace": goal.pace.value,
        "label_zh": goal.label_zh,
        "label_en": goal.label_en,
        "key": goal.key,
        "kind": goal.kind.value,
        "target_high": goal.target_high,
        "ceiling": goal.ceiling,
        "stretch": goal.stretch,
        "assigned_by": goal.assigned_by,
        "reference": goal.reference.key if goal.reference else None,
        "scored_on": goal.on.value,
        "amount_unit": goal.indicator.unit if amount else "",
        "amount_name_zh": goal.indicator.name_zh if amount else "",
        "amount_name_en": goal.indicator.name_en if amount else "",
        "effective": goal.effective or date(goal.year, 1, 1),
        "reason": goal.reason,
        "retired": goal.retired,
        "place": goal.place,
        "reference_place": goal.reference_place,
        "rank_among": goal.rank_among,
        "correction": goal.correction,
        "due": goal.due,
        "share_of": goal.share_of,
        "weight": goal.weight,
    }


def _aware(moment: datetime | None) -> datetime | None:
    """A stored moment in UTC (SQLite gives it back without its zone)."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)

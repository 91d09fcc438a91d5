"""Checking every row of a sheet and comparing it with what is stored: nothing is written here.

The whole file is checked with the core's ``Checker`` against dictionaries loaded once (no
query per row), and every problem is kept with its row and column, so a file is refused with
the full list of what to fix.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from tracker.domain.errors import InvalidInput, TrackerError
from tracker.domain.model import Indicator
from tracker.domain.numbers import plain
from tracker.domain.revisions import Outcome, decide
from tracker.figures.validate import Checker
from tracker.sheets import problems as why
from tracker.sheets.columns import Columns, find_header
from tracker.sheets.export import restored
from tracker.sheets.problems import TEXT_LIMITS, Problem
from tracker.sheets.read import Sheet
from tracker.store.figures import StoredFigure

Progress = Callable[[str, int, int], None]  # stage ("check", "write"), done, total
PROGRESS_EVERY = 10_000

_YES = {"1", "true", "yes", "y", "是", "预计", "√", "✓", "x"}
_NO = {"0", "false", "no", "n", "否"}


class PlannedFigure(NamedTuple):
    """A figure of the file that differs from what is stored (or is new), or matches it."""

    row: int
    key: str
    period: str
    period_end: date
    value: Decimal
    amount: Decimal | None
    preliminary: bool
    note: str | None
    source: str | None
    revision: int  # the revision it would get: 1 for a new figure
    previous: Decimal | None  # the stored value it replaces


@dataclass
class Plan:
    file: str
    columns: Columns
    rows: int = 0  # data rows read, blank ones included
    added: list[PlannedFigure] = field(default_factory=list)
    revised: list[PlannedFigure] = field(default_factory=list)
    unchanged: list[PlannedFigure] = field(default_factory=list)
    without_value: list[int] = field(default_factory=list)  # rows naming a figure but no value
    problems: list[Problem] = field(default_factory=list)


def plan_sheet(
    sheet: Sheet,
    checker: Checker,
    stored: Mapping[tuple[str, str], StoredFigure],
    progress: Progress | None = None,
) -> Plan:
    start, columns = find_header(sheet.rows, sheet.name)
    plan = Plan(sheet.name, columns, rows=len(sheet.rows) - start - 1)
    ix = columns.index
    ci, cp, cv = ix["indicator"], ix["period"], ix["value"]
    ca, cn, cs, cy = (ix.get(f) for f in ("amount", "note", "source", "preliminary"))
    used = [c for c in (ci, cp, cv, ca, cn, cs, cy) if c is not None]
    width = max(used) + 1
    found: dict[str, Indicator | TrackerError] = {}
    canonical: dict[str, tuple[str, date]] = {}
    seen: dict[tuple[str, str], int] = {}
    problems, added = plan.problems, plan.added
    rows, unreadable, figure = sheet.rows, sheet.unreadable, checker.figure
    for r in range(start + 1, len(rows)):
        if progress is not None and (r - start) % PROGRESS_EVERY == 0:
            progress("check", r - start, plan.rows)
        cells = rows[r]
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        row = r + 1
        if unreadable:
            bad = [c for c in used if (r, c) in unreadable]
            if bad:
                problems.extend(why.no_cached_value(row, c) for c in bad)
                continue
        indicator_text, period_text = cells[ci].strip(), cells[cp].strip()
        value_text = cells[cv].strip()
        if not value_text:
            if indicator_text or period_text:
                plan.without_value.append(row)
            continue
        indicator = found.get(indicator_text)
        if indicator is None:
            indicator = found[indicator_text] = _indicator(checker, indicator_text)
        if isinstance(indicator, TrackerError):
            problems.append(why.indicator_problem(row, ci, indicator_text, indicator))
            continue
        amount_text = cells[ca].strip() if ca is not None else None
        try:
            checked = figure(indicator, period_text, value_text, amount_text)
        except InvalidInput as error:
            problems.append(
                why.figure_problem(row, ix, period_text, value_text, amount_text, error)
            )
            continue
        period, period_end = canonical.get(period_text) or canonical.setdefault(
            period_text, (str(checked.period), checked.period.end)
        )
        key = (indicator.key, period)
        first = seen.setdefault(key, row)
        if first != row:
            problems.append(why.duplicate(row, indicator.key, period, first))
            continue
        note = (restored(cells[cn].strip()) or None) if cn is not None else None
        source = (restored(cells[cs].strip()) or None) if cs is not None else None
        if (note and len(note) > TEXT_LIMITS["note"]) or (
            source and len(source) > TEXT_LIMITS["source"]
        ):
            problems.extend(why.too_long(row, ix, note, source))
            continue
        preliminary: bool | None = None  # an empty cell does not say
        if cy is not None and (flag := cells[cy].strip().casefold()):
            if flag in _YES or flag in _NO:
                preliminary = flag in _YES
            else:
                problems.append(why.flag_problem(row, cy, cells[cy].strip()))
                continue
        d = decide(stored.get(key), checked.value, checked.amount, note, source, preliminary)
        change = PlannedFigure(
            row,
            indicator.key,
            period,
            period_end,
            d.value,
            d.amount,
            d.preliminary,
            d.note,
            d.source,
            d.revision,
            d.previous,
        )
        if d.outcome is Outcome.NEW:
            added.append(change)
        elif d.outcome is Outcome.REVISION:
            plan.revised.append(change)
        else:
            plan.unchanged.append(change)
    return plan


def _indicator(checker: Checker, text: str) -> Indicator | TrackerError:
    if not text:
        return InvalidInput("the indicator is empty; write its key or name.")
    try:
        return checker.indicator(text)
    except TrackerError as error:
        return error


def describe(change: PlannedFigure) -> str:
    """``industry 2020-06 = 5.6`` or ``industry 2020-06: 5.4 → 5.6``."""
    if change.previous is None or change.previous == change.value:
        return f"{change.key} {change.period} = {plain(change.value)}"
    return f"{change.key} {change.period}: {plain(change.previous)} → {plain(change.value)}"

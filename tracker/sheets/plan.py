"""Checking every row of a sheet and comparing it with what is stored: nothing is written here.

The whole file is checked with the core's ``Checker`` against dictionaries loaded once (no
query per row), and every problem is kept with its row and column, so a file is refused with
the full list of what to fix.
"""

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from operator import itemgetter
from typing import NamedTuple

from tracker.domain.errors import InvalidInput, TrackerError
from tracker.domain.measures import rules_of
from tracker.domain.model import Figure, Indicator
from tracker.domain.numbers import plain
from tracker.domain.periods import Period
from tracker.domain.places import HOME
from tracker.domain.plausibility import DEFAULT_MAX_STEP, Implausible, check_plausible
from tracker.domain.revisions import Outcome, StoredFigure, decide
from tracker.domain.written_values import WHOLE_UNITS, is_empty_marker
from tracker.figures.validate import CheckedFigure, Checker
from tracker.sheets import problems as why
from tracker.sheets.columns import Columns, find_header
from tracker.sheets.districts import district_layout
from tracker.sheets.export import restored
from tracker.sheets.layouts import Layout, bureau_layout
from tracker.sheets.places import PlaceNames, one_place
from tracker.sheets.problems import TEXT_LIMITS, Problem
from tracker.sheets.read import Sheet

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
    place: str = HOME  # the stored key of its place


class FinerValue(NamedTuple):
    """A value with more decimals than its indicator shows: imported as it is, and reported."""

    row: int
    key: str
    period: str
    value: Decimal
    decimals: int  # the decimals the indicator shows


class Wanted(NamedTuple):
    """What a file's figures are compared with: the current figures of these places (stored
    keys) and indicators (keys) whose periods end in these years, or the year before or after
    (the typo guards compare a figure with the one before it in its year)."""

    places: frozenset[str]
    indicators: frozenset[str]
    years: frozenset[int]


Stored = Mapping[tuple[str, str, str], StoredFigure]  # by (stored place key, indicator, period)


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
    finer: list[FinerValue] = field(default_factory=list)  # values finer than their indicator
    layout: Layout | None = None  # a bureau's layout, read into the import's columns


def plan_sheet(
    sheet: Sheet,
    checker: Checker,
    stored: Stored | Callable[[Wanted], Stored],
    progress: Progress | None = None,
    period: str | None = None,
    *,
    force: bool = False,
    names: PlaceNames | None = None,
    place: str = HOME,
) -> Plan:
    """Every row of ``sheet`` checked and compared with ``stored``: what would be added,
    revised or left unchanged, and every problem by row and column. ``stored`` is keyed by
    (stored place key, indicator key, period), or is asked, once every row is checked, for
    the figures the file's are compared with (``Wanted``): a database's other figures are
    not read.

    A bureau's layout (a statistical table, a two-row header: ``tracker.sheets.layouts``; a
    district table: ``tracker.sheets.districts``) is read into the import's columns first;
    ``period`` (``--period``) names a table's period when no title row does. A place column's
    cells are read by ``names`` (the configured places; None: home alone); an empty cell, or
    a sheet without a place column, is ``place`` (a stored key: ``--place``, home by default),
    and a place not configured is a problem of its row. Raises InvalidInput when the sheet
    has no header or its layout is ambiguous; a row's problems are listed in the plan, not
    raised. With ``force``, what only the range, cadence and typo guards refuse passes.
    Whether a row is new, a revision or unchanged is the one rule of revisions
    (``tracker.domain.revisions.decide``, a withdrawn figure included).
    """
    names = names or PlaceNames(one_place())
    layout = _layout(sheet, checker, names, period)
    if layout is not None:
        sheet = layout.sheet
    start, columns = find_header(sheet.rows, sheet.name)
    plan = Plan(sheet.name, columns, rows=len(sheet.rows) - start - 1, layout=layout)
    rows = _Rows(plan, checker, names, place, force, layout)
    for r in range(start + 1, len(sheet.rows)):
        if progress is not None and (r - start) % PROGRESS_EVERY == 0:
            progress("check", r - start, plan.rows)
        rows.read(r, sheet.rows[r], sheet.unreadable)
    if callable(stored):
        stored = stored(rows.wanted())
    rows.decide(stored)
    if not force:
        plan.problems.extend(implausible(plan, stored, checker))
    if layout is not None:
        _in_file_terms(plan, layout)
    return plan


def _layout(sheet: Sheet, checker: Checker, names: PlaceNames, period: str | None) -> Layout | None:
    """The bureau's layout the sheet is in, if any; ``--period`` only for a table without a
    period column."""
    layout = district_layout(sheet, checker.indicator, names, period) or bureau_layout(
        sheet, checker.indicator, period
    )
    if period is not None and (layout is None or layout.kind == "two-row header"):
        raise InvalidInput(
            f"{sheet.name} has a period column (文件已有期间列); --period is for a statistical "
            "table without one: leave it out."
        )
    return layout


def _in_file_terms(plan: Plan, layout: Layout) -> None:
    """The plan's problems at the file's own columns, and rows, not the layout's."""
    if layout.origin:
        plan.problems = [
            replace(p, column=layout.origin.get((p.row - 1, p.column), p.column))
            if p.column is not None
            else p
            for p in plan.problems
        ]
    if layout.rows:
        _file_rows(plan, layout)


def _flag(text: str) -> bool | str | None:
    """A preliminary cell: True (是, yes), False (否, no), None when empty (it does not say),
    or the text itself when it is neither."""
    flag = text.strip().casefold()
    if not flag:
        return None
    if flag in _YES or flag in _NO:
        return flag in _YES
    return text.strip()


class _Said(NamedTuple):
    """What a row says beside its figure; None where it says nothing."""

    note: str | None
    source: str | None
    preliminary: bool | None


_NOTHING = _Said(None, None, None)


class _Rows:
    """Reads a sheet's rows into a plan, one at a time, with what it has already looked up
    (indicators, places and periods by their text: a file repeats them thousands of times)."""

    def __init__(
        self,
        plan: Plan,
        checker: Checker,
        names: PlaceNames,
        place: str,
        force: bool,
        layout: Layout | None,
    ) -> None:
        self.plan, self.checker, self.names = plan, checker, names
        self.force, self.layout = force, layout
        ix = self.ix = plan.columns.index
        self.ci, self.cp, self.cv = ix["indicator"], ix["period"], ix["value"]
        self.ca, self.cn, self.cs, self.cy, self.cl = (
            ix.get(f) for f in ("amount", "note", "source", "preliminary", "place")
        )
        every = (self.ci, self.cp, self.cv, self.ca, self.cn, self.cs, self.cy, self.cl)
        self.used = [c for c in every if c is not None]
        self.width = max(self.used) + 1
        self.says = any(c is not None for c in (self.cn, self.cs, self.cy))
        self.place = place
        self.found: dict[str, Indicator | TrackerError] = {}
        # (period as written, its length) → the period as stored: the same text names another
        # period for an indicator of another cadence (上半年: 2020-06, or a quarterly 2020-Q2),
        # and the text and the length tell the period.
        self.canonical: dict[tuple[str, int], str] = {}
        self.seen: dict[tuple[str, str, str], int] = {}
        self.at: dict[str, str | TrackerError] = {"": place}  # a place cell → its stored key
        self.years: set[int] = set()  # of the periods read
        # Each figure read, to be compared with what is stored once every row is read.
        self.checked: list[tuple[int, Indicator, tuple[str, str, str], CheckedFigure, _Said]] = []

    def wanted(self) -> Wanted:
        """The places, indicators and years of the figures read (a row refused among them)."""
        places = {p for p in self.at.values() if isinstance(p, str)}
        indicators = {i.key for i in self.found.values() if isinstance(i, Indicator)}
        return Wanted(frozenset(places), frozenset(indicators), frozenset(self.years))

    def decide(self, stored: Stored) -> None:
        """Each figure read added, revised or unchanged, in the order of its rows."""
        for row, indicator, key, checked, said in self.checked:
            self._decide(stored, row, indicator, key, checked, said)

    def read(self, r: int, cells: list[str], unreadable: Mapping[tuple[int, int], str]) -> None:
        """Row ``r`` (0-based) into the plan: a figure added, revised or unchanged, a row
        without a value, or its problems. (Run for every row of a file: what was looked up
        before is taken from the memos here, without a call.)"""
        if len(cells) < self.width:
            cells = cells + [""] * (self.width - len(cells))
        row = r + 1
        if unreadable and self._unreadable(r, unreadable):
            return
        value_text = cells[self.cv].strip()
        # —, /, 暂无: no figure (no such mark begins with a digit, as most values do)
        if not value_text or (not "0" <= value_text[0] <= "9" and is_empty_marker(value_text)):
            self._without_value(row, cells)
            return
        indicator_text = cells[self.ci].strip()
        indicator = self.found.get(indicator_text) or self._indicator(indicator_text)
        if isinstance(indicator, TrackerError):
            self.plan.problems.append(
                why.indicator_problem(row, self.ci, indicator_text, indicator)
            )
            return
        where = self.place if self.cl is None else self._place(row, cells)
        if where is None:
            return
        period_text = cells[self.cp].strip()
        checked = self._checked(row, indicator, period_text, value_text, cells)
        key = self._key(row, where, period_text, checked) if checked is not None else None
        said = (self._said(row, cells) if self.says else _NOTHING) if key is not None else None
        if checked is not None and key is not None and said is not None:
            self.checked.append((row, indicator, key, checked, said))

    def _without_value(self, row: int, cells: list[str]) -> None:
        """A row without a value is noted when it names a figure (an indicator or period) or
        holds an amount: it is skipped, and the import's summary lists it."""
        amount = cells[self.ca].strip() if self.ca is not None else ""
        if cells[self.ci].strip() or cells[self.cp].strip() or amount:
            self.plan.without_value.append(row)

    def _unreadable(self, r: int, unreadable: Mapping[tuple[int, int], str]) -> bool:
        """Whether a cell the row uses is a formula without its value (each one a problem)."""
        bad = [c for c in self.used if (r, c) in unreadable]
        self.plan.problems.extend(why.no_cached_value(r + 1, c) for c in bad)
        return bool(bad)

    def _indicator(self, text: str) -> Indicator | TrackerError:
        """The indicator a cell names, or why it names none; remembered for the next row."""
        found = self.found[text] = _indicator(self.checker, text)
        return found

    def _place(self, row: int, cells: list[str]) -> str | None:
        """The stored key of the place a row's place cell names (empty: the sheet's place);
        None, with the problem noted, when it names none configured."""
        text = cells[self.cl].strip() if self.cl is not None else ""
        where = self.at.get(text)
        if where is None:
            where = self.at[text] = _place(self.names, text)
        if isinstance(where, TrackerError):
            self.plan.problems.append(why.place_problem(row, self.cl or 0, where))
            return None
        return where

    def _checked(
        self, row: int, indicator: Indicator, period_text: str, value_text: str, cells: list[str]
    ) -> CheckedFigure | None:
        """The row's figure checked by the Checker, or None with the problem noted."""
        amount_text = cells[self.ca].strip() if self.ca is not None else None
        try:
            return self.checker.figure(
                indicator, period_text, value_text, amount_text, force=self.force
            )
        except InvalidInput as error:
            self.plan.problems.append(
                why.figure_problem(row, self.ix, period_text, value_text, amount_text, error)
            )
            return None

    def _key(
        self, row: int, where: str, period_text: str, checked: CheckedFigure
    ) -> tuple[str, str, str] | None:
        """The figure's (place, indicator, period); None when an earlier row has it."""
        written = (period_text, checked.period.months)
        period = self.canonical.get(written)
        if period is None:
            period = self.canonical[written] = str(checked.period)
            self.years.add(checked.period.year)
        key = (where, checked.indicator.key, period)
        first = self.seen.setdefault(key, row)
        if first == row:
            return key
        shown = period if where == HOME else f"{period} {self.names.places.configured(where)}"
        self.plan.problems.append(why.duplicate(row, key[1], shown, _file_row(self.layout, first)))
        return None

    def _said(self, row: int, cells: list[str]) -> _Said | None:
        """The row's note, source and preliminary flag; None when one of them is refused."""
        cn, cs = self.cn, self.cs
        note = (restored(cells[cn].strip()) or None) if cn is not None else None
        source = (restored(cells[cs].strip()) or None) if cs is not None else None
        if (note and len(note) > TEXT_LIMITS["note"]) or (
            source and len(source) > TEXT_LIMITS["source"]
        ):
            self.plan.problems.extend(why.too_long(row, self.ix, note, source))
            return None
        if self.cy is None:
            return _Said(note, source, None)
        flag = _flag(cells[self.cy])
        if isinstance(flag, str):
            self.plan.problems.append(why.flag_problem(row, self.cy, flag))
            return None
        return _Said(note, source, flag)

    def _decide(
        self,
        stored: Stored,
        row: int,
        indicator: Indicator,
        key: tuple[str, str, str],
        checked: CheckedFigure,
        said: _Said,
    ) -> None:
        """New, revision or unchanged, by the one rule of revisions."""
        plan, (where, _, period) = self.plan, key
        if _finer(checked.value, indicator.decimals):
            plan.finer.append(
                FinerValue(row, indicator.key, period, checked.value, indicator.decimals)
            )
        note, source, preliminary = said
        d = decide(stored.get(key), checked.value, checked.amount, note, source, preliminary)
        change = PlannedFigure(
            row,
            indicator.key,
            period,
            checked.period.end,
            d.value,
            d.amount,
            d.preliminary,
            d.note,
            d.source,
            d.revision,
            d.previous,
            where,
        )
        if d.outcome is Outcome.NEW:
            plan.added.append(change)
        elif d.outcome is Outcome.REVISION:
            plan.revised.append(change)
        else:
            plan.unchanged.append(change)


def _finer(value: Decimal, decimals: int) -> bool:
    """Whether ``value`` has more decimals than ``decimals``, trailing zeros aside (a value
    written with no more decimals than that has no more once normalised: the quick test)."""
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int) or -exponent <= decimals:
        return False
    exponent = value.normalize().as_tuple().exponent
    return isinstance(exponent, int) and -exponent > decimals


def _place(names: PlaceNames, text: str) -> str | TrackerError:
    try:
        return names.places.stored(names.key(text))
    except TrackerError as error:
        return error


def _file_row(layout: Layout | None, row: int) -> int:
    """The file's row of a row of the layout (1-based both)."""
    if layout is None or not layout.rows:
        return row
    return layout.rows.get(row - 1, row - 1) + 1


def _file_rows(plan: Plan, layout: Layout) -> None:
    """A layout of one row per figure (a district table): every row as the file's."""
    plan.rows = len(set(layout.rows.values()))
    for name in ("added", "revised", "unchanged"):
        changes: list[PlannedFigure] = getattr(plan, name)
        # a new tuple of the same fields: ``_replace`` costs more for each of a table's figures
        moved = [PlannedFigure(_file_row(layout, c.row), *c[1:]) for c in changes]
        setattr(plan, name, sorted(moved, key=itemgetter(0)))  # the total row in its place
    plan.without_value = [_file_row(layout, r) for r in plan.without_value]
    plan.finer = [f._replace(row=_file_row(layout, f.row)) for f in plan.finer]
    # A row's place that is not configured is one problem, not one for each of its figures.
    problems = dict.fromkeys(replace(p, row=_file_row(layout, p.row)) for p in plan.problems)
    plan.problems = sorted(problems, key=lambda p: p.row)


def implausible(plan: Plan, stored: Stored, checker: Checker) -> list[Problem]:
    """The typo guards (tracker/domain/plausibility.py) over the file's new and revised
    figures, each compared with the figure before it in the same year: the file's own, else
    the stored one. Each suspect is checked by ``check_plausible`` for its message; the rest
    pass a quick comparison (a file of 100,000 figures has few suspects)."""
    series = _series(plan, stored)
    value_column = plan.columns.index["value"]
    found: list[Problem] = []
    guards: dict[str, Callable[[Decimal, Decimal | None], bool]] = {}
    for (key, _), figures in series.items():
        quick = guards.get(key) or guards.setdefault(key, _quick_guard(checker.by_key[key]))
        if len(figures) == 1:  # nothing before it: the quick test alone, without sorting
            ((_, (value, row)),) = figures.items()
            if row is None or not quick(value, None):
                continue
        found.extend(_suspects(checker.by_key[key], quick, figures, value_column))
    return sorted(found, key=lambda p: p.row)


def _suspects(
    indicator: Indicator,
    quick: Callable[[Decimal, Decimal | None], bool],
    figures: dict[str, tuple[Decimal, int | None]],
    value_column: int,
) -> list[Problem]:
    """The problems of one indicator's figures of one place (by period as stored, each with
    its row; None: not the file's), each compared with the one before it in the same year."""
    found = []
    before: tuple[Period, Decimal] | None = None
    for period, text in sorted(((_period(t), t) for t in figures), key=_first_in_order):
        value, row = figures[text]
        if before is not None and before[0].year != period.year:
            before = None
        if row is not None and quick(value, None if before is None else before[1]):
            previous = None if before is None else Figure(*before)
            try:
                check_plausible(indicator, period, value, previous)
            except Implausible as error:
                found.append(Problem(row, value_column, error.zh or "", str(error)))
        before = (period, value)
    return found


def _series(
    plan: Plan, stored: Stored
) -> dict[tuple[str, str], dict[str, tuple[Decimal, int | None]]]:
    """Each (indicator, place) of the file's new and revised figures: its figures by period
    (as stored: one text for each), each with its row (None: stored, or unchanged by the
    file); the file's own over the stored ones."""
    series: dict[tuple[str, str], dict[str, tuple[Decimal, int | None]]] = {}
    changed = (*plan.added, *plan.revised)
    if stored or plan.unchanged:
        keys = {(c.key, c.place) for c in changed}
        for (place, key, text), figure in stored.items():
            if (key, place) in keys and not figure.withdrawn:
                series.setdefault((key, place), {})[text] = (figure.value, None)
        for c in plan.unchanged:
            if (c.key, c.place) in keys:
                series.setdefault((c.key, c.place), {})[c.period] = (c.value, None)
    for c in changed:
        figures = series.get((c.key, c.place))
        if figures is None:  # most often: a table's one figure of an indicator and place
            series[(c.key, c.place)] = {c.period: (c.value, c.row)}
        else:
            figures[c.period] = (c.value, c.row)
    return series


def _quick_guard(indicator: Indicator) -> Callable[[Decimal, Decimal | None], bool]:
    """Whether a value may be stopped by a guard, given the previous one: a cheap test that
    is True for every value ``check_plausible`` refuses."""
    whole = indicator.unit in WHOLE_UNITS
    falls = rules_of(indicator).cumulative
    step = indicator.max_step if indicator.max_step is not None else DEFAULT_MAX_STEP
    rate = indicator.unit == "%"

    def suspect(value: Decimal, previous: Decimal | None) -> bool:
        if whole and value != value.to_integral_value():
            return True
        if previous is None:
            return False
        return (falls and value < previous) or (rate and abs(value - previous) > step)

    return suspect


def _first_in_order(pair: tuple[Period, str]) -> tuple[date, int]:
    """The order of a pair's period: Period's own, as a tuple (quicker to compare than the
    dataclass)."""
    return pair[0].end, pair[0].months


@functools.lru_cache(maxsize=4096)
def _period(text: str) -> Period:
    return Period.parse(text)


def _indicator(checker: Checker, text: str) -> Indicator | TrackerError:
    if not text:
        return InvalidInput("the indicator is empty; write its key or name.")
    try:
        return checker.indicator(text)
    except TrackerError as error:
        return error


def describe(change: PlannedFigure) -> str:
    """``industry 2020-06 = 5.6`` or ``industry 2020-06: 5.4 → 5.6``; another place than home
    first: ``city industry 2020-06 = 5.6``."""
    where = f"{change.place} " if change.place != HOME else ""
    if change.previous is None or change.previous == change.value:
        return f"{where}{change.key} {change.period} = {plain(change.value)}"
    return f"{where}{change.key} {change.period}: {plain(change.previous)} → {plain(change.value)}"

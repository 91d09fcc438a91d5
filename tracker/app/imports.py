"""``tracker import``: read a file, check every row against the database as it stands, then
write all of it in one transaction or nothing at all."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from operator import itemgetter
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from tracker.app.collector import collector_paused
from tracker.app.database import Database
from tracker.domain.errors import InvalidInput
from tracker.domain.model import Indicator
from tracker.domain.numbers import plain
from tracker.domain.places import HOME, Places
from tracker.domain.revisions import StoredFigure
from tracker.figures.validate import Checker
from tracker.sheets.bulletin import Bulletin, is_bulletin, read_bulletin
from tracker.sheets.layouts import has_header
from tracker.sheets.places import PlaceNames, one_place
from tracker.sheets.plan import Plan, PlannedFigure, Progress, Stored, Wanted, plan_sheet
from tracker.sheets.read import Sheet, read_sheet, read_text
from tracker.store import figures as figure_store
from tracker.store import goals as goal_store
from tracker.store import indicators as indicator_store

SHOWN_PROBLEMS = 20  # problems listed in a refusal; the rest are counted
CHUNK = 5_000  # figures per executemany, so progress can be shown while writing
ATTEMPTS = 3  # another writer added a revision meanwhile: check again and retry


class ImportRefused(InvalidInput):
    """The file cannot be imported as it is; the message lists every problem found."""


@dataclass(frozen=True)
class Change:
    """One field a revision changes: its name in English and Chinese, the stored value and
    the file's (None: empty)."""

    field: str
    zh: str
    before: Decimal | str | bool | None
    after: Decimal | str | bool | None

    def shown(self, value: Decimal | str | bool | None, *, none: str = "—") -> str:
        if value is None:
            return none
        if isinstance(value, bool):
            return "预计 preliminary" if value else "正式 final"
        if isinstance(value, Decimal):
            return plain(value)
        return repr(value)

    @property
    def arrow(self) -> str:
        """``amount 金额 120.5 → 121``, as the dry run lists it."""
        return f"{self.field} {self.zh} {self.shown(self.before)} → {self.shown(self.after)}"


_FIELDS = (
    ("value", "数值"),
    ("amount", "金额"),
    ("note", "备注"),
    ("source", "来源"),
    ("preliminary", "预计标记"),
)
_ADDABLE = frozenset({"amount", "note", "source"})  # may be given where none is stored


def changes_of(change: PlannedFigure, stored: StoredFigure) -> tuple[Change, ...]:
    """The fields in which ``change`` (a figure of the file, with what it carries over)
    differs from the figure ``stored``."""
    return tuple(
        Change(name, zh, getattr(stored, name), getattr(change, name))
        for name, zh in _FIELDS
        if getattr(stored, name) != getattr(change, name)
    )


def is_addition(changes: tuple[Change, ...]) -> bool:
    """Whether a revision only fills fields the stored figure left empty (an amount where
    none was stored): it corrects nothing, and needs no --revise."""
    return bool(changes) and all(c.field in _ADDABLE and c.before is None for c in changes)


@dataclass(frozen=True)
class ImportResult:
    """An import's outcome: its plan (rows added, revised, unchanged, problems), how the file
    was read (a CSV's encoding, a workbook's sheet), whether it was a dry run, and a bulletin's
    sentences when it was one."""

    plan: Plan
    encoding: str | None  # CSV: the encoding used
    sheet: str | None  # Excel: the worksheet read
    dry_run: bool
    bulletin: Bulletin | None = None  # a bulletin's text: what it found and could not place
    changes: dict[int, tuple[Change, ...]] = field(default_factory=dict)  # revised, by row
    additions: frozenset[int] = frozenset()  # rows of revisions that only add (is_addition)

    @property
    def written(self) -> int:
        return 0 if self.dry_run else len(self.plan.added) + len(self.plan.revised)


def import_file(
    db: Database,
    path: Path,
    *,
    by: str,
    now: datetime,
    reason: str | None = None,
    dry_run: bool = False,
    sheet: str | None = None,
    encoding: str | None = None,
    progress: Progress | None = None,
    period: str | None = None,
    year: int | None = None,
    yes: bool = False,
    text: str | None = None,
    force: bool = False,
    places: Places | None = None,
    place: str | None = None,
) -> ImportResult:
    """Import the figures of a CSV or Excel file, all or nothing.

    ``force`` lets through what only the range, cadence and typo guards refuse; ``year`` is
    the year of periods written without one (``1-6月``).

    Figures already stored with the same value (and note, source, amount, preliminary flag)
    are skipped, so importing a file twice changes nothing. A figure that differs from the
    stored one is a revision: the file is refused unless ``reason`` is given.

    Python's cycle collector is paused meanwhile: a 100,000-row file makes hundreds of
    thousands of small objects without cycles, which it would otherwise scan again and again
    (``python -m benchmarks``, case ``import_gc_pause``). Reference counting still frees
    everything as usual.

    ``period`` names a statistical or district table's period when no title row does.
    ``places`` are the configured places a place column names (None: home alone); a row
    naming a place that is not configured refuses the file. ``place`` (a configured key or
    name; None: home) is the place of the rows that name none. Raises UnknownPlace for a
    ``place`` that is not configured. ``text`` is the
    content itself (standard input), named ``path``. A text without a header row is read as a
    bulletin (``tracker.sheets.bulletin``): its labels without a year take ``year``, and it is
    only a dry run unless ``yes``.
    """
    if reason is not None and not reason.strip():
        raise InvalidInput("A revision needs a reason: --revise --reason 'what changed and why'.")
    at = (places or one_place()).stored(place)
    with collector_paused():
        if text is not None:
            data = read_text(path.name, text)
        else:
            data = read_sheet(path, sheet=sheet, encoding=encoding)
        bulletin = data.text is not None and is_bulletin(data.text) and not has_header(data.rows)
        return import_sheet(
            db,
            data,
            path.name,
            by,
            now,
            reason,
            dry_run or (bulletin and not yes),
            None if bulletin else progress,
            None if bulletin else period,
            force=force,
            year=year,
            places=places,
            place=at,
            as_bulletin=bulletin,
        )


def import_sheet(
    db: Database,
    data: Sheet,
    file_name: str,
    by: str,
    now: datetime,
    reason: str | None,
    dry_run: bool,
    progress: Progress | None,
    period: str | None = None,
    *,
    force: bool = False,
    year: int | None = None,
    places: Places | None = None,
    place: str = HOME,
    as_bulletin: bool = False,
) -> ImportResult:
    """``import_file``'s work on a sheet already read, without pausing the cycle collector:
    the indicators, goal years and stored figures are read, the rows checked and the figures
    written in one transaction (read only for a dry run). ``as_bulletin``: ``data`` is a
    bulletin's text, whose sentences are read as figures (``tracker.sheets.bulletin``); raises
    ImportRefused when no sentence states a figure of a configured indicator (the sentences
    that could not be placed are listed)."""
    for attempt in range(ATTEMPTS):
        try:
            with db.reading() if dry_run else db.writing() as session:
                indicators = [i for _, i in indicator_store.indicators(session=session)]
                bulletin = read_bulletin_figures(data, indicators, year) if as_bulletin else None
                rows = bulletin.sheet() if bulletin is not None else data
                stored: dict[tuple[str, str, str], StoredFigure] = {}
                plan = _plan(
                    session, rows, indicators, _reader(session, stored), progress, period,
                    force=force, year=year, places=places, place=place,
                )  # fmt: skip
                if bulletin is not None:
                    _bulletin_lines(plan, bulletin)
                changes = {
                    c.row: changes_of(c, stored[(c.place, c.key, c.period)]) for c in plan.revised
                }
                added = {r: _addition_reason(ch) for r, ch in changes.items() if is_addition(ch)}
                _refuse_if_needed(plan, reason, changes, added, bulletin)
                if not dry_run:
                    _write(
                        session, plan, file_name, by=by, now=now, reason=reason, added=added,
                        done=progress,
                    )  # fmt: skip
            return ImportResult(
                plan, rows.encoding, rows.sheet, dry_run, bulletin, changes, frozenset(added)
            )
        except IntegrityError:
            if attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


PLACES_LISTED = 500  # places named in the query of stored figures; more: every place's read


def _reader(
    session: Session, stored: dict[tuple[str, str, str], StoredFigure]
) -> Callable[[Wanted], Stored]:
    """What reads the stored figures a file's are compared with (the places, indicators and
    years of its figures, not every figure of the database) into ``stored``, and returns it."""

    def read(wanted: Wanted) -> Stored:
        if wanted.places and wanted.indicators and wanted.years:
            many = len(wanted.places) > PLACES_LISTED
            stored.update(
                figure_store.stored_figures(
                    session=session,
                    places=None if many else wanted.places,
                    indicators=wanted.indicators,
                    years=(min(wanted.years) - 1, max(wanted.years) + 1),
                )
            )
        return stored

    return read


def read_bulletin_figures(data: Sheet, indicators: list[Indicator], year: int | None) -> Bulletin:
    """The figures a bulletin's sentences state, as ``read_bulletin`` finds them. Raises
    ImportRefused when no sentence states a figure of a configured indicator (the sentences
    that could not be placed are listed)."""
    bulletin = read_bulletin(data.name, data.text or "", indicators, year)
    if not bulletin.found:
        lines = [
            f"第{u.line}行: {u.why_zh} / line {u.line}: {u.why_en}: {u.sentence}"
            for u in bulletin.unplaced[:SHOWN_PROBLEMS]
        ]
        raise ImportRefused(
            f"{data.name}: no sentence states a figure of a configured indicator "
            "(没有找到可导入的数据); a sentence needs its period (1-7月, 上半年), the indicator's "
            "name and its figure, e.g. 1-7月，全区规模以上工业增加值同比增长5.4%。"
            + "".join("\n" + line for line in lines)
        )
    return bulletin


def _bulletin_lines(plan: Plan, bulletin: Bulletin) -> None:
    """A bulletin's problems by its line, not by the row of the figures made of it."""
    plan.problems = [type(p)(_line(bulletin, p.row), None, p.zh, p.en) for p in plan.problems]


def _line(bulletin: Bulletin | None, row: int) -> int:
    """The bulletin's line of the figure at ``row`` of the rows made of it (row 2 the first
    figure found); ``row`` itself for a file of rows. Two figures may share a line, so the
    plan keeps its rows and only what is said to a person names the line."""
    return bulletin.found[row - 2].line if bulletin is not None else row


def _plan(
    session: Session,
    data: Sheet,
    indicators: list[Indicator],
    stored: Callable[[Wanted], Stored],
    progress: Progress | None,
    period: str | None,
    *,
    force: bool,
    year: int | None,
    places: Places | None,
    place: str,
) -> Plan:
    checker = Checker(indicators, goal_store.goal_years(session=session), year=year)
    names = PlaceNames(places) if places is not None else None
    return plan_sheet(
        data, checker, stored, progress, period, force=force, names=names, place=place
    )


def _addition_reason(changes: tuple[Change, ...]) -> str:
    """The reason stored with a revision that only adds: ``补充：金额 / added: amount``."""
    return (
        f"补充：{'、'.join(c.zh for c in changes)} / added: {', '.join(c.field for c in changes)}"
    )


def _refuse_if_needed(
    plan: Plan,
    reason: str | None,
    changes: dict[int, tuple[Change, ...]],
    added: dict[int, str],
    bulletin: Bulletin | None = None,
) -> None:
    if plan.problems:
        n = len(plan.problems)
        lines = [str(p) for p in plan.problems[:SHOWN_PROBLEMS]]
        if n > SHOWN_PROBLEMS:
            lines.append(f"… 另有{n - SHOWN_PROBLEMS}处 / and {n - SHOWN_PROBLEMS} more")
        raise ImportRefused(
            f"{plan.file}: {n} problem{'s' if n > 1 else ''} (共{n}处错误); nothing was imported "
            "(未导入任何数据). Fix them and import the file again:\n" + "\n".join(lines)
        )
    corrections = [c for c in plan.revised if c.row not in added]
    if corrections and reason is None:
        n = len(corrections)
        lines = [
            _overwrite(c._replace(row=_line(bulletin, c.row)), changes[c.row])
            for c in corrections[:SHOWN_PROBLEMS]
        ]
        if n > SHOWN_PROBLEMS:
            lines.append(f"… 另有{n - SHOWN_PROBLEMS}处 / and {n - SHOWN_PROBLEMS} more")
        raise ImportRefused(
            f"{plan.file} would change {n} stored figure{'s' if n > 1 else ''} "
            f"(将修改{n}个已录入的数据); nothing was imported. If the file is right, import it "
            "with --revise --reason 'what changed and why':\n" + "\n".join(lines)
        )
    if not (plan.added or plan.revised or plan.unchanged):
        raise InvalidInput(
            f"{plan.file} has no figures below its header (没有数据): every value cell is "
            "empty; fill in the value column and import it again.",
            zh=f"{plan.file}表头下没有数据（数值列全空）；请填写数值列后重新导入",
        )


def _overwrite(change: PlannedFigure, changes: tuple[Change, ...]) -> str:
    """One line of a refusal: the figure, and each field it would change with both values."""
    where = f"{change.key} {change.period}"
    if change.place != HOME:
        where = f"{change.place} {where}"
    if [c.field for c in changes] == ["value"]:
        old, new = (changes[0].shown(v) for v in (changes[0].before, changes[0].after))
        return (
            f"第{change.row}行: {where} 已录入为 {old}，文件中为 {new} / row {change.row}: "
            f"{where} is stored as {old}, the file has {new}"
        )
    zh = "；".join(
        f"{c.zh}已录入为 {c.shown(c.before, none='空')}，文件中为 {c.shown(c.after, none='空')}"
        for c in changes
    )
    en = "; ".join(
        f"the {c.field} is stored as {c.shown(c.before, none='none')}, the file has "
        f"{c.shown(c.after, none='none')}"
        for c in changes
    )
    return f"第{change.row}行: {where} {zh} / row {change.row}: {where}: {en}"


def _write(
    session: Session,
    plan: Plan,
    file_name: str,
    *,
    by: str,
    now: datetime,
    reason: str | None,
    added: dict[int, str],
    done: Progress | None,
) -> None:
    """Insert the plan's new and revised figures; ``added``: the reason of each row whose
    revision only adds (an amount where none was stored), given no ``reason``."""
    ids = indicator_store.indicator_ids(session=session)
    # Grouped by indicator, the rows reach the indexes on (indicator, period) in order:
    # a quarter less time inserting a file that lists every indicator month by month.
    changes = sorted(plan.added + plan.revised, key=itemgetter(1, 2))
    for start in range(0, len(changes), CHUNK):
        part = changes[start : start + CHUNK]
        (
            rows,
            keys,
            periods,
            ends,
            values,
            amounts,
            flags,
            notes,
            sources,
            revisions,
            _previous,
            at,
        ) = zip(*part, strict=True)
        n = len(part)
        columns = {
            "indicator_id": [ids[key] for key in keys],
            "place": at,
            "period": periods,
            "period_end": ends,
            "revision": revisions,
            "value": values,
            "amount": amounts,
            "preliminary": flags,
            "note": notes,
            "source": sources,
            "source_file": [file_name] * n,
            "source_row": rows,
            # A first revision needs no reason; any later one keeps it (one over a withdrawn
            # figure too, as `tracker record` does); one that only adds says what it adds.
            "reason": [
                None if revision == 1 else reason or added.get(row)
                for revision, row in zip(revisions, rows, strict=True)
            ],
            "recorded_by": [by] * n,
            "recorded_at": [now] * n,
        }
        figure_store.insert_figures(session=session, columns=columns)
        if done is not None:
            done("write", start + n, len(changes))

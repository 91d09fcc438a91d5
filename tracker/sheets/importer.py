"""Importing a file: read it, check every row, then write all of it in one transaction or
nothing at all."""

import gc
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from tracker.domain.errors import InvalidInput
from tracker.domain.numbers import plain
from tracker.figures.validate import Checker
from tracker.sheets.plan import Plan, PlannedFigure, Progress, plan_sheet
from tracker.sheets.read import Sheet, read_sheet
from tracker.store import figures as figure_store
from tracker.store import goals as goal_store
from tracker.store import indicators as indicator_store
from tracker.store.db import read_session, write_session

SHOWN_PROBLEMS = 20  # problems listed in a refusal; the rest are counted
CHUNK = 5_000  # entries per executemany, so progress can be shown while writing
ATTEMPTS = 3  # another writer added a revision meanwhile: check again and retry


class ImportRefused(InvalidInput):
    """The file cannot be imported as it is; the message lists every problem found."""


@dataclass(frozen=True)
class ImportResult:
    plan: Plan
    encoding: str | None  # CSV: the encoding used
    sheet: str | None  # Excel: the worksheet read
    dry_run: bool

    @property
    def written(self) -> int:
        return 0 if self.dry_run else len(self.plan.added) + len(self.plan.revised)


def import_file(
    engine: Engine,
    path: Path,
    *,
    by: str,
    now: datetime,
    reason: str | None = None,
    dry_run: bool = False,
    sheet: str | None = None,
    encoding: str | None = None,
    progress: Progress | None = None,
    force: bool = False,
    year: int | None = None,
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
    """
    if reason is not None and not reason.strip():
        raise InvalidInput("A revision needs a reason: --revise --reason 'what changed and why'.")
    collecting = gc.isenabled()
    gc.disable()
    try:
        data = read_sheet(path, sheet=sheet, encoding=encoding)
        return import_sheet(
            engine, data, path.name, by, now, reason, dry_run, progress, force=force, year=year
        )
    finally:
        if collecting:
            gc.enable()


def import_sheet(
    engine: Engine,
    data: Sheet,
    file_name: str,
    by: str,
    now: datetime,
    reason: str | None,
    dry_run: bool,
    progress: Progress | None,
    *,
    force: bool = False,
    year: int | None = None,
) -> ImportResult:
    """``import_file``'s work on a sheet already read, without pausing the cycle collector."""
    for attempt in range(ATTEMPTS):
        try:
            with (read_session if dry_run else write_session)(engine) as session:
                plan = _plan(session, data, progress, force=force, year=year)
                _refuse_if_needed(plan, reason)
                if not dry_run:
                    _write(session, plan, file_name, by=by, now=now, reason=reason, done=progress)
            return ImportResult(plan, data.encoding, data.sheet, dry_run)
        except IntegrityError:
            if attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _plan(
    session: Session, data: Sheet, progress: Progress | None, *, force: bool, year: int | None
) -> Plan:
    checker = Checker(
        (i for _, i in indicator_store.indicators(session=session)),
        goal_store.goal_years(session=session),
        year=year,
    )
    stored = figure_store.stored_figures(session=session)
    return plan_sheet(data, checker, stored, progress, force=force)


def _refuse_if_needed(plan: Plan, reason: str | None) -> None:
    if plan.problems:
        n = len(plan.problems)
        lines = [str(p) for p in plan.problems[:SHOWN_PROBLEMS]]
        if n > SHOWN_PROBLEMS:
            lines.append(f"… 另有{n - SHOWN_PROBLEMS}处 / and {n - SHOWN_PROBLEMS} more")
        raise ImportRefused(
            f"{plan.file}: {n} problem{'s' if n > 1 else ''} (共{n}处错误); nothing was imported "
            "(未导入任何数据). Fix them and import the file again:\n" + "\n".join(lines)
        )
    if plan.revised and reason is None:
        n = len(plan.revised)
        lines = [_overwrite(c) for c in plan.revised[:SHOWN_PROBLEMS]]
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
            "empty; fill in the value column and import it again."
        )


def _overwrite(change: PlannedFigure) -> str:
    old = plain(change.previous) if change.previous is not None else "—"
    new = plain(change.value)
    where = f"{change.key} {change.period}"
    if old == new:
        return (
            f"第{change.row}行: {where} 备注、来源或预计标记与已录入的不同 / row {change.row}: "
            f"{where} differs from the stored figure in note, source, amount or preliminary flag"
        )
    return (
        f"第{change.row}行: {where} 已录入为 {old}，文件中为 {new} / row {change.row}: "
        f"{where} is stored as {old}, the file has {new}"
    )


def _write(
    session: Session,
    plan: Plan,
    file_name: str,
    *,
    by: str,
    now: datetime,
    reason: str | None,
    done: Progress | None,
) -> None:
    ids = indicator_store.indicator_ids(session=session)
    # Grouped by indicator, the rows reach the indexes on (indicator, period) in order:
    # a quarter less time inserting a file that lists every indicator month by month.
    changes = sorted(plan.added + plan.revised, key=itemgetter(1, 2))
    for start in range(0, len(changes), CHUNK):
        part = changes[start : start + CHUNK]
        rows, keys, periods, ends, values, amounts, flags, notes, sources, revisions, old = zip(
            *part, strict=True
        )
        n = len(part)
        columns = {
            "indicator_id": [ids[key] for key in keys],
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
            "reason": [None if previous is None else reason for previous in old],
            "recorded_by": [by] * n,
            "recorded_at": [now] * n,
        }
        figure_store.insert_figures(session=session, columns=columns)
        if done is not None:
            done("write", start + n, len(changes))

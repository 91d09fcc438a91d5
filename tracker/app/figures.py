"""Recording one figure, and revising it: a revision is a new row, the old ones stay."""

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from tracker.app.database import Database
from tracker.domain.errors import InvalidInput
from tracker.domain.milestones import done_value
from tracker.domain.model import Indicator, Measure
from tracker.domain.numbers import plain
from tracker.domain.places import HOME
from tracker.domain.revisions import Outcome, decide, require_intent
from tracker.figures.validate import Checker
from tracker.store import figures as figure_store
from tracker.store import goals as goal_store
from tracker.store import indicators as indicator_store
from tracker.store.indicators import indicator_from_row
from tracker.store.tables import FigureRow

ATTEMPTS = 5  # concurrent writers of the same figure: the loser of a race tries again


@dataclass(frozen=True)
class FigureInput:
    """A figure as a person gave it: every field still text; None is "not said".

    ``preliminary``: True for an estimate (预计), False for the final figure, None when not
    said (a new figure is then final, a revision keeps the stored flag). ``place``: the stored
    key of the figure's place, "" for home (docs/places.md).
    """

    key: str
    period: str
    value: str
    amount: str | None = None
    note: str | None = None
    source: str | None = None
    preliminary: bool | None = None
    place: str = HOME
    done_on: date | None = None  # a milestone: the day it was done (``value`` is "done")


@dataclass(frozen=True)
class Recorded:
    """What ``record_figure`` stored: the indicator's key, the period, the revision number and
    value (in the indicator's unit), and the value it replaced (None for a new figure)."""

    key: str
    period: str
    revision: int
    value: Decimal
    previous: Decimal | None  # the value this revision replaced
    unchanged: bool = False  # the very same figure was stored already: nothing was written
    done_on: date | None = None  # a milestone: the day it was done


# How a milestone is said to be done (``tracker record KEY done --date D``).
DONE_WORDS = ("done", "完成", "已完成", "yes", "是")


def record_figure(
    db: Database,
    figure: FigureInput,
    *,
    by: str,
    now: datetime,
    reason: str | None = None,
    force: bool = False,
    year: int | None = None,
) -> Recorded:
    """Store ``figure``; with a ``reason`` it revises the stored one, else it must be new (or
    the very same as stored: then nothing is written and ``unchanged`` is set).

    ``year``: the year of a period written without one (``1-6月``). ``force`` passes the
    range, cadence and typo guards (a count that falls, a rate that jumps, a percent on a
    count). Raises InvalidInput, NotFound or Conflict, each in English and Chinese.
    """
    if reason is not None and not reason.strip():
        raise InvalidInput("A revision needs a reason: --revise --reason 'what changed and why'.")
    for attempt in range(ATTEMPTS):
        try:
            with db.writing() as session:
                return _record(
                    session, figure, by=by, now=now, reason=reason, force=force, year=year
                )
        except IntegrityError:
            if attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _record(
    session: Session,
    figure: FigureInput,
    *,
    by: str,
    now: datetime,
    reason: str | None,
    force: bool,
    year: int | None,
) -> Recorded:
    checker = Checker(
        (i for _, i in indicator_store.indicators(session=session)),
        goal_store.goal_years(session=session),
        year=year,
    )
    indicator = checker.indicator(figure.key)
    figure = _as_milestone(indicator, figure)
    # One writer per indicator at a time: the next revision number is read, then taken.
    row = indicator_store.indicator_row(session=session, key=indicator.key, lock=True)
    assert row is not None
    assert row.id is not None
    figures = figure_store.current_figures_of(
        session=session, indicator_id=row.id, place=figure.place
    )
    checked = checker.figure(
        indicator, figure.period, figure.value, figure.amount, force=force, previous=figures
    )
    current = figure_store.latest_revision(
        session=session, indicator_id=row.id, period=str(checked.period), place=figure.place
    )
    decision = decide(
        current, checked.value, checked.amount, figure.note, figure.source, figure.preliminary
    )
    if current is not None and decision.outcome is Outcome.UNCHANGED:
        return Recorded(
            indicator.key, str(checked.period), current.revision, current.value, None, True
        )
    where = f"{checked.indicator.key} {checked.period}" + (
        f" ({figure.place})" if figure.place else ""
    )
    known = (current.value, current.revision) if current is not None else None
    require_intent(where, decision.outcome, known, reason)
    stored = FigureRow(
        indicator_id=row.id,
        place=figure.place,
        period=str(checked.period),
        period_end=checked.period.end,
        revision=decision.revision,
        value=decision.value,
        amount=decision.amount,
        preliminary=decision.preliminary,
        note=decision.note,
        source=decision.source,
        reason=reason,
        recorded_by=by,
        recorded_at=now,
    )
    session.add(stored)
    session.flush()
    return Recorded(
        key=indicator_from_row(row).key,
        period=stored.period,
        revision=stored.revision,
        value=checked.value,
        previous=decision.previous,
        done_on=figure.done_on,
    )


def _as_milestone(indicator: Indicator, figure: FigureInput) -> FigureInput:
    """A milestone's figure as stored: the day it was done, written as a number, for that
    day's year (``tracker.domain.milestones``). Raises InvalidInput for a milestone given
    anything but "done" and a day, or a day given to another indicator."""
    milestone = indicator.measure is Measure.MILESTONE
    if not milestone and figure.done_on is not None:
        raise InvalidInput(
            f"--date is for a milestone; {indicator.key} takes a figure and --period.",
            zh=f"--date 用于里程碑事项；{indicator.key} 请录入数值和 --period。",
        )
    if not milestone:
        return figure
    if figure.value.strip().casefold() not in DONE_WORDS or figure.done_on is None:
        raise InvalidInput(
            f"{indicator.key} is a milestone: record the day it was done, e.g. "
            f"tracker record {indicator.key} done --date 2020-05-28.",
            zh=f"{indicator.key} 是里程碑事项：请录入完成日期，如 "
            f"tracker record {indicator.key} done --date 2020-05-28。",
        )
    day = figure.done_on
    return replace(figure, period=str(day.year), value=plain(done_value(day)), amount=None)

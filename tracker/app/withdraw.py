"""Withdrawing a figure entered for the wrong period: a revision that takes it back.

The figure leaves every status, report, export and form; its revisions stay, and the
history shows the withdrawal with who, when and why (DOMAIN.md, "Figures as bureaus write
them"). Recording the period again later is a new revision, without --revise.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from tracker.app.database import Database
from tracker.domain.errors import InvalidInput, NotFound
from tracker.domain.measures import rules_of
from tracker.domain.places import HOME
from tracker.domain.written_periods import read_period
from tracker.figures.validate import Checker
from tracker.store import figures as figure_store
from tracker.store import goals as goal_store
from tracker.store import indicators as indicator_store
from tracker.store.tables import FigureRow


@dataclass(frozen=True)
class Withdrawn:
    key: str
    period: str
    revision: int  # the withdrawal's revision number
    value: Decimal  # the value withdrawn


def withdraw_figure(
    db: Database,
    key: str,
    period_text: str,
    *,
    reason: str,
    by: str,
    now: datetime,
    year: int | None = None,
    place: str = HOME,
) -> Withdrawn:
    """Withdraw the current figure of ``key`` for the period, of the place ``place`` (stored
    key, "" for home). ``period_text`` in any written form (``year`` for one without a year).
    Raises InvalidInput for an empty reason or a bad
    period, NotFound when there is no figure to withdraw (never recorded, or withdrawn)."""
    if not reason.strip():
        raise InvalidInput(
            "A withdrawal needs a reason: --reason 'why the figure is taken back'.",
            zh="撤回数据须说明原因：--reason '撤回原因'。",
        )
    with db.writing() as session:
        checker = Checker(
            (i for _, i in indicator_store.indicators(session=session)),
            goal_store.goal_years(session=session),
            year=year,
        )
        indicator = checker.indicator(key)
        measure = rules_of(indicator)
        period = str(
            read_period(
                period_text,
                cadence=indicator.cadence,
                year_to_date=measure.year_on_year or measure.cumulative,
                year=year,
            )
        )
        row = indicator_store.indicator_row(session=session, key=indicator.key, lock=True)
        assert row is not None
        assert row.id is not None
        current = figure_store.latest_revision(
            session=session, indicator_id=row.id, period=period, place=place
        )
        if current is None or current.withdrawn:
            what = "was withdrawn already" if current else "has no figure"
            zh = "已撤回" if current else "没有数据"
            raise NotFound(
                f"{indicator.key} {period} {what}; nothing to withdraw "
                f"(`tracker history {indicator.key}` lists its figures).",
                zh=f"{indicator.key} {period} {zh}，无可撤回（`tracker history {indicator.key}` "
                "列出其数据）。",
            )
        session.add(
            FigureRow(
                indicator_id=row.id,
                place=place,
                period=period,
                period_end=current.period_end,
                revision=current.revision + 1,
                value=current.value,
                amount=current.amount,
                preliminary=current.preliminary,
                note=current.note,
                source=current.source,
                reason=reason.strip(),
                recorded_by=by,
                recorded_at=now,
                withdrawn=True,
            )
        )
        session.flush()
        return Withdrawn(indicator.key, period, current.revision + 1, current.value)

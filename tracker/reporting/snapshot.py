"""One state of the data a report is made from: the year's goals and figures read in one
transaction (``store.db.snapshot_session``), so that every message of a job run, and every
decision about whom to send one, comes from the same state."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine

from tracker.domain.errors import NotFound
from tracker.domain.model import Figure, Goal
from tracker.domain.places import HOME
from tracker.domain.status import GoalStatus, evaluate_in
from tracker.domain.years import goals_year
from tracker.reporting.statuses import closing_in
from tracker.store import figures as figure_store
from tracker.store import goals as goal_store
from tracker.store.db import snapshot_session


@dataclass(frozen=True)
class Snapshot:
    """The goals of ``year`` and the current figures of that year and the one before."""

    year: int
    goals: list[Goal]
    figures: dict[str, list[Figure]]

    def statuses(self, as_of: date) -> list[GoalStatus]:
        """Every goal evaluated as of ``as_of`` (docs/status-rules.md)."""
        return [evaluate_in(goal, self.figures, as_of) for goal in self.goals]

    def require_goals(self) -> "Snapshot":
        """Itself. Raises NotFound when the year has no goals (nothing to report)."""
        if not self.goals:
            raise NotFound(
                f"no goals for {self.year}; `tracker goals` lists the years that have them.",
                zh=f"{self.year}年没有目标；`tracker goals` 列出有目标的年份。",
            )
        return self


def read_snapshot(
    engine: Engine,
    *,
    as_of: date,
    year: int | None = None,
    known_before: datetime | None = None,
    place: str = HOME,
) -> Snapshot:
    """The data of ``place`` (stored key, "" for home) of ``year`` (default: the year
    ``choose_year`` picks as of ``as_of``), as recorded before ``known_before`` when given,
    read in one transaction."""
    with snapshot_session(engine) as session:
        if year is None:
            year = closing_in(session, as_of=as_of, known_before=known_before, place=place)[0]
        chosen = year if year is not None else goals_year(as_of)
        goals = goal_store.goals(
            session=session, year=chosen, known_before=known_before, place=place
        )
        figures = figure_store.current_figures(
            session=session, years=(chosen - 1, chosen), known_before=known_before, place=place
        )
    return Snapshot(chosen, goals, figures)

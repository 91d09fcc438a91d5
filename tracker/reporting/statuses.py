"""The status of every goal of a year, read from the database and evaluated by the pure rules."""

from datetime import date

from sqlalchemy import Engine

from tracker.domain.model import Figure, Goal
from tracker.domain.status import GoalStatus, evaluate
from tracker.store import queries
from tracker.store.db import read_session


def goal_statuses(engine: Engine, *, as_of: date, year: int | None = None) -> list[GoalStatus]:
    """Every goal of ``year`` (default: the as-of date's year), evaluated as of ``as_of``."""
    with read_session(engine) as session:
        goals = queries.goals(session=session, year=year or as_of.year)
        figures = queries.current_figures(session=session)
    return [evaluate(goal, figures.get(goal.indicator.key, ()), as_of) for goal in goals]


def goals_and_figures(engine: Engine, *, year: int) -> tuple[list[Goal], dict[str, list[Figure]]]:
    """The goals of ``year`` and every indicator's current figures (all years), in one read."""
    with read_session(engine) as session:
        goals = queries.goals(session=session, year=year)
        figures = queries.current_figures(session=session)
    return goals, figures

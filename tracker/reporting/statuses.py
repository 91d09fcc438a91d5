"""The status of every goal of a year, read from the database and evaluated by the pure rules."""

import gc
from datetime import date

from sqlalchemy import Engine

from tracker.domain.model import Figure, Goal
from tracker.domain.status import GoalStatus, evaluate_in
from tracker.domain.years import goals_year
from tracker.store import figures as figure_store
from tracker.store import goals as goal_store
from tracker.store.db import read_session


def goal_statuses(engine: Engine, *, as_of: date, year: int | None = None) -> list[GoalStatus]:
    """Every goal of ``year`` (default: ``goals_year(as_of)``), evaluated as of ``as_of``.

    Python's cycle collector is paused meanwhile: a city's goals and figures are hundreds of
    thousands of small objects without cycles, which it would otherwise scan again and again,
    doubling the time (``python -m benchmarks``, case ``status_gc_pause``). Reference counting
    still frees everything as usual.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return evaluate_goals(engine, as_of=as_of, year=goals_year(as_of, year))
    finally:
        if collecting:
            gc.enable()


def evaluate_goals(engine: Engine, *, as_of: date, year: int) -> list[GoalStatus]:
    """``goal_statuses`` without pausing the cycle collector."""
    goals, figures = goals_and_figures(engine, year=year)
    statuses = [evaluate_in(goal, figures, as_of) for goal in goals]
    # Last year's figures other than the baselines are needed no more: freed now, before the
    # collector runs again, it need not scan them once more.
    del figures
    return statuses


def goals_and_figures(engine: Engine, *, year: int) -> tuple[list[Goal], dict[str, list[Figure]]]:
    """The goals of ``year`` and the current figures of that year and the one before (the
    baselines), in one read: the status rules look no further back."""
    with read_session(engine) as session:
        goals = goal_store.goals(session=session, year=year)
        figures = figure_store.current_figures(session=session, years=(year - 1, year))
    return goals, figures

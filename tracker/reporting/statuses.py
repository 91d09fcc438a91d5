"""The status of every goal of a year, read from the database and evaluated by the pure rules."""

import gc
from datetime import date, datetime

from sqlalchemy import Engine

from tracker.domain.model import Figure, Goal
from tracker.domain.periods import periods_of_year
from tracker.domain.places import HOME
from tracker.domain.status import GoalStatus, evaluate_in
from tracker.domain.years import Closing, closing_year, goals_year, still_due
from tracker.store import figures as figure_store
from tracker.store import goals as goal_store
from tracker.store.db import read_session


def choose_year(
    engine: Engine,
    *,
    as_of: date,
    year: int | None = None,
    known_before: datetime | None = None,
    place: str = HOME,
) -> int:
    """The year whose goals a command or job as of ``as_of`` is about: ``year`` when chosen,
    else last year while its end is being closed (``closing_year``: before 1 March, or until
    each of its goals' last figures is published or past due), else the month rule
    (``goals_year``). Reads last year's goals, and their figures only when it must."""
    if year is not None:
        return year
    closing = closing_of(engine, as_of=as_of, known_before=known_before, place=place)[0]
    return closing or goals_year(as_of)


def closing_of(
    engine: Engine, *, as_of: date, known_before: datetime | None = None, place: str = HOME
) -> tuple[int | None, list[Closing]]:
    """``closing_year`` as of ``as_of``, and last year's goals of ``place`` (stored key, "" for
    home) whose last figure is still due (each with its indicator), for saying why."""
    last = as_of.year - 1
    with read_session(engine) as session:
        goals = goal_store.goals(session=session, year=last, known_before=known_before, place=place)
        closing = [Closing(g.indicator, False) for g in goals]
        if as_of >= date(as_of.year, 3, 1) and not any(still_due(c, as_of, last) for c in closing):
            return None, []  # every last period is past due: no need to read figures
        figures = figure_store.current_figures(
            session=session, years=(last, last), known_before=known_before, place=place
        )
    closing = [Closing(g.indicator, _published(g, figures, last)) for g in goals]
    return closing_year(as_of, closing), [c for c in closing if still_due(c, as_of, last)]


def _published(goal: Goal, figures: dict[str, list[Figure]], year: int) -> bool:
    indicator = goal.indicator
    final = periods_of_year(year, indicator.cadence, indicator.start_month)[-1]
    return any(f.period == final for f in figures.get(indicator.key, ()))


def goal_statuses(
    engine: Engine,
    *,
    as_of: date,
    year: int | None = None,
    known_before: datetime | None = None,
    place: str = HOME,
) -> list[GoalStatus]:
    """Every goal of ``place`` (stored key, "" for home: docs/places.md) of ``year`` (default:
    ``choose_year``), evaluated as of ``as_of``.

    Python's cycle collector is paused meanwhile: a city's goals and figures are hundreds of
    thousands of small objects without cycles, which it would otherwise scan again and again,
    doubling the time (``python -m benchmarks``, case ``status_gc_pause``). Reference counting
    still frees everything as usual.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        chosen = choose_year(engine, as_of=as_of, year=year, known_before=known_before, place=place)
        return evaluate_goals(
            engine, as_of=as_of, year=chosen, known_before=known_before, place=place
        )
    finally:
        if collecting:
            gc.enable()


def evaluate_goals(
    engine: Engine,
    *,
    as_of: date,
    year: int,
    known_before: datetime | None = None,
    place: str = HOME,
) -> list[GoalStatus]:
    """``goal_statuses`` without pausing the cycle collector."""
    goals, figures = goals_and_figures(engine, year=year, known_before=known_before, place=place)
    statuses = [evaluate_in(goal, figures, as_of) for goal in goals]
    # Last year's figures other than the baselines are needed no more: freed now, before the
    # collector runs again, it need not scan them once more.
    del figures
    return statuses


def goals_and_figures(
    engine: Engine, *, year: int, known_before: datetime | None = None, place: str = HOME
) -> tuple[list[Goal], dict[str, list[Figure]]]:
    """The goals of ``place`` (stored key) of ``year`` and its current figures of that year and
    the one before (the baselines), in one read: the status rules look no further back.
    ``known_before``: as they stood then, goal versions and figure revisions recorded later
    left out (``--as-known``)."""
    with read_session(engine) as session:
        goals = goal_store.goals(session=session, year=year, known_before=known_before, place=place)
        figures = figure_store.current_figures(
            session=session, years=(year - 1, year), known_before=known_before, place=place
        )
    return goals, figures

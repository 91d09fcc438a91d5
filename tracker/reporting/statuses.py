"""The status of every goal of a year, read from the database and evaluated by the pure rules."""

import gc
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import Engine
from sqlmodel import Session

from tracker.domain.errors import NotFound
from tracker.domain.model import Figure, Goal
from tracker.domain.periods import periods_of_year
from tracker.domain.places import HOME, Places
from tracker.domain.status import GoalStatus, Rankings, evaluate_among, evaluate_in
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
    with read_session(engine) as session:
        return closing_in(session, as_of=as_of, known_before=known_before, place=place)


def closing_in(
    session: Session, *, as_of: date, known_before: datetime | None = None, place: str = HOME
) -> tuple[int | None, list[Closing]]:
    """``closing_of`` read in ``session`` (a caller's transaction, one state of the data)."""
    last = as_of.year - 1
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
    places: Places | None = None,
) -> list[GoalStatus]:
    """Every goal of ``place`` (stored key, "" for home: docs/places.md) of ``year`` (default:
    ``choose_year``), evaluated as of ``as_of``. ``places``: the configured places, whose
    peers a rank goal is ranked among (docs/status-rules.md, "Places and peers"; None: the
    place alone).

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
            engine, as_of=as_of, year=chosen, known_before=known_before, place=place, places=places
        )
    finally:
        if collecting:
            gc.enable()


def all_goal_statuses(
    engine: Engine,
    *,
    as_of: date,
    year: int,
    places: Places,
    known_before: datetime | None = None,
) -> dict[str, list[GoalStatus]]:
    """Every goal of every place of ``year``, evaluated as of ``as_of``, by stored place key:
    the configured places in config order (those without goals left out), then any place with
    goals stored that is no longer configured. The goals and the figures of every place are
    read once; the cycle collector is paused as in ``goal_statuses``."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        with read_session(engine) as session:
            goals = goal_store.goals(
                session=session, year=year, known_before=known_before, place=None
            )
            by_place = figure_store.current_figures_by_place(
                session=session, years=(year - 1, year), known_before=known_before
            )
        grouped: dict[str, list[Goal]] = {}
        for goal in goals:
            grouped.setdefault(goal.place, []).append(goal)
        order = [places.stored(key) for key in places.by_key]
        order += [p for p in grouped if p not in order]
        rankings: Rankings = {}  # each indicator ranked once per period and parent
        return {
            place: [
                evaluate_among(g, by_place, as_of, peers=peers_of(places, place), rankings=rankings)
                for g in grouped[place]
            ]
            for place in order
            if place in grouped
        }
    finally:
        if collecting:
            gc.enable()


def peers_of(places: Places | None, place: str) -> tuple[str, ...]:
    """The stored keys of the places with the same parent as ``place`` (a stored key), itself
    included, in config order; the place alone without places or when it is not configured."""
    if places is None:
        return (place,)
    try:
        peers = places.peers(places.configured(place))
    except NotFound:  # goals of a place no longer configured
        return (place,)
    return tuple(places.stored(p.key) for p in peers)


def _of_places(goal: Goal) -> bool:
    """Whether the goal is scored with other places' figures (relative to a place, a rank)."""
    return any(
        g.reference_place is not None or g.rank_among is not None for g in (goal, *goal.versions)
    )


def evaluate_goals(
    engine: Engine,
    *,
    as_of: date,
    year: int,
    known_before: datetime | None = None,
    place: str = HOME,
    places: Places | None = None,
) -> list[GoalStatus]:
    """``goal_statuses`` without pausing the cycle collector. Only when a goal is scored with
    other places' figures are theirs read: its reference places' and its peers'."""
    goals, figures = goals_and_figures(engine, year=year, known_before=known_before, place=place)
    if not any(_of_places(goal) for goal in goals):
        statuses = [evaluate_in(goal, figures, as_of) for goal in goals]
        del figures  # see below
        return statuses
    peers = peers_of(places, place)
    by_place = other_places_figures(
        engine, goals, year=year, known_before=known_before, place=place, peers=peers
    )
    by_place[place] = figures
    rankings: Rankings = {}
    statuses = [
        evaluate_among(goal, by_place, as_of, peers=peers, rankings=rankings) for goal in goals
    ]
    # Last year's figures other than the baselines are needed no more: freed now, before the
    # collector runs again, it need not scan them once more.
    del figures
    return statuses


def other_places_figures(
    engine: Engine,
    goals: Sequence[Goal],
    *,
    year: int,
    known_before: datetime | None,
    place: str,
    peers: Sequence[str],
) -> dict[str, dict[str, list[Figure]]]:
    """The current figures of ``year`` and the one before of the places ``goals`` of ``place``
    are scored against: their reference places, and ``peers`` when one is a rank goal; by
    stored place key (``place`` itself left out)."""
    wanted: set[str] = set()
    for goal in goals:
        for version in (goal, *goal.versions):
            if version.reference_place is not None:
                wanted.add(version.reference_place)
            if version.rank_among is not None:
                wanted.update(peers)
    wanted.discard(place)
    if not wanted:
        return {}
    with read_session(engine) as session:
        return figure_store.current_figures_by_place(
            session=session,
            years=(year - 1, year),
            known_before=known_before,
            places=sorted(wanted),
        )


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

"""The one read of a use case: a ``Workspace`` (``tracker.domain.workspace``) read in one
transaction that sees one state of the database.

What is read depends on what the use case makes (``Scope``): the status of one place reads its
goals and figures and those of the places its goals are scored against; a report also reads its
peers', its parent's and its children's figures and its children's goals; the status of every
place reads every place's. The year, when not chosen, is decided in the same transaction
(docs/status-rules.md, "The year's end").
"""

import enum
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime

from sqlmodel import Session

from tracker.app.plans import plan_figures
from tracker.domain.model import Figure, Goal, Measure
from tracker.domain.periods import Period, periods_of_year
from tracker.domain.places import HOME, Places
from tracker.domain.plans import Plan
from tracker.domain.projects import Portfolio
from tracker.domain.status import evaluate_in
from tracker.domain.workspace import FiguresByPlace, Workspace, peers_of
from tracker.domain.years import Closing, closing_year, goals_year, still_due
from tracker.store import figures as figure_store
from tracker.store import goals as goal_store
from tracker.store import indicators as indicator_store


class Scope(enum.Enum):
    """How much of the database a use case needs."""

    PLACE = "place"  # the place's goals, with the figures they are scored with
    NEIGHBOURHOOD = "neighbourhood"  # ... and its peers', parent's and children's (a report)
    EVERY_PLACE = "every place"  # every place's goals and figures (status --all-places)


def read_workspace(
    session: Session,
    *,
    places: Places,
    as_of: date,
    place: str = HOME,
    year: int | None = None,
    known_before: datetime | None = None,
    scope: Scope = Scope.PLACE,
    indicators: bool = False,
    projects: bool = False,
    plans: Sequence[Plan] = (),
) -> Workspace:
    """The workspace of ``place`` (a stored key: "" for home) as of ``as_of``, for
    ``year`` (None: the year's-end rule, then the month rule: ``tracker.domain.years``), as
    recorded before ``known_before`` (``--as-known``), read in ``session``'s transaction.

    ``indicators``: also every indicator defined, and every figure of the two years, not only
    those of periods ended by ``as_of`` (forms and exports show them all); ``projects``: also
    the key projects of the year of the place and its children (reports, docs/projects.md);
    ``plans``: the configured plans, whose figures are read for those of the place (a
    report's 规划目标).

    Only what is asked is read: the figures of periods ended by ``as_of`` (unless
    ``indicators``, or a goal is a milestone: ``ended_only``); for a report, its peers'
    figures of the periods its league tables rank alone (``Workspace.sampled``), unless a goal
    ranks the place among them.
    """
    stored = place
    closing: tuple[Closing, ...] = ()
    chosen_by_closing = None
    if year is None:
        chosen_by_closing, due = closing_in(
            session, as_of=as_of, known_before=known_before, place=stored
        )
        closing = tuple(due)
    chosen = year or chosen_by_closing or goals_year(as_of)
    years = (chosen - 1, chosen)
    children: dict[str, tuple[Goal, ...]] = {}
    defined = goal_store.indicator_table(session)  # read once for goals and figures
    memo = figure_store.FigureMemo(keys={ident: row[0] for ident, row in defined.items()})
    sampled: set[str] = set()
    if scope is Scope.EVERY_PLACE:
        goals = goal_store.goals(
            session=session, year=chosen, known_before=known_before, place=None, defined=defined
        )
        until = as_of if not indicators and ended_only(goals) else None
        figures: FiguresByPlace = figure_store.current_figures_by_place(
            session=session, years=years, known_before=known_before, until=until, memo=memo
        )
    else:
        goals = goal_store.goals(
            session=session, year=chosen, known_before=known_before, place=stored, defined=defined
        )
        if scope is Scope.NEIGHBOURHOOD:
            children = {
                c.key: tuple(
                    goal_store.goals(
                        session=session,
                        year=chosen,
                        known_before=known_before,
                        place=places.stored(c.key),
                        defined=defined,
                    )
                )
                for c in places.children(places.configured(stored))
            }
        figures, sampled = _figures_around(
            session,
            places,
            stored,
            goals,
            children,
            scope,
            years=years,
            known_before=known_before,
            as_of=as_of,
            until=as_of if not indicators else None,
            memo=memo,
        )
    own_plans = tuple(p for p in plans if p.place == stored)
    return Workspace(
        year=chosen,
        places=places,
        place=places.configured(stored),
        goals=tuple(goals),
        figures=figures,
        children=children,
        indicators=(
            tuple(i for _, i in indicator_store.indicators(session=session)) if indicators else ()
        ),
        known_before=known_before,
        closing=closing,
        closing_year=chosen_by_closing,
        sampled=frozenset(sampled),
        projects=_projects(session, places, stored, chosen, known_before) if projects else None,
        plans=own_plans,
        plan_figures=plan_figures(
            session, own_plans, as_of=as_of, known_before=known_before, place=stored
        ),
    )


def _figures_around(
    session: Session,
    places: Places,
    stored: str,
    goals: Sequence[Goal],
    children: dict[str, tuple[Goal, ...]],
    scope: Scope,
    *,
    years: tuple[int, int],
    known_before: datetime | None,
    as_of: date,
    until: date | None,
    memo: figure_store.FigureMemo,
) -> tuple[FiguresByPlace, set[str]]:
    """The figures of one place's workspace (``Scope.PLACE`` or ``Scope.NEIGHBOURHOOD``), by
    stored place key, and the stored keys of the places read for some periods alone (a
    report's peers: ``league_periods``). ``until``: of the periods ended by then only (None:
    every period of ``years``), unless a goal is a milestone (``ended_only``)."""
    wanted = _places_needed(places, stored, goals, children, scope)
    every = [*goals, *(g for found in children.values() for g in found)]
    until = until if ended_only(every) else None
    sampled = set(peers_of(places, stored)) - wanted if scope is Scope.NEIGHBOURHOOD else set()
    read = figure_store.current_figures_by_place(
        session=session,
        years=years,
        known_before=known_before,
        places=wanted,
        until=until,
        memo=memo,
    )
    if sampled:
        read.update(
            figure_store.current_figures_by_place(
                session=session,
                years=years,
                known_before=known_before,
                places=sampled,
                until=until,
                periods=league_periods(goals, read.get(stored, {}), as_of),
                indicators={g.indicator.key for g in goals},
                memo=memo,
            )
        )
    return read, sampled


def _projects(
    session: Session, places: Places, stored: str, year: int, known_before: datetime | None
) -> Portfolio:
    """The key projects of the place and its children for ``year`` (docs/projects.md)."""
    from tracker.app.projects import portfolio_places, read_portfolio

    covered = portfolio_places(places, stored)
    return read_portfolio(session, places=covered, year=year, known_before=known_before)


def _places_needed(
    places: Places,
    stored: str,
    goals: Iterable[Goal],
    children: dict[str, tuple[Goal, ...]],
    scope: Scope,
) -> set[str]:
    """The stored keys of the places whose figures the workspace holds in full: the place; the
    places its goals (and its children's) are scored against; its peers when a goal ranks
    among them; and for a report its parent and its children (its other peers are read for
    the league tables' periods alone: ``league_periods``)."""
    every = [*goals, *(g for found in children.values() for g in found)]
    wanted = {stored}
    for goal in every:
        for version in (goal, *goal.versions):
            if version.reference_place is not None:
                wanted.add(version.reference_place)
            if version.share_of is not None:
                wanted.add(version.share_of)
            if version.rank_among is not None:
                among = places.ranked_among().get(version.rank_among)
                wanted.update(among if among is not None else peers_of(places, stored))
    if scope is Scope.NEIGHBOURHOOD:
        key = places.configured(stored)
        parent = places.parent(key) if key in places.by_key else None
        if parent is not None:
            wanted.add(places.stored(parent.key))
        wanted.update(places.stored(c) for c in children)
    return wanted


def ended_only(goals: Iterable[Goal]) -> bool:
    """Whether the goals are decided by the figures of periods ended by the as-of date alone
    (docs/status-rules.md, "Which figure counts"): not when one is a milestone, done on a day
    of its year before the year's period ends (docs/status-rules.md, "Milestones")."""
    return all(g.indicator.measure is not Measure.MILESTONE for g in goals)


def league_periods(
    goals: Iterable[Goal], own: Mapping[str, Sequence[Figure]], as_of: date
) -> set[Period]:
    """The periods a report's league tables rank its peers for: each goal's latest figure's
    period as of ``as_of`` and the one before it (docs/places.md, "Reports"), from the place's
    own figures as the report's statuses find them; for the year's end, December, Q4 and the
    year alike (a peer's figure for any of them counts: ``status.figure_for``)."""
    wanted: set[Period] = set()
    for goal in goals:
        status = evaluate_in(goal, own, as_of)
        for figure in (status.latest, status.previous):
            if figure is None:
                continue
            period = figure.period
            if period.is_year_end:
                wanted.update(Period(period.end, months) for months in YEAR_END_MONTHS)
            wanted.add(period)
    return wanted


# The lengths (in months) of the periods that end a year: December, Q4 and the year itself.
YEAR_END_MONTHS = (1, 3, 12)


def closing_in(
    session: Session, *, as_of: date, known_before: datetime | None = None, place: str = HOME
) -> tuple[int | None, list[Closing]]:
    """``closing_year`` as of ``as_of`` for the place ``place`` (stored key), and last year's
    goals whose last figure is still due (each with its indicator), for saying why. Reads last
    year's goals, and their figures only when it must."""
    last = as_of.year - 1
    goals = goal_store.goals(session=session, year=last, known_before=known_before, place=place)
    closing = [Closing(g.indicator, False) for g in goals]
    if as_of >= date(as_of.year, 3, 1) and not any(still_due(c, as_of, last) for c in closing):
        return None, []  # every last period is past due: no need to read figures
    figures = figure_store.current_figures(
        session=session, years=(last, last), known_before=known_before, place=place, until=as_of
    )
    closing = [Closing(g.indicator, _published(g, figures, last)) for g in goals]
    return closing_year(as_of, closing), [c for c in closing if still_due(c, as_of, last)]


def _published(goal: Goal, figures: Mapping[str, Sequence[Figure]], year: int) -> bool:
    indicator = goal.indicator
    final = periods_of_year(year, indicator.cadence, indicator.start_month)[-1]
    return any(f.period == final for f in figures.get(indicator.key, ()))

"""The status of goals as of a date: ``tracker status`` and everything that asks it."""

from dataclasses import dataclass
from datetime import date, datetime

from tracker.app.collector import collector_paused
from tracker.app.database import Database
from tracker.app.workspace import Scope, read_workspace
from tracker.domain.places import HOME, Places
from tracker.domain.status import GoalStatus
from tracker.domain.workspace import Workspace


@dataclass(frozen=True)
class Statuses:
    """The goals' statuses by stored place key, and the workspace they were evaluated from
    (its ``year``, and why that year: ``closing_year``, ``closing``)."""

    workspace: Workspace
    by_place: dict[str, list[GoalStatus]]

    @property
    def own(self) -> list[GoalStatus]:
        """The statuses of the workspace's place."""
        return self.by_place.get(self.workspace.stored, [])


def evaluate_status(
    db: Database,
    *,
    as_of: date,
    year: int | None = None,
    known_before: datetime | None = None,
    place: str = HOME,
    places: Places | None = None,
    every_place: bool = False,
    projects: bool = False,
) -> Statuses:
    """The goals of ``place`` (stored key, "" for home: docs/places.md) evaluated as of
    ``as_of``, in one read; with ``every_place``, every place's goals
    (``Workspace.statuses_by_place``). ``year``: the goals' year (None: the year's-end rule,
    then the month rule: docs/status-rules.md, "The year's end"). ``places``: the configured
    places, whose peers a rank goal is ranked among (None: the place alone); ``known_before``:
    as recorded before then (``--as-known``); ``projects``: the key projects are read too
    (``Workspace.projects``)."""
    with collector_paused():
        with db.reading() as session:
            ws = read_workspace(
                session,
                places=places or Places(),
                as_of=as_of,
                place=place,
                year=year,
                known_before=known_before,
                scope=Scope.EVERY_PLACE if every_place else Scope.PLACE,
                projects=projects,
            )
        by_place = ws.statuses_by_place(as_of) if every_place else {place: ws.statuses(as_of)}
    return Statuses(ws, by_place)


def goal_statuses(
    db: Database,
    *,
    as_of: date,
    year: int | None = None,
    known_before: datetime | None = None,
    place: str = HOME,
    places: Places | None = None,
) -> list[GoalStatus]:
    """Every goal of ``place`` (stored key) evaluated as of ``as_of`` (``evaluate_status``)."""
    return evaluate_status(
        db, as_of=as_of, year=year, known_before=known_before, place=place, places=places
    ).own


def all_goal_statuses(
    db: Database,
    *,
    as_of: date,
    year: int,
    places: Places,
    known_before: datetime | None = None,
) -> dict[str, list[GoalStatus]]:
    """Every goal of every place of ``year`` evaluated as of ``as_of``, by stored place key,
    in one read (``evaluate_status``)."""
    return evaluate_status(
        db, as_of=as_of, year=year, known_before=known_before, places=places, every_place=True
    ).by_place

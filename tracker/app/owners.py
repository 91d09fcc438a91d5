"""The owners' table (``tracker owners``): per owner its goals, how many are behind and its
weighted score, worst first (docs/status-rules.md, "Owners")."""

from datetime import date, datetime

from tracker.app.database import Database
from tracker.app.status import Statuses, evaluate_status
from tracker.domain.owners import Standing, standings
from tracker.domain.places import HOME, Places


def owner_standings(
    db: Database,
    *,
    as_of: date,
    year: int | None = None,
    known_before: datetime | None = None,
    place: str = HOME,
    places: Places | None = None,
) -> tuple[Statuses, list[Standing]]:
    """The goals of ``place`` (stored key) evaluated as of ``as_of`` (``evaluate_status``),
    and each owner's standing among them, worst first."""
    found = evaluate_status(
        db, as_of=as_of, year=year, known_before=known_before, place=place, places=places
    )
    return found, standings(found.own)

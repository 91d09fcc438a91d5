"""``tracker export`` and ``tracker forms``: one read, then the spreadsheets made in memory
(``tracker.sheets.export``, ``tracker.sheets.forms``)."""

from pathlib import Path

from tracker.app.database import Database
from tracker.app.workspace import Scope, read_workspace
from tracker.domain.periods import Period
from tracker.domain.places import Places
from tracker.sheets.export import Cell, current_rows, export_headers, history_rows, write_figures
from tracker.sheets.forms import Form, FormFile, every_place_form_files, form_files, write_forms
from tracker.sheets.places import one_place
from tracker.store import figures as figure_store
from tracker.store import indicators as indicator_store


def export_rows(
    db: Database,
    *,
    year: int | None,
    history: bool,
    places: Places | None = None,
    place: str | None = None,
    all_places: bool = False,
) -> list[list[Cell]]:
    """The figures as rows of cells, read in one transaction: the current revisions, or with
    ``history`` every one (``tracker.sheets.export``).

    Without ``place`` or ``all_places``, the home place's figures. ``place`` (a configured key
    of ``places``) exports that place's, ``all_places`` every place's, each row beginning with
    the place's configured key. Raises UnknownPlace for a ``place`` that is not configured.
    """
    places = places or one_place()
    wanted = None if all_places else places.stored(place)
    with_place = place is not None or all_places
    with db.reading() as session:
        names = {i.key: i.name_zh for _, i in indicator_store.indicators(session=session)}
        if not history:
            current = figure_store.current_figures_by_place(
                session=session, places=None if wanted is None else [wanted]
            )
            return current_rows(current, names, year=year, places=places, with_place=with_place)
        revisions = [
            (row.place, key, figure_store.revision_from_row(row))
            for key, row in figure_store.every_revision(session=session)
            if wanted is None or row.place == wanted
        ]
    return history_rows(revisions, names, year=year, places=places, with_place=with_place)


def export_figures(
    db: Database,
    path: Path,
    *,
    year: int | None,
    history: bool,
    places: Places | None = None,
    place: str | None = None,
    all_places: bool = False,
) -> int:
    """Write the figures to ``path`` (.csv or .xlsx); the number of rows written. ``places``,
    ``place`` and ``all_places`` as for ``export_rows``."""
    rows = export_rows(
        db, year=year, history=history, places=places, place=place, all_places=all_places
    )
    headers = export_headers(history=history, with_place=place is not None or all_places)
    write_figures(path, headers, rows)
    return len(rows)


def forms_for(
    db: Database,
    period_text: str,
    *,
    owner: str | None = None,
    places: Places | None = None,
    place: str | None = None,
    all_places: bool = False,
) -> list[FormFile]:
    """Each owner's fill-in form (or the named owner's) for the period: the home place's, or
    ``place``'s (a configured key or name of ``places``), or with ``all_places`` every
    configured place's that has goals for the period's year; read in one transaction. Raises
    UnknownPlace, NotFound (an owner without indicators due, no place with any), InvalidInput
    (a year without goals)."""
    period = Period.parse(period_text)
    places = places or one_place()
    with db.reading() as session:
        ws = read_workspace(
            session,
            places=places,
            as_of=period.end,
            place=places.stored(None if all_places else place),
            year=period.year,
            scope=Scope.EVERY_PLACE if all_places else Scope.PLACE,
            indicators=True,
        )
    if all_places:
        return every_place_form_files(ws, period, owner=owner)
    return form_files(ws, period, owner=owner)


def export_forms(
    db: Database,
    period_text: str,
    folder: Path,
    *,
    owner: str | None = None,
    replace: bool = False,
    places: Places | None = None,
    place: str | None = None,
    all_places: bool = False,
) -> list[Form]:
    """Write ``PERIOD-OWNER.xlsx`` (``PERIOD-PLACE-OWNER.xlsx`` for another place) for each
    owner (or the one named) into ``folder`` (``forms_for``). A form already there may have
    been filled in: it is replaced only when ``replace`` says so (else Conflict)."""
    files = forms_for(
        db, period_text, owner=owner, places=places, place=place, all_places=all_places
    )
    return write_forms(folder, files, replace=replace)

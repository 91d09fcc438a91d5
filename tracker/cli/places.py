"""The ``--place`` option: which configured place a command is about (docs/places.md)."""

from typing import Annotated

import typer

from tracker.cli.state import state
from tracker.domain.places import HOME

PlaceOption = Annotated[
    str | None,
    typer.Option(
        "--place",
        help="The place (a key or name of places.toml, e.g. city); default: the home place.",
        show_default=False,
    ),
]


def stored_place(place: str | None) -> str:
    """The stored key of ``place`` (None: home, stored as ""). Raises UnknownPlace (with the
    close matches) for a place that is not configured. Without ``--place`` the config is not
    read: `tracker record` stays quick."""
    if place is None:
        return HOME
    return state.config().places.stored(place)


def place_label(stored: str) -> str:
    """ "东城区 (East District)" for a place other than home, "" for home."""
    if not stored:
        return ""
    place = state.config().places.place(stored)
    return f"{place.name_zh} ({place.name_en})"

"""``tracker owners``: the owners held to account, worst first (docs/status-rules.md,
"Owners")."""

from typing import Annotated

import typer

from tracker.cli.errors import friendly
from tracker.cli.places import PlaceOption, stored_place
from tracker.cli.state import state


def register(app: typer.Typer) -> None:
    app.command()(friendly(owners))


def owners(
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="YYYY-MM-DD (default: today).")
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            min=1900, max=2999, help="The goals' year (default: the last ended month's year)."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    place: PlaceOption = None,
) -> None:
    """Each owner (责任单位) with its goals, how many are behind and its weighted score, the
    owners with most behind first."""
    from tracker.app.owners import owner_standings
    from tracker.cli.status import parse_date, readable

    day = parse_date(as_of)
    found, standings = owner_standings(
        readable(state.database()), as_of=day, year=year, place=stored_place(place),
        places=state.config().places,
    )  # fmt: skip
    if as_json:
        import json

        from tracker.reporting.serialize import owners_document

        print(json.dumps(owners_document(standings, day), ensure_ascii=False, indent=2))
        return
    if not standings:
        year = found.workspace.year
        print(f"No goals for {year}; `tracker goals` lists the years that have them.")
        return
    from tracker.cli.tables import owners_table, print_table

    print_table(owners_table(standings, day, found.workspace.year))

"""``tracker status``."""

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli import state as clock
from tracker.cli.errors import fail, friendly
from tracker.cli.state import state

if TYPE_CHECKING:
    from sqlalchemy import Engine


def register(app: typer.Typer) -> None:
    app.command()(friendly(status))


def readable(engine: "Engine") -> "Engine":
    """``engine``, after saying on stderr when its database file is read-only."""
    import sys

    from tracker.database import read_only

    if read_only(engine):
        print(
            "Note: 数据库文件只读 / the database file cannot be written; it is read as it is "
            "and nothing is changed.",
            file=sys.stderr,
        )
    return engine


def parse_date(text: str | None) -> date:
    if text is None:
        return clock.today()
    try:
        day = datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        fail(f"'{text}' is not a date; write YYYY-MM-DD, e.g. 2020-07-15.")
    if not 1900 <= day.year <= 2999:
        fail(f"'{text}' has an implausible year; write a date from 1900 to 2999.")
    return day


def status(
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
) -> None:
    """The status of every goal as of a date."""
    from tracker.domain.years import goals_year
    from tracker.reporting.statuses import goal_statuses

    day = parse_date(as_of)
    year = goals_year(day, year)
    statuses = goal_statuses(readable(state.engine()), as_of=day, year=year)
    if as_json:
        import json

        from tracker.reporting.serialize import status_document

        print(json.dumps(status_document(statuses, day), ensure_ascii=False, indent=2))
        return
    if not statuses:
        print(f"No goals for {year}; `tracker goals` lists the years that have them.")
        return
    from tracker.cli.tables import print_table, status_table

    print_table(status_table(statuses, day, year))

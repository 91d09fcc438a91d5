"""``tracker status``."""

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli import state as clock
from tracker.cli.errors import fail, friendly
from tracker.cli.places import PlaceOption, place_label, stored_place
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
        fail(
            f"'{text}' is not a date; write YYYY-MM-DD, e.g. 2020-07-15.",
            f"'{text}' 不是日期；请写成 YYYY-MM-DD，如 2020-07-15。",
        )
    if not 1900 <= day.year <= 2999:
        fail(
            f"'{text}' has an implausible year; write a date from 1900 to 2999.",
            f"'{text}' 的年份不合理；请写1900至2999年之间的日期。",
        )
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
    as_known: Annotated[
        str | None,
        typer.Option(
            "--as-known",
            help="Only the figure revisions and goal versions recorded by then (a date, or "
            "YYYY-MM-DD HH:MM[:SS][Z]).",
        ),
    ] = None,
    wide: Annotated[bool, typer.Option(help="Every column, however wide.")] = False,
    place: PlaceOption = None,
) -> None:
    """The status of every goal (of the home place, or --place) as of a date."""
    from tracker.domain.moments import known_before, parse_moment
    from tracker.domain.years import goals_year, last_month_ended
    from tracker.reporting.statuses import closing_of, goal_statuses

    day = parse_date(as_of)
    before = None
    if as_known is not None:
        before = known_before(parse_moment(as_known, clock.timezone()))
    where = stored_place(place)
    engine = readable(state.engine())
    closing, due = (
        (None, [])
        if year is not None
        else closing_of(engine, as_of=day, known_before=before, place=where)
    )
    year = closing or year or goals_year(day)
    statuses = goal_statuses(engine, as_of=day, year=year, known_before=before, place=where)
    if as_json:
        import json

        from tracker.reporting.serialize import status_document

        print(json.dumps(status_document(statuses, day), ensure_ascii=False, indent=2))
        return
    if not statuses:
        of = f" of {place_label(where)}" if where else ""
        print(f"No goals{of} for {year}; `tracker goals` lists the years that have them.")
        return
    if where:
        print(f"地区 / place: {place_label(where)}")
    from tracker.cli.tables import STATUS_FIT, print_table, status_table

    if closing is not None and closing != last_month_ended(day).year:
        waiting = ", ".join(c.indicator.key for c in due)
        zh = f"尚待最终数据：{waiting}" if due else "至3月1日"
        en = f"final figures still due: {waiting}" if due else "until 1 March"
        print(
            f"{closing}年目标仍在收尾（{zh}），本年目标请用 --year {day.year} / "
            f"the {closing} goals are still being closed ({en}); --year {day.year} for this "
            "year's."
        )
    print_table(status_table(statuses, day, year), STATUS_FIT, wide=wide)

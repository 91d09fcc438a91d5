"""``tracker status``."""

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli import state as clock
from tracker.cli.errors import fail, friendly
from tracker.cli.places import PlaceOption, place_label, stored_place
from tracker.cli.state import state

if TYPE_CHECKING:
    from tracker.app.database import Database
    from tracker.app.status import Statuses


def register(app: typer.Typer) -> None:
    app.command()(friendly(status))


def readable(db: "Database") -> "Database":
    """``db``, after saying on stderr when its database file is read-only."""
    import sys

    if db.read_only:
        print(
            "Note: 数据库文件只读 / the database file cannot be written; it is read as it is "
            "and nothing is changed.",
            file=sys.stderr,
        )
    return db


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
    all_places: Annotated[
        bool,
        typer.Option("--all-places", help="Every place's goals, grouped by place."),
    ] = False,
    plan: Annotated[
        str | None,
        typer.Option("--plan", help="A multi-year plan's goals instead (`tracker plans`)."),
    ] = None,
) -> None:
    """The status of every goal (of the home place, --place, or --all-places) as of a date;
    with --plan NAME, the goals of a multi-year plan."""
    from tracker.app.status import evaluate_status
    from tracker.domain.moments import known_before, parse_moment

    if all_places and place is not None:
        fail(
            "--place and --all-places cannot be combined; give one of them.",
            "--place 与 --all-places 不能同时使用；请只给其中一个。",
        )
    day = parse_date(as_of)
    before = None
    if as_known is not None:
        before = known_before(parse_moment(as_known, clock.timezone()))
    if plan is not None:
        from tracker.cli.plans import plan_status

        plan_status(plan, as_of=day, as_json=as_json, known_before=before)
        return
    where = stored_place(place)
    found = evaluate_status(
        readable(state.database()),
        as_of=day,
        year=year,
        known_before=before,
        place=where,
        places=state.config().places,
        every_place=all_places,
    )
    if all_places:
        _every_place(found, day=day, as_json=as_json, wide=wide)
        return
    statuses = found.own
    if as_json:
        import json

        from tracker.reporting.serialize import status_document

        print(json.dumps(status_document(statuses, day), ensure_ascii=False, indent=2))
        return
    year = found.workspace.year
    if not statuses:
        from tracker.app.goals import goal_years, no_goals_lines

        of = f" of {place_label(where)}" if where else ""
        of_zh = state.config().places.place(where).name_zh if where else ""
        years = goal_years(state.database(), place=where)
        print("\n".join(no_goals_lines(year, years, of, of_zh)))
        return
    if where:
        print(f"地区 / place: {place_label(where)}")
    from tracker.cli.tables import STATUS_FIT, print_table, status_table

    _closing_note(found, day)
    print_table(status_table(statuses, day, year, place_name), STATUS_FIT, wide=wide)


def _closing_note(found: "Statuses", day: date) -> None:
    """Say when last year's goals are reported because they are still being closed."""
    from tracker.domain.years import last_month_ended

    closing = found.workspace.closing_year
    if closing is None or closing == last_month_ended(day).year:
        return
    waiting = ", ".join(c.indicator.key for c in found.workspace.closing)
    zh = f"尚待最终数据：{waiting}" if waiting else "至3月1日"
    en = f"final figures still due: {waiting}" if waiting else "until 1 March"
    print(
        f"{closing}年目标仍在收尾（{zh}），本年目标请用 --year {day.year} / "
        f"the {closing} goals are still being closed ({en}); --year {day.year} for this "
        "year's."
    )


def place_name(stored: str) -> str:
    """The name of a place by its stored key, "全市 the City" (its key when not configured)."""
    from tracker.domain.errors import NotFound

    places = state.config().places
    try:
        place = places.place(places.configured(stored))
    except NotFound:
        return stored
    return f"{place.name_zh} {place.name_en}"


def _every_place(found: "Statuses", *, day: date, as_json: bool, wide: bool) -> None:
    """``status --all-places``: a table per place with goals, in config order (JSON: a list of
    places, each with its goals)."""
    places = state.config().places
    by_place = found.by_place
    if as_json:
        import json

        from tracker.reporting.serialize import status_document

        listed = []
        for stored, statuses in by_place.items():
            key = places.configured(stored)
            known = places.by_key.get(key)
            listed.append(
                {
                    "place": key,
                    "name_zh": known.name_zh if known else key,
                    "name_en": known.name_en if known else key,
                    "goals": status_document(statuses, day)["goals"],
                }
            )
        document = {"as_of": day.isoformat(), "places": listed}
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return
    year = found.workspace.year
    if not by_place:
        print(f"No goals of any place for {year}; `tracker goals` lists the years that have them.")
        return
    from tracker.cli.tables import STATUS_FIT, print_table, status_table

    for stored, statuses in by_place.items():
        print(f"地区 / place: {place_name(stored)}")
        print_table(status_table(statuses, day, year, place_name), STATUS_FIT, wide=wide)

"""``tracker record``, ``tracker withdraw`` and ``tracker history``."""

from typing import Annotated

import typer

from tracker.cli import state as clock
from tracker.cli.errors import fail, friendly, missing_option
from tracker.cli.places import PlaceOption, place_label, stored_place
from tracker.cli.state import state

YEAR_HELP = "The year of a period written without one (1-6月, 上半年)."


def register(app: typer.Typer) -> None:
    # A negative figure (-2.6) is a value, not an option.
    app.command(context_settings={"ignore_unknown_options": True})(friendly(record))
    app.command()(friendly(withdraw))
    app.command()(friendly(history))


def record(
    key: Annotated[
        str,
        typer.Argument(metavar="KEY", help="Indicator key, name or alias, e.g. industry, CPI."),
    ],
    value: Annotated[
        str,
        typer.Argument(
            metavar="VALUE", help="The figure: 8.5, 8.5%, 增长8.5%, 下降2.1%, 2050人, 2.05万人."
        ),
    ],
    period: Annotated[
        str,
        typer.Option(
            "--period",
            "-p",
            help="2020-06, 2020-Q2, 2020, 2020年1-6月, 上半年 (a milestone: --date instead).",
        ),
    ] = "",
    year: Annotated[int | None, typer.Option(min=1900, max=2999, help=YEAR_HELP)] = None,
    amount: Annotated[
        str | None, typer.Option(help="Year-to-date absolute amount, for growth rates.")
    ] = None,
    note: Annotated[str | None, typer.Option(help="Explanation (情况说明).")] = None,
    source: Annotated[str | None, typer.Option(help="Where the figure comes from.")] = None,
    preliminary: Annotated[
        bool | None,
        typer.Option(
            "--preliminary/--final",
            help="An estimate (预计), or the final figure; a revision that says neither keeps "
            "the stored flag.",
            show_default=False,
        ),
    ] = None,
    revise: Annotated[bool, typer.Option(help="Replace the stored figure by a revision.")] = False,
    reason: Annotated[str | None, typer.Option(help="Why the figure is revised.")] = None,
    by: Annotated[str | None, typer.Option(help="Who records it (default: the OS user).")] = None,
    force: Annotated[
        bool,
        typer.Option(help="Accept an unusual period or value (a typo guard, the range)."),
    ] = False,
    place: PlaceOption = None,
    done_on: Annotated[
        str | None,
        typer.Option("--date", help="A milestone: the day it was done (VALUE is 'done')."),
    ] = None,
) -> None:
    """Record one figure for an indicator and period (of the home place, or --place); a
    milestone as done on a day: tracker record KEY done --date 2020-05-28."""
    if revise and reason is None:
        fail(
            "--revise needs --reason 'what changed and why'.",
            "--revise 须附 --reason '修改内容及原因'。",
        )
    if reason is not None and not revise:
        fail(
            "--reason goes with --revise; add --revise to store a revision.",
            "--reason 须与 --revise 同用；请加 --revise 以保存修订。",
        )
    from tracker.app.figures import FigureInput, record_figure
    from tracker.cli.status import parse_date
    from tracker.domain.numbers import plain

    where = stored_place(place)
    day = parse_date(done_on) if done_on is not None else None
    if not period and day is None and value == "done":  # a milestone is done on a day
        missing_option("--date")
    if not period and day is None:
        missing_option("--period", "-p")
    figure = FigureInput(key, period, value, amount, note, source, preliminary, where, day)
    done = record_figure(
        state.database(), figure, by=by or clock.user(), now=clock.now(), reason=reason,
        force=force, year=year,
    )  # fmt: skip
    of = f" {place_label(where)}" if where else ""
    if done.done_on is not None and not done.unchanged:
        print(f"Recorded {done.key}{of} done on {done.done_on} (revision {done.revision})")
        return
    if done.unchanged:
        print(
            f"{done.key}{of} {done.period} is already recorded as {plain(done.value)}; nothing "
            f"changed. 已录入，未作更改。"
        )
    elif done.previous is None:
        print(f"Recorded {done.key}{of} {done.period} = {plain(done.value)}")
    else:
        print(
            f"Revised {done.key}{of} {done.period}: {plain(done.previous)} → {plain(done.value)} "
            f"(revision {done.revision})"
        )


def withdraw(
    key: Annotated[str, typer.Argument(metavar="KEY", help="Indicator key, name or alias.")],
    period: Annotated[str, typer.Option("--period", "-p", help="The period of the figure.")],
    reason: Annotated[str, typer.Option(help="Why the figure is taken back.")],
    year: Annotated[int | None, typer.Option(min=1900, max=2999, help=YEAR_HELP)] = None,
    by: Annotated[str | None, typer.Option(help="Who withdraws it (default: the OS user).")] = None,
    place: PlaceOption = None,
) -> None:
    """Take back a figure entered for the wrong period: it leaves every status and report,
    its history stays."""
    from tracker.app.withdraw import withdraw_figure
    from tracker.domain.numbers import plain

    where = stored_place(place)
    done = withdraw_figure(
        state.database(), key, period, reason=reason, by=by or clock.user(), now=clock.now(),
        year=year, place=where,
    )  # fmt: skip
    of = f" {place_label(where)}" if where else ""
    print(
        f"Withdrew {done.key}{of} {done.period} = {plain(done.value)} (revision {done.revision}); "
        f"已撤回。`tracker history {done.key}{f' --place {place}' if where else ''}` shows it."
    )


def history(
    key: Annotated[str, typer.Argument(metavar="KEY", help="Indicator key, name or alias.")],
    period: Annotated[str | None, typer.Option("--period", "-p", help="Only this period.")] = None,
    wide: Annotated[bool, typer.Option(help="Every column, however wide.")] = False,
    place: PlaceOption = None,
) -> None:
    """Every revision of an indicator's figures (of the home place, or --place): who, when,
    why."""
    from tracker.app.history import revisions_of
    from tracker.cli.tables import HISTORY_FIT, history_table, print_table

    where = stored_place(place)
    indicator, rows = revisions_of(state.database(), key, period, where)
    if not rows:
        of = f" {place_label(where)}" if where else ""
        print(f"No figures for {indicator.key}{of}" + (f" {period}" if period else "") + " yet.")
        return
    print_table(history_table(indicator, rows, clock.timezone()), HISTORY_FIT, wide=wide)

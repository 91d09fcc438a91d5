"""``tracker record`` and ``tracker history``."""

from typing import Annotated

import typer

from tracker.cli import state as clock
from tracker.cli.errors import fail, friendly
from tracker.cli.state import state


def register(app: typer.Typer) -> None:
    # A negative figure (-2.6) is a value, not an option.
    app.command(context_settings={"ignore_unknown_options": True})(friendly(record))
    app.command()(friendly(history))


def record(
    key: Annotated[
        str, typer.Argument(metavar="KEY", help="Indicator key or name, e.g. industry.")
    ],
    value: Annotated[
        str, typer.Argument(metavar="VALUE", help="The figure: 8.5, 8.5%, 1,234, -3.")
    ],
    period: Annotated[str, typer.Option("--period", "-p", help="2020-06, 2020-Q2 or 2020.")],
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
    force: Annotated[bool, typer.Option(help="Accept an unusual period or value.")] = False,
) -> None:
    """Record one figure for an indicator and period."""
    if revise and reason is None:
        fail("--revise needs --reason 'what changed and why'.")
    if reason is not None and not revise:
        fail("--reason goes with --revise; add --revise to store a revision.")
    from tracker.domain.numbers import plain
    from tracker.figures.record import FigureInput, record_figure

    figure = FigureInput(key, period, value, amount, note, source, preliminary)
    done = record_figure(
        state.engine(), figure, by=by or clock.user(), now=clock.now(), reason=reason, force=force
    )
    if done.previous is None:
        print(f"Recorded {done.key} {done.period} = {plain(done.value)}")
    else:
        print(
            f"Revised {done.key} {done.period}: {plain(done.previous)} → {plain(done.value)} "
            f"(revision {done.revision})"
        )


def history(
    key: Annotated[str, typer.Argument(metavar="KEY", help="Indicator key or name.")],
    period: Annotated[str | None, typer.Option("--period", "-p", help="Only this period.")] = None,
) -> None:
    """Every revision of an indicator's figures: who, when, why."""
    from tracker.cli.tables import history_table, print_table
    from tracker.figures.history import revisions_of

    indicator, rows = revisions_of(state.engine(), key, period)
    if not rows:
        print(f"No figures for {indicator.key}" + (f" {period}" if period else "") + " yet.")
        return
    print_table(history_table(indicator, rows, clock.timezone()))

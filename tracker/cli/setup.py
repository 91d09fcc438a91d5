"""``tracker init``, ``tracker goals``, ``tracker info``."""

from typing import Annotated

import typer

from tracker.cli import state as clock
from tracker.cli.errors import fail, friendly
from tracker.cli.state import state


def register(app: typer.Typer) -> None:
    app.command()(friendly(init))
    app.command()(friendly(goals))
    app.command()(friendly(info))


def init(
    demo: Annotated[
        bool, typer.Option("--demo", help="Load the demo district's config shipped with tracker.")
    ] = False,
) -> None:
    """Create the database and load indicators, goals and known results from the config."""
    from tracker.configuration.load import load_config
    from tracker.configuration.settings import demo_config_dir
    from tracker.database import masked_url
    from tracker.goals import load_definitions_into

    settings = state.settings()
    if demo and state.config_dir is not None:
        fail("--demo 与 --config 只能选一个 / use either --demo or --config, not both.")
    folder = demo_config_dir() if demo else settings.config_dir
    definitions = load_config(folder).definitions
    loaded = load_definitions_into(state.engine(), definitions, by=clock.user(), now=clock.now())
    print(f"Database: {masked_url(settings.database_url)}")
    print(f"Loaded {loaded.indicators} indicators and {loaded.goals} goals from {folder}")
    print(
        f"Known results: {loaded.results_added} added, "
        f"{loaded.results_kept} already stored (left as they are)"
    )


def goals(
    wide: Annotated[bool, typer.Option(help="Every column, however wide.")] = False,
) -> None:
    """List the indicators and their goals."""
    from tracker.cli.tables import GOALS_FIT, goals_table, print_table
    from tracker.goals import stored_goals

    found = stored_goals(state.engine())
    if not found:
        print("No goals yet; run `tracker init` to load them from the config.")
        return
    print_table(goals_table(found), GOALS_FIT, wide=wide)


def info() -> None:
    """Show the version, the database (password masked), the config directory and counts."""
    from tracker import __version__
    from tracker.database import contents, where

    settings = state.settings()
    engine = state.engine()
    print(f"tracker {__version__}")
    print(f"database:   {where(engine)}")
    missing = "" if settings.config_dir.is_dir() else " (does not exist: the defaults apply)"
    print(f"config:     {settings.config_dir}{missing}")
    print(f"reports:    {settings.reports_dir}")
    counts = contents(engine)
    if counts is None:
        print("contents:   no tables yet; run `tracker init`")
        return
    print("contents:   " + ", ".join(f"{n} {name}" for name, n in counts.items()))

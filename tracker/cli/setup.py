"""``tracker init``, ``tracker info``."""

from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli import state as clock
from tracker.cli.errors import fail, friendly
from tracker.cli.state import state

if TYPE_CHECKING:
    from tracker.app.database import Database
    from tracker.configuration.load import Config


def register(app: typer.Typer) -> None:
    app.command()(friendly(init))
    app.command()(friendly(info))


def init(
    demo: Annotated[
        bool,
        typer.Option(
            "--demo",
            help="Load the demo district's config shipped with tracker (into a database of its "
            "own unless --db or TRACKER_DATABASE_URL names one).",
        ),
    ] = False,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="With --demo: load it even into a database holding goals or figures it does "
            "not (they are retired).",
        ),
    ] = False,
) -> None:
    """Create the database and load indicators, goals and known results from the config."""
    import os

    from tracker.app.admin import masked_url
    from tracker.app.goals import load_definitions_into, refuse_taking_over
    from tracker.configuration.load import check_config
    from tracker.configuration.settings import demo_config_dir, demo_database_url

    settings = state.settings()
    if demo and state.config_dir is not None:
        fail("--demo 与 --config 只能选一个 / use either --demo or --config, not both.")
    own = demo and not settings.database_named  # the demo's own database, never a place's
    if own:
        state.database_url = demo_database_url(os.environ)
        settings = state.settings()
    folder = demo_config_dir() if demo else settings.config_dir
    config = check_config(folder)  # every problem of every file at once
    definitions = config.definitions
    db = state.database(create=True)
    if demo and not replace:
        refuse_taking_over(db, definitions)
    loaded = load_definitions_into(db, definitions, by=clock.user(), now=clock.now())
    print(f"Database: {masked_url(settings.database_url)}")
    print(f"Loaded {loaded.indicators} indicators and {loaded.goals} goals from {folder}")
    print(
        f"Known results: {loaded.results_added} added, "
        f"{loaded.results_kept} already stored (left as they are)"
    )
    if loaded.retired:
        n = loaded.retired
        names = ", ".join(
            f"{key} {year}" if not place else f"{place} {key} {year}"
            for key, place, year in loaded.retired_goals
        )
        print(
            f"Retired {n} goal{'s' if n > 1 else ''} no longer in the config (kept with their "
            f"history, left out of reports): {names}"
        )
    if own:
        print(
            "The demo has a database of its own; to work with it: export "
            f"TRACKER_DATABASE_URL={settings.database_url} TRACKER_CONFIG_DIR={folder}"
        )
    _load_projects(config)


def _load_projects(config: "Config") -> None:
    """The key projects of config/projects/ (docs/projects.md); said only when there are."""
    from tracker.app.projects import load_projects

    done = load_projects(state.database(), config.projects, by=clock.user(), now=clock.now())
    if done.stored:
        print(f"Key projects: {done.stored} loaded, {done.changed} new or changed · 重点项目")
    if done.retired:
        print(f"Retired {done.retired} key projects no longer in the config (kept, not reported)")


def info() -> None:
    """Show the version, the database (password masked), the config directory and counts."""
    from tracker import __version__
    from tracker.app.admin import contents, masked_url
    from tracker.domain.errors import NotFound

    settings = state.settings()
    print(f"tracker {__version__}")
    db: Database | None
    try:
        db = state.database()
    except NotFound:  # a database file not made yet: say so, and make none
        db = None
        print(f"database:   {masked_url(settings.database_url)} (does not exist yet)")
    else:
        print(f"database:   {db.where()}")
    missing = "" if settings.config_dir.is_dir() else " (does not exist: the defaults apply)"
    print(f"config:     {settings.config_dir}{missing}")
    print(f"reports:    {settings.reports_dir}")
    counts = None if db is None else contents(db)
    if counts is None:
        print("contents:   no tables yet; run `tracker init`")
        return
    print("contents:   " + ", ".join(f"{n} {name}" for name, n in counts.items()))

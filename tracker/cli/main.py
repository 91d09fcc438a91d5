"""The ``tracker`` command."""

import os
from pathlib import Path
from typing import Annotated

import typer

from tracker import __version__
from tracker.cli.commands import COMPLETE_VAR, Tracker
from tracker.cli.console import tolerate_console_encoding
from tracker.cli.state import state

app = typer.Typer(
    name="tracker",
    cls=Tracker,  # its commands loaded when one runs (tracker/cli/commands.py)
    help="Annual targets, the figures recorded against them, and who is falling behind.",
    no_args_is_help=True,
    add_completion=False,
    # Plain help and usage errors: rendering them with rich would import rich and markdown-it,
    # more than doubling the time of `tracker --help` (docs/performance.md, "--help").
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
)


def _version(value: bool) -> None:
    if value:
        print(f"tracker {__version__}")
        raise typer.Exit()


@app.callback()
def options(
    context: typer.Context,
    db: Annotated[
        str | None, typer.Option("--db", help="Database URL (default: TRACKER_DATABASE_URL).")
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Config folder (default: TRACKER_CONFIG_DIR, else ~/.config/tracker).",
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    state.database_url, state.config_dir, state.debug = db, config, debug
    state.loaded = None
    private_files()
    context.call_on_close(state.close)


def private_files() -> None:
    """Whatever the command creates (the SQLite database and its journal, reports, .eml files,
    forms, exports, lock files) is readable by its owner and group only: files 0640 at most,
    folders 0750. A stricter umask of the user's stays as it is."""
    os.umask(os.umask(0o027) | 0o027)


def main() -> None:
    tolerate_console_encoding()
    if COMPLETE_VAR in os.environ:  # a shell asking what to complete
        from tracker.cli.completion import prepare_completion

        prepare_completion()
    app()

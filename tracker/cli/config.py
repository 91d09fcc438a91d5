"""``tracker config check [DIR]``, ``tracker config new DIR``."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.errors import friendly
from tracker.cli.state import state

if TYPE_CHECKING:
    from tracker.configuration.load import Config


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Your own config folder: check it, or start a new one.")
    group.command("check")(friendly(check))
    group.command("new")(friendly(new))
    app.add_typer(group, name="config", no_args_is_help=True)


def check(
    folder: Annotated[
        Path | None,
        typer.Argument(
            metavar="[DIR]", help="The folder to check (default: the one tracker uses)."
        ),
    ] = None,
    option: Annotated[
        Path | None, typer.Option("--config", help="The folder to check, as an option.")
    ] = None,
) -> None:
    """Check a config folder without touching any database; print what it would load."""
    from tracker.configuration.load import check_config

    target = folder or option or state.settings().config_dir
    for line in summary(check_config(target)):
        print(line)


def new(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="A new or empty folder.")],
) -> None:
    """Write a commented skeleton config for a new place into DIR (an empty or new folder)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from tracker.configuration.general import DEFAULT_TIMEZONE
    from tracker.configuration.skeleton import write_skeleton

    year = datetime.now(ZoneInfo(DEFAULT_TIMEZONE)).year
    for path in write_skeleton(folder, year):
        print(path)
    print(f"Edit these files, check them with `tracker config check --config {folder}`, then")
    print(f"load them with `tracker --config {folder} init` (or set TRACKER_CONFIG_DIR).")


def summary(config: "Config") -> list[str]:
    """What a config holds, one line per part, for `tracker config check`."""
    years: dict[int, int] = {}
    for goal in config.goals:
        years[goal.year] = years.get(goal.year, 0) + 1
    jobs = [j.name + ("" if j.enabled else " (disabled)") for j in config.schedule.jobs]
    lists = [f"{n} ({len(a)})" for n, a in config.schedule.lists.items()]
    projects: dict[int, int] = {}  # key projects per year (docs/projects.md), when there are
    for project in config.projects:
        projects[project.year] = projects.get(project.year, 0) + 1
    said = ", ".join(f"{y}: {n}" for y, n in sorted(projects.items()))
    plans = [f"{p.key} ({p.first}–{p.last}, {len(p.goals)} goals)" for p in config.plans]
    return [
        f"Config folder:   {config.folder}",
        f"Time zone:       {config.timezone}",
        f"Report language: {config.report_language}",
        f"Owners:          {len(config.owners)}",
        f"Indicators:      {len(config.indicators)}",
        "Goals:           " + (", ".join(f"{y}: {n}" for y, n in sorted(years.items())) or "none"),
        f"Known results:   {len(config.results)}",
        *([f"Key projects:    {said}"] if projects else []),
        *([f"Plans:           {', '.join(plans)}"] if plans else []),
        f"Jobs:            {', '.join(jobs) or 'none'}",
        f"Recipient lists: {', '.join(lists) or 'none'}",
        f"Owner addresses: {len(config.schedule.owners)} owners",
        f"SMTP:            {config.smtp.describe()}",
        "The config is fine.",
    ]

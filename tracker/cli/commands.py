"""The commands of ``tracker``, each module loaded when one of its commands runs.

``tracker --help`` lists every command with the first line of its help from the table
``COMMANDS`` and imports none of the command modules: building every command's options from
its signature, and importing the modules, took as long as the rest of ``--help`` did
(docs/performance.md, "--help"). ``tracker record`` imports the module of ``record`` alone. A
test checks the table against what the modules register (tests/cli/test_command_table.py).
"""

import functools
import importlib
from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from gettext import gettext as _
from typing import TYPE_CHECKING, Any

import typer

from tracker.cli.errors import BilingualUsage

if TYPE_CHECKING:
    from typer._click import Command, Context, HelpFormatter
    from typer._click.shell_completion import CompletionItem

COMPLETE_VAR = "_TRACKER_COMPLETE"  # set by the completion script when the shell asks


@dataclass(frozen=True)
class Entry:
    """A top-level command (or group of commands) of ``tracker``.

    ``module`` is the module of tracker.cli whose ``register(app)`` adds it; ``summary`` is the
    first paragraph of its help, which ``tracker --help`` shortens to the screen's width."""

    name: str
    module: str
    summary: str


# In the order of `tracker --help`: the commands, then the groups of commands.
COMMANDS: tuple[Entry, ...] = (
    Entry(
        "init",
        "setup",
        "Create the database and load indicators, goals and known results from the config.",
    ),
    Entry(
        "info",
        "setup",
        "Show the version, the database (password masked), the config directory and counts.",
    ),
    Entry(
        "record",
        "figures",
        "Record one figure for an indicator and period (of the home place, or --place); a "
        "milestone as done on a day: tracker record KEY done --date 2020-05-28.",
    ),
    Entry(
        "withdraw",
        "figures",
        "Take back a figure entered for the wrong period: it leaves every status and report, "
        "its history stays.",
    ),
    Entry(
        "history",
        "figures",
        "Every revision of an indicator's figures (of the home place, or --place): who, when, why.",
    ),
    Entry(
        "judge",
        "judge",
        'Judge a qualitative goal (target = "qualitative") for a period: its status until the '
        "next judgement.",
    ),
    Entry(
        "judgements",
        "judge",
        "Every judgement of a qualitative goal, each revision with who, when and why.",
    ),
    Entry("plans", "plans", "List the multi-year plans of config/plans/: their years and goals."),
    Entry(
        "owners",
        "owners",
        "Each owner (责任单位) with its goals, how many are behind and its weighted score, the "
        "owners with most behind first.",
    ),
    Entry(
        "status",
        "status",
        "The status of every goal (of the home place, --place, or --all-places) as of a date; "
        "with --plan NAME, the goals of a multi-year plan.",
    ),
    Entry(
        "report",
        "report",
        "Render the status report (of the home place, or --place, with its ranks among its "
        "peers); without -o it goes into the archive (TRACKER_REPORTS_DIR).",
    ),
    Entry(
        "import",
        "sheets",
        "Import figures from a file or a bulletin's text: all of them or none.",
    ),
    Entry(
        "export",
        "sheets",
        "Write the figures in the columns `tracker import` reads: the home place's, or with "
        "--place or --all-places, a first column 地区 and the figures of those places.",
    ),
    Entry(
        "completion",
        "completion",
        "Print the shell's completion script (for bash, to save as "
        "~/.local/share/bash-completion/completions/tracker).",
    ),
    Entry(
        "goals",
        "goals",
        "The goals: list them (with --history KEY, a goal's versions), or revise one.",
    ),
    Entry("db", "db", "The database: schema migrations, copying to another database."),
    Entry(
        "schedule",
        "schedule",
        "Scheduled reports: list the jobs, run one now, start the scheduler.",
    ),
    Entry("email", "email", "Email settings."),
    Entry(
        "outbox",
        "outbox",
        "The messages sent or to send, and what to do with failed ones.",
    ),
    Entry("forms", "sheets", "Fill-in forms (填报表) for the owners of indicators."),
    Entry("config", "config", "Your own config folder: check it, or start a new one."),
    Entry("projects", "projects", "Key projects (重点项目): their status, figures and milestones."),
)


def command_app() -> typer.Typer:
    """A Typer app with the settings of ``tracker``'s own that reach its commands (plain help
    text, never rich's), for a command module to register its commands on."""
    return typer.Typer(add_completion=False, rich_markup_mode=None)


@functools.cache
def registered(module: str) -> Mapping[str, "Command"]:
    """The commands that ``tracker.cli.<module>`` registers, by name: the module is imported
    and its commands built once per process."""
    app = command_app()
    importlib.import_module(f"tracker.cli.{module}").register(app)
    return typer.main.get_group(app).commands


class Commands(MutableMapping[str, "Command"]):
    """The top-level commands by name, in the order of ``COMMANDS``: a command is built (its
    module imported) the first time it is looked up. Raises KeyError for a name not in the
    table, as a dict does."""

    def __init__(self, entries: tuple[Entry, ...] = COMMANDS) -> None:
        self._modules = {entry.name: entry.module for entry in entries}
        self._built: dict[str, Command] = {}

    def __getitem__(self, name: str) -> "Command":
        if name not in self._built:
            self._built[name] = registered(self._modules[name])[name]
        return self._built[name]

    def __setitem__(self, name: str, command: "Command") -> None:
        self._built[name] = command
        self._modules.setdefault(name, "")  # built already: no module to import

    def __delitem__(self, name: str) -> None:
        del self._modules[name]
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)


class Tracker(BilingualUsage):
    """The ``tracker`` command: its sub-commands come from ``COMMANDS``, listed (in its help
    and in shell completion) from the table's summaries, built only when one runs."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        added, self.commands = self.commands, Commands()
        self.commands.update(added)  # any registered on the app itself
        self._summaries = {entry.name: entry.summary for entry in COMMANDS}

    def list_commands(self, ctx: "Context") -> list[str]:
        return list(self.commands)

    def line_of(self, name: str, limit: int = 45) -> str:
        """``name``'s line in the list of commands, at most ``limit`` characters, as Click
        shortens a command's help; a command not in the table is asked for its own."""
        from typer._click.utils import make_default_short_help

        if name in self._summaries:
            return make_default_short_help(self._summaries[name], limit).strip()
        return self.commands[name].get_short_help_str(limit)

    def format_commands(self, ctx: "Context", formatter: "HelpFormatter") -> None:
        """The "Commands" section of ``tracker --help``, as Typer writes it, from the table."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)  # as Click computes it
        with formatter.section(_("Commands")):
            formatter.write_dl([(name, self.line_of(name, limit)) for name in names])

    def shell_complete(self, ctx: "Context", incomplete: str) -> list["CompletionItem"]:
        """The commands (from the table) and options that begin with ``incomplete``."""
        from typer._click import Command
        from typer._click.shell_completion import CompletionItem

        found = [
            CompletionItem(name, help=self.line_of(name))
            for name in self.list_commands(ctx)
            if name.startswith(incomplete)
        ]
        return found + Command.shell_complete(self, ctx, incomplete)

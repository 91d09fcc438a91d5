"""The table of commands (tracker/cli/commands.py) says what the command modules register, and
``tracker --help`` lists it without importing any of them; a command imports its own module
alone."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer._click import Context, HelpFormatter
from typer.core import TyperGroup
from typer.main import get_command

from tracker.cli.commands import COMMANDS, Tracker, registered
from tracker.cli.main import app

CLI = Path(__file__).resolve().parents[2] / "tracker" / "cli"
MODULES = {f"tracker.cli.{entry.module}" for entry in COMMANDS}


def test_the_table_names_every_command_each_module_registers() -> None:
    for module in {entry.module for entry in COMMANDS}:
        listed = [entry.name for entry in COMMANDS if entry.module == module]
        assert sorted(registered(module)) == sorted(listed), module


def test_every_module_that_registers_commands_is_in_the_table() -> None:
    registering = {
        path.stem
        for path in CLI.glob("*.py")
        if any(
            isinstance(node, ast.FunctionDef) and node.name == "register"
            for node in ast.parse(path.read_text(encoding="utf-8")).body
        )
    }
    assert registering == {entry.module for entry in COMMANDS}


@pytest.mark.parametrize("width", [40, 60, 80, 100, 200])
def test_the_list_of_commands_from_the_table_is_the_one_the_commands_themselves_make(
    width: int,
) -> None:
    tracker = get_command(app)
    assert isinstance(tracker, Tracker)
    context = Context(tracker, info_name="tracker")
    ours, theirs = HelpFormatter(width=width), HelpFormatter(width=width)

    tracker.format_commands(context, ours)
    TyperGroup.format_commands(tracker, context, theirs)  # builds every command

    assert ours.getvalue() == theirs.getvalue()
    assert ours.getvalue().count("\n") == len(COMMANDS) + 1


def test_the_commands_come_before_the_groups_of_commands() -> None:
    tracker = get_command(app)
    kinds = [isinstance(tracker.commands[entry.name], TyperGroup) for entry in COMMANDS]
    assert kinds == sorted(kinds)


def loaded_commands(args: list[str], env: dict[str, str] | None = None) -> tuple[str, set[str]]:
    """What ``tracker ARGS`` prints, and which command modules it imported."""
    code = (
        "import sys\n"
        "from tracker.cli.main import main\n"
        f"sys.argv = ['tracker', *{args!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(*sorted(m for m in sys.modules if m.startswith('tracker.cli.')), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )
    return done.stdout, set(done.stderr.split()) & MODULES


def test_tracker_help_imports_none_of_the_command_modules() -> None:
    shown, imported = loaded_commands(["--help"])
    assert "  projects    Key projects (重点项目)" in shown
    assert imported == set()


def test_a_command_imports_its_own_module_alone() -> None:
    shown, imported = loaded_commands(["record", "--help"])
    assert shown.startswith("Usage: tracker record [OPTIONS]")
    assert imported == {"tracker.cli.figures"}


def test_completing_a_command_name_imports_the_completion_module_alone() -> None:
    asking = {"_TRACKER_COMPLETE": "complete_bash", "COMP_WORDS": "tracker sta", "COMP_CWORD": "1"}
    shown, imported = loaded_commands([], env=asking)
    assert shown.split() == ["status"]
    assert imported == {"tracker.cli.completion"}

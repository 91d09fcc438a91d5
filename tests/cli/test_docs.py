"""Every command is documented: in its --help and in the manual (docs/*.md)."""

from pathlib import Path

import typer
from typer.main import get_command

from tracker.cli.main import app

DOCS = Path(__file__).resolve().parents[2] / "docs"
MANUAL = {path.name: path.read_text(encoding="utf-8") for path in sorted(DOCS.glob("*.md"))}


def commands(group: typer.Typer) -> list[tuple[str, str | None]]:
    """(full command name, help text) of every leaf command."""
    found = []

    def walk(command: object, prefix: str) -> None:
        subcommands = getattr(command, "commands", None)
        if subcommands:
            for name, sub in subcommands.items():
                walk(sub, f"{prefix} {name}".strip())
        else:
            found.append((prefix, getattr(command, "help", None)))

    walk(get_command(group), "")
    return found


def test_every_command_has_help() -> None:
    for name, text in commands(app):
        assert text, f"`tracker {name}` has no help text"


def test_every_command_is_in_the_manual() -> None:
    missing = [
        name
        for name, _ in commands(app)
        if not any(f"tracker {name}" in text for text in MANUAL.values())
    ]
    assert not missing, f"not in any of docs/*.md: {missing}"

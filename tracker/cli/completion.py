"""``tracker completion SHELL``: the script that makes a shell complete tracker's commands,
options and sub-commands (docs/configuration.md, "Shell completion").

Typer's own ``--install-completion`` is left out (it would load on every ``tracker --help``
and edit the shell's start-up files); its completion classes and scripts are used as they
are (Typer is pinned below 0.30: they live in its modules ``_completion_classes`` and
``_completion_shared``)."""

from enum import StrEnum
from typing import Annotated

import typer

from tracker.cli.commands import COMPLETE_VAR


class Shell(StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"
    powershell = "powershell"


def register(app: typer.Typer) -> None:
    app.command("completion")(completion)


def completion(
    shell: Annotated[Shell, typer.Argument(help="bash, zsh, fish or powershell.")],
) -> None:
    """Print the shell's completion script (for bash, to save as
    ~/.local/share/bash-completion/completions/tracker)."""
    from typer._completion_classes import completion_init
    from typer._completion_shared import get_completion_script

    completion_init()
    print(get_completion_script(prog_name="tracker", complete_var=COMPLETE_VAR, shell=shell))


def prepare_completion() -> None:
    """Let Click answer a shell asking for completions (the script sets ``COMPLETE_VAR``);
    nothing is loaded otherwise, so ``tracker --help`` stays quick."""
    from typer._completion_classes import completion_init

    completion_init()

"""Shell completion: ``tracker completion SHELL`` prints the script, and a real bash that
sources it completes commands, options and sub-commands of the installed ``tracker``."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli.main import app

pytestmark = pytest.mark.slow
TRACKER = Path(sys.executable).parent / "tracker"


def completed(line: str, tmp_path: Path) -> list[str]:
    """What bash offers for ``line`` (the word being typed last), with the script sourced."""
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    script = tmp_path / "tracker.bash"
    script.write_text(CliRunner().invoke(app, ["completion", "bash"]).stdout, encoding="utf-8")
    words = line.split(" ")
    program = (
        f'source "{script}"; COMP_WORDS=({" ".join(repr(w) for w in words)}); '
        f"COMP_CWORD={len(words) - 1}; _tracker_completion tracker; "
        'printf "%s\\n" "${COMPREPLY[@]}"'
    )
    env = {"PATH": f"{TRACKER.parent}:/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run(
        ["bash", "--norc", "-c", program], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return [w for w in done.stdout.splitlines() if w]


def test_bash_completes_a_command(tmp_path: Path) -> None:
    assert completed("tracker sta", tmp_path) == ["status"]


def test_bash_completes_an_option(tmp_path: Path) -> None:
    assert completed("tracker status --js", tmp_path) == ["--json"]


def test_bash_completes_a_sub_command(tmp_path: Path) -> None:
    assert sorted(completed("tracker outbox ", tmp_path)) == ["mark-sent", "retry"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_the_completion_script_of_each_shell_names_tracker(shell: str) -> None:
    result = CliRunner().invoke(app, ["completion", shell])
    assert result.exit_code == 0, result.output
    assert "_TRACKER_COMPLETE" in result.stdout


def test_an_unknown_shell_is_refused() -> None:
    result = CliRunner().invoke(app, ["completion", "tcsh"])
    assert result.exit_code == 2
    assert "错误" in result.stderr

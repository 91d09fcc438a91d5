"""A mistake in the command line itself (a missing argument or option, an unknown option or
command, a value of the wrong kind) is Click's usage message, its English line and a Chinese
one, and exit code 2; nothing runs."""

import pytest
from typer.testing import CliRunner

from tracker.cli.main import app


@pytest.mark.parametrize(
    ("args", "english", "chinese"),
    [
        (
            ["record"],
            "Error: Missing argument 'KEY'.",
            "错误：缺少参数 KEY；`tracker record --help` 说明用法。未作任何更改。",
        ),
        (
            ["record", "industry", "5"],
            "Error: Missing option '--period' / '-p'.",
            "错误：缺少选项 --period / -p；`tracker record --help` 说明用法。未作任何更改。",
        ),
        (
            ["status", "--frob"],
            "Error: No such option: --frob",
            "错误：没有选项 --frob；`tracker status --help` 列出所有选项。未作任何更改。",
        ),
        (
            ["status", "--jsn"],
            "Error: No such option: --jsn (Possible options: --json)",
            "错误：没有选项 --jsn；是否要找：--json？`tracker status --help` 列出所有选项。"
            "未作任何更改。",
        ),
        (
            ["statsu"],
            "Error: No such command 'statsu'. Did you mean 'status'?",
            "错误：没有命令 statsu；是否要找：status？`tracker --help` 列出所有命令。"
            "未作任何更改。",
        ),
        (
            ["import", "a.csv", "--year", "abc"],
            "Error: Invalid value for '--year': Input should be a valid integer, unable to parse "
            "string as an integer",
            "错误：--year 的值无效（原因见上行）；`tracker import --help` 说明用法。未作任何更改。",
        ),
        (
            ["init", "extra"],
            "Error: Got unexpected extra argument(s) (extra)",
            "错误：多余的参数 extra；`tracker init --help` 说明用法。未作任何更改。",
        ),
    ],
)
def test_a_usage_error_is_said_in_english_and_chinese(
    args: list[str], english: str, chinese: str
) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    *usage, last_english, last_chinese = result.stderr.splitlines()
    assert usage[0].startswith("Usage: tracker")
    assert (last_english, last_chinese) == (english, chinese)


@pytest.mark.parametrize("args", [[], ["schedule"], ["outbox", "--help"]])
def test_a_group_named_alone_or_help_shows_its_help_without_an_error(args: list[str]) -> None:
    result = CliRunner().invoke(app, args)
    assert "Usage: tracker" in result.output
    assert "错误" not in result.output
    assert "Error" not in result.output

"""One handler turns every error a user can cause into a message on stderr and exit code 1.

Every message is said in English and Chinese, one line each: ``Error: ...`` then ``错误：...``.
A message already in both languages (an import's problems, the config's) is printed as it is;
an error without its own Chinese line gets one that says what kind of problem it is.
"""

import functools
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, ParamSpec, TypeVar

import typer
from typer._click import exceptions as click  # Typer (pinned <0.30) carries its own Click
from typer.core import TyperGroup

from tracker.cli.state import state
from tracker.domain.errors import ConfigError, Conflict, InvalidInput, NotFound, TrackerError

P = ParamSpec("P")
R = TypeVar("R")

_CJK = re.compile(r"[\u4e00-\u9fff]")
_KINDS: tuple[tuple[type[TrackerError], str], ...] = (
    (InvalidInput, "输入有误，未作任何更改；改法见上行"),
    (NotFound, "未找到所指对象，未作任何更改；见上行"),
    (Conflict, "与已存数据冲突，未作任何更改；见上行"),
    (ConfigError, "配置文件有误；请按上行修改配置"),
)


def friendly(command: Callable[P, R]) -> Callable[P, R]:
    """Run ``command``; a TrackerError or a database error becomes a message, not a traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except TrackerError as error:
            message = str(error)
            fail(message, error.zh or (None if _bilingual(message) else _kind(error)))
        except BrokenPipeError:  # the reader went away (`| head`): nothing is wrong to say
            _quiet_stdout()
            raise typer.Exit(code=1) from None
        except OSError as error:  # a path given on the command line: a folder, no permission
            if state.debug:
                raise
            if error.filename is None:  # e.g. a full disk while writing to stdout or a file
                fail(
                    f"{error.strerror or error}; free some space or write elsewhere.",
                    f"写入失败（{error.strerror or error}）；请腾出空间或换个位置写入。",
                )
            fail(
                f"{error.filename}: {error.strerror}; check the path.",
                f"无法读写 {error.filename}（{error.strerror}）；请检查路径。",
            )
        except Exception as error:
            if state.debug or not type(error).__module__.startswith("sqlalchemy"):
                raise
            fail(*_database_message(error))

    return wrapper


def _quiet_stdout() -> None:
    """Point standard output at the null device, so that flushing it at exit, with its reader
    gone, raises nothing more (the Python documentation's advice for SIGPIPE)."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def fail(message: str, zh: str | None = None) -> NoReturn:
    """Print ``message`` (English) and ``zh`` (Chinese) on stderr, one line each; exit 1.

    A message already in both languages, without ``zh``, is printed alone. Either may quote a
    server or a file: it is shown as text, control characters removed."""
    from tracker.cli.text import terminal

    print(f"Error: {terminal(message, lines=True)}", file=sys.stderr)
    if zh is not None:
        print(f"错误：{terminal(zh, lines=True)}", file=sys.stderr)
    elif not _bilingual(message):
        print("错误：操作未完成，未作任何更改；原因见上行", file=sys.stderr)
    raise typer.Exit(code=1)


def _bilingual(message: str) -> bool:
    """A message written in both languages already ("第2行: ... / row 2: ...", "配置文件夹 ...
    不存在 ... / the config folder ..."): the messages of this project that hold Chinese are."""
    return bool(_CJK.search(message))


def _kind(error: TrackerError) -> str:
    return next((zh for kind, zh in _KINDS if isinstance(error, kind)), "操作未完成；见上行")


class BilingualUsage(TyperGroup):
    """The top-level command: Click's usage errors (a missing argument or option, an unknown
    option or command, a value of the wrong kind) are shown as Click shows them, then said
    again in Chinese; exit code 2, as Click's."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        run = functools.partial(
            super().main, args, prog_name, complete_var, windows_expand_args=windows_expand_args
        )
        if not standalone_mode:
            return run(standalone_mode=False, **extra)
        try:
            code = run(standalone_mode=False, **extra)
        except click.NoArgsIsHelpError as error:  # a group named alone: its help
            error.show()
            sys.exit(error.exit_code)
        except click.UsageError as error:
            error.show()
            print(f"错误：{usage_zh(error)}", file=sys.stderr)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except typer.Abort:
            print("Aborted!", file=sys.stderr)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def missing_option(*names: str) -> NoReturn:
    """Stop with Click's usage error for an option the command needs in this case (a figure's
    ``--period`` unless a milestone's ``--date`` is given): said in both languages, exit 2.

    Raises:
        click.MissingParameter: always; the top-level command shows it."""
    hint = " / ".join(f"'{name}'" for name in names)
    raise click.MissingParameter(param_hint=hint, param_type="option")


_NO_COMMAND = re.compile(r"No such command '(.*?)'\.(?: Did you mean '(.*?)'\?)?")


def usage_zh(error: click.UsageError) -> str:
    """A usage error said in Chinese: what is wrong, and where the help is."""
    path = error.ctx.command_path if error.ctx is not None else "tracker"
    help = f"`{path} --help` 说明用法"
    if isinstance(error, click.MissingParameter):
        hint = error.param.get_error_hint() if error.param else str(error.param_hint or "")
        kind_name = error.param_type or (error.param.param_type_name if error.param else "")
        kind = "参数" if kind_name == "argument" else "选项"
        said = f"缺少{kind} {hint.replace(chr(39), '')}；{help}"
    elif isinstance(error, click.NoSuchOption):
        maybe = f"；是否要找：{', '.join(error.possibilities)}？" if error.possibilities else "；"
        said = f"没有选项 {error.option_name}{maybe}`{path} --help` 列出所有选项"
    elif isinstance(error, click.BadParameter):
        hint = error.param.get_error_hint() if error.param else str(error.param_hint or "")
        said = f"{hint.replace(chr(39), '')} 的值无效（原因见上行）；{help}"
    elif match := _NO_COMMAND.match(error.message):
        maybe = f"；是否要找：{match.group(2)}？" if match.group(2) else "；"
        said = f"没有命令 {match.group(1)}{maybe}`{path} --help` 列出所有命令"
    elif error.message.endswith("requires an argument."):
        said = f"{error.message.split(chr(39))[1]} 后面缺少值；{help}"
    elif error.message.startswith("Got unexpected extra argument"):
        extra = error.message.rpartition("(")[2].rstrip(")")
        said = f"多余的参数 {extra}；{help}"
    else:
        said = f"命令行用法有误（见上行）；{help}"
    return f"{said}。未作任何更改。"


def _database_message(error: Exception) -> tuple[str, str]:
    detail = str(getattr(error, "orig", None) or error).splitlines()[0]
    if "readonly database" in detail:
        return (
            "the database file cannot be written (a copy, a backup, a read-only share); "
            "`tracker status` and `tracker report` read it, changes need a writable file.",
            "数据库文件只读（副本、备份或只读共享）；可用 `tracker status` 和 `tracker report` "
            "查看，修改数据需要可写的文件。",
        )
    if "no such table" in detail or ("relation" in detail and "does not exist" in detail):
        return (
            f"the database has no tables yet ({detail}); run `tracker init` first.",
            "数据库中还没有数据表；请先运行 `tracker init`。",
        )
    return (
        f"the database refused the request: {detail}. Check --db / TRACKER_DATABASE_URL.",
        "数据库拒绝了请求；请检查 --db 或 TRACKER_DATABASE_URL。",
    )

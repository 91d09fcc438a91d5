"""One handler turns every error a user can cause into one line on stderr and exit code 1."""

import functools
import sys
from collections.abc import Callable
from typing import NoReturn, ParamSpec, TypeVar

import typer

from tracker.cli.state import state
from tracker.domain.errors import TrackerError

P = ParamSpec("P")
R = TypeVar("R")


def friendly(command: Callable[P, R]) -> Callable[P, R]:
    """Run ``command``; a TrackerError or a database error becomes a message, not a traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except TrackerError as error:
            fail(str(error))
        except OSError as error:  # a path given on the command line: a folder, no permission
            if state.debug:
                raise
            if error.filename is None:  # e.g. a full disk while writing to stdout or a file
                fail(f"写入失败 / {error.strerror or error}; free some space or write elsewhere.")
            fail(f"{error.filename}: {error.strerror}; check the path.")
        except Exception as error:
            if state.debug or not type(error).__module__.startswith("sqlalchemy"):
                raise
            fail(_database_message(error))

    return wrapper


def fail(message: str) -> NoReturn:
    from tracker.cli.text import terminal  # a message may quote a server or a file

    print(f"Error: {terminal(message, lines=True)}", file=sys.stderr)
    raise typer.Exit(code=1)


def _database_message(error: Exception) -> str:
    detail = str(getattr(error, "orig", None) or error).splitlines()[0]
    if "readonly database" in detail:
        return (
            "数据库文件只读 / the database file cannot be written (a copy, a backup, a read-only "
            "share); `tracker status` and `tracker report` read it, changes need a writable file."
        )
    if "no such table" in detail or ("relation" in detail and "does not exist" in detail):
        return f"the database has no tables yet ({detail}); run `tracker init` first."
    return f"the database refused the request: {detail}. Check --db / TRACKER_DATABASE_URL."

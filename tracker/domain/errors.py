"""Errors meant for people: each names the problem and how to fix it.

The CLI prints ``str(error)`` (English) and, when the error carries one, its Chinese line
``error.zh``, then exits non-zero; nothing below the CLI prints.
"""


class TrackerError(Exception):
    """Base class of every error a user can cause or fix.

    ``message``: one line in English; ``zh``: the same in Chinese, None when not given (the
    CLI then says in Chinese what kind of problem it is).
    """

    def __init__(self, message: str = "", *, zh: str | None = None) -> None:
        super().__init__(message)
        self.zh = zh


class InvalidInput(TrackerError):
    """A value, period or option that cannot be accepted as typed."""


class NotFound(TrackerError):
    """An indicator, goal or figure that does not exist."""


class Conflict(TrackerError):
    """The request contradicts what is stored (e.g. a figure exists already)."""


class ConfigError(TrackerError):
    """The configuration files are wrong; the message names the file."""

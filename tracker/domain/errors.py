"""Errors meant for people: each names the problem and how to fix it.

The CLI prints ``str(error)`` and exits non-zero; nothing below the CLI prints.
"""


class TrackerError(Exception):
    """Base class of every error a user can cause or fix."""


class InvalidInput(TrackerError):
    """A value, period or option that cannot be accepted as typed."""


class NotFound(TrackerError):
    """An indicator, goal or figure that does not exist."""


class Conflict(TrackerError):
    """The request contradicts what is stored (e.g. a figure exists already)."""


class ConfigError(TrackerError):
    """The configuration files are wrong; the message names the file."""

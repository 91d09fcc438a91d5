"""Text from people and servers, made safe to show: on a terminal a string is shown as what it
is, never obeyed. Control characters (escape sequences, carriage returns, bidirectional
overrides) would move the cursor, recolour or hide what follows; Rich would read ``[...]`` as
markup (``[/]`` stops it with an error, ``[revised]`` vanishes). Every user- or server-supplied
string goes through ``shown`` (for Rich) or ``terminal`` (for plain output) on its way out."""

import re

# Line breaks and tabs become one space; other C0/C1 controls, DEL and the bidirectional
# embedding, override and isolate characters are dropped.
_SPACES = re.compile("[\\t\\n\\r\\v\\f\\u0085\\u2028\\u2029]+")
_DROPPED = re.compile("[\\x00-\\x1f\\x7f-\\x9f\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]")
_DROPPED_KEEPING_LINES = re.compile(
    "[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]"
)


def terminal(value: object, *, lines: bool = False) -> str:
    """``value`` as text without control characters: line breaks and tabs become spaces
    (``lines``: line feeds and tabs are kept, for a multi-line text such as a report)."""
    text = str(value)
    if lines:
        return _DROPPED_KEEPING_LINES.sub("", text.replace("\r\n", "\n"))
    return _DROPPED.sub("", _SPACES.sub(" ", text))


def shown(value: object) -> str:
    """``value`` for a Rich table or console: ``terminal`` text with its markup escaped."""
    from rich.markup import escape

    return escape(terminal(value))

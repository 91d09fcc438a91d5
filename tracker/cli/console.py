"""Output a console can show: a GBK console (a Chinese Windows one, or output redirected with
``PYTHONIOENCODING=gbk``) gets every character it has, and an ASCII stand-in for the few it
lacks (− → -, ≥ → >=, ◀ → ←), never a UnicodeEncodeError."""

import codecs
import io
import sys

_STAND_INS = {
    "\u2212": "-",  # minus sign
    "\u2013": "-",  # en dash
    "\u2011": "-",
    "\u2192": "->",
    "\u25c0": "\u2190|<-",  # ◀, the own place's row of a league table: ← in GBK, else <-
    "\u2265": ">=",
    "\u2264": "<=",
    "\u00b1": "+/-",
    "\u2026": "...",
    "\u2714": "v",
    "\u2713": "v",
    "\u00a0": " ",
}
ERRORS = "tracker-stand-in"


def _stand_in(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(_shown(ch, error.encoding) for ch in text), error.end


def _shown(ch: str, encoding: str) -> str:
    """The first of the character's stand-ins (``|`` between them) that ``encoding`` has."""
    for stand_in in _STAND_INS.get(ch, "?").split("|"):
        try:
            stand_in.encode(encoding)
        except UnicodeEncodeError:
            continue
        return stand_in
    return "?"


def tolerate_console_encoding() -> None:
    """Make stdout and stderr write a stand-in for each character their encoding lacks."""
    try:
        codecs.lookup_error(ERRORS)
    except LookupError:
        codecs.register_error(ERRORS, _stand_in)
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and not _is_utf(stream.encoding):
            stream.reconfigure(errors=ERRORS)


def _is_utf(encoding: str | None) -> bool:
    return (encoding or "").replace("-", "").replace("_", "").casefold().startswith("utf")

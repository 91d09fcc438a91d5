"""Reading the TOML files of the config folder: each file once, its problems collected."""

import re
import tomllib
from decimal import Decimal
from pathlib import Path

from tracker.configuration.problems import Problems, Source

_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
# Quotes an input method types for Chinese text, and what TOML writes instead.
_CHINESE_QUOTES = str.maketrans(
    {"“": '"', "”": '"', "＂": '"', "「": '"', "」": '"', "『": '"', "』": '"',
     "‘": "'", "’": "'", "＇": "'"}
)  # fmt: skip


def read_source(path: Path, problems: Problems, *, required: bool = True) -> Source:
    """The file's text and tables (floats as Decimal). A missing required file, a folder, text
    that is not UTF-8 or a TOML syntax error is recorded in ``problems`` with its fix, and the
    file then reads as empty; a missing optional file reads as empty without a problem."""
    source = Source(path)
    try:
        # utf-8-sig: a byte-order mark (Windows Notepad writes one) is not part of the TOML.
        source.text = path.read_bytes().decode("utf-8-sig")
        source.data = tomllib.loads(source.text, parse_float=Decimal)
    except FileNotFoundError:
        if required:
            source.ok = False
            problems.add(source, f"{path.name} is missing; the config folder needs it")
    except IsADirectoryError:
        source.ok = False
        problems.add(source, f"{path.name} is a folder; it should be a TOML file")
    except UnicodeDecodeError:
        source.ok = False
        problems.add(source, f"{path.name} is not UTF-8 text; save it as UTF-8")
    except tomllib.TOMLDecodeError as e:
        source.ok, source.data = False, {}
        line, message = _syntax_problem(source.text, str(e))
        problems.add_at(source, line, message)
    return source


def _syntax_problem(text: str, error: str) -> tuple[int | None, str]:
    """The line of a TOML syntax error and its problem with the fix: the parser's words, or
    for a quote typed by a Chinese input method (“增长6.5%”) the straight quotes to use."""
    at = _AT.search(error)
    if at is None:
        return None, f"{error}; fix the TOML syntax there"
    line, column = int(at.group(1)), int(at.group(2))
    written = text.splitlines()[line - 1] if line <= len(text.splitlines()) else ""
    quote = written[column - 1 : column]
    if quote and quote.translate(_CHINESE_QUOTES) != quote:
        fixed = written.strip().translate(_CHINESE_QUOTES)
        return line, (
            f'{quote} 是中文引号，TOML 只认英文直引号：请改用 ""，写成 {fixed} / {quote} is a '
            f'Chinese quote, which TOML does not read; use straight quotes "" instead: {fixed}'
        )
    return line, f"{_AT.sub('', error)}; fix the TOML syntax there"

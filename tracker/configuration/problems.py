"""Config problems, collected from every file and reported together as ``file:line: problem``.

tomllib gives no positions, so the line of a table header, a key or a value is found by
scanning the file's text (``find_line``); when nothing is found the table is named instead.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.domain.errors import ConfigError

_HEADER = re.compile(r"^\[\[?\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^(?:"([^"]+)"|'([^']+)'|([^\s="'\[\]]+))\s*=""")


def _table_name(header: str) -> str:
    parts = [p.strip().strip("\"'") for p in header.split(".")]
    return ".".join(parts)


def find_line(
    text: str, table: str, key: str | None = None, value: str | None = None
) -> int | None:
    """The 1-based line of ``[table]`` (``""``: the top of the file), of ``key`` in it, or of
    the first line at or after the key (or in the table) holding ``value``; comments skipped.
    A key or value not found falls back to the table's header line; None when that is missing.
    Of a table written twice (``[[goals.gdp.versions]]``) the first is searched.
    """
    for name, header, lines in _blocks(text):
        top_level_table = table == "" and name.partition(".")[0] == key
        if header is not None and top_level_table:
            return header  # a top-level key written as a table: [goal.gdp]
        if name != table:
            continue
        if header is not None and key is None and value is None:
            return header
        found = _in_block(lines, key, value)
        if found is not None or header is not None:
            return found or header
    return None


_Block = tuple[str, int | None, list[tuple[int, str]]]


def _blocks(text: str) -> list[_Block]:
    """The file as (table name, header line, its lines as (number, stripped text)), the top
    of the file first (name "", no header); blank lines and comments left out."""
    blocks: list[_Block] = [("", None, [])]
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        header = _HEADER.match(line)
        if header:
            blocks.append((_table_name(header.group(1)), number, []))
        else:
            blocks[-1][2].append((number, line))
    return blocks


def _in_block(lines: list[tuple[int, str]], key: str | None, value: str | None) -> int | None:
    """The line of ``key`` among ``lines``, or of ``value`` at or after it (before the next
    key); the key's line when the value is not under it; None when neither is found."""
    key_line = None
    for number, line in lines:
        found = _KEY.match(line)
        name = next((g for g in found.groups() if g), None) if found else None
        if key is not None and key_line is None:
            if name != key:
                continue
            key_line = number
            if value is None:
                return number
        elif key is not None and name is not None:
            break  # the next key: the value was not under ours
        if value is not None and value in line:
            return number
    return key_line


# Characters that no name, label, note or address may hold: C0 and C1 controls (line breaks,
# tabs, escape sequences), DEL, and the Unicode line and paragraph separators. They would break
# an email header, a terminal or a spreadsheet cell.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def control_character(text: str) -> str | None:
    """The first control character or line break in ``text`` (as Python writes it, e.g.
    ``'\\n'``), or None when there is none."""
    found = _CONTROL.search(text)
    return repr(found.group())[1:-1] if found else None


def invisible_character(text: str) -> str | None:
    """The first invisible format character of ``text`` (Unicode category Cf: the bidi
    overrides and isolates U+202A–U+202E and U+2066–U+2069, the zero-width characters
    U+200B–U+200D, U+2060 and U+FEFF, the soft hyphen, ...) as ``U+202E (RIGHT-TO-LEFT
    OVERRIDE)``, or None. Such a character shows nothing, or turns the text around it:
    ``"\\u202e区城东"`` displays as 东城区 in a report, a Word briefing or a league table."""
    if text.isascii():
        return None
    for character in text:
        if unicodedata.category(character) == "Cf":
            name = unicodedata.name(character, "")
            return f"U+{ord(character):04X}" + (f" ({name})" if name else "")
    return None


def invisible_problem(text: str) -> str | None:
    """The bilingual problem of a text holding an invisible format character, or None."""
    found = invisible_character(text)
    if found is None:
        return None
    return (
        f"含不可见字符 {found}，它会颠倒或隐藏显示的文字：请删去 / contains the invisible "
        f"character {found}, which reorders or hides the text where it is shown; delete it"
    )


def name_problem(name: str) -> str | None:
    """Why a key cannot name anything (it also names files: forms, .eml files, reports): a
    path separator, a leading dot (``..``), a control character, an invisible character;
    None when it can."""
    if "/" in name or "\\" in name or name.startswith(".") or control_character(name):
        return "may not contain / or \\ or control characters, nor begin with a dot"
    return invisible_problem(name)


def value_problem(value: object) -> str | None:
    """What makes a config value unusable whatever its key: a control character or an
    invisible format character in a string, a number that is NaN, infinite or out of bounds
    (``tracker.domain.numbers``), in lists too."""
    from decimal import Decimal

    from tracker.domain.numbers import out_of_bounds

    if isinstance(value, str):
        bad = control_character(value)
        if bad:
            return f"contains the control character {bad}; write it on one line, without it"
        return invisible_problem(value)
    elif isinstance(value, Decimal | int) and not isinstance(value, bool):
        problem = out_of_bounds(Decimal(value))
        if problem:
            return f"cannot be used: {problem}; write a plain number"
    elif isinstance(value, list):
        return next((p for p in map(value_problem, value) if p), None)
    return None


def close_hint(name: str, known: Iterable[str]) -> str:
    """'did you mean X?' for the closest known name, else the list of known names."""
    import difflib  # only when something is wrong

    known = sorted(known)
    match = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if match:
        return f"did you mean '{match[0]}'?"
    return "the known ones are: " + (", ".join(known) or "none")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file: ``path:line: message``, or ``path: [table] message``."""

    path: Path | None  # None: not from a file (an environment variable)
    line: int | None
    table: str
    message: str

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        if self.line is not None:
            return f"{self.path}:{self.line}: {self.message}"
        if self.table and f"[{self.table}" not in self.message:
            return f"{self.path}: [{self.table}] {self.message}"
        return f"{self.path}: {self.message}"


@dataclass
class Source:
    """One TOML file of the config folder: its path, its text and what tomllib read."""

    path: Path
    text: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    ok: bool = True  # False when the file could not be read: checks against it are skipped


@dataclass
class Problems:
    """Every problem of a load; ``check`` raises one ConfigError listing them all."""

    found: list[Problem] = field(default_factory=list)

    def add(
        self,
        source: Source,
        message: str,
        *,
        table: str = "",
        key: str | None = None,
        value: object = None,
    ) -> None:
        """Record ``message`` at the line of ``[table]``, its ``key`` or the ``value``."""
        needle = None if value is None or isinstance(value, bool) else str(value)
        if isinstance(value, str):
            needle = value
        line = find_line(source.text, table, key, needle) if source.text else None
        self.found.append(Problem(source.path, line, table, message))

    def add_at(self, source: Source, line: int | None, message: str) -> None:
        """Record ``message`` at a line already known (e.g. from tomllib's message)."""
        self.found.append(Problem(source.path, line, "", message))

    def add_plain(self, message: str) -> None:
        """Record a problem that is in no file (a value from the environment)."""
        self.found.append(Problem(None, None, "", message))

    def unknown_keys(
        self, source: Source, table: str, data: dict[str, Any], known: Iterable[str]
    ) -> None:
        """Refuse each key of ``data`` (the table ``[table]``) that is not one of ``known``."""
        known = tuple(known)
        where = f"in [{table}]" if table else "at the top of the file"
        for name in data:
            if name not in known:
                hint = close_hint(name, known)
                self.add(
                    source,
                    f"unknown key '{name}' {where}; {hint} (remove it or correct the spelling)",
                    table=table,
                    key=name,
                )

    def check(self) -> None:
        """Raise one ConfigError with every problem, one per line; nothing when all is well."""
        if not self.found:
            return
        lines = [str(p) for p in self.found]
        if len(lines) == 1:
            raise ConfigError(lines[0])
        header = f"配置有 {len(lines)} 处错误 / the config has {len(lines)} problems:"
        raise ConfigError("\n".join([header, *lines]))

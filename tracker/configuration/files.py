"""Reading the TOML files of the config folder: each file once, its problems collected."""

import re
import tomllib
from decimal import Decimal
from pathlib import Path

from tracker.configuration.problems import Problems, Source

_AT = re.compile(r"\s*\(at line (\d+), column \d+\)$")


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
        at = _AT.search(str(e))
        line = int(at.group(1)) if at else None
        problems.add_at(source, line, f"{_AT.sub('', str(e))}; fix the TOML syntax there")
    return source

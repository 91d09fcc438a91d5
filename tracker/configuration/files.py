"""Reading the TOML files of the config folder: each file once, its problems collected."""

import tomllib
from decimal import Decimal
from pathlib import Path

from tracker.configuration.problems import Problems, Source


def read_source(path: Path, problems: Problems, *, required: bool = True) -> Source:
    """The file's text and tables (floats as Decimal). A missing required file, a folder, text
    that is not UTF-8 or a TOML syntax error is recorded in ``problems`` with its fix, and the
    file then reads as empty; a missing optional file reads as empty without a problem."""
    source = Source(path)
    try:
        source.text = path.read_bytes().decode("utf-8")
        source.data = tomllib.loads(source.text, parse_float=Decimal)
    except FileNotFoundError:
        if required:
            problems.add(source, f"{path.name} is missing; the config folder needs it")
    except IsADirectoryError:
        problems.add(source, f"{path.name} is a folder; it should be a TOML file")
    except UnicodeDecodeError:
        problems.add(source, f"{path.name} is not UTF-8 text; save it as UTF-8")
    except tomllib.TOMLDecodeError as e:
        source.text = ""  # the line is in tomllib's message
        problems.add(source, f"{e}; fix the TOML syntax there")
    return source

"""Reading the TOML files of the config directory, with errors that name the file."""

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tracker.domain.errors import ConfigError


def read_toml(path: Path, *, parse_float: Callable[[str], Any] = float) -> dict[str, Any]:
    """The file's tables; a missing file, a file that is not UTF-8 text or a TOML syntax error
    is a ConfigError naming the file and the fix."""
    try:
        with path.open("rb") as f:
            return tomllib.load(f, parse_float=parse_float)
    except FileNotFoundError:
        raise ConfigError(f"{path} is missing; the config directory needs it") from None
    except IsADirectoryError:
        raise ConfigError(f"{path} is a folder; it should be a TOML file") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path} is not UTF-8 text; save it as UTF-8") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: {e}; fix the TOML syntax there") from None

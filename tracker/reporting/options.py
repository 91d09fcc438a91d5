"""Report settings from ``tracker.toml`` in the config directory (``[report] language``)."""

import tomllib
from pathlib import Path

from tracker.domain.errors import ConfigError
from tracker.reporting.words import LANGUAGES

DEFAULT_LANGUAGE = "zh"
FILE = "tracker.toml"


def report_language(config_dir: Path) -> str:
    """The configured report language; zh when the file or the setting is absent."""
    path = config_dir / FILE
    if not path.is_file():
        return DEFAULT_LANGUAGE
    try:
        with path.open("rb") as f:
            report = tomllib.load(f).get("report", {})
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: {e}; fix the TOML syntax there") from None
    language = report.get("language", DEFAULT_LANGUAGE) if isinstance(report, dict) else None
    if language not in LANGUAGES:
        raise ConfigError(f'{path}: [report] language is {language!r}; use "zh" or "en"')
    return str(language)

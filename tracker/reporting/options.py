"""Report settings from ``tracker.toml`` in the config directory (``[report] language``)."""

from pathlib import Path

from tracker.configuration.files import read_toml
from tracker.domain.errors import ConfigError
from tracker.reporting.words import LANGUAGES

DEFAULT_LANGUAGE = "zh"
FILE = "tracker.toml"


def report_language(config_dir: Path) -> str:
    """The configured report language; zh when the file or the setting is absent."""
    path = config_dir / FILE
    if not path.is_file():
        return DEFAULT_LANGUAGE
    report = read_toml(path).get("report", {})
    language = report.get("language", DEFAULT_LANGUAGE) if isinstance(report, dict) else None
    if language not in LANGUAGES:
        raise ConfigError(f'{path}: [report] language is {language!r}; use "zh" or "en"')
    return str(language)

"""``tracker.toml``'s ``[general]`` and ``[report]`` tables: the time zone, the report
language and where the reports archive is served (docs/configuration.md, "tracker.toml")."""

from dataclasses import dataclass
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tracker.configuration.problems import Problems, Source

DEFAULT_TIMEZONE = "Asia/Shanghai"
DEFAULT_LANGUAGE = "zh"
LANGUAGES = ("zh", "en")
FILE = "tracker.toml"
TABLES = ("general", "report", "smtp")
KEYS = {"general": ("timezone",), "report": ("language", "base_url")}


@dataclass(frozen=True)
class General:
    """``timezone``: an IANA name, the zone of "today", of the times shown and of the
    schedule; ``language``: the reports' default, zh or en; ``base_url``: where the reports
    archive is served (no trailing slash), None when it is not."""

    timezone: str = DEFAULT_TIMEZONE
    language: str = DEFAULT_LANGUAGE
    base_url: str | None = None


def general(source: Source, problems: Problems) -> General:
    """``[general]`` and ``[report]`` of ``source`` (tracker.toml), the defaults for what it
    leaves out or gets wrong (with a problem); its top-level keys are checked here too."""
    problems.unknown_keys(source, "", source.data, TABLES)
    timezone = _setting(source, problems, "general", "timezone", DEFAULT_TIMEZONE)
    language = _setting(source, problems, "report", "language", DEFAULT_LANGUAGE)
    if not _known_zone(timezone):
        problems.add(
            source,
            f"[general] timezone {timezone!r} is unknown; write an IANA zone name, "
            "e.g. Asia/Shanghai or Asia/Urumqi",
            table="general",
            key="timezone",
        )
        timezone = DEFAULT_TIMEZONE
    if language not in LANGUAGES:
        problems.add(
            source,
            f'[report] language is {language!r}; use "zh" or "en"',
            table="report",
            key="language",
        )
        language = DEFAULT_LANGUAGE
    return General(str(timezone), str(language), _base_url(source, problems))


def _setting(source: Source, problems: Problems, table: str, key: str, default: str) -> object:
    """``[table] key`` as written (``default`` when absent); the table's keys are checked."""
    data = source.data.get(table, {})
    if not isinstance(data, dict):
        problems.add(source, f"[{table}] must be a table", key=table)
        data = {}
    problems.unknown_keys(source, table, data, KEYS[table])
    return data.get(key, default)


def _base_url(source: Source, problems: Problems) -> str | None:
    """``[report] base_url``: an http(s) address with a host, no query or fragment."""
    report = source.data.get("report", {})
    value = report.get("base_url") if isinstance(report, dict) else None
    if value is None:
        return None
    if not isinstance(value, str) or not _archive_address(value):
        problems.add(
            source,
            f"[report] base_url {value!r} 不是报告存档的网址，请写成如 "
            '"https://stats.example.gov.cn/reports" / '
            f"[report] base_url {value!r} is not the address of the reports archive; write "
            'e.g. "https://stats.example.gov.cn/reports" (http or https, no ? or #)',
            table="report",
            key="base_url",
        )
        return None
    return value.rstrip("/")


def _archive_address(value: str) -> bool:
    try:
        parts = urlsplit(value)
    except ValueError:  # "https://[stats": not an address at all
        return False
    return (
        parts.scheme in ("http", "https")
        and bool(parts.hostname)
        and not parts.query
        and not parts.fragment
        and not any(c.isspace() for c in value)
    )


def _known_zone(name: object) -> bool:
    if not isinstance(name, str) or not name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True

"""``load_config``: the config folder, every file read once, into one immutable ``Config``.

Every problem of every file is collected; one ConfigError lists them all, one per line, each
as ``file:line: problem`` with its fix. Nothing here imports a database, template or scheduler
library (APScheduler only when a cron line is checked), so loading stays quick.
"""

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tracker.configuration import definitions as d
from tracker.configuration import places as p
from tracker.configuration import schedule as s
from tracker.configuration.files import read_source
from tracker.configuration.problems import Problems, Source, close_hint
from tracker.configuration.smtp import SmtpSettings, smtp_settings
from tracker.domain.errors import ConfigError
from tracker.domain.model import Goal, Indicator, Owner
from tracker.domain.places import HOME, Places

DEFAULT_TIMEZONE = "Asia/Shanghai"
DEFAULT_LANGUAGE = "zh"
SETTINGS_FILE = "tracker.toml"
SETTINGS_KEYS = {"general": ("timezone",), "report": ("language", "base_url")}


@dataclass(frozen=True)
class Config:
    """Everything a command or job is configured with, from one folder (or the defaults).

    ``folder`` is None when no config folder exists (the defaults: one place, no indicators,
    goals, jobs or lists). ``places``: places.toml, the home place alone when it is absent;
    goals and results carry the stored key of their place (``Goal.place``).
    ``timezone`` (an IANA name, ``[general] timezone``) is the zone of "today", of the times
    shown and of the schedule; ``report_language`` is zh or en (``[report]``);
    ``report_base_url`` is where the reports archive is served (``[report] base_url``, no
    trailing slash), or None: emails then carry no link to it.
    """

    folder: Path | None
    timezone: str = DEFAULT_TIMEZONE
    report_language: str = DEFAULT_LANGUAGE
    places: Places = field(default_factory=Places)
    report_base_url: str | None = None
    owners: tuple[Owner, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    goals: tuple[Goal, ...] = ()
    results: tuple[d.KnownFigure, ...] = ()
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    schedule: s.Schedule = field(
        default_factory=lambda: s.Schedule(
            DEFAULT_TIMEZONE, s.DEFAULT_GRACE_SECONDS, (), MappingProxyType({})
        )
    )

    @property
    def definitions(self) -> d.Definitions:
        """What ``tracker init`` loads into the database."""
        return d.Definitions(self.indicators, self.goals, self.results)

    @property
    def zone(self) -> ZoneInfo:
        """The configured time zone, ready for ``datetime.now(zone)``."""
        return ZoneInfo(self.timezone)


def missing_folder_message(folder: Path) -> str:
    """The one line for a config folder that does not exist, naming both ways out."""
    return (
        f"配置文件夹 {folder} 不存在：用 `tracker config new {folder}` 新建，"
        "或用 `tracker init --demo` 载入示范配置 / "
        f"config folder {folder} does not exist: create it with `tracker config new {folder}`, "
        "or load the demo with `tracker init --demo` (or point --config / TRACKER_CONFIG_DIR "
        "at your folder)"
    )


def default_config(env: Mapping[str, str] | None = None) -> Config:
    """The defaults, for a command run without a config folder: Asia/Shanghai, reports in
    Chinese, SMTP on localhost (with the environment's TRACKER_SMTP_* overrides)."""
    env = os.environ if env is None else env
    problems = Problems()
    smtp = smtp_settings(Source(Path(SETTINGS_FILE)), problems, Path.cwd(), env)
    problems.check()
    return Config(folder=None, smtp=smtp)


def load_config(config_dir: Path, env: Mapping[str, str] | None = None) -> Config:
    """The config of ``config_dir``: indicators.toml and owners.toml (required), places.toml,
    goals/YEAR.toml and goals/PLACE/YEAR.toml, results/ likewise, tracker.toml, schedule.toml
    and recipients.toml (optional), each read once. ``env`` (default: os.environ) overrides
    the SMTP settings (TRACKER_SMTP_*).

    Raises ConfigError: the folder is missing (one line naming the ways out), or the list of
    every problem found, one per line.
    """
    env = os.environ if env is None else env
    if not config_dir.is_dir():
        raise ConfigError(missing_folder_message(config_dir))
    problems = Problems()
    general = read_source(config_dir / SETTINGS_FILE, problems, required=False)
    timezone, language = _general(general, problems)
    base_url = _base_url(general, problems)

    owners_file = read_source(config_dir / "owners.toml", problems)
    owners = d.owners(owners_file, problems)
    # A file that could not be read is one problem, not one more per reference to it.
    owner_keys = set(d.tables(owners_file, "owners", Problems())) if owners_file.ok else None
    indicators_file = read_source(config_dir / "indicators.toml", problems)
    indicators = d.indicators(indicators_file, problems, owners, owner_keys)
    d.unique_names(indicators_file, problems, indicators)
    indicator_keys = (
        set(d.tables(indicators_file, "indicators", Problems())) if indicators_file.ok else None
    )
    places = p.places(read_source(config_dir / p.FILE, problems, required=False), problems)
    goals = [
        replace(goal, place=place)
        for place, year, path in _by_place(config_dir / "goals", places, problems)
        for goal in d.goals(
            read_source(path, problems),
            problems,
            year,
            indicators,
            indicator_keys,
            places=places,
            place=place,
        )
    ]
    results = [
        replace(result, place=place)
        for place, year, path in _by_place(config_dir / "results", places, problems)
        for result in d.results(read_source(path, problems), problems, year, indicator_keys)
    ]

    smtp = smtp_settings(general, problems, config_dir, env)
    recipients = read_source(config_dir / "recipients.toml", problems, required=False)
    lists, owner_addresses, channels = s.recipients(recipients, problems, owner_keys, env)
    jobs = read_source(config_dir / "schedule.toml", problems, required=False)
    schedule = s.schedule(jobs, problems, timezone, lists, owner_addresses, channels, places)
    problems.check()
    return Config(
        folder=config_dir,
        timezone=timezone,
        report_language=language,
        places=places,
        report_base_url=base_url,
        owners=tuple(owners.values()),
        indicators=tuple(indicators.values()),
        goals=tuple(goals),
        results=tuple(results),
        smtp=smtp,
        schedule=schedule,
    )


def _general(source: Source, problems: Problems) -> tuple[str, str]:
    """``[general] timezone`` and ``[report] language`` of tracker.toml (defaults if absent)."""
    problems.unknown_keys(source, "", source.data, ("general", "report", "smtp"))
    found = []
    for table, key, default in (
        ("general", "timezone", DEFAULT_TIMEZONE),
        ("report", "language", DEFAULT_LANGUAGE),
    ):
        data = source.data.get(table, {})
        if not isinstance(data, dict):
            problems.add(source, f"[{table}] must be a table", key=table)
            data = {}
        problems.unknown_keys(source, table, data, SETTINGS_KEYS[table])
        found.append(data.get(key, default))
    timezone, language = found
    if not _known_zone(timezone):
        problems.add(
            source,
            f"[general] timezone {timezone!r} is unknown; write an IANA zone name, "
            "e.g. Asia/Shanghai or Asia/Urumqi",
            table="general",
            key="timezone",
        )
        timezone = DEFAULT_TIMEZONE
    if language not in s.LANGUAGES:
        problems.add(
            source,
            f'[report] language is {language!r}; use "zh" or "en"',
            table="report",
            key="language",
        )
        language = DEFAULT_LANGUAGE
    return str(timezone), str(language)


def _base_url(source: Source, problems: Problems) -> str | None:
    """``[report] base_url``: an http(s) address with a host, no query or fragment."""
    report = source.data.get("report", {})
    value = report.get("base_url") if isinstance(report, dict) else None
    if value is None:
        return None
    parts = urlsplit(value) if isinstance(value, str) else None
    if (
        parts is None
        or parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.query
        or parts.fragment
        or any(c.isspace() for c in value)
    ):
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
    return str(value).rstrip("/")


def _known_zone(name: object) -> bool:
    if not isinstance(name, str) or not name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _by_place(folder: Path, places: Places, problems: Problems) -> list[tuple[str, int, Path]]:
    """(stored place key, year, file): the home place's ``YEAR.toml`` files of ``folder``, then
    those of each configured place's subfolder ``PLACE/`` (docs/places.md); a subfolder that
    names no configured place is a problem, with the close match."""
    found = [(HOME, year, path) for year, path in _yearly(folder, problems)]
    if not folder.is_dir():
        return found
    for sub in sorted(path for path in folder.iterdir() if path.is_dir()):
        if sub.name not in places.by_key:
            hint = close_hint(sub.name, places.by_key)
            problems.add(
                Source(sub),
                f"the folder {sub.name}/ names no place of places.toml; {hint} "
                "(name it after a [places.KEY], or add the place)",
            )
            continue
        place = places.stored(sub.name)
        found.extend((place, year, path) for year, path in _yearly(sub, problems))
    return found


def _yearly(folder: Path, problems: Problems) -> list[tuple[int, Path]]:
    """The ``YEAR.toml`` files of ``folder`` (none when it is absent), in order of year."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.toml")):
        if not path.stem.isdigit():
            problems.add(Source(path), "name the file after its year, e.g. 2020.toml")
            continue
        found.append((int(path.stem), path))
    return found

"""``load_config``: the config folder as one immutable ``Config``, each section parsed when it
is first read (``tracker.configuration.sections``); ``check_config``: every section at once.

A section's problems are raised when it is read, with those of the sections it is read with,
as one ConfigError listing them one per line, each ``file:line: problem`` with its fix; so a
command reads only the files it needs, and a half-edited goals file does not stop the commands
that read goals from the database. ``check_config`` (``tracker init``, ``tracker config
check``) lists every problem of every file. Nothing here imports a database, template or
scheduler library (APScheduler only when a cron line is checked), so loading stays quick.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from tracker.configuration import sections as s
from tracker.configuration.definitions import Definitions, KnownFigure
from tracker.configuration.schedule import Schedule
from tracker.configuration.smtp import SmtpSettings
from tracker.domain.errors import ConfigError
from tracker.domain.model import Goal, Indicator, Owner
from tracker.domain.places import Places
from tracker.domain.plans import Plan
from tracker.domain.projects import Project


@dataclass(frozen=True)
class Config:
    """Everything a command or job is configured with, from one folder (or the defaults).

    ``folder`` is None when no config folder exists (the defaults: one place, no indicators,
    goals, jobs or lists). Each attribute is its section of ``sections``, parsed when first
    read; reading one raises ConfigError with its problems. ``places``: places.toml, the
    home place alone when it is absent; goals and results carry the stored key of their place
    (``Goal.place``). ``timezone`` (an IANA name, ``[general] timezone``) is the zone of
    "today", of the times shown and of the schedule; ``report_language`` is zh or en
    (``[report]``); ``report_base_url`` is where the reports archive is served (``[report]
    base_url``, no trailing slash), or None: emails then carry no link to it.
    """

    folder: Path | None
    sections: s.Sections = field(repr=False, compare=False)

    @property
    def timezone(self) -> str:
        return self.sections.get(s.GENERAL).timezone

    @property
    def report_language(self) -> str:
        return self.sections.get(s.GENERAL).language

    @property
    def report_base_url(self) -> str | None:
        return self.sections.get(s.GENERAL).base_url

    @property
    def zone(self) -> ZoneInfo:
        """The configured time zone, ready for ``datetime.now(zone)``."""
        return ZoneInfo(self.timezone)

    @property
    def places(self) -> Places:
        return self.sections.get(s.PLACES)

    @property
    def owners(self) -> tuple[Owner, ...]:
        return tuple(self.sections.get(s.OWNERS).values())

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(self.sections.get(s.INDICATORS).values())

    @property
    def goals(self) -> tuple[Goal, ...]:
        return self.sections.get(s.GOALS)

    @property
    def results(self) -> tuple[KnownFigure, ...]:
        return self.sections.get(s.RESULTS)

    @property
    def plans(self) -> tuple[Plan, ...]:
        """The multi-year plans of ``plans/*.toml`` (docs/status-rules.md, "Plan goals")."""
        return self.sections.get(s.PLANS)

    @property
    def definitions(self) -> Definitions:
        """What ``tracker init`` loads into the database (ConfigError lists the problems of
        the indicators, the goals and the results at once)."""
        self.sections.raise_problems(s.INDICATORS, s.GOALS, s.RESULTS)
        return Definitions(self.indicators, self.goals, self.results)

    @property
    def projects(self) -> tuple[Project, ...]:
        """The key projects of every year and place (docs/projects.md)."""
        return self.sections.get(s.PROJECTS)

    @property
    def smtp(self) -> SmtpSettings:
        return self.sections.get(s.SMTP)

    @property
    def schedule(self) -> Schedule:
        return self.sections.get(s.SCHEDULE)

    def check(self) -> "Config":
        """This config with every section parsed. Raises ConfigError listing every problem
        of every file, one per line."""
        self.sections.check()
        return self


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
    return Config(None, s.Sections(None, env))


def load_config(config_dir: Path, env: Mapping[str, str] | None = None) -> Config:
    """The config of ``config_dir``, each section parsed when first read: indicators.toml and
    owners.toml (required), places.toml, goals/YEAR.toml and goals/PLACE/YEAR.toml, results/
    likewise, tracker.toml, schedule.toml and recipients.toml (optional), each file read
    once. ``env`` (default: os.environ) overrides the SMTP settings (TRACKER_SMTP_*).

    Raises ConfigError (one line naming the ways out) when the folder is missing; a section's
    problems are raised when it is read.
    """
    if not config_dir.is_dir():
        raise ConfigError(missing_folder_message(config_dir))
    return Config(config_dir, s.Sections(config_dir, env))


def check_config(config_dir: Path, env: Mapping[str, str] | None = None) -> Config:
    """``load_config`` with every section parsed at once. Raises ConfigError: the folder is
    missing, or the list of every problem of every file, one per line."""
    return load_config(config_dir, env).check()

"""``schedule.toml``: the jobs, each checked with its line against the settings, the places
and the recipients (``tracker.configuration.recipients``) it names.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from tracker.configuration.addresses import valid_address
from tracker.configuration.channels import EMAIL, NO_CHANNELS, Channels
from tracker.configuration.general import LANGUAGES
from tracker.configuration.problems import Problems, Source, close_hint, name_problem
from tracker.configuration.recipients import NO_ADDRESSES, Addresses, Recipients
from tracker.domain.errors import ConfigError
from tracker.domain.places import Places

KINDS = ("report", "reminder", "projects")  # projects: the key projects' report (docs/projects.md)
PERIODS = ("month", "week", "day")

ATTACHMENTS = ("figures", "briefing", "form")  # see tracker/scheduling/attachments.py
DEFAULT_GRACE_SECONDS = 6 * 3600
SCHEDULE_KEYS = ("misfire_grace_seconds", "jobs")
JOB_KEYS = (
    "kind", "period", "cron", "every_seconds", "recipients", "lang", "year", "charts",
    "enabled", "description", "attach", "place",
)  # fmt: skip


@dataclass(frozen=True)
class JobSpec:
    """One ``[jobs.NAME]`` table of schedule.toml, checked; recipients are addresses (lists
    expanded)."""

    name: str
    kind: str  # report: the status report to a list; reminder: each owner with overdue figures
    # (or projects without a figure); projects: the key projects' report alone to a list
    period: str  # what one run covers, and so what is sent at most once: month, week, day
    cron: str | None = None  # "minute hour day month day-of-week", in the configured zone
    every_seconds: int | None = None  # instead of cron: for trying the scheduler out and tests
    recipients: tuple[str, ...] = ()
    lang: str = "zh"
    year: int | None = None  # the goals' year (default: the as-of date's year)
    charts: bool = True
    enabled: bool = True
    description: str = ""
    attach: tuple[str, ...] = ()  # files to attach: figures, briefing, form (attachments.py)
    channels: tuple[str, ...] = ()  # robots (``[channels]``) that get the report's summary
    place: str | None = None  # the place whose goals it reports on (places.toml); None: home


@dataclass(frozen=True)
class Schedule:
    """The jobs, in ``timezone`` (``[general] timezone`` of tracker.toml), and the addresses."""

    timezone: str
    misfire_grace_seconds: int
    jobs: tuple[JobSpec, ...]
    owners: Addresses  # owner key → addresses, for reminders
    # The named lists of recipients.toml, and its [channels].
    lists: Addresses = field(default_factory=lambda: NO_ADDRESSES)
    channels: Channels = field(default_factory=lambda: NO_CHANNELS)

    def job(self, name: str) -> JobSpec:
        """The job named ``name``; ConfigError listing the jobs when there is none."""
        for spec in self.jobs:
            if spec.name == name:
                return spec
        names = ", ".join(s.name for s in self.jobs) or "none"
        raise ConfigError(f"no job '{name}' in schedule.toml; the jobs are: {names}")


def cron_problem(expression: str, timezone: str) -> str | None:
    """Why a crontab line cannot be used, or None. Days of the week must be names (mon, tue,
    ...): numbers mean different days in different cron dialects. (APScheduler is imported
    only when there is a cron line to check.)"""
    fields = expression.split()
    if len(fields) != 5:
        return "write five fields: minute hour day-of-month month day-of-week"
    if any(c.isdigit() for c in fields[4]):
        return "write days of the week as names (mon, tue, ... sun), not numbers"
    if all(_plain_field(f, low, high) for f, (low, high) in zip(fields, _RANGES, strict=True)):
        return None  # the common forms, known good without loading APScheduler
    from apscheduler.triggers.cron import CronTrigger

    try:
        CronTrigger.from_crontab(expression, timezone=ZoneInfo(timezone))
    except ValueError as e:
        return str(e)
    return None


_RANGES = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 6))  # minute hour day month day-of-week
_DAYS = {name: n for n, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))}
_ITEM = re.compile(r"^(\*|([a-z]+|\d+)(?:-([a-z]+|\d+))?)(?:/(\d+))?$")


def _plain_field(text: str, low: int, high: int) -> bool:
    """Whether a cron field is one of the plain forms APScheduler surely accepts: ``*``,
    ``*/n``, ``a``, ``a-b``, ``a-b/n`` (days as names), comma-separated, every number in range
    and every step within its range. Anything else is left to APScheduler to judge."""

    def number(token: str) -> int | None:
        value = _DAYS.get(token) if high == 6 else (int(token) if token.isdigit() else None)
        return value if value is not None and low <= value <= high else None

    for item in text.split(","):
        found = _ITEM.match(item)
        if not found:
            return False
        _, first, last, step = found.groups()
        start = low if first is None else number(first)
        end = (high if first is None else start) if last is None else number(last)
        if start is None or end is None or start > end:
            return False
        if step is not None and not 1 <= int(step) <= max(end - start, 1):
            return False
    return True


def schedule(
    source: Source,
    problems: Problems,
    timezone: str,
    recipients: Recipients,
    places: Places | None = None,
) -> Schedule:
    """The jobs of ``schedule.toml``; ``timezone`` is the one of ``[general]``; the lists and
    channels of ``recipients`` (recipients.toml) are what a job's ``recipients`` name;
    ``places`` those of places.toml, which a job's ``place`` names (docs/places.md)."""
    data = source.data
    if "timezone" in data:
        problems.add(
            source,
            "'timezone' has moved to tracker.toml: write it there as [general] timezone = "
            f'"{data["timezone"]}" and remove it here',
            key="timezone",
        )
    problems.unknown_keys(
        source, "", {k: v for k, v in data.items() if k != "timezone"}, SCHEDULE_KEYS
    )
    grace = data.get("misfire_grace_seconds", DEFAULT_GRACE_SECONDS)
    if isinstance(grace, bool) or not isinstance(grace, int) or grace < 1:
        problems.add(
            source,
            "'misfire_grace_seconds' must be a whole number ≥ 1",
            key="misfire_grace_seconds",
        )
        grace = DEFAULT_GRACE_SECONDS
    jobs = data.get("jobs", {})
    if not isinstance(jobs, dict):
        problems.add(source, "[jobs.NAME] tables expected", key="jobs")
        jobs = {}
    known = _Known(timezone, recipients.lists, recipients.channels, places or Places())
    specs = [_job(source, problems, name, table, known) for name, table in jobs.items()]
    found = tuple(s for s in specs if s is not None)
    return Schedule(
        timezone, grace, found, recipients.owners, recipients.lists, recipients.channels
    )


@dataclass(frozen=True)
class _Known:
    """What a job may name: the zone its cron line is in, the lists and channels of
    recipients.toml, the places of places.toml."""

    timezone: str
    lists: Addresses
    channels: Channels
    places: Places


@dataclass(frozen=True)
class _JobTable:
    """One ``[jobs.NAME]`` table and where its problems go."""

    source: Source
    problems: Problems
    where: str  # "jobs.NAME"
    table: dict[str, Any]

    def get(self, key: str, default: object = None) -> Any:
        return self.table.get(key, default)

    def fail(self, key: str | None, value: object, message: str) -> None:
        """Record ``[jobs.NAME] message`` at the line of ``key`` (or of ``value`` under it)."""
        where = self.where
        self.problems.add(self.source, f"[{where}] {message}", table=where, key=key, value=value)


def _job(
    source: Source, problems: Problems, name: str, table: Any, known: _Known
) -> JobSpec | None:
    """One job, or None with its problems recorded."""
    where = f"jobs.{name}"
    if name_problem(name):
        problems.add(source, f"[jobs.{name!r}] the name {name_problem(name)}", table=where)
        return None
    if not isinstance(table, dict):
        problems.add(source, f"[{where}] must be a table", key=name, table="jobs")
        return None
    before = len(problems.found)
    problems.unknown_keys(source, where, table, JOB_KEYS)
    job = _JobTable(source, problems, where, table)
    kind, period, lang = _words(job)
    cron, every = _timing(job, known.timezone)
    addresses, robots = _recipients(job, kind, known)
    attach = _attachments(job, kind)
    year = _year(job)
    place = _place(job, known.places)
    if len(problems.found) > before:
        return None
    return JobSpec(
        name=name,
        kind=kind,
        period=period,
        cron=cron,
        every_seconds=every,
        recipients=tuple(dict.fromkeys(addresses)),
        lang=lang,
        year=year,
        charts=bool(job.get("charts", True)),
        enabled=bool(job.get("enabled", True)),
        description=str(job.get("description", "")),
        attach=tuple(dict.fromkeys(attach)),
        channels=tuple(dict.fromkeys(robots)),
        place=place,
    )


def _words(job: _JobTable) -> tuple[str, str, str]:
    """``kind``, ``period`` and ``lang``, each one of its known words."""
    kind = job.get("kind", "report")
    if kind not in KINDS:
        job.fail("kind", kind, f"kind '{kind}' is unknown; use report, reminder or projects")
    period = job.get("period", "month")
    if period not in PERIODS:
        job.fail("period", period, f"period '{period}' is unknown; use month, week or day")
    lang = job.get("lang", "zh")
    if lang not in LANGUAGES:
        job.fail("lang", lang, f"lang {lang!r} is unknown; use zh or en")
    return str(kind), str(period), str(lang)


def _timing(job: _JobTable, timezone: str) -> tuple[str | None, int | None]:
    """``cron`` or ``every_seconds`` (one of them), each checked."""
    cron, every = job.get("cron"), job.get("every_seconds")
    if (cron is None) == (every is None):
        job.fail(None, None, 'needs either cron = "M H DOM MON DOW" or every_seconds = N')
    if cron is not None:
        problem = cron_problem(str(cron), timezone)
        if problem:
            job.fail("cron", cron, f"cron '{cron}': {problem}")
    if every is not None and (isinstance(every, bool) or not isinstance(every, int) or every < 1):
        job.fail("every_seconds", every, "every_seconds must be a whole number ≥ 1")
    return (None if cron is None else str(cron)), every


def _recipients(job: _JobTable, kind: str, known: _Known) -> tuple[list[str], list[str]]:
    """The addresses (lists and email channels expanded) and the robots ``recipients`` names:
    each item a list, a channel or an address; a robot only for a report, which needs one."""
    addresses: list[str] = []
    robots: list[str] = []
    unknown = False
    raw = job.get("recipients", [])
    for item in [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, list) else [raw]:
        if item in known.lists:
            _expand(known.lists[item], known.channels, addresses.append, robots.append)
        elif isinstance(item, str) and (item in known.channels or valid_address(item)):
            _expand([item], known.channels, addresses.append, robots.append)
        else:
            unknown = True
            job.fail(
                "recipients",
                item,
                f"recipient '{item}' is neither an address (in ASCII), nor a list, "
                "nor a channel in recipients.toml",
            )
    if kind == "reminder" and robots:
        job.fail(
            "recipients",
            robots[0],
            f"channel '{robots[0]}' gets a report's summary; a reminder goes to each owner's "
            "addresses in recipients.toml [owners]: name the channel in a report job",
        )
    if kind != "reminder" and not addresses and not robots and not unknown:
        job.fail(None, None, 'a report needs recipients = "LIST" (a list in recipients.toml)')
    return addresses, robots


def _expand(
    named: Any, channels: Channels, address: Callable[[str], None], robot: Callable[[str], None]
) -> None:
    """Each recipient of ``named``: an address as it is, an email channel as its addresses,
    a robot by its channel's name."""
    for recipient in named:
        channel = channels.get(recipient)
        if channel is None:
            address(recipient)
        elif channel.kind == EMAIL:
            for each in channel.addresses:
                address(each)
        else:
            robot(recipient)


def _attachments(job: _JobTable, kind: str) -> list[str]:
    """``attach``: known attachments, a form only with a reminder."""
    attach = job.get("attach", [])
    attach = [attach] if isinstance(attach, str) else list(attach)
    for item in attach:
        if item not in ATTACHMENTS:
            job.fail("attach", item, f"attach '{item}' is unknown; use figures, briefing or form")
        elif item == "form" and kind != "reminder":
            job.fail("attach", item, "attach 'form' goes with a reminder (each owner's own form)")
    return attach


def _year(job: _JobTable) -> int | None:
    """``year``: the goals' year, a whole number (None: the as-of date's year)."""
    year = job.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        job.fail("year", year, f"year {year!r} must be a whole number, e.g. 2020")
        return None
    return year


def _place(job: _JobTable, places: Places) -> str | None:
    """``place``: a configured place's key (None: the home place)."""
    place = job.get("place")
    if place is not None and (not isinstance(place, str) or place not in places.by_key):
        hint = close_hint(str(place), places.by_key)
        job.fail("place", place, f"place {place!r} is not a [places.KEY] of places.toml; {hint}")
        return None
    return None if place is None or place == places.home else str(place)

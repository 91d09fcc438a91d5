"""``schedule.toml`` (the jobs) and ``recipients.toml`` (who gets what), as the loader reads them.

Every address is checked when the files are loaded; each problem names the file and the line.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.utils import getaddresses
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

from tracker.configuration.channels import EMAIL, NO_CHANNELS, Channels
from tracker.configuration.channels import channels as read_channels
from tracker.configuration.problems import (
    Problems,
    Source,
    close_hint,
    control_character,
    name_problem,
)
from tracker.domain.errors import ConfigError
from tracker.domain.places import Places

KINDS = ("report", "reminder")
PERIODS = ("month", "week", "day")
LANGUAGES = ("zh", "en")
ATTACHMENTS = ("figures", "briefing", "form")  # see tracker/scheduling/attachments.py
DEFAULT_GRACE_SECONDS = 6 * 3600
SCHEDULE_KEYS = ("misfire_grace_seconds", "jobs")
JOB_KEYS = (
    "kind", "period", "cron", "every_seconds", "recipients", "lang", "year", "charts",
    "enabled", "description", "attach", "place",
)  # fmt: skip
_DOMAIN = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_ADDRESS = re.compile(rf"^[^@\s<>()\[\],;:\"]+@{_DOMAIN}(?:\.{_DOMAIN})+$")

Addresses = Mapping[str, tuple[str, ...]]
_NONE: Addresses = MappingProxyType({})


@dataclass(frozen=True)
class JobSpec:
    """One ``[jobs.NAME]`` table of schedule.toml, checked; recipients are addresses (lists
    expanded)."""

    name: str
    kind: str  # report: the status report to a list; reminder: each owner with overdue figures
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
    lists: Addresses = field(default_factory=lambda: _NONE)  # the named lists of recipients.toml
    channels: Channels = field(default_factory=lambda: NO_CHANNELS)  # [channels] of it

    def job(self, name: str) -> JobSpec:
        """The job named ``name``; ConfigError listing the jobs when there is none."""
        for spec in self.jobs:
            if spec.name == name:
                return spec
        names = ", ".join(s.name for s in self.jobs) or "none"
        raise ConfigError(f"no job '{name}' in schedule.toml; the jobs are: {names}")


def valid_address(text: str) -> bool:
    """One address, optionally with a name: 'stats@x.gov.cn', '区统计局 <stats@x.gov.cn>'."""
    if control_character(text):  # a line break would end the header it is written into
        return False
    found = getaddresses([text])
    if len(found) != 1 or not found[0][1]:
        return False
    address = found[0][1]
    # ASCII only: SMTP servers without SMTPUTF8 refuse anything else, so an internationalised
    # domain is written in its xn-- form.
    return address.isascii() and bool(_ADDRESS.match(address)) and ".." not in address


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


def recipients(
    source: Source,
    problems: Problems,
    owner_keys: set[str] | None,
    env: Mapping[str, str] | None = None,
) -> tuple[Addresses, Addresses, Channels]:
    """The named lists, the owners' addresses and the channels of ``recipients.toml``, each
    address and channel checked; a list may name channels among its addresses.
    ``owner_keys``: the keys of owners.toml, None when it could not be read; ``env``: where a
    channel's ``secret_env`` is read (default: none)."""
    problems.unknown_keys(source, "", source.data, ("lists", "owners", "channels"))
    channels = read_channels(source, problems, env or {})
    sections = []
    for name in ("lists", "owners"):
        tables = source.data.get(name, {})
        section: dict[str, tuple[str, ...]] = {}
        if not isinstance(tables, dict):
            problems.add(source, f"[{name}] must be a table of address lists", key=name)
            tables = {}
        for key, addresses in tables.items():
            if name == "owners" and owner_keys is not None and key not in owner_keys:
                hint = close_hint(key, owner_keys)
                message = f"owner '{key}' is not defined in owners.toml; {hint}"
                problems.add(source, message, table=name, key=key)
                continue
            if name == "lists" and key in source.data.get("channels", {}):
                message = f"list '{key}' has the name of a channel; give one of them another name"
                problems.add(source, message, table=name, key=key)
                continue
            known = channels if name == "lists" else NO_CHANNELS
            section[key] = _addresses(source, problems, name, key, addresses, known)
        sections.append(MappingProxyType(section))
    return sections[0], sections[1], channels


def schedule(
    source: Source,
    problems: Problems,
    timezone: str,
    lists: Addresses,
    owners: Addresses,
    channels: Channels = NO_CHANNELS,
    places: Places | None = None,
) -> Schedule:
    """The jobs of ``schedule.toml``; ``timezone`` is the one of ``[general]``; ``lists`` and
    ``channels`` are those of recipients.toml, which a job's ``recipients`` name; ``places``
    those of places.toml, which a job's ``place`` names (docs/places.md)."""
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
    specs = [
        _job(source, problems, n, t, lists, timezone, channels, places or Places())
        for n, t in jobs.items()
    ]
    found = tuple(s for s in specs if s is not None)
    return Schedule(timezone, grace, found, owners, lists, channels)


def _job(
    source: Source,
    problems: Problems,
    name: str,
    table: Any,
    lists: Addresses,
    timezone: str,
    channels: Channels = NO_CHANNELS,
    places: Places | None = None,
) -> JobSpec | None:
    where = f"jobs.{name}"
    if name_problem(name):
        problems.add(source, f"[jobs.{name!r}] the name {name_problem(name)}", table=where)
        return None
    if not isinstance(table, dict):
        problems.add(source, f"[{where}] must be a table", key=name, table="jobs")
        return None
    before = len(problems.found)
    problems.unknown_keys(source, where, table, JOB_KEYS)

    def fail(key: str | None, value: object, message: str) -> None:
        problems.add(source, f"[{where}] {message}", table=where, key=key, value=value)

    kind = table.get("kind", "report")
    if kind not in KINDS:
        fail("kind", kind, f"kind '{kind}' is unknown; use report or reminder")
    period = table.get("period", "month")
    if period not in PERIODS:
        fail("period", period, f"period '{period}' is unknown; use month, week or day")
    cron, every = table.get("cron"), table.get("every_seconds")
    if (cron is None) == (every is None):
        fail(None, None, 'needs either cron = "M H DOM MON DOW" or every_seconds = N')
    if cron is not None:
        problem = cron_problem(str(cron), timezone)
        if problem:
            fail("cron", cron, f"cron '{cron}': {problem}")
    if every is not None and (isinstance(every, bool) or not isinstance(every, int) or every < 1):
        fail("every_seconds", every, "every_seconds must be a whole number ≥ 1")
    lang = table.get("lang", "zh")
    if lang not in LANGUAGES:
        fail("lang", lang, f"lang {lang!r} is unknown; use zh or en")
    addresses: list[str] = []
    robots: list[str] = []

    def add(recipient: str) -> None:
        channel = channels.get(recipient)
        if channel is None:
            addresses.append(recipient)
        elif channel.kind == EMAIL:
            addresses.extend(channel.addresses)
        else:
            robots.append(recipient)

    unknown = False
    raw = table.get("recipients", [])
    for item in [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, list) else [raw]:
        if item in lists:
            for recipient in lists[item]:
                add(recipient)
        elif isinstance(item, str) and (item in channels or valid_address(item)):
            add(item)
        else:
            unknown = True
            fail(
                "recipients",
                item,
                f"recipient '{item}' is neither an address (in ASCII), nor a list, "
                "nor a channel in recipients.toml",
            )
    if kind == "reminder" and robots:
        fail(
            "recipients",
            robots[0],
            f"channel '{robots[0]}' gets a report's summary; a reminder goes to each owner's "
            "addresses in recipients.toml [owners]: name the channel in a report job",
        )
    if kind == "report" and not addresses and not robots and not unknown:
        fail(None, None, 'a report needs recipients = "LIST" (a list in recipients.toml)')
    attach = table.get("attach", [])
    attach = [attach] if isinstance(attach, str) else list(attach)
    for item in attach:
        if item not in ATTACHMENTS:
            fail("attach", item, f"attach '{item}' is unknown; use figures, briefing or form")
        elif item == "form" and kind != "reminder":
            fail("attach", item, "attach 'form' goes with a reminder (each owner's own form)")
    year = table.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        fail("year", year, f"year {year!r} must be a whole number, e.g. 2020")
    place = table.get("place")
    known = places or Places()
    if place is not None and (not isinstance(place, str) or place not in known.by_key):
        hint = close_hint(str(place), known.by_key)
        fail("place", place, f"place {place!r} is not a [places.KEY] of places.toml; {hint}")
    if len(problems.found) > before:
        return None
    return JobSpec(
        name=name,
        kind=kind,
        period=period,
        cron=str(cron) if cron is not None else None,
        every_seconds=every,
        recipients=tuple(dict.fromkeys(addresses)),
        lang=str(lang),
        year=year,
        charts=bool(table.get("charts", True)),
        enabled=bool(table.get("enabled", True)),
        description=str(table.get("description", "")),
        attach=tuple(dict.fromkeys(attach)),
        channels=tuple(dict.fromkeys(robots)),
        place=None if place is None or place == known.home else str(place),
    )


def _addresses(
    source: Source,
    problems: Problems,
    section: str,
    key: str,
    addresses: Any,
    channels: Channels = NO_CHANNELS,
) -> tuple[str, ...]:
    """The addresses of one list, each checked; ``channels``: the channel names it may hold
    (kept as they are, by name)."""
    where = f"{section}.{key}"
    if isinstance(addresses, str):
        addresses = [addresses]
    if not isinstance(addresses, list):
        problems.add(source, f"{where} must be a list of addresses", table=section, key=key)
        return ()
    good = []
    for address in addresses:
        if isinstance(address, str) and address in channels:
            good.append(address)
        elif isinstance(address, str) and "@" not in address and section == "lists":
            hint = close_hint(address, channels) if channels else "there are no [channels]"
            problems.add(
                source,
                f"{where}: {address!r} is neither an email address nor a channel of "
                f"recipients.toml ([channels.NAME]); {hint}",
                table=section,
                key=key,
                value=address,
            )
        elif not isinstance(address, str) or not valid_address(address):
            problems.add(
                source,
                f"{where}: {address!r} is not an email address; write name@domain "
                "or 'Name <name@domain>' (the address in ASCII), one per string",
                table=section,
                key=key,
                value=address,
            )
        else:
            good.append(address)
    return tuple(good)

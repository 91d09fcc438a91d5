"""``config/schedule.toml`` (the jobs) and ``config/recipients.toml`` (who gets what).

Every address is checked when the files are loaded; an error names the file and the line.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from email.utils import getaddresses
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tracker.configuration.files import read_toml
from tracker.domain.errors import ConfigError

KINDS = ("report", "reminder")
PERIODS = ("month", "week", "day")
ATTACHMENTS = ("figures", "form")  # see tracker/scheduling/attachments.py
DEFAULT_TIMEZONE = "Asia/Shanghai"
DEFAULT_GRACE_SECONDS = 6 * 3600
_DOMAIN = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_ADDRESS = re.compile(rf"^[^@\s<>()\[\],;:\"]+@{_DOMAIN}(?:\.{_DOMAIN})+$")


@dataclass(frozen=True)
class JobSpec:
    name: str
    kind: str  # report: the status report to a list; reminder: each owner with overdue figures
    period: str  # what one run covers, and so what is sent at most once: month, week, day
    cron: str | None = None  # "minute hour day month day-of-week", in the schedule's zone
    every_seconds: int | None = None  # instead of cron: for trying the scheduler out and tests
    recipients: tuple[str, ...] = ()
    lang: str = "zh"
    year: int | None = None  # the goals' year (default: the as-of date's year)
    charts: bool = True
    enabled: bool = True
    description: str = ""
    attach: tuple[str, ...] = ()  # spreadsheets to attach: figures, form (see attachments.py)


@dataclass(frozen=True)
class Schedule:
    timezone: str
    misfire_grace_seconds: int
    jobs: tuple[JobSpec, ...]
    owners: dict[str, tuple[str, ...]]  # owner key → addresses, for reminders

    def job(self, name: str) -> JobSpec:
        for spec in self.jobs:
            if spec.name == name:
                return spec
        names = ", ".join(s.name for s in self.jobs) or "none"
        raise ConfigError(f"no job '{name}' in schedule.toml; the jobs are: {names}")


def period_key(as_of: date, period: str) -> str:
    """The period a run as of ``as_of`` covers: 2020-07, 2020-W29 or 2020-07-15."""
    if period == "week":
        year, week, _ = as_of.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "day":
        return as_of.isoformat()
    return f"{as_of.year}-{as_of.month:02d}"


def load_schedule(config_dir: Path) -> Schedule:
    path = config_dir / "schedule.toml"
    data = _read(path)
    timezone = str(data.get("timezone", DEFAULT_TIMEZONE))
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise _at(
            path, timezone, f"time zone '{timezone}' is unknown; e.g. Asia/Shanghai"
        ) from None
    grace = data.get("misfire_grace_seconds", DEFAULT_GRACE_SECONDS)
    if isinstance(grace, bool) or not isinstance(grace, int) or grace < 1:
        raise _at(
            path, "misfire_grace_seconds", "'misfire_grace_seconds' must be a whole number ≥ 1"
        )
    lists, owners = load_recipients(config_dir)
    jobs = data.get("jobs", {})
    if not isinstance(jobs, dict):
        raise ConfigError(f"{path}: [jobs.NAME] tables expected")
    specs = tuple(_job(path, name, table, lists, timezone) for name, table in jobs.items())
    return Schedule(timezone, grace, specs, owners)


def load_recipients(
    config_dir: Path,
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The named lists and the owners' addresses, every address validated."""
    path = config_dir / "recipients.toml"
    data = _read(path)
    known_owners = set(_read(config_dir / "owners.toml").get("owners", {}))
    sections = []
    for name in ("lists", "owners"):
        tables = data.get(name, {})
        if not isinstance(tables, dict):
            raise ConfigError(f"{path}: [{name}] must be a table of address lists")
        section = {}
        for key, addresses in tables.items():
            if name == "owners" and key not in known_owners:
                raise _at(path, key, f"owner '{key}' is not defined in owners.toml")
            section[key] = _addresses(path, f"{name}.{key}", addresses)
        sections.append(section)
    return sections[0], sections[1]


def valid_address(text: str) -> bool:
    """One address, optionally with a name: 'stats@x.gov.cn', '区统计局 <stats@x.gov.cn>'."""
    found = getaddresses([text])
    if len(found) != 1 or not found[0][1]:
        return False
    address = found[0][1]
    # ASCII only: SMTP servers without SMTPUTF8 refuse anything else, so an internationalised
    # domain is written in its xn-- form.
    return address.isascii() and bool(_ADDRESS.match(address)) and ".." not in address


def _job(
    path: Path, name: str, table: Any, lists: dict[str, tuple[str, ...]], timezone: str
) -> JobSpec:
    if not isinstance(table, dict):
        raise _at(path, f"[jobs.{name}]", f"[jobs.{name}] must be a table")

    def fail(value: object, message: str) -> ConfigError:
        return _at(path, value, f"[jobs.{name}] {message}", fallback=f"[jobs.{name}]")

    kind = table.get("kind", "report")
    if kind not in KINDS:
        raise fail(kind, f"kind '{kind}' is unknown; use report or reminder")
    period = table.get("period", "month")
    if period not in PERIODS:
        raise fail(period, f"period '{period}' is unknown; use month, week or day")
    cron, every = table.get("cron"), table.get("every_seconds")
    if (cron is None) == (every is None):
        raise fail(name, 'needs either cron = "M H DOM MON DOW" or every_seconds = N')
    if cron is not None:
        problem = cron_problem(str(cron), timezone)
        if problem:
            raise fail(cron, f"cron '{cron}': {problem}")
    if every is not None and (isinstance(every, bool) or not isinstance(every, int) or every < 1):
        raise fail(every, "every_seconds must be a whole number ≥ 1")
    recipients: list[str] = []
    raw = table.get("recipients", [])
    for item in [raw] if isinstance(raw, str) else list(raw):
        if item in lists:
            recipients.extend(lists[item])
        elif valid_address(str(item)):
            recipients.append(str(item))
        else:
            raise fail(
                item,
                f"recipient '{item}' is neither an address (in ASCII) "
                "nor a list in recipients.toml",
            )
    if kind == "report" and not recipients:
        raise fail(name, 'a report needs recipients = "LIST" (a list in recipients.toml)')
    attach = table.get("attach", [])
    attach = [attach] if isinstance(attach, str) else list(attach)
    for item in attach:
        if item not in ATTACHMENTS:
            raise fail(item, f"attach '{item}' is unknown; use figures or form")
        if item == "form" and kind != "reminder":
            raise fail(item, "attach 'form' goes with a reminder (each owner's own form)")
    return JobSpec(
        name=name,
        kind=kind,
        period=period,
        cron=str(cron) if cron is not None else None,
        every_seconds=every,
        recipients=tuple(dict.fromkeys(recipients)),
        lang=str(table.get("lang", "zh")),
        year=_year(fail, table.get("year")),
        charts=bool(table.get("charts", True)),
        enabled=bool(table.get("enabled", True)),
        description=str(table.get("description", "")),
        attach=tuple(dict.fromkeys(attach)),
    )


def _year(fail: Callable[[object, str], ConfigError], value: object) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise fail(value, f"year {value!r} must be a whole number, e.g. 2020")
    return value


def cron_problem(expression: str, timezone: str) -> str | None:
    """Why a crontab line cannot be used, or None. Days of the week must be names (mon, tue,
    ...): numbers mean different days in different cron dialects."""
    from apscheduler.triggers.cron import CronTrigger

    fields = expression.split()
    if len(fields) != 5:
        return "write five fields: minute hour day-of-month month day-of-week"
    if any(c.isdigit() for c in fields[4]):
        return "write days of the week as names (mon, tue, ... sun), not numbers"
    try:
        CronTrigger.from_crontab(expression, timezone=ZoneInfo(timezone))
    except ValueError as e:
        return str(e)
    return None


def _addresses(path: Path, where: str, addresses: Any) -> tuple[str, ...]:
    if isinstance(addresses, str):
        addresses = [addresses]
    if not isinstance(addresses, list):
        raise _at(path, where.split(".")[-1], f"{where} must be a list of addresses")
    for address in addresses:
        if not isinstance(address, str) or not valid_address(address):
            raise _at(
                path,
                address,
                f"{where}: {address!r} is not an email address; write name@domain "
                "or 'Name <name@domain>' (the address in ASCII), one per string",
            )
    return tuple(addresses)


def _read(path: Path) -> dict[str, Any]:
    return read_toml(path)


def _at(path: Path, value: object, message: str, fallback: str | None = None) -> ConfigError:
    """An error naming the file and the line where ``value`` (or ``fallback``) is written."""
    for needle in (str(value), fallback):
        if not needle:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if needle in line and not line.lstrip().startswith("#"):
                return ConfigError(f"{path}:{number}: {message}")
    return ConfigError(f"{path}: {message}")

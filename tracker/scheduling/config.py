"""The jobs (``schedule.toml``) and who gets what (``recipients.toml``), as the config holds them.

The files are read and checked by ``tracker.configuration.load``; the types live in
``tracker.configuration.schedule`` and are named here for the scheduling code.
"""

from datetime import date
from pathlib import Path

from tracker.configuration.schedule import (
    ATTACHMENTS,
    KINDS,
    PERIODS,
    JobSpec,
    Schedule,
    cron_problem,
    valid_address,
)

__all__ = [
    "ATTACHMENTS",
    "KINDS",
    "PERIODS",
    "JobSpec",
    "Schedule",
    "cron_problem",
    "load_schedule",
    "period_key",
    "valid_address",
]


def period_key(as_of: date, period: str) -> str:
    """The period a run as of ``as_of`` covers: 2020-07, 2020-W29 or 2020-07-15."""
    if period == "week":
        year, week, _ = as_of.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "day":
        return as_of.isoformat()
    return f"{as_of.year}-{as_of.month:02d}"


def load_schedule(config_dir: Path) -> Schedule:
    """The schedule of a config folder (the whole folder is checked; ConfigError lists every
    problem)."""
    from tracker.configuration.load import load_config

    return load_config(config_dir).schedule

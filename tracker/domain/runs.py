"""The period a scheduled run covers, by which its messages are keyed in the outbox: a second
run for the same period queues nothing new (docs/scheduling.md)."""

from datetime import date


def period_key(as_of: date, period: str) -> str:
    """The period a run as of ``as_of`` covers, by the job's ``period`` (month, week or day):
    2020-07, 2020-W29 or 2020-07-15."""
    if period == "week":
        year, week, _ = as_of.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "day":
        return as_of.isoformat()
    return f"{as_of.year}-{as_of.month:02d}"

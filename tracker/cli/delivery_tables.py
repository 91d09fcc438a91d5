"""Tables of scheduled jobs and of the outbox, drawn with rich."""

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.table import Table

from tracker.cli.fit import Fit, print_fitted
from tracker.cli.text import shown, terminal
from tracker.domain.outbox import QueuedMessage
from tracker.scheduling.overview import JobLine

OUTCOME_STYLE = {"ok": "green", "partial": "yellow", "failed": "bold red", "missed": "bold red"}
STATUS_STYLE = {
    "sent": "green",
    "pending": "yellow",
    "sending": "magenta",
    "failed": "bold red",
    "uncertain": "bold magenta",
}


# What the jobs table gives up first in a narrow terminal (tracker/cli/fit.py): it fits 80
# columns with the job, when it runs next, and how it last went.
JOBS_FIT = Fit(
    drop=("Kind", "Period", "When", "Last run"),
    fold=("Outcome", "Detail"),
)


def print_table(table: Table) -> None:
    Console(width=200, soft_wrap=True).print(table)


def print_jobs(table: Table) -> None:
    """The jobs table within the terminal's width (whole when written to a pipe or file)."""
    print_fitted(table, JOBS_FIT)


def _at(moment: datetime | None, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M") if moment else ""


def jobs_table(lines: Sequence[JobLine], timezone: str) -> Table:
    zone = ZoneInfo(timezone)
    table = Table(title=f"Scheduled jobs (times in {timezone})", title_justify="left")
    for header in ("Job", "Kind", "When", "Next runs", "Last run", "Period", "Outcome", "Detail"):
        table.add_column(header, no_wrap=header not in ("Detail",))
    for line in lines:
        outcome = line.last_outcome or "never run"
        if line.missed and line.last_outcome != "missed":
            outcome += f" ({line.missed} missed)"
        style = OUTCOME_STYLE.get(line.last_outcome, "dim")
        table.add_row(
            shown(line.name),
            shown(line.kind),
            shown(line.timing),
            "\n".join(_at(t, zone) for t in line.next_runs) if line.enabled else "[dim]disabled[/]",
            _at(line.last_at, zone),
            shown(line.last_period),
            f"[{style}]{shown(outcome)}[/]",
            shown(line.last_detail),
        )
    return table


def addressee(r: QueuedMessage) -> str:
    """Whom a message goes to: the address (email), or ``wecom:NAME`` / ``dingtalk:NAME`` for
    the group robot of ``[channels.NAME]``."""
    return r.recipient if r.channel == "email" else f"{r.channel}:{r.recipient}"


def decisions(rows: Sequence[QueuedMessage], hidden: Sequence[str] = ()) -> list[str]:
    """What to do about ``uncertain`` messages: the server may or may not have them.
    ``hidden``: the robots' credentials, taken out of what a server said."""
    from tracker.delivery.channels.robot import redact

    return [
        f"#{r.id} to {terminal(addressee(r))} is uncertain "
        f"({terminal(redact(r.last_error or '', hidden))}). "
        "Check with the recipient, "
        f"then `tracker outbox retry {r.id}` to send it again "
        f"or `tracker outbox mark-sent {r.id}` if it arrived."
        for r in rows
        if r.status == "uncertain"
    ]


def outbox_table(rows: Sequence[QueuedMessage], timezone: str, hidden: Sequence[str] = ()) -> Table:
    """The outbox, one message a row; ``hidden``: the robots' credentials, taken out of what
    a server said (a message stored before they were hidden at the source)."""
    from tracker.delivery.channels.robot import redact

    zone = ZoneInfo(timezone)
    table = Table(title="Outbox", title_justify="left")
    for header in ("ID", "Status", "Job", "Period", "To", "Tries", "Next try / sent", "Reply"):
        table.add_column(header, no_wrap=header not in ("Reply", "To"))
    for r in rows:
        when = (
            r.sent_at if r.status == "sent" else r.next_attempt_at or r.claimed_at or r.created_at
        )
        note = r.server_reply if r.status == "sent" else r.last_error or ""
        if r.status == "sending":
            note = f"being sent by {r.claimed_by}"
        elif r.status == "uncertain":
            note = "may have arrived: needs a decision (see below)"
        style = STATUS_STYLE.get(r.status, "")
        job = r.job + (f" · {r.part}" if r.part else "")
        table.add_row(
            str(r.id),
            f"[{style}]{shown(r.status)}[/]",
            shown(job),
            shown(r.period_key),
            shown(addressee(r)),
            str(r.attempts),
            _at(when, zone),
            shown(redact(note or "", hidden)),
        )
    return table

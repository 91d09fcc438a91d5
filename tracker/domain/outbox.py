"""A message in the outbox as people see it: where it stands, and what happened to it.

Each message goes to one recipient by one channel (email, or a WeCom or DingTalk group robot),
at most once per job, period, part, channel and recipient.

pending ──claim──▶ sending ──250 to DATA──▶ sent; a transient error before the final dot puts it
back to pending (with a time to try again), a permanent one or the last attempt makes it failed.
No answer after the final dot (the connection dropped, the reply timed out), or a sender that
stopped in the middle, makes it uncertain: the server may have it, so only a person resends it
(for a robot: no answer once the request was sent is the same)
(``tracker outbox retry ID``) or records it as arrived (``tracker outbox mark-sent ID``).
"""

from dataclasses import dataclass
from datetime import datetime

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
UNCERTAIN = "uncertain"
NEEDS_A_PERSON = (FAILED, UNCERTAIN)


@dataclass(frozen=True)
class QueuedMessage:
    """One message to one recipient, without its bytes. Times are aware, in UTC."""

    id: int
    job: str
    period_key: str  # "2020-07", "2020-W29", "2020-07-15"
    part: str  # e.g. the owner of a reminder; "" when the job sends one message per recipient
    recipient: str  # email: the bare address, lower case; a robot: its channel's name
    subject: str
    message_id: str  # the Message-ID header, <...@...>
    status: str  # PENDING, SENDING, SENT, FAILED or UNCERTAIN
    attempts: int  # claims so far; a claim is known by its number (compare-and-set)
    created_at: datetime
    claimed_by: str | None
    claimed_at: datetime | None
    next_attempt_at: datetime | None
    sent_at: datetime | None
    last_error: str | None
    server_reply: str | None
    channel: str = "email"  # email, wecom or dingtalk (see tracker/configuration/channels.py)


@dataclass(frozen=True)
class LastRun:
    """A job's latest run (or missed run): its outcome (ok, partial, failed, missed, running),
    the period it covered, when it finished (or began; aware, UTC) and what it said."""

    outcome: str
    period_key: str
    at: datetime | None
    detail: str


@dataclass(frozen=True)
class JobRuns:
    """What the record of runs says of each job, by name: its latest run, and how many runs
    were missed since its last successful one."""

    last: dict[str, LastRun]
    missed: dict[str, int]

"""A message in the outbox as people see it: where it stands, and what happened to it.

pending ──claim──▶ sending ──accepted──▶ sent; a transient error puts it back to pending (with a
time to try again), a permanent one or the last attempt makes it failed.
"""

from dataclasses import dataclass
from datetime import datetime

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"


@dataclass(frozen=True)
class QueuedMessage:
    """One message to one recipient, without its bytes. Times are aware, in UTC."""

    id: int
    job: str
    period_key: str  # "2020-07", "2020-W29", "2020-07-15"
    part: str  # e.g. the owner of a reminder; "" when the job sends one message per recipient
    recipient: str  # the bare address, lower case
    subject: str
    message_id: str  # the Message-ID header, <...@...>
    status: str  # PENDING, SENDING, SENT or FAILED
    attempts: int
    created_at: datetime
    claimed_by: str | None
    claimed_at: datetime | None
    next_attempt_at: datetime | None
    sent_at: datetime | None
    last_error: str | None
    server_reply: str | None

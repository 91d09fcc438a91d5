"""The outbox's messages and the rules of their retries (pure); ``tracker.app.outbox`` keeps
them in the database and hands each to its channel.

pending ──claim──▶ sending ──250 to DATA──▶ sent   (whatever the server says to QUIT)
   ▲                  │ ├─ error before the final dot, transient, attempts left ─▶ pending
   │                  │ ├─ error before the final dot, permanent or the last try ─▶ failed
   │                  │ └─ no answer after the final dot ─────────────────────────▶ uncertain
   │                  └─ its sender gone (claimed longer ago than ``abandoned_after``) ─▶ uncertain
   └── ``tracker outbox retry`` (failed, pending; ``retry ID`` also an uncertain one)

An ``uncertain`` message may have reached its recipient: nothing resends it by itself, nor a bare
``tracker outbox retry``; a person checks and runs ``tracker outbox retry ID`` (send it again) or
``tracker outbox mark-sent ID``. A sender records its outcome by compare-and-set on the state
and the attempt number it claimed: once a person has taken the message over, it changes nothing.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from tracker.configuration.channels import EMAIL
from tracker.configuration.smtp import SmtpSettings

MAX_DELAY = timedelta(hours=6)
MAX_ID = 2**63 - 1  # ids are 64-bit integers on every backend


@dataclass(frozen=True)
class OutgoingMessage:
    """One message to queue: to ``recipient`` (an address, or a robot channel's name) by
    ``channel`` (email, wecom, dingtalk); ``message`` is what that channel sends (an email's
    bytes, a robot's JSON body)."""

    job: str
    period_key: str
    part: str
    recipient: str
    subject: str
    message_id: str
    message: bytes
    channel: str = EMAIL


@dataclass
class Delivered:
    """What one round of sending did, in messages."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0
    uncertain: int = 0  # no answer after the final dot: a person decides
    taken: int = 0  # claimed by another process first
    overtaken: int = 0  # a person took the message over while it was being sent
    errors: list[str] = field(default_factory=list)


def retry_delay(settings: SmtpSettings, attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed attempt: doubling, capped at MAX_DELAY."""
    doublings = min(max(attempts - 1, 0), 32)  # beyond that the cap holds anyway
    return min(timedelta(seconds=settings.retry_seconds * 2**doublings), MAX_DELAY)


def abandoned_after(settings: SmtpSettings) -> timedelta:
    """How long a claim may go unanswered before its sender counts as gone: well beyond the
    longest conversation (each of its steps waits at most ``timeout`` seconds)."""
    return max(timedelta(minutes=10), timedelta(seconds=20 * settings.timeout))

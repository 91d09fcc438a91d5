"""The outbox: every message is committed here before the SMTP conversation starts.

pending ──claim──▶ sending ──accepted──▶ sent
   ▲                  │
   └─ transient error (backoff, up to max_attempts) ─┘   permanent error / limit ──▶ failed

A message left ``sending`` (the process died between claiming and the server's answer) is not
sent again by itself: a person decides with ``tracker outbox retry ID`` or ``mark-sent ID``.
"""

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from email.utils import parseaddr

from sqlalchemy import Engine

from tracker.configuration.smtp import SmtpSettings
from tracker.domain.errors import Conflict, NotFound
from tracker.domain.outbox import QueuedMessage
from tracker.store import outbox as q
from tracker.store.db import read_session, write_session

Clock = Callable[[], datetime]
MAX_DELAY = timedelta(hours=6)


@dataclass(frozen=True)
class OutgoingMessage:
    job: str
    period_key: str
    part: str
    recipient: str
    subject: str
    message_id: str
    message: bytes


@dataclass
class Delivered:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    taken: int = 0  # claimed by another process first
    errors: list[str] = field(default_factory=list)


def queue(engine: Engine, messages: Sequence[OutgoingMessage], *, now: datetime) -> int:
    """Commit the messages to the outbox; those queued before (same key) are kept as they are.
    Returns how many are new."""
    rows = [{**asdict(m), "status": q.PENDING, "created_at": now} for m in messages]
    with write_session(engine) as session:
        return q.queue_messages(session=session, rows=rows)


def retry_delay(settings: SmtpSettings, attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed attempt: doubling, capped."""
    doublings = min(max(attempts - 1, 0), 32)  # beyond that the cap holds anyway
    return min(timedelta(seconds=settings.retry_seconds * 2**doublings), MAX_DELAY)


def deliver_due(
    engine: Engine,
    settings: SmtpSettings,
    *,
    clock: Clock,
    by: str,
    job: str | None = None,
    period_key: str | None = None,
) -> Delivered:
    """Send every pending message whose time has come (of one job and period, or all)."""
    from tracker.delivery.smtp import DeliveryError, send_bytes

    done = Delivered()
    with read_session(engine) as session:
        ids = q.due_message_ids(session=session, now=clock(), job=job, period_key=period_key)
    for id in ids:
        with write_session(engine) as session:
            row = q.claim_message(session=session, id=id, by=by, now=clock())
        if row is None:
            done.taken += 1
            continue
        try:
            accepted = send_bytes(
                settings,
                row.message,
                sender=settings.sender_address,
                recipients=[parseaddr(row.recipient)[1]],
            )
        except DeliveryError as error:
            retry_at = None
            if error.transient and row.attempts < settings.max_attempts:
                retry_at = clock() + retry_delay(settings, row.attempts)
            with write_session(engine) as session:
                q.record_failure(session=session, id=id, error=str(error), retry_at=retry_at)
            if retry_at is None:
                done.failed += 1
            else:
                done.retrying += 1
            done.errors.append(f"#{id} {row.recipient}: {error}")
            continue
        with write_session(engine) as session:
            q.record_sent(session=session, id=id, now=clock(), reply=accepted.reply)
        done.sent += 1
    return done


def messages(engine: Engine, *, failed_only: bool = False) -> list[QueuedMessage]:
    """The outbox, oldest first; ``failed_only``: those that need a person (failed, sending)."""
    statuses = (q.FAILED, q.SENDING) if failed_only else None
    with read_session(engine) as session:
        return q.queued_messages(session=session, statuses=statuses)


def requeue(engine: Engine, ids: Sequence[int] = ()) -> list[int]:
    """Make messages due now. Without ids: every failed or waiting one. A message left
    ``sending`` is requeued only when named, since the server may have accepted it already."""
    with write_session(engine) as session:
        if not ids:
            stuck = (q.FAILED, q.PENDING)
            rows = q.outbox_messages(session=session, statuses=stuck)
            return q.requeue(session=session, ids=[r.id for r in rows if r.id], statuses=stuck)
        for id in ids:
            row = q.message(session=session, id=id)
            if row is None:
                raise NotFound(f"no message #{id} in the outbox; `tracker outbox` lists them")
            if row.status not in (q.FAILED, q.SENDING, q.PENDING):
                raise Conflict(f"message #{id} is sent; only unsent ones can be retried")
        return q.requeue(session=session, ids=ids, statuses=(q.FAILED, q.SENDING, q.PENDING))


def mark_sent(engine: Engine, id: int, *, now: datetime, by: str) -> None:
    """Record that a message reached its recipient after all (e.g. one left ``sending``)."""
    with write_session(engine) as session:
        row = q.message(session=session, id=id)
        if row is None:
            raise NotFound(f"no message #{id} in the outbox; `tracker outbox` lists them")
        if not q.mark_sent_by_hand(session=session, id=id, now=now, by=by):
            raise Conflict(f"message #{id} is sent already")

"""The outbox's use cases: every message is committed here before it is handed to its
channel (the SMTP conversation, a robot's webhook: ``tracker.delivery.channels``); the states
and the rules of retries are in ``tracker.delivery.outbox``.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from datetime import datetime
from typing import TYPE_CHECKING

from tracker.app.database import Database
from tracker.configuration.channels import EMAIL, ChannelSpec
from tracker.configuration.smtp import SmtpSettings
from tracker.delivery.outbox import (
    MAX_ID,
    Delivered,
    OutgoingMessage,
    abandoned_after,
    retry_delay,
)
from tracker.domain.errors import Conflict, NotFound
from tracker.domain.outbox import NEEDS_A_PERSON, QueuedMessage
from tracker.store import outbox as q

if TYPE_CHECKING:
    from tracker.delivery.channels.base import DeliveryError

Clock = Callable[[], datetime]


def queue(db: Database, messages: Sequence[OutgoingMessage], *, now: datetime) -> int:
    """Commit the messages to the outbox; those queued before (same key) are kept as they are.
    Returns how many are new."""
    rows = [{**asdict(m), "status": q.PENDING, "created_at": now} for m in messages]
    with db.writing() as session:
        return q.queue_messages(session=session, rows=rows)


def settle_abandoned(db: Database, settings: SmtpSettings, *, now: datetime) -> list[int]:
    """Claims older than ``abandoned_after`` become ``uncertain``: their sender stopped
    between handing the message over and hearing back. Returns their ids."""
    bound = abandoned_after(settings)
    with db.writing() as session:
        return q.settle_abandoned(
            session=session,
            claimed_before=now - bound,
            reason=f"gave no outcome within {bound}: the server may have the message",
        )


def deliver_due(
    db: Database,
    settings: SmtpSettings,
    *,
    clock: Clock,
    by: str,
    job: str | None = None,
    period_key: str | None = None,
    due_by: Clock | None = None,
    channels: Mapping[str, ChannelSpec] | None = None,
) -> Delivered:
    """Send every pending message whose time has come (of one job and period, or all): by
    ``due_by`` when given (a scheduler that saw the clock stepped back), else by ``clock``.
    Each outcome is recorded by compare-and-set on the claim (see the module's docstring).
    ``channels``: the robots of recipients.toml; without them only email is sent (a robot's
    message waits for a caller that has them)."""
    from tracker.delivery.channels import channel_for
    from tracker.delivery.channels.base import DeliveryError

    done = Delivered()
    settle_abandoned(db, settings, now=clock())
    with db.reading() as session:
        ids = q.due_message_ids(
            session=session,
            now=(due_by or clock)(),
            job=job,
            period_key=period_key,
            channel=EMAIL if channels is None else None,
        )
    for id in ids:
        with db.writing() as session:
            row = q.claim_message(session=session, id=id, by=by, now=clock())
        if row is None:
            done.taken += 1
            continue
        attempt, recipient = row.attempts, row.recipient
        hidden = _credentials(channels, recipient) if row.channel != EMAIL else ()
        try:
            channel = channel_for(row.channel, recipient, smtp=settings, channels=channels or {})
            accepted = channel.send(row.message)
        except DeliveryError as failure:
            error = _redacted(failure, hidden)
            with db.writing() as session:
                if error.uncertain:
                    kept = q.record_uncertain(
                        session=session, id=id, attempt=attempt, error=str(error)
                    )
                    done.uncertain += kept
                else:
                    retry_at = None
                    if error.transient and attempt < settings.max_attempts:
                        retry_at = clock() + retry_delay(settings, attempt)
                    kept = q.record_failure(
                        session=session, id=id, attempt=attempt, error=str(error), retry_at=retry_at
                    )
                    if kept and retry_at is None:
                        done.failed += 1
                    elif kept:
                        done.retrying += 1
            done.overtaken += not kept
            decide = (
                f"; check with the recipient, then `tracker outbox retry {id}` sends it again, "
                f"`tracker outbox mark-sent {id}` records it arrived"
            )
            done.errors.append(f"#{id} {recipient}: {error}{decide if error.uncertain else ''}")
            continue
        with db.writing() as session:
            kept = q.record_sent(
                session=session,
                id=id,
                attempt=attempt,
                now=clock(),
                reply=redact(accepted.reply, hidden),
            )
        done.sent += 1
        done.overtaken += not kept
    return done


def _credentials(channels: Mapping[str, ChannelSpec] | None, name: str) -> tuple[str, ...]:
    """What no stored text about the robot channel ``name`` may show (``robot.credentials``)."""
    from tracker.delivery.channels.robot import credentials

    spec = (channels or {}).get(name)
    return credentials(spec) if spec is not None else ()


def _redacted(error: "DeliveryError", hidden: Sequence[str]) -> "DeliveryError":
    """``error`` with the channel's secrets taken out of its text, as it is stored."""
    from tracker.delivery.channels.base import DeliveryError

    return DeliveryError(
        redact(str(error), hidden),
        transient=error.transient,
        reply=redact(error.reply, hidden),
        uncertain=error.uncertain,
    )


def redact(text: str, hidden: Sequence[str]) -> str:
    """``text`` without ``hidden`` (a robot's key, token, signature or secret)."""
    from tracker.delivery.channels.robot import redact as hide

    return hide(text, hidden)


def messages(db: Database, *, failed_only: bool = False) -> list[QueuedMessage]:
    """The outbox, oldest first; ``failed_only``: those that need a person (failed, uncertain),
    never one being sent."""
    statuses = NEEDS_A_PERSON if failed_only else None
    with db.reading() as session:
        return q.queued_messages(session=session, statuses=statuses)


def requeue(
    db: Database, ids: Sequence[int] = (), *, settings: SmtpSettings, now: datetime
) -> list[int]:
    """Make messages due now; returns the ids requeued. Without ids: every failed or waiting
    one, never an ``uncertain`` one (it may have arrived). Named ids may also be uncertain.
    Raises NotFound for an unknown id, Conflict for one sent or being sent (nothing changes)."""
    settle_abandoned(db, settings, now=now)
    with db.writing() as session:
        if not ids:
            stuck = (q.FAILED, q.PENDING)
            rows = q.outbox_messages(session=session, statuses=stuck)
            return q.requeue(session=session, ids=[r.id for r in rows if r.id], statuses=stuck)
        for id in ids:
            row = q.message(session=session, id=id) if 0 < id <= MAX_ID else None
            if row is None:
                raise NotFound(f"no message #{id} in the outbox; `tracker outbox` lists them")
            if row.status == q.SENT:
                raise Conflict(f"message #{id} is sent; only unsent ones can be retried")
            if row.status == q.SENDING:
                raise Conflict(
                    f"message #{id} is being sent by {row.claimed_by}; wait for its outcome "
                    "(`tracker outbox` shows it)"
                )
        return q.requeue(session=session, ids=ids, statuses=(q.FAILED, q.UNCERTAIN, q.PENDING))


def mark_sent(db: Database, id: int, *, now: datetime, by: str) -> None:
    """Record that a message reached its recipient after all (e.g. an ``uncertain`` one).
    Raises NotFound for an unknown id, Conflict for one sent already."""
    with db.writing() as session:
        row = q.message(session=session, id=id) if 0 < id <= MAX_ID else None
        if row is None:
            raise NotFound(f"no message #{id} in the outbox; `tracker outbox` lists them")
        if not q.mark_sent_by_hand(session=session, id=id, now=now, by=by):
            raise Conflict(f"message #{id} is sent already")

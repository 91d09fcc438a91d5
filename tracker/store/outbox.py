"""Scheduled delivery's records: the outbox (read as the domain's ``QueuedMessage``), the runs
of each job and each job's mark.

Claiming is a conditional UPDATE (``... WHERE status = 'pending'``) and queuing is an INSERT
that the UNIQUE key turns into a no-op for a message already queued: both hold when several
processes race, without reading first. Every later change of a claimed message is a
compare-and-set on its state and its attempt number (``... WHERE status = 'sending' AND
attempts = N``): a sender whose claim was taken over (requeued, marked sent) changes nothing.
"""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, or_, update
from sqlmodel import Session, col, select

from tracker.domain.outbox import FAILED as FAILED
from tracker.domain.outbox import PENDING as PENDING
from tracker.domain.outbox import SENDING as SENDING
from tracker.domain.outbox import SENT as SENT
from tracker.domain.outbox import UNCERTAIN as UNCERTAIN
from tracker.domain.outbox import QueuedMessage
from tracker.store.capabilities import capabilities
from tracker.store.tables import JobMarkRow, JobRunRow
from tracker.store.tables import OutboxRow as OutboxRow


def as_utc(moment: datetime | None) -> datetime | None:
    """A stored time as an aware UTC datetime (SQLite hands them back without a zone)."""
    return None if moment is None else _aware(moment)


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _utc(moment: datetime) -> datetime:
    """Times are stored in UTC (SQLite keeps no zone: a Shanghai time would read back wrong)."""
    return moment.astimezone(UTC)


def queue_messages(*, session: Session, rows: Sequence[dict[str, Any]]) -> int:
    """Insert the messages; those already queued for the same key are left alone.
    Returns how many were new."""
    if not rows:
        return 0
    insert = capabilities(session.get_bind()).insert(OutboxRow)
    statement = insert.values(list(rows)).on_conflict_do_nothing().returning(col(OutboxRow.id))
    return len(session.exec(statement).all())


def due_message_ids(
    *,
    session: Session,
    now: datetime,
    job: str | None = None,
    period_key: str | None = None,
    channel: str | None = None,
) -> list[int]:
    """Pending messages whose time has come, oldest first (of one job, period, channel)."""
    query = select(OutboxRow.id).where(
        OutboxRow.status == PENDING,
        or_(col(OutboxRow.next_attempt_at).is_(None), col(OutboxRow.next_attempt_at) <= now),
    )
    if job is not None:
        query = query.where(OutboxRow.job == job)
    if period_key is not None:
        query = query.where(OutboxRow.period_key == period_key)
    if channel is not None:
        query = query.where(OutboxRow.channel == channel)
    return [i for i in session.exec(query.order_by(col(OutboxRow.id))).all() if i is not None]


def claim_message(*, session: Session, id: int, by: str, now: datetime) -> OutboxRow | None:
    """Mark a pending message as being sent by ``by``; None when another process has it."""
    claimed = session.exec(
        update(OutboxRow)
        .where(col(OutboxRow.id) == id, col(OutboxRow.status) == PENDING)
        .values(status=SENDING, claimed_by=by, claimed_at=now, attempts=OutboxRow.attempts + 1)
    )
    if claimed.rowcount != 1:
        return None
    return session.get(OutboxRow, id)


def _claimed(id: int, attempt: int) -> Any:
    """The UPDATE of one claim: only while the message is still ``sending`` on that attempt."""
    return update(OutboxRow).where(
        col(OutboxRow.id) == id,
        col(OutboxRow.status) == SENDING,
        col(OutboxRow.attempts) == attempt,
    )


def record_sent(*, session: Session, id: int, attempt: int, now: datetime, reply: str) -> bool:
    """The server took the message on claim ``attempt``; False when the claim is no longer
    this sender's (nothing is changed then)."""
    result = session.exec(
        _claimed(id, attempt).values(
            status=SENT, sent_at=now, server_reply=reply[:2000], last_error=None
        )
    )
    return bool(result.rowcount == 1)


def record_failure(
    *, session: Session, id: int, attempt: int, error: str, retry_at: datetime | None
) -> bool:
    """Back to pending until ``retry_at``, or failed for good when there is no retry; False
    (nothing changed) when the claim is no longer this sender's."""
    values: dict[str, Any] = {"last_error": error[:2000], "next_attempt_at": retry_at}
    values["status"] = PENDING if retry_at is not None else FAILED
    result = session.exec(_claimed(id, attempt).values(**values))
    return bool(result.rowcount == 1)


def record_uncertain(*, session: Session, id: int, attempt: int, error: str) -> bool:
    """The server may have the message (no answer after the final dot): a person decides.
    False (nothing changed) when the claim is no longer this sender's."""
    result = session.exec(_claimed(id, attempt).values(status=UNCERTAIN, last_error=error[:2000]))
    return bool(result.rowcount == 1)


def settle_abandoned(*, session: Session, claimed_before: datetime, reason: str) -> list[int]:
    """Claims older than ``claimed_before`` (or without a time) whose sender never answered
    become ``uncertain``, each by compare-and-set on its attempt. Returns their ids."""
    stale = select(OutboxRow.id, OutboxRow.attempts, OutboxRow.claimed_by).where(
        OutboxRow.status == SENDING,
        or_(col(OutboxRow.claimed_at).is_(None), col(OutboxRow.claimed_at) < claimed_before),
    )
    settled = []
    for id, attempt, by in session.exec(stale).all():
        assert id is not None
        why = f"{by or 'its sender'} {reason}"
        if record_uncertain(session=session, id=id, attempt=attempt, error=why):
            settled.append(id)
    return settled


def outbox_messages(*, session: Session, statuses: Sequence[str] | None = None) -> list[OutboxRow]:
    query = select(OutboxRow)
    if statuses is not None:
        query = query.where(col(OutboxRow.status).in_(statuses))
    return list(session.exec(query.order_by(col(OutboxRow.id))).all())


def queued_messages(
    *, session: Session, statuses: Sequence[str] | None = None
) -> list[QueuedMessage]:
    """``outbox_messages`` as plain records, oldest first."""
    return [queued_message(row) for row in outbox_messages(session=session, statuses=statuses)]


def queued_message(row: OutboxRow) -> QueuedMessage:
    """The row as a plain record, its times aware in UTC."""
    assert row.id is not None
    return QueuedMessage(
        id=row.id,
        job=row.job,
        period_key=row.period_key,
        part=row.part,
        recipient=row.recipient,
        channel=row.channel,
        subject=row.subject,
        message_id=row.message_id,
        status=row.status,
        attempts=row.attempts,
        created_at=_aware(row.created_at),
        claimed_by=row.claimed_by,
        claimed_at=as_utc(row.claimed_at),
        next_attempt_at=as_utc(row.next_attempt_at),
        sent_at=as_utc(row.sent_at),
        last_error=row.last_error,
        server_reply=row.server_reply,
    )


def message(*, session: Session, id: int) -> OutboxRow | None:
    return session.get(OutboxRow, id)


def requeue(*, session: Session, ids: Sequence[int], statuses: Sequence[str]) -> list[int]:
    """Make the messages pending again (due now) if they are in one of ``statuses``; the
    attempt number goes on counting, so that an old claim cannot match a new one."""
    done = []
    for id in ids:
        result = session.exec(
            update(OutboxRow)
            .where(col(OutboxRow.id) == id, col(OutboxRow.status).in_(statuses))
            .values(status=PENDING, next_attempt_at=None)
        )
        if result.rowcount == 1:
            done.append(id)
    return done


def mark_sent_by_hand(*, session: Session, id: int, now: datetime, by: str) -> bool:
    result = session.exec(
        update(OutboxRow)
        .where(col(OutboxRow.id) == id, col(OutboxRow.status) != SENT)
        .values(status=SENT, sent_at=now, server_reply=f"marked sent by {by}")
    )
    return bool(result.rowcount == 1)


def count_by_status(*, session: Session, job: str, period_key: str) -> dict[str, int]:
    query = (
        select(OutboxRow.status, func.count())
        .where(OutboxRow.job == job, OutboxRow.period_key == period_key)
        .group_by(col(OutboxRow.status))
    )
    return dict(session.exec(query).all())


def start_run(
    *,
    session: Session,
    job: str,
    period_key: str,
    trigger: str,
    now: datetime,
    scheduled_for: datetime | None = None,
) -> int:
    row = JobRunRow(
        job=job,
        period_key=period_key,
        trigger=trigger,
        outcome="running",
        started_at=now,
        scheduled_for=scheduled_for and _utc(scheduled_for),
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


def finish_run(
    *, session: Session, id: int, outcome: str, detail: str, queued: int, sent: int, now: datetime
) -> None:
    session.exec(
        update(JobRunRow)
        .where(col(JobRunRow.id) == id)
        .values(outcome=outcome, detail=detail[:2000], queued=queued, sent=sent, finished_at=now)
    )


def record_missed(
    *, session: Session, job: str, period_key: str, scheduled_for: datetime, now: datetime
) -> None:
    late, scheduled_for = now - scheduled_for, _utc(scheduled_for)
    session.add(
        JobRunRow(
            job=job,
            period_key=period_key,
            trigger="schedule",
            outcome="missed",
            detail=f"missed by {late}: beyond the misfire grace time; run it with "
            f"`tracker schedule run {job}`",
            scheduled_for=scheduled_for,
            started_at=now,
            finished_at=now,
        )
    )


def last_runs(*, session: Session) -> dict[str, JobRunRow]:
    """The latest run (or missed run) of every job."""
    latest = select(JobRunRow.job, func.max(JobRunRow.id).label("id")).group_by(col(JobRunRow.job))
    ids = [row_id for _, row_id in session.exec(latest).all()]
    rows = session.exec(select(JobRunRow).where(col(JobRunRow.id).in_(ids))).all()
    return {row.job: row for row in rows}


def missed_runs(*, session: Session, job: str, since: datetime | None = None) -> list[JobRunRow]:
    query = select(JobRunRow).where(JobRunRow.job == job, JobRunRow.outcome == "missed")
    if since is not None:
        query = query.where(col(JobRunRow.started_at) >= since)
    return list(session.exec(query.order_by(col(JobRunRow.id))).all())


def job_mark(*, session: Session, job: str) -> datetime | None:
    row = session.get(JobMarkRow, job)
    return as_utc(row.checked_until) if row else None


def set_job_mark(*, session: Session, job: str, checked_until: datetime) -> None:
    """Move the mark forward (never back)."""
    checked_until = _utc(checked_until)
    row = session.get(JobMarkRow, job)
    if row is None:
        session.add(JobMarkRow(job=job, checked_until=checked_until))
    elif (as_utc(row.checked_until) or checked_until) < checked_until:
        row.checked_until = checked_until
        session.add(row)
    session.flush()


def queued_keys(*, session: Session, job: str, period_key: str) -> set[tuple[str, str]]:
    """(part, recipient) of every email of the job's period already in the outbox."""
    return {
        (part, recipient)
        for part, channel, recipient in queued_channel_keys(
            session=session, job=job, period_key=period_key
        )
        if channel == "email"
    }


def queued_channel_keys(
    *, session: Session, job: str, period_key: str
) -> set[tuple[str, str, str]]:
    """(part, channel, recipient) of every message of the job's period already in the outbox."""
    query = select(OutboxRow.part, OutboxRow.channel, OutboxRow.recipient).where(
        OutboxRow.job == job, OutboxRow.period_key == period_key
    )
    return {(part, channel, recipient) for part, channel, recipient in session.exec(query).all()}


def last_success(*, session: Session, job: str) -> datetime | None:
    """When the job last finished a run that was not missed or failed."""
    query = select(func.max(JobRunRow.started_at)).where(
        JobRunRow.job == job, col(JobRunRow.outcome).in_(("ok", "partial"))
    )
    return as_utc(session.exec(query).one())

from datetime import UTC, datetime, timedelta
from email.parser import BytesParser
from email.policy import strict
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.delivery.content import report_content
from tests.delivery.mailserver import PASSWORD, mail_server, settings_for, silent_server
from tests.helpers import snapshot
from tracker.app.database import Database
from tracker.app.outbox import deliver_due, mark_sent, messages, queue, requeue
from tracker.configuration.smtp import SmtpSettings
from tracker.delivery.message import as_bytes, build_message, list_id, message_id
from tracker.delivery.outbox import OutgoingMessage, abandoned_after
from tracker.domain.errors import Conflict, NotFound
from tracker.store import outbox as q
from tracker.store.db import read_session, write_session

T0 = datetime(2020, 7, 15, 1, 0, tzinfo=UTC)
SETTINGS = SmtpSettings()
RECIPIENTS = ["区领导 <leader@example.gov.cn>", "office@example.gov.cn"]


def outgoing(recipient: str, period_key: str = "2020-07") -> OutgoingMessage:
    mid = message_id(job="monthly-report", period_key=period_key, domain="example.gov.cn")
    content = report_content()
    built = build_message(
        content,
        sender="stats@example.gov.cn",
        to=recipient,
        message_id=mid,
        list_id=list_id("monthly-report", "example.gov.cn"),
        date=T0,
    )
    return OutgoingMessage(
        "monthly-report", period_key, "", recipient, content.subject, mid, as_bytes(built)
    )


def at(moment: datetime):
    return lambda: moment


def test_queuing_the_same_messages_twice_keeps_one_each(store: Engine) -> None:
    assert queue(Database(store), [outgoing(r) for r in RECIPIENTS], now=T0) == 2
    assert queue(Database(store), [outgoing(r) for r in RECIPIENTS], now=T0) == 0
    assert queue(Database(store), [outgoing(RECIPIENTS[0], "2020-08")], now=T0) == 1
    assert [(m.recipient, m.period_key, m.status) for m in messages(Database(store))] == [
        (RECIPIENTS[0], "2020-07", "pending"),
        (RECIPIENTS[1], "2020-07", "pending"),
        (RECIPIENTS[0], "2020-08", "pending"),
    ]


def test_it_delivers_each_message_once_and_keeps_the_reply(store: Engine, tmp_path: Path) -> None:
    queue(Database(store), [outgoing(r) for r in RECIPIENTS], now=T0)
    with mail_server(tmp_path) as server:
        settings = settings_for(server)
        first = deliver_due(Database(store), settings, clock=at(T0), by="test")
        again = deliver_due(Database(store), settings, clock=at(T0 + timedelta(hours=1)), by="test")
    assert (first.sent, again.sent) == (2, 0)
    assert sorted(r for m in server.received for r in m.recipients) == [
        "leader@example.gov.cn",
        "office@example.gov.cn",
    ]
    rows = messages(Database(store))
    assert {m.status for m in rows} == {"sent"}
    assert rows[0].server_reply.startswith("250 2.0.0 Ok: queued as Q")
    assert server.received[0].message["Message-ID"] == rows[0].message_id


def test_a_message_keeps_its_id_across_attempts_and_is_dated_when_handed_over(
    store: Engine, tmp_path: Path
) -> None:
    queue(Database(store), [outgoing(RECIPIENTS[1])], now=T0)  # built and dated on 15 July 2020
    with mail_server(tmp_path) as server:
        server.inbox.after_data = "drop"  # stored, then the connection is cut: uncertain
        settings = settings_for(server)
        assert deliver_due(Database(store), settings, clock=at(T0), by="test").uncertain == 1
        [row] = messages(Database(store))
        requeue(Database(store), [row.id], settings=settings, now=T0 + timedelta(days=1))
        server.inbox.after_data = ""
        before = datetime.now(UTC).replace(microsecond=0)
        later = deliver_due(Database(store), settings, clock=at(T0 + timedelta(days=1)), by="test")
    assert later.sent == 1
    copies = [BytesParser(policy=strict).parsebytes(r.data) for r in server.received]
    assert [c["Message-ID"] for c in copies] == [row.message_id, row.message_id]
    assert copies[1]["Date"].datetime >= before  # the moment it went, not the queue's
    with read_session(store) as session:
        stored = q.message(session=session, id=row.id)
        assert stored is not None
        kept = BytesParser(policy=strict).parsebytes(stored.message)
    assert kept["Date"].datetime == T0  # the outbox keeps the message as built


def test_a_deferral_is_retried_after_the_backoff(store: Engine, tmp_path: Path) -> None:
    queue(Database(store), [outgoing(RECIPIENTS[1])], now=T0)
    with mail_server(tmp_path) as server:
        server.inbox.replies.append("451 4.3.0 Mailbox busy, try later")
        settings = settings_for(server, retry_seconds=60)
        first = deliver_due(Database(store), settings, clock=at(T0), by="test")
        [row] = messages(Database(store))
        assert (first.retrying, row.status, row.attempts) == (1, "pending", 1)
        assert q.as_utc(row.next_attempt_at) == T0 + timedelta(seconds=60)
        assert "451 4.3.0 Mailbox busy" in row.last_error
        too_early = deliver_due(
            Database(store), settings, clock=at(T0 + timedelta(seconds=59)), by="test"
        )
        on_time = deliver_due(
            Database(store), settings, clock=at(T0 + timedelta(seconds=60)), by="test"
        )
    assert (too_early.sent, on_time.sent) == (0, 1)
    assert len(server.received) == 1
    assert messages(Database(store))[0].status == "sent"


def test_a_permanent_refusal_fails_at_once_with_the_reply(store: Engine, tmp_path: Path) -> None:
    queue(Database(store), [outgoing(RECIPIENTS[1])], now=T0)
    with mail_server(tmp_path) as server:
        server.inbox.replies.append("550 5.1.1 No such user here")
        done = deliver_due(Database(store), settings_for(server), clock=at(T0), by="test")
        later = deliver_due(
            Database(store), settings_for(server), clock=at(T0 + timedelta(days=1)), by="test"
        )
    assert (done.failed, later.sent) == (1, 0)
    [row] = messages(Database(store), failed_only=True)
    assert (row.status, row.attempts) == ("failed", 1)
    assert "550 5.1.1 No such user here" in row.last_error


def test_a_server_that_times_out_is_retried_up_to_the_limit(store: Engine) -> None:
    queue(Database(store), [outgoing(RECIPIENTS[1])], now=T0)
    settings = SmtpSettings(host="127.0.0.1", timeout=0.2, max_attempts=3, retry_seconds=10)
    moments = []
    with silent_server() as port:
        settings = SmtpSettings(
            host="127.0.0.1", port=port, timeout=0.2, max_attempts=3, retry_seconds=10
        )
        now = T0
        for _ in range(3):
            deliver_due(Database(store), settings, clock=at(now), by="test")
            [row] = messages(Database(store))
            moments.append((row.status, row.attempts))
            now = q.as_utc(row.next_attempt_at) or now
    assert moments == [("pending", 1), ("pending", 2), ("failed", 3)]
    [row] = messages(Database(store), failed_only=True)
    assert row.last_error.startswith(f"timed out after 0.2 s talking to 127.0.0.1:{port}")


def test_a_claim_whose_sender_is_gone_becomes_uncertain_and_waits_for_a_person(
    store: Engine, tmp_path: Path
) -> None:
    queue(Database(store), [outgoing(r) for r in RECIPIENTS], now=T0)
    with write_session(store) as session:  # a process died after claiming it
        [first, _] = q.due_message_ids(session=session, now=T0)
        q.claim_message(session=session, id=first, by="pid 99 on gone", now=T0)
    with mail_server(tmp_path) as server:
        settings = settings_for(server)
        deliver_due(Database(store), settings, clock=at(T0), by="test")
        assert [m.recipients for m in server.received] == [["office@example.gov.cn"]]
        assert (
            messages(Database(store), failed_only=True) == []
        )  # in flight, as far as anyone knows
        later = T0 + abandoned_after(settings) + timedelta(seconds=1)
        deliver_due(Database(store), settings, clock=at(later), by="test")
        [row] = messages(Database(store), failed_only=True)
        assert (row.id, row.status) == (first, "uncertain")
        assert row.last_error.startswith("pid 99 on gone gave no outcome within 0:10:00")
        assert (
            requeue(Database(store), settings=settings, now=later) == []
        )  # "the failed ones": not it
        assert requeue(Database(store), [first], settings=settings, now=later) == [first]
        deliver_due(Database(store), settings, clock=at(later), by="test")
    assert len(server.received) == 2
    assert {m.status for m in messages(Database(store))} == {"sent"}


def test_a_message_being_sent_cannot_be_retried(store: Engine) -> None:
    queue(Database(store), [outgoing(RECIPIENTS[0])], now=T0)
    with write_session(store) as session:
        [id] = q.due_message_ids(session=session, now=T0)
        q.claim_message(session=session, id=id, by="pid 7 on here", now=T0)
    before = snapshot(store)
    with pytest.raises(Conflict, match=f"message #{id} is being sent by pid 7 on here; wait"):
        requeue(Database(store), [id], settings=SmtpSettings(), now=T0)
    assert snapshot(store) == before


@pytest.mark.parametrize("outcome", ["sent", "failure", "uncertain"])
def test_a_sender_whose_claim_was_taken_over_changes_nothing(store: Engine, outcome) -> None:
    queue(Database(store), [outgoing(RECIPIENTS[0])], now=T0)
    with write_session(store) as session:
        [id] = q.due_message_ids(session=session, now=T0)
        stale = q.claim_message(session=session, id=id, by="old", now=T0)
        assert stale is not None
        q.record_uncertain(session=session, id=id, attempt=stale.attempts, error="no answer")
    requeue(Database(store), [id], settings=SmtpSettings(), now=T0)
    with write_session(store) as session:
        fresh = q.claim_message(session=session, id=id, by="new", now=T0)
        assert fresh is not None
        assert fresh.attempts == stale.attempts + 1
        q.record_sent(session=session, id=id, attempt=fresh.attempts, now=T0, reply="250 ok")
    before = snapshot(store)
    with write_session(store) as session:  # the first sender comes back with its outcome
        old = stale.attempts
        kept = {
            "sent": lambda: q.record_sent(session=session, id=id, attempt=old, now=T0, reply="x"),
            "failure": lambda: q.record_failure(
                session=session, id=id, attempt=old, error="late", retry_at=T0
            ),
            "uncertain": lambda: q.record_uncertain(
                session=session, id=id, attempt=old, error="late"
            ),
        }[outcome]()
    assert kept is False
    assert snapshot(store) == before


def test_marking_sent_by_hand(store: Engine) -> None:
    queue(Database(store), [outgoing(RECIPIENTS[0])], now=T0)
    [row] = messages(Database(store))
    mark_sent(Database(store), row.id, now=T0, by="clerk")
    [row] = messages(Database(store))
    assert (row.status, row.server_reply) == ("sent", "marked sent by clerk")


@pytest.mark.parametrize(
    ("action", "error", "text"),
    [
        (
            lambda e, id: requeue(Database(e), [id + 100], settings=SETTINGS, now=T0),
            NotFound,
            "no message",
        ),
        (lambda e, id: mark_sent(Database(e), id + 100, now=T0, by="x"), NotFound, "no message #"),
        (lambda e, id: mark_sent(Database(e), id, now=T0, by="x"), Conflict, "is sent already"),
        (
            lambda e, id: requeue(Database(e), [id], settings=SETTINGS, now=T0),
            Conflict,
            "is sent; only",
        ),
    ],
)
def test_refusals_change_nothing(store: Engine, action, error, text) -> None:
    queue(Database(store), [outgoing(RECIPIENTS[0])], now=T0)
    [row] = messages(Database(store))
    mark_sent(Database(store), row.id, now=T0, by="clerk")
    before = snapshot(store)
    with pytest.raises(error, match=text):
        action(store, row.id)
    assert snapshot(store) == before


def test_the_password_is_never_stored(store: Engine, tmp_path: Path) -> None:
    queue(Database(store), [outgoing(RECIPIENTS[0])], now=T0)
    with mail_server(tmp_path) as server:
        deliver_due(
            Database(store),
            settings_for(server, password="wrong-" + PASSWORD),
            clock=at(T0),
            by="t",
        )
    assert PASSWORD not in repr(snapshot(store))
    assert "authentication as 'stats' refused" in messages(Database(store))[0].last_error


def test_the_backoff_stays_capped_however_many_attempts() -> None:
    from tracker.delivery.outbox import MAX_DELAY, retry_delay

    settings = SmtpSettings(retry_seconds=60)
    assert retry_delay(settings, 1) == timedelta(seconds=60)
    assert retry_delay(settings, 3) == timedelta(seconds=240)
    assert retry_delay(settings, 1000) == MAX_DELAY

"""The outbox's channel column: messages queued before it went by email, and the unique key
now holds per channel (migration 3b8e6f1c2d47, on every backend)."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError

from tracker.store.migrate import upgrade

BEFORE = "3b8d5f1e7a62"  # the revision before the channel column
COLUMNS = "job, period_key, part, recipient, subject, message_id, message, status, attempts"
VALUES = ":job, '2020-07', '', :recipient, 's', '<m@x>', :message, 'sent', 1"


def insert(engine: Engine, recipient: str, channel: str | None = None) -> None:
    """One sent message, written as the revision in force writes it (without a channel
    before the migration)."""
    columns, values = f"{COLUMNS}, created_at", f"{VALUES}, :created"
    if channel is not None:
        columns, values = f"{columns}, channel", f"{values}, :channel"
    with engine.begin() as conn:
        conn.execute(
            text(f"INSERT INTO outbox ({columns}) VALUES ({values})"),
            {
                "job": "monthly-report",
                "recipient": recipient,
                "message": b"bytes",
                "created": datetime(2020, 7, 15, 1, tzinfo=UTC),
                "channel": channel,
            },
        )


def test_messages_queued_before_the_channel_column_went_by_email(engine: Engine) -> None:
    upgrade(engine, to=BEFORE)
    insert(engine, "leader@example.gov.cn")
    upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT recipient, channel, status FROM outbox")).all()
    assert rows == [("leader@example.gov.cn", "email", "sent")]


def test_the_unique_key_holds_per_channel_and_recipient(engine: Engine) -> None:
    upgrade(engine, to=BEFORE)
    insert(engine, "leaders")
    upgrade(engine)
    insert(engine, "leaders", "wecom")  # the same name by another channel: another message
    insert(engine, "leaders", "dingtalk")
    with pytest.raises(IntegrityError):
        insert(engine, "leaders", "wecom")


def test_the_channel_column_goes_on_downgrade_to_the_revision_before(engine: Engine) -> None:
    upgrade(engine)
    insert(engine, "leader@example.gov.cn", "email")
    from alembic import command

    from tracker.store.migrate import _config, migration_connection

    with migration_connection(engine) as conn:
        command.downgrade(_config(conn), BEFORE)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT recipient FROM outbox")).all() == [
            ("leader@example.gov.cn",)
        ]
    with pytest.raises(IntegrityError):
        insert(engine, "leader@example.gov.cn")

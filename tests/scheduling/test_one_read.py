"""A job run reads the database once, in one transaction, and makes every message from that
state: counted with SQLAlchemy's events, and proved with a write committed by another
connection while the run is reading."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from email import message_from_bytes, policy
from pathlib import Path

from sqlalchemy import Engine, event

from tests.scheduling.conftest import write_schedule
from tests.scheduling.test_runner import context
from tracker.app.database import Database
from tracker.app.figures import FigureInput, record_figure
from tracker.app.jobs import compose, read_state
from tracker.app.status import goal_statuses
from tracker.store.db import make_engine

AS_OF = date(2020, 7, 15)
NOW = datetime(2020, 7, 15, 1, 0, tzinfo=UTC)
OVERDUE_OWNERS = ["commerce", "development", "finance", "investment", "stats"]
REMINDER = '[jobs.reminder]\nkind = "reminder"\ncron = "0 9 10 * *"\nperiod = "month"\n'


@contextmanager
def counted(engine: Engine) -> Iterator[dict[str, int]]:
    """How many connections and transactions ``engine`` opens meanwhile."""
    counts = {"connections": 0, "transactions": 0}

    def connected(_connection: object) -> None:
        counts["connections"] += 1

    def began(_connection: object) -> None:
        counts["transactions"] += 1

    event.listen(engine, "engine_connect", connected)
    event.listen(engine, "begin", began)
    try:
        yield counts
    finally:
        event.remove(engine, "engine_connect", connected)
        event.remove(engine, "begin", began)


def test_a_reminder_to_five_owners_reads_the_database_once(
    reported: Engine, config_dir: Path, tmp_path: Path
) -> None:
    write_schedule(config_dir, REMINDER)
    ctx = context(reported, config_dir, tmp_path)
    spec = ctx.schedule.job("reminder")
    with counted(reported) as counts:
        state = read_state(ctx, spec, as_of=AS_OF, now=NOW)
        built = compose(ctx, spec, state, as_of=AS_OF, now=NOW, notes=[])
    assert sorted(m.part for m in built) == OVERDUE_OWNERS
    assert counts == {"connections": 1, "transactions": 1}


def test_a_write_while_a_run_reads_shows_in_none_of_its_messages(
    reported: Engine, database_url: str, config_dir: Path, tmp_path: Path
) -> None:
    write_schedule(config_dir, REMINDER)
    ctx = context(reported, config_dir, tmp_path)
    overdue = [
        (s.goal.indicator.key, str(s.overdue))
        for s in goal_statuses(Database(reported), as_of=AS_OF)
        if s.overdue is not None
    ]
    assert len({key for key, _ in overdue}) >= len(OVERDUE_OWNERS)
    other = make_engine(database_url)
    written: list[str] = []

    def write_once(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        """After the run's first query, another connection records every overdue figure and
        commits: a clerk typing them in while the reminders are being built."""
        if written or not statement.lstrip().upper().startswith("SELECT"):
            return
        for key, period in overdue:
            figure = FigureInput(key, period, "5", None, None, None, False)
            record_figure(
                Database(other), figure, by="clerk", now=datetime(2020, 7, 14, tzinfo=UTC)
            )
            written.append(key)

    event.listen(reported, "after_cursor_execute", write_once)
    spec = ctx.schedule.job("reminder")
    try:
        state = read_state(ctx, spec, as_of=AS_OF, now=NOW)
        built = compose(ctx, spec, state, as_of=AS_OF, now=NOW, notes=[])
    finally:
        event.remove(reported, "after_cursor_execute", write_once)
        other.dispose()
    assert written  # the figures went in while the run was reading
    assert not [
        s for s in goal_statuses(Database(reported), as_of=AS_OF) if s.overdue
    ]  # and are there
    # Every reminder the run built shows the state it began with: its owner's figure overdue.
    assert sorted(m.part for m in built) == OVERDUE_OWNERS
    for message in built:
        parsed = message_from_bytes(message.message, policy=policy.default)
        assert "逾期未报" in parsed["Subject"], message.part
        assert "逾期未报数据" in parsed.get_body(("plain",)).get_content(), message.part

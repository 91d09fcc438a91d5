import pytest
from sqlalchemy import Engine, text

from tracker.scheduling.lock import SchedulerRunning, holder_name, scheduler_lock


def test_a_second_holder_is_refused_with_the_first_ones_name(engine: Engine) -> None:
    with scheduler_lock(engine) as held:
        assert held.check()
        with pytest.raises(SchedulerRunning) as error, scheduler_lock(engine):
            pass
        assert holder_name()[:63] in str(error.value)
    with scheduler_lock(engine) as again:  # let go at the end of the block
        assert again.check()


def test_the_lock_knows_when_its_database_connection_is_gone(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite's lock is a file lock held as long as the process lives")
    with scheduler_lock(engine) as held:
        with engine.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE application_name = :name AND pid <> pg_backend_pid()"
                ),
                {"name": holder_name()[:63]},
            )
            conn.commit()
        assert not held.check()
    with scheduler_lock(engine) as again:
        assert again.check()

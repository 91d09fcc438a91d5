"""Reading the revision history of an indicator's figures."""

from sqlalchemy import Engine

from tracker.domain.model import Indicator
from tracker.domain.periods import Period
from tracker.entry.validate import Checker
from tracker.store import queries
from tracker.store.db import read_session
from tracker.store.tables import EntryRow


def revisions_of(
    engine: Engine, key: str, period: str | None = None
) -> tuple[Indicator, list[EntryRow]]:
    """The indicator named by ``key`` and every revision of its figures (of one period)."""
    with read_session(engine) as session:
        indicators = [i for _, i in queries.indicators(session=session)]
        indicator = Checker(indicators, ()).indicator(key)
        row = queries.indicator_row(session=session, key=indicator.key)
        assert row is not None
        assert row.id is not None
        wanted = str(Period.parse(period)) if period else None
        return indicator, queries.revisions(session=session, indicator_id=row.id, period=wanted)

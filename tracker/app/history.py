"""Reading the revision history of an indicator's figures."""

from tracker.app.database import Database
from tracker.domain.measures import rules_of
from tracker.domain.model import Indicator
from tracker.domain.periods import Period
from tracker.domain.places import HOME
from tracker.domain.revisions import Revision
from tracker.domain.written_periods import read_period
from tracker.figures.validate import Checker
from tracker.store import figures as figure_store
from tracker.store import indicators as indicator_store


def revisions_of(
    db: Database, key: str, period: str | None = None, place: str = HOME
) -> tuple[Indicator, list[Revision]]:
    """The indicator named by ``key`` and every revision of its figures of one place (stored
    key, "" for home) (of one period)."""
    with db.reading() as session:
        indicators = [i for _, i in indicator_store.indicators(session=session)]
        indicator = Checker(indicators, ()).indicator(key)
        row = indicator_store.indicator_row(session=session, key=indicator.key)
        assert row is not None
        assert row.id is not None
        wanted = str(_period(indicator, period)) if period else None
        found = figure_store.history(
            session=session, indicator_id=row.id, period=wanted, place=place
        )
        return indicator, found


def _period(indicator: Indicator, text: str) -> Period:
    """The period in any written form (2020-06, 2020年1-6月, 上半年 needs a year)."""
    measure = rules_of(indicator)
    year_to_date = measure.year_on_year or measure.cumulative
    return read_period(text, cadence=indicator.cadence, year_to_date=year_to_date)

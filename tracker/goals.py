"""Loading the configured indicators, goals and known results into the database."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from tracker.configuration.definitions import Definitions
from tracker.domain.model import Goal
from tracker.store import figures as figure_store
from tracker.store import goals as goal_store
from tracker.store import indicators as indicator_store
from tracker.store.db import read_session, write_session
from tracker.store.schema import ensure_schema
from tracker.store.tables import FigureRow


@dataclass(frozen=True)
class Loaded:
    indicators: int
    goals: int
    results_added: int
    results_kept: int  # already stored: never overwritten by the config


def load_definitions_into(
    engine: Engine, definitions: Definitions, *, by: str, now: datetime
) -> Loaded:
    """Create the schema, then insert or update every definition. Figures are never deleted;
    a known result is added only where the period has no figure yet."""
    ensure_schema(engine)
    added = kept = 0
    with write_session(engine) as session:
        ids = {}
        for indicator in definitions.indicators:
            row = indicator_store.save_indicator(session=session, indicator=indicator)
            assert row.id is not None
            ids[indicator.key] = row.id
        for goal in definitions.goals:
            goal_store.save_goal(session=session, goal=goal, indicator_id=ids[goal.indicator.key])
        for result in definitions.results:
            indicator_id = ids[result.key]
            period = str(result.period)
            if figure_store.latest_revision(
                session=session, indicator_id=indicator_id, period=period
            ):
                kept += 1
                continue
            session.add(
                FigureRow(
                    indicator_id=indicator_id,
                    period=period,
                    period_end=result.period.end,
                    revision=1,
                    value=result.value,
                    preliminary=result.preliminary,
                    note=result.note,
                    source=result.source,
                    recorded_by=by,
                    recorded_at=now,
                )
            )
            added += 1
    return Loaded(len(definitions.indicators), len(definitions.goals), added, kept)


def stored_goals(engine: Engine) -> list[Goal]:
    """Every goal in the database (of every year), by year, in the order the indicators were
    defined."""
    with read_session(engine) as session:
        return goal_store.goals(session=session)

"""The reads behind the status of every goal build their objects in bulk, from plain columns:
they must equal the objects built row by row from the ORM rows."""

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import col, select

from tests.cli.scratch import write_config
from tests.reporting.dataset import record_all
from tracker.app.database import Database
from tracker.app.figures import FigureInput, record_figure
from tracker.app.goals import load_definitions_into
from tracker.configuration.load import load_config
from tracker.domain.model import Figure
from tracker.store import figures as figure_store
from tracker.store import goals as goal_store
from tracker.store.db import read_session
from tracker.store.figures import figure_from_row
from tracker.store.goals import goal_from_row
from tracker.store.indicators import indicator_from_row
from tracker.store.tables import FigureRow, GoalRow, IndicatorRow

NOW = datetime(2020, 7, 21, 9, tzinfo=UTC)


def test_goals_read_in_bulk_equal_those_built_row_by_row(loaded: Engine) -> None:
    with read_session(loaded) as session:
        rows = session.exec(
            select(GoalRow, IndicatorRow)
            .join(IndicatorRow)
            .where(GoalRow.year == 2020)
            .order_by(col(IndicatorRow.id))
        ).all()
        expected = [goal_from_row(goal, indicator_from_row(indicator)) for goal, indicator in rows]
        assert goal_store.goals(session=session, year=2020) == expected
    assert len(expected) == 12


def test_current_figures_read_in_bulk_equal_the_latest_revisions_built_row_by_row(
    loaded: Engine,
) -> None:
    record_all(loaded)
    amount = FigureInput("retail", "2020-06", "10.8", amount="1,234.50", preliminary=True)
    record_figure(Database(loaded), amount, by="test", now=NOW, reason="修订")
    with read_session(loaded) as session:
        rows = session.exec(
            select(FigureRow, IndicatorRow.key)
            .join(IndicatorRow)
            .order_by(col(FigureRow.period_end), col(FigureRow.period), col(FigureRow.revision))
        ).all()
        latest: dict[str, dict[str, Figure]] = {}
        for row, key in rows:
            latest.setdefault(key, {})[row.period] = figure_from_row(row)  # later wins
        expected = {key: list(figures.values()) for key, figures in latest.items()}
        assert figure_store.current_figures(session=session) == expected
        this_year = figure_store.current_figures(session=session, years=(2020, 2020))
    assert this_year == {
        key: [f for f in figures if f.period.year == 2020]
        for key, figures in expected.items()
        if any(f.period.year == 2020 for f in figures)
    }
    retail = expected["retail"][-1]
    assert (retail.revision, retail.preliminary, str(retail.amount)) == (2, True, "1234.5")


INDUSTRY = """
[indicators.industry]
name_zh = "规模以上工业增加值增速"
name_en = "Industrial output growth"
unit = "%"
measure = "growth"
cadence = "monthly"
owner = "stats"
"""


def test_two_goals_of_one_indicator_are_read_in_the_order_of_their_keys(
    engine: Engine, tmp_path: Path
) -> None:
    goals = '[goals.zeta]\nindicator = "industry"\ntarget = 8\n\n'
    goals += '[goals.alpha]\nindicator = "industry"\ntarget = 6\n'
    folder = write_config(tmp_path / "config", indicators=INDUSTRY, goals={"2020": goals})
    load_definitions_into(Database(engine), load_config(folder).definitions, by="t", now=NOW)
    with read_session(engine) as session:
        home = goal_store.goals(session=session, year=2020)
        every = goal_store.goals(session=session, year=2020, place=None)
    assert [g.key for g in home] == [g.key for g in every] == ["alpha", "zeta"]


def test_the_stored_figures_of_some_places_indicators_and_years_are_every_one_that_falls_in_them(
    loaded: Engine,
) -> None:
    record_all(loaded)
    record_figure(Database(loaded), FigureInput("retail", "2019-12", "9.1"), by="test", now=NOW)
    with read_session(loaded) as session:
        every = figure_store.stored_figures(session=session)
        some = figure_store.stored_figures(
            session=session, places=[""], indicators=["retail", "gdp"], years=(2020, 2020)
        )
        elsewhere = figure_store.stored_figures(session=session, places=["nowhere"])
    assert some == {
        key: figure
        for key, figure in every.items()
        if key[1] in ("retail", "gdp") and key[2].startswith("2020")
    }
    assert {key[1] for key in some} == {"retail", "gdp"}
    assert ("", "retail", "2019-12") in every
    assert elsewhere == {}

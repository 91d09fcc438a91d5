"""A job's ``place``: a city bureau sends each district its own report (docs/places.md)."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.configuration.conftest import change
from tests.delivery.mailserver import mail_server, settings_for
from tests.scheduling.conftest import write_schedule
from tracker.configuration.load import check_config, load_config
from tracker.domain.errors import ConfigError
from tracker.figures.record import FigureInput, record_figure
from tracker.goals import load_definitions_into
from tracker.scheduling.jobs import JobContext, run_job

NOW = datetime(2020, 7, 15, 1, tzinfo=UTC)
JOBS = """[jobs.east-monthly]
cron = "0 9 15 * *"
recipients = "leadership"
place = "east"
"""


@pytest.fixture
def city(engine: Engine, config_dir: Path) -> Engine:
    """The East District with a goal of its own and figures that lag it; home's are better."""
    (config_dir / "goals" / "east").mkdir()
    (config_dir / "goals" / "east" / "2020.toml").write_text(
        "[goals.industry]\ntarget = 7\n", encoding="utf-8"
    )
    write_schedule(config_dir, JOBS)
    load_definitions_into(engine, load_config(config_dir).definitions, by="test", now=NOW)
    for place, value in (("east", "4.1"), ("", "9.0")):
        figure = FigureInput("industry", "2020-06", value, place=place)
        record_figure(engine, figure, by="test", now=NOW)
    return engine


def test_a_place_job_sends_that_places_report(city: Engine, config_dir: Path, tmp_path) -> None:
    config = load_config(config_dir)
    with mail_server(tmp_path) as server:
        ctx = JobContext(
            engine=city,
            schedule=config.schedule,
            smtp=settings_for(server),
            reports_dir=tmp_path / "reports",
            by="test",
            places=config.places,
        )
        done = run_job(
            ctx, ctx.schedule.job("east-monthly"), as_of=date(2020, 7, 15), clock=lambda: NOW
        )
    assert (done.queued, done.delivered.sent) == (2, 2)
    message = server.received[0].message
    assert message["Subject"].startswith("东城区：")
    text = message.get_body(("plain",)).get_content()
    assert "4.1%" in text
    own, peers = text.split("与同级地区比较")
    assert "9.0%" not in own  # the home place's figure: only among the peers
    assert "1  示范区  9.0%" in peers


def test_a_job_naming_an_unknown_place_is_refused_with_its_line(config_dir: Path) -> None:
    write_schedule(config_dir, JOBS)
    line = change(config_dir / "schedule.toml", 'place = "east"', 'place = "easst"')
    with pytest.raises(ConfigError) as error:
        check_config(config_dir)
    assert (
        f"schedule.toml:{line}: [jobs.east-monthly] place 'easst' is not a [places.KEY] of "
        "places.toml; did you mean 'east'?"
    ) in str(error.value)

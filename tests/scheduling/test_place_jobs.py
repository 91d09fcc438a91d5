"""A job's ``place``: a city bureau sends each district its own report (docs/places.md)."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.configuration.conftest import change
from tests.delivery.mailserver import mail_server, settings_for
from tests.scheduling.conftest import write_schedule
from tracker.app.database import Database
from tracker.app.figures import FigureInput, record_figure
from tracker.app.goals import load_definitions_into
from tracker.app.jobs import JobContext, run_job
from tracker.configuration.load import check_config, load_config
from tracker.domain.errors import ConfigError

NOW = datetime(2020, 7, 15, 1, tzinfo=UTC)
JOBS = """[jobs.east-monthly]
cron = "0 9 15 * *"
recipients = "leadership"
place = "east"
"""


@pytest.fixture
def city(engine: Engine, migrated: str, config_dir: Path) -> Engine:
    """The East District with a goal of its own and figures that lag it; home's are better."""
    (config_dir / "goals" / "east").mkdir()
    (config_dir / "goals" / "east" / "2020.toml").write_text(
        "[goals.industry]\ntarget = 7\n", encoding="utf-8"
    )
    write_schedule(config_dir, JOBS)
    load_definitions_into(Database(engine), load_config(config_dir).definitions, by="test", now=NOW)
    for place, value in (("east", "4.1"), ("", "9.0")):
        figure = FigureInput("industry", "2020-06", value, place=place)
        record_figure(Database(engine), figure, by="test", now=NOW)
    return engine


def test_a_place_job_sends_that_places_report(city: Engine, config_dir: Path, tmp_path) -> None:
    config = load_config(config_dir)
    with mail_server(tmp_path) as server:
        ctx = JobContext(
            db=Database(city),
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
    assert message["Subject"].startswith("东城区2020年6月目标进度")
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


ATTACHING = """[jobs.east-monthly]
cron = "0 9 15 * *"
recipients = "leadership"
place = "east"
attach = ["figures"]

[jobs.east-reminder]
kind = "reminder"
cron = "0 9 10 * *"
place = "east"
attach = ["form"]
"""


def _context(db: Engine, config_dir: Path, server_settings: object, tmp_path: Path) -> JobContext:
    config = load_config(config_dir)
    return JobContext(
        db=Database(db),
        schedule=config.schedule,
        smtp=server_settings,  # type: ignore[arg-type]
        reports_dir=tmp_path / "reports",
        by="test",
        places=config.places,
    )


def test_a_place_jobs_figures_attachment_holds_that_places_figures(
    city: Engine, config_dir: Path, tmp_path: Path
) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    write_schedule(config_dir, ATTACHING)
    with mail_server(tmp_path) as server:
        ctx = _context(city, config_dir, settings_for(server), tmp_path)
        run_job(ctx, ctx.schedule.job("east-monthly"), as_of=date(2020, 7, 15), clock=lambda: NOW)
    message = server.received[0].message
    [attached] = [p for p in message.iter_attachments() if p.get_filename().endswith(".xlsx")]
    assert attached.get_filename() == "figures-east-2020-as-of-2020-07-15.xlsx"
    sheet = load_workbook(BytesIO(attached.get_content()), read_only=True).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][:5] == ["地区", "指标", "名称", "期间", "数值"]
    figures = {(r[0], r[1], r[3]): r[4] for r in rows[1:]}
    assert figures == {("east", "industry", "2020-06"): 4.1}  # East's, never home's 9.0


def test_a_place_reminders_form_is_that_places_form(
    city: Engine, config_dir: Path, tmp_path: Path
) -> None:
    write_schedule(config_dir, ATTACHING)
    with mail_server(tmp_path) as server:
        ctx = _context(city, config_dir, settings_for(server), tmp_path)
        done = run_job(
            ctx, ctx.schedule.job("east-reminder"), as_of=date(2020, 8, 25), clock=lambda: NOW
        )
    assert done.delivered.sent >= 1, done.summary()
    names = [
        p.get_filename()
        for m in server.received
        for p in m.message.iter_attachments()
        if p.get_filename().endswith(".xlsx")
    ]
    assert names, "no form was attached"
    assert all(n.split("-")[2] == "east" for n in names), names  # 2020-07-east-OWNER.xlsx


def test_a_place_job_with_attachments_reads_goals_and_figures_once(
    city: Engine, config_dir: Path, tmp_path: Path
) -> None:
    """Its report ranks East among its peers and compares it with the city; its figures and
    briefing attachments and its message are made from the same read."""
    import re

    from sqlalchemy import event

    write_schedule(config_dir, ATTACHING.replace('["figures"]', '["figures", "briefing"]'))
    reads: list[int] = []
    reading: dict[int, bool] = {}

    def began(connection: object) -> None:
        reading[id(connection)] = False

    def executed(connection: object, _cursor: object, statement: str, *_args: object) -> None:
        touches = re.search(r"\b(FROM|JOIN)\s+(entry|goal)\b", statement, re.IGNORECASE)
        if touches and not reading.get(id(connection)):
            reading[id(connection)] = True
            reads.append(1)

    with mail_server(tmp_path) as server:
        ctx = _context(city, config_dir, settings_for(server), tmp_path)
        event.listen(city, "begin", began)
        event.listen(city, "before_cursor_execute", executed)
        try:
            done = run_job(
                ctx, ctx.schedule.job("east-monthly"), as_of=date(2020, 7, 15), clock=lambda: NOW
            )
        finally:
            event.remove(city, "begin", began)
            event.remove(city, "before_cursor_execute", executed)
    assert (done.queued, done.delivered.sent) == (2, 2)
    names = {p.get_filename() for p in server.received[0].message.iter_attachments()}
    assert {"figures-east-2020-as-of-2020-07-15.xlsx", "简报-2020-07-15.docx"} <= names
    assert len(reads) == 1


def test_a_place_without_goals_is_refused_the_same_way_by_every_format_and_by_a_job(
    city: Engine, config_dir: Path, tmp_path: Path
) -> None:
    from tracker.app.reports import render_report
    from tracker.domain.errors import NotFound
    from tracker.reporting.formats import NAMES

    config = load_config(config_dir)
    said = (
        "no goals of 西城区 (West District) for 2020; `tracker goals` lists the years that have "
        "them."
    )
    for fmt in NAMES:  # never an empty, reassuring page
        with pytest.raises(NotFound) as refused:
            render_report(
                Database(city), as_of=date(2020, 7, 15), places=config.places, place="west"
            ).formatted(fmt)
        assert str(refused.value) == said
        assert refused.value.zh == "西城区2020年没有目标；`tracker goals` 列出有目标的年份。"
    write_schedule(config_dir, JOBS.replace('place = "east"', 'place = "west"'))
    ctx = _context(city, config_dir, settings_for_nothing(), tmp_path)
    done = run_job(
        ctx, ctx.schedule.job("east-monthly"), as_of=date(2020, 7, 15), clock=lambda: NOW
    )
    assert done.queued == 0
    assert done.outcome == "failed"
    assert done.unbuilt
    assert all(said.rstrip(".") in line for line in done.unbuilt), done.unbuilt


def settings_for_nothing() -> object:
    from tracker.configuration.smtp import SmtpSettings

    return SmtpSettings(host="127.0.0.1", port=9)  # never reached: nothing is built

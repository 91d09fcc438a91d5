"""``tracker status``, ``tracker report`` and the scheduled report agree on the year they are
about (docs/status-rules.md, "Which year"): on 15 January, last year's goals."""

import json
from datetime import UTC, date, datetime
from email import message_from_bytes, policy
from pathlib import Path

from sqlalchemy import Engine
from typer.testing import CliRunner, Result

from tests.delivery.mailserver import mail_server, settings_for
from tracker.app.database import Database
from tracker.app.jobs import JobContext, run_job
from tracker.cli.main import app
from tracker.configuration.load import load_config

JANUARY = date(2021, 1, 15)


def tracker(database_url: str, config_dir: Path, *args: str) -> Result:
    result = CliRunner().invoke(
        app, ["--db", database_url, "--config", str(config_dir), *args, "--as-of", str(JANUARY)]
    )
    assert result.exit_code == 0, result.output
    return result


def scheduled_report(engine: Engine, config_dir: Path, tmp_path: Path) -> str:
    """The text part of the monthly report the scheduler would send on ``JANUARY``."""
    from tracker.reporting.settings import report_settings

    config = load_config(config_dir)
    with mail_server(tmp_path) as server:
        ctx = JobContext(
            db=Database(engine),
            schedule=config.schedule,
            smtp=settings_for(server),
            reports_dir=tmp_path / "reports",
            by="test",
            places=config.places,  # as job_context makes it from the config
            settings=report_settings(config),
        )
        done = run_job(
            ctx,
            ctx.schedule.job("monthly-report"),
            as_of=JANUARY,
            clock=lambda: datetime(2021, 1, 15, 1, 0, tzinfo=UTC),
            dry_run=True,
        )
    message = message_from_bytes(done.files[0].read_bytes(), policy=policy.default)
    body = message.get_body(("plain",))
    assert body is not None
    return str(body.get_content()).replace("\r\n", "\n")


def test_on_15_january_status_report_and_job_are_about_last_years_goals(
    reported: Engine, database_url: str, config_dir: Path, tmp_path: Path
) -> None:
    status = tracker(database_url, config_dir, "status", "--json")
    table = tracker(database_url, config_dir, "status")
    report = tracker(database_url, config_dir, "report", "--format", "json", "-o", "-")
    # As known when the job ran: the emailed report records that moment and is rebuilt from it.
    known = ("--as-known", "2021-01-15 01:00:00Z")
    text = tracker(database_url, config_dir, "report", "--format", "text", "-o", "-", *known)
    sent = scheduled_report(reported, config_dir, tmp_path)

    assert {goal["year"] for goal in json.loads(status.stdout)["goals"]} == {2020}
    assert "Goals of 2020 as of 2021-01-15 · 2020年目标 截至2021-01-15" in table.stdout
    assert (json.loads(report.stdout)["year"], json.loads(report.stdout)["period"]) == (
        2020,
        "2020-12",
    )
    assert text.stdout.strip() == sent.strip()


def test_the_chosen_year_overrides_the_rule(
    reported: Engine, database_url: str, config_dir: Path
) -> None:
    result = CliRunner().invoke(
        app, ["--db", database_url, "status", "--as-of", str(JANUARY), "--year", "2021"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("No goals for 2021")

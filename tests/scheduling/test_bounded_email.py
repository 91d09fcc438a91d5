"""The monthly job's message for a city of 200 goals: the email holds what fits, the complete
report is attached, and with ``[report] base_url`` the page is written to the archive and
linked. A dry run writes the message as sent; it is parsed back with the strict policy."""

from datetime import UTC, date, datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import strict
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.conftest import CONFIG_DIR
from tests.reporting import dataset
from tracker.app.database import Database
from tracker.app.goals import load_definitions_into
from tracker.app.jobs import JobContext, run_job
from tracker.configuration.definitions import Definitions
from tracker.configuration.load import load_config
from tracker.configuration.smtp import SmtpSettings

AS_OF = date(2020, 7, 15)
NOW = datetime(2020, 7, 15, 1, 0, tzinfo=UTC)
URL = "https://stats.example.gov.cn/reports"


@pytest.fixture
def city(engine: Engine, migrated: str) -> Engine:
    """200 goals of 2020 (the test config's twelve, repeated), no figures yet."""
    goals, _ = dataset.many(200)
    definitions = Definitions(tuple(g.indicator for g in goals), tuple(goals), ())
    load_definitions_into(
        Database(engine), definitions, by="test", now=datetime(2020, 1, 10, tzinfo=UTC)
    )
    return engine


def dry_run(engine: Engine, folder: Path, base_url: str | None) -> list[EmailMessage]:
    ctx = JobContext(
        db=Database(engine),
        schedule=load_config(CONFIG_DIR).schedule,
        smtp=SmtpSettings(),
        reports_dir=folder,
        by="test",
        base_url=base_url,
    )
    outcome = run_job(
        ctx, ctx.schedule.job("monthly-report"), as_of=AS_OF, clock=lambda: NOW, dry_run=True
    )
    assert outcome.unbuilt == []
    found = []
    for path in outcome.files:
        message = message_from_bytes(path.read_bytes(), policy=strict)
        assert isinstance(message, EmailMessage)
        found.append(message)
    return found


def test_the_complete_report_is_attached_when_the_email_cannot_hold_it(
    city: Engine, tmp_path: Path
) -> None:
    messages = dry_run(city, tmp_path / "reports", None)
    assert len(messages) == 2
    for message in messages:
        html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
        assert len(html.encode()) < 100_000
        (page,) = [a for a in message.iter_attachments() if a.get_content_type() == "text/html"]
        assert page.get_filename() == "report-2020-07-15-zh.html"
        assert page.get_content().count('class="name"') == 200
        assert 'href="http' not in html  # no link to an archive that is not served
    assert not (tmp_path / "reports" / "2020-07-15").exists()  # no address: no page written


def test_with_an_archive_address_the_page_is_written_there_and_linked(
    city: Engine, tmp_path: Path
) -> None:
    reports = tmp_path / "reports"
    (message, _) = dry_run(city, reports, URL)
    html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert f'href="{URL}/2020-07-15/zh.html"' in html
    page = (reports / "2020-07-15" / "zh.html").read_text(encoding="utf-8")
    assert page.count('class="name"') == 200
    assert (reports / "index.html").is_file()


def test_a_report_that_fits_carries_no_attachment(loaded: Engine, tmp_path: Path) -> None:
    for message in dry_run(loaded, tmp_path / "reports", None):
        types = [a.get_content_type() for a in message.iter_attachments()]
        assert "text/html" not in types

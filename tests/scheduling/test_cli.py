"""The commands, run in-process: whole outputs of small commands, refusals that change nothing."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.delivery.mailserver import PASSWORD, USER, mail_server
from tests.helpers import snapshot
from tests.scheduling.conftest import write_schedule
from tracker.app.database import Database
from tracker.cli.main import app
from tracker.cli.state import State
from tracker.store import outbox as q
from tracker.store.db import write_session


@pytest.fixture
def run(engine, database_url, config_dir, tmp_path, monkeypatch):
    """``tracker --db URL --config DIR ...``, in-process; the commands share the test's engine
    (one pool, closed at the end) instead of leaving one per command for the GC."""
    for name in ("HOST", "PORT", "USER", "PASSWORD", "SECURITY", "FROM"):
        monkeypatch.delenv(f"TRACKER_SMTP_{name}", raising=False)
    monkeypatch.setenv("TRACKER_REPORTS_DIR", str(tmp_path / "reports"))
    monkeypatch.setattr(State, "database", lambda self, create=False: Database(engine))

    def invoke(*args: str, env: dict[str, str] | None = None):
        options = ["--db", database_url, "--config", str(config_dir)]
        return CliRunner().invoke(app, [*options, *args], env=env)

    return invoke


def smtp_env(server, config_dir: Path, password: str = PASSWORD) -> dict[str, str]:
    settings = config_dir / "tracker.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace('# ca_file = "ca.pem"', f'ca_file = "{server.ca_file}"'))
    return {
        "TRACKER_SMTP_HOST": server.host,
        "TRACKER_SMTP_PORT": str(server.port),
        "TRACKER_SMTP_USER": USER,
        "TRACKER_SMTP_PASSWORD": password,
    }


def test_running_a_job_then_listing_the_outbox(reported, run, config_dir, tmp_path) -> None:
    with mail_server(tmp_path) as server:
        env = smtp_env(server, config_dir)
        done = run("schedule", "run", "monthly-report", "--as-of", "2020-07-15", env=env)
        again = run("schedule", "run", "monthly-report", "--as-of", "2020-07-31", env=env)
    assert done.output == "monthly-report 2020-07 (as of 2020-07-15): 2 queued, 2 sent\n"
    assert again.output == "monthly-report 2020-07 (as of 2020-07-31): 0 queued, 0 sent\n"
    assert len(server.received) == 2
    listing = run("outbox").output
    assert listing.count("│ sent ") == 2
    assert "250 2.0.0 Ok: queued as Q1" in listing
    assert run("outbox", "--failed").output == "No failed messages.\n"


def test_a_message_whose_sender_is_gone_is_shown_as_uncertain_for_a_decision(loaded, run) -> None:
    with write_session(loaded) as session:
        session.add(
            q.OutboxRow(
                job="monthly-report",
                period_key="2020-07",
                recipient="a@example.gov.cn",
                subject="s",
                message_id="<m@x>",
                message=b"Subject: s\r\n\r\nx\r\n",
                status="sending",
                attempts=1,
                claimed_by="pid 7 on gone",
                created_at=datetime(2020, 7, 15, tzinfo=UTC),
            )
        )
    listing = run("outbox", "--failed").output
    assert listing.splitlines()[-1] == (
        "#1 to a@example.gov.cn is uncertain (pid 7 on gone gave no outcome within 0:10:00: "
        "the server may have the message). Check with the recipient, then "
        "`tracker outbox retry 1` to send it again or `tracker outbox mark-sent 1` if it arrived."
    )
    assert run("outbox", "mark-sent", "1").output == "Message #1 marked sent.\n"
    before = snapshot(loaded)
    again = run("outbox", "mark-sent", "1")
    assert (again.exit_code, again.output) == (
        1,
        "Error: message #1 is sent already\n错误：与已存数据冲突，未作任何更改；见上行\n",
    )
    assert snapshot(loaded) == before


def test_an_unknown_job_is_refused(loaded, run) -> None:
    before = snapshot(loaded)
    result = run("schedule", "run", "monthly", "--as-of", "2020-07-15")
    assert result.exit_code == 1
    assert result.output == (
        "Error: no job 'monthly' in schedule.toml; the jobs are: monthly-report, "
        "overdue-reminder, weekly-digest\n错误：配置文件有误；请按上行修改配置\n"
    )
    assert snapshot(loaded) == before


def test_email_test_says_what_failed_without_the_password(run, config_dir, tmp_path) -> None:
    with mail_server(tmp_path) as server:
        env = smtp_env(server, config_dir, password="not-the-Pa55word")
        failed = run("email", "test", "--to", "a@example.gov.cn", env=env)
        env = smtp_env(server, config_dir)
        sent = run("email", "test", "--to", "a@example.gov.cn", env=env)
    assert failed.exit_code == 1
    assert failed.output.splitlines()[-1] == "错误：操作未完成；见上行"
    assert failed.output.splitlines()[-2] == (
        f"Error: authentication as 'stats' refused by 127.0.0.1:{server.port}: "
        "535 5.7.8 Authentication credentials invalid; check TRACKER_SMTP_USER and the password"
    )
    assert "not-the-Pa55word" not in failed.output
    assert sent.output == (
        f"Sending a test message via 127.0.0.1:{server.port} (starttls) as stats, "
        "from 区统计局 <stats@example.gov.cn> to a@example.gov.cn\n"
        "Accepted: 250 2.0.0 Ok: queued as Q1\n"
    )


def test_schedule_list_shows_a_missed_run(loaded, run, config_dir) -> None:
    write_schedule(config_dir, '[jobs.daily]\ncron = "0 9 * * *"\nrecipients = "leadership"\n')
    with write_session(loaded) as session:
        q.record_missed(
            session=session,
            job="daily",
            period_key="2020-07",
            scheduled_for=datetime(2020, 7, 15, 1, tzinfo=UTC),
            now=datetime(2020, 7, 15, 9, tzinfo=UTC),
        )
    listing = run("schedule", "list").output
    assert "│ daily " in listing
    assert "missed" in listing
    assert "missed by 8:00:00" in listing


def test_outbox_retry_sends_waiting_messages_and_refuses_a_bad_config(
    reported, run, config_dir, tmp_path
) -> None:
    with mail_server(tmp_path) as server:
        env = smtp_env(server, config_dir)
        down = {**env, "TRACKER_SMTP_PORT": str(server.port + 1)}  # nothing listens there
        queued = run("schedule", "run", "monthly-report", "--as-of", "2020-07-15", env=down)
        before = snapshot(reported)
        refused = run("outbox", "retry", env={**env, "TRACKER_SMTP_SECURITY": "ssl"})
        assert snapshot(reported) == before
        retried = run("outbox", "retry", env=env)
    assert queued.output.startswith("monthly-report 2020-07 (as of 2020-07-15): 2 queued, 0 sent")
    assert refused.output == (
        "Error: SMTP security 'ssl' is unknown; use one of: starttls, tls, none\n"
        "错误：配置文件有误；请按上行修改配置\n"
    )
    assert retried.output == "Requeued 2: 2 sent, 0 to retry, 0 failed\n"
    assert len(server.received) == 2


def test_the_outbox_is_listed_even_with_a_broken_config(loaded, run, config_dir) -> None:
    settings = config_dir / "tracker.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + "\n[smtp.oops]\n", "utf-8")
    listing = run("outbox")
    assert (listing.exit_code, listing.output) == (0, "The outbox is empty.\n")


@pytest.mark.parametrize(
    "to", ["a@example.gov.cn\nBcc: all@example.gov.cn", "a@example.gov.cn\r", "not an address"]
)
def test_email_test_refuses_an_address_that_is_not_one_and_sends_nothing(
    run, config_dir, tmp_path, to: str
) -> None:
    with mail_server(tmp_path) as server:
        result = run("email", "test", "--to", to, env=smtp_env(server, config_dir))
    assert server.received == []
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: --to {to!r} is not an email address; write one address, "
        "e.g. office@example.gov.cn or 区政府办公室 <office@example.gov.cn>.",
        "错误：--to 不是有效的邮箱地址；请写一个地址，例如 office@example.gov.cn",
    ]


def test_schedule_list_fits_80_columns(loaded, run) -> None:
    from rich.cells import cell_len

    with write_session(loaded) as session:  # a last run with its detail
        q.record_missed(
            session=session,
            job="monthly-report",
            period_key="2020-07",
            scheduled_for=datetime(2020, 7, 15, 1, tzinfo=UTC),
            now=datetime(2020, 7, 15, 9, tzinfo=UTC),
        )
    result = run("schedule", "list", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 80, result.stdout
    text = result.stdout
    for shown in ("monthly-report", "overdue-reminder", "weekly-digest", "missed", "never run"):
        assert shown in text
    assert any("09:00" in line for line in lines)  # the next runs are there, not dropped

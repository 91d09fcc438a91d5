"""The jobs over a real database, rendering real reports, delivering to a real SMTP server."""

from datetime import UTC, date, datetime
from email import message_from_bytes, policy
from pathlib import Path

from tests.delivery.mailserver import mail_server, settings_for
from tests.scheduling.conftest import FIGURES
from tracker.app.database import Database
from tracker.app.jobs import JobContext, run_job
from tracker.app.outbox import messages
from tracker.configuration.load import check_config, load_config

AS_OF = date(2020, 7, 15)
NOW = datetime(2020, 7, 15, 1, 0, tzinfo=UTC)


def context(engine, config_dir: Path, tmp_path: Path, server) -> JobContext:
    return JobContext(
        db=Database(engine),
        schedule=load_config(config_dir).schedule,
        smtp=settings_for(server),
        reports_dir=tmp_path / "reports",
        by="test",
    )


def test_the_monthly_report_reaches_each_leader_once(reported, config_dir, tmp_path) -> None:
    with mail_server(tmp_path) as server:
        ctx = context(reported, config_dir, tmp_path, server)
        job = ctx.schedule.job("monthly-report")
        first = run_job(ctx, job, as_of=AS_OF, clock=lambda: NOW)
        again = run_job(ctx, job, as_of=date(2020, 7, 20), clock=lambda: NOW)  # same period
    assert (first.queued, first.delivered.sent, first.outcome) == (2, 2, "ok")
    assert (again.queued, again.delivered.sent) == (0, 0)
    assert sorted(r for m in server.received for r in m.recipients) == [
        "leadership@example.gov.cn",
        "office@example.gov.cn",
    ]
    message = server.received[0].message
    assert message["Subject"] == "2020年6月目标进度：1项落后，6项逾期未报"
    assert message["From"].addresses[0].display_name == "区统计局"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "低于年度目标1.3个百分点" in text
    assert "低于年度目标1.3个百分点" in html
    assert "主要指标完成情况" in html  # the overview table, where the numbers are
    assert not [p for p in message.walk() if p.get_content_maintype() == "image"]  # no chart


def test_renaming_a_recipient_in_the_config_sends_nothing_twice(
    reported, config_dir, tmp_path
) -> None:
    path = config_dir / "recipients.toml"
    with mail_server(tmp_path) as server:
        ctx = context(reported, config_dir, tmp_path, server)
        run_job(ctx, ctx.schedule.job("monthly-report"), as_of=AS_OF, clock=lambda: NOW)
        text = path.read_text(encoding="utf-8").replace("区领导 <leadership@", "区长 <LEADERSHIP@")
        path.write_text(text, encoding="utf-8")
        ctx = context(reported, config_dir, tmp_path, server)
        again = run_job(ctx, ctx.schedule.job("monthly-report"), as_of=AS_OF, clock=lambda: NOW)
    assert again.queued == 0
    assert len(server.received) == 2
    assert sorted(m.recipient for m in messages(Database(reported))) == [
        "leadership@example.gov.cn",
        "office@example.gov.cn",
    ]


def test_a_reminder_goes_only_to_overdue_owners_with_their_goals(
    reported, config_dir, tmp_path
) -> None:
    with mail_server(tmp_path) as server:
        ctx = context(reported, config_dir, tmp_path, server)
        done = run_job(ctx, ctx.schedule.job("overdue-reminder"), as_of=AS_OF, clock=lambda: NOW)
    got = {m.recipients[0]: m.message for m in server.received}
    assert sorted(got) == [
        f"{owner}@example.gov.cn"
        for owner in ("commerce", "development", "finance", "investment", "stats")
    ]
    assert done.delivered.sent == 5
    assert got["stats@example.gov.cn"]["Subject"] == "2020年6月目标进度（区统计局）：2项逾期未报"
    stats_text = got["stats@example.gov.cn"].get_body(("plain",)).get_content()
    assert "地区生产总值增速" in stats_text
    assert "规模以上工业增加值增速" not in stats_text  # another owner's goal
    assert {(m.part, m.period_key) for m in messages(Database(reported))} == {
        (owner, "2020-07")
        for owner in ("commerce", "development", "finance", "investment", "stats")
    }


def test_a_dry_run_writes_eml_files_and_sends_nothing(reported, config_dir, tmp_path) -> None:
    with mail_server(tmp_path) as server:
        ctx = context(reported, config_dir, tmp_path, server)
        done = run_job(
            ctx, ctx.schedule.job("monthly-report"), as_of=AS_OF, clock=lambda: NOW, dry_run=True
        )
    assert server.received == []
    assert messages(Database(reported)) == []
    assert sorted(p.relative_to(tmp_path) for p in done.files) == [
        Path("reports/email/2020-07/monthly-report-leadership@example.gov.cn.eml"),
        Path("reports/email/2020-07/monthly-report-office@example.gov.cn.eml"),
    ]
    parsed = message_from_bytes(done.files[0].read_bytes(), policy=policy.default)
    assert parsed["Subject"] == "2020年6月目标进度：1项落后，6项逾期未报"
    assert parsed["To"] == "区领导 <leadership@example.gov.cn>"


def _attachments(message) -> dict[str, bytes]:
    return {part.get_filename(): part.get_content() for part in message.iter_attachments()}


def test_the_monthly_report_attaches_the_figures_that_import_back(
    reported, config_dir, tmp_path
) -> None:
    from tracker.app.imports import import_file

    with mail_server(tmp_path) as server:
        ctx = context(reported, config_dir, tmp_path, server)
        run_job(ctx, ctx.schedule.job("monthly-report"), as_of=AS_OF, clock=lambda: NOW)
    files = _attachments(server.received[0].message)
    assert list(files) == ["figures-2020-as-of-2020-07-15.xlsx"]
    path = tmp_path / "figures.xlsx"
    path.write_bytes(files["figures-2020-as-of-2020-07-15.xlsx"])
    plan = import_file(Database(reported), path, by="test", now=NOW, dry_run=True).plan
    # the 2020 figures, every one already stored: an attachment that imports back unchanged
    assert (len(plan.added), len(plan.revised), len(plan.unchanged)) == (0, 0, len(FIGURES))


def test_a_reminder_attaches_the_owners_form_for_the_overdue_period(
    reported, config_dir, tmp_path
) -> None:
    from openpyxl import load_workbook

    with mail_server(tmp_path) as server:
        ctx = context(reported, config_dir, tmp_path, server)
        run_job(ctx, ctx.schedule.job("overdue-reminder"), as_of=AS_OF, clock=lambda: NOW)
    got = {m.recipients[0]: m.message for m in server.received}
    files = _attachments(got["finance@example.gov.cn"])
    (name,) = files
    assert name == "2020-05-finance.xlsx"  # on 15 July, May's figure is the one overdue
    path = tmp_path / name
    path.write_bytes(files[name])
    cells = [c for row in load_workbook(path).active.iter_rows(values_only=True) for c in row]
    assert "一般公共预算收入增速" in cells  # finance's own indicator
    assert "规模以上工业增加值增速" not in cells  # another owner's


def test_an_unknown_attachment_is_refused_with_the_file_and_line(config_dir) -> None:
    import pytest

    from tracker.domain.errors import ConfigError

    path = config_dir / "schedule.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('attach = ["figures"]', 'attach = ["pdf"]'),
        encoding="utf-8",
    )
    with pytest.raises(
        ConfigError,
        match=r"schedule\.toml:\d+.*attach 'pdf' is unknown; use figures, briefing or form",
    ):
        check_config(config_dir)


def test_a_january_run_reports_on_last_years_goals(reported, config_dir, tmp_path) -> None:
    with mail_server(tmp_path) as server:
        ctx = context(reported, config_dir, tmp_path, server)
        done = run_job(
            ctx,
            ctx.schedule.job("monthly-report"),
            as_of=date(2021, 1, 15),
            clock=lambda: NOW,
            dry_run=True,
        )
    parsed = message_from_bytes(done.files[0].read_bytes(), policy=policy.default)
    assert parsed["Subject"].startswith("2020年12月目标进度")


def test_a_message_that_cannot_be_built_fails_alone_and_the_others_go(
    reported, config_dir, tmp_path
) -> None:
    import dataclasses

    with mail_server(tmp_path) as server:
        ctx = context(reported, config_dir, tmp_path, server)
        job = ctx.schedule.job("monthly-report")
        bad = "区领导\r\nBcc: spy@example.com <spy@example.gov.cn>"  # passed no config check
        job = dataclasses.replace(job, recipients=(bad, *job.recipients))
        done = run_job(ctx, job, as_of=AS_OF, clock=lambda: NOW)
    assert (done.queued, done.delivered.sent, done.outcome) == (2, 2, "failed")
    assert done.summary() == "2 queued, 2 sent, 1 could not be built"
    [reason] = done.unbuilt
    assert reason.startswith(repr(bad) + ": the message could not be built (")
    assert reason.endswith("correct the config, then run the job again")
    assert sorted(r for m in server.received for r in m.recipients) == [
        "leadership@example.gov.cn",
        "office@example.gov.cn",
    ]
    assert len(messages(Database(reported))) == 2


def test_the_real_report_is_mail_that_behaves_like_mail(reported, config_dir, tmp_path) -> None:
    """Parsed with the strict policy; a trial run (a dry run here, or a copy of the database)
    and the real report never share a Message-ID, so no mailbox drops one as a duplicate."""
    from email.parser import BytesParser
    from email.policy import strict

    with mail_server(tmp_path) as server:
        ctx = context(reported, config_dir, tmp_path, server)
        job = ctx.schedule.job("monthly-report")
        trial = run_job(ctx, job, as_of=AS_OF, clock=lambda: NOW, dry_run=True)
        run_job(ctx, job, as_of=AS_OF, clock=lambda: NOW)
    read = BytesParser(policy=strict).parsebytes
    tried = [read(path.read_bytes()) for path in trial.files]
    sent = [read(m.data) for m in server.received]
    assert len(tried) == len(sent) == 2
    ids = [m["Message-ID"] for m in tried + sent]
    assert len(set(ids)) == 4
    for message in sent:
        assert message["Auto-Submitted"] == "auto-generated"
        assert message["X-Auto-Response-Suppress"] == "All"
        assert message["List-Id"] == "<monthly-report.tracker.example.gov.cn>"
        for part in message.walk():
            assert part.defects == []
            if part.get_content_maintype() == "text":
                assert part["Content-Transfer-Encoding"] == "base64"


def test_the_monthly_report_attaches_the_word_briefing_of_its_own_report(
    reported, config_dir, tmp_path
) -> None:
    import io

    import docx

    from tests.scheduling.conftest import write_schedule

    jobs = '[jobs.monthly]\ncron = "0 9 15 * *"\nrecipients = "leadership"\n'
    write_schedule(config_dir, jobs + 'attach = ["briefing", "figures"]\n')
    with mail_server(tmp_path) as server:
        ctx = context(reported, config_dir, tmp_path, server)
        run_job(ctx, ctx.schedule.job("monthly"), as_of=AS_OF, clock=lambda: NOW)
    message = server.received[0].message
    files = _attachments(message)
    assert list(files) == ["figures-2020-as-of-2020-07-15.xlsx", "简报-2020-07-15.docx"]
    [part] = [p for p in message.iter_attachments() if p.get_filename().endswith(".docx")]
    assert part.get_content_type() == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    briefing = docx.Document(io.BytesIO(files["简报-2020-07-15.docx"]))
    text = [p.text for p in briefing.paragraphs]
    assert text[:4] == [
        "目标进度简报",
        "第6期",
        "统计局编\t2020年7月15日",
        "2020年6月主要指标完成情况",
    ]
    assert "低于年度目标1.3个百分点" in "".join(text)  # the same facts as the email's text

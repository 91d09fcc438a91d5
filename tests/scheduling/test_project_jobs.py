"""Key projects in the jobs (docs/projects.md, "Reports", "Forms and reminders"): the
调度通报 as a job of kind "projects", delivered once per period through the outbox; the
monthly report's 重点项目 section; a reminder naming each owner's projects without a figure,
with their fill-in form, which imports back."""

import io
from datetime import UTC, date, datetime
from pathlib import Path

import docx
import pytest

from tests.delivery.mailserver import mail_server
from tests.scheduling.conftest import write_schedule
from tests.scheduling.test_jobs import AS_OF, NOW, _attachments, context
from tracker.app.database import Database
from tracker.app.outbox import messages
from tracker.app.projects import FigureInput, load_projects, record_figure
from tracker.configuration.load import load_config

PROJECTS = """\
[projects.plant]
name = "智能装备产业园"
level = "市重点"
owner = "industry"
leader = "王副主任"
total = 20
plan = 8
start = "续建"

[projects.road]
name = "文汇路改造"
level = "区重点"
owner = "development"
total = 3
plan = 2
start = "2020-03"

[projects.centre]
name = "保障房建设"
level = "区重点"
owner = "housing"
total = 1
plan = 0.6
start = "2020-09"
"""
JOBS = """\
[jobs.projects-report]
kind = "projects"
cron = "0 9 10 * *"
recipients = "leadership"
attach = ["briefing"]

[jobs.monthly-report]
kind = "report"
cron = "0 9 15 * *"
recipients = "leadership"

[jobs.overdue-reminder]
kind = "reminder"
cron = "0 9 10 * *"
attach = ["form"]
"""


@pytest.fixture
def projected(reported, config_dir: Path):
    """The reported goals, three key projects, June's figures of two of them."""
    folder = config_dir / "projects"
    folder.mkdir()
    (folder / "2020.toml").write_text(PROJECTS.replace('start = "续建"\n', ""), encoding="utf-8")
    write_schedule(config_dir, JOBS)
    with (config_dir / "owners.toml").open("a", encoding="utf-8") as owners:
        owners.write('\n[owners.housing]\nname_zh = "区住建局"\nname_en = "Housing Bureau"\n')
    recipients = config_dir / "recipients.toml"
    text = recipients.read_text(encoding="utf-8")
    recipients.write_text(
        text.replace("[owners]\n", '[owners]\nhousing = ["区住建局 <housing@example.gov.cn>"]\n'),
        encoding="utf-8",
    )
    db = Database(reported)
    load_projects(db, load_config(config_dir).projects, by="t", now=NOW)
    june = datetime(2020, 7, 5, tzinfo=UTC)
    record_figure(db, FigureInput("plant", "2020-06", "4.4", progress="设备安装"), by="t", now=june)
    record_figure(db, FigureInput("road", "2020-05", "0.3"), by="t", now=june)
    return reported


def test_the_projects_job_sends_the_dispatch_report_once_a_period(
    projected, config_dir, tmp_path
) -> None:
    with mail_server(tmp_path) as server:
        ctx = context(projected, config_dir, tmp_path, server)
        job = ctx.schedule.job("projects-report")
        first = run(ctx, job)
        again = run(ctx, job, as_of=date(2020, 7, 20))
    assert (first.queued, first.delivered.sent, first.outcome) == (2, 2, "ok")
    assert (again.queued, again.delivered.sent) == (0, 0)
    message = server.received[0].message
    assert message["Subject"] == "【2020年6月】重点项目调度：1个项目滞后"
    text = message.get_body(("plain",)).get_content()
    assert (
        "2020年实施重点项目3个，总投资24亿元，年度计划投资10.6亿元；1-6月累计完成投资4.7亿元"
        in text
    )
    assert (
        "[落后] 文汇路改造：区重点；本期未报送（1-5月完成年度计划的15%），落后时间进度35个百分点"
        in text
    )
    assert "责任单位：区发展改革委" in text
    assert "目标进度" not in text  # the projects alone
    files = _attachments(message)
    assert list(files) == ["简报-2020-07-15.docx"]
    brief = docx.Document(io.BytesIO(files["简报-2020-07-15.docx"]))
    said = [p.text for p in brief.paragraphs]
    assert said[0] == "重点项目调度通报"  # the masthead
    assert "【落后】文汇路改造" in said
    assert {m.job for m in messages(Database(projected))} == {"projects-report"}


def test_the_monthly_report_carries_the_key_projects_section(
    projected, config_dir, tmp_path
) -> None:
    with mail_server(tmp_path) as server:
        ctx = context(projected, config_dir, tmp_path, server)
        run(ctx, ctx.schedule.job("monthly-report"))
    message = server.received[0].message
    assert message["Subject"] == "【2020年6月】目标进度：1项落后，6项逾期未报"  # unchanged
    html = message.get_body(("html",)).get_content()
    assert 'id="projects"' in html
    assert "2020年实施重点项目3个" in html
    assert 'class="project-table"' not in html  # the page holds every project, not the email


def test_a_reminder_names_each_owners_projects_without_a_figure_with_their_form(
    projected, config_dir, tmp_path
) -> None:
    from tracker.app.project_import import import_projects

    with mail_server(tmp_path) as server:
        ctx = context(projected, config_dir, tmp_path, server)
        run(ctx, ctx.schedule.job("overdue-reminder"))
    got = {m.recipients[0]: m.message for m in server.received}
    assert "housing@example.gov.cn" in got  # no goals: its project has no figure for June
    assert "industry@example.gov.cn" not in got  # its goals and its project are in
    housing = got["housing@example.gov.cn"]
    assert housing["Subject"] == "【2020年6月】区住建局重点项目调度：没有滞后项目"
    assert "本期未报送：保障房建设" in housing.get_body(("plain",)).get_content()
    development = got["development@example.gov.cn"]
    text = development.get_body(("plain",)).get_content()
    assert "文汇路改造" in text
    files = _attachments(development)
    name = "2020-06-development-projects.xlsx"
    assert name in files
    path = tmp_path / name
    path.write_bytes(files[name])
    loaded = load_config(config_dir)
    plan = import_projects(
        Database(projected), path, owners=loaded.owners, by="t", now=NOW, dry_run=True
    ).plan
    assert (len(plan.new_projects), plan.unchanged_projects, plan.figures) == (0, 1, [])


def run(ctx, job, as_of: date = AS_OF):  # type: ignore[no-untyped-def]
    from tracker.app.jobs import run_job

    return run_job(ctx, job, as_of=as_of, clock=lambda: NOW)

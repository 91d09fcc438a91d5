"""A report job naming WeCom and DingTalk channels besides email: a real database, a real
report, a real SMTP server and robot servers in their own processes. Each channel and
recipient gets the month's report exactly once, however often the job runs."""

import json
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.delivery.mailserver import mail_server, settings_for
from tests.delivery.robots import SECRET, robot_server
from tracker.app.database import Database
from tracker.app.jobs import JobContext, run_job
from tracker.app.outbox import messages
from tracker.configuration.load import load_config
from tracker.configuration.smtp import SmtpSettings

pytestmark = pytest.mark.slow

AS_OF = date(2020, 7, 15)
NOW = datetime(2020, 7, 15, 1, 0, tzinfo=UTC)
BASE_URL = "https://stats.example.gov.cn/reports/"


def add_channels(config_dir: Path, wecom: str, dingtalk: str) -> dict[str, str]:
    recipients = config_dir / "recipients.toml"
    text = recipients.read_text(encoding="utf-8").replace(
        "leadership = [\n", 'leadership = [\n    "leaders-wecom",\n    "leaders-dingtalk",\n'
    )
    text += (
        f'\n[channels.leaders-wecom]\nkind = "wecom"\nwebhook = "{wecom}"\n'
        f'\n[channels.leaders-dingtalk]\nkind = "dingtalk"\nwebhook = "{dingtalk}"\n'
        'secret_env = "DINGTALK_SECRET"\n'
    )
    recipients.write_text(text, encoding="utf-8")
    return {"TRACKER_WEBHOOK_ALLOW_LOOPBACK": "1", "DINGTALK_SECRET": SECRET}


def test_each_channel_and_recipient_gets_the_report_once(
    reported, config_dir: Path, tmp_path: Path
) -> None:
    with (
        mail_server(tmp_path) as server,
        robot_server("wecom", tmp_path) as wecom,
        robot_server("dingtalk", tmp_path, script="limit,ok") as dingtalk,
    ):
        env = add_channels(config_dir, wecom.webhook, dingtalk.webhook)
        ctx = JobContext(
            Database(reported),
            load_config(config_dir, env=env).schedule,
            settings_for(server),
            tmp_path / "reports",
            "test",
            base_url=BASE_URL,
        )
        job = ctx.schedule.job("monthly-report")
        first = run_job(ctx, job, as_of=AS_OF, clock=lambda: NOW)
        # Later the same month: the rate-limited DingTalk message is retried, nothing else.
        again = run_job(ctx, job, as_of=date(2020, 7, 20), clock=lambda: NOW.replace(day=20))
        third = run_job(ctx, job, as_of=date(2020, 7, 21), clock=lambda: NOW.replace(day=21))
        delivered = Counter(("email", r) for m in server.received for r in m.recipients)
        for robot in (wecom, dingtalk):
            delivered.update((robot.kind, r["kind"]) for r in robot.posted())
        wecom_text = wecom.posted()[0]["body"]["markdown"]["content"]
    assert (first.queued, first.delivered.sent, first.delivered.retrying) == (4, 3, 1)
    assert (again.queued, again.delivered.sent, third.queued, third.delivered.sent) == (0, 1, 0, 0)
    assert delivered == {
        ("email", "leadership@example.gov.cn"): 1,
        ("email", "office@example.gov.cn"): 1,
        ("wecom", "wecom"): 1,
        ("dingtalk", "dingtalk"): 1,
    }
    assert sorted((m.channel, m.recipient, m.status) for m in messages(Database(reported))) == [
        ("dingtalk", "leaders-dingtalk", "sent"),
        ("email", "leadership@example.gov.cn", "sent"),
        ("email", "office@example.gov.cn", "sent"),
        ("wecom", "leaders-wecom", "sent"),
    ]
    lines = wecom_text.splitlines()
    assert lines[0] == "### 2020年6月目标进度：1项落后，6项逾期未报"
    assert any("区工信局" in line and "1.3个百分点" in line for line in lines)
    assert lines[-1] == f"[查看完整报告]({BASE_URL}2020-07-15/zh.html)"


def test_a_dry_run_writes_each_robots_message_as_the_json_it_posts(
    reported, config_dir: Path, tmp_path: Path
) -> None:
    env = add_channels(
        config_dir,
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
        "https://oapi.dingtalk.com/robot/send?access_token=t",
    )
    ctx = JobContext(
        Database(reported),
        load_config(config_dir, env=env).schedule,
        SmtpSettings(),
        tmp_path / "r",
        "test",
    )
    done = run_job(ctx, ctx.schedule.job("monthly-report"), as_of=AS_OF, clock=lambda: NOW,
                   dry_run=True)  # fmt: skip
    names = sorted(p.name for p in done.files)
    assert names == [
        "monthly-report-leaders-dingtalk.dingtalk.json",
        "monthly-report-leaders-wecom.wecom.json",
        "monthly-report-leadership@example.gov.cn.eml",
        "monthly-report-office@example.gov.cn.eml",
    ]
    wecom = json.loads((done.files[0].parent / names[1]).read_text(encoding="utf-8"))
    assert wecom["markdown"]["content"].startswith("### 2020年6月目标进度")
    assert messages(Database(reported)) == []  # a dry run queues nothing


def test_the_schedulers_sweep_retries_a_rate_limited_robot_message_once(
    reported, config_dir: Path, tmp_path: Path
) -> None:
    from tracker.scheduling.runner import Runner

    with (
        mail_server(tmp_path) as server,
        robot_server("wecom", tmp_path, script="limit,ok") as wecom,
        robot_server("dingtalk", tmp_path) as dingtalk,
    ):
        env = add_channels(config_dir, wecom.webhook, dingtalk.webhook)
        schedule = load_config(config_dir, env=env).schedule
        ctx = JobContext(Database(reported), schedule, settings_for(server), tmp_path / "r", "test")
        first = run_job(ctx, schedule.job("monthly-report"), as_of=AS_OF, clock=lambda: NOW)
        later = NOW.replace(hour=2)
        Runner(ctx, lambda: later).sweep()
        Runner(ctx, lambda: later).sweep()
        posted = (len(wecom.posted()), len(wecom.requests()), len(dingtalk.posted()))
    assert (first.delivered.sent, first.delivered.retrying) == (3, 1)
    assert posted == (1, 2, 1)
    assert all(m.status == "sent" for m in messages(Database(reported)))


def test_the_robots_mention_the_owner_of_a_lagging_goal_from_owners_toml(
    reported, config_dir: Path, tmp_path: Path
) -> None:
    from tracker.app.jobs import job_context

    owners = config_dir / "owners.toml"
    owners.write_text(
        owners.read_text(encoding="utf-8").replace(
            'name_zh = "区工信局"',
            'name_zh = "区工信局"\nwecom_user = "LiSi"\nmobile = "13900000000"',
        ),
        encoding="utf-8",
    )
    env = add_channels(
        config_dir,
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
        "https://oapi.dingtalk.com/robot/send?access_token=t",
    )
    config = load_config(config_dir, env=env)
    ctx = job_context(Database(reported), config=config, reports_dir=tmp_path / "r", by="test")
    done = run_job(ctx, ctx.schedule.job("monthly-report"), as_of=AS_OF, clock=lambda: NOW,
                   dry_run=True)  # fmt: skip
    posts = {p.name.split(".")[-2]: json.loads(p.read_text(encoding="utf-8")) for p in done.files
             if p.suffix == ".json"}  # fmt: skip
    wecom = posts["wecom"]["markdown"]["content"]
    (industry,) = [line for line in wecom.split("\n") if "区工信局" in line]
    assert industry.endswith(" <@LiSi>")  # lagging: 催办 its owner
    assert wecom.startswith("### 示范区2020年6月目标进度")  # the place named
    dingtalk = posts["dingtalk"]
    assert dingtalk["at"]["atMobiles"] == ["13900000000"]
    assert "区工信局）：落后，" in dingtalk["markdown"]["text"]
    assert "@13900000000" in dingtalk["markdown"]["text"]

"""``tracker config new DIR``: a commented skeleton config that a new place starts from."""

from pathlib import Path

from tracker.domain.errors import ConfigError

OWNERS = """\
# Owners (责任单位): the departments answerable for indicators. Indicators refer to an owner
# by its key (the part after "owners."). Add one table per department.

[owners.stats]
name_zh = "统计局"
name_en = "Statistics Bureau"
"""

INDICATORS = """\
# Indicators (指标): what is measured, how often, and who owns it. One table per indicator;
# the key (after "indicators.") is what `tracker record KEY` takes.
#
#   measure      growth (YTD growth or change, %), level (%), count (YTD cumulative), rank,
#                stock (a level at the period's end, e.g. patents held)
#   cadence      monthly, quarterly or annual
#   owner        a key of owners.toml
#   start_month  2 when the first monthly figure is January–February combined (default 1)
#   lag_days     days after a period ends by which its figure should be published (default 20)
#   range        plausible [minimum, maximum]; a figure outside it needs --force
#   decimals     decimals shown in tables and reports (default 1)

[indicators.gdp]
name_zh = "地区生产总值增速"
name_en = "GDP growth"
unit = "%"
measure = "growth"
cadence = "quarterly"
owner = "stats"
lag_days = 30
range = [-30, 50]
"""

GOALS = """\
# The {year} targets (年度目标), one table per indicator key of indicators.toml.
# A file per year: goals/{next}.toml holds next year's.
#
#   target      the number to reach (percent for rates, people for counts, places for ranks),
#               [low, high] with comparator = "between", "assigned" (set later by a superior,
#               with assigned_by = "city"), or "none" (tracked without a target)
#   comparator  at_least (the default), at_most, above / below (strictly), about, between
#   stretch     the 力争 number beside the 确保 target
#   reference   another indicator: scored as this figure minus its figure (同步: about 0)
#   tolerance   the band that still meets an "about" (左右) target (default 0)
#   warning     the band beyond it that is "at risk" (default: 1 point for rates, 10% of the
#               expected value for counts, 3 places for ranks)
#   basis       value (the default), change over last year's final figure, or same_period
#               (net increase over last year's same period)
#   indicator, on = "amount"   a second goal, with its own key, on an indicator's amount
#   pace        counts only: linear (the default) or seasonal (last year's shape)
#   label_zh, label_en   how the target is written in reports

[goals.gdp]
target = 6
tolerance = 0.5
label_zh = "6%左右"
label_en = "about 6%"
"""

SETTINGS = """\
# General settings (docs/configuration.md lists every key and its default).

[general]
timezone = "Asia/Shanghai"  # the zone of "today", of the times shown and of the schedule

[report]
language = "zh"  # the default report language: "zh" or "en" (`tracker report --lang` overrides)
# base_url = "https://stats.example.gov.cn/reports"  # where the reports folder is served:
#                                                      # emails link to the report there

[smtp]
# Every setting here can be overridden by the environment: TRACKER_SMTP_HOST, _PORT, _USER,
# _SECURITY, _FROM. The password is never written here: set TRACKER_SMTP_PASSWORD, or name a
# file holding it with password_file = "/etc/tracker/smtp-password".
host = "localhost"
security = "starttls"  # starttls (587), tls (465), or none (a local relay only)
from = "统计局 <stats@example.gov.cn>"
"""

SCHEDULE = """\
# Scheduled jobs, run by `tracker schedule start` (times in [general] timezone of tracker.toml).
#
#   kind        report: the status report to `recipients`; reminder: to each owner with
#               overdue figures
#   cron        "minute hour day-of-month month day-of-week", days of the week as names
#   period      month, week or day: what each recipient gets at most once
#   recipients  a list of recipients.toml [lists], or addresses
#   lang        zh or en;  charts: true or false;  enabled: false to keep a job but not run it
#   attach      "figures" (the year's figures, .xlsx), "briefing" (the report as a Word
#               briefing, .docx); for a reminder also "form"

misfire_grace_seconds = 21600  # a missed run less late than this runs at the next start

[jobs.overdue-reminder]
description = "Reminder to each owner whose figures are overdue"
kind = "reminder"
cron = "0 9 10 * *"
period = "month"
enabled = false  # set to true once recipients.toml has the owners' addresses

# [jobs.monthly-report]
# kind = "report"
# cron = "0 9 15 * *"
# recipients = "leadership"
"""

RECIPIENTS = """\
# Who receives what: 'name@domain' or 'Name <name@domain>', one per string.

[lists]
# leadership = ["领导 <leadership@example.gov.cn>"]

# Reminders go to the owners' addresses (keys as in owners.toml).
[owners]
stats = ["统计局 <stats@example.gov.cn>"]

# A WeCom or DingTalk group robot gets the report's summary when a list or a job names it
# (docs/delivery.md, "WeCom and DingTalk groups"):
# [channels.leaders-wecom]
# kind = "wecom"
# webhook = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=..."
"""


def write_skeleton(folder: Path, year: int) -> list[Path]:
    """Write a commented config for a new place into ``folder`` (created if absent), with
    goals for ``year``; returns the files written. ConfigError if ``folder`` holds anything
    or is a file."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ConfigError(
            f"{folder} 不是空文件夹，未写入任何文件；请换一个新文件夹 / "
            f"{folder} is not an empty folder, nothing was written; name a new folder"
        )
    files = {
        "owners.toml": OWNERS,
        "indicators.toml": INDICATORS,
        f"goals/{year}.toml": GOALS.format(year=year, next=year + 1),
        "tracker.toml": SETTINGS,
        "schedule.toml": SCHEDULE,
        "recipients.toml": RECIPIENTS,
    }
    written = []
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written

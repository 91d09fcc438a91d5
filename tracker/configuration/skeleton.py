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
#                stock (a level at the period's end, e.g. patents held), milestone (done on
#                a day: no unit, annual)
#   cadence      monthly, quarterly or annual
#   owner        a key of owners.toml
#   start_month  2 when the first monthly figure is January–February combined (default 1)
#   lag_days     days after a period ends by which its figure should be published (default 20)
#   range        plausible [minimum, maximum]; a figure outside it needs --force
#   decimals     decimals shown in tables and reports (default 0 for 人, 家, 项, ...; else 1)

[indicators.gdp]
name_zh = "地区生产总值增速"
name_en = "GDP growth"
unit = "%"
measure = "growth"
cadence = "quarterly"
owner = "stats"
lag_days = 30
range = [-30, 50]

# Examples of the other measures, used by the goals of goals/{year}.toml's examples: remove the
# "# " of a table's lines to use it.
#
# [indicators.jobs]          # a year-to-date count: paced through the year
# name_zh = "城镇新增就业"
# name_en = "New urban jobs"
# unit = "人"                # decimals default to 0 for 人, 家, 项, ...
# measure = "count"
# cadence = "monthly"
# start_month = 2
# owner = "stats"
#
# [indicators.firms]         # a stock: a level at the period's end (6月末)
# name_zh = "市场主体"
# name_en = "Market entities"
# unit = "家"
# measure = "stock"
# cadence = "monthly"
# owner = "stats"
#
# [indicators.trade]
# name_zh = "进出口总额增速"
# name_en = "Imports and exports, growth"
# unit = "%"
# measure = "growth"
# cadence = "monthly"
# start_month = 2
# owner = "stats"
#
# [indicators.plant]         # a milestone: done on a day (tracker record plant done --date D)
# name_zh = "重点项目建成投产"
# name_en = "Key plant in production"
# measure = "milestone"
# owner = "stats"
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
#   stretch     alone (no target): 力争 with no 确保 floor
#   reference   another indicator, or a place of places.toml ("city", "city:gdp")
#   rank_among  "peers" (same parent) or a group of places.toml; target: a band (前3: 3)
#   share_of    a place: this figure as a % of that place's (占全市比重)
#   due         a date inside the year: paced to it, final on it
#   weight      the goal's share in its owner's score (default 1)
#   indicator, on = "amount"   a second goal, with its own key, on an indicator's amount
#   pace        counts only: linear (the default) or seasonal (last year's shape)
#   label_zh, label_en   how the target is written in reports

[goals.gdp]
target = 6
tolerance = 0.5
label_zh = "6%左右"
label_en = "about 6%"

# Examples of every kind of target a work report sets (docs/targets.md): remove the "# " of a
# table's lines to use it, after the indicators it names (examples in indicators.toml). A
# second goal on an indicator has a key of its own and names the indicator it is on.
#
# [goals.jobs]               # 城镇新增就业5400人以上: a count, paced through the year
# target = 5400
# label_zh = "5400人以上"
# weight = 2                 # its share in its owner's score (tracker owners); default 1
#
# [goals.jobs_h1]            # 6月底前新增就业3000人: due inside the year
# indicator = "jobs"
# target = 3000
# due = {year}-06-30
#
# [goals.trade]              # 力争增长10%: a stretch alone, no 确保 floor
# stretch = 10
# label_zh = "力争增长10%"
#
# [goals.trade_floor]        # 确保6%，力争8%
# indicator = "trade"
# target = 6
# stretch = 8
#
# [goals.trade_range]        # 增长5%—6%
# indicator = "trade"
# comparator = "between"
# target = [5, 6]
#
# [goals.trade_positive]     # 保持正增长: 0.0 is not growth
# indicator = "trade"
# comparator = "above"
# target = 0
#
# [goals.trade_city]         # 高于全市平均水平 (needs places.toml: docs/places.md)
# indicator = "trade"
# reference = "city"
# comparator = "above"
# target = 0
#
# [goals.trade_rank]         # 位居全市前3: a band of ranks among the city's districts
# indicator = "trade"
# rank_among = "peers"       # or a [groups.NAME] of places.toml: 全省县域前十
# target = 3
#
# [goals.trade_assigned]     # 完成市下达目标: pending until the number arrives as a version
# indicator = "trade"
# target = "assigned"
# assigned_by = "city"
#
# [goals.trade_judged]       # 外贸外资促稳提质: no number; tracker judge trade_judged ...
# indicator = "trade"
# target = "qualitative"
# label_zh = "外贸外资促稳提质"
#
# [goals.firms]              # 净增1000家: a stock's net increase over last year's end
# basis = "change"
# target = 1000
#
# [goals.firms_share]        # 占全市比重达到30% (needs places.toml)
# indicator = "firms"
# share_of = "city"
# target = 30
#
# [goals.plant]              # 5月底建成投产: a milestone, lagging 30 days past due, then missed
# due = {year}-05-31
# label_zh = "5月底建成投产"
#
# [goals.gdp_version]        # a target changed during the year: a version, never an edit
# indicator = "gdp"
# target = 6
# [[goals.gdp_version.versions]]
# effective = {year}-04-26   # {year}-01-01 corrects a number mistyped when first set
# target = 5.5
# reason = "年中调整"
#
# A multi-year plan is a file of its own, plans/NAME.toml (docs/status-rules.md, "Plan goals"):
#
# name_zh = "十四五规划"
# name_en = "14th Five-Year Plan"
# years = [2021, 2025]
# [goals.gdp]
# basis = "annual_average"   # 年均增长6%; "end_level": 到2025年达到65%; "cumulative": 累计
# target = 6
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
        "indicators.toml": INDICATORS.format(year=year),
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

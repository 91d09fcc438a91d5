from datetime import date
from pathlib import Path

import pytest

from tests.conftest import CONFIG_DIR
from tests.scheduling.conftest import write_schedule
from tracker.configuration.addresses import valid_address
from tracker.configuration.load import check_config, load_config
from tracker.configuration.schedule import cron_problem
from tracker.domain.errors import ConfigError
from tracker.domain.runs import period_key


def test_the_shipped_schedule_loads() -> None:
    schedule = load_config(CONFIG_DIR).schedule
    assert schedule.timezone == "Asia/Shanghai"
    assert schedule.misfire_grace_seconds == 6 * 3600
    jobs = {j.name: j for j in schedule.jobs}
    assert (jobs["monthly-report"].cron, jobs["monthly-report"].period) == ("0 9 15 * *", "month")
    assert jobs["monthly-report"].recipients == (
        "区领导 <leadership@example.gov.cn>",
        "区政府办公室 <office@example.gov.cn>",
    )
    assert (jobs["overdue-reminder"].kind, jobs["overdue-reminder"].cron) == (
        "reminder",
        "0 9 10 * *",
    )
    assert not jobs["weekly-digest"].enabled
    assert schedule.owners["stats"] == ("区统计局 <stats@example.gov.cn>",)


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("stats@example.gov.cn", True),
        ("区统计局 <stats@example.gov.cn>", True),
        ("stats@@example.gov.cn", False),
        ("stats@localhost", False),
        ("a@x.cn, b@x.cn", False),
        ("stats example.gov.cn", False),
        ("stats@example..cn", False),
    ],
)
def test_addresses_are_checked(text: str, valid: bool) -> None:
    assert valid_address(text) is valid


def test_a_bad_address_names_the_file_and_line(config_dir: Path) -> None:
    path = config_dir / "recipients.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, 1) if "office@example.gov.cn" in line)
    path.write_text(
        path.read_text(encoding="utf-8").replace("office@example.gov.cn", "office@@example.gov.cn"),
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as error:
        check_config(config_dir)
    assert str(error.value) == (
        f"{path}:{number}: lists.leadership: '区政府办公室 <office@@example.gov.cn>' is not an "
        "email address; write name@domain or 'Name <name@domain>' (the address in ASCII), one "
        "per string"
    )


def test_an_address_not_in_ascii_is_refused_when_the_config_is_loaded(config_dir: Path) -> None:
    path = config_dir / "recipients.toml"
    text = path.read_text(encoding="utf-8").replace("office@example.gov.cn", "办公室@例子.中国")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="the address in ASCII"):
        check_config(config_dir)


def test_a_config_file_that_is_not_utf8_is_named(config_dir: Path) -> None:
    path = config_dir / "schedule.toml"
    path.write_bytes(path.read_bytes() + b"\xff\xfe")
    with pytest.raises(ConfigError, match=r"schedule\.toml is not UTF-8 text; save it as UTF-8"):
        check_config(config_dir)


def test_an_owner_unknown_to_owners_toml_is_refused(config_dir: Path) -> None:
    path = config_dir / "recipients.toml"
    with path.open("a", encoding="utf-8") as f:
        f.write('tourism = ["tourism@example.gov.cn"]\n')
    number = len(path.read_text(encoding="utf-8").splitlines())
    with pytest.raises(ConfigError, match=rf":{number}: owner 'tourism' is not defined in owners"):
        check_config(config_dir)


@pytest.mark.parametrize(
    ("job", "message"),
    [
        ('cron = "0 9 32 * *"\nrecipients = "leadership"', "cron '0 9 32 * *': "),
        ('cron = "0 9 * * 1"\nrecipients = "leadership"', "days of the week as names"),
        ('cron = "0 9 * *"\nrecipients = "leadership"', "write five fields"),
        ('cron = "0 9 1 * *"\nrecipients = "bosses"', "recipient 'bosses' is neither an address"),
        ('cron = "0 9 1 * *"\nrecipients = "leadership"\nperiod = "year"', "period 'year'"),
        ('recipients = "leadership"', "needs either cron"),
    ],
)
def test_a_bad_job_names_the_file_and_line(config_dir: Path, job: str, message: str) -> None:
    write_schedule(config_dir, f"[jobs.report]\n{job}\n")
    with pytest.raises(ConfigError) as error:
        check_config(config_dir)
    path = config_dir / "schedule.toml"
    where, _, said = str(error.value).partition(": ")
    assert where.startswith(f"{path}:")
    line = path.read_text(encoding="utf-8").splitlines()[int(where.rpartition(":")[2]) - 1]
    assert line in job or line == "[jobs.report]"  # the line that holds the mistake
    assert said.startswith("[jobs.report] ")
    assert message in said


def test_periods_name_what_one_run_covers() -> None:
    day = date(2020, 7, 15)
    assert [period_key(day, p) for p in ("month", "week", "day")] == [
        "2020-07",
        "2020-W29",
        "2020-07-15",
    ]


@pytest.mark.parametrize(
    "expression",
    [
        "0 9 15 * *", "0 9 * * mon", "*/15 8-18 * * mon-fri", "0 9 1,15 * *",
        "0 0 31 12 *", "5-55/10 * * 1-12/3 sat,sun", "0 9 last * *", "0 9 * * mon,wed,fri",
        "0 9 */31 * *", "0 9 * * fri-mon",
    ],
)  # fmt: skip
def test_a_cron_line_is_judged_as_apscheduler_judges_it(expression: str) -> None:
    from zoneinfo import ZoneInfo

    from apscheduler.triggers.cron import CronTrigger

    try:
        CronTrigger.from_crontab(expression, timezone=ZoneInfo("Asia/Shanghai"))
        accepted = True
    except ValueError:
        accepted = False
    assert (cron_problem(expression, "Asia/Shanghai") is None) is accepted


def test_loading_the_schedule_does_not_import_apscheduler_for_plain_cron_lines() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from tracker.configuration.load import "
        f"check_config; check_config(Path({str(CONFIG_DIR)!r}), env={{}}); "
        "print('apscheduler' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "False\n"

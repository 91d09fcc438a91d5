import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.configuration.conftest import change
from tests.conftest import CONFIG_DIR
from tracker.configuration import sections
from tracker.configuration.load import check_config, default_config, load_config
from tracker.domain.errors import ConfigError


def test_the_test_config_loads_into_one_immutable_object() -> None:
    config = load_config(CONFIG_DIR, env={})
    assert (len(config.owners), len(config.indicators), len(config.goals)) == (8, 12, 12)
    assert len(config.results) == 6
    assert (config.timezone, config.report_language) == ("Asia/Shanghai", "zh")
    assert config.schedule.timezone == config.timezone
    assert [j.name for j in config.schedule.jobs] == [
        "monthly-report", "overdue-reminder", "weekly-digest",
    ]  # fmt: skip
    assert config.smtp.host == "localhost"
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.timezone = "UTC"  # type: ignore[misc]


def test_the_time_zone_is_a_setting_of_tracker_toml(config: Path) -> None:
    change(config / "tracker.toml", 'timezone = "Asia/Shanghai"', 'timezone = "Asia/Urumqi"')
    loaded = load_config(config, env={})
    assert (loaded.timezone, loaded.schedule.timezone) == ("Asia/Urumqi", "Asia/Urumqi")


def test_a_file_saved_with_a_byte_order_mark_loads_as_it_reads(config: Path) -> None:
    # Windows Notepad saves "UTF-8" with a BOM; the problems keep their line numbers.
    path = config / "tracker.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_config(config, env={}).timezone == "Asia/Shanghai"
    line = change(path, 'timezone = "Asia/Shanghai"', 'timezone = "Asia/Nowhere"')
    with pytest.raises(ConfigError, match=rf"tracker\.toml:{line}: .*Asia/Nowhere"):
        check_config(config, env={})


def test_an_unknown_time_zone_is_refused_with_its_line(config: Path) -> None:
    path = config / "tracker.toml"
    line = change(path, 'timezone = "Asia/Shanghai"', 'timezone = "Asia/Shanghia"')
    with pytest.raises(ConfigError) as error:
        check_config(config, env={})
    assert str(error.value) == (
        f"{path}:{line}: [general] timezone 'Asia/Shanghia' is unknown; write an IANA zone "
        "name, e.g. Asia/Shanghai or Asia/Urumqi"
    )


def test_the_old_timezone_key_of_schedule_toml_says_where_it_moved(config: Path) -> None:
    path = config / "schedule.toml"
    line = change(
        path, "misfire_grace_seconds", 'timezone = "Asia/Shanghai"\nmisfire_grace_seconds'
    )
    with pytest.raises(ConfigError) as error:
        check_config(config, env={})
    assert str(error.value) == (
        f"{path}:{line}: 'timezone' has moved to tracker.toml: write it there as [general] "
        'timezone = "Asia/Shanghai" and remove it here'
    )


@pytest.mark.parametrize(
    ("file", "old", "new", "table", "hint"),
    [
        ("goals/2020.toml", "tolerance = 0.5", "tolerence = 0.5", "goals.gdp", "tolerance"),
        ("indicators.toml", "lag_days = 30", "lagdays = 30", "indicators.gdp", "lag_days"),
        ("results/2019.toml", "preliminary = true", "prelim = true", "results.gdp", "preliminary"),
        ("schedule.toml", 'kind = "report"', 'knd = "report"', "jobs.monthly-report", "kind"),
        ("tracker.toml", "max_attempts = 5", "max_attempt = 5", "smtp", "max_attempts"),
    ],
)
def test_an_unknown_key_is_refused_with_the_closest_known_one(
    config: Path, file: str, old: str, new: str, table: str, hint: str
) -> None:
    path = config / file
    line = change(path, old, new)
    key = new.partition(" =")[0]
    with pytest.raises(ConfigError) as error:
        check_config(config, env={})
    assert str(error.value) == (
        f"{path}:{line}: unknown key '{key}' in [{table}]; did you mean '{hint}'? "
        "(remove it or correct the spelling)"
    )


def test_every_problem_of_every_file_is_reported_at_once_with_its_line(config: Path) -> None:
    goals, indicators = config / "goals/2020.toml", config / "indicators.toml"
    settings, recipients = config / "tracker.toml", config / "recipients.toml"
    typo = change(goals, "tolerance = 0.5", "tolerence = 0.5")
    target = change(goals, "target = 8.5", 'target = "8.5"')
    owner = change(indicators, 'owner = "labour"', 'owner = "labor"')
    zone = change(settings, 'timezone = "Asia/Shanghai"', 'timezone = "Mars/Base"')
    address = change(recipients, "office@example.gov.cn", "office@@example.gov.cn")
    with pytest.raises(ConfigError) as error:
        check_config(config, env={})
    lines = str(error.value).splitlines()
    assert lines[0] == "配置有 5 处错误 / the config has 5 problems:"
    assert sorted(lines[1:]) == sorted(
        [
            f"{settings}:{zone}: [general] timezone 'Mars/Base' is unknown; write an IANA zone "
            "name, e.g. Asia/Shanghai or Asia/Urumqi",
            f"{indicators}:{owner}: [indicators.jobs] owner 'labor' is not defined in "
            "owners.toml; did you mean 'labour'?",
            f"{goals}:{typo}: unknown key 'tolerence' in [goals.gdp]; did you mean 'tolerance'? "
            "(remove it or correct the spelling)",
            f"{goals}:{target}: [goals.industry] 'target' must be a number",
            f"{recipients}:{address}: lists.leadership: '区政府办公室 <office@@example.gov.cn>' is "
            "not an email address; write name@domain or 'Name <name@domain>' (the address in "
            "ASCII), one per string",
        ]
    )


def test_a_goal_for_an_unknown_indicator_names_the_closest_one(config: Path) -> None:
    path = config / "goals/2020.toml"
    line = change(path, "[goals.retail]", "[goals.retial]")
    with pytest.raises(ConfigError) as error:
        check_config(config, env={})
    assert str(error.value) == (
        f"{path}:{line}: [goals.retial] no indicator 'retial' in indicators.toml; "
        "did you mean 'retail'?"
    )


def test_a_missing_folder_names_both_ways_out_in_chinese_and_english(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        check_config(tmp_path / "nowhere", env={})
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"配置文件夹 {tmp_path / 'nowhere'} 不存在")
    assert f"tracker config new {tmp_path / 'nowhere'}" in message
    assert "tracker init --demo" in message
    assert f"config folder {tmp_path / 'nowhere'} does not exist" in message


def test_a_missing_required_file_is_named(config: Path) -> None:
    (config / "owners.toml").unlink()
    with pytest.raises(ConfigError, match=r"owners\.toml is missing; the config folder needs it"):
        check_config(config, env={})


def test_the_optional_files_may_be_absent(config: Path) -> None:
    for name in ("tracker.toml", "schedule.toml", "recipients.toml"):
        (config / name).unlink()
    loaded = check_config(config, env={})
    assert (loaded.timezone, loaded.report_language, loaded.schedule.jobs) == (
        "Asia/Shanghai",
        "zh",
        (),
    )


def test_every_file_is_read_exactly_once(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[Path] = []
    real = sections.read_source

    def counted(path: Path, *args: object, **kwargs: bool) -> object:
        read.append(path)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sections, "read_source", counted)
    check_config(config, env={})
    assert sorted(read) == sorted(config.rglob("*.toml"))


def test_importing_the_loader_imports_no_heavy_library() -> None:
    code = (
        "import sys, tracker.configuration.load, tracker.cli.main; "
        "print([m for m in ('sqlalchemy', 'jinja2', 'apscheduler', 'babel') if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"


def test_a_toml_syntax_error_names_its_line_and_adds_no_problems_downstream(config: Path) -> None:
    path = config / "indicators.toml"
    line = change(path, "[indicators.gdp]", "[indicators.gdp")
    with pytest.raises(ConfigError) as error:
        check_config(config, env={})
    assert str(error.value) == (
        f"{path}:{line}: Expected ']' at the end of a table declaration; fix the TOML syntax there"
    )


def test_a_misspelt_table_is_refused_at_its_header(config: Path) -> None:
    path = config / "goals/2020.toml"
    line = change(path, "[goals.gdp]", "[goal.gdp]")
    with pytest.raises(ConfigError) as error:
        check_config(config, env={})
    assert str(error.value) == (
        f"{path}:{line}: unknown key 'goal' at the top of the file; did you mean 'goals'? "
        "(remove it or correct the spelling)"
    )


@pytest.mark.parametrize(
    ("file", "old", "new", "said"),
    [
        ("indicators.toml", "range = [-50, 100]", "range = [100, -50]", "larger number first"),
        (
            "indicators.toml",
            "start_month = 2\nowner",
            "decimals = -1\nowner",
            "'decimals' must be 0",
        ),
        (
            "indicators.toml",
            "start_month = 2\nowner",
            "lag_days = -5\nowner",
            "'lag_days' must be 0",
        ),
        ("indicators.toml", 'unit = "%"', 'unit = "' + "%" * 21 + '"', "shorten it to 20"),
        ("indicators.toml", "[indicators.industry]", "[indicators." + "i" * 65 + "]", "to 64"),
        ("goals/2020.toml", "tolerance = 0.5", "tolerance = -0.5", "'tolerance' = -0.5 must be 0"),
    ],
)
def test_a_value_the_rules_or_the_database_cannot_use_is_refused_with_its_line(
    config: Path, file: str, old: str, new: str, said: str
) -> None:
    # Each passed the check before and then broke a command: a reversed range refused every
    # figure, negative decimals showed 2.345 as 0, a 65-character key crashed `tracker init`.
    line = change(config / file, old, new)
    with pytest.raises(ConfigError, match=rf"{re.escape(file)}:{line}: .*{re.escape(said)}"):
        check_config(config, env={})


def test_the_reports_archive_address_is_read_without_its_trailing_slash(config: Path) -> None:
    assert load_config(config, env={}).report_base_url is None
    change(
        config / "tracker.toml",
        'language = "zh"',
        'language = "zh"\nbase_url = "https://stats.example.gov.cn/reports/"',
    )
    assert load_config(config, env={}).report_base_url == "https://stats.example.gov.cn/reports"


@pytest.mark.parametrize(
    "value",
    ['"stats.example.gov.cn/reports"', '"ftp://stats.example.gov.cn/"', '"https://"',
     '"https://x.gov.cn/r?month=6"', '"https://x.gov.cn/r#top"', '"https://x.gov.cn/my reports"',
     "42"],
)  # fmt: skip
def test_an_archive_address_that_is_not_one_is_refused_with_its_line(
    config: Path, value: str
) -> None:
    path = config / "tracker.toml"
    line = change(path, 'language = "zh"', f'language = "zh"\nbase_url = {value}') + 1
    with pytest.raises(ConfigError) as error:
        check_config(config, env={})
    message = str(error.value)
    assert message.startswith(f"{path}:{line}: [report] base_url ")
    assert "不是报告存档的网址" in message
    assert "is not the address of the reports archive" in message
    assert "\n" not in message


def test_a_section_is_parsed_when_first_read_with_the_sections_it_needs(config: Path) -> None:
    loaded = load_config(config, env={})
    assert loaded.sections.parsed() == ()
    assert loaded.places.home == "zone"
    assert loaded.timezone == "Asia/Shanghai"
    assert loaded.sections.parsed() == ("places", "general")
    assert len(loaded.goals) == 12
    assert set(loaded.sections.parsed()) == {
        "places", "general", "goals", "indicators", "indicator keys", "owners", "owner keys",
    }  # fmt: skip
    assert loaded.schedule.jobs[0].name == "monthly-report"
    assert {"schedule", "recipients"} <= set(loaded.sections.parsed())
    assert "results" not in loaded.sections.parsed()


def test_reading_a_section_raises_its_problems_and_those_it_is_read_with_only(
    config: Path,
) -> None:
    goals, indicators = config / "goals/2020.toml", config / "indicators.toml"
    settings, recipients = config / "tracker.toml", config / "recipients.toml"
    typo = change(goals, "tolerance = 0.5", "tolerence = 0.5")
    owner = change(indicators, 'owner = "labour"', 'owner = "labor"')
    zone = change(settings, 'timezone = "Asia/Shanghai"', 'timezone = "Mars/Base"')
    address = change(recipients, "office@example.gov.cn", "office@@example.gov.cn")
    loaded = load_config(config, env={})

    def problems(section: str) -> list[str]:
        with pytest.raises(ConfigError) as error:
            getattr(loaded, section)
        return [line.partition(": ")[0] for line in str(error.value).splitlines()]

    assert loaded.places.home == "zone"
    assert loaded.smtp.host == "localhost"
    assert problems("timezone") == [f"{settings}:{zone}"]
    assert problems("indicators") == [f"{indicators}:{owner}"]
    assert problems("goals")[1:] == [f"{indicators}:{owner}", f"{goals}:{typo}"]
    assert problems("schedule")[1:] == [f"{settings}:{zone}", f"{recipients}:{address}"]
    assert problems("goals") == problems("goals")  # asked again: the same problems
    assert problems("definitions") == problems("goals")  # the results have none


def test_a_config_folder_named_by_a_relative_path_reads_its_files(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(config.parent)
    loaded = check_config(Path(config.name), env={})
    assert (len(loaded.goals), len(loaded.results)) == (12, 6)


def test_without_a_folder_every_section_is_its_default() -> None:
    defaults = default_config(env={"TRACKER_SMTP_HOST": "mail.example.gov.cn"})
    assert (defaults.folder, defaults.timezone, defaults.report_language) == (
        None, "Asia/Shanghai", "zh",
    )  # fmt: skip
    assert (defaults.owners, defaults.indicators, defaults.goals, defaults.results) == (
        (), (), (), (),
    )  # fmt: skip
    assert (defaults.schedule.jobs, dict(defaults.schedule.lists)) == ((), {})
    assert defaults.places.single
    assert defaults.smtp.host == "mail.example.gov.cn"
    assert defaults.check() is defaults

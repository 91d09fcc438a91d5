import json
import os
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from tests.cli.conftest import Run
from tests.helpers import snapshot
from tracker.cli.main import app
from tracker.store.db import make_engine


def test_init_loads_the_twelve_goals_and_the_2019_results(run: Run) -> None:
    result = run("init")
    assert result.exit_code == 0
    assert "Loaded 12 indicators and 12 goals" in result.stdout
    assert "Known results: 6 added, 0 already stored" in result.stdout


def test_init_again_updates_definitions_and_keeps_every_entry(initialised: Run) -> None:
    initialised("record", "industry", "7.1", "--period", "2020-06")
    result = initialised("init")
    assert result.exit_code == 0
    assert "Known results: 0 added, 6 already stored" in result.stdout
    history = initialised("history", "industry")
    assert "7.1" in history.stdout
    assert "8.6" in history.stdout


def test_goals_lists_every_indicator_with_its_target(initialised: Run) -> None:
    result = initialised("goals")
    assert result.exit_code == 0
    for key in (
        "gdp",
        "industry",
        "fai",
        "retail",
        "revenue",
        "cpi",
        "urbanization",
        "energy",
        "trade",
        "income",
        "jobs",
        "rank",
    ):
        assert key in result.stdout
    assert "4300人以上" in result.stdout
    assert "monthly from Jan–Feb" in result.stdout


def test_record_accepts_values_as_people_type_them(initialised: Run) -> None:
    assert initialised("record", "fai", "１２．５％", "-p", "2020-06").stdout == (
        "Recorded fai 2020-06 = 12.5\n"
    )
    assert initialised("record", "gdp", "−2.6", "-p", "2020-Q1").stdout == (
        "Recorded gdp 2020-Q1 = -2.6\n"
    )
    assert initialised("record", "jobs", "1,234", "-p", "2020-03").stdout == (
        "Recorded jobs 2020-03 = 1234\n"
    )
    assert initialised("record", "retail", "-3.5", "-p", "2020-06").exit_code == 0


def test_a_revision_needs_a_reason_and_shows_in_history(initialised: Run) -> None:
    initialised("record", "industry", "7.6", "-p", "2020-05")
    refused = initialised("record", "industry", "7.9", "-p", "2020-05", "--revise")
    assert refused.exit_code == 1
    assert "--revise needs --reason" in refused.stderr
    revised = initialised(
        "record", "industry", "7.9", "-p", "2020-05", "--revise", "--reason", "更正", "--by", "王芳"
    )
    assert revised.stdout == "Revised industry 2020-05: 7.6 → 7.9 (revision 2)\n"
    history = initialised("history", "industry", "--period", "2020-05")
    assert "王芳" in history.stdout
    assert "更正" in history.stdout
    assert history.stdout.index("7.6") < history.stdout.index("7.9")


def test_refusals_print_one_line_exit_1_and_change_nothing(
    initialised: Run, database_url: str
) -> None:
    engine: Engine = make_engine(database_url)
    initialised("record", "fai", "9", "-p", "2020-06")
    before = snapshot(engine)
    for args, words in [
        (("record", "industry", "abc", "-p", "2020-06"), "'abc' is not a number"),
        (("record", "industri", "8", "-p", "2020-06"), "Did you mean: industry"),
        (("record", "gdp", "8", "-p", "2020-06"), "quarterly"),
        (("record", "industry", "800", "-p", "2020-06"), "plausible range"),
        (("record", "fai", "9.5", "-p", "2020-06"), "already recorded"),
        (("record", "fai", "9.5", "-p", "2020-06", "--reason", "x"), "--reason goes with --revise"),
        (("history", "nosuch"), "No indicator 'nosuch'"),
        (("status", "--as-of", "2020-13-01"), "not a date"),
    ]:
        result = initialised(*args)
        assert result.exit_code == 1, args
        assert result.stderr.startswith("Error: ")
        assert words in result.stderr
        assert "Traceback" not in result.output
        _english, chinese = result.stderr.strip().splitlines()  # one line in each language
        assert chinese.startswith("错误：")
    assert snapshot(engine) == before
    engine.dispose()


def test_commands_on_an_empty_database_say_to_run_init(run: Run) -> None:
    result = run("status", "--as-of", "2020-07-20")
    assert result.exit_code == 1
    assert "`tracker init`" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("status", "--as-of", "2020-07-20"),
        ("goals",),
        ("history", "industry"),
        ("record", "industry", "5.5", "--period", "2020-06"),
        ("outbox",),
    ],
)
def test_a_mistyped_database_file_is_named_and_never_created(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    typo = tmp_path / "trakcer" / "tracker.db"
    result = CliRunner().invoke(app, ["--db", f"sqlite:///{typo}", *args])
    assert result.exit_code == 1, result.output
    assert f"no database at {typo}; `tracker init` creates it" in result.stderr
    assert "Traceback" not in result.output
    assert not typo.parent.exists()


@pytest.mark.parametrize(
    ("args", "shown"), [(("info",), "database:   "), (("db", "current"), "Database: ")]
)
def test_info_and_db_current_say_a_database_file_does_not_exist_yet_and_make_none(
    tmp_path: Path, args: tuple[str, ...], shown: str
) -> None:
    typo = tmp_path / "trakcer" / "tracker.db"
    result = CliRunner().invoke(app, ["--db", f"sqlite:///{typo}", *args])
    assert result.exit_code == 0, result.output
    assert f"{shown}sqlite:///{typo} (does not exist yet)" in result.stdout
    assert not typo.parent.exists()


def test_status_json_has_the_documented_keys(initialised: Run) -> None:
    initialised("record", "industry", "7.2", "-p", "2020-06")
    initialised("record", "jobs", "2,200", "-p", "2020-06")
    result = initialised("status", "--as-of", "2020-07-20", "--json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["as_of"] == "2020-07-20"
    goals = {g["key"]: g for g in document["goals"]}
    assert len(goals) == 12
    for item in goals.values():
        assert {"key", "status", "period", "value", "target", "expected", "gap", "overdue"} <= set(
            item
        )
        assert item["status"] in {"achieved", "on_track", "at_risk", "lagging", "missed", "no_data"}
    assert (goals["industry"]["status"], goals["industry"]["gap"]) == ("lagging", "-1.3")
    assert (goals["jobs"]["status"], goals["jobs"]["expected"]) == ("on_track", "2150")
    assert goals["jobs"]["required_per_month"] == "350"  # (4300 − 2200) / 6 months
    assert goals["retail"]["status"] == "no_data"
    assert goals["retail"]["overdue"] is True


def test_status_exits_0_whatever_the_statuses(initialised: Run) -> None:
    initialised("record", "industry", "2.0", "-p", "2020-06")
    result = initialised("status", "--as-of", "2020-07-20")
    assert result.exit_code == 0
    assert "落后 lagging" in result.stdout


def test_status_of_another_year_is_chosen_with_year(initialised: Run) -> None:
    result = initialised("status", "--as-of", "2021-01-15", "--year", "2019", "--json")
    assert json.loads(result.stdout)["goals"] == []
    assert initialised("status", "--as-of", "2021-01-15", "--year", "2020").exit_code == 0


def test_info_shows_backend_config_and_counts(initialised: Run) -> None:
    result = initialised("info")
    assert result.exit_code == 0
    assert "12 indicators, 12 goals, 6 figures, 6 revisions" in result.stdout
    assert "config:" in result.stdout


def test_the_database_comes_from_the_environment_when_no_option_is_given(
    database_url: str,
) -> None:
    from typer.testing import CliRunner

    from tracker.cli.main import app

    result = CliRunner().invoke(app, ["info"], env={"TRACKER_DATABASE_URL": database_url})
    assert result.exit_code == 0
    shown = "does not exist yet" if database_url.startswith("sqlite") else "no tables yet"
    assert shown in result.stdout
    assert os.environ.get("TRACKER_DATABASE_URL") != database_url


def test_an_implausible_date_or_a_folder_for_a_file_is_one_line_of_error(
    initialised: Run, tmp_path
) -> None:
    folder = tmp_path / "figures.csv"  # a folder with a file's name
    folder.mkdir()
    report_folder = tmp_path / "report.html"
    report_folder.mkdir()
    for args, words in [
        (("status", "--as-of", "0001-01-01"), "implausible year"),
        (("report", "--as-of", "2020-07-20", "-o", str(report_folder)), "check the path"),
        (("export", "-o", str(folder)), "check the path"),
    ]:
        result = initialised(*args)
        assert result.exit_code == 1, (args, result.output)
        assert result.stderr.startswith("Error: ")
        assert words in result.stderr

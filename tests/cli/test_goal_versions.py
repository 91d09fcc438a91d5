"""Goals that change during the year: versions in config and from `tracker goals revise`,
`tracker init` refusing an edited number, retired goals (docs/status-rules.md)."""

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.cli.conftest import Run
from tests.helpers import snapshot

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "nation-2022"
VERSION = """
[[goals.gdp.versions]]
effective = 2022-07-15
target = 5
reason = "年中调整"
label_zh = "增长5%左右"
"""


@pytest.fixture
def config(tmp_path: Path) -> Path:
    folder = tmp_path / "config"
    shutil.copytree(EXAMPLE, folder)
    return folder


@pytest.fixture
def loaded(run: Run, config: Path) -> Run:
    result = run("--config", str(config), "init")
    assert result.exit_code == 0, result.output
    assert run("record", "gdp", "4.8", "-p", "2022-Q1").exit_code == 0
    return run


def gdp(run: Run, as_of: str) -> dict[str, object]:
    result = run("status", "--as-of", as_of, "--json", "--year", "2022")
    assert result.exit_code == 0, result.output
    return next(g for g in json.loads(result.stdout)["goals"] if g["key"] == "gdp")


def goals_file(config: Path) -> Path:
    return config / "goals" / "2022.toml"


def test_a_version_in_config_applies_from_its_date(loaded: Run, config: Path) -> None:
    goals_file(config).write_text(goals_file(config).read_text() + VERSION, encoding="utf-8")
    assert loaded("--config", str(config), "init").exit_code == 0
    before, after = gdp(loaded, "2022-07-14"), gdp(loaded, "2022-07-15")
    assert (before["target"], before["status"], before["goal_version"]) == ("5.5", "at_risk", None)
    assert (after["target"], after["status"], after["goal_version"]) == (
        "5",
        "on_track",
        "2022-07-15",
    )
    history = loaded("goals", "--history", "gdp").stdout
    assert "2022-07-15" in history
    assert "年中调整" in history


def test_the_report_says_what_changed_and_when(loaded: Run, config: Path) -> None:
    goals_file(config).write_text(goals_file(config).read_text() + VERSION, encoding="utf-8")
    loaded("--config", str(config), "init")
    zh = loaded("report", "--as-of", "2022-07-31", "-f", "text", "-o", "-").stdout
    assert "目标 增长5%左右（目标于2022年7月15日由增长5.5%左右调整）" in zh
    en = loaded("report", "--as-of", "2022-07-31", "-f", "text", "-o", "-", "--lang", "en")
    assert "(changed on July 15, 2022 from about 5.5%)" in en.stdout


def test_init_refuses_a_number_edited_without_a_version_and_shows_the_version_to_add(
    loaded: Run, config: Path, engine: Engine
) -> None:
    before = snapshot(engine)
    text = goals_file(config).read_text(encoding="utf-8")
    goals_file(config).write_text(text.replace("target = 5.5", "target = 5", 1), encoding="utf-8")
    result = loaded("--config", str(config), "init")
    assert result.exit_code == 1
    assert "goal gdp 2022: target changed" in result.stderr
    assert "[[goals.gdp.versions]]" in result.stderr
    assert "target = 5\n" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(engine) == before


def test_a_goal_removed_from_config_is_retired_with_its_history(loaded: Run, config: Path) -> None:
    text = goals_file(config).read_text(encoding="utf-8")
    start = text.index("[goals.grain]")
    end = text.index("[goals.pollutants]")
    goals_file(config).write_text(text[:start] + text[end:], encoding="utf-8")
    result = loaded("--config", str(config), "init")
    assert result.exit_code == 0, result.output
    assert "Retired 1 goal no longer in the config" in result.stdout
    assert result.stdout.rstrip().endswith(": grain 2022")
    keys = [g["key"] for g in json.loads(loaded("status", "--json").stdout)["goals"]]
    assert "grain" not in keys
    assert "grain (retired 已退出)" in loaded("goals").stdout
    goals_file(config).write_text(text, encoding="utf-8")  # back in the config: reported again
    assert loaded("--config", str(config), "init").exit_code == 0
    assert "grain (retired" not in loaded("goals").stdout


def test_revise_adds_a_version_and_leaves_earlier_dates_alone(loaded: Run) -> None:
    result = loaded(
        "goals", "revise", "gdp", "--target", "5", "--effective", "2022-07-15",
        "--reason", "年中调整",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Revised gdp 2022 from 2022-07-15" in result.stdout
    assert gdp(loaded, "2022-07-14")["target"] == "5.5"
    assert gdp(loaded, "2022-07-15")["target"] == "5"
    assert gdp(loaded, "2023-03-01")["target"] == "5"  # the year-end version decides


def test_revise_gives_an_assigned_goal_its_number(loaded: Run) -> None:
    assert loaded("record", "trade", "9.4", "-p", "2022-06").exit_code == 0
    result = loaded(
        "goals", "revise", "trade", "--target", "5", "--effective", "2022-08-10",
        "--reason", "省下达",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    status = json.loads(loaded("status", "--as-of", "2022-08-10", "--json").stdout)
    trade = next(g for g in status["goals"] if g["key"] == "trade")
    assert (trade["status"], trade["target"]) == ("on_track", "5")
    before = json.loads(loaded("status", "--as-of", "2022-08-09", "--json").stdout)
    assert next(g for g in before["goals"] if g["key"] == "trade")["status"] == "pending"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--effective", "2023-02-01", "--year", "2022"], "is outside 2022"),
        (["--effective", "2021-12-31", "--year", "2022"], "is outside 2022"),
        (["--effective", "2022-05-01", "--target", "6"], "nothing to revise"),
        (["--effective", "2022-05-01", "--target", "abc"], "abc"),
        (["--effective", "2022-05-01", "--reason", " "], "needs --reason"),
        (["--effective", "2022-05-01", "--stretch", "4"], "must be above the target"),
    ],
)
def test_revise_refuses_a_bad_revision_and_changes_nothing(
    loaded: Run, engine: Engine, args: list[str], words: str
) -> None:
    before = snapshot(engine)
    full = ["goals", "revise", "revenue", "--target", "7", "--reason", "调整", *args]
    result = loaded(*full)
    assert result.exit_code == 1
    assert words in result.stderr
    assert snapshot(engine) == before


def test_revise_refuses_a_date_before_the_latest_version(loaded: Run) -> None:
    first = ["goals", "revise", "gdp", "--target", "5", "--reason", "调整"]
    assert loaded(*first, "--effective", "2022-07-15").exit_code == 0
    result = loaded(*first, "--effective", "2022-07-01")
    assert result.exit_code == 1
    assert "is not after the latest version of gdp (2022-07-15)" in result.stderr


def test_revise_refuses_an_unknown_goal(loaded: Run) -> None:
    result = loaded(
        "goals", "revise", "gpd", "--target", "5", "--effective", "2022-05-01", "--reason", "x"
    )
    assert result.exit_code == 1
    assert "no goal 'gpd' for 2022" in result.stderr


@pytest.mark.parametrize(
    ("version", "words"),
    [
        ('[[goals.gdp.versions]]\ntarget = 5\nreason = "x"\n', "'effective' must be a date"),
        (VERSION + VERSION, "two versions take effect on 2022-07-15"),
        ('[[goals.gdp.versions]]\neffective = 2023-03-01\ntarget = 5\nreason = "x"\n', "2023"),
        ("[[goals.gdp.versions]]\neffective = 2022-03-01\ntarget = 5\n", "'reason'"),
        ('[[goals.gdp.versions]]\neffective = 2022-03-01\nunit = "%"\nreason = "x"\n', "unit"),
    ],
)
def test_a_bad_version_in_config_is_refused_with_its_line(
    run: Run, config: Path, version: str, words: str
) -> None:
    goals_file(config).write_text(goals_file(config).read_text() + version, encoding="utf-8")
    result = run("--config", str(config), "init")
    assert result.exit_code == 1
    assert words in result.stderr
    assert f"{goals_file(config)}:" in result.stderr


def test_revise_can_turn_a_range_into_another_range(loaded: Run) -> None:
    assert loaded("record", "industry", "5.2", "-p", "2022-06").exit_code == 0
    result = loaded(
        "goals", "revise", "industry", "--target", "5.5-6.5", "--effective", "2022-07-01",
        "--reason", "调整",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    status = json.loads(loaded("status", "--as-of", "2022-07-31", "--json").stdout)
    industry = next(g for g in status["goals"] if g["key"] == "industry")
    assert (industry["target"], industry["gap"]) == (["5.5", "6.5"], "-0.3")
    refused = loaded(
        "goals", "revise", "industry", "--target", "6", "--effective", "2022-08-01",
        "--reason", "调整",
    )  # fmt: skip
    assert refused.exit_code == 1
    assert "is a range; give both ends" in refused.stderr

"""Figures and goals per place through the commands, on both backends (docs/places.md)."""

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from tests.cli.conftest import Run
from tests.conftest import CONFIG_DIR
from tests.helpers import snapshot


@pytest.fixture
def city(tmp_path: Path, run: Run, migrated: str) -> Run:
    """The tests' config with 2020 goals for the East District too, loaded."""
    config = tmp_path / "config"
    shutil.copytree(CONFIG_DIR, config)
    (config / "goals" / "east").mkdir()
    (config / "goals" / "east" / "2020.toml").write_text(
        "[goals.industry]\ntarget = 7\n", encoding="utf-8"
    )

    def with_config(*args: str) -> object:
        return run("--config", str(config), *args)

    result = with_config("init")
    assert result.exit_code == 0, result.output
    return with_config  # type: ignore[return-value]


def test_a_figure_of_another_place_is_its_own(city: Run) -> None:
    assert city("record", "industry", "6.1", "-p", "2020-06").exit_code == 0
    done = city("record", "industry", "7.4", "-p", "2020-06", "--place", "east")
    assert done.exit_code == 0, done.output
    assert "Recorded industry 东城区 (East District) 2020-06 = 7.4" in done.stdout
    by_name = city("record", "industry", "7.6", "-p", "2020-06", "--place", "东城区")
    assert by_name.exit_code == 1  # recorded already: a revision needs --revise
    assert "already recorded as 7.4" in by_name.output
    home = city("history", "industry").stdout
    east = city("history", "industry", "--place", "east").stdout
    assert "6.1" in home
    assert "7.4" not in home
    assert "7.4" in east
    assert "6.1" not in east


def test_status_of_a_place_scores_its_own_goals_and_figures(city: Run) -> None:
    city("record", "industry", "6.1", "-p", "2020-06")
    city("record", "industry", "7.4", "-p", "2020-06", "--place", "east")
    result = city("status", "--as-of", "2020-07-20", "--place", "east", "--json")
    assert result.exit_code == 0, result.output
    goals = json.loads(result.stdout)["goals"]
    assert [(g["key"], g["value"], g["target"]) for g in goals] == [("industry", "7.4", "7")]
    home = json.loads(city("status", "--as-of", "2020-07-20", "--json").stdout)["goals"]
    assert next(g for g in home if g["key"] == "industry")["value"] == "6.1"


def test_withdrawing_a_figure_of_a_place_leaves_home_alone(city: Run) -> None:
    city("record", "industry", "6.1", "-p", "2020-06")
    city("record", "industry", "7.4", "-p", "2020-06", "--place", "east")
    done = city("withdraw", "industry", "-p", "2020-06", "--reason", "wrong", "--place", "east")
    assert done.exit_code == 0, done.output
    assert "`tracker history industry --place east`" in done.stdout
    assert "6.1" in city("history", "industry").stdout


@pytest.mark.parametrize(
    "command",
    [
        ("record", "industry", "6.1", "-p", "2020-06", "--place", "easst"),
        ("withdraw", "industry", "-p", "2020-06", "--reason", "x", "--place", "easst"),
        ("history", "industry", "--place", "easst"),
        ("status", "--place", "easst"),
    ],
)
def test_an_unknown_place_is_refused_with_the_close_match(
    city: Run, database_url: str, command: tuple[str, ...]
) -> None:
    engine = create_engine(database_url)
    before = snapshot(engine)
    result = city(*command)
    assert result.exit_code == 1
    assert "no place 'easst' in places.toml; did you mean east" in result.output
    assert "places.toml 中没有地区“easst”" in result.output
    assert "Traceback" not in result.output
    assert snapshot(engine) == before
    engine.dispose()

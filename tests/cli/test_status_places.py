"""Goals relative to another place, rank goals and ``status --all-places`` through the
commands, on both backends (docs/status-rules.md, "Places and peers")."""

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from tests.cli.conftest import Run
from tests.conftest import CONFIG_DIR
from tests.helpers import snapshot

# The zone (home) ranks its industry among the city's districts and is to grow 1 point
# faster than the city; the East District has a goal of its own.
ZONE_GOALS = """
[goals.industry_rank]
indicator = "industry"
rank_among = "peers"
comparator = "at_most"
target = 2
label_zh = "位居全市前2"

[goals.industry_city]
indicator = "industry"
reference = "city"
target = 1
label_zh = "高于全市1个百分点"
"""


@pytest.fixture
def city(tmp_path: Path, run: Run, migrated: str) -> Run:
    """The tests' config with the zone's rank and relative goals, and a goal of the East
    District, loaded; the June industry figures of the city and four of its five districts."""
    config = tmp_path / "config"
    shutil.copytree(CONFIG_DIR, config)
    goals = config / "goals" / "2020.toml"
    goals.write_text(goals.read_text(encoding="utf-8") + ZONE_GOALS, encoding="utf-8")
    (config / "goals" / "east").mkdir()
    (config / "goals" / "east" / "2020.toml").write_text(
        "[goals.industry]\ntarget = 7\n", encoding="utf-8"
    )

    def with_config(*args: str) -> object:
        return run("--config", str(config), *args)

    result = with_config("init")
    assert result.exit_code == 0, result.output
    for place, value in (("zone", "6.1"), ("city", "5.6"), ("east", "7.4"), ("west", "6.1"),
                         ("south", "4.9")):  # fmt: skip
        done = with_config("record", "industry", value, "-p", "2020-06", "--place", place)
        assert done.exit_code == 0, done.output
    return with_config  # type: ignore[return-value]


def _goals(result: object) -> dict[str, dict[str, object]]:
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    return {g["key"]: g for g in json.loads(result.stdout)["goals"]}  # type: ignore[attr-defined]


def test_a_goal_relative_to_the_city_scores_the_difference_in_points(city: Run) -> None:
    goal = _goals(city("status", "--as-of", "2020-07-20", "--json"))["industry_city"]
    assert (goal["score"], goal["status"]) == ("0.5", "at_risk")  # 6.1 − 5.6 against 1


def test_a_rank_goal_is_scored_by_the_rank_among_the_peers_reporting(city: Run) -> None:
    goal = _goals(city("status", "--as-of", "2020-07-20", "--json"))["industry_rank"]
    assert (goal["score"], goal["status"]) == ("2", "on_track")  # east 7.4, zone and west 6.1


def test_the_status_table_shows_the_rank_and_names_the_peers_without_a_figure(
    city: Run,
) -> None:
    out = city("status", "--as-of", "2020-07-20", "--wide").stdout
    assert "6.1 #2/4" in out
    assert "未报送 not reported: 北山县 Beishan County" in out


def test_a_missing_city_figure_is_named_with_the_city(city: Run) -> None:
    city("record", "industry", "6.5", "-p", "2020-07")
    out = city("status", "--as-of", "2020-08-20", "--wide").stdout
    assert "缺少全市 the City industry 2020-07数据" in out


def test_a_peer_ranks_the_zone_too_when_its_own_status_is_asked(city: Run) -> None:
    city("record", "industry", "8.0", "-p", "2020-06", "--place", "north")
    goal = _goals(city("status", "--as-of", "2020-07-20", "--json"))["industry_rank"]
    assert (goal["score"], goal["status"]) == ("3", "at_risk")


def test_status_of_every_place_groups_the_goals_by_place(city: Run) -> None:
    result = city("status", "--as-of", "2020-07-20", "--all-places", "--json")
    assert result.exit_code == 0, result.output
    places = json.loads(result.stdout)["places"]
    assert [p["place"] for p in places] == ["zone", "east"]
    east = places[1]["goals"]
    assert [(g["key"], g["value"], g["status"]) for g in east] == [("industry", "7.4", "on_track")]
    zone = {g["key"]: g for g in places[0]["goals"]}
    assert zone["industry_rank"]["score"] == "2"
    table = city("status", "--as-of", "2020-07-20", "--all-places", "--wide").stdout
    assert table.index("地区 / place: 示范区 the Zone") < table.index("地区 / place: 东城区")


def test_all_places_and_one_place_together_are_refused(city: Run, database_url: str) -> None:
    engine = create_engine(database_url)
    before = snapshot(engine)
    result = city("status", "--all-places", "--place", "east")
    assert result.exit_code == 1
    assert "--place and --all-places cannot be combined" in result.output
    assert "不能同时使用" in result.output
    assert "Traceback" not in result.output
    assert snapshot(engine) == before
    engine.dispose()

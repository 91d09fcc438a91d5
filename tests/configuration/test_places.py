"""places.toml: the home place, parents, peers; goals and results per place; each refusal with
its file and line (docs/places.md)."""

from pathlib import Path

import pytest

from tests.configuration.conftest import change
from tracker.configuration.load import check_config, load_config
from tracker.domain.errors import ConfigError
from tracker.domain.places import HOME, Places, UnknownPlace


def refusal(config: Path) -> str:
    with pytest.raises(ConfigError) as error:
        check_config(config, env={})
    return str(error.value)


def test_it_reads_the_home_place_its_parents_and_its_peers(config: Path) -> None:
    places = load_config(config, env={}).places
    assert places.home == "zone"
    assert places.parent("zone") is not None
    assert [p.key for p in places.peers("zone")] == ["zone", "east", "west", "south", "north"]
    assert places.parent("nation") is None
    assert [p.key for p in places.peers("nation")] == ["nation"]
    assert (places.stored("zone"), places.stored(None), places.stored("东城区")) == (
        HOME,
        HOME,
        "east",
    )
    assert places.configured(HOME) == "zone"


def test_without_places_toml_the_home_place_is_the_only_one(config: Path) -> None:
    (config / "places.toml").unlink()
    places = load_config(config, env={}).places
    assert places == Places()
    assert places.single
    with pytest.raises(UnknownPlace) as error:
        places.stored("city")
    assert error.value.zh is not None
    assert "city" in error.value.zh


def test_an_unknown_place_names_the_close_matches(config: Path) -> None:
    places = load_config(config, env={}).places
    with pytest.raises(UnknownPlace) as error:
        places.stored("easst")
    assert "did you mean east" in str(error.value)


def test_a_parent_that_is_not_configured_is_refused_with_its_line(config: Path) -> None:
    path = config / "places.toml"
    line = change(path, 'parent = "province"', 'parent = "provnice"')
    assert f"{path}:{line}: [places.city] parent 'provnice' is not a configured place; " in (
        refusal(config)
    )
    assert "did you mean 'province'?" in refusal(config)


def test_a_parent_chain_that_loops_is_refused_once(config: Path) -> None:
    path = config / "places.toml"
    change(path, 'name_en = "China"', 'name_en = "China"\nparent = "city"')
    message = refusal(config)
    assert message.count("go round in a loop") == 1
    assert "city → province → nation → city" in message


def test_two_homes_are_refused(config: Path) -> None:
    path = config / "places.toml"
    line = change(path, 'home = "zone"', 'home = ["zone", "east"]')
    assert f"{path}:{line}: home names 2 places; a database has one home place" in refusal(config)


def test_a_home_that_is_no_place_is_refused(config: Path) -> None:
    change(config / "places.toml", 'home = "zone"', 'home = "zon"')
    assert "home = 'zon' is not a [places.KEY] table; did you mean 'zone'?" in refusal(config)


def test_a_file_without_a_home_is_refused(config: Path) -> None:
    change(config / "places.toml", 'home = "zone"', "")
    assert 'name the home place at the top of the file, e.g. home = "zone"' in refusal(config)


def test_goals_of_another_place_are_read_from_its_folder(config: Path) -> None:
    folder = config / "goals" / "east"
    folder.mkdir()
    (folder / "2020.toml").write_text("[goals.gdp]\ntarget = 7\n", encoding="utf-8")
    goals = load_config(config, env={}).goals
    assert [g.indicator.key for g in goals if g.place == "east"] == ["gdp"]
    assert all(g.place == HOME for g in goals if g.target != 7)


def test_a_goals_folder_naming_no_place_is_refused(config: Path) -> None:
    (config / "goals" / "easst").mkdir()
    assert "the folder easst/ names no place of places.toml; did you mean 'east'?" in refusal(
        config
    )


def test_the_home_places_own_key_names_its_folder_too(config: Path) -> None:
    folder = config / "results" / "zone"
    folder.mkdir()
    (folder / "2018.toml").write_text("[results.gdp]\nvalue = 9\n", encoding="utf-8")
    results = load_config(config, env={}).results
    assert [(r.key, r.place) for r in results if r.period.year == 2018] == [("gdp", HOME)]


@pytest.mark.parametrize(
    ("old", "new", "key", "name", "other"),
    [
        ('name_zh = "西城区"', 'name_zh = "东城区"', "name_zh", "东城区", "east"),
        ('name_en = "West District"', 'name_en = "East District"', "name_en", "East District",
         "east"),
        ('name_en = "West District"', 'name_en = "east district "', "name_en", "east district",
         "east"),
        ('name_en = "West District"', 'name_en = "City"', "name_en", "City", "city"),
    ],
)  # fmt: skip
def test_two_places_sharing_a_name_are_refused_at_the_later_ones_line(
    config: Path, old: str, new: str, key: str, name: str, other: str
) -> None:
    # `--place 东城区`, an import's place column and the league tables would take either.
    path = config / "places.toml"
    line = change(path, old, new)
    assert refusal(config) == (
        f"{path}:{line}: [places.west] 名称 '{name}' 已是 places.{other} 的键或名称：请给每个"
        f"地区各自的键和名称 / the name '{name}' is also places.{other}'s; give each place its "
        "own key and names"
    )

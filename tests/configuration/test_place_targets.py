"""Goals relative to another place and rank goals load from config; each mistake in one is
refused with its file and line (docs/status-rules.md, "Places and peers")."""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import CONFIG_DIR
from tracker.configuration import definitions as d
from tracker.configuration.files import read_source
from tracker.configuration.goals import goals
from tracker.configuration.load import check_config, load_config
from tracker.configuration.problems import Problems
from tracker.domain.errors import ConfigError
from tracker.domain.model import Comparator, Goal
from tracker.domain.places import HOME, Place, Places

PLACES = Places(
    home="zone",
    by_key={
        "zone": Place("zone", "示范区", "the Zone", "city"),
        "city": Place("city", "全市", "the City", "province"),
        "province": Place("province", "全省", "the Province", None),
        "east": Place("east", "东城区", "East District", "city"),
        "west": Place("west", "西城区", "West District", "city"),
        "retail": Place("retail", "零售区", "Retail District", "city"),
    },
)


def load(
    tmp_path: Path, text: str, *, place: str = HOME, places: Places = PLACES
) -> tuple[Path, dict[str, Goal]]:
    """The goals of a goals file holding ``text``, read for ``place`` (stored key); raises
    ConfigError with its problems."""
    problems = Problems()
    indicators_file = read_source(CONFIG_DIR / "indicators.toml", problems)
    owners = d.owners(read_source(CONFIG_DIR / "owners.toml", problems), problems)
    indicators = d.indicators(indicators_file, problems, owners, set(owners))
    path = tmp_path / "2020.toml"
    path.write_text(text, encoding="utf-8")
    found = goals(
        read_source(path, problems),
        problems,
        2020,
        indicators,
        set(indicators),
        places=places,
        place=place,
    )
    problems.check()
    return path, {g.key: g for g in found}


def test_it_reads_a_reference_to_another_place_as_the_same_indicator_there(
    tmp_path: Path,
) -> None:
    _, goals = load(tmp_path, '[goals.gdp]\ntarget = 1\nreference = "city"\n')
    assert (goals["gdp"].reference_place, goals["gdp"].reference) == ("city", None)


def test_it_reads_a_place_and_an_indicator_joined_by_a_colon(tmp_path: Path) -> None:
    _, goals = load(tmp_path, '[goals.income]\ntarget = 0\nreference = "province:gdp"\n')
    reference = goals["income"].reference
    assert goals["income"].reference_place == "province"
    assert reference is not None
    assert reference.key == "gdp"


def test_it_keeps_a_reference_to_another_indicator_of_the_same_place(tmp_path: Path) -> None:
    _, goals = load(tmp_path, '[goals.income]\ntarget = 0\nreference = "gdp"\n')
    reference = goals["income"].reference
    assert goals["income"].reference_place is None
    assert reference is not None
    assert reference.key == "gdp"


def test_it_stores_the_home_place_as_a_reference_by_its_stored_key(tmp_path: Path) -> None:
    _, goals = load(tmp_path, '[goals.gdp]\ntarget = 0\nreference = "zone"\n', place="east")
    assert (goals["gdp"].reference_place, goals["gdp"].place) == (HOME, "east")


def test_it_reads_a_rank_goal_with_a_warning_of_one_place(tmp_path: Path) -> None:
    _, goals = load(
        tmp_path, '[goals.gdp]\nrank_among = "peers"\ncomparator = "at_most"\ntarget = 3\n'
    )
    goal = goals["gdp"]
    assert (goal.rank_among, goal.comparator, goal.target) == (
        "peers",
        Comparator.AT_MOST,
        Decimal(3),
    )
    assert goal.warning == Decimal(1)
    assert not goal.ceiling


def test_it_ranks_a_ceiling_indicator_lowest_first_from_the_files_other_goal(
    tmp_path: Path,
) -> None:
    text = (
        '[goals.cpi]\ncomparator = "at_most"\ntarget = 3.5\n\n'
        '[goals.cpi_rank]\nindicator = "cpi"\nrank_among = "peers"\n'
        'comparator = "at_most"\ntarget = 2\n'
    )
    _, goals = load(tmp_path, text)
    assert goals["cpi_rank"].ceiling
    assert not goals["cpi"].ceiling


def test_it_takes_a_rank_goals_own_ceiling(tmp_path: Path) -> None:
    text = '[goals.cpi]\nrank_among = "peers"\ncomparator = "at_most"\ntarget = 2\nceiling = true\n'
    _, goals = load(tmp_path, text)
    assert goals["cpi"].ceiling


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('[goals.gdp]\ntarget = 1\nreference = "cty"\n',
         "no indicator or place 'cty' in indicators.toml or places.toml; did you mean 'city'"),
        ('[goals.gdp]\ntarget = 1\nreference = "town:gdp"\n', "no place 'town' in places.toml"),
        ('[goals.gdp]\ntarget = 1\nreference = "city:gpd"\n',
         "no indicator 'gpd' in indicators.toml; did you mean 'gdp'"),
        ('[goals.gdp]\ntarget = 1\nreference = "zone"\n', "names the goal's own place 'zone'"),
        ('[goals.gdp]\ntarget = 1\nreference = "zone:gdp"\n', "names the goal's own place"),
        ('[goals.retail]\ntarget = 1\nreference = "retail"\n',
         "'retail' is both a place of places.toml and an indicator"),
        ('[goals.gdp]\nrank_among = "city"\ncomparator = "at_most"\ntarget = 3\n',
         "'rank_among' is 'city'; write rank_among = \"peers\""),
        ('[goals.gdp]\nrank_among = "peers"\ncomparator = "at_least"\ntarget = 3\n',
         "a rank goal takes comparator = \"at_most\""),
        ('[goals.gdp]\nrank_among = "peers"\ncomparator = "at_most"\ntarget = 3\n'
         'reference = "city"\n', "'rank_among' and 'reference' cannot be combined"),
        ('[goals.gdp]\nrank_among = "peers"\ncomparator = "at_most"\ntarget = 3\n'
         'basis = "change"\n', "'rank_among' and 'basis' cannot be combined"),
        ('[goals.gdp]\ntarget = 3\nceiling = true\n', "'ceiling' is only for"),
    ],
)  # fmt: skip
def test_a_mistake_in_a_place_target_is_refused_with_its_line(
    tmp_path: Path, text: str, words: str
) -> None:
    with pytest.raises(ConfigError, match=re.escape(words)) as caught:
        load(tmp_path, text)
    assert f"{tmp_path / '2020.toml'}:" in str(caught.value)


def test_a_rank_goal_of_a_place_without_peers_is_refused_with_its_line(tmp_path: Path) -> None:
    text = '[goals.gdp]\nrank_among = "peers"\ncomparator = "at_most"\ntarget = 3\n'
    with pytest.raises(ConfigError, match="'province' has no peers") as caught:
        load(tmp_path, text, place="province")
    assert f"{tmp_path / '2020.toml'}:2:" in str(caught.value)  # the rank_among line
    with pytest.raises(ConfigError, match="'home' has no peers"):
        load(tmp_path, text, places=Places())  # no places.toml: the home place alone


def test_without_places_a_reference_names_an_indicator_as_before(tmp_path: Path) -> None:
    text = '[goals.gdp]\ntarget = 1\nreference = "cty"\n'
    with pytest.raises(ConfigError, match=re.escape("no indicator 'cty' in indicators.toml;")):
        load(tmp_path, text, places=Places())


def test_the_loader_refuses_a_rank_goal_of_the_nation_in_its_folder_with_its_line(
    config: Path,
) -> None:
    (config / "goals" / "nation").mkdir()
    path = config / "goals" / "nation" / "2020.toml"
    path.write_text(
        '[goals.gdp]\ntarget = 5\n\n[goals.gdp_rank]\nindicator = "gdp"\n'
        'rank_among = "peers"\ncomparator = "at_most"\ntarget = 3\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="'nation' has no peers") as caught:
        check_config(config)
    assert f"{path}:6:" in str(caught.value)


def test_the_loader_reads_a_districts_goal_against_the_city(config: Path) -> None:
    (config / "goals" / "east").mkdir()
    (config / "goals" / "east" / "2020.toml").write_text(
        '[goals.industry]\ntarget = 0\ncomparator = "above"\nreference = "city"\n',
        encoding="utf-8",
    )
    goal = next(g for g in load_config(config).goals if g.place == "east")
    assert (goal.key, goal.reference_place, goal.reference) == ("industry", "city", None)


def test_a_rank_goal_without_a_comparator_is_a_band_at_most_its_target(tmp_path: Path) -> None:
    _, goals = load(tmp_path, '[goals.gdp]\nrank_among = "peers"\ntarget = 10\n')  # 前十
    assert (goals["gdp"].comparator.value, goals["gdp"].target) == ("at_most", 10)

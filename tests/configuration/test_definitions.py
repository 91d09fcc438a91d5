import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import CONFIG_DIR
from tracker.configuration.load import check_config, load_config
from tracker.configuration.settings import load_settings
from tracker.domain.errors import ConfigError
from tracker.domain.model import Basis, Comparator, Measure
from tracker.domain.periods import Cadence, Period


def test_the_shipped_config_holds_the_twelve_2020_goals() -> None:
    d = load_config(CONFIG_DIR).definitions
    goals = {g.indicator.key: g for g in d.goals}
    assert list(goals) == [
        "gdp", "industry", "fai", "retail", "revenue", "cpi",
        "urbanization", "energy", "trade", "income", "jobs", "rank",
    ]  # fmt: skip
    assert all(g.year == 2020 for g in goals.values())
    assert (goals["gdp"].target, goals["gdp"].tolerance) == (Decimal(8), Decimal("0.5"))
    assert goals["industry"].target == Decimal("8.5")
    assert goals["cpi"].comparator is Comparator.AT_MOST
    assert (goals["energy"].comparator, goals["energy"].target) == (Comparator.AT_MOST, -3)
    assert (goals["urbanization"].basis, goals["urbanization"].target) == (
        Basis.CHANGE,
        Decimal("1.2"),
    )
    assert goals["rank"].indicator.measure is Measure.RANK
    assert goals["jobs"].warning == Decimal("0.10")
    assert goals["industry"].indicator.start_month == 2
    assert goals["gdp"].indicator.cadence is Cadence.QUARTERLY
    assert all(g.indicator.owner.name_zh for g in goals.values())


def test_the_2019_results_are_the_seed_figures_with_gdp_preliminary() -> None:
    results = {r.key: r for r in load_config(CONFIG_DIR).definitions.results}
    assert {k: r.value for k, r in results.items()} == {
        "gdp": 8, "industry": Decimal("8.6"), "fai": 11, "retail": Decimal("10.5"),
        "revenue": 11, "jobs": 4226,
    }  # fmt: skip
    assert [k for k, r in results.items() if r.preliminary] == ["gdp"]
    assert all(r.period == Period.year_of(2019) for k, r in results.items() if k != "gdp")
    assert results["gdp"].period == Period.quarter(2019, 4)  # a quarterly indicator's year


@pytest.mark.parametrize(
    ("file", "old", "new", "words"),
    [
        ("goals/2020.toml", 'comparator = "at_most"', 'comparator = "under"', "use one of"),
        ("goals/2020.toml", "target = 8.5", 'target = "8.5"', "'target' must be a number"),
        ("goals/2020.toml", "[goals.gdp]", "[goals.gpd]", "no indicator 'gpd'"),
        ("indicators.toml", 'owner = "labour"', 'owner = "hr"', "owner 'hr' is not defined"),
        ("indicators.toml", 'cadence = "quarterly"', 'cadence = "weekly"', "'cadence'"),
        ("indicators.toml", "[indicators.gdp]", "[indicators.gdp", "fix the TOML syntax"),
        ("results/2019.toml", "value = 8.6", "value = true", "'value' must be a number"),
        (
            "indicators.toml",
            'aliases = ["规上工业增加值"]',
            'aliases = "规上"',
            "'aliases' must be",
        ),
        ("indicators.toml", "range = [-50, 100]", "max_step = -1", "'max_step' must be a positive"),
        ("indicators.toml", "range = [-50, 100]", "maxstep = 5", "unknown key 'maxstep'"),
    ],
)
def test_config_mistakes_name_the_file_and_the_fix(
    config: Path, file: str, old: str, new: str, words: str
) -> None:
    path = config / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ConfigError, match=words) as caught:
        check_config(config)
    assert str(path) in str(caught.value)


def test_aliases_and_max_step_are_read_with_their_defaults(config: Path) -> None:
    path = config / "indicators.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("range = [-50, 100]", "range = [-50, 100]\nmax_step = 5", 1), encoding="utf-8"
    )
    found = {i.key: i for i in load_config(config).definitions.indicators}
    assert found["industry"].aliases == ("规上工业增加值",)
    assert found["industry"].max_step == Decimal(5)
    assert (found["fai"].aliases, found["fai"].max_step) == ((), None)


def test_a_missing_config_directory_says_how_to_point_at_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="TRACKER_CONFIG_DIR"):
        check_config(tmp_path / "nowhere")


def test_options_win_over_the_environment_which_wins_over_defaults(tmp_path: Path) -> None:
    env = {"TRACKER_DATABASE_URL": "sqlite:///env.db", "XDG_DATA_HOME": str(tmp_path)}
    assert load_settings(env=env).database_url == "sqlite:///env.db"
    assert load_settings(database_url="sqlite:///opt.db", env=env).database_url == (
        "sqlite:///opt.db"
    )
    default = load_settings(env={"XDG_DATA_HOME": str(tmp_path)})
    assert default.database_url == f"sqlite:///{tmp_path}/tracker/tracker.db"
    assert default.config_dir == Path.home() / ".config" / "tracker"
    assert not default.config_named
    own = load_settings(env={"XDG_CONFIG_HOME": str(tmp_path / "xdg")})
    assert (own.config_dir, own.config_named) == (tmp_path / "xdg" / "tracker", False)
    named = load_settings(env={"TRACKER_CONFIG_DIR": str(tmp_path)})
    assert (named.config_dir, named.config_named) == (tmp_path, True)


@pytest.mark.slow
def test_a_built_wheel_carries_the_config(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(root)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("tracker-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("indicators.toml", "owners.toml", "goals/2020.toml", "results/2019.toml"):
        assert f"tracker/defaults/{name}" in names


def test_the_reports_archive_defaults_to_the_data_folder_not_the_current_one(
    tmp_path: Path,
) -> None:
    default = load_settings(env={"XDG_DATA_HOME": str(tmp_path)})
    assert default.reports_dir == tmp_path / "tracker" / "reports"
    assert default.reports_dir.is_absolute()
    named = load_settings(env={"XDG_DATA_HOME": str(tmp_path), "TRACKER_REPORTS_DIR": "out"})
    assert named.reports_dir == Path("out")

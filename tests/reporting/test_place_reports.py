"""A city bureau's database: three districts' reports with ranks, gaps to the city and league
tables, and the city's report listing every district's goals behind; both backends, through
``tracker report --place`` (docs/places.md, "Reports")."""

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from typer.testing import CliRunner, Result

from tests.conftest import CONFIG_DIR
from tests.helpers import snapshot
from tracker.cli.main import app

PLACES = """\
home = "city"

[places.city]
name_zh = "临江市"
name_en = "Linjiang"

[places.gaoxin]
name_zh = "高新区"
name_en = "Gaoxin District"
parent = "city"

[places.east]
name_zh = "东城区"
name_en = "East District"
parent = "city"

[places.west]
name_zh = "西湖县"
name_en = "Xihu County"
parent = "city"
"""
DISTRICT_GOALS = """\
[goals.gdp]
target = {gdp}
tolerance = 0.5

[goals.industry]
target = 8.5

[goals.cpi]
comparator = "at_most"
target = 3.5

[goals.industry_rank]
indicator = "industry"
rank_among = "peers"
comparator = "at_most"
target = 1
"""
# (indicator, period, value) by place; West has no June industry or CPI figure (a missing peer).
FIGURES = {
    "city": [("gdp", "2020-Q2", "1.5"), ("industry", "2020-06", "4.1"), ("cpi", "2020-06", "3.0")],
    "gaoxin": [
        ("gdp", "2020-Q1", "-1.0"),
        ("gdp", "2020-Q2", "2.8"),
        ("industry", "2020-05", "3.6"),
        ("industry", "2020-06", "5.0"),
        ("cpi", "2020-06", "2.6"),
    ],
    "east": [
        ("gdp", "2020-Q1", "0.5"),
        ("gdp", "2020-Q2", "1.9"),
        ("industry", "2020-05", "3.0"),
        ("industry", "2020-06", "5.0"),
        ("cpi", "2020-06", "3.9"),
    ],
    "west": [("gdp", "2020-Q1", "-2.0"), ("gdp", "2020-Q2", "0.4"), ("industry", "2020-05", "4.0")],
}

Run = Callable[..., Result]


@pytest.fixture
def city(tmp_path: Path, database_url: str) -> Run:
    """The tests' config as a city bureau's: the city at home, three districts with goals."""
    config = tmp_path / "config"
    shutil.copytree(CONFIG_DIR, config)
    (config / "places.toml").write_text(PLACES, encoding="utf-8")
    for place, gdp in (("gaoxin", "7"), ("east", "6.5"), ("west", "6")):
        (config / "goals" / place).mkdir()
        (config / "goals" / place / "2020.toml").write_text(
            DISTRICT_GOALS.format(gdp=gdp), encoding="utf-8"
        )
    runner = CliRunner()
    env = {"TRACKER_REPORTS_DIR": str(tmp_path / "reports")}

    def run(*args: str) -> Result:
        return runner.invoke(app, ["--db", database_url, "--config", str(config), *args], env=env)

    assert run("init").exit_code == 0
    for place, rows in FIGURES.items():
        for key, period, value in rows:
            done = run("record", key, value, "-p", period, "--place", place)
            assert done.exit_code == 0, done.output
    return run


def report(city: Run, *args: str) -> str:
    result = city("report", "--as-of", "2020-07-20", "--no-charts", "-o", "-", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_each_district_report_ranks_it_among_the_districts_with_its_gap_to_the_city(
    city: Run,
) -> None:
    gaoxin = report(city, "--place", "gaoxin", "-f", "text")
    assert gaoxin.startswith("高新区：")
    assert "增速居全市第1位（共3个县区），比一季度上升1位，高于全市平均1.3个百分点" in gaoxin
    east = report(city, "--place", "east", "-f", "text")
    assert "增速居全市第2位（共3个县区），比一季度下降1位，高于全市平均0.4个百分点" in east
    west = report(city, "--place", "west", "-f", "text")
    assert "增速居全市第3位（共3个县区），低于全市平均1.1个百分点" in west


def test_a_tie_a_missing_district_and_the_move_since_last_month(city: Run) -> None:
    gaoxin = report(city, "--place", "gaoxin", "-f", "text", "--lang", "en")
    # Xihu County, first in May, has no June figure yet: among the districts that reported
    # both months Gaoxin has not moved, so no move is said
    assert (
        "growth ranks joint 1st of 2 reporting (3 places) in Linjiang,"
        " 0.9 percentage points above Linjiang as a whole" in gaoxin
    )
    assert "No Jan–Jun figure yet from: Xihu County" in gaoxin


def test_the_ceiling_indicator_ranks_the_lowest_price_rise_first(city: Run) -> None:
    document = json.loads(report(city, "--place", "east", "-f", "json"))
    cpi = next(p for p in document["peers"] if p["indicator"] == "cpi")
    assert [(row["place"], row["value"], row["rank"]) for row in cpi["table"]] == [
        ("gaoxin", "2.6", 1),
        ("east", "3.9", 2),
        ("west", None, None),
    ]
    assert (cpi["rank"], cpi["reporting"], cpi["peers"], cpi["missing"]) == (2, 2, 3, ["west"])
    assert cpi["parent"] == {"place": "city", "value": "3"}
    assert cpi["difference"] == "0.9"


def test_every_format_holds_the_league_table(city: Run) -> None:
    html = report(city, "--place", "west", "-f", "html")
    assert 'id="peers"' in html
    assert "西湖县" in html
    assert "league-here" in html
    markdown = report(city, "--place", "west", "-f", "md", "--lang", "en")
    assert "| **Xihu County** | **0.4%** | **3** | **–** |" in markdown
    document = json.loads(report(city, "--place", "west", "-f", "json"))
    assert document["place"] == {"key": "west", "name": "西湖县"}
    gdp = next(p for p in document["peers"] if p["indicator"] == "gdp")
    assert [row["place"] for row in gdp["table"]] == ["gaoxin", "east", "west"]
    assert [row["previous_rank"] for row in gdp["table"]] == [2, 1, 3]


def test_the_city_report_lists_every_districts_goals_behind_by_district(city: Run) -> None:
    text = report(city, "-f", "text")
    section = text[text.index("## 各地区未达目标") :]
    assert section.index("高新区") < section.index("东城区") < section.index("西湖县")
    assert "东城区：4项目标中3项未达目标" in section
    document = json.loads(report(city, "-f", "json"))
    behind = {c["place"]: c["behind"] for c in document["children"]}
    assert behind["east"] == ["gdp", "industry", "cpi"]
    assert document["place"] == {"key": "city", "name": "临江市"}


def test_a_rank_goal_in_a_district_report_is_scored_with_its_peers_figures(city: Run) -> None:
    document = json.loads(report(city, "--place", "gaoxin", "-f", "json"))
    goal = next(g for g in document["goals"] if g["key"] == "industry_rank")
    assert (goal["status"], goal["score"]) == ("on_track", "1")
    west = json.loads(report(city, "--place", "west", "-f", "json"))
    goal = next(g for g in west["goals"] if g["key"] == "industry_rank")
    assert (goal["status"], goal["period"], goal["score"]) == ("on_track", "2020-05", "1")


def test_an_unknown_place_is_refused_with_the_close_match_and_nothing_changes(
    city: Run, database_url: str
) -> None:
    engine = create_engine(database_url)
    before = snapshot(engine)
    result = city("report", "--as-of", "2020-07-20", "--place", "eest", "-f", "text", "-o", "-")
    assert result.exit_code == 1
    assert "no place 'eest' in places.toml; did you mean west, east?" in result.output
    assert "places.toml 中没有地区“eest”" in result.output
    assert "Traceback" not in result.output
    assert snapshot(engine) == before
    engine.dispose()


def test_a_place_without_goals_for_the_year_is_refused_naming_it(city: Run) -> None:
    result = city("report", "--as-of", "2020-07-20", "--year", "2021", "--place", "east")
    assert result.exit_code == 1
    assert "no goals of 东城区 (East District) for 2021" in result.output
    assert "东城区2021年没有目标" in result.output

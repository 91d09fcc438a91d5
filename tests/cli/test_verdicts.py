"""Verdicts that once read wrong, each through the commands on both backends, with a config a
planning office would write (docs/status-rules.md)."""

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.cli.scratch import configured, write_config

FIRMS = """
[indicators.firms]
name_zh = "市场主体"
name_en = "Market entities"
unit = "家"
measure = "stock"
cadence = "monthly"
owner = "commerce"
"""


def a_second_passed() -> str:
    """The moment now, to the second (``--as-known``), once the next second has begun: what
    is recorded after this returns is not known at it."""
    moment = datetime.now(UTC).replace(microsecond=0)
    while datetime.now(UTC) < moment + timedelta(seconds=1):
        time.sleep(0.05)
    return moment.strftime("%Y-%m-%d %H:%M:%SZ")


def goals_of(run: Run, *args: str) -> dict[str, dict[str, object]]:
    result = run("status", "--json", *args)
    assert result.exit_code == 0, result.output
    return {g["key"]: g for g in json.loads(result.stdout)["goals"]}


def report(run: Run, *args: str) -> str:
    result = run("report", "--format", "text", "-o", "-", "--no-charts", *args)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


@pytest.fixture
def firms(run: Run, tmp_path: Path) -> Run:
    """净增1000家 on last year's 5,000 market entities, a stock."""
    folder = write_config(
        tmp_path / "config",
        indicators=FIRMS,
        goals={"2023": '[goals.firms]\nbasis = "change"\ntarget = 1000\nlabel_zh = "净增1000家"\n'},
        results={"2022": "[results.firms]\nvalue = 5000\n"},
    )
    return configured(run, folder)


def test_a_stock_s_net_increase_is_paced_from_nothing_over_last_year_s_level(firms: Run) -> None:
    assert firms("record", "firms", "5400", "-p", "2023-06").exit_code == 0
    goal = goals_of(firms, "--as-of", "2023-07-31")["firms"]
    assert (goal["score"], goal["expected"], goal["gap"]) == ("400", "500", "-100")
    text = report(firms, "--as-of", "2023-07-31")
    assert "按进度应净增500家，落后进度100家" in text
    assert "比上年末净增400家" in text
    assert firms("record", "firms", "6000", "-p", "2023-12").exit_code == 0
    assert goals_of(firms, "--as-of", "2024-01-31", "--year", "2023")["firms"]["status"] == (
        "achieved"
    )


def test_a_count_of_people_shows_no_fraction_of_a_person_unless_its_decimals_say(
    run: Run, tmp_path: Path
) -> None:
    indicators = """
[indicators.jobs]
name_zh = "城镇新增就业"
name_en = "New urban jobs"
unit = "人"
measure = "count"
cadence = "monthly"
owner = "stats"

[indicators.loans]
name_zh = "贷款余额"
name_en = "Loans"
unit = "亿元"
measure = "count"
cadence = "monthly"
owner = "stats"
"""
    folder = write_config(
        tmp_path / "config",
        indicators=indicators,
        goals={"2023": "[goals.jobs]\ntarget = 5400\n\n[goals.loans]\ntarget = 120\n"},
    )
    county = configured(run, folder)
    assert county("record", "jobs", "3000", "-p", "2023-06").exit_code == 0
    assert county("record", "loans", "60.5", "-p", "2023-06").exit_code == 0
    text = report(county, "--as-of", "2023-07-31")
    assert "3,000人（1-6月）" in text
    assert "超序时进度300人" in text
    assert "60.5亿元（1-6月）" in text
    assert ".0人" not in text


PEERS = """
home = "county"

[places.county]
name_zh = "东县"
name_en = "East County"
parent = "city"

[places.city]
name_zh = "全市"
name_en = "the City"

[places.west]
name_zh = "西县"
name_en = "West County"
parent = "city"

[places.south]
name_zh = "南县"
name_en = "South County"
parent = "city"
"""
RANKS = """
[indicators.standing]
name_zh = "县域经济综合排名"
name_en = "County economy ranking"
unit = "位"
measure = "rank"
cadence = "annual"
owner = "stats"

[indicators.industry]
name_zh = "规模以上工业增加值增速"
name_en = "Industry growth"
unit = "%"
measure = "growth"
cadence = "monthly"
owner = "stats"
"""
RANK_GOALS = """
[goals.standing]
comparator = "at_most"
target = 15
label_zh = "前十五"

[goals.industry]
rank_among = "peers"
comparator = "at_most"
target = 2
stretch = 1
label_zh = "确保全市前二，力争第一"
"""


@pytest.fixture
def ranked(run: Run, tmp_path: Path) -> Run:
    """A rank goal (前十五) and a rank among the city's counties with a stretch (力争第一)."""
    folder = write_config(
        tmp_path / "config", indicators=RANKS, goals={"2023": RANK_GOALS}, places=PEERS
    )
    return configured(run, folder)


def test_a_rank_better_than_its_target_says_so_in_places(ranked: Run) -> None:
    assert ranked("record", "standing", "14", "-p", "2023").exit_code == 0
    text = report(ranked, "--as-of", "2024-03-31", "--year", "2023")
    assert "[已完成] 县域经济综合排名" in text
    assert "优于目标1个位次" in text
    assert "距目标还差" not in text
    reached = ranked("record", "standing", "15", "-p", "2023", "--revise", "--reason", "核实")
    assert reached.exit_code == 0, reached.output
    text = report(ranked, "--as-of", "2024-03-31", "--year", "2023")
    assert "目标 前十五；达到目标" in text
    assert "超过目标0个位次" not in text


def test_a_rank_among_peers_is_short_of_its_stretch_by_places_not_points(ranked: Run) -> None:
    for place, value in (("county", "6.1"), ("west", "7.4"), ("south", "4.9")):
        done = ranked("record", "industry", value, "-p", "2023-06", "--place", place)
        assert done.exit_code == 0, done.output
    text = report(ranked, "--as-of", "2023-07-31")
    assert "达到确保目标，距力争目标还差1个位次" in text
    assert "个百分点，" not in text.split("## 说明")[0].split("规模以上工业增加值增速")[1]


QUARTERLY = """
[indicators.gdp]
name_zh = "地区生产总值增速"
name_en = "GDP growth"
unit = "%"
measure = "growth"
cadence = "quarterly"
owner = "stats"

[indicators.productivity]
name_zh = "全员劳动生产率增速"
name_en = "Labour productivity growth"
unit = "%"
measure = "growth"
cadence = "annual"
owner = "stats"
"""
QUARTERLY_GOALS = """
[goals.gdp]
target = 6

[goals.gdp_rank]
indicator = "gdp"
rank_among = "peers"
comparator = "at_most"
target = 2

[goals.gdp_city]
indicator = "gdp"
reference = "city"
comparator = "above"
target = 0

[goals.productivity]
reference = "gdp"
comparator = "about"
target = 0
tolerance = 0.5
"""


@pytest.fixture
def quarterly(run: Run, tmp_path: Path) -> Run:
    """GDP, quarterly, ranked among the city's counties and held against the city; an annual
    indicator in step with GDP."""
    folder = write_config(
        tmp_path / "config", indicators=QUARTERLY, goals={"2023": QUARTERLY_GOALS}, places=PEERS
    )
    return configured(run, folder)


def test_a_year_s_figure_of_a_quarterly_indicator_is_refused_for_its_q4_and_changes_nothing(
    quarterly: Run, database_url: str
) -> None:
    from sqlalchemy import create_engine

    from tests.helpers import snapshot

    engine = create_engine(database_url)
    before = snapshot(engine)
    result = quarterly("record", "gdp", "7.2", "--period", "2023")
    assert result.exit_code != 0
    assert "2023-Q4" in result.output
    assert snapshot(engine) == before
    engine.dispose()
    written = quarterly("record", "gdp", "7.2", "--period", "2023年全年")
    assert written.exit_code == 0, written.output
    assert "gdp 2023-Q4 = 7.2" in written.stdout


def test_an_annual_figure_is_matched_with_a_quarterly_reference_s_q4(quarterly: Run) -> None:
    assert quarterly("record", "productivity", "7.0", "-p", "2023").exit_code == 0
    waiting = goals_of(quarterly, "--as-of", "2024-03-31", "--year", "2023")["productivity"]
    assert waiting["missing"] == {"what": "reference", "indicator": "gdp", "period": "2023-Q4"}
    for place, value in (("county", "7.2"), ("city", "6.5"), ("west", "7.5"), ("south", "6.0")):
        done = quarterly("record", "gdp", value, "-p", "2023-Q4", "--place", place)
        assert done.exit_code == 0, done.output
    goals = goals_of(quarterly, "--as-of", "2024-03-31", "--year", "2023")
    assert (goals["productivity"]["score"], goals["productivity"]["status"]) == (
        "-0.2",
        "achieved",
    )


def test_a_forced_year_figure_is_ranked_and_compared_with_the_others_q4(quarterly: Run) -> None:
    for place, value in (("city", "6.5"), ("west", "7.5"), ("south", "6.0")):
        done = quarterly("record", "gdp", value, "-p", "2023-Q4", "--place", place)
        assert done.exit_code == 0, done.output
    forced = quarterly("record", "gdp", "7.2", "-p", "2023", "--force")
    assert forced.exit_code == 0, forced.output
    goals = goals_of(quarterly, "--as-of", "2024-03-31", "--year", "2023")
    assert (goals["gdp_rank"]["score"], goals["gdp_rank"]["status"]) == ("2", "achieved")
    assert (goals["gdp_city"]["score"], goals["gdp_city"]["status"]) == ("0.7", "achieved")


def test_a_rank_first_of_one_is_no_rank_to_fall_from(quarterly: Run) -> None:
    assert quarterly("record", "gdp", "7.0", "-p", "2023-Q1").exit_code == 0  # alone in Q1
    for place, value in (("county", "6.0"), ("west", "7.5"), ("south", "5.0")):
        done = quarterly("record", "gdp", value, "-p", "2023-Q2", "--place", place)
        assert done.exit_code == 0, done.output
    text = report(quarterly, "--as-of", "2023-07-31")
    assert "增速居全市第2位（共3个县）" in text
    assert "比一季度" not in text.split("## 说明")[0]
    document = json.loads(report_json(quarterly, "--as-of", "2023-07-31"))
    table = {row["place"]: row for row in document["peers"][0]["table"]}
    assert table["county"]["previous_rank"] is None


def test_a_rank_is_compared_among_the_places_that_reported_both_times(quarterly: Run) -> None:
    for place, value in (("county", "7.0"), ("west", "6.5")):
        assert quarterly("record", "gdp", value, "-p", "2023-Q1", "--place", place).exit_code == 0
    for place, value in (("county", "6.0"), ("west", "7.5"), ("south", "8.0")):
        done = quarterly("record", "gdp", value, "-p", "2023-Q2", "--place", place)
        assert done.exit_code == 0, done.output
    text = report(quarterly, "--as-of", "2023-07-31")
    # third of three now; second of the two that reported in Q1 too, where it was first
    assert "增速居全市第3位（共3个县），比一季度下降1位" in text
    document = json.loads(report_json(quarterly, "--as-of", "2023-07-31"))
    table = {row["place"]: row for row in document["peers"][0]["table"]}
    assert (table["county"]["rank"], table["county"]["previous_rank"]) == (3, 1)
    assert table["south"]["previous_rank"] is None


def report_json(run: Run, *args: str) -> str:
    result = run("report", "--format", "json", "-o", "-", "--no-charts", *args)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


TRADE = """
[indicators.trade]
name_zh = "进出口总额增速"
name_en = "Imports and exports, growth"
unit = "%"
measure = "growth"
cadence = "monthly"
start_month = 2
owner = "commerce"
"""


def test_a_streak_behind_starts_when_the_goal_has_a_number(run: Run, tmp_path: Path) -> None:
    folder = write_config(
        tmp_path / "config",
        indicators=TRADE,
        goals={"2024": '[goals.trade]\ntarget = "assigned"\nassigned_by = "city"\n'},
    )
    county = configured(run, folder)
    for month, value in (("02", "0.5"), ("03", "0.8"), ("04", "1.0"), ("05", "1.2")):
        assert county("record", "trade", value, "-p", f"2024-{month}").exit_code == 0
    revised = county(
        "goals", "revise", "trade", "--target", "3", "--effective", "2024-05-10",
        "--reason", "市下达",
    )  # fmt: skip
    assert revised.exit_code == 0, revised.output
    text = report(county, "--as-of", "2024-06-20")
    assert "新增未达目标：进出口总额增速" in text
    assert "连续" not in text
    assert county("record", "trade", "1.3", "-p", "2024-06").exit_code == 0
    text = report(county, "--as-of", "2024-07-20")
    assert "连续2期落后" in text


GDP = """
[indicators.gdp]
name_zh = "地区生产总值增速"
name_en = "GDP growth"
unit = "%"
measure = "growth"
cadence = "quarterly"
owner = "stats"
"""


@pytest.fixture
def mistyped(run: Run, tmp_path: Path) -> Run:
    """增长5.5% typed as 55 in January."""
    folder = write_config(
        tmp_path / "config",
        indicators=GDP,
        goals={"2025": '[goals.gdp]\ntarget = 55\nlabel_zh = "增长5.5%"\n'},
    )
    county = configured(run, folder)
    assert county("record", "gdp", "5.6", "-p", "2025-Q1").exit_code == 0
    return county


def test_a_target_mistyped_in_january_is_corrected_from_the_year_s_first_day(
    mistyped: Run, database_url: str
) -> None:
    assert goals_of(mistyped, "--as-of", "2025-04-30")["gdp"]["status"] == "lagging"
    moment = a_second_passed()
    corrected = mistyped(
        "goals", "revise", "gdp", "--target", "5.5", "--effective", "2025-01-01",
        "--reason", "录入错误", "--label-zh", "增长5.5%",
    )  # fmt: skip
    assert corrected.exit_code == 0, corrected.output
    assert "Corrected gdp 2025 from 2025-01-01: ≥ 5.5 (录入错误)" in corrected.stdout
    goal = goals_of(mistyped, "--as-of", "2025-04-30")["gdp"]
    assert (goal["status"], goal["target"], goal["corrected"]) == ("on_track", "5.5", True)
    assert goal["goal_version"] is None
    text = report(mistyped, "--as-of", "2025-04-30")
    assert "目标 增长5.5%；高于目标0.1个百分点" in text
    assert "调整" not in text
    history = mistyped("goals", "--history", "gdp").stdout
    assert "2025-01-01 更正 correction" in history
    assert "录入错误" in history
    before = goals_of(mistyped, "--as-of", "2025-04-30", "--as-known", moment)["gdp"]
    assert before["target"] == "55"


def test_init_keeps_a_correction_and_refuses_a_third_number_naming_both_ways(
    mistyped: Run, tmp_path: Path, database_url: str
) -> None:
    from sqlalchemy import create_engine

    from tests.helpers import snapshot

    mistyped(
        "goals", "revise", "gdp", "--target", "5.5", "--effective", "2025-01-01",
        "--reason", "录入错误",
    )  # fmt: skip
    assert mistyped("init").exit_code == 0  # the config still says 55, as first loaded
    goals = tmp_path / "config" / "goals" / "2025.toml"
    goals.write_text('[goals.gdp]\ntarget = 5.5\nlabel_zh = "增长5.5%"\n', encoding="utf-8")
    assert mistyped("init").exit_code == 0  # the number corrected, in place
    engine = create_engine(database_url)
    before = snapshot(engine)
    goals.write_text('[goals.gdp]\ntarget = 6\nlabel_zh = "增长6%"\n', encoding="utf-8")
    refused = mistyped("init")
    assert refused.exit_code != 0
    assert "[[goals.gdp.versions]]" in refused.output
    assert 'effective = "2025-01-01"' in refused.output  # a correction, from the first day
    assert snapshot(engine) == before
    engine.dispose()


def test_a_correction_in_the_config_takes_effect_from_the_first_day(
    run: Run, tmp_path: Path
) -> None:
    goals = """
[goals.gdp]
target = 55

[[goals.gdp.versions]]
effective = 2025-01-01
target = 5.5
reason = "录入错误"
"""
    folder = write_config(tmp_path / "config", indicators=GDP, goals={"2025": goals})
    county = configured(run, folder)
    assert county("record", "gdp", "5.6", "-p", "2025-Q1").exit_code == 0
    goal = goals_of(county, "--as-of", "2025-04-30")["gdp"]
    assert (goal["status"], goal["target"], goal["corrected"]) == ("on_track", "5.5", True)


PRICES = """
[indicators.cpi]
name_zh = "居民消费价格涨幅"
name_en = "Consumer price rise"
unit = "%"
measure = "growth"
cadence = "monthly"
owner = "stats"

[indicators.jobs]
name_zh = "城镇新增就业"
name_en = "New urban jobs"
unit = "人"
measure = "count"
cadence = "monthly"
start_month = 2
owner = "stats"
"""


def test_the_year_s_first_figure_is_guarded_against_last_year_s_last(
    run: Run, tmp_path: Path, database_url: str
) -> None:
    from sqlalchemy import create_engine

    from tests.helpers import snapshot

    folder = write_config(
        tmp_path / "config",
        indicators=PRICES,
        goals={"2025": "[goals.cpi]\ncomparator = \"at_most\"\ntarget = 3\n\n"
               "[goals.jobs]\ntarget = 5000\n"},
    )  # fmt: skip
    county = configured(run, folder)
    assert county("record", "cpi", "1.6", "-p", "2024-12").exit_code == 0
    assert county("record", "jobs", "5200", "-p", "2024-12").exit_code == 0
    engine = create_engine(database_url)
    before = snapshot(engine)
    typo = county("record", "cpi", "15", "-p", "2025-01")  # meant 1.5
    assert typo.exit_code != 0
    assert "2024-12" in typo.output
    assert "--force" in typo.output
    assert snapshot(engine) == before
    engine.dispose()
    assert county("record", "cpi", "1.5", "-p", "2025-01").exit_code == 0
    restarted = county("record", "jobs", "400", "-p", "2025-02")  # a year to date starts again
    assert restarted.exit_code == 0, restarted.output


def test_a_pasted_bulletin_keeps_the_paragraph_s_period_and_says_where_it_came_from(
    initialised: Run, tmp_path: Path
) -> None:
    bulletin = tmp_path / "bulletin.txt"
    bulletin.write_text(
        "2020年1-5月全区经济运行情况\n\n"
        "1-5月，全区规模以上工业增加值同比增长5.4%。固定资产投资同比增长9.2%。\n",
        encoding="utf-8",
    )
    dry = initialised("import", str(bulletin))
    assert dry.exit_code == 0, dry.output
    assert "fai 2020-05" in dry.stdout
    assert "(1-5月 同段前文 stated earlier in the paragraph)" in dry.stdout
    assert initialised("import", str(bulletin), "--yes").exit_code == 0
    fai = goals_of(initialised, "--as-of", "2020-06-30")["fai"]
    assert (fai["period"], fai["value"]) == ("2020-05", "9.2")


@pytest.fixture
def quarterly_alone(run: Run, tmp_path: Path) -> Run:
    """GDP, quarterly, with a goal of its own: no goal ranks the county among its peers, whose
    figures a report reads for the periods its league table ranks."""
    folder = write_config(
        tmp_path / "config",
        indicators=QUARTERLY,
        goals={"2023": "[goals.gdp]\ntarget = 6\n"},
        places=PEERS,
    )
    return configured(run, folder)


def test_a_peer_s_figure_of_the_year_is_in_the_league_table_of_the_q4(
    quarterly_alone: Run,
) -> None:
    for place, value in (("county", "7.2"), ("city", "6.5"), ("south", "6.0")):
        done = quarterly_alone("record", "gdp", value, "-p", "2023-Q4", "--place", place)
        assert done.exit_code == 0, done.output
    forced = quarterly_alone("record", "gdp", "7.5", "-p", "2023", "--place", "west", "--force")
    assert forced.exit_code == 0, forced.output
    text = report(quarterly_alone, "--as-of", "2024-03-31", "--year", "2023")
    assert "增速居全市第2位（共3个县）" in text
    assert "1  西县  7.5%" in text

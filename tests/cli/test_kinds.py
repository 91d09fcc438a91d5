"""The kinds of target work reports set beyond a number (docs/targets.md), each through the
commands on both backends, with a config a planning office would write: the sentence, the
status and the report's words."""

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from tests.cli.conftest import Run
from tests.cli.scratch import configured, write_config
from tests.helpers import snapshot

INDUSTRY = """
[indicators.industry]
name_zh = "规模以上工业增加值增速"
name_en = "Industry growth"
unit = "%"
measure = "growth"
cadence = "monthly"
owner = "stats"
"""


def goals_of(run: Run, *args: str) -> dict[str, dict[str, object]]:
    result = run("status", "--json", *args)
    assert result.exit_code == 0, result.output
    return {g["key"]: g for g in json.loads(result.stdout)["goals"]}


def report(run: Run, *args: str, lang: str = "zh") -> str:
    result = run("report", "--format", "text", "-o", "-", "--no-charts", "--lang", lang, *args)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def refused(run: Run, database_url: str, *args: str) -> str:
    """The refusal of ``args`` (stderr), which changed nothing in the database."""
    engine = create_engine(database_url)
    try:
        before = snapshot(engine)
        result = run(*args)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        assert snapshot(engine) == before
    finally:
        engine.dispose()
    return str(result.stderr)


# 力争增长10% (no 确保 floor) ------------------------------------------------------------


@pytest.fixture
def stretch(run: Run, tmp_path: Path) -> Run:
    folder = write_config(
        tmp_path / "config",
        indicators=INDUSTRY,
        goals={"2024": '[goals.industry]\nstretch = 10\nlabel_zh = "力争增长10%"\n'},
    )
    return configured(run, folder)


def test_a_stretch_alone_is_scored_against_the_stretch(stretch: Run) -> None:
    assert stretch("record", "industry", "9.4", "-p", "2024-06").exit_code == 0
    goal = goals_of(stretch, "--as-of", "2024-07-31")["industry"]
    assert (goal["status"], goal["target"], goal["stretch"]) == ("at_risk", "10", "10")
    assert (goal["stretch_alone"], goal["stretch_met"]) == (True, False)
    assert "stretch ≥ 10" in stretch("goals").stdout
    text = report(stretch, "--as-of", "2024-07-31")
    assert "距力争目标还差0.6个百分点" in text
    assert "达到确保目标" not in text


def test_a_stretch_alone_missed_by_less_than_the_warning_is_not_said_missed(
    stretch: Run,
) -> None:
    assert stretch("record", "industry", "9.4", "-p", "2024-12").exit_code == 0
    goal = goals_of(stretch, "--as-of", "2025-03-31", "--year", "2024")["industry"]
    assert (goal["status"], goal["final"]) == ("at_risk", True)
    text = report(stretch, "--as-of", "2025-03-31", "--year", "2024")
    assert "[未达到力争目标] 规模以上工业增加值增速" in text
    assert "[未完成]" not in text
    english = report(stretch, "--as-of", "2025-03-31", "--year", "2024", lang="en")
    assert "[short of the stretch target] Industry growth" in english
    assert stretch("record", "industry", "10.2", "-p", "2024-12", "--revise", "--reason", "核实")
    text = report(stretch, "--as-of", "2025-03-31", "--year", "2024")
    assert "[达到力争目标] 规模以上工业增加值增速" in text
    assert stretch("record", "industry", "8.2", "-p", "2024-12", "--revise", "--reason", "再核")
    assert goals_of(stretch, "--as-of", "2025-03-31", "--year", "2024")["industry"]["status"] == (
        "missed"
    )


def test_a_stretch_with_a_target_must_be_beyond_it(run: Run, tmp_path: Path) -> None:
    folder = write_config(
        tmp_path / "config",
        indicators=INDUSTRY,
        goals={"2024": "[goals.industry]\ntarget = 10\nstretch = 10\n"},
    )
    result = run("--config", str(folder), "init")
    assert result.exit_code == 1
    assert "2024.toml:3" in result.stderr
    assert "'stretch' (10) must be above 'target' (10)" in result.stderr


# due: 6月底前 ------------------------------------------------------------------------------

JOBS = """
[indicators.jobs]
name_zh = "城镇新增就业"
name_en = "New urban jobs"
unit = "人"
measure = "count"
cadence = "monthly"
owner = "stats"
"""
DUE = """
[goals.jobs]
target = 600
due = 2024-06-30
label_zh = "6月底前新增就业600人"

[goals.industry]
target = 8
due = "2024-06-30"
label_zh = "上半年增长8%"
"""


@pytest.fixture
def due(run: Run, tmp_path: Path) -> Run:
    folder = write_config(tmp_path / "config", indicators=INDUSTRY + JOBS, goals={"2024": DUE})
    return configured(run, folder)


def test_a_count_due_by_june_is_paced_to_june(due: Run) -> None:
    assert due("record", "jobs", "300", "-p", "2024-04").exit_code == 0
    goal = goals_of(due, "--as-of", "2024-05-31")["jobs"]
    assert (goal["expected"], goal["status"], goal["due"]) == ("400", "lagging", "2024-06-30")
    assert goal["required_per_month"] == "150"  # 300 more in May and June


def test_a_count_due_by_june_is_short_of_its_target_not_of_the_year_s(due: Run) -> None:
    assert due("record", "jobs", "540", "-p", "2024-06").exit_code == 0
    goal = goals_of(due, "--as-of", "2024-07-31")["jobs"]
    assert (goal["status"], goal["final"]) == ("missed", True)
    text = report(due, "--as-of", "2024-07-31")
    assert "低于目标60人（完成目标的90.0%）" in text
    assert "年度目标" not in text.split("## 说明")[0]


def test_a_goal_due_by_june_is_judged_final_on_june_s_figure(due: Run) -> None:
    assert due("record", "industry", "7.5", "-p", "2024-05").exit_code == 0
    assert goals_of(due, "--as-of", "2024-06-30")["industry"]["status"] == "at_risk"
    assert due("record", "industry", "7.5", "-p", "2024-06").exit_code == 0
    goal = goals_of(due, "--as-of", "2024-07-31")["industry"]
    assert (goal["status"], goal["final"]) == ("missed", True)
    text = report(due, "--as-of", "2024-07-31")
    assert "目标 上半年增长8%（6月30日前）" in text


def test_a_due_date_outside_the_goal_s_year_is_refused_at_its_line(
    run: Run, tmp_path: Path
) -> None:
    folder = write_config(
        tmp_path / "config",
        indicators=JOBS,
        goals={"2024": "[goals.jobs]\ntarget = 600\ndue = 2025-06-30\n"},
    )
    result = run("--config", str(folder), "init")
    assert result.exit_code == 1
    assert "2024.toml:3" in result.stderr
    assert "'due' 2025-06-30 is outside 2024" in result.stderr


# 蒙牛四期5月底建成投产: a milestone ---------------------------------------------------------

PLANT = """
[indicators.plant]
name_zh = "蒙牛四期建成投产"
name_en = "Mengniu phase IV in production"
measure = "milestone"
owner = "commerce"
"""


@pytest.fixture
def plant(run: Run, tmp_path: Path) -> Run:
    folder = write_config(
        tmp_path / "config",
        indicators=PLANT,
        goals={"2024": '[goals.plant]\ndue = 2024-05-31\nlabel_zh = "5月底建成投产"\n'},
    )
    return configured(run, folder)


def test_a_milestone_is_pending_until_due_then_lagging_then_missed(plant: Run) -> None:
    goal = goals_of(plant, "--as-of", "2024-05-20")["plant"]
    assert (goal["status"], goal["due"], goal["done_on"]) == ("pending", "2024-05-31", None)
    assert "[未到期] 蒙牛四期建成投产" in report(plant, "--as-of", "2024-05-20")
    assert goals_of(plant, "--as-of", "2024-06-12")["plant"]["status"] == "lagging"
    assert "已逾期12天" in report(plant, "--as-of", "2024-06-12")
    assert goals_of(plant, "--as-of", "2024-07-31")["plant"]["status"] == "missed"


def test_a_milestone_done_on_time_or_late_is_achieved_and_says_which(plant: Run) -> None:
    done = plant("record", "plant", "done", "--date", "2024-06-03")
    assert done.exit_code == 0, done.output
    assert "Recorded plant done on 2024-06-03" in done.stdout
    goal = goals_of(plant, "--as-of", "2024-06-30")["plant"]
    assert (goal["status"], goal["done_on"], goal["late_days"]) == ("achieved", "2024-06-03", 3)
    assert goals_of(plant, "--as-of", "2024-06-02")["plant"]["status"] == "lagging"
    text = report(plant, "--as-of", "2024-06-30")
    assert "2024年6月3日（完成）；目标 5月底建成投产（5月31日前）；逾期3天完成" in text
    english = report(plant, "--as-of", "2024-06-30", lang="en")
    assert "done 3 days late" in english
    fixed = plant("record", "plant", "done", "--date", "2024-05-28", "--revise", "--reason", "核实")
    assert fixed.exit_code == 0, fixed.output
    assert "按期完成" in report(plant, "--as-of", "2024-06-30")
    assert "2024-05-28" in plant("history", "plant").stdout


def test_a_milestone_takes_done_and_a_date_and_nothing_else(plant: Run, database_url: str) -> None:
    said = refused(plant, database_url, "record", "plant", "7", "-p", "2024")
    assert "tracker record plant done --date" in said
    said = refused(plant, database_url, "record", "plant", "done", "--date", "2031-05-01")
    assert "outside the years that have goals" in said
    engine = create_engine(database_url)
    before = snapshot(engine)
    result = plant("record", "plant", "done")  # a usage error: Click's exit code 2
    assert (result.exit_code, snapshot(engine)) == (2, before)
    engine.dispose()
    assert "Error: Missing option '--date'." in result.stderr
    zh = "错误：缺少选项 --date；`tracker record --help` 说明用法。未作任何更改。"
    assert zh in result.stderr


# 占全市比重达到30%: a share of a parent's total -------------------------------------------

COUNTY = """
home = "county"

[places.county]
name_zh = "东县"
name_en = "East County"
parent = "city"

[places.city]
name_zh = "全市"
name_en = "the City"
parent = "province"

[places.province]
name_zh = "全省"
name_en = "the Province"

[places.west]
name_zh = "西县"
name_en = "West County"
parent = "city"
"""
SALES = """
[indicators.sales]
name_zh = "社会消费品零售总额"
name_en = "Retail sales"
unit = "亿元"
measure = "count"
cadence = "monthly"
owner = "commerce"
"""


@pytest.fixture
def share(run: Run, tmp_path: Path) -> Run:
    goals = """
[goals.sales_share]
indicator = "sales"
share_of = "city"
target = 30
label_zh = "占全市比重达到30%"
"""
    folder = write_config(
        tmp_path / "config", indicators=SALES, goals={"2024": goals}, places=COUNTY
    )
    return configured(run, folder)


def test_a_share_of_the_city_s_total_is_this_figure_over_the_city_s(share: Run) -> None:
    assert share("record", "sales", "58", "-p", "2024-06").exit_code == 0
    waiting = goals_of(share, "--as-of", "2024-07-31")["sales_share"]
    assert waiting["status"] == "no_data"
    assert waiting["missing"] == {"what": "reference", "indicator": "sales", "period": "2024-06"}
    assert share("record", "sales", "200", "-p", "2024-06", "--place", "city").exit_code == 0
    goal = goals_of(share, "--as-of", "2024-07-31")["sales_share"]
    assert (goal["score"], goal["gap"], goal["status"]) == ("29", "-1", "at_risk")
    assert goal["share_of"] == {"place": "city", "period": "2024-06", "value": "200"}
    text = report(share, "--as-of", "2024-07-31")
    assert "占比29.0%，低于目标1.0个百分点" in text
    assert "完成年度目标" not in text.split("## 说明")[0]


def test_a_share_of_an_unknown_place_or_of_a_rate_is_refused_at_its_line(
    run: Run, tmp_path: Path
) -> None:
    goals = '[goals.sales]\nshare_of = "cty"\ntarget = 30\n'
    folder = write_config(tmp_path / "a", indicators=SALES, goals={"2024": goals}, places=COUNTY)
    result = run("--config", str(folder), "init")
    assert result.exit_code == 1
    assert "2024.toml:2" in result.stderr
    assert "no place 'cty' in places.toml; did you mean 'city'?" in result.stderr
    goals = '[goals.industry]\nshare_of = "city"\ntarget = 30\n'
    folder = write_config(tmp_path / "b", indicators=INDUSTRY, goals={"2024": goals}, places=COUNTY)
    result = run("--config", str(folder), "init")
    assert result.exit_code == 1
    assert "'share_of' is for a count, a stock or an amount" in result.stderr


# 全省县域经济前十: a rank among a named group of places -------------------------------------

PROVINCE = """
home = "county"

[places.county]
name_zh = "东县"
name_en = "East County"
parent = "north_city"

[places.north_city]
name_zh = "北市"
name_en = "North City"
parent = "province"

[places.south_city]
name_zh = "南市"
name_en = "South City"
parent = "province"

[places.province]
name_zh = "全省"
name_en = "the Province"

[places.west]
name_zh = "西县"
name_en = "West County"
parent = "north_city"

[places.hill]
name_zh = "山县"
name_en = "Hill County"
parent = "south_city"

[places.lake]
name_zh = "湖县"
name_en = "Lake County"
parent = "south_city"

[groups.counties]
name_zh = "全省县域"
name_en = "the province's counties"
members = ["county", "west", "hill", "lake"]
"""
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
def counties(run: Run, tmp_path: Path) -> Run:
    goals = """
[goals.gdp_rank]
indicator = "gdp"
rank_among = "counties"
target = 2
label_zh = "全省县域经济前二"
"""
    folder = write_config(
        tmp_path / "config", indicators=GDP, goals={"2024": goals}, places=PROVINCE
    )
    return configured(run, folder)


def test_a_rank_among_a_named_group_ranks_its_members_across_cities(counties: Run) -> None:
    for place, value in (("county", "6.1"), ("west", "5.2"), ("hill", "6.8"), ("lake", "4.9")):
        done = counties("record", "gdp", value, "-p", "2024-Q2", "--place", place)
        assert done.exit_code == 0, done.output
    goal = goals_of(counties, "--as-of", "2024-07-31")["gdp_rank"]
    assert (goal["score"], goal["status"], goal["comparator"]) == ("2", "on_track", "at_most")
    text = report(counties, "--as-of", "2024-07-31")
    assert "居第2位（4个地区中），达到目标" in text
    assert "rank ≤ 2 among counties" in counties("goals").stdout


@pytest.mark.parametrize(
    ("places", "goals", "words"),
    [
        (PROVINCE.replace('"lake"]', '"laek"]'), "", "no place 'laek' in places.toml; did you "
         "mean 'lake'?"),
        (PROVINCE, '[goals.gdp]\nrank_among = "countys"\ntarget = 2\n', "did you mean "
         "'counties'?"),
        (PROVINCE.replace('["county", ', "["), '[goals.gdp]\nrank_among = "counties"\n'
         "target = 2\n", "'county' is not a member of the group 'counties'"),
    ],
)  # fmt: skip
def test_a_group_or_a_rank_among_it_that_cannot_be_is_refused_at_its_line(
    run: Run, tmp_path: Path, places: str, goals: str, words: str
) -> None:
    folder = write_config(
        tmp_path / "config", indicators=GDP, goals={"2024": goals} if goals else {}, places=places
    )
    result = run("--config", str(folder), "init")
    assert result.exit_code == 1
    assert words in result.stderr
    assert ".toml:" in result.stderr


# 外贸外资促稳提质: a qualitative goal, judged ------------------------------------------------

TRADE = """
[indicators.trade]
name_zh = "进出口总额增速"
name_en = "Imports and exports, growth"
unit = "%"
measure = "growth"
cadence = "monthly"
owner = "commerce"
"""


@pytest.fixture
def judged(run: Run, tmp_path: Path) -> Run:
    goals = """
[goals.trade]
target = "qualitative"
label_zh = "外贸外资促稳提质"
label_en = "steadier, better foreign trade and investment"
"""
    folder = write_config(tmp_path / "config", indicators=TRADE, goals={"2024": goals})
    county = configured(run, folder)
    assert county("record", "trade", "3.2", "-p", "2024-06").exit_code == 0
    return county


def test_a_qualitative_goal_without_a_judgement_is_listed_as_not_yet_judged(judged: Run) -> None:
    goal = goals_of(judged, "--as-of", "2024-07-31")["trade"]
    assert (goal["status"], goal["value"], goal["judgement"]) == ("no_data", "3.2", None)
    text = report(judged, "--as-of", "2024-07-31")
    assert "[未评定] 进出口总额增速（商务局）" in text
    assert "目标 外贸外资促稳提质" in text


def test_a_judgement_is_the_goal_s_status_with_the_note_and_the_figures(judged: Run) -> None:
    done = judged(
        "judge", "trade", "--period", "2024-06", "--verdict", "on_track",
        "--note", "进出口稳中有升，外资到位好于预期", "--by", "王科长",
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert "Judged trade 2024-06: on_track" in done.stdout
    goal = goals_of(judged, "--as-of", "2024-07-31")["trade"]
    assert (goal["status"], goal["value"]) == ("on_track", "3.2")
    judgement = goal["judgement"]
    assert (judgement["period"], judgement["verdict"], judgement["by"]) == (
        "2024-06", "on_track", "王科长",
    )  # fmt: skip
    text = report(judged, "--as-of", "2024-07-31")
    judged_line = "人工评定：正常（进出口稳中有升，外资到位好于预期）"
    assert f"3.2%（1-6月）；目标 外贸外资促稳提质；{judged_line}" in text
    english = report(judged, "--as-of", "2024-07-31", lang="en")
    assert "judged: on track" in english


def test_a_judgement_is_revised_with_a_reason_and_its_history_kept(
    judged: Run, database_url: str
) -> None:
    first = ("judge", "trade", "--period", "2024-06", "--verdict", "on_track", "--note", "稳")
    assert judged(*first).exit_code == 0
    again = refused(
        judged, database_url, "judge", "trade", "--period", "2024-06", "--verdict", "at_risk",
        "--note", "下行",
    )  # fmt: skip
    assert "--revise --reason" in again
    from tests.cli.test_verdicts import a_second_passed

    moment = a_second_passed()
    revised = judged(
        "judge", "trade", "--period", "2024-06", "--verdict", "at_risk", "--note", "订单下行",
        "--revise", "--reason", "6月下旬订单回落",
    )  # fmt: skip
    assert revised.exit_code == 0, revised.output
    assert goals_of(judged, "--as-of", "2024-07-31")["trade"]["status"] == "at_risk"
    before = goals_of(judged, "--as-of", "2024-07-31", "--as-known", moment)["trade"]
    assert before["status"] == "on_track"
    history = judged("judgements", "trade").stdout
    assert "on_track" in history
    assert "6月下旬订单回落" in history


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--verdict", "fine", "--note", "x"), "on_track, at_risk, lagging, achieved, missed"),
        (("--verdict", "on_track", "--note", " "), "--note"),
        (("--verdict", "on_track", "--note", "x", "--period", "2031-06"), "no goal 'trade'"),
    ],
)
def test_a_judgement_that_cannot_be_is_refused_and_changes_nothing(
    judged: Run, database_url: str, args: tuple[str, ...], words: str
) -> None:
    period = () if "--period" in args else ("--period", "2024-06")
    said = refused(judged, database_url, "judge", "trade", *period, *args)
    assert words in said


def test_only_a_qualitative_goal_is_judged(run: Run, tmp_path: Path, database_url: str) -> None:
    goals = {"2024": "[goals.trade]\ntarget = 5\n"}
    folder = write_config(tmp_path / "config", indicators=TRADE, goals=goals)
    county = configured(run, folder)
    said = refused(
        county, database_url, "judge", "trade", "--period", "2024-06", "--verdict", "on_track",
        "--note", "x",
    )  # fmt: skip
    assert 'target = "qualitative"' in said


# 十四五期间年均增长6%; 到2025年达到65%; 五年累计新增就业2万人: a plan -------------------------

PLANNED = (
    GDP
    + """
[indicators.urbanization]
name_zh = "常住人口城镇化率"
name_en = "Urbanisation rate"
unit = "%"
measure = "level"
cadence = "annual"
owner = "stats"
"""
    + JOBS
)
FOURTEENTH = """
name_zh = "十四五规划"
name_en = "14th Five-Year Plan"
years = [2021, 2025]

[goals.gdp]
basis = "annual_average"
target = 6
label_zh = "年均增长6%"

[goals.urbanization]
basis = "end_level"
target = 65
label_zh = "到2025年达到65%"

[goals.jobs]
basis = "cumulative"
target = 20000
label_zh = "五年累计新增就业2万人"
"""
RESULTS = {
    "2020": "[results.urbanization]\nvalue = 60\n",
    "2021": "[results.gdp]\nvalue = 8.1\n[results.urbanization]\nvalue = 61.2\n"
            "[results.jobs]\nvalue = 4100\n",
    "2022": "[results.gdp]\nvalue = 3.0\n[results.urbanization]\nvalue = 62.0\n"
            "[results.jobs]\nvalue = 3900\n",
}  # fmt: skip


@pytest.fixture
def planned(run: Run, tmp_path: Path) -> Run:
    """A 2021–2025 plan started in 2023: the earlier years are the known results, 2023's are
    the figures recorded against the 2023 goals."""
    goals = "[goals.gdp]\ntarget = 5\n\n[goals.urbanization]\ntarget = 62.8\n\n" \
            "[goals.jobs]\ntarget = 4300\n"  # fmt: skip
    folder = write_config(
        tmp_path / "config", indicators=PLANNED, goals={"2023": goals}, results=RESULTS,
        plans={"fourteenth": FOURTEENTH},
    )  # fmt: skip
    county = configured(run, folder)
    for key, value, period in (("gdp", "5.2", "2023-Q4"), ("urbanization", "62.8", "2023"),
                               ("jobs", "4300", "2023-12")):  # fmt: skip
        done = county("record", key, value, "-p", period)
        assert done.exit_code == 0, done.output
    return county


def plan_of(run: Run, *args: str) -> dict[str, dict[str, object]]:
    result = run("status", "--plan", "fourteenth", "--json", *args)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["plan"]["years"] == [2021, 2025]
    return {g["key"]: g for g in document["goals"]}


def test_a_plan_reads_the_years_final_figures_without_typing_them_twice(planned: Run) -> None:
    goals = plan_of(planned, "--as-of", "2024-03-31")
    gdp = goals["gdp"]
    assert (gdp["score"], gdp["required"], gdp["years_done"]) == ("5.41", "6.89",
                                                                 [2021, 2022, 2023])  # fmt: skip
    assert gdp["status"] == "at_risk"
    urban = goals["urbanization"]
    assert (urban["score"], urban["expected"], urban["required"]) == ("62.8", "63", "1.1")
    jobs = goals["jobs"]
    assert (jobs["score"], jobs["expected"], jobs["required"], jobs["status"]) == (
        "12300", "12000", "3850", "on_track",
    )  # fmt: skip
    assert "fourteenth" in planned("plans").stdout
    table = planned("status", "--plan", "十四五规划", "--as-of", "2024-03-31").stdout
    assert "2021, 2022, 2023" in table


def test_the_report_has_a_plan_section_in_the_officials_words(planned: Run) -> None:
    text = report(planned, "--as-of", "2024-03-31", "--year", "2023")
    section = text.split("## 规划目标")[1]
    assert "十四五规划（2021—2025年）" in section
    assert "十四五以来年均增长5.4%，后两年需年均增长6.9%" in section
    assert "2023年末达到62.8%，按规划进度应达63.0%，后两年需年均提高1.1个百分点" in section
    assert "十四五以来累计4,100人" not in section
    assert "十四五以来累计12,300人，按规划进度应达12,000人，后两年需年均3,850人" in section
    english = report(planned, "--as-of", "2024-03-31", "--year", "2023", lang="en")
    assert "the last 2 years need growth of 6.9% a year" in english


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (FOURTEENTH.replace("years = [2021, 2025]", "years = [2025, 2021]"), "'years' must be"),
        (FOURTEENTH.replace("[goals.jobs]", "[goals.jbos]"), "no indicator 'jbos'"),
        (FOURTEENTH.replace('basis = "cumulative"', 'basis = "annual_average"'),
         "adds up a growth, and jobs is a count"),
        (FOURTEENTH.replace("label_zh = \"年均增长6%\"", "lable_zh = \"x\""), "did you mean"),
    ],
)  # fmt: skip
def test_a_plan_that_cannot_be_is_refused_at_its_line(
    run: Run, tmp_path: Path, text: str, words: str
) -> None:
    folder = write_config(
        tmp_path / "config", indicators=PLANNED, goals={}, plans={"fourteenth": text}
    )
    result = run("--config", str(folder), "config", "check")
    assert result.exit_code == 1
    assert words in result.stderr
    assert "fourteenth.toml:" in result.stderr


# 责任单位完成情况: the owners held to account, with weights ---------------------------------

OWNED = INDUSTRY + JOBS + TRADE


@pytest.fixture
def owned(run: Run, tmp_path: Path) -> Run:
    goals = """
[goals.industry]
target = 8
weight = 2

[goals.jobs]
target = 1200

[goals.trade]
target = 5
"""
    folder = write_config(tmp_path / "config", indicators=OWNED, goals={"2024": goals})
    county = configured(run, folder)
    for key, value in (("industry", "7.2"), ("jobs", "540"), ("trade", "6.0")):
        assert county("record", key, value, "-p", "2024-06").exit_code == 0
    return county


def test_the_owners_table_lists_the_worst_first_with_the_weighted_score(owned: Run) -> None:
    result = owned("owners", "--as-of", "2024-07-31", "--json")
    assert result.exit_code == 0, result.output
    owners = json.loads(result.stdout)["owners"]
    # stats: industry 7.2 of 8 (0.9, weight 2) lagging, jobs 540 of 600 expected (0.9) at
    # risk: (2 × 0.9 + 0.9) / 3 = 90%; commerce: trade on track, 100%
    assert [(o["key"], o["behind"], o["score"]) for o in owners] == [
        ("stats", 2, "90"),
        ("commerce", 0, "100"),
    ]
    table = owned("owners", "--as-of", "2024-07-31").stdout
    assert "90.0%" in table
    text = report(owned, "--as-of", "2024-07-31")
    section = text.split("## 责任单位完成情况")[1]
    assert (
        "统计局：得分 90.0%；2项目标，2项未达目标：规模以上工业增加值增速、城镇新增就业" in section
    )
    assert section.index("统计局") < section.index("商务局")


def test_a_weight_of_nothing_is_refused_at_its_line(run: Run, tmp_path: Path) -> None:
    folder = write_config(
        tmp_path / "config",
        indicators=INDUSTRY,
        goals={"2024": "[goals.industry]\ntarget = 8\nweight = 0\n"},
    )
    result = run("--config", str(folder), "init")
    assert result.exit_code == 1
    assert "2024.toml:3" in result.stderr
    assert "'weight' must be above 0" in result.stderr

"""The refusals a clerk meets most, each in a line of English and one of Chinese that say what
is wrong and what to do, the database unchanged: a file with the wrong columns, an empty file,
a header without figures, a year without goals, a second scheduler."""

from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.cli.conftest import Run
from tests.helpers import snapshot
from tracker.store.db import make_engine


def two_lines(result) -> tuple[str, str]:
    assert result.exit_code == 1, result.output
    english, chinese = result.stderr.splitlines()
    assert english.startswith("Error: ")
    assert chinese.startswith("错误：")
    return english, chinese


EMPTY = "Error: f.csv is empty (文件为空): it holds no rows; check that this is the file meant."


@pytest.fixture
def engine_of(database_url: str):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.mark.parametrize(
    ("content", "english", "chinese"),
    [
        (
            "a,b,c\n1,2,3\n",
            "Error: f.csv has no header row naming the indicator, period and value columns "
            "(未找到表头); put one in the first rows, e.g. indicator: 指标/指标名称/指标代码; "
            "period: 期间/时期/报告期; value: 数值/数据/本期数.",
            "错误：f.csv的前几行中没有写明指标、期间和数值列的表头；请加一行表头，例如：指标,期间,数值",
        ),
        (
            "",
            EMPTY,
            "错误：f.csv是空文件，没有任何内容；请确认文件是否正确",
        ),
        (
            "\n\n,,\n",
            EMPTY,
            "错误：f.csv是空文件，没有任何内容；请确认文件是否正确",
        ),
        (
            "indicator,period,value\n",
            "Error: f.csv has no figures below its header (没有数据): every value cell is empty; "
            "fill in the value column and import it again.",
            "错误：f.csv表头下没有数据（数值列全空）；请填写数值列后重新导入",
        ),
    ],
)
def test_a_file_that_holds_no_figures_is_said_in_both_languages(
    initialised: Run, engine_of: Engine, tmp_path: Path, content: str, english: str, chinese: str
) -> None:
    path = tmp_path / "f.csv"
    path.write_text(content, encoding="utf-8")
    before = snapshot(engine_of)
    assert two_lines(initialised("import", str(path))) == (english, chinese)
    assert snapshot(engine_of) == before


def test_status_in_a_year_without_goals_says_so_in_both_languages(initialised: Run) -> None:
    result = initialised("status", "--year", "2031")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "No goals for 2031; the years with goals: 2020 (`tracker goals` lists them).",
        "2031年没有目标；有目标的年份：2020（`tracker goals` 列出）。",
    ]


def test_goals_of_a_year_without_any_do_not_say_to_run_init(initialised: Run) -> None:
    result = initialised("goals", "--year", "2031")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "No goals for 2031; the years with goals: 2020 (`tracker goals` lists them).",
        "2031年没有目标；有目标的年份：2020（`tracker goals` 列出）。",
    ]


def test_a_place_without_goals_is_named_with_its_own_years_in_both_languages(
    initialised: Run,
) -> None:
    result = initialised("status", "--place", "east", "--as-of", "2020-07-20")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "No goals of 东城区 (East District) for 2020, nor for any year; `tracker init` loads "
        "them from the config.",
        "东城区2020年没有目标，也没有任何年份的目标；`tracker init` 从配置载入目标。",
    ]


@pytest.mark.parametrize(
    ("args", "chinese"),
    [
        (
            ("goals", "--history", "gpd"),
            "错误：没有目标 'gpd'；现有目标：cpi, energy, fai, gdp, income, industry, jobs, "
            "rank, retail, revenue, trade, urbanization。",
        ),
        (
            ("record", "industry", "5,5", "--period", "2020-06"),
            "错误：'5,5' 不是数字（逗号只用于千位分隔，如 1,234；小数点写作 '.'）；请写成 "
            "8.5、8.5%、增长8.5% 或 2050人。",
        ),
        (
            ("record", "industry", "5.5", "--period", "2020-13"),
            "错误：'2020-13' 不是有效的期间；请写成 2020-06、2020年1-6月、上半年、2020-Q2 "
            "或 2020。",
        ),
    ],
)
def test_a_mistyped_goal_value_or_period_is_explained_in_chinese_too(
    initialised: Run, engine_of: Engine, args: tuple[str, ...], chinese: str
) -> None:
    before = snapshot(engine_of)
    assert two_lines(initialised(*args))[1] == chinese
    assert snapshot(engine_of) == before


def test_an_option_without_its_value_is_named_in_chinese(
    initialised: Run, engine_of: Engine
) -> None:
    before = snapshot(engine_of)
    result = initialised("status", "--as-of", "2020-07-20", "--place")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith("错误：--place 后面缺少值；")
    assert snapshot(engine_of) == before

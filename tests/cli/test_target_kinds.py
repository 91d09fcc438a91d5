"""Every kind of target end to end: the 2022 example (examples/nation-2022) loaded, figures
recorded, then `goals`, `status [--json]` and the report in Chinese and English."""

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Run

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "nation-2022"
FIGURES = [
    ("gdp", "4.8", "2022-Q1"),
    ("gdp", "2.5", "2022-Q2"),
    ("income", "3.0", "2022-Q2"),
    ("jobs", "654", "2022-06"),
    ("unemployment", "5.5", "2022-06"),
    ("cpi", "1.7", "2022-06"),
    ("industry", "3.4", "2022-06"),
    ("trade", "9.4", "2022-06"),
    ("sales", "400", "2021-06"),
    ("sales", "470", "2022-06"),
    ("patents", "268", "2022-06"),
]


@pytest.fixture
def example(run: Run, migrated: str) -> Run:
    """The 2022 example with the first half's figures recorded."""
    result = run("--config", str(EXAMPLE), "init")
    assert result.exit_code == 0, result.output
    assert "Loaded 13 indicators and 14 goals" in result.stdout
    for key, value, period in FIGURES:
        assert run("record", key, value, "--period", period).exit_code == 0
    assert run("record", "revenue", "6.5", "--amount", "10.5", "-p", "2022-06").exit_code == 0
    return run


def status_of(run: Run) -> dict[str, dict[str, object]]:
    result = run("status", "--as-of", "2022-07-31", "--json")
    assert result.exit_code == 0, result.output
    return {g["key"]: g for g in json.loads(result.stdout)["goals"]}


def test_it_lists_every_kind_of_target_in_goals(example: Run) -> None:
    out = example("goals").stdout
    for rule in (
        "≈ 5.5 ± 0.5",
        "≈ 0 ± 0.5 vs gdp",
        "< 0",
        "none",
        "between 5–6",
        "assigned by province",
        "≥ 6, stretch 8",
        "≥ 20 (amount)",
        "≥ 150 net increase",
        "revenue_total",
    ):
        assert rule in out


def test_it_gives_each_kind_its_status_and_numbers_in_json(example: Run) -> None:
    goals = status_of(example)
    assert len(goals) == 14
    assert (goals["gdp"]["status"], goals["gdp"]["comparator"]) == ("lagging", "about")
    assert goals["income"]["reference"] == {"key": "gdp", "period": "2022-Q2", "value": "2.5"}
    assert (goals["income"]["status"], goals["income"]["score"]) == ("on_track", "0.5")
    assert (goals["energy"]["status"], goals["energy"]["target"]) == ("no_target", None)
    assert (goals["trade"]["status"], goals["trade"]["value"]) == ("pending", "9.4")
    assert goals["trade"]["assigned_by"] == "province"
    assert (goals["industry"]["target"], goals["industry"]["gap"]) == (["5", "6"], "-1.6")
    assert (goals["revenue"]["stretch"], goals["revenue"]["stretch_met"]) == ("8", False)
    amount = goals["revenue_total"]
    assert (amount["indicator"], amount["value"], amount["expected"]) == ("revenue", "10.5", "10")
    assert (goals["sales"]["score"], goals["sales"]["status"]) == ("70", "at_risk")
    assert (goals["patents"]["expected"], goals["patents"]["status"]) == ("270", "at_risk")
    assert goals["grain"]["missing"] is None


def test_it_says_what_a_goal_lacks_in_status_and_json(example: Run) -> None:
    example("record", "patents", "270", "-p", "2022-07")
    example("--config", str(EXAMPLE), "init")
    goals = status_of(example)
    assert goals["patents"]["missing"] is None  # the 2021 level shipped with the example
    example("record", "sales", "520", "-p", "2022-07")  # July 2021 was never recorded
    result = example("status", "--as-of", "2022-08-31", "--json")
    sales = {g["key"]: g for g in json.loads(result.stdout)["goals"]}["sales"]
    assert sales["status"] == "no_data"
    assert sales["missing"] == {"what": "same_period", "indicator": "sales", "period": "2021-07"}
    table = example("status", "--as-of", "2022-08-31").stdout
    assert "缺少上年同期（2021-07）数据" in table


@pytest.mark.parametrize(
    ("lang", "phrases"),
    [
        (
            "zh",
            [
                "目标区间5.0%—6.0%，低于下限1.6个百分点",
                "达到确保目标，距力争目标还差1.5个百分点",
                "目标待省下达，目前增长9.4%",
                "比国内生产总值增速高0.5个百分点，基本同步",
                "268件（6月末）",
                "按进度应达270件，落后进度2件",
                "比上年同期净增70亿元",
                "[未设目标] 单位国内生产总值能耗变化",
            ],
        ),
        (
            "en",
            [
                "target range 5.0%–6.0%, 1.6 percentage points below its lower end",
                "floor target met, 1.5 percentage points short of the stretch target",
                "target to be set by the province; so far growth of 9.4%",
                "0.5 percentage points above GDP growth, broadly in step",
                "268 件 (end of June)",
                "270 件 expected by now, 2 件 behind",
                "a net increase of 70 亿元 on the same period last year",
            ],
        ),
    ],
)
def test_the_report_words_each_kind_in_the_officials_register(
    example: Run, lang: str, phrases: list[str]
) -> None:
    result = example("report", "--as-of", "2022-07-31", "-f", "text", "--lang", lang, "-o", "-")
    assert result.exit_code == 0, result.output
    for phrase in phrases:
        assert phrase in result.stdout


def test_the_status_table_says_each_status_in_the_reports_words(example: Run) -> None:
    table = example("status", "--as-of", "2022-07-31").stdout
    cells = {}
    for row in table.splitlines():
        parts = [cell.strip() for cell in row.split("│")]
        if len(parts) > 4 and parts[1] and parts[3]:
            cells[parts[1]] = parts[3]
    report = example("report", "--as-of", "2022-07-31", "-f", "json", "-o", "-").stdout
    words = {g["key"]: g["text"]["status"] for g in json.loads(report)["goals"]}
    assert cells["energy"] == "未设目标 no target"  # not 无目标: one word per status
    assert {key: cells[key].split(" ")[0] for key in words} == words

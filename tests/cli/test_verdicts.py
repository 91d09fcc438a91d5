"""Verdicts that once read wrong, each through the commands on both backends, with a config a
planning office would write (docs/status-rules.md)."""

import json
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

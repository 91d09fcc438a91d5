"""The year's end: last year's goals until its end is closed, and preliminary final verdicts
(docs/status-rules.md, "The year's end")."""

import json

from tests.cli.conftest import Run


def test_in_february_status_speaks_of_last_years_goals_and_says_so(initialised: Run) -> None:
    result = initialised("status", "--as-of", "2021-02-15")
    assert result.exit_code == 0, result.output
    assert "2020年目标仍在收尾（尚待最终数据：urbanization, energy, rank）" in result.stdout
    assert "the 2020 goals are still being closed (final figures still due: " in result.stdout
    assert "Goals of 2020 as of 2021-02-15" in result.stdout


def test_after_1_march_it_waits_for_a_last_figure_that_is_still_due(initialised: Run) -> None:
    # The rank (annual, published 120 days after the year) is due on 30 April 2021.
    result = initialised("status", "--as-of", "2021-04-10")
    assert "final figures still due: rank)" in result.stdout
    assert "Goals of 2020 as of 2021-04-10" in result.stdout
    initialised("record", "rank", "40", "--period", "2020")
    later = initialised("status", "--as-of", "2021-04-10")
    assert "No goals for 2021" in later.stdout  # everything of 2020 is in or past due


def test_the_report_of_last_year_covers_its_december(initialised: Run) -> None:
    result = initialised("report", "--as-of", "2021-02-15", "-f", "text", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("示范区2020年12月目标进度")  # the configured place named


def test_a_final_verdict_on_a_preliminary_figure_is_worded_as_expected(initialised: Run) -> None:
    initialised("record", "gdp", "8.2", "--period", "2020-Q4", "--preliminary")
    table = initialised("status", "--as-of", "2021-02-15").stdout
    assert "预计完成 expected achieved" in table
    document = json.loads(initialised("status", "--as-of", "2021-02-15", "--json").stdout)
    gdp = next(g for g in document["goals"] if g["key"] == "gdp")
    assert (gdp["status"], gdp["final"], gdp["preliminary"]) == ("achieved", True, True)
    zh = initialised("report", "--as-of", "2021-02-15", "-f", "text", "-o", "-").stdout
    assert "[预计完成] 地区生产总值增速" in zh
    en = initialised("report", "--as-of", "2021-02-15", "-f", "text", "-o", "-", "--lang", "en")
    assert "[expected to be achieved] GDP growth" in en.stdout
    initialised("record", "gdp", "8.1", "-p", "2020-Q4", "--revise", "--final", "--reason", "核实")
    settled = initialised("status", "--as-of", "2021-02-15").stdout
    assert "已完成 achieved" in settled
    assert "预计完成" not in settled


def test_a_goal_without_its_baseline_says_which_figure_to_record(initialised: Run) -> None:
    initialised("record", "urbanization", "54.3", "--period", "2020")
    table = initialised("status", "--as-of", "2021-06-30", "--year", "2020").stdout
    assert "缺少2019年基数（请录入2019年数据）/ no 2019 baseline: record the 2019 figure" in table
    document = json.loads(
        initialised("status", "--as-of", "2021-06-30", "--year", "2020", "--json").stdout
    )
    urbanization = next(g for g in document["goals"] if g["key"] == "urbanization")
    assert urbanization["status"] == "no_data"
    assert urbanization["missing"] == {
        "what": "baseline",
        "indicator": "urbanization",
        "period": "2019",
    }
    args = ("report", "--as-of", "2021-06-30", "--year", "2020", "-f", "text", "-o", "-")
    assert "缺少2019年基数（请录入2019年数据）" in initialised(*args).stdout
    en = initialised(*args, "--lang", "en").stdout
    assert "no 2019 baseline: record the 2019 figure" in en

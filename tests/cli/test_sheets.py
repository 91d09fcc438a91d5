from pathlib import Path

from sqlalchemy import Engine
from typer.testing import CliRunner

from tests.helpers import snapshot
from tests.sheets.conftest import write_csv
from tracker.cli.main import app

FILE = [
    ["指标", "期间", "数值", "单位"],
    ["industry", "2020-06", "5.0", "%"],
    ["fai", "2020-06", "", ""],
]


def run(engine: Engine, *args: str):
    url = engine.url.render_as_string(hide_password=False)
    return CliRunner().invoke(app, ["--db", url, *args])


def test_import_says_what_it_read_and_what_it_wrote(loaded: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "f.csv", FILE, encoding="gbk")
    result = run(loaded, "import", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Read f.csv (encoding gb18030): 2 rows · 读取2行\n"
        "Ignored columns 未使用的列: 单位\n"
        "Rows without a value, skipped 无数值未导入: 3\n"
        "Imported: 1 added, 0 revised, 0 unchanged · 已导入：新增1条，修订0条，未变0条\n"
    )


def test_a_dry_run_lists_the_rows(loaded: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "f.csv", FILE[:2])
    result = run(loaded, "import", str(path), "--dry-run")
    assert result.stdout.splitlines()[2:] == [
        "Dry run, nothing written · 试运行，未写入: would be 1 added, 0 revised, 0 unchanged · "
        "新增1条，修订0条，未变0条",
        "  row     2  add 新增  industry 2020-06 = 5",
    ]


def test_a_refused_file_prints_the_problems_and_exits_1(loaded: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "f.csv", [FILE[0], ["industry", "2020-06", "8..5", ""]])
    before = snapshot(loaded)
    result = run(loaded, "import", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "Error: f.csv: 1 problem (共1处错误); nothing was imported (未导入任何数据). Fix them and "
        "import the file again:",
        "第2行 C列: '8..5' 不是数字 / row 2, column C: '8..5' is not a number; write a number "
        "such as 8.5, 8.5%, -3, 1,234 (full-width digits are fine).",
    ]
    assert snapshot(loaded) == before


def test_revise_and_reason_go_together(loaded: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "f.csv", FILE)
    before = snapshot(loaded)
    for args in (["--revise"], ["--reason", "x"]):
        result = run(loaded, "import", str(path), *args)
        assert result.exit_code == 1
        assert "--revise and --reason go together" in result.stderr
    assert snapshot(loaded) == before


def test_export_and_forms_write_their_files(loaded: Engine, tmp_path: Path) -> None:
    out = tmp_path / "all.xlsx"
    result = run(loaded, "export", "-o", str(out))
    assert result.stdout == f"Wrote 6 figures to {out}\n"
    result = run(loaded, "forms", "export", "--period", "2020-06", "--owner", "jobs", "-o", "x")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: No owner 'jobs' has indicators due for 2020-06")
    result = run(
        loaded, "forms", "export", "-p", "2020-06", "--owner", "labour", "-o", str(tmp_path)
    )
    assert result.stdout == f"{tmp_path / '2020-06-labour.xlsx'}  区人社局: 1 indicator(s)\n"


BULLETIN = (
    "2020年1-7月全区经济运行简况\n"
    "1-7月，全区规模以上工业增加值同比增长5.4%，比1-6月回升0.6个百分点。"
    "二季度，全区地区生产总值增长4.5%。\n"
)


def test_a_bulletin_on_standard_input_is_shown_then_recorded_with_yes(loaded: Engine) -> None:
    url = loaded.url.render_as_string(hide_password=False)
    before = snapshot(loaded)
    shown = CliRunner().invoke(app, ["--db", url, "import", "-"], input=BULLETIN)
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.splitlines() == [
        "Read stdin: 1 figure found · 找到1个数据",
        "  line   2  add 新增  industry 2020-07 = 5.4  (1-7月)",
        "            「1-7月，全区规模以上工业增加值同比增长5.4%，比1-6月回升0.6个百分点」",
        "Not placed, not imported 无法确定，未导入:",
        "  line   2  gdp: 二季度 is a single quarter; the year to date is written 上半年"
        " · 二季度是单季度，累计数请写上半年",
        "            「二季度，全区地区生产总值增长4.5%」",
        "Dry run, nothing written · 试运行，未写入: would be 1 added, 0 revised, 0 unchanged · "
        "新增1条，修订0条，未变0条; record them with --yes · 确认无误后加 --yes 导入",
    ]
    assert snapshot(loaded) == before
    recorded = CliRunner().invoke(app, ["--db", url, "import", "-", "--yes"], input=BULLETIN)
    assert recorded.exit_code == 0, recorded.output
    assert recorded.stdout.splitlines()[-1] == (
        "Imported: 1 added, 0 revised, 0 unchanged · 已导入：新增1条，修订0条，未变0条"
    )
    assert snapshot(loaded) != before


def test_a_bulletin_that_places_nothing_is_one_bilingual_error(
    loaded: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "b.txt"
    path.write_text("分门类看，采矿业增长3.1%。\n", encoding="utf-8")
    before = snapshot(loaded)
    result = run(loaded, "import", str(path), "--yes")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.splitlines()[0].startswith(
        "Error: b.txt: no sentence states a figure of a configured indicator (没有找到可导入的数据)"
    )
    assert snapshot(loaded) == before


def test_a_statistical_table_says_which_columns_it_took_and_ignored(
    loaded: Engine, tmp_path: Path
) -> None:
    rows = [
        ["2020年1-7月全区主要经济指标"],
        ["指标名称", "本月", "1-7月累计", "同比增长(%)"],
        ["规模以上工业增加值", "12.6", "80.5", "5.4"],
        ["注：增速按可比价格计算。"],
    ]
    result = run(loaded, "import", str(write_csv(tmp_path / "t.csv", rows)))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Read t.csv (encoding utf-8): 2 rows · 读取2行",
        "Statistical table for 2020年1-7月: indicator A, rates D '同比增长(%)', counts and "
        "amounts C '1-7月累计' · 统计表，期间2020年1-7月",
        "Column B '本月' is a single month's figure, not the year to date: ignored · "
        "B列'本月'是当月数，不是累计数，未导入",
        "Imported: 1 added, 0 revised, 0 unchanged · 已导入：新增1条，修订0条，未变0条",
    ]

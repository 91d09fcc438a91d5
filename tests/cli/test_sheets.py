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

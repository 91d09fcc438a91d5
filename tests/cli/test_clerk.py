"""The command line in the clerk's language: bulletin forms, typo guards, withdrawal, both
languages in every error, tables that fit the terminal, a GBK console, file names that say
the format."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import Result

from tests.cli.conftest import Run
from tests.conftest import CONFIG_DIR
from tests.helpers import snapshot
from tracker.store.db import make_engine


def refused(result: Result, words: str) -> None:
    """Exit 1, ``words`` in the English line, a Chinese line after it, no traceback."""
    assert result.exit_code == 1, result.output
    english, chinese = result.stderr.splitlines()
    assert english.startswith("Error: ")
    assert words in english
    assert chinese.startswith("错误：")
    assert "Traceback" not in result.output


def test_it_records_periods_and_values_as_bulletins_write_them(initialised: Run) -> None:
    for args, said in [
        (("规上工业增加值", "增长5.4%", "-p", "2020年1-6月"), "Recorded industry 2020-06 = 5.4"),
        (("CPI", "3.6%", "-p", "1-6月", "--year", "2020"), "Recorded cpi 2020-06 = 3.6"),
        (("jobs", "0.205万人", "-p", "2020年6月"), "Recorded jobs 2020-06 = 2050"),
        (("gdp", "增长3.2%", "-p", "2020年上半年"), "Recorded gdp 2020-Q2 = 3.2"),
        (("retail", "下降3.5%", "-p", "202006"), "Recorded retail 2020-06 = -3.5"),
    ]:
        result = initialised("record", *args)
        assert result.exit_code == 0, result.output
        assert result.stdout == said + "\n"


def test_a_single_quarter_for_a_year_to_date_indicator_is_refused_with_the_label_to_use(
    initialised: Run, database_url: str
) -> None:
    engine = make_engine(database_url)
    before = snapshot(engine)
    result = initialised("record", "gdp", "3.2", "-p", "2020年二季度")
    refused(result, "single quarter")
    assert "上半年" in result.stderr
    assert snapshot(engine) == before
    engine.dispose()


def test_the_typo_guards_refuse_unless_forced_and_change_nothing(
    initialised: Run, database_url: str
) -> None:
    assert initialised("record", "industry", "5.6", "-p", "2020-06").exit_code == 0
    assert initialised("record", "jobs", "2380", "-p", "2020-06").exit_code == 0
    engine = make_engine(database_url)
    before = snapshot(engine)
    for args, words in [
        (("industry", "56", "-p", "2020-07"), "56% moves 50.4 points from 5.6% in 2020-06"),
        (("jobs", "238", "-p", "2020-07"), "a year-to-date count cannot fall"),
        (("jobs", "5.2%", "-p", "2020-07"), "'5.2%' is a percentage, but the indicator counts 人"),
        (("jobs", "2400.5", "-p", "2020-07"), "is a fraction of one"),
        (("jobs", "12.3亿元", "-p", "2020-07"), "the indicator's unit is 人"),
    ]:
        refused(initialised("record", *args), words)
    assert snapshot(engine) == before
    forced = initialised("record", "industry", "56", "-p", "2020-07", "--force")
    assert forced.stdout == "Recorded industry 2020-07 = 56\n"
    engine.dispose()


def test_the_very_same_figure_again_changes_nothing_and_exits_0(
    initialised: Run, database_url: str
) -> None:
    assert initialised("record", "fai", "9.1", "-p", "2020-06").exit_code == 0
    engine = make_engine(database_url)
    before = snapshot(engine)
    again = initialised("record", "fai", "9.1%", "-p", "2020年1-6月")
    assert again.exit_code == 0, again.output
    assert again.stdout == (
        "fai 2020-06 is already recorded as 9.1; nothing changed. 已录入，未作更改。\n"
    )
    assert snapshot(engine) == before
    engine.dispose()


def test_a_withdrawn_figure_leaves_the_status_and_stays_in_the_history(
    initialised: Run,
) -> None:
    assert initialised("record", "jobs", "2380", "-p", "2020-08").exit_code == 0
    done = initialised("withdraw", "jobs", "-p", "2020-08", "--reason", "应为7月数据")
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith("Withdrew jobs 2020-08 = 2380 (revision 2)")
    status = initialised("status", "--as-of", "2020-09-30", "--json")
    jobs = next(g for g in json.loads(status.stdout)["goals"] if g["key"] == "jobs")
    assert (jobs["value"], jobs["status"]) == (None, "no_data")
    history = initialised("history", "jobs", "--wide")
    assert "withdrawn 已撤回" in history.stdout
    assert "应为7月数据" in history.stdout
    again = initialised("record", "jobs", "2380", "-p", "2020-07")
    assert again.stdout == "Recorded jobs 2020-07 = 2380\n"
    after = initialised("record", "jobs", "2500", "-p", "2020-08")  # no --revise needed
    assert after.stdout == "Recorded jobs 2020-08 = 2500\n"


def test_withdrawing_what_is_not_there_is_refused(initialised: Run, database_url: str) -> None:
    engine = make_engine(database_url)
    before = snapshot(engine)
    refused(initialised("withdraw", "jobs", "-p", "2020-08", "--reason", "x"), "has no figure")
    refused(initialised("withdraw", "jobs", "-p", "2020-08", "--reason", " "), "needs a reason")
    assert snapshot(engine) == before
    engine.dispose()


@pytest.mark.parametrize("width", [80, 100, 120])
def test_tables_fit_the_terminal(
    initialised: Run, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    initialised("record", "industry", "5.6", "-p", "2020-06", "--note", "重点企业产能逐步恢复")
    monkeypatch.setenv("COLUMNS", str(width))
    for args in (("status", "--as-of", "2020-07-31"), ("goals",), ("history", "industry")):
        shown = initialised(*args)
        assert shown.exit_code == 0, shown.output
        assert max(cell_len(line) for line in shown.stdout.splitlines()) <= width, args
        assert "industry" in shown.stdout
    status = initialised("status", "--as-of", "2020-07-31").stdout
    assert ("Overdue" in status) == (width >= 100)  # dropped by priority in 80 columns
    assert ("Period" in status) == (width >= 120)
    wide = initialised("status", "--as-of", "2020-07-31", "--wide").stdout
    assert "Expected" in wide
    assert max(cell_len(line) for line in wide.splitlines()) > 120


def test_a_gbk_console_prints_the_status_without_a_traceback(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    command = str(Path(sys.executable).parent / "tracker")

    def tracker(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [command, "--db", f"sqlite:///{db}", *args],
            capture_output=True,
            env={"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "gbk", "HOME": str(tmp_path)},
            timeout=60,
            check=False,
        )

    assert tracker("init", "--demo").returncode == 0
    assert tracker("record", "industry", "5.6", "-p", "2020-06").returncode == 0
    shown = tracker("status", "--as-of", "2020-07-31")
    assert (shown.returncode, shown.stderr) == (0, b"")
    text = shown.stdout.decode("gbk")  # every byte is GBK
    assert "规模以上工业增加值增速" in text
    assert "gap = score - target" in text  # the minus sign GBK lacks, as an ASCII hyphen
    refusal = tracker("record", "industry", "abc", "-p", "2020-07")
    assert refusal.returncode == 1
    assert "错误：" in refusal.stderr.decode("gbk")
    assert b"Traceback" not in refusal.stderr


def test_report_takes_the_format_from_the_file_name_or_refuses_a_mismatch(
    initialised: Run, tmp_path: Path
) -> None:
    text = tmp_path / "aug.txt"
    done = initialised("report", "--as-of", "2020-07-20", "-o", str(text), "--no-charts")
    assert done.exit_code == 0, done.output
    assert not text.read_text(encoding="utf-8").lstrip().startswith("<")
    refused(
        initialised("report", "--as-of", "2020-07-20", "-o", str(tmp_path / "a.txt"), "-f", "html"),
        "names a text file but --format is html",
    )
    refused(
        initialised("report", "--as-of", "2020-07-20", "-o", str(tmp_path / "a.pdf")),
        "cannot tell the format",
    )
    assert not (tmp_path / "a.txt").exists()


def test_export_refuses_to_overwrite_without_replace_and_writes_to_stdout(
    initialised: Run, tmp_path: Path
) -> None:
    initialised("record", "industry", "5.6", "-p", "2020-06")
    path = tmp_path / "figures.csv"
    path.write_text("mine", encoding="utf-8")
    refused(initialised("export", "-o", str(path)), "exists; add --replace")
    assert path.read_text(encoding="utf-8") == "mine"
    assert initialised("export", "-o", str(path), "--replace").exit_code == 0
    assert "industry" in path.read_text(encoding="utf-8-sig")
    shown = initialised("export", "-o", "-")
    assert shown.exit_code == 0
    assert shown.stdout.splitlines()[0] == "指标,名称,期间,数值,金额,预计,备注,来源"
    assert "industry,规模以上工业增加值增速,2020-06,5.6" in shown.stdout


def test_an_import_reads_empty_markers_and_lists_the_typo_guards_by_row(
    initialised: Run, tmp_path: Path, database_url: str
) -> None:
    path = tmp_path / "f.csv"
    path.write_text(
        "指标,期间,数值\n规上工业增加值,2020年1-5月,5.6\nindustry,2020年1-6月,56\n"
        "fai,2020-06,—\nretail,2020-06,暂无\njobs,2020-06,2380\njobs,2020-07,238\n",
        encoding="utf-8",
    )
    engine = make_engine(database_url)
    before = snapshot(engine)
    result = initialised("import", str(path))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Error: f.csv: 2 problems")
    assert lines[1].startswith("第3行 C列: industry 2020-06：56%较2020-05的5.6%变动50.4个百分点")
    assert lines[2].startswith("第7行 C列: jobs 2020-07：238低于2020-06的2380")
    assert snapshot(engine) == before
    forced = initialised("import", str(path), "--force")
    assert forced.exit_code == 0, forced.output
    assert "4 added" in forced.stdout
    engine.dispose()


def test_an_import_reads_bulletin_periods_and_values_and_names_the_cell_of_a_refusal(
    initialised: Run, tmp_path: Path
) -> None:
    path = tmp_path / "f.csv"
    path.write_text(
        "指标,期间,数值\n规上工业增加值,2020年1-6月,增长5.4%\njobs,2020.06,0.205万人\n"
        "gdp,2020年二季度,3.2\njobs,2020-07,12.3亿元\n",
        encoding="utf-8",
    )
    result = initialised("import", str(path))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[1].startswith(
        "第4行 B列: '2020年二季度' 是单季度，而该指标为累计数；1-6月累计请写成 上半年"
    )
    assert lines[2].startswith("第5行 C列: '12.3亿元' 的单位是亿元，而该指标的单位是人")
    path.write_text(
        "指标,期间,数值\n规上工业增加值,2020年1-6月,增长5.4%\njobs,2020.06,0.205万人\n"
        "gdp,2020年上半年,同比增长3.2%\n",
        encoding="utf-8",
    )
    done = initialised("import", str(path), "--dry-run")
    assert done.exit_code == 0, done.output
    assert "industry 2020-06 = 5.4" in done.stdout
    assert "jobs 2020-06 = 2050" in done.stdout
    assert "gdp 2020-Q2 = 3.2" in done.stdout


def test_a_gbk_console_marks_the_own_place_in_a_league_table_with_an_arrow(
    tmp_path: Path,
) -> None:
    """◀ (the own place's row) is not in GBK: a Chinese Windows console gets ←, not ?."""
    db = tmp_path / "t.db"
    command = str(Path(sys.executable).parent / "tracker")
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONIOENCODING": "gbk",
        "HOME": str(tmp_path),
        "TRACKER_CONFIG_DIR": str(CONFIG_DIR),
    }

    def tracker(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [command, "--db", f"sqlite:///{db}", *args],
            capture_output=True,
            env=env,
            timeout=60,
            check=False,
        )

    assert tracker("init").returncode == 0
    for place, value in (("", "5.6"), ("east", "5.0"), ("west", "4.4")):
        options = ["--place", place] if place else []
        assert tracker("record", "industry", value, "-p", "2020-06", *options).returncode == 0
    shown = tracker("report", "--as-of", "2020-07-20", "-f", "text", "-o", "-", "--no-charts")
    assert (shown.returncode, shown.stderr) == (0, b"")
    text = shown.stdout.decode("gbk")
    [here] = [line for line in text.splitlines() if "示范区  5.6%" in line]
    assert here.endswith("  ←")

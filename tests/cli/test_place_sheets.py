"""`tracker import`, `export` and `forms export` with places, through the command line, on
both backends (docs/places-sheets.md)."""

from pathlib import Path

from sqlalchemy import Engine
from typer.testing import CliRunner

from tests.cli.test_sheets import run
from tests.helpers import snapshot
from tests.sheets.conftest import write_csv
from tracker.cli.main import app

TABLE = [
    ["2020年1-6月各县区主要经济指标"],
    ["地区", "规模以上工业增加值增速(%)", "城镇新增就业(万人)"],
    ["全市", "4.8", "5.1"],
    ["东城区", "3.3", "0.35"],
    ["南湖", "6.1", "0.5"],
]


def test_import_of_a_district_table_says_what_it_read_and_where_each_figure_goes(
    loaded: Engine, tmp_path: Path
) -> None:
    result = run(loaded, "import", str(write_csv(tmp_path / "d.csv", TABLE)), "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Read d.csv (encoding utf-8): 3 rows · 读取3行",
        "District table for 2020年1-6月: places A, B industry, C jobs · 地区表，期间2020年1-6月",
        "Dry run, nothing written · 试运行，未写入: would be 6 added, 0 revised, 0 unchanged · "
        "新增6条，修订0条，未变0条",
        "  row     3  add 新增  city industry 2020-06 = 4.8",
        "  row     3  add 新增  city jobs 2020-06 = 51000",
        "  row     4  add 新增  east industry 2020-06 = 3.3",
        "  row     4  add 新增  east jobs 2020-06 = 3500",
        "  row     5  add 新增  south industry 2020-06 = 6.1",
        "  row     5  add 新增  south jobs 2020-06 = 5000",
    ]


def test_import_refuses_a_row_of_a_place_that_is_not_configured_in_one_line_each(
    loaded: Engine, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "d.csv", [*TABLE, ["西域区", "1.0", "0.1"]])
    before = snapshot(loaded)
    result = run(loaded, "import", str(path))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "第6行 A列: 没有地区'西域区'。是否要找：西城区 (west)？" in result.output
    assert "nothing was imported" in result.output
    assert snapshot(loaded) == before


def test_export_of_every_place_has_a_place_column_and_imports_back(
    loaded: Engine, tmp_path: Path
) -> None:
    run(loaded, "import", str(write_csv(tmp_path / "d.csv", TABLE)))
    result = run(loaded, "export", "--all-places", "--year", "2020", "-o", "-")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "地区,指标,名称,期间,数值,金额,预计,备注,来源"
    assert lines[1:3] == [
        "city,industry,规模以上工业增加值增速,2020-06,4.8,,,,",
        "city,jobs,城镇新增就业,2020-06,51000,,,,",
    ]
    path = tmp_path / "all.csv"
    assert run(loaded, "export", "--all-places", "-o", str(path)).exit_code == 0
    before = snapshot(loaded)
    again = run(loaded, "import", str(path))
    assert "0 added, 0 revised, 12 unchanged" in again.stdout  # the 2019 results too
    assert snapshot(loaded) == before


def test_export_of_one_place_has_its_figures_only(loaded: Engine, tmp_path: Path) -> None:
    run(loaded, "import", str(write_csv(tmp_path / "d.csv", TABLE)))
    result = run(loaded, "export", "--place", "南湖区", "--year", "2020", "-o", "-")
    assert result.stdout.splitlines()[1:] == [
        "south,industry,规模以上工业增加值增速,2020-06,6.1,,,,",
        "south,jobs,城镇新增就业,2020-06,5000,,,,",
    ]


def test_export_and_forms_refuse_a_place_with_all_places_and_an_unknown_place(
    loaded: Engine, tmp_path: Path
) -> None:
    both = run(loaded, "export", "--place", "east", "--all-places", "-o", "-")
    assert both.exit_code == 1
    assert "--place and --all-places exclude each other" in both.output
    forms = run(loaded, "forms", "export", "-p", "2020-06", "--place", "e", "--all-places")
    assert forms.exit_code == 1
    assert "不能同时使用" in forms.output
    unknown = run(loaded, "export", "--place", "eats", "-o", "-")
    assert unknown.exit_code == 1
    assert "no place 'eats' in places.toml; did you mean east" in unknown.output
    assert "Traceback" not in unknown.output + forms.output + both.output


def test_forms_of_every_place_are_written_for_the_places_with_goals(
    loaded: Engine, tmp_path: Path
) -> None:
    result = run(
        loaded, "forms", "export", "-p", "2020-06", "--all-places", "--owner", "industry",
        "-o", str(tmp_path),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{tmp_path / '2020-06-industry.xlsx'}  区工信局: 1 indicator(s)\n"


def test_import_with_a_place_puts_the_rows_that_name_none_there(
    loaded: Engine, tmp_path: Path
) -> None:
    rows = [["指标", "期间", "数值", "地区"], ["industry", "2020-06", "5.0", ""]]
    rows.append(["industry", "2020-06", "5.5", "west"])
    result = run(loaded, "import", str(write_csv(tmp_path / "f.csv", rows)), "--place", "东城区")
    assert result.exit_code == 0, result.output
    again = run(loaded, "export", "--all-places", "--year", "2020", "-o", "-")
    assert again.stdout.splitlines()[1:] == [
        "east,industry,规模以上工业增加值增速,2020-06,5,,,,",
        "west,industry,规模以上工业增加值增速,2020-06,5.5,,,,",
    ]


def test_import_refuses_an_unknown_place_option_before_reading_the_file(
    loaded: Engine, tmp_path: Path
) -> None:
    before = snapshot(loaded)
    result = run(loaded, "import", str(tmp_path / "missing.csv"), "--place", "eats")
    assert result.exit_code == 1
    assert "no place 'eats' in places.toml" in result.output
    assert snapshot(loaded) == before


def test_a_district_table_on_standard_input_is_a_table_not_a_bulletin(loaded: Engine) -> None:
    text = "\n".join(",".join(r) for r in TABLE) + "\n注：数据为初步统计。\n"
    url = loaded.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(app, ["--db", url, "import", "-", "--dry-run"], input=text)
    assert result.exit_code == 0, result.output
    assert "would be 6 added" in result.stdout

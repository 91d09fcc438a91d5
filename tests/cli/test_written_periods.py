"""One grammar of written periods (tracker/domain/written_periods.py): the same label gives the
same period, or the same refusal, through ``record --period``, an import's period cell, a
bureau table's title and a bulletin's sentence."""

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests.cli.conftest import Run
from tests.helpers import snapshot
from tests.sheets.conftest import write_csv
from tracker.store.db import make_engine

NAMES = {"industry": "规模以上工业增加值", "gdp": "地区生产总值"}
Route = Callable[[Run, Path, str, str, tuple[str, ...]], Result]


def recorded(run: Run, _: Path, key: str, label: str, options: tuple[str, ...]) -> Result:
    return run("record", key, "5.4", "-p", label, *options)


def from_cell(run: Run, folder: Path, key: str, label: str, options: tuple[str, ...]) -> Result:
    path = write_csv(folder / "cells.csv", [["指标", "期间", "数值"], [key, label, "5.4"]])
    return run("import", str(path), *options)


def from_title(run: Run, folder: Path, key: str, label: str, options: tuple[str, ...]) -> Result:
    rows = [[f"{label}全区主要经济指标"], ["指标名称", "同比增长(%)"], [NAMES[key], "5.4"]]
    return run("import", str(write_csv(folder / "table.csv", rows)), *options)


def from_sentence(run: Run, folder: Path, key: str, label: str, options: tuple[str, ...]) -> Result:
    path = folder / "bulletin.txt"
    path.write_text(f"{label}，全区{NAMES[key]}同比增长5.4%。\n", encoding="utf-8")
    return run("import", str(path), *options)


ROUTES = (from_cell, from_title, from_sentence, recorded)  # record last: it writes


def period(result: Result, key: str) -> str:
    """The period a command recorded (or would add, in a dry run) for ``key``."""
    assert result.exit_code == 0, result.output
    found = re.search(rf"(?:Recorded|add 新增 ) {key} (\S+) = 5\.4", result.stdout)
    assert found is not None, result.stdout
    return found.group(1)


@pytest.mark.parametrize(
    ("key", "label", "expected"),
    [
        ("industry", "2020年1-7月", "2020-07"),
        ("industry", "2020年1—7月份", "2020-07"),
        ("industry", "2020年1~7月", "2020-07"),
        ("industry", "2020年1至7月", "2020-07"),
        ("industry", "2020年前7月", "2020-07"),
        ("industry", "2020年前7个月", "2020-07"),
        ("industry", "2020年7月", "2020-07"),
        ("industry", "2020年7月末", "2020-07"),
        ("industry", "2020年1—2月份", "2020-02"),
        ("industry", "2020年一季度", "2020-03"),
        ("industry", "2020年上半年", "2020-06"),
        ("industry", "2020年前三季度", "2020-09"),
        ("industry", "2020年1-12月", "2020-12"),
        ("industry", "2020年全年", "2020"),
        ("gdp", "2020年一季度", "2020-Q1"),
        ("gdp", "2020年1-6月", "2020-Q2"),
        ("gdp", "2020年上半年", "2020-Q2"),
        ("gdp", "2020年前9个月", "2020-Q3"),
        ("gdp", "2020年全年", "2020-Q4"),  # a quarterly indicator's year is its Q4
    ],
)
def test_a_label_names_the_same_period_in_a_cell_a_title_a_sentence_and_record(
    initialised: Run, tmp_path: Path, key: str, label: str, expected: str
) -> None:
    for route in ROUTES:
        dry = () if route is recorded else ("--dry-run",)
        assert (route.__name__, period(route(initialised, tmp_path, key, label, dry), key)) == (
            route.__name__,
            expected,
        )


@pytest.mark.parametrize(("label", "expected"), [("1-7月", "2020-07"), ("前7个月", "2020-07")])
def test_a_label_without_its_year_takes_the_year_given_in_a_cell_a_sentence_and_record(
    initialised: Run, tmp_path: Path, label: str, expected: str
) -> None:
    for route in (from_cell, from_sentence, recorded):
        options = ("--year", "2020") + (() if route is recorded else ("--dry-run",))
        result = route(initialised, tmp_path, "industry", label, options)
        assert (route.__name__, period(result, "industry")) == (route.__name__, expected)


def refusals(run: Run, folder: Path, key: str, label: str) -> dict[str, str]:
    """Each route's refusal of ``label`` (stderr), every one an error that changed nothing."""
    said = {}
    for route in ROUTES:
        result = route(run, folder, key, label, () if route is recorded else ("--yes",))
        assert result.exit_code == 1, (route.__name__, result.output)
        assert "Traceback" not in result.output
        said[route.__name__] = result.stderr
    return said


def test_a_span_not_from_january_is_refused_the_same_way_everywhere(
    initialised: Run, database_url: str, tmp_path: Path
) -> None:
    engine = make_engine(database_url)
    before = snapshot(engine)
    said = refusals(initialised, tmp_path, "industry", "2020年3-7月")
    english = (
        "'2020年3-7月' is not a span from January; figures are year-to-date: write 1-7月, "
        "or the single month 7月"
    )
    chinese = "'2020年3-7月' 不是从1月开始的累计期间；请写成 1-7月，或单月 7月"
    assert {route: (english in text, chinese in text) for route, text in said.items()} == {
        route.__name__: (True, True) for route in ROUTES
    }
    assert snapshot(engine) == before
    engine.dispose()


def test_a_single_quarter_of_a_year_to_date_indicator_is_refused_everywhere_naming_the_label(
    initialised: Run, database_url: str, tmp_path: Path
) -> None:
    engine = make_engine(database_url)
    before = snapshot(engine)
    said = refusals(initialised, tmp_path, "gdp", "2020年二季度")
    assert {
        route: ("single quarter" in text, "单季度" in text, "上半年" in text)
        for route, text in said.items()
    } == {route.__name__: (True, True, True) for route in ROUTES}
    assert snapshot(engine) == before
    engine.dispose()


def test_one_label_names_each_indicator_s_own_period_in_one_file(
    initialised: Run, tmp_path: Path
) -> None:
    rows = [
        ["指标", "期间", "数值"],
        ["industry", "2020年上半年", "5.4"],
        ["gdp", "2020年上半年", "5.4"],
    ]
    result = initialised("import", str(write_csv(tmp_path / "f.csv", rows)), "--dry-run")
    assert (period(result, "industry"), period(result, "gdp")) == ("2020-06", "2020-Q2")

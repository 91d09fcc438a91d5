"""Figures of many places imported, exported and asked for on forms, on both backends, with
the tests' config (a zone, its city and four sibling districts: docs/places-sheets.md)."""

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from tests.conftest import CONFIG_DIR
from tests.helpers import snapshot
from tests.sheets.conftest import NOW, write_csv, write_xlsx
from tracker.app.database import Database
from tracker.app.goals import load_definitions_into
from tracker.app.imports import ImportRefused, ImportResult, import_file
from tracker.app.sheets import export_figures, export_forms, export_rows
from tracker.configuration.load import load_config
from tracker.domain.errors import InvalidInput
from tracker.domain.places import HOME, Places, UnknownPlace
from tracker.store import figures as figure_store
from tracker.store.db import read_session

PLACES = load_config(CONFIG_DIR).places
TITLE = ["2020年1-6月各县区主要经济指标"]
HEADER = ["县区", "地区生产总值增速(%)", "规模以上工业增加值增速（%）", "城镇新增就业(万人)"]
BODY = [
    ["全市", "4.1", "4.8", "5.1"],
    ["示范区", "6.5", "7.2", "0.62"],
    ["东城区", "3.2", "—", "0.35"],
    ["南湖", "5.0", "6.1", "0.5"],
    ["北山县", "2.9", "3.3", "0.21"],
    ["注：地区生产总值为季度数据。"],
]


def imported(engine: Engine, path: Path, **options: object) -> ImportResult:
    return import_file(Database(engine), path, by="test", now=NOW, places=PLACES, **options)  # type: ignore[arg-type]


def stored(engine: Engine) -> dict[tuple[str, str, str], Decimal]:
    """The current figures of 2020 (the config's 2019 results left out), by (place, key,
    period)."""
    with read_session(engine) as session:
        found = figure_store.stored_figures(session=session)
    return {key: figure.value for key, figure in found.items() if key[2].startswith("2020")}


def district_xlsx(path: Path, body: list[list[str]] = BODY) -> Path:
    rows: list[list[object]] = [TITLE, HEADER]
    for row in body:
        rows.append([row[0], *(float(v) if v[:1].isdigit() else v for v in row[1:])])
    return write_xlsx(path, rows)


def test_a_district_table_in_chinese_imports_each_figure_into_its_place(
    loaded: Engine, tmp_path: Path
) -> None:
    result = imported(loaded, district_xlsx(tmp_path / "districts.xlsx"))
    assert result.written == 14
    figures = stored(loaded)
    assert figures[("city", "gdp", "2020-Q2")] == Decimal("4.1")
    assert figures[(HOME, "industry", "2020-06")] == Decimal("7.2")
    assert figures[("east", "jobs", "2020-06")] == Decimal("3500")
    assert figures[("south", "gdp", "2020-Q2")] == Decimal("5.0")
    assert figures[("north", "industry", "2020-06")] == Decimal("3.3")
    assert ("east", "industry", "2020-06") not in figures  # — : no figure
    again = imported(loaded, district_xlsx(tmp_path / "districts.xlsx"))
    assert (again.written, len(again.plan.unchanged)) == (0, 14)


def test_the_same_table_as_csv_imports_the_same_figures(loaded: Engine, tmp_path: Path) -> None:
    imported(loaded, district_xlsx(tmp_path / "districts.xlsx"))
    from_xlsx = stored(loaded)
    imported(loaded, write_csv(tmp_path / "d.csv", [TITLE, HEADER, *BODY]), dry_run=True)
    result = imported(loaded, write_csv(tmp_path / "d.csv", [TITLE, HEADER, *BODY]))
    assert (result.written, len(result.plan.unchanged)) == (0, 14)
    assert stored(loaded) == from_xlsx


def test_a_row_whose_place_is_not_configured_refuses_the_file_and_writes_nothing(
    loaded: Engine, tmp_path: Path
) -> None:
    body = [*BODY[:3], ["西域区", "3.0", "3.1", "0.2"], *BODY[3:]]
    before = snapshot(loaded)
    with pytest.raises(ImportRefused) as refused:
        imported(loaded, district_xlsx(tmp_path / "typo.xlsx", body))
    assert "1 problem (共1处错误); nothing was imported" in str(refused.value)
    assert "第6行 A列: 没有地区'西域区'。是否要找：西城区 (west)？" in str(refused.value)
    assert snapshot(loaded) == before


def test_a_short_name_that_fits_two_places_refuses_the_file(loaded: Engine, tmp_path: Path) -> None:
    config = load_config(CONFIG_DIR)
    by_key = dict(config.places.by_key)
    by_key["lake"] = type(by_key["south"])("lake", "南湖县", "Nanhu County", "city")
    places = Places(home=config.places.home, by_key=by_key)
    before = snapshot(loaded)
    with pytest.raises(ImportRefused, match=r"南湖区 \(south\) or 南湖县 \(lake\)"):
        import_file(
            Database(loaded), district_xlsx(tmp_path / "d.xlsx"), by="t", now=NOW, places=places
        )
    assert snapshot(loaded) == before


def test_a_place_column_imports_figures_of_several_places(loaded: Engine, tmp_path: Path) -> None:
    rows = [
        ["地区", "指标", "期间", "数值"],
        ["east", "industry", "2020-06", "5.0"],
        ["West District", "industry", "2020-06", "5.5"],
        ["", "industry", "2020-06", "6.1"],
    ]
    imported(loaded, write_csv(tmp_path / "long.csv", rows))
    assert stored(loaded) == {
        ("east", "industry", "2020-06"): Decimal("5.0"),
        ("west", "industry", "2020-06"): Decimal("5.5"),
        (HOME, "industry", "2020-06"): Decimal("6.1"),
    }


def test_a_revision_of_another_place_needs_a_reason_and_names_the_place(
    loaded: Engine, tmp_path: Path
) -> None:
    imported(loaded, district_xlsx(tmp_path / "d.xlsx"))
    body = [["东城区", "3.4", "", ""]]
    with pytest.raises(ImportRefused, match=r"east gdp 2020-Q2 已录入为 3\.2，文件中为 3\.4"):
        imported(loaded, district_xlsx(tmp_path / "fix.xlsx", body))
    result = imported(loaded, district_xlsx(tmp_path / "fix.xlsx", body), reason="区统计局修订")
    assert [(c.place, c.key, c.previous, c.value) for c in result.plan.revised] == [
        ("east", "gdp", Decimal("3.2"), Decimal("3.4"))
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_of_every_place_imports_back_unchanged(
    loaded: Engine, tmp_path: Path, fmt: str
) -> None:
    imported(loaded, district_xlsx(tmp_path / "d.xlsx"))
    path = tmp_path / f"all.{fmt}"
    assert (
        export_figures(
            Database(loaded), path, year=2020, history=False, places=PLACES, all_places=True
        )
        == 14
    )
    before = snapshot(loaded)
    result = imported(loaded, path)
    assert (len(result.plan.added), len(result.plan.unchanged)) == (0, 14)
    assert snapshot(loaded) == before


def test_an_export_of_one_place_has_its_figures_only(loaded: Engine, tmp_path: Path) -> None:
    imported(loaded, district_xlsx(tmp_path / "d.xlsx"))
    rows = export_rows(Database(loaded), year=2020, history=False, places=PLACES, place="east")
    assert [(r[0], r[1], r[4]) for r in rows] == [("east", "gdp", 3.2), ("east", "jobs", 3500)]
    home = export_rows(Database(loaded), year=2020, history=False, places=PLACES)
    assert [(r[0], r[3]) for r in home] == [("gdp", 6.5), ("industry", 7.2), ("jobs", 6200)]
    history = export_rows(Database(loaded), year=2020, history=True, places=PLACES, all_places=True)
    assert {r[0] for r in history} == {"zone", "city", "east", "south", "north"}


@pytest.fixture
def east_goals(engine: Engine, tmp_path: Path) -> Places:
    """The tests' config with 2020 goals for the East District too, loaded into ``engine``."""
    config = tmp_path / "config"
    shutil.copytree(CONFIG_DIR, config)
    (config / "goals" / "east").mkdir()
    (config / "goals" / "east" / "2020.toml").write_text(
        "[goals.industry]\ntarget = 7\n\n[goals.fai]\ntarget = 9\n", encoding="utf-8"
    )
    loaded = load_config(config)
    load_definitions_into(Database(engine), loaded.definitions, by="t", now=NOW)
    return loaded.places


def test_a_form_of_another_place_has_its_goals_and_imports_into_it(
    engine: Engine, east_goals: Places, tmp_path: Path
) -> None:
    forms = export_forms(Database(engine), "2020-06", tmp_path, places=east_goals, place="东城区")
    assert {f.path.name: f.rows for f in forms} == {
        "2020-06-east-industry.xlsx": 1,
        "2020-06-east-development.xlsx": 2,  # fai and cpi
        "2020-06-east-commerce.xlsx": 1,
        "2020-06-east-finance.xlsx": 1,
        "2020-06-east-investment.xlsx": 1,
        "2020-06-east-labour.xlsx": 1,
        "2020-06-east-stats.xlsx": 2,
    }
    path = tmp_path / "2020-06-east-industry.xlsx"
    book = load_workbook(path)
    sheet = book.active
    assert sheet is not None
    assert str(sheet["A1"].value).startswith("东城区 区工信局 2020-06 数据填报表")
    assert [c.value for c in sheet[3]][-2:] == ["备注", "地区"]
    assert [c.value for c in sheet[4]][4:] == ["7", "—", None, None, None, "east"]
    assert sheet["J4"].protection.locked
    sheet["H4"] = 6.8
    book.save(path)
    import_file(Database(engine), path, by="东城区统计局", now=NOW, places=east_goals)
    assert stored(engine) == {("east", "industry", "2020-06"): Decimal("6.8")}


def test_forms_of_every_place_are_those_of_the_places_with_goals(
    engine: Engine, east_goals: Places, tmp_path: Path
) -> None:
    forms = export_forms(
        Database(engine), "2020-06", tmp_path, owner="industry", places=east_goals, all_places=True
    )
    assert [f.path.name for f in forms] == ["2020-06-industry.xlsx", "2020-06-east-industry.xlsx"]


def test_forms_of_a_place_that_is_not_configured_or_has_no_goals_are_refused(
    engine: Engine, east_goals: Places, tmp_path: Path
) -> None:
    before = snapshot(engine)
    with pytest.raises(UnknownPlace, match="did you mean east"):
        export_forms(Database(engine), "2020-06", tmp_path / "f", places=east_goals, place="eats")
    with pytest.raises(InvalidInput, match="There are no goals of west for 2020"):
        export_forms(Database(engine), "2020-06", tmp_path / "f", places=east_goals, place="west")
    assert not (tmp_path / "f").exists()
    assert snapshot(engine) == before


def test_a_row_with_figures_and_no_place_refuses_the_file_and_changes_nothing(
    loaded: Engine, tmp_path: Path
) -> None:
    """A bureau merged 东城区 over two rows: the second row's figures have no place."""
    path = district_xlsx(tmp_path / "merged.xlsx")
    book = load_workbook(path)
    sheet = book.active
    assert sheet is not None
    sheet.insert_rows(6)
    for column, value in zip("BCD", (2.4, 3.1, 0.12), strict=True):
        sheet[f"{column}6"] = value
    sheet.merge_cells("A5:A6")  # 东城区 over rows 5 and 6
    book.save(path)
    before = snapshot(loaded)
    with pytest.raises(InvalidInput) as raised:
        imported(loaded, path)
    assert str(raised.value) == (
        "merged.xlsx: row 6 has figures but no place (a merged cell?); write the place in "
        "every row (unmerge the cells) and import the file again."
    )
    assert (
        raised.value.zh
        == "merged.xlsx第6行有数据但没有地区（合并单元格？）；请在每一行填写地区后重新导入"
    )
    assert snapshot(loaded) == before

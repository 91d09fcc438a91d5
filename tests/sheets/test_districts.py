"""The district table (各县区主要经济指标): one row per place, one column per indicator, read
against the shipped indicators and a city of three districts."""

from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import CONFIG_DIR
from tests.sheets.conftest import write_csv, write_xlsx
from tracker.configuration.load import load_config
from tracker.domain.errors import InvalidInput
from tracker.domain.places import HOME, Place, Places
from tracker.figures.validate import Checker
from tracker.sheets.places import PlaceNames
from tracker.sheets.plan import Plan, plan_sheet
from tracker.sheets.read import read_sheet

PLACES = Places(
    home="zone",
    by_key={
        "province": Place("province", "湖南省", "Hunan", None),
        "city": Place("city", "长沙市", "Changsha", "province"),
        "zone": Place("zone", "高新区", "Hi-tech Zone", "city"),
        "furong": Place("furong", "芙蓉区", "Furong", "city"),
        "county": Place("county", "长沙县", "Changsha County", "city"),
    },
)
TITLE = ["2020年1-6月各县区主要经济指标"]
HEADER = ["地区", "地区生产总值增速(%)", "规模以上工业增加值增速（%）", "城镇新增就业(万人)"]
BODY = [
    ["全市", "4.1", "4.8", "5.1"],
    ["高新区", "6.5", "7.2", "0.62"],
    ["芙蓉", "3.2", "—", "0.35"],
    ["长沙县", "5.0", "6.1", "0.5"],
    ["注：地区生产总值为季度数据。"],
]


def checker() -> Checker:
    config = load_config(CONFIG_DIR)
    return Checker(config.indicators, [2020])


def planned(path: Path, *, places: Places = PLACES, period: str | None = None) -> Plan:
    sheet = read_sheet(path)
    return plan_sheet(sheet, checker(), {}, period=period, names=PlaceNames(places))


def figures(plan: Plan) -> list[tuple[int, str, str, str, Decimal]]:
    return sorted((c.row, c.place, c.key, c.period, c.value) for c in plan.added)


def test_it_reads_a_district_table_in_chinese_with_units_in_the_headers(tmp_path: Path) -> None:
    plan = planned(write_csv(tmp_path / "districts.csv", [TITLE, HEADER, *BODY]))
    assert plan.problems == []
    assert figures(plan) == [
        (3, "city", "gdp", "2020-Q2", Decimal("4.1")),
        (3, "city", "industry", "2020-06", Decimal("4.8")),
        (3, "city", "jobs", "2020-06", Decimal("51000")),
        (4, HOME, "gdp", "2020-Q2", Decimal("6.5")),
        (4, HOME, "industry", "2020-06", Decimal("7.2")),
        (4, HOME, "jobs", "2020-06", Decimal("6200")),
        (5, "furong", "gdp", "2020-Q2", Decimal("3.2")),
        (5, "furong", "jobs", "2020-06", Decimal("3500")),
        (6, "county", "gdp", "2020-Q2", Decimal("5.0")),
        (6, "county", "industry", "2020-06", Decimal("6.1")),
        (6, "county", "jobs", "2020-06", Decimal("5000")),
    ]
    assert plan.layout is not None
    assert plan.layout.kind == "district table"


def test_it_reads_the_same_table_from_an_xlsx_workbook(tmp_path: Path) -> None:
    rows: list[list[object]] = [TITLE, HEADER]
    rows += [[r[0], *(float(v) if v[0].isdigit() else v for v in r[1:])] for r in BODY[:-1]]
    from_xlsx = planned(write_xlsx(tmp_path / "districts.xlsx", rows))
    from_csv = planned(write_csv(tmp_path / "districts.csv", [TITLE, HEADER, *BODY]))
    assert figures(from_xlsx) == figures(from_csv)


def test_it_reads_units_and_growth_labels_on_a_second_header_row(tmp_path: Path) -> None:
    rows = [
        TITLE,
        ["县区", "规模以上工业增加值", "", "城镇新增就业"],
        ["", "绝对额(亿元)", "增速(%)", "万人"],
        ["芙蓉区", "80.5", "5.4", "0.35"],
    ]
    plan = planned(write_csv(tmp_path / "two.csv", rows))
    assert plan.problems == []
    assert [(c.row, c.key, c.value, c.amount) for c in plan.added] == [
        (4, "industry", Decimal("5.4"), Decimal("80.5")),
        (4, "jobs", Decimal("3500"), None),
    ]


def test_it_takes_the_period_from_the_option_when_no_title_names_it(tmp_path: Path) -> None:
    plan = planned(write_csv(tmp_path / "p.csv", [HEADER, *BODY]), period="2020-06")
    assert {c.period for c in plan.added} == {"2020-Q2", "2020-06"}


def test_it_refuses_a_table_that_names_no_period(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="names no period"):
        planned(write_csv(tmp_path / "p.csv", [HEADER, *BODY]))


def test_it_leaves_out_a_quarterly_indicator_in_a_month_that_is_not_a_quarters_end(
    tmp_path: Path,
) -> None:
    rows = [["2020年1-7月各县区主要经济指标"], HEADER, *BODY]
    plan = planned(write_csv(tmp_path / "july.csv", rows))
    assert "gdp" not in {c.key for c in plan.added}
    assert plan.layout is not None
    assert any("not a period of the quarterly indicator gdp" in n for n in plan.layout.notes)


def test_it_names_a_place_that_is_not_configured_with_its_close_matches(tmp_path: Path) -> None:
    body = [*BODY[:2], ["芙容区", "3.2", "4.0", "0.35"], BODY[3]]
    plan = planned(write_csv(tmp_path / "typo.csv", [TITLE, HEADER, *body]))
    assert [str(p) for p in plan.problems] == [
        "第5行 A列: 没有地区'芙容区'。是否要找：芙蓉区 (furong)？请在 config/places.toml 中配置或"
        "改正名称 / row 5, column A: No place '芙容区' is configured. Did you mean: 芙蓉区 "
        "(furong)? Add it to config/places.toml, or correct the name."
    ]


def test_it_names_the_file_cell_of_a_bad_value(tmp_path: Path) -> None:
    body = [BODY[0], ["高新区", "6.5", "七点二", "0.62"]]
    plan = planned(write_csv(tmp_path / "bad.csv", [TITLE, HEADER, *body]))
    assert len(plan.problems) == 1
    assert (plan.problems[0].row, plan.problems[0].column) == (4, 2)


def test_it_refuses_a_place_written_twice(tmp_path: Path) -> None:
    body = [BODY[1], ["高新区", "6.6", "7.2", "0.62"]]
    plan = planned(write_csv(tmp_path / "twice.csv", [TITLE, HEADER, *body]))
    assert [p.row for p in plan.problems] == [4, 4, 4]
    assert "also appears in row 3" in plan.problems[0].en


def test_it_skips_the_total_row_when_the_parent_is_not_configured(tmp_path: Path) -> None:
    alone = Places(
        home="zone",
        by_key={k: p for k, p in PLACES.by_key.items() if k not in ("city", "province")},
    )
    plan = planned(write_csv(tmp_path / "districts.csv", [TITLE, HEADER, *BODY]), places=alone)
    assert {c.place for c in plan.added} == {HOME, "furong", "county"}
    assert plan.layout is not None
    assert any("Row 3 '全市' skipped" in n for n in plan.layout.notes)


def test_it_notes_the_columns_it_leaves_out(tmp_path: Path) -> None:
    rows = [TITLE, [*HEADER, "粮食产量(万吨)"], *[[*r, "1"] for r in BODY[:2]]]
    plan = planned(write_csv(tmp_path / "more.csv", rows))
    assert plan.layout is not None
    assert any("Column E ignored: 粮食产量(万吨)" in n for n in plan.layout.notes)


def test_it_refuses_two_columns_of_the_same_figure(tmp_path: Path) -> None:
    rows = [TITLE, [*HEADER, "gdp"], *[[*r, "1"] for r in BODY[:2]]]
    with pytest.raises(InvalidInput, match="Columns B and E both hold the value of gdp"):
        planned(write_csv(tmp_path / "same.csv", rows))


def test_it_reads_a_place_column_in_the_import_s_own_columns(tmp_path: Path) -> None:
    rows = [
        ["地区", "指标", "期间", "数值"],
        ["芙蓉区", "industry", "2020-06", "5.0"],
        ["", "industry", "2020-06", "5.5"],
        ["Changsha", "industry", "2020-06", "4.8"],
    ]
    plan = planned(write_csv(tmp_path / "long.csv", rows))
    assert plan.problems == []
    assert [(c.row, c.place) for c in plan.added] == [(2, "furong"), (3, HOME), (4, "city")]


@pytest.mark.parametrize("suffix", ["ods", "xls"])
def test_it_reads_the_table_as_libreoffice_saves_it(tmp_path: Path, suffix: str) -> None:
    from tests.sheets.test_workbooks import converted

    rows = [TITLE, HEADER, *BODY]
    saved = planned(converted(tmp_path, rows, suffix))
    assert figures(saved) == figures(planned(write_csv(tmp_path / "districts.csv", rows)))


def test_it_reads_a_growth_column_beside_the_amount_it_belongs_to(tmp_path: Path) -> None:
    rows = [
        TITLE,
        ["地区", "地区生产总值(亿元)", "增长(%)", "固定资产投资", "同比±%"],
        ["芙蓉区", "512.3", "3.2", "100", "8.5"],
    ]
    plan = planned(write_csv(tmp_path / "beside.csv", rows))
    assert plan.problems == []
    assert [(c.key, c.value, c.amount) for c in plan.added] == [
        ("gdp", Decimal("3.2"), Decimal("512.3")),
        ("fai", Decimal("8.5"), Decimal("100")),
    ]


@pytest.mark.parametrize("header", ["县（市、区）", "单位", "区县", "place"])
def test_it_knows_the_place_column_by_the_names_bureaus_give_it(
    tmp_path: Path, header: str
) -> None:
    rows = [TITLE, [header, *HEADER[1:]], BODY[2]]
    plan = planned(write_csv(tmp_path / "h.csv", rows))
    assert {(c.place, c.key) for c in plan.added} == {("furong", "gdp"), ("furong", "jobs")}


def test_a_statistical_table_with_a_unit_column_is_not_a_district_table(tmp_path: Path) -> None:
    rows = [["2020年1-6月主要经济指标"], ["指标名称", "单位", "1-6月累计", "同比增长(%)"]]
    rows.append(["规模以上工业增加值", "亿元", "80.5", "5.4"])
    plan = planned(write_csv(tmp_path / "s.csv", rows))
    assert plan.layout is not None
    assert plan.layout.kind == "statistical table"
    assert [(c.place, c.key, c.value) for c in plan.added] == [(HOME, "industry", Decimal("5.4"))]


def test_an_amount_without_its_growth_is_named_not_dropped(tmp_path: Path) -> None:
    rows = [
        TITLE,
        ["地区", "地区生产总值(亿元)", "增长(%)"],
        ["芙蓉区", "512.3", "3.2"],
        ["长沙县", "488.0", ""],  # the growth not published yet
    ]
    plan = planned(write_csv(tmp_path / "beside.csv", rows))
    assert [(c.place, c.key, c.value) for c in plan.added] == [("furong", "gdp", Decimal("3.2"))]
    assert plan.without_value == [4]

"""The layouts bureaus send: statistical tables, headers over two rows, titles and notes."""

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.helpers import snapshot
from tests.sheets.conftest import NOW, write_csv
from tracker.app.database import Database
from tracker.app.imports import ImportRefused, ImportResult, import_file
from tracker.domain.errors import InvalidInput

TITLE = ["2020年1-7月全区主要经济指标"]
NOTE = ["注：规模以上工业增加值增速按可比价格计算。"]


def imported(engine: Engine, path: Path, **options: object) -> ImportResult:
    return import_file(Database(engine), path, by="test", now=NOW, **options)  # type: ignore[arg-type]


def values(result: ImportResult) -> list[tuple[str, str, Decimal, Decimal | None]]:
    return [(c.key, c.period, c.value, c.amount) for c in result.plan.added]


def merged_xlsx(path: Path, *, first_row: bool = True) -> Path:
    """A bureau's table: a title, 数据 merged over 本月 / 1-7月累计, a growth column merged
    down both header rows, a note under the figures."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    rows: list[list[object]] = [TITLE]
    if first_row:
        rows.append(["指标名称", "单位", "数据", None, "同比增长(%)"])
    rows += [
        [None, None, "本月", "1-7月累计", None],
        ["规模以上工业增加值", "亿元", 12.6, 80.5, 5.4],
        ["城镇新增就业", "人", 330, 2380, "—"],
        ["其中：高校毕业生", "人", 120, 860, "—"],
        NOTE,
    ]
    for row in rows:
        sheet.append(row)
    if first_row:
        for cells in ("A2:A3", "B2:B3", "C2:D2", "E2:E3"):
            sheet.merge_cells(cells)
    book.save(path)
    return path


def test_it_reads_a_statistical_table_under_a_header_merged_over_two_rows(
    db: Engine, tmp_path: Path
) -> None:
    result = imported(db, merged_xlsx(tmp_path / "t.xlsx"))
    assert values(result) == [
        ("industry", "2020-07", Decimal("5.4"), Decimal("80.5")),
        ("jobs", "2020-07", Decimal("2380"), None),
    ]
    layout = result.plan.layout
    assert layout is not None
    assert layout.notes[1] == (
        "Column C '数据/本月' is a single month's figure, not the year to date: ignored · "
        "C列'数据/本月'是当月数，不是累计数，未导入"
    )
    assert [(s.row, s.name) for s in layout.skipped] == [(6, "其中：高校毕业生")]


def test_it_never_takes_the_single_month_for_the_year_to_date_without_the_upper_row(
    db: Engine, tmp_path: Path
) -> None:
    path = merged_xlsx(tmp_path / "t.xlsx", first_row=False)
    before = snapshot(db)
    with pytest.raises(InvalidInput, match="no header row"):
        imported(db, path)
    assert snapshot(db) == before


@pytest.mark.parametrize(
    "header",
    [
        ["指标名称", "本月", "1-7月累计", "同比增长(%)"],
        ["指标", "7月", "1—7月", "累计增长(%)"],
        ["项目", "本月", "本月同比(%)", "1-7月累计", "累计同比(%)"],
        ["指标名称", "单位", "1-7月累计", "同比增长(%)", "比1-6月回升(百分点)"],
    ],
)
def test_it_takes_the_year_to_date_columns_of_a_one_row_header(
    db: Engine, tmp_path: Path, header: list[str]
) -> None:
    def row(name: str, month: str, ytd: str, growth: str) -> list[str]:
        by_label = []
        for label in header:
            if label in ("指标名称", "指标", "项目"):
                by_label.append(name)
            elif label == "单位":
                by_label.append("人" if name == "城镇新增就业" else "亿元")
            elif "同比" in label and "本月" in label:
                by_label.append("99")
            elif "同比" in label or "增长" in label:
                by_label.append(growth)
            elif "回升" in label:
                by_label.append("0.6")
            elif "1-7" in label or "1—7" in label:
                by_label.append(ytd)
            else:
                by_label.append(month)
        return by_label

    path = write_csv(
        tmp_path / "t.csv",
        [TITLE, header, row("规模以上工业增加值", "12.6", "80.5", "5.4"),
         row("城镇新增就业", "330", "2380", "—"), NOTE],
    )  # fmt: skip
    assert values(imported(db, path)) == [
        ("industry", "2020-07", Decimal("5.4"), Decimal("80.5")),
        ("jobs", "2020-07", Decimal("2380"), None),
    ]


def test_a_table_takes_its_period_from_the_option_when_no_title_names_it(
    db: Engine, tmp_path: Path
) -> None:
    rows = [["指标名称", "1-7月累计", "同比增长(%)"], ["规模以上工业增加值", "80.5", "5.4"]]
    path = write_csv(tmp_path / "t.csv", rows)
    before = snapshot(db)
    with pytest.raises(InvalidInput, match=r"names no year .*--period 2020-07"):
        imported(db, path)
    assert snapshot(db) == before
    assert values(imported(db, path, period="2020-07")) == [
        ("industry", "2020-07", Decimal("5.4"), Decimal("80.5"))
    ]


def test_a_period_that_contradicts_the_table_is_refused(db: Engine, tmp_path: Path) -> None:
    rows = [["指标名称", "1-7月累计", "同比增长(%)"], ["规模以上工业增加值", "80.5", "5.4"]]
    path = write_csv(tmp_path / "t.csv", rows)
    with pytest.raises(InvalidInput, match=r"is for month 7, the period is 2020-06"):
        imported(db, path, period="2020-06")


def test_two_year_to_date_growth_columns_are_ambiguous_and_refused(
    db: Engine, tmp_path: Path
) -> None:
    rows = [
        TITLE,
        ["指标名称", "累计增长(%)", "1-7月同比(%)"],
        ["规模以上工业增加值", "5.4", "5.1"],
    ]
    path = write_csv(tmp_path / "t.csv", rows)
    before = snapshot(db)
    with pytest.raises(InvalidInput, match=r"Columns B '累计增长\(%\)', C '1-7月同比\(%\)'"):
        imported(db, path)
    assert snapshot(db) == before


def test_a_table_of_single_months_only_is_refused(db: Engine, tmp_path: Path) -> None:
    rows = [TITLE, ["指标名称", "本月", "本月同比(%)"], ["规模以上工业增加值", "12.6", "5.9"]]
    with pytest.raises(InvalidInput, match="no year-to-date column"):
        imported(db, write_csv(tmp_path / "t.csv", rows))


def test_a_wrong_value_in_a_table_is_refused_at_its_own_cell(db: Engine, tmp_path: Path) -> None:
    rows = [TITLE, ["指标名称", "本月", "1-7月累计", "同比增长(%)"],
            ["规模以上工业增加值", "12.6", "80.5", "5..4"]]  # fmt: skip
    before = snapshot(db)
    with pytest.raises(ImportRefused, match=r"第3行 D列: '5\.\.4' 不是数字"):
        imported(db, write_csv(tmp_path / "t.csv", rows))
    assert snapshot(db) == before


def test_a_quarterly_indicator_in_a_monthly_table_is_skipped_with_the_reason(
    db: Engine, tmp_path: Path
) -> None:
    rows = [TITLE, ["指标名称", "1-7月累计", "同比增长(%)"],
            ["地区生产总值", "123.4", "3.2"], ["规模以上工业增加值", "80.5", "5.4"]]  # fmt: skip
    result = imported(db, write_csv(tmp_path / "t.csv", rows))
    assert values(result) == [("industry", "2020-07", Decimal("5.4"), Decimal("80.5"))]
    assert result.plan.layout is not None
    assert [(s.row, s.why) for s in result.plan.layout.skipped] == [
        (3, "gdp: 2020年1-7月 is not a period of this quarterly indicator")
    ]


def test_the_import_columns_with_a_two_row_header_take_the_year_to_date_value(
    db: Engine, tmp_path: Path
) -> None:
    rows = [["指标", "期间", "数据", ""], ["", "", "本月", "1-7月累计"],
            ["jobs", "2020-07", "330", "2380"]]  # fmt: skip
    result = imported(db, write_csv(tmp_path / "t.csv", rows))
    assert values(result) == [("jobs", "2020-07", Decimal("2380"), None)]


def test_a_single_month_value_column_is_never_the_value(db: Engine, tmp_path: Path) -> None:
    rows = [["指标", "期间", "本月数"], ["jobs", "2020-07", "330"]]
    before = snapshot(db)
    with pytest.raises(InvalidInput, match="no header row"):
        imported(db, write_csv(tmp_path / "t.csv", rows))
    assert snapshot(db) == before


def test_a_period_for_a_file_with_a_period_column_is_refused(db: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "f.csv", [["指标", "期间", "数值"], ["industry", "2020-07", "5.4"]])
    before = snapshot(db)
    with pytest.raises(InvalidInput, match=r"has a period column .*--period is for a statistical"):
        imported(db, path, period="2020-07")
    assert snapshot(db) == before


def test_a_header_with_amount_and_growth_under_each_period_takes_the_year_to_date_pair(
    db: Engine, tmp_path: Path
) -> None:
    rows = [
        TITLE,
        ["指标名称", "计量单位", "本月", "", "1-7月累计", ""],
        ["", "", "绝对数", "增长(%)", "绝对数", "增长(%)"],
        ["规模以上工业增加值", "亿元", "12.6", "7.1", "80.5", "5.4"],
        ["城镇新增就业", "人", "330", "", "2380", ""],
        NOTE,
    ]
    result = imported(db, write_csv(tmp_path / "t.csv", rows))
    assert values(result) == [
        ("industry", "2020-07", Decimal("5.4"), Decimal("80.5")),
        ("jobs", "2020-07", Decimal("2380"), None),
    ]
    assert result.plan.layout is not None
    assert [n.split(" is ")[0] for n in result.plan.layout.notes[1:]] == [
        "Column C '本月/绝对数'",
        "Column D '本月/增长(%)'",
    ]


def test_an_uncalculated_formula_in_a_table_is_refused_at_its_own_cell(
    db: Engine, tmp_path: Path
) -> None:
    from tests.sheets.conftest import write_xlsx

    rows: list[list[object]] = [
        TITLE,
        ["指标名称", "本月", "1-7月累计", "同比增长(%)"],
        ["规模以上工业增加值", 12.6, 80.5, "=5+0.4"],
    ]
    path = write_xlsx(tmp_path / "t.xlsx", rows)
    before = snapshot(db)
    with pytest.raises(ImportRefused, match="第3行 D列: 公式没有计算结果"):
        imported(db, path)
    assert snapshot(db) == before


@pytest.mark.parametrize(
    ("title", "header", "period", "words"),
    [
        (TITLE, "3-7月累计", None, r"'3-7月累计' is not a span from January; .* write 1-7月"),
        (
            ["2020年3-7月全区主要经济指标"],
            "累计",
            None,
            r"'2020年3-7月' is not a span from January",
        ),
        (["2020年二季度全区主要经济指标"], "累计", None, r"single quarter, .* write 上半年"),
        ([], "1-7月累计", "2020年二季度", r"--period: '2020年二季度' names a single quarter"),
        ([], "1-7月累计", "2020年3-7月", r"'2020年3-7月' is not a span from January"),
    ],
)
def test_a_table_whose_period_is_no_year_to_date_is_refused_naming_the_label_to_write(
    db: Engine, tmp_path: Path, title: list[str], header: str, period: str | None, words: str
) -> None:
    rows = [title, ["指标名称", header, "同比增长(%)"], ["规模以上工业增加值", "80.5", "5.4"]]
    path = write_csv(tmp_path / "t.csv", [r for r in rows if r])
    before = snapshot(db)
    with pytest.raises(InvalidInput, match=words) as caught:
        imported(db, path, period=period, yes=True)
    assert caught.value.zh
    assert snapshot(db) == before


def test_a_statistical_table_row_with_figures_and_no_indicator_refuses_the_file(
    db: Engine, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "merged.csv",
        [
            TITLE,
            ["指标名称", "单位", "1-7月累计", "同比增长(%)"],
            ["规模以上工业增加值", "亿元", "80.5", "5.4"],
            ["", "亿元", "12.1", "7.4"],  # its name merged with the row above's
        ],
    )
    before = snapshot(db)
    with pytest.raises(InvalidInput) as raised:
        imported(db, path)
    assert str(raised.value) == (
        "merged.csv: row 4 has figures but no indicator (a merged cell?); write the indicator "
        "in every row (unmerge the cells) and import the file again."
    )
    assert snapshot(db) == before

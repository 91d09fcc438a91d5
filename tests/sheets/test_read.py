from datetime import datetime
from pathlib import Path

import pytest

from tests.sheets.conftest import write_csv, write_xlsx
from tracker.domain.errors import InvalidInput, NotFound
from tracker.sheets.read import NO_CACHED_VALUE, read_sheet

ROWS = [["指标", "期间", "数值", "备注"], ["规模以上工业增加值增速", "2020-06", "5.0", "产能恢复"]]


@pytest.mark.parametrize(
    ("encoding", "reported"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030"), ("gb18030", "gb18030")],
)
def test_csv_encodings_are_detected(tmp_path: Path, encoding: str, reported: str) -> None:
    sheet = read_sheet(write_csv(tmp_path / "f.csv", ROWS, encoding=encoding))
    assert sheet.rows == ROWS
    assert sheet.encoding == reported


def test_an_encoding_can_be_named(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "f.csv", ROWS, encoding="utf-16")
    assert read_sheet(path, encoding="utf-16").rows == ROWS


def test_a_wrong_encoding_is_refused_with_the_fix(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "f.csv", ROWS, encoding="gbk")
    with pytest.raises(InvalidInput, match=r"not valid utf-8 .*try another --encoding"):
        read_sheet(path, encoding="utf-8")
    with pytest.raises(InvalidInput, match="Unknown encoding 'klingon'"):
        read_sheet(path, encoding="klingon")


def test_bytes_that_are_neither_utf8_nor_gb18030_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(b"\x84\x31\xa4\x39\xff\xff")
    with pytest.raises(InvalidInput, match="neither UTF-8 nor GB18030"):
        read_sheet(path)


def test_tab_separated_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_text("指标\t期间\t数值\nindustry\t2020-06\t5,0\n", encoding="utf-8")
    assert read_sheet(path).rows[1] == ["industry", "2020-06", "5,0"]


def test_a_broken_xls_file_and_a_missing_file_are_refused(tmp_path: Path) -> None:
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InvalidInput, match=r"cannot be read as an \.xls workbook .*save it again"):
        read_sheet(tmp_path / "old.xls")
    with pytest.raises(NotFound, match=r"none\.csv does not exist; check the path") as missing:
        read_sheet(tmp_path / "none.csv")
    assert missing.value.zh == f"{tmp_path / 'none.csv'} 不存在；请检查路径。"
    with pytest.raises(NotFound, match="is a folder, not a file") as folder:
        read_sheet(tmp_path)
    assert folder.value.zh == f"{tmp_path} 是文件夹，不是文件；请检查路径。"


def test_excel_cells_become_the_text_they_show(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "f.xlsx",
        [["指标", "期间", "数值", "预计"],
         ["industry", datetime(2020, 7, 1), 0.138, True],
         ["fai", 2020, 0.1 + 0.2, False],
         ["cpi", "2020-Q2", "=1+1", None]],
        formats={"C2": "0.0%"},
    )  # fmt: skip
    sheet = read_sheet(path)
    assert sheet.sheet == "Sheet"
    assert sheet.rows[1] == ["industry", "2020-07", "13.8", "true"]
    assert sheet.rows[2] == ["fai", "2020", "0.3", "false"]
    assert sheet.rows[3][:3] == ["cpi", "2020-Q2", ""]
    assert sheet.unreadable == {(3, 2): NO_CACHED_VALUE}


def test_a_sheet_is_chosen_by_name(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.create_sheet("2020-07").append(["指标", "期间", "数值"])
    book.save(tmp_path / "f.xlsx")
    assert read_sheet(tmp_path / "f.xlsx", sheet="2020-07").rows == [["指标", "期间", "数值"]]
    with pytest.raises(NotFound, match="no sheet 'nope'; its sheets are: Sheet, 2020-07"):
        read_sheet(tmp_path / "f.xlsx", sheet="nope")
    with pytest.raises(InvalidInput, match=r"--sheet is for \.xlsx, \.xls and \.ods"):
        read_sheet(write_csv(tmp_path / "f.csv", ROWS), sheet="x")


def test_a_broken_workbook_is_refused(tmp_path: Path) -> None:
    (tmp_path / "f.xlsx").write_text("not a zip")
    with pytest.raises(InvalidInput, match="cannot be read as an Excel workbook"):
        read_sheet(tmp_path / "f.xlsx")


def test_an_encoding_for_an_excel_file_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "f.xlsx", [["指标", "期间", "数值"]])
    with pytest.raises(InvalidInput, match="--encoding is for CSV files"):
        read_sheet(path, encoding="gbk")

"""Workbooks as Excel, WPS and LibreOffice write them: .xlsx with a wrong stored sheet size,
.xls and .ods, percentage cells at their stored value."""

import os
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.sheets.conftest import NOW, write_csv, write_xlsx
from tracker.app.database import Database
from tracker.app.imports import import_file
from tracker.sheets.read import read_sheet

ROWS = [["指标", "期间", "数值"], ["industry", "2020-06", "5"], ["fai", "2020-06", "8.7"]]


def with_dimension(path: Path, ref: str) -> Path:
    """The workbook rewritten with ``<dimension ref=ref>``, as WPS or a careless writer saves it."""
    out = path.with_name(f"dim-{path.name}")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                size = f'<dimension ref="{ref}"'
                text, n = re.subn(r'<dimension ref="[^"]*"', size, data.decode())
                assert n == 1
                data = text.encode()
            dst.writestr(item, data)
    return out


@pytest.mark.parametrize("ref", ["A1", "A1:C2", "A1:B3"])
def test_it_reads_every_cell_whatever_size_the_file_says_the_sheet_has(
    tmp_path: Path, ref: str
) -> None:
    path = with_dimension(write_xlsx(tmp_path / "f.xlsx", ROWS), ref)  # type: ignore[arg-type]
    assert read_sheet(path).rows == ROWS


def test_it_reads_a_workbook_saved_with_the_wrong_suffix(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "f.xlsx", ROWS)  # type: ignore[arg-type]
    renamed = path.rename(tmp_path / "figures.csv")
    assert read_sheet(renamed).rows == ROWS


def libreoffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("TRACKER_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice (soffice) is required here but not installed")
        pytest.skip("LibreOffice is not installed (Debian: apt-get install libreoffice-calc)")
    return found


def converted(tmp_path: Path, rows: list[list[str]], suffix: str) -> Path:
    """A CSV typed into LibreOffice Calc and saved as ``suffix``: its own cell types and formats
    (``9.56%`` becomes a percentage cell holding 0.0956)."""
    source = write_csv(tmp_path / "typed.csv", rows)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [libreoffice(), "--headless", "--norestore", f"-env:UserInstallation={profile}",
         "--infilter=CSV:44,34,76,1", "--convert-to", suffix, "--outdir", str(tmp_path),
         str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    out = tmp_path / f"typed.{suffix}"
    assert out.is_file()
    return out


TYPED = [
    ["指标", "期间", "数值", "备注"],
    ["industry", "2020-06", "9.56%", "产能恢复"],
    ["fai", "2020-06", "0.3", ""],
    ["jobs", "2020-06", "2050", ""],
]
READ = [
    ["指标", "期间", "数值", "备注"],
    ["industry", "2020-06", "9.56", "产能恢复"],
    ["fai", "2020-06", "0.3"],
    ["jobs", "2020-06", "2050"],
]


@pytest.mark.slow
@pytest.mark.parametrize("suffix", ["xlsx", "xls", "ods"])
def test_it_reads_what_libreoffice_saves_at_the_stored_values(tmp_path: Path, suffix: str) -> None:
    sheet = read_sheet(converted(tmp_path, TYPED, suffix))
    rows = [row + [""] * (4 - len(row)) for row in sheet.rows]
    assert rows == [row + [""] * (4 - len(row)) for row in READ]
    assert sheet.sheet == "typed"


@pytest.mark.slow
@pytest.mark.parametrize("suffix", ["ods", "xls"])
def test_a_bureau_table_saved_by_libreoffice_imports_as_the_xlsx_does(
    db: Engine, tmp_path: Path, suffix: str
) -> None:
    """The example table (merged header cells, a percentage cell showing 9.2% for 9.15%)
    opened in LibreOffice and saved as .ods and .xls."""
    source = Path(__file__).resolve().parents[2] / "examples" / "2020-07-bureau-table.xlsx"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [libreoffice(), "--headless", "--norestore", f"-env:UserInstallation={profile}",
         "--convert-to", suffix, "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    converted = tmp_path / f"2020-07-bureau-table.{suffix}"
    expected = import_file(Database(db), source, by="t", now=NOW, dry_run=True).plan
    plan = import_file(Database(db), converted, by="t", now=NOW, dry_run=True).plan
    assert [(c.key, c.period, c.value, c.amount) for c in plan.added] == [
        (c.key, c.period, c.value, c.amount) for c in expected.added
    ]
    assert ("fai", Decimal("9.15")) in [(c.key, c.value) for c in plan.added]

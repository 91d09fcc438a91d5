"""Builders for the spreadsheet tests: files of figures, a config of many indicators."""

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

NOW = datetime(2020, 7, 20, 8, 0, tzinfo=UTC)


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[object]], formats: dict[str, str] | None = None) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    for ref, number_format in (formats or {}).items():
        sheet[ref].number_format = number_format
    book.save(path)
    return path


def write_many_indicators(folder: Path, indicators: int, years: range) -> Path:
    """A config directory of ``indicators`` monthly indicators with goals for ``years``."""
    (folder / "goals").mkdir(parents=True)
    (folder / "owners.toml").write_text(
        '[owners.o]\nname_zh = "单位"\nname_en = "Owner"\n', encoding="utf-8"
    )
    (folder / "indicators.toml").write_text(
        "".join(
            f'[indicators.k{n}]\nname_zh = "指标{n}"\nname_en = "Indicator {n}"\nunit = "%"\n'
            'measure = "growth"\ncadence = "monthly"\nowner = "o"\nrange = [-100, 1000]\n'
            for n in range(indicators)
        ),
        encoding="utf-8",
    )
    for year in years:
        (folder / "goals" / f"{year}.toml").write_text(
            "".join(f"[goals.k{n}]\ntarget = 8\n" for n in range(indicators)), encoding="utf-8"
        )
    return folder


def plausible(n: int, indicators: int, month: int) -> str:
    return f"{(n % indicators) % 200 / 10 - 5 + month % 12 * 0.3:.1f}"


def many_figures(rows: int, indicators: int) -> list[list[str]]:
    """``rows`` valid figures: every indicator for January 2019, then February, ... (each
    indicator's rate moves 0.3 points a month: the typo guards let them through)."""
    figures = [["indicator", "period", "value"]]
    for n in range(rows):
        month = n // indicators
        period = f"{2019 + month // 12}-{month % 12 + 1:02d}"
        figures.append([f"k{n % indicators}", period, plausible(n, indicators, month)])
    return figures


@pytest.fixture
def figures_csv(tmp_path: Path) -> Path:
    """Four good figures for the shipped indicators, with Chinese headers."""
    return write_csv(
        tmp_path / "figures.csv",
        [
            ["指标", "期间", "数值", "备注", "来源"],
            ["industry", "2020-06", "5.0", "重点企业产能恢复", "区统计局快报"],
            ["规模以上工业增加值增速", "2020-07", "5.6", "", ""],
            ["Fixed-asset investment growth", "2020-06", "8.7%", "", ""],
            ["jobs", "2020-06", "2,050", "", ""],
        ],
    )


@pytest.fixture
def db(loaded: Engine) -> Engine:
    return loaded

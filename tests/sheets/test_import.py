from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select

from tests.helpers import snapshot
from tests.sheets.conftest import NOW, write_csv, write_xlsx
from tracker.app.database import Database
from tracker.app.imports import ImportRefused, import_file
from tracker.domain.errors import InvalidInput
from tracker.store.db import read_session
from tracker.store.tables import FigureRow


def imported(engine: Engine, path: Path, **options: object):
    return import_file(Database(engine), path, by="test", now=NOW, **options)  # type: ignore[arg-type]


def entries(engine: Engine, period: str | None = None) -> list[FigureRow]:
    with read_session(engine) as session:
        query = select(FigureRow).order_by(col(FigureRow.id))
        if period:
            query = query.where(FigureRow.period == period)
        return list(session.exec(query).all())


def test_it_imports_every_row_and_records_the_file_and_row(db: Engine, figures_csv: Path) -> None:
    result = imported(db, figures_csv)
    assert (len(result.plan.added), len(result.plan.revised), len(result.plan.unchanged)) == (
        4,
        0,
        0,
    )
    rows = {(r.period, r.value, r.source_file, r.source_row) for r in entries(db) if r.source_file}
    assert rows == {
        ("2020-06", Decimal("5.0"), "figures.csv", 2),
        ("2020-07", Decimal("5.6"), "figures.csv", 3),
        ("2020-06", Decimal("8.7"), "figures.csv", 4),
        ("2020-06", Decimal("2050"), "figures.csv", 5),
    }
    first = next(r for r in entries(db) if r.source_row == 2)
    assert (first.note, first.source, first.recorded_by) == (
        "重点企业产能恢复",
        "区统计局快报",
        "test",
    )


def test_importing_the_same_file_twice_changes_nothing(db: Engine, figures_csv: Path) -> None:
    imported(db, figures_csv)
    before = snapshot(db)
    again = imported(db, figures_csv)
    assert (len(again.plan.added), len(again.plan.revised), len(again.plan.unchanged)) == (0, 0, 4)
    assert snapshot(db) == before


def test_a_dry_run_reports_the_plan_and_writes_nothing(db: Engine, figures_csv: Path) -> None:
    before = snapshot(db)
    result = imported(db, figures_csv, dry_run=True)
    assert [c.key for c in result.plan.added] == ["industry", "industry", "fai", "jobs"]
    assert result.written == 0
    assert snapshot(db) == before


def test_english_headers_import_the_same_figures(db: Engine, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "en.csv",
        [["Indicator", "Period", "Value (%)", "Notes", "Preliminary"],
         ["industry", "2020-06", "5.0", "", "yes"]],
    )  # fmt: skip
    imported(db, path)
    (row,) = entries(db, "2020-06")
    assert (row.value, row.preliminary) == (Decimal("5.0"), True)


def test_a_title_row_before_the_header_is_passed_over(db: Engine, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "t.csv",
        [["2020年6月 数据"], [], ["时期", "指标", "数值（%）"], ["2020-06", "industry", "5"]],
    )
    imported(db, path)
    assert [r.source_row for r in entries(db, "2020-06")] == [4]


def test_one_bad_row_refuses_the_whole_file_naming_row_and_column(
    db: Engine, tmp_path: Path
) -> None:
    rows = [["指标", "期间", "数值"]] + [["industry", "2020-06", "5.0"]] * 1
    rows += [["fai", "2020-06", "8..5"], ["nosuch", "2020-06", "1"], ["gdp", "2020-06", "3"]]
    rows += [["industry", "2021-06", "5"], ["industry", "2020-07", "900"], ["cpi", "2020-13", "1"]]
    path = write_csv(tmp_path / "bad.csv", rows)
    before = snapshot(db)
    with pytest.raises(ImportRefused) as refused:
        imported(db, path)
    message = str(refused.value)
    assert message.startswith("bad.csv: 6 problems (共6处错误); nothing was imported")
    lines = message.splitlines()[1:]
    assert lines[0].startswith(
        "第3行 C列: '8..5' 不是数字 / row 3, column C: '8..5' is not a number"
    )
    assert lines[1].startswith("第4行 A列: 没有指标'nosuch' / row 4, column A: No indicator")
    assert lines[2].startswith("第5行 B列: 期间2020-06与指标的频率不符 / row 5, column B:")
    assert lines[3].startswith("第6行 B列: 期间2021-06所在年度没有目标")
    assert lines[4].startswith("第7行 C列: 900超出合理范围")
    assert lines[5].startswith("第8行 B列: '2020-13' 不是有效的期间")
    assert snapshot(db) == before


def test_problems_beyond_the_limit_are_counted(db: Engine, tmp_path: Path) -> None:
    rows = [["指标", "期间", "数值"]] + [["industry", f"2020-{m:02d}", "x"] for m in range(2, 13)]
    rows += [["fai", f"2020-{m:02d}", "x"] for m in range(2, 13)]
    path = write_csv(tmp_path / "bad.csv", rows)
    with pytest.raises(ImportRefused) as refused:
        imported(db, path)
    lines = str(refused.value).splitlines()
    assert lines[0].startswith("bad.csv: 22 problems")
    assert lines[-1] == "… 另有2处 / and 2 more"
    assert len(lines) == 1 + 20 + 1


def test_the_same_figure_twice_in_a_file_is_refused(db: Engine, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "dup.csv",
        [["指标", "期间", "数值"], ["industry", "2020-06", "5"], ["industry", "2020-6", "5.1"]],
    )
    before = snapshot(db)
    with pytest.raises(ImportRefused, match="第3行: industry 2020-06 与第2行重复"):
        imported(db, path)
    assert snapshot(db) == before


def test_a_file_that_would_overwrite_stored_figures_is_refused(
    db: Engine, figures_csv: Path, tmp_path: Path
) -> None:
    imported(db, figures_csv)
    changed = write_csv(
        tmp_path / "changed.csv",
        [["指标", "期间", "数值"], ["industry", "2020-06", "5.2"], ["fai", "2020-07", "9"]],
    )
    before = snapshot(db)
    with pytest.raises(ImportRefused) as refused:
        imported(db, changed)
    assert str(refused.value).splitlines()[1] == (
        "第2行: industry 2020-06 已录入为 5，文件中为 5.2 / row 2: industry 2020-06 is stored "
        "as 5, the file has 5.2"
    )
    assert snapshot(db) == before


def test_with_a_reason_the_file_revises_and_adds(
    db: Engine, figures_csv: Path, tmp_path: Path
) -> None:
    imported(db, figures_csv)
    changed = write_csv(
        tmp_path / "changed.csv",
        [["指标", "期间", "数值"], ["industry", "2020-06", "5.2"], ["fai", "2020-07", "9"]],
    )
    result = imported(db, changed, reason="区统计局修订")
    assert (len(result.plan.added), len(result.plan.revised)) == (1, 1)
    industry = [r for r in entries(db, "2020-06") if r.source_row == 2]
    revisions = [(r.revision, r.value, r.reason, r.note) for r in industry]
    assert revisions == [
        (1, Decimal("5.0"), None, "重点企业产能恢复"),
        (2, Decimal("5.2"), "区统计局修订", "重点企业产能恢复"),
    ]
    added = [r for r in entries(db, "2020-07") if r.source_file == "changed.csv"]
    assert [(r.revision, r.reason) for r in added] == [(1, None)]


def test_a_blank_reason_is_refused(db: Engine, figures_csv: Path) -> None:
    before = snapshot(db)
    with pytest.raises(InvalidInput, match="needs a reason"):
        imported(db, figures_csv, reason="  ")
    assert snapshot(db) == before


def test_a_file_without_values_is_refused(db: Engine, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "empty.csv", [["指标", "期间", "数值"], ["industry", "2020-06", ""]]
    )
    before = snapshot(db)
    with pytest.raises(InvalidInput, match="no figures below its header"):
        imported(db, path)
    assert snapshot(db) == before


def test_a_file_without_a_header_is_refused(db: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", [["industry", "2020-06", "5"]])
    before = snapshot(db)
    with pytest.raises(InvalidInput, match="no header row"):
        imported(db, path)
    assert snapshot(db) == before


def test_a_file_in_another_encoding_than_named_is_refused(db: Engine, figures_csv: Path) -> None:
    gbk = figures_csv.with_name("gbk.csv")
    gbk.write_bytes(figures_csv.read_text(encoding="utf-8").encode("gbk"))
    before = snapshot(db)
    with pytest.raises(InvalidInput, match="is not valid utf-8"):
        imported(db, gbk, encoding="utf-8")
    assert snapshot(db) == before
    assert len(imported(db, gbk).plan.added) == 4


def test_an_uncalculated_formula_refuses_the_file(db: Engine, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "f.xlsx",
        [["指标", "期间", "数值"], ["industry", "2020-06", "=4+1"], ["fai", "2020-06", 8.7]],
    )
    before = snapshot(db)
    with pytest.raises(ImportRefused, match="第2行 C列: 公式没有计算结果"):
        imported(db, path)
    assert snapshot(db) == before


def test_excel_cells_are_read_as_they_are_stored(db: Engine, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "x.xlsx",
        [["指标", "期间", "数值"], ["industry", "2020-06", 0.0956], ["fai", "2020-06", 0.1 + 0.2],
         ["cpi", "2020-06", 3.14159], ["jobs", "2020-06", 2050]],
        formats={"C2": "0%", "C4": "0.00"},
    )  # fmt: skip
    result = imported(db, path)
    assert [(c.key, c.value) for c in result.plan.added] == [
        ("industry", Decimal("9.56")),  # shown as 10%, typed as 9.56%
        ("fai", Decimal("0.3")),
        ("cpi", Decimal("3.14159")),  # shown as 3.14
        ("jobs", Decimal("2050")),
    ]
    assert [(f.row, f.key, f.decimals) for f in result.plan.finer] == [
        (2, "industry", 1),
        (4, "cpi", 1),
    ]


def test_a_note_longer_than_the_database_holds_is_refused(db: Engine, tmp_path: Path) -> None:
    rows = [["指标", "期间", "数值", "备注"], ["industry", "2020-06", "5", "长" * 2001]]
    path = write_csv(tmp_path / "long.csv", rows)
    before = snapshot(db)
    with pytest.raises(ImportRefused, match="第2行 D列: 备注超过2000字 / row 2, column D"):
        imported(db, path)
    assert snapshot(db) == before


def test_a_note_that_reads_like_a_place_header_does_not_make_a_district_table(
    db: Engine, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "figures.csv",
        [
            ["指标", "期间", "数值", "备注"],
            ["industry", "2020-05", "3.6", ""],
            ["industry", "2020-06", "5.0", "区域名称"],
        ],
    )
    result = imported(db, path)
    assert len(result.plan.added) == 2
    assert {(r.period, r.note) for r in entries(db) if r.source_file} == {
        ("2020-05", None),
        ("2020-06", "区域名称"),
    }

"""The project sheet (docs/projects.md, "The project sheet"): read as offices keep it, from
.xlsx, .xls, .ods and CSV alike; every bad sheet refused whole, one line per problem naming
its row and column in Chinese and English, with nothing stored."""

import subprocess
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.helpers import snapshot
from tests.sheets.conftest import write_csv, write_xlsx
from tests.sheets.test_workbooks import libreoffice
from tracker.app.database import Database
from tracker.app.imports import ImportRefused
from tracker.app.project_import import import_projects
from tracker.app.projects import load_projects, project_board
from tracker.configuration.load import load_config
from tracker.domain.places import Places
from tracker.sheets.projects import read_projects
from tracker.sheets.read import read_sheet
from tracker.store.schema import ensure_schema

ROOT = Path(__file__).resolve().parents[2]
ZONE = ROOT / "examples" / "zone-projects"
SAMPLE = ROOT / "examples" / "2020-06-projects.xlsx"
NOW = datetime(2020, 7, 6, 9, tzinfo=UTC)
CONFIG = load_config(ZONE, env={})
OWNERS = CONFIG.owners

HEADER = ["序号", "项目名称", "总投资（万元）", "年度计划投资（万元）", "1-6月完成投资（万元）",
          "计划开工时间", "计划竣工时间", "责任单位", "分包领导"]  # fmt: skip
GOOD = [
    ["2020年重点项目进度表"],
    HEADER,
    ["一、市重点项目"],
    ["1", "滨河公园", "35000", "15000", "9000", "2020-03", "2021-06", "区住建局", "刘副主任"],
    ["2", "物流园", "80000", "30000", "12000", "续建", "2021-12", "区开放招商中心", ""],
    ["二、区重点项目（1个）"],
    ["1", "实验小学", "22000", "10000", "—", "2020-04", "2021-08", "区教育局", ""],
    ["合计", "", "137000", "55000", "21000"],
    ["注：数据截至6月30日"],
]


@pytest.fixture
def db(engine: Engine) -> Database:
    ensure_schema(engine)
    return Database(engine)


def imported(db: Database, path: Path, **options: object) -> object:
    return import_projects(
        db,
        path,
        owners=OWNERS,
        places=CONFIG.places,
        by="t",
        now=NOW,
        **options,  # type: ignore[arg-type]
    )


def test_the_sample_sheet_reads_64_projects_in_three_levels_from_its_two_row_header() -> None:
    read = read_projects(read_sheet(SAMPLE), OWNERS)
    assert read.problems == []
    assert (str(read.period), read.units["plan"], len(read.projects)) == ("2020-06", "万元", 64)
    levels = [p.level for p in read.projects]
    assert (levels.count("省重点"), levels.count("市重点"), levels.count("区重点")) == (5, 15, 44)
    mengniu = next(p for p in read.projects if p.name == "蒙牛四期工厂")
    assert (mengniu.total, mengniu.plan, mengniu.done) == (Decimal(15), Decimal(6), Decimal("3.6"))
    assert (mengniu.owner.key, mengniu.leader, mengniu.finish) == (
        "industry",
        "李副主任",
        date(2020, 5, 31),
    )
    assert sum(1 for p in read.projects if p.done is None) == 3  # "—": not reported
    continuing = [p for p in read.projects if p.start == date(2019, 12, 31)]
    assert continuing  # 续建


def test_a_csv_with_group_rows_a_total_row_and_a_note_reads_as_offices_write_it(
    tmp_path: Path,
) -> None:
    read = read_projects(read_sheet(write_csv(tmp_path / "p.csv", GOOD)), OWNERS)
    assert read.problems == []
    assert [(p.row, p.name, p.level, p.done) for p in read.projects] == [
        (4, "滨河公园", "市重点", Decimal("0.9")),
        (5, "物流园", "市重点", Decimal("1.2")),
        (7, "实验小学", "区重点", None),
    ]
    assert read.projects[1].start == date(2019, 12, 31)


@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_the_sample_sheet_saved_by_libreoffice_reads_as_the_xlsx_does(
    tmp_path: Path, suffix: str
) -> None:
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [libreoffice(), "--headless", "--norestore", f"-env:UserInstallation={profile}",
         "--convert-to", suffix, "--outdir", str(tmp_path), str(SAMPLE)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    converted = read_projects(read_sheet(tmp_path / f"2020-06-projects.{suffix}"), OWNERS)
    original = read_projects(read_sheet(SAMPLE), OWNERS)
    assert converted.problems == []
    assert converted.projects == original.projects


BAD = {
    "a missing plan column": (
        lambda rows: [[c for n, c in enumerate(r) if n != 3] for r in rows],
        "第2行: 表头中没有“年度计划投资”列；请加上该列 / row 2: the header has no column of the "
        "annual plan (年度计划投资); add it",
    ),
    "a project named twice": (
        lambda rows: [
            *rows[:5],
            ["3", "滨河公园", "1000", "500", "100", "2020-03", "", "区住建局"],
            *rows[5:],
        ],
        "第6行 B列: 项目“滨河公园”与第4行重复 / row 6, column B: the project '滨河公园' is named "
        "twice (also row 4); keep one row",
    ),
    "a figure above the total": (
        lambda rows: [*rows[:3], [*rows[3][:4], "36000", *rows[3][5:]], *rows[4:]],
        "第4行 E列: 完成投资3.6亿元超过总投资3.5亿元 / row 4, column E: the investment completed "
        "(3.6亿元) is above the total investment (3.5亿元); check the figure and its unit",
    ),
    "a milestone date before the start": (
        lambda rows: [*rows[:3], [*rows[3][:6], "2019-12", *rows[3][7:]], *rows[4:]],
        "第4行 G列: 计划竣工时间2019-12-31早于计划开工时间2020-03-31 / row 4, column G: the "
        "planned completion 2019-12-31 is before the planned start 2020-03-31; correct one of them",
    ),
    "an unknown owner": (
        lambda rows: [*rows[:3], [*rows[3][:7], "区住房局", *rows[3][8:]], *rows[4:]],
        "第4行 H列: 责任单位“区住房局”不在 owners.toml 中；是否是区住建局？ / row 4, column H: the "
        "owner '区住房局' is not in owners.toml; did you mean 区住建局?",
    ),
    "an unreadable level row": (
        lambda rows: [*rows[:5], ["★重点项目"], *rows[6:]],
        "第6行 A列: “★重点项目”既不是级别行（如“一、省重点项目”），也不是项目（没有项目名称） / "
        "row 6, column A: '★重点项目' is neither a level row (一、省重点项目) nor a project "
        "(it has no name); write the level as 一、省重点项目, or fill in the project's name",
    ),
    "a level row without a level": (
        lambda rows: [*rows[:5], ["二、（1个）"], *rows[6:]],
        "第6行 A列: 级别行“（1个）”无法识别：请写成“一、省重点项目” / row 6, column A: the level "
        "row '（1个）' cannot be read: write it as 一、省重点项目",
    ),
    "no unit": (
        lambda rows: [rows[0], [h.replace("（万元）", "") for h in rows[1]], *rows[2:]],
        "第2行 C列: 未注明金额单位",
    ),
}


@pytest.mark.parametrize("case", BAD)
def test_a_bad_sheet_is_refused_with_the_row_and_column_and_nothing_is_stored(
    db: Database, tmp_path: Path, case: str
) -> None:
    change, says = BAD[case]
    for suffix in ("csv", "xlsx"):
        rows = change(GOOD)  # type: ignore[operator]
        path = tmp_path / f"{case}.{suffix}"
        if suffix == "csv":
            write_csv(path, rows)
        else:
            write_xlsx(path, rows)
        before = snapshot(db.engine)
        with pytest.raises(ImportRefused) as error:
            imported(db, path, dry_run=False)
        message = str(error.value)
        assert "nothing was imported (未导入任何数据)" in message
        assert says in message, message
        assert snapshot(db.engine) == before


def test_a_sheet_is_imported_once_then_unchanged_and_a_change_needs_a_reason(
    db: Database, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "p.csv", GOOD)
    first = imported(db, path).plan  # type: ignore[attr-defined]
    assert (len(first.new_projects), len(first.figures)) == (3, 2)
    again = imported(db, path).plan  # type: ignore[attr-defined]
    assert (again.unchanged_projects, again.unchanged_figures, again.figures) == (3, 2, [])
    changed = [*GOOD[:3], [*GOOD[3][:4], "9500", *GOOD[3][5:]], *GOOD[4:]]
    path = write_csv(tmp_path / "q.csv", changed)
    before = snapshot(db.engine)
    with pytest.raises(ImportRefused, match=r"is stored as 0\.9, the sheet has 0\.95"):
        imported(db, path)
    assert snapshot(db.engine) == before
    assert len(imported(db, path, reason="住建局更正").plan.revised_figures) == 1  # type: ignore[attr-defined]
    board = project_board(db, as_of=date(2020, 7, 10), places=CONFIG.places)
    assert [str(s.done) for s in board.statuses] == ["0.95", "1.2", "0"]


def test_a_configured_project_keeps_its_terms_and_the_sheet_must_agree(
    db: Database, tmp_path: Path
) -> None:
    load_projects(db, CONFIG.projects, by="t", now=NOW)
    read = imported(db, SAMPLE).plan  # type: ignore[attr-defined]
    assert (len(read.new_projects), read.unchanged_projects) == (63, 1)  # 蒙牛四期: configured
    rows = read_sheet(SAMPLE).rows
    at = next(n for n, r in enumerate(rows) if "蒙牛四期工厂" in r)
    rows[at][4] = "65000"  # the plan: 6.5亿元, not the configured 6
    path = write_csv(tmp_path / "changed.csv", rows)
    with pytest.raises(ImportRefused) as error:
        imported(db, path)
    assert (
        f"第{at + 1}行 E列: 年度计划投资为“6.5”，而配置（config/projects/2020.toml）中mengniu4为“6”"
        in str(error.value)
    )


def test_a_districts_sheet_goes_to_its_place_and_the_city_ranks_the_districts(
    db: Database,
) -> None:
    imported(db, SAMPLE)
    imported(db, ZONE / "2020-06-projects-east.csv", place="east")
    imported(db, ZONE / "2020-06-projects-west.csv", place="west")
    city = project_board(
        db, as_of=date(2020, 7, 10), places=CONFIG.places, place=CONFIG.places.stored("city")
    )
    assert [(t.key, t.count, t.rank) for t in city.places] == [
        ("", 64, 2),
        ("east", 5, 1),
        ("west", 4, 3),
    ]
    east = project_board(db, as_of=date(2020, 7, 10), places=Places(), place="east")
    assert east.overall.count == 5

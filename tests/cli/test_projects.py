"""``tracker projects``: key projects loaded, figures and milestones recorded, revised and
withdrawn, the status and its sentence; every refusal leaves the database as it was
(docs/projects.md). On SQLite and PostgreSQL."""

import json
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tests.cli.conftest import Run
from tests.conftest import CONFIG_DIR
from tests.helpers import snapshot
from tracker.cli.main import app
from tracker.store.db import make_engine

PROJECTS = """\
[projects.mengniu4]
name = "蒙牛四期工厂"
level = "市重点"
owner = "industry"
leader = "王副主任"
total = 15
plan = 6
start = "2019-03"

[[projects.mengniu4.milestones]]
name = "建成投产"
due = "2020-05-31"

[projects.college]
name = "黄河生物科技学院"
level = "省重点"
owner = "development"
total = 35
plan = 5
start = "2020-04"

[projects.road]
name = "文汇路改造"
level = "区重点"
owner = "development"
total = 3
plan = 2
start = "2020-03"
finish = "2020-10"
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "config"
    shutil.copytree(CONFIG_DIR, target)
    (target / "projects").mkdir()
    (target / "projects" / "2020.toml").write_text(PROJECTS, encoding="utf-8")
    return target


@pytest.fixture
def run(database_url: str, folder: Path) -> Run:
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(app, ["--db", database_url, "--config", str(folder), *args])

    return invoke


@pytest.fixture
def loaded(run: Run) -> Run:
    result = run("init")
    assert result.exit_code == 0, result.output
    assert "Key projects: 3 loaded, 3 new or changed" in result.output
    return run


def ok(result: Result) -> str:
    assert result.exit_code == 0, result.output
    return result.output


def refused(run: Run, database_url: str, *args: str) -> str:
    """The refusal of ``args``: exit 1, both languages, nothing changed."""
    engine = make_engine(database_url)
    try:
        before = snapshot(engine)
        result = run(*args)
        assert result.exit_code == 1, result.output
        assert "Error: " in result.output
        assert "错误：" in result.output
        assert snapshot(engine) == before
    finally:
        engine.dispose()
    return result.output


def test_init_loads_the_projects_and_a_changed_term_is_a_new_version(
    loaded: Run, folder: Path
) -> None:
    again = ok(loaded("init"))
    assert "Key projects: 3 loaded, 0 new or changed" in again
    path = folder / "projects" / "2020.toml"
    path.write_text(PROJECTS.replace("plan = 6\n", "plan = 7\n"), encoding="utf-8")
    assert "3 loaded, 1 new or changed" in ok(loaded("init"))
    shown = json.loads(ok(loaded("projects", "status", "--as-of", "2020-07-10", "--json")))
    assert [p["plan"] for p in shown["projects"]] == ["7", "5", "2"]
    path.write_text(PROJECTS.split("[projects.college]")[0], encoding="utf-8")
    assert "Retired 2 key projects" in ok(loaded("init"))
    shown = json.loads(ok(loaded("projects", "status", "--as-of", "2020-07-10", "--json")))
    assert [p["key"] for p in shown["projects"]] == ["mengniu4"]


def test_a_figure_is_recorded_revised_and_withdrawn_with_its_history(loaded: Run) -> None:
    assert ok(loaded("projects", "record", "road", "0.5", "--period", "2020-05")) == (
        "Recorded 文汇路改造 2020-05 = 0.5亿元\n"
    )
    assert "Recorded 文汇路改造 2020-06 = 1.2亿元" in ok(
        loaded("projects", "record", "文汇路改造", "12000万元", "-p", "2020年1-6月",
               "--progress", "路基施工")
    )  # fmt: skip
    assert "already recorded as 1.2亿元; nothing changed" in ok(
        loaded("projects", "record", "road", "1.2", "-p", "2020-06", "--progress", "路基施工")
    )
    revised = ok(
        loaded("projects", "record", "road", "1.3", "-p", "2020-06", "--revise", "--reason",
               "区住建局更正", "--by", "区发改委")
    )  # fmt: skip
    assert "Revised 文汇路改造 2020-06: 1.2 → 1.3亿元 (revision 2)" in revised
    assert "Withdrew 文汇路改造 2020-05 (revision 2)" in ok(
        loaded("projects", "withdraw", "road", "--period", "2020-05", "--reason", "报错月份")
    )
    history = ok(loaded("projects", "history", "road", "--wide"))
    assert "区住建局更正" in history
    assert "路基施工" in history  # the 形象进度 is carried over by the revision
    assert "withdrawn 已撤回" in history
    assert "报错月份" in history
    shown = json.loads(ok(loaded("projects", "status", "--as-of", "2020-07-10", "--json")))
    road = next(p for p in shown["projects"] if p["key"] == "road")
    assert (road["done"], road["period"], road["progress"]) == ("1.3", "2020-06", "路基施工")


def test_a_revision_without_revise_and_a_guard_refuse_and_change_nothing(
    loaded: Run, database_url: str
) -> None:
    ok(loaded("projects", "record", "road", "0.8", "--period", "2020-05"))
    ok(loaded("projects", "record", "road", "1", "--period", "2020-06"))
    assert "already recorded as 1亿元 (revision 1); to correct it, add --revise" in refused(
        loaded, database_url, "projects", "record", "road", "1.1", "-p", "2020-06"
    )
    falls = refused(loaded, database_url, "projects", "record", "road", "0.7", "-p", "2020-07")
    assert "0.7 is below the 2020-06 figure 1, but a year-to-date amount cannot fall" in falls
    assert "累计数不会减少" in falls
    above = refused(
        loaded, database_url, "projects", "record", "road", "40000万元", "-p", "2020-07", "--force"
    )
    assert "4亿元 is above the project's total investment of 3亿元" in above
    assert "use --force" not in above  # it would not help
    assert "is not a key project of 2019" in refused(
        loaded, database_url, "projects", "record", "road", "1", "-p", "2019-06"
    )
    assert "did you mean road" in refused(
        loaded, database_url, "projects", "record", "raod", "1", "-p", "2020-06"
    )
    assert "'2020-Q2' is not a month" in refused(
        loaded, database_url, "projects", "record", "road", "1", "-p", "2020-Q2"
    )
    assert "is a percentage" in refused(
        loaded, database_url, "projects", "record", "road", "8%", "-p", "2020-07"
    )
    assert "Recorded 文汇路改造 2020-07 = 0.7亿元" in ok(
        loaded("projects", "record", "road", "0.7", "-p", "2020-07", "--force")
    )


def test_a_milestone_is_met_revised_and_withdrawn_and_bad_days_are_refused(
    loaded: Run, database_url: str
) -> None:
    assert "Recorded 文汇路改造: start met on 2020-03-20" in ok(
        loaded("projects", "done", "road", "开工", "--date", "2020-03-20")
    )
    assert "before it started (2020-03-20)" in refused(
        loaded, database_url, "projects", "done", "road", "finish", "--date", "2020-03-01"
    )
    assert "has not come yet" in refused(
        loaded, database_url, "projects", "done", "road", "finish", "--date", "2999-01-01"
    )
    assert "has no milestone '投产'; its milestones: start, finish" in refused(
        loaded, database_url, "projects", "done", "road", "投产", "--date", "2020-03-01"
    )
    assert "recorded as met on 2020-03-20; to correct it" in refused(
        loaded, database_url, "projects", "done", "road", "start", "--date", "2020-03-25"
    )
    assert "met on 2020-03-20 → 2020-03-25 (revision 2)" in ok(
        loaded("projects", "done", "road", "start", "--date", "2020-03-25", "--revise",
               "--reason", "以开工令为准")
    )  # fmt: skip
    assert "Recorded 蒙牛四期工厂: 建成投产 met on 2020-05-28" in ok(
        loaded("projects", "done", "蒙牛四期工厂", "建成投产", "--date", "2020-05-28")
    )
    assert "Withdrew 蒙牛四期工厂 建成投产 (revision 2)" in ok(
        loaded("projects", "withdraw", "mengniu4", "--milestone", "建成投产", "--reason", "未验收")
    )
    assert "is not recorded as met; nothing to withdraw" in refused(
        loaded, database_url, "projects", "withdraw", "mengniu4", "--milestone", "建成投产",
        "--reason", "again",
    )  # fmt: skip


def test_the_status_gives_each_project_the_sentence_and_the_totals(loaded: Run) -> None:
    ok(loaded("projects", "record", "mengniu4", "3.1", "-p", "2020-06", "--progress", "设备安装"))
    ok(loaded("projects", "record", "college", "1", "-p", "2020-06"))
    ok(loaded("projects", "record", "road", "0.9", "-p", "2020-05"))
    ok(loaded("projects", "done", "college", "start", "--date", "2020-04-20"))
    ok(loaded("projects", "done", "mengniu4", "建成投产", "--date", "2020-05-28"))
    shown = ok(loaded("projects", "status", "--as-of", "2020-07-10", "--wide"))
    assert "2020年重点项目 截至2020-07-10（1-6月，序时进度50%）" in shown
    assert (
        "2020年实施重点项目3个，总投资53亿元，年度计划投资13亿元；1-6月累计完成投资5亿元，"
        "占年度投资计划的38.5%，落后时间进度11.5个百分点，其中1个省重点项目、1个市重点项目、"
        "1个区重点项目分别完成年度投资计划的20%、51.7%、45%；计划开工2项，已开工1项，开工率50%；"
        "2个项目滞后；1个项目未报送本期数据。"
    ) in shown
    assert "0.9 未报 (2020-05)" in shown
    assert "建成投产 2020-05-28 按期完成" in shown
    document = json.loads(ok(loaded("projects", "status", "--as-of", "2020-07-10", "--json")))
    assert document["behind"] == ["college", "road"]
    college = next(p for p in document["projects"] if p["key"] == "college")
    assert {k: college[k] for k in ("share_of_plan", "time_share", "gap", "status")} == {
        "share_of_plan": "20",
        "time_share": "50",
        "gap": "-30",
        "status": "lagging",
    }
    assert college["milestones"] == [
        {"name": "start", "due": "2020-04-30", "done": "2020-04-20", "status": "achieved",
         "late_days": 0}
    ]  # fmt: skip
    owned = json.loads(
        ok(loaded("projects", "status", "--as-of", "2020-07-10", "--json", "--owner", "区工信局"))
    )
    assert [p["key"] for p in owned["projects"]] == ["mengniu4"]
    provincial = ok(loaded("projects", "status", "--as-of", "2020-07-10", "--level", "省重点"))
    assert "2020年实施重点项目1个" in provincial
    by_owner = ok(loaded("projects", "status", "--as-of", "2020-07-10", "--totals", "owner"))
    assert "按责任单位 By owner" in by_owner
    assert "区发展改革委" in by_owner


def test_the_status_as_known_reads_only_what_was_recorded_by_then(
    database_url: str, folder: Path
) -> None:
    from tracker.app.database import Database
    from tracker.app.projects import (
        FigureInput,
        load_projects,
        milestone_done,
        project_board,
        record_figure,
    )
    from tracker.configuration.load import load_config
    from tracker.domain.places import Places
    from tracker.store.schema import ensure_schema

    db = Database(make_engine(database_url))
    ensure_schema(db.engine)
    projects = load_config(folder).projects
    load_projects(db, projects, by="t", now=datetime(2020, 1, 10, tzinfo=UTC))
    first, second = datetime(2020, 7, 1, 8, tzinfo=UTC), datetime(2020, 7, 5, 8, tzinfo=UTC)
    record_figure(db, FigureInput("road", "2020-06", "0.9"), by="a", now=first)
    record_figure(db, FigureInput("road", "2020-06", "1.1"), by="b", now=second, reason="更正")
    milestone_done(
        db, "road", "start", date(2020, 3, 20), by="b", now=second, today=date(2020, 7, 5)
    )

    def road(known_before: datetime | None) -> tuple[str, bool]:
        b = project_board(db, as_of=date(2020, 7, 10), places=Places(), known_before=known_before)
        s = next(s for s in b.statuses if s.project.key == "road")
        return str(s.done), bool(s.milestones[0].done)

    try:
        assert road(None) == ("1.1", True)
        assert road(datetime(2020, 7, 3, tzinfo=UTC)) == ("0.9", False)
    finally:
        db.close()


def test_a_status_of_an_unknown_level_owner_or_year_is_refused(
    loaded: Run, database_url: str
) -> None:
    assert "no project of level '国家重点'; the levels are: 市重点、省重点、区重点" in refused(
        loaded, database_url, "projects", "status", "--as-of", "2020-07-10", "--level", "国家重点"
    )
    assert "no project of owner 'labour'" in refused(
        loaded, database_url, "projects", "status", "--as-of", "2020-07-10", "--owner", "labour"
    )
    assert "no key projects for 2021; the years with projects: 2020" in refused(
        loaded, database_url, "projects", "status", "--as-of", "2021-07-10"
    )


def test_the_projects_report_and_a_form_go_through_the_command_line(
    loaded: Run, tmp_path: Path
) -> None:
    ok(loaded("projects", "record", "mengniu4", "3.1", "-p", "2020-06"))
    report = json.loads(
        ok(loaded("report", "--projects", "--as-of", "2020-07-10", "-f", "json", "-o", "-"))
    )
    assert report["subject"] == "【2020年6月】重点项目调度：3个项目滞后"
    assert report["projects"]["sentence"]["zh"].startswith("2020年实施重点项目3个")
    assert report["goals"] == []
    written = ok(loaded("projects", "forms", "--period", "2020-06", "--folder", str(tmp_path)))
    assert "区发展改革委: 2 projects" in written
    form = tmp_path / "2020-06-development-projects.xlsx"
    assert form.is_file()
    dry = ok(loaded("projects", "import", str(form), "--dry-run"))
    assert "Would import: projects 0 new, 0 changed, 2 unchanged; figures 0 added" in dry


def test_a_sheet_refused_by_the_command_line_changes_nothing(
    loaded: Run, database_url: str, tmp_path: Path
) -> None:
    sheet = tmp_path / "p.csv"
    sheet.write_text(
        "2020年重点项目进度表\n"
        "序号,项目名称,总投资（亿元）,年度计划投资（亿元）,1-6月完成投资（亿元）,责任单位\n"
        "一、区重点项目\n1,文汇路改造,3,2,5,区发展改革委\n",
        encoding="utf-8",
    )
    engine = make_engine(database_url)
    try:
        before = snapshot(engine)
        result = loaded("projects", "import", str(sheet))
        assert snapshot(engine) == before
    finally:
        engine.dispose()
    assert result.exit_code == 1
    assert result.output.splitlines()[1] == (
        "第4行 E列: 完成投资5亿元超过总投资3亿元 / row 4, column E: the investment completed "
        "(5亿元) is above the total investment (3亿元); check the figure and its unit"
    )  # both languages on the line

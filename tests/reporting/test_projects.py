"""The 重点项目 section in every format, and the key projects' report alone (docs/projects.md,
"Reports"), made from a workspace in memory."""

import io
import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from tests.reporting import dataset
from tests.reporting.dom import parse
from tracker.delivery.summary import summary
from tracker.domain.model import Owner
from tracker.domain.periods import Period
from tracker.domain.places import Places
from tracker.domain.projects import Milestone, Portfolio, Project, ProjectFigure
from tracker.domain.workspace import Workspace
from tracker.reporting.archive import write_files
from tracker.reporting.project_report import render_projects
from tracker.reporting.projects import EMAIL_BEHIND
from tracker.reporting.render import render_workspace

AS_OF = dataset.AS_OF  # 2020-07-20
INDUSTRY = Owner("industry", "区工信局", "Industry Bureau")
HOUSING = Owner("housing", "区住建局", "Housing Bureau")


def project(key: str, name: str, level: str, plan: str, owner: Owner = INDUSTRY, **terms):  # type: ignore[no-untyped-def]
    base = Project(key, name, 2020, level, owner, Decimal(100), Decimal(plan), leader="王副主任")
    return replace(base, **terms)


PROJECTS = (
    project("mengniu4", "蒙牛四期工厂", "省重点", "6",
            milestones=(Milestone("建成投产", date(2020, 5, 31)),)),
    project("college", "黄河生物科技学院", "省重点", "5", owner=HOUSING),
    project("road", "文汇路<改造>", "区重点", "2", owner=HOUSING),
)  # fmt: skip
FIGURES = {
    ("", "mengniu4"): (ProjectFigure(Period.month(2020, 6), Decimal("3.6"), progress="设备安装"),),
    ("", "college"): (ProjectFigure(Period.month(2020, 6), Decimal("1")),),
    ("", "road"): (ProjectFigure(Period.month(2020, 6), Decimal("1.1")),),
}


def workspace(projects: tuple[Project, ...] = PROJECTS, figures=FIGURES) -> Workspace:  # type: ignore[no-untyped-def]
    return Workspace(
        year=2020,
        places=Places(),
        place="home",
        goals=tuple(dataset.goals()),
        figures={"": dataset.figures()},
        projects=Portfolio(2020, projects, figures),
    )


def behind(page):  # type: ignore[no-untyped-def]
    """The projects behind, as the section lists them."""
    return [t for t in page.all("table") if "project" in t.attrs.get("class", "").split()]


SENTENCE = (
    "2020年实施重点项目3个，总投资300亿元，年度计划投资13亿元；1-6月累计完成投资5.7亿元，占年度"
    "投资计划的43.8%，落后时间进度6.2个百分点，其中2个省重点项目、1个区重点项目分别完成年度投资计划"
    "的41.8%、55%；2个项目滞后。"
)


@pytest.fixture(scope="module")
def bundle():  # type: ignore[no-untyped-def]
    return render_workspace(workspace(), as_of=AS_OF, charts=False)


def test_the_page_carries_the_section_the_projects_behind_and_every_project(bundle) -> None:  # type: ignore[no-untyped-def]
    page = parse(bundle.html)
    section = page.find("td", id="projects")
    assert section is not None
    assert SENTENCE in section.text
    assert [p.find("span", class_="name").text for p in behind(page)] == [
        "黄河生物科技学院",  # lagging on money, furthest behind
        "蒙牛四期工厂",  # lagging: 建成投产 overdue
    ]
    assert "建成投产 2020-05-31 已逾期50天" in section.text
    table = page.find("table", class_="project-table")  # the page: every project
    names = [row.all("td")[0].text for row in table.all("tr")[1:]]
    assert [name.split("建成投产")[0] for name in names] == [p.name for p in PROJECTS]
    assert "文汇路<改造>" in section.text  # escaped, shown as written


def test_the_email_leaves_the_full_project_table_to_the_page(bundle) -> None:  # type: ignore[no-untyped-def]
    email = parse(bundle.email_html)
    assert email.all("table", class_="project-table") == []


def test_the_text_and_markdown_carry_the_sentence_and_the_projects_behind(bundle) -> None:  # type: ignore[no-untyped-def]
    assert SENTENCE in bundle.text
    assert (
        "[落后] 黄河生物科技学院：省重点；完成年度计划的20%，落后时间进度30个百分点" in bundle.text
    )
    assert "分包领导：王副主任" in bundle.text
    assert "**黄河生物科技学院** — 落后" in bundle.markdown


def test_the_json_the_brief_and_the_robot_carry_the_section(bundle) -> None:  # type: ignore[no-untyped-def]
    document = json.loads(bundle.json)["projects"]
    assert document["sentence"]["zh"] == SENTENCE
    assert document["behind"] == ["college", "mengniu4"]
    assert document["projects"][0]["text"]["overdue"] == "建成投产 2020-05-31 已逾期50天"
    brief = "\n".join(
        p.text for p in docx.Document(io.BytesIO(bundle.formatted("docx"))).paragraphs
    )  # type: ignore[arg-type]
    assert "重点项目" in brief
    assert SENTENCE in brief
    robot = summary(bundle.json, limit=4096).markdown
    assert "**重点项目**" in robot
    assert "- 黄河生物科技学院（区住建局）：落后" in robot


def test_in_english_the_section_says_the_same() -> None:
    bundle = render_workspace(workspace(), as_of=AS_OF, lang="en", charts=False)
    assert (
        "3 key projects in 2020, total investment ¥30 bn, annual plan ¥1.3 bn; Jan–Jun: ¥0.57 bn "
        "invested, 43.8% of the annual plan, 6.2 points behind the time share"
    ) in bundle.text
    assert "建成投产 due 2020-05-31, 50 days overdue" in bundle.text


def test_without_projects_the_report_is_as_it_was() -> None:
    bundle = render_workspace(workspace(projects=()), as_of=AS_OF, charts=False)
    assert 'id="projects"' not in bundle.html
    assert json.loads(bundle.json)["projects"] is None


def test_an_email_names_the_first_projects_behind_and_counts_the_rest() -> None:
    many = tuple(project(f"p{n}", f"项目{n}", "区重点", "10") for n in range(EMAIL_BEHIND + 5))
    figures = {("", p.key): (ProjectFigure(Period.month(2020, 6), Decimal(1)),) for p in many}
    bundle = render_workspace(workspace(many, figures), as_of=AS_OF, charts=False)
    email = parse(bundle.email_html)
    assert len(behind(email)) == EMAIL_BEHIND
    assert "另有5个滞后项目，见完整报告。" in bundle.email_html
    assert len(behind(parse(bundle.html))) == EMAIL_BEHIND + 5


def test_the_projects_report_alone_is_archived_beside_the_goals_report(tmp_path: Path) -> None:
    bundle = render_projects(workspace(), as_of=AS_OF)
    assert bundle.subject == "【2020年6月】重点项目调度：2个项目滞后"
    assert bundle.context.title == "2020年6月重点项目调度通报"
    assert 'id="behind"' not in bundle.html  # no goals
    assert SENTENCE in bundle.text
    paths = write_files(bundle, tmp_path, ("html", "text", "json"))
    assert [p.name for p in paths] == ["projects-zh.html", "projects-zh.txt", "projects-zh.json"]
    brief = docx.Document(io.BytesIO(bundle.formatted("docx")))  # type: ignore[arg-type]
    assert brief.paragraphs[0].text == "重点项目调度通报"
    robot = summary(bundle.json, limit=4096).markdown
    assert "未达目标的指标" not in robot


def test_an_owners_projects_report_holds_only_its_projects() -> None:
    bundle = render_projects(workspace(), as_of=AS_OF, owner="housing")
    assert bundle.subject == "【2020年6月】区住建局重点项目调度：1个项目滞后"
    assert "蒙牛四期工厂" not in bundle.text
    with pytest.raises(Exception, match="no key projects of owner 'stats'"):
        render_projects(workspace(), as_of=AS_OF, owner="stats")

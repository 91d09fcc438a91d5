"""projects/YEAR.toml: key projects, each mistake with its file, line and fix (docs/projects.md,
"Configuration")."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.configuration.load import check_config, load_config
from tracker.domain.errors import ConfigError
from tracker.domain.projects import Milestone

PROJECTS = """\
warning = 8

[projects.mengniu4]
name = "蒙牛四期工厂"
level = "市重点"
owner = "industry"
leader = "王副主任"
total = 15
plan = 6
start = "2019-03"
finish = 2020-05-31

[[projects.mengniu4.milestones]]
name = "建成投产"
due = "2020-05-31"

[projects.college]
name = "黄河生物科技学院"
level = "省重点"
owner = "development"
place = "zone"
total = 35
plan = 5.5
start = "2019年10月"
warning = 12
"""


def write(config: Path, text: str, name: str = "2019.toml") -> Path:
    folder = config / "projects"
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def refusal(config: Path) -> str:
    with pytest.raises(ConfigError) as error:
        check_config(config, env={})
    return str(error.value)


def test_it_reads_each_project_with_its_year_owner_dates_and_milestones(config: Path) -> None:
    write(config, PROJECTS)
    mengniu, college = load_config(config, env={}).projects
    assert (mengniu.key, mengniu.year, mengniu.level, mengniu.owner.name_zh) == (
        "mengniu4",
        2019,
        "市重点",
        "区工信局",
    )
    assert (mengniu.total, mengniu.plan, mengniu.warning) == (Decimal(15), Decimal(6), Decimal(8))
    assert (mengniu.start, mengniu.finish) == (date(2019, 3, 31), date(2020, 5, 31))
    assert mengniu.milestones == (Milestone("建成投产", date(2020, 5, 31)),)
    assert (college.place, college.start, college.warning) == ("", date(2019, 10, 31), 12)


def test_a_districts_projects_live_in_its_folder(config: Path) -> None:
    write(config, PROJECTS.replace('place = "zone"\n', ""), "east/2020.toml")
    assert {p.place for p in load_config(config, env={}).projects} == {"east"}


def test_without_a_projects_folder_there_are_none(config: Path) -> None:
    assert load_config(config, env={}).projects == ()


@pytest.mark.parametrize(
    ("old", "new", "line", "says"),
    [
        ("plan = 6\n", "plan_ = 6\n", 9,
         "unknown key 'plan_' in [projects.mengniu4]; did you mean 'plan'"),
        ("plan = 6\n", "", 3, "[projects.mengniu4] 'plan' must be a number"),
        ("plan = 6\n", "plan = 16\n", 9, "'plan' = 16 is above 'total' = 15"),
        ('owner = "industry"', 'owner = "industri"', 6,
         "'industri' is not defined in owners.toml; did you mean 'industry'"),
        ('place = "zone"', 'place = "zoen"', 21,
         "'zoen' is not a [places.KEY] of places.toml; did you mean 'zone'"),
        ('start = "2019-03"', 'start = "March"', 10, "'start' = 'March' is not a date"),
        ("finish = 2020-05-31", 'finish = "2019-02"', 11, "'finish' 2019-02-28 is before 'start'"),
        ('due = "2020-05-31"', 'due = "2018-12"', 15, "due 2018-12-31, before the project's start"),
        ('name = "建成投产"', 'name = "开工"', 14, "'开工' is the project's 'start' or 'finish'"),
        ('name = "黄河生物科技学院"', 'name = "蒙牛四期工厂"', 18,
         "'蒙牛四期工厂' is also projects.mengniu4's"),
        ("warning = 8\n", "warning = -1\n", 1, "'warning' must be a positive number"),
        ("total = 15\n", "total = -15\n", 8, "'total' = -15 must be 0 or more"),
    ],
)  # fmt: skip
def test_each_mistake_is_refused_at_its_line_with_its_fix(
    config: Path, old: str, new: str, line: int, says: str
) -> None:
    text = PROJECTS.replace(old, new, 1)
    assert text != PROJECTS
    path = write(config, text)
    message = refusal(config)
    assert says in message
    assert f"{path}:{line}: " in message


def test_a_file_not_named_after_its_year_is_refused(config: Path) -> None:
    write(config, PROJECTS, "current.toml")
    assert "name the file after its year, e.g. 2020.toml" in refusal(config)


def test_every_problem_of_the_file_is_listed_at_once(config: Path) -> None:
    text = PROJECTS.replace("plan = 6\n", "plan = 16\n")
    write(config, text.replace('owner = "development"', 'owner = "nobody"'))
    message = refusal(config)
    assert message.startswith("配置有 2 处错误 / the config has 2 problems:")

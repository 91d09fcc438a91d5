"""``tracker init --demo`` cannot take over a real place's database: it is refused when the
database holds goals or figures the demo does not, unless ``--replace`` (which says what it
retires); without --db or TRACKER_DATABASE_URL the demo gets a database of its own; and every
``init`` names the goals it retires."""

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.cli.conftest import Run
from tests.conftest import CONFIG_DIR
from tests.helpers import snapshot
from tracker.cli.main import app
from tracker.store.db import make_engine

YEAR = 2024


@pytest.fixture
def real_place(tmp_path: Path) -> Path:
    """A place's own config: the tests' indicators with goals for 2024, not the demo's 2020."""
    folder = tmp_path / "real"
    shutil.copytree(CONFIG_DIR, folder)
    (folder / "goals" / "2020.toml").rename(folder / "goals" / f"{YEAR}.toml")
    shutil.rmtree(folder / "results")
    return folder


@pytest.fixture
def real(run: Run, real_place: Path) -> Run:
    """The database of that place: its goals, and two figures of 2024."""
    assert run("--config", str(real_place), "init").exit_code == 0
    for period, value in (("2024-02", "5.1"), ("2024-03", "5.6")):
        recorded = run("--config", str(real_place), "record", "industry", value, "--period", period)
        assert recorded.exit_code == 0, recorded.output
    return run


def test_the_demo_on_a_real_places_database_is_refused_and_changes_nothing(
    real: Run, database_url: str
) -> None:
    engine = make_engine(database_url)
    before = snapshot(engine)
    result = real("init", "--demo")
    assert snapshot(engine) == before
    engine.dispose()
    assert result.exit_code == 1
    english, chinese = result.stderr.splitlines()
    assert english == (
        "Error: the database holds what the demo does not: 12 goals of 2024 (gdp, industry, "
        "fai, retail, revenue, cpi, urbanization, energy, trade, income, jobs, rank) and 2 "
        "figures of 2024; the demo would retire those goals and put its own indicators in "
        "place of the database's. Leave out --db and TRACKER_DATABASE_URL to load the demo "
        "into a database of its own, or add --replace to retire them."
    )
    assert chinese == (
        "错误：数据库中有示范配置没有的目标（12个）和数据（2条）；载入示范配置会停用这些目标并替换"
        "指标定义。请去掉 --db 和 TRACKER_DATABASE_URL，让示范使用自己的数据库；确需替换请加 "
        "--replace"
    )


def test_replace_loads_the_demo_and_says_what_it_retired(real: Run) -> None:
    result = real("init", "--demo", "--replace")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "Retired 12 goals no longer in the config (kept with their history, left out of "
        "reports): gdp 2024, industry 2024, fai 2024, retail 2024, revenue 2024, cpi 2024, "
        "urbanization 2024, energy 2024, trade 2024, income 2024, jobs 2024, rank 2024"
    )


def test_the_demo_again_on_its_own_database_is_not_refused(run: Run) -> None:
    assert run("init", "--demo").exit_code == 0
    again = run("init", "--demo")
    assert again.exit_code == 0, again.output
    assert "Retired" not in again.stdout


def test_the_demo_gets_a_database_of_its_own_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRACKER_CONFIG_DIR")
    monkeypatch.delenv("TRACKER_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    result = CliRunner().invoke(app, ["init", "--demo"])
    assert result.exit_code == 0, result.output
    demo = tmp_path / "data" / "tracker" / "demo.db"
    assert demo.exists()
    assert not (tmp_path / "data" / "tracker" / "tracker.db").exists()
    lines = result.stdout.splitlines()
    folder = lines[1].rpartition(" from ")[2]  # Loaded 12 indicators and 12 goals from DIR
    assert lines[0] == f"Database: sqlite:///{demo}"
    assert lines[-1] == (
        "The demo has a database of its own; to work with it: "
        f"export TRACKER_DATABASE_URL=sqlite:///{demo} TRACKER_CONFIG_DIR={folder}"
    )


def test_init_names_the_goals_it_retires(run: Run, tmp_path: Path) -> None:
    config = tmp_path / "config"
    shutil.copytree(CONFIG_DIR, config)
    assert run("--config", str(config), "init").exit_code == 0
    goals = config / "goals" / "2020.toml"
    text = goals.read_text(encoding="utf-8")
    goals.write_text(text[: text.index("[goals.rank]")], encoding="utf-8")
    result = run("--config", str(config), "init")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "Retired 1 goal no longer in the config (kept with their history, left out of "
        "reports): rank 2020"
    )

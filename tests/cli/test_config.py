"""``tracker config check|new``, ``tracker init --demo``, and the config folder looked for."""

import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import inspect
from typer.testing import CliRunner, Result

from tests.cli.conftest import Run
from tests.configuration.conftest import change
from tests.conftest import CONFIG_DIR
from tests.helpers import snapshot
from tracker.cli.main import app
from tracker.store.db import make_engine

TESTS = Path(__file__).resolve().parents[1]


def tracker(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def no_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No --config, no TRACKER_CONFIG_DIR and no own folder: where the own one would be."""
    monkeypatch.delenv("TRACKER_CONFIG_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "xdg" / "tracker"


@pytest.mark.parametrize("how", [("--config", str(CONFIG_DIR)), (str(CONFIG_DIR),)])
def test_config_check_prints_what_it_would_load_and_makes_no_database(
    tmp_path: Path, how: tuple[str, ...]
) -> None:
    database = tmp_path / "never.db"
    result = tracker("--db", f"sqlite:///{database}", "config", "check", *how)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Config folder:   {CONFIG_DIR}",
        "Time zone:       Asia/Shanghai",
        "Report language: zh",
        "Owners:          8",
        "Indicators:      12",
        "Goals:           2020: 12",
        "Known results:   6",
        "Jobs:            monthly-report, overdue-reminder, weekly-digest (disabled)",
        "Recipient lists: leadership (2)",
        "Owner addresses: 8 owners",
        "SMTP:            localhost:587 (starttls), from 区统计局 <stats@example.gov.cn>",
        "The config is fine.",
    ]
    assert not database.exists()


def test_config_check_lists_every_problem_and_exits_1(tmp_path: Path) -> None:
    config = tmp_path / "config"
    shutil.copytree(CONFIG_DIR, config)
    goals = config / "goals" / "2020.toml"
    goals.write_text(
        goals.read_text(encoding="utf-8").replace("tolerance = 0.5", "tolerence = 0.5", 1),
        encoding="utf-8",
    )
    settings = config / "tracker.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("Asia/Shanghai", "Asia/Shanghia"),
        encoding="utf-8",
    )
    result = tracker("config", "check", "--config", str(config))
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "Error: 配置有 2 处错误 / the config has 2 problems:"
    assert re.fullmatch(rf"{re.escape(str(settings))}:\d+: \[general\] timezone .*", lines[1])
    assert re.fullmatch(rf"{re.escape(str(goals))}:\d+: unknown key 'tolerence'.*", lines[2])
    assert "did you mean 'tolerance'?" in lines[2]
    assert "Traceback" not in result.output


def test_config_new_writes_a_skeleton_that_config_check_passes(tmp_path: Path) -> None:
    folder = tmp_path / "place"
    written = tracker("config", "new", str(folder))
    assert written.exit_code == 0, written.output
    names = {str(p.relative_to(folder)) for p in folder.rglob("*.toml")}
    assert {"owners.toml", "indicators.toml", "tracker.toml", "schedule.toml"} <= names
    assert {"recipients.toml"} <= names
    assert any(re.fullmatch(r"goals/\d{4}\.toml", n) for n in names)
    checked = tracker("config", "check", "--config", str(folder))
    assert checked.exit_code == 0, checked.output
    assert "Indicators:      1" in checked.stdout


def test_config_new_refuses_a_folder_that_holds_anything(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = tracker("config", "new", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {tmp_path} 不是空文件夹，未写入任何文件；请换一个新文件夹 / "
        f"{tmp_path} is not an empty folder, nothing was written; name a new folder\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_init_without_a_config_folder_names_both_ways_out(no_config: Path, run: Run) -> None:
    result = run("init")
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert f"配置文件夹 {no_config} 不存在" in result.stderr
    assert f"tracker config new {no_config}" in result.stderr
    assert "tracker init --demo" in result.stderr


def test_a_missing_own_folder_creates_no_database(no_config: Path, tmp_path: Path) -> None:
    result = tracker("init")
    assert result.exit_code == 1
    assert not (tmp_path / "data").exists()


def test_init_demo_loads_the_demo_district(no_config: Path, run: Run) -> None:
    result = run("init", "--demo")
    assert result.exit_code == 0, result.output
    assert "Loaded 12 indicators and 12 goals" in result.stdout


def test_init_demo_and_a_named_folder_together_are_refused(run: Run, database_url: str) -> None:
    engine = make_engine(database_url)
    before = snapshot(engine)
    result = run("--config", str(CONFIG_DIR), "init", "--demo")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: --demo 与 --config 只能选一个 / use either --demo or --config, not both.\n"
    )
    assert snapshot(engine) == before
    engine.dispose()


def test_other_commands_run_with_the_defaults_without_a_config_folder(
    no_config: Path, run: Run
) -> None:
    assert run("init", "--demo").exit_code == 0
    result = run("schedule", "list")
    assert result.exit_code == 0, result.output
    assert "times in Asia/Shanghai" in result.stdout


def test_times_are_shown_in_the_configured_zone(initialised: Run, tmp_path: Path) -> None:
    initialised("record", "industry", "7.1", "--period", "2020-06")
    utc = tmp_path / "utc"
    shutil.copytree(CONFIG_DIR, utc)
    settings = utc / "tracker.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace('"Asia/Shanghai"', '"UTC"'), encoding="utf-8"
    )
    shanghai = initialised("history", "industry", "--period", "2020-06").stdout
    in_utc = initialised("--config", str(utc), "history", "industry", "--period", "2020-06").stdout
    (at_shanghai,) = re.findall(r"\d{4}-\d\d-\d\d (\d\d):\d\d", shanghai)
    (at_utc,) = re.findall(r"\d{4}-\d\d-\d\d (\d\d):\d\d", in_utc)
    assert (int(at_shanghai) - int(at_utc)) % 24 == 8


def test_no_test_reads_the_shipped_config() -> None:
    assert CONFIG_DIR.is_relative_to(TESTS / "fixtures")
    assert not any(p.is_symlink() for p in [CONFIG_DIR, *CONFIG_DIR.rglob("*")])
    # (the wheel test of tests/configuration checks that the demo is packaged, reading no file)
    shipped = ("demo_config_dir", "default_config_dir", '"defaults"', 'parents[2] / "config"')
    readers = [
        str(path.relative_to(TESTS))
        for path in TESTS.rglob("*.py")
        if path != Path(__file__)
        and any(word in path.read_text(encoding="utf-8") for word in shipped)
    ]
    assert readers == []


def test_config_check_without_a_folder_names_both_ways_out(no_config: Path) -> None:
    result = tracker("config", "check")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: 配置文件夹 {no_config} 不存在")
    assert len(result.stderr.splitlines()) == 1


def test_info_says_when_the_defaults_apply(no_config: Path, run: Run) -> None:
    result = run("info")
    assert result.exit_code == 0, result.output
    assert f"config:     {no_config} (does not exist: the defaults apply)" in result.stdout


@pytest.fixture
def half_edited(tmp_path: Path) -> Path:
    """A copy of the tests' config whose goals file has a goal for no indicator, and whose
    results file does not parse: a person in the middle of editing them."""
    config = tmp_path / "half-edited"
    shutil.copytree(CONFIG_DIR, config)
    goals = config / "goals" / "2020.toml"
    goals.write_text(
        goals.read_text(encoding="utf-8") + "\n[goals.bogus]\ntarget = 1\n", encoding="utf-8"
    )
    results = config / "results" / "2019.toml"
    results.write_text(results.read_text(encoding="utf-8") + "\n[results.later\n", encoding="utf-8")
    return config


@pytest.mark.parametrize(
    "command",
    [
        ("status", "--as-of", "2020-07-20"),
        ("report", "--as-of", "2020-07-20", "-f", "text", "-o", "-"),
        ("history", "industry"),
        ("schedule", "list"),
        ("record", "industry", "7.1", "--period", "2020-06"),
        ("goals",),
    ],
)
def test_a_half_edited_goals_file_stops_no_command_that_reads_goals_from_the_database(
    initialised: Run, half_edited: Path, command: tuple[str, ...]
) -> None:
    result = initialised("--config", str(half_edited), *command)
    assert result.exit_code == 0, result.output
    assert "bogus" not in result.output


def test_a_half_edited_goals_file_does_not_stop_an_import(
    initialised: Run, half_edited: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "june.csv"
    sheet.write_text("指标,期间,数值\nindustry,2020-06,5.6\njobs,2020-06,2380\n", encoding="utf-8")
    result = initialised("--config", str(half_edited), "import", str(sheet))
    assert result.exit_code == 0, result.output
    assert "2 added" in result.stdout


def test_init_and_config_check_still_list_every_problem_of_every_file(
    run: Run, half_edited: Path, database_url: str
) -> None:
    goals, results = half_edited / "goals" / "2020.toml", half_edited / "results" / "2019.toml"
    settings = half_edited / "tracker.toml"
    zone = change(settings, 'timezone = "Asia/Shanghai"', 'timezone = "Asia/Shanghia"')
    bogus = goals.read_text(encoding="utf-8").splitlines().index("[goals.bogus]") + 1
    syntax = len(results.read_text(encoding="utf-8").splitlines())
    expected = [
        "Error: 配置有 3 处错误 / the config has 3 problems:",
        f"{settings}:{zone}: [general] timezone 'Asia/Shanghia' is unknown; write an IANA zone "
        "name, e.g. Asia/Shanghai or Asia/Urumqi",
        f"{goals}:{bogus}: [goals.bogus] no indicator 'bogus' in indicators.toml; the known "
        "ones are: ",
        f"{results}:{syntax}: Expected ']' at the end of a table declaration; fix the TOML "
        "syntax there",
    ]
    for command in (("config", "check"), ("init",)):
        result = run("--config", str(half_edited), *command)
        assert result.exit_code == 1
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == len(expected)
        assert all(line.startswith(start) for line, start in zip(lines, expected, strict=True))
    engine = make_engine(database_url)
    assert inspect(engine).get_table_names() == []  # init stopped before making any table
    engine.dispose()


EXAMPLE_LINE = re.compile(r"^# (?=\[|[a-z_]+ = )")


def uncommented(text: str) -> str:
    """``text`` with its example tables' lines uncommented (``# [goals.x]``, ``# target = 5``)."""
    return "\n".join(EXAMPLE_LINE.sub("", line) for line in text.splitlines()) + "\n"


def test_config_new_writes_an_example_of_every_kind_that_loads_uncommented(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "place"
    assert tracker("config", "new", str(folder)).exit_code == 0
    goals_file = next((folder / "goals").glob("*.toml"))
    goals, plan = goals_file.read_text(encoding="utf-8").split("# A multi-year plan", 1)
    due = f"due = {goals_file.stem}-05-31"
    kinds = ("stretch = 10", 'target = "qualitative"', 'share_of = "city"', "weight = 2",
             'rank_among = "peers"', due, 'basis = "change"')  # fmt: skip
    for kind in kinds:
        assert f"# {kind}" in goals
    goals_file.write_text(uncommented(goals), encoding="utf-8")
    indicators = folder / "indicators.toml"
    indicators.write_text(uncommented(indicators.read_text(encoding="utf-8")), encoding="utf-8")
    (folder / "plans").mkdir()
    plan = plan.split("\n", 1)[1]  # after its heading's line
    (folder / "plans" / "fourteenth.toml").write_text(uncommented(plan), encoding="utf-8")
    (folder / "places.toml").write_text(
        'home = "county"\n[places.county]\nname_zh = "本县"\nname_en = "County"\nparent = "city"\n'
        '[places.city]\nname_zh = "全市"\nname_en = "City"\n'
        '[places.west]\nname_zh = "西县"\nname_en = "West"\nparent = "city"\n',
        encoding="utf-8",
    )
    checked = tracker("config", "check", "--config", str(folder))
    assert checked.exit_code == 0, checked.output
    assert "Indicators:      5" in checked.stdout

"""``tracker report`` from the command line: the archive, one file, stdout, and refusals."""

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from tests.conftest import CONFIG_DIR
from tests.helpers import snapshot
from tests.reporting.test_render import GOLDEN
from tracker.cli.main import app


@pytest.fixture
def run(reported: Engine, database_url: str, archive: Path):
    def invoke(*args: str, config: Path | None = None):
        env = {"TRACKER_DATABASE_URL": database_url, "TRACKER_REPORTS_DIR": str(archive)}
        extra = ["--config", str(config)] if config else []
        return CliRunner().invoke(app, [*extra, "report", "--as-of", "2020-07-20", *args], env=env)

    return invoke


def test_without_output_it_writes_the_archive_and_prints_the_paths(run, archive: Path) -> None:
    result = run("--no-charts")
    assert result.exit_code == 0, result.output
    folder = archive / "2020-07-20"
    assert result.stdout.splitlines() == [
        str(folder / f"zh.{e}") for e in ("html", "txt", "md", "json")
    ]
    assert (archive / "index.html").is_file()


def test_it_prints_one_format_to_stdout(run) -> None:
    # A moment after every figure, so that the report is the golden one and its last line
    # records that moment.
    result = run("--format", "text", "--no-charts", "-o", "-", "--as-known", "2999-01-01")
    assert result.exit_code == 0, result.output
    recorded = "本报告依据截至2999年1月1日 23:59:59录入的数据和目标生成。\n"  # Asia/Shanghai
    golden = (GOLDEN / "report-zh.txt").read_text(encoding="utf-8")
    assert result.stdout.startswith("示范区" + golden.split("\n", 1)[0])  # the place is named
    assert result.stdout.endswith(recorded)
    # The config has peers (a 位次 column in the overview, no figures of theirs): from the goals
    # behind on, the golden report.
    behind = "## 未达目标"
    assert behind + result.stdout.split(behind)[1] == behind + golden.split(behind)[1] + recorded


def test_it_writes_one_format_to_a_file(run, tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.json"
    result = run("--format", "json", "--lang", "en", "--owner", "区人社局", "-o", str(target))
    assert result.exit_code == 0, result.output
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["owner"]["key"] == "labour"
    assert document["lang"] == "en"
    assert result.stdout.strip() == str(target)


def test_the_default_language_comes_from_the_config(run, tmp_path: Path) -> None:
    config = tmp_path / "config"
    shutil.copytree(CONFIG_DIR, config)
    (config / "tracker.toml").write_text('[report]\nlanguage = "en"\n', encoding="utf-8")
    result = run("-f", "text", "--no-charts", "-o", "-", config=config)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("The Zone: June 2020 targets")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "pdf"],
            "Error: 'pdf' is not a report format; use one of: html, text, md, json, docx.",
        ),
        (["--lang", "fr"], "Error: 'fr' is not a report language; use one of: zh, en."),
        (["--owner", "nobody"], "Error: no owner 'nobody' among the goals reported; use one of:"),
        (
            ["--year", "2031"],
            "Error: no goals for 2031; `tracker goals` lists the years that have them.",
        ),
    ],
)
def test_bad_options_are_refused_and_change_nothing(
    run, reported: Engine, archive: Path, args: list[str], message: str
) -> None:
    before = snapshot(reported)
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    _english, chinese = result.stderr.splitlines()  # one line in each language
    assert chinese.startswith("错误：")
    assert snapshot(reported) == before
    assert list(archive.iterdir()) == []


def test_the_word_briefing_goes_to_a_file_or_a_pipe(run, tmp_path: Path) -> None:
    import io

    import docx

    target = tmp_path / "简报.docx"
    result = run("--lang", "en", "-o", str(target))  # the format from the suffix
    assert result.exit_code == 0, result.output
    assert docx.Document(target).paragraphs[0].text == "The Zone goal progress briefing"
    piped = run("-f", "docx", "-o", "-")  # not a terminal: the bytes as they are
    assert piped.exit_code == 0, piped.output
    assert docx.Document(io.BytesIO(piped.stdout_bytes)).paragraphs[0].text == "示范区目标进度简报"

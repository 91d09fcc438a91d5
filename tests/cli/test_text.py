"""Text from people and servers reaches the terminal as text: markup and control characters
in notes, sources, names of who recorded a figure, server replies and run details neither
break a screen nor change what it shows; CSV cells are never formulas."""

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from tracker.cli.main import app
from tracker.cli.text import shown, terminal
from tracker.store import outbox as q
from tracker.store.db import write_session

NASTY = [
    "[/]",
    "[revised]",
    "[bold red]alarm[/]",
    "\x1b[2J\x1b[31mred",
    "a\rover",
    "line\nbreak",
    "\u202egnp.exe",
    "\x07\x00bell",
    '=HYPERLINK("http://x","y")',
]


def run(engine: Engine, *args: str):
    url = engine.url.render_as_string(hide_password=False)
    return CliRunner().invoke(app, ["--db", url, *args])


def clean(output: str) -> None:
    """No escape sequence, carriage return or bidi override reached the output."""
    assert not any(c in output for c in "\x1b\r\x07\x00\u202e")


@pytest.mark.parametrize("text", NASTY)
def test_the_helpers_show_the_text_as_it_is(text: str) -> None:
    from rich.console import Console

    console = Console(width=200, record=True)
    console.print(shown(text))
    printed = console.export_text().rstrip("\n")
    assert printed == terminal(text)
    assert not any(c in printed for c in "\x1b\r\n\x07\x00\u202e")


def test_history_shows_notes_sources_and_names_as_typed(loaded: Engine) -> None:
    for n, text in enumerate(t for t in NASTY if "\x00" not in t):  # PostgreSQL refuses NUL
        period = f"2020-{n + 2:02d}"
        result = run(
            loaded, "record", "-p", period, "--note", text, "--source", text, "--by", text,
            "--force", "industry", "5",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
    history = run(loaded, "history", "industry")
    assert history.exit_code == 0, history.output
    clean(history.stdout)
    assert history.stdout.count("[revised]") == 3  # note, source, by: none vanishes
    assert history.stdout.count("[/]") >= 3
    assert "[bold red]alarm[/]" in history.stdout


def test_the_text_report_on_stdout_carries_no_control_characters(loaded: Engine) -> None:
    note = "\x1b[2J\x1b[31m伪造\rnote"
    run(loaded, "record", "-p", "2020-06", "--note", note, "industry", "5")
    report = run(loaded, "report", "--as-of", "2020-07-15", "-f", "text", "-o", "-")
    assert report.exit_code == 0, report.output
    clean(report.stdout)


def test_the_outbox_and_schedule_list_show_server_replies_as_text(loaded: Engine) -> None:
    reply = "550 [/] x \x1b[31m[revised]"
    with write_session(loaded) as session:
        session.add(
            q.OutboxRow(
                job="monthly-report",
                period_key="2020-07",
                recipient="a@example.gov.cn",
                subject="s",
                message_id="<m@x>",
                message=b"x",
                status="failed",
                attempts=1,
                last_error=reply,
                created_at=datetime(2020, 7, 15, tzinfo=UTC),
            )
        )
        q.finish_run(
            session=session,
            id=q.start_run(
                session=session,
                job="monthly-report",
                period_key="2020-07",
                trigger="manual",
                now=datetime(2020, 7, 15, tzinfo=UTC),
            ),
            outcome="failed",
            detail=reply,
            queued=1,
            sent=0,
            now=datetime(2020, 7, 15, tzinfo=UTC),
        )
    outbox = run(loaded, "outbox")
    listing = run(loaded, "schedule", "list")
    for result in (outbox, listing):
        assert result.exit_code == 0, result.output
        clean(result.stdout)
        assert "[revised]" in result.stdout  # not taken for markup
        assert "550 [/] x" in result.stdout


def test_csv_cells_that_would_be_formulas_are_text(loaded: Engine, tmp_path: Path) -> None:
    notes = ['=HYPERLINK("http://evil","x")', "+1+cmd", "-2+3", "@SUM(A1)", "\tx", "plain"]
    for n, note in enumerate(notes):
        run(loaded, "record", "-p", f"2020-{n + 2:02d}", "--note", note, "industry", "-3")
    path = tmp_path / "out.csv"
    assert run(loaded, "export", "-o", str(path)).exit_code == 0
    with path.open(encoding="utf-8-sig", newline="") as f:
        ours = {f"2020-{n + 2:02d}" for n in range(len(notes))}
        rows = [r for r in csv.DictReader(f) if r["指标"] == "industry" and r["期间"] in ours]
    assert sorted(r["备注"] for r in rows) == sorted(
        ['\'=HYPERLINK("http://evil","x")', "'+1+cmd", "'-2+3", "'@SUM(A1)", "'\tx", "plain"]
    )
    assert {r["数值"] for r in rows} == {"-3"}  # a number stays a number


def test_status_and_goals_show_names_and_labels_with_markup_as_typed(
    tmp_path: Path, database_url: str
) -> None:
    import shutil

    from tests.conftest import CONFIG_DIR

    folder = tmp_path / "config"
    shutil.copytree(CONFIG_DIR, folder)
    owners = folder / "owners.toml"
    owners.write_text(
        owners.read_text(encoding="utf-8").replace(
            'name_zh = "区统计局"', 'name_zh = "区统计局[/]"'
        ),
        encoding="utf-8",
    )
    goals = folder / "goals" / "2020.toml"
    goals.write_text(
        goals.read_text(encoding="utf-8").replace(
            'label_zh = "8%左右"', 'label_zh = "[revised]8%"'
        ),
        encoding="utf-8",
    )

    def tracker(*args: str):
        return CliRunner().invoke(app, ["--db", database_url, "--config", str(folder), *args])

    assert tracker("init").exit_code == 0
    status = tracker("status", "--as-of", "2020-07-15")
    listing = tracker("goals")
    for result in (status, listing):
        assert result.exit_code == 0, result.output
        assert "[revised]8%" in result.stdout
        assert "区统计局[/]" in result.stdout


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("gbk", "示范区 ← - …"), ("ascii", "??? <- - ..."), ("latin-1", "??? <- - ...")],
)
def test_a_console_gets_the_first_stand_in_its_encoding_has(encoding: str, expected: str) -> None:
    import codecs
    import io

    from tracker.cli.console import ERRORS, tolerate_console_encoding

    tolerate_console_encoding()
    codecs.lookup_error(ERRORS)
    out = io.BytesIO()
    stream = io.TextIOWrapper(out, encoding=encoding, errors=ERRORS)
    stream.write("示范区 ◀ − …")
    stream.flush()
    assert out.getvalue().decode(encoding) == expected

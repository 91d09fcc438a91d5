"""Magnitudes no indicator can have are refused where figures enter (``record`` even with
--force, ``import``); the database is unchanged and no traceback is printed."""

from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from tests.helpers import snapshot
from tests.sheets.conftest import write_csv
from tracker.cli.main import app

HUGE = ["123456789012345678901234567890", "1000000000000000", "-1000000000000000", "1e400",
        "nan", "inf", "１０００００００００００００００００"]  # fmt: skip


def run(engine: Engine, *args: str):
    url = engine.url.render_as_string(hide_password=False)
    return CliRunner().invoke(app, ["--db", url, *args])


@pytest.mark.parametrize("value", HUGE)
def test_record_refuses_a_magnitude_no_indicator_can_have_even_with_force(
    loaded: Engine, value: str
) -> None:
    before = snapshot(loaded)
    result = run(loaded, "record", "-p", "2020-06", "--force", "--", "industry", value)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    # The error in both languages: one line holding both, or its Chinese on a line of its own.
    line, *chinese = result.stderr.splitlines()
    assert line.startswith("Error: ")
    assert (chinese == [] and "不能作为数值" in line) or (
        len(chinese) == 1 and chinese[0].startswith("错误：")
    )
    assert ("cannot be a figure" in line) or ("not a number" in line)
    assert snapshot(loaded) == before


def test_the_largest_figure_allowed_is_recorded_with_force(loaded: Engine) -> None:
    result = run(loaded, "record", "-p", "2020-06", "--force", "industry", "999999999999999.5")
    assert result.exit_code == 0, result.output


def test_import_refuses_a_magnitude_no_indicator_can_have(loaded: Engine, tmp_path: Path) -> None:
    rows = [["指标", "期间", "数值"], ["industry", "2020-05", "5.0"],
            ["industry", "2020-06", "123456789012345678901234567890"]]  # fmt: skip
    path = write_csv(tmp_path / "f.csv", rows)
    before = snapshot(loaded)
    result = run(loaded, "import", str(path))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "cannot be a figure: it is 10^15 or more in size" in result.output
    assert snapshot(loaded) == before

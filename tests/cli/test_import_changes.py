"""What an import would change in a stored figure is said field by field, with both values:
in the refusal without --revise and in the dry run with it. An amount (or a note, a source)
where the stored figure has none is an addition, not a correction: it goes in without
--revise, as a revision that says so."""

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.cli.conftest import Run
from tests.helpers import snapshot
from tracker.store import figures as figure_store
from tracker.store.db import make_engine, read_session


def sheet(folder: Path, name: str, rows: list[list[str]]) -> Path:
    path = folder / name
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["指标", "期间", "数值", "金额", "备注"], *rows])
    return path


@pytest.fixture
def stored(initialised: Run, tmp_path: Path) -> Run:
    """industry 2020-06 = 5.4 with the amount 120.5; fai 2020-06 = 8.7 without one."""
    path = sheet(tmp_path, "first.csv", [["industry", "2020-06", "5.4", "120.5", ""],
                                         ["fai", "2020-06", "8.7", "", ""]])  # fmt: skip
    assert initialised("import", str(path)).exit_code == 0
    return initialised


@pytest.fixture
def engine(database_url: str):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def test_a_changed_amount_is_named_with_both_values(
    stored: Run, engine: Engine, tmp_path: Path
) -> None:
    path = sheet(tmp_path, "again.csv", [["industry", "2020-06", "5.4", "121", "快报"]])
    before = snapshot(engine)
    result = stored("import", str(path))
    assert snapshot(engine) == before
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1] == (
        "第2行: industry 2020-06 金额已录入为 120.5，文件中为 121；"
        "备注已录入为 空，文件中为 '快报' / "
        "row 2: industry 2020-06: the amount is stored as 120.5, the file has 121; the note is "
        "stored as none, the file has '快报'"
    )


def test_the_revise_dry_run_shows_the_old_and_new_amount(stored: Run, tmp_path: Path) -> None:
    path = sheet(tmp_path, "again.csv", [["industry", "2020-06", "5.6", "121", ""]])
    result = stored("import", str(path), "--revise", "--reason", "区统计局修订", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "  row     2  revise 修订  industry 2020-06: 5.4 → 5.6 · amount 金额 120.5 → 121" in (
        result.stdout.splitlines()
    )


def test_an_amount_where_none_was_stored_goes_in_without_revise(
    stored: Run, engine: Engine, tmp_path: Path
) -> None:
    path = sheet(tmp_path, "amounts.csv", [["fai", "2020-06", "8.7", "310.2", ""]])
    dry = stored("import", str(path), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert (
        "  row     2  add to 补充  fai 2020-06 = 8.7 · amount 金额 — → 310.2"
        in dry.stdout.splitlines()
    )
    result = stored("import", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "Imported: 0 added, 1 revised, 0 unchanged · 已导入：新增0条，修订1条，未变0条"
    )
    with read_session(engine) as session:
        [current] = [
            r for r in figure_store.every_revision(session=session)
            if r[0] == "fai" and r[1].period == "2020-06" and r[1].revision == 2
        ]  # fmt: skip
    assert current[1].amount == Decimal("310.2")
    assert current[1].reason == "补充：金额 / added: amount"

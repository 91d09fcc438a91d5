import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from tests.databases import LOADED, Databases
from tests.helpers import examples, snapshot
from tests.sheets.conftest import NOW, write_csv
from tracker.app.database import Database
from tracker.app.imports import import_file
from tracker.app.sheets import export_figures, export_rows
from tracker.domain.errors import InvalidInput
from tracker.sheets.export import export_path
from tracker.store.db import make_engine


def fresh(databases: Databases, folder: Path) -> Engine:
    """A new SQLite database in ``folder`` with the tests' config loaded (tests/databases.py)."""
    folder.mkdir()
    url = databases.new("sqlite", str(folder))
    databases.fill(url, LOADED)
    return make_engine(url)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_imports_back_unchanged(db: Engine, figures_csv: Path, fmt: str) -> None:
    import_file(Database(db), figures_csv, by="t", now=NOW)
    path = figures_csv.with_name(f"out.{fmt}")
    assert export_figures(Database(db), path, year=2020, history=False) == 4
    before = snapshot(db)
    result = import_file(Database(db), path, by="t", now=NOW)
    assert (len(result.plan.added), len(result.plan.unchanged)) == (0, 4)
    assert snapshot(db) == before


def test_the_history_lists_every_revision(db: Engine, figures_csv: Path, tmp_path: Path) -> None:
    import_file(Database(db), figures_csv, by="t", now=NOW)
    fix = write_csv(
        tmp_path / "fix.csv", [["指标", "期间", "数值"], ["industry", "2020-06", "5.2"]]
    )
    import_file(Database(db), fix, by="局", now=NOW, reason="修订")
    rows = export_rows(Database(db), year=2020, history=True)
    assert rows[0][11:] == ["2020-07-20 08:00:00", "figures.csv", 2]
    industry = [(r[2], r[3], r[8], r[9], r[10]) for r in rows if r[0] == "industry"]
    assert industry == [("2020-06", 5, 1, None, "t"), ("2020-06", 5.2, 2, "修订", "局"),
                        ("2020-07", 5.6, 1, None, "t")]  # fmt: skip


def test_the_export_path_follows_the_format() -> None:
    assert export_path(None, None, year=2020, history=True) == Path("figures-2020-history.csv")
    assert export_path(Path("a.xlsx"), None, year=None, history=False) == Path("a.xlsx")
    with pytest.raises(InvalidInput, match="'ods' is not an export format"):
        export_path(None, "ods", year=None, history=False)
    with pytest.raises(InvalidInput, match=r"does not end in \.xlsx"):
        export_path(Path("a.csv"), "xlsx", year=None, history=False)


PERIODS = [f"{y}-{m:02d}" for y in (2019, 2020) for m in range(2, 13)]
notes = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), max_size=12)
figure = st.tuples(
    st.decimals(min_value=-50, max_value=100, places=3),
    st.none() | st.decimals(min_value=0, max_value=10**9, places=2),
    st.booleans(),
    notes.map(str.strip),
)


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    figures=st.dictionaries(
        st.tuples(st.sampled_from(["industry", "retail", "trade"]), st.sampled_from(PERIODS)),
        figure,
        min_size=1,
        max_size=6,
    ),
    fmt=st.sampled_from(["csv", "xlsx"]),
)
def test_export_then_import_round_trips_exactly(
    databases: Databases, figures: dict, fmt: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        rows = [["indicator", "period", "value", "amount", "preliminary", "note"]]
        for (key, period), (value, amount, preliminary, note) in figures.items():
            rows.append([key, period, str(value), "" if amount is None else str(amount),
                         "yes" if preliminary else "", note])  # fmt: skip
        first, second = fresh(databases, home / "one"), fresh(databases, home / "two")
        # Any values in range, however far apart: --force lets them past the typo guards.
        import_file(Database(first), write_csv(home / "in.csv", rows), by="t", now=NOW, force=True)
        exported = export_rows(Database(first), year=None, history=False)
        export_figures(Database(first), home / f"out.{fmt}", year=None, history=False)
        import_file(Database(second), home / f"out.{fmt}", by="t", now=NOW, force=True)
        assert export_rows(Database(second), year=None, history=False) == exported
        mine = {(r[0], r[2]): r for r in exported}
        for (key, period), (value, *_) in figures.items():
            assert Decimal(str(mine[(key, period)][3])) == value
        first.dispose()
        second.dispose()

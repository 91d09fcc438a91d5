"""Exports never carry a live formula, and still import back exactly."""

import tempfile
from pathlib import Path

import pytest

from tests.databases import Databases
from tests.sheets.conftest import NOW, write_csv
from tests.sheets.test_export import fresh
from tracker.app.database import Database
from tracker.app.imports import import_file
from tracker.app.sheets import export_figures, export_rows
from tracker.sheets.export import neutralised, restored

NOTES = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+cmd", "-2+3", "@SUM(A1)", "'=already", "''",
         "'plain", "=1", "-3", "+8.5", "plain", "a=b"]  # fmt: skip


@pytest.mark.parametrize("text", NOTES)
def test_a_cell_is_never_a_formula_and_reads_back(text: str) -> None:
    cell = neutralised(text)
    assert not cell.startswith(("=", "+", "@", "\t", "\r")) or cell in ("+8.5",)
    assert not (cell.startswith("-") and cell != "-3")
    assert restored(cell) == text


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_notes_that_look_like_formulas_round_trip_through_an_export(
    databases: Databases, fmt: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        rows = [["indicator", "period", "value", "note"]]
        rows += [["industry", f"2020-{n + 2:02d}", "5", note] for n, note in enumerate(NOTES[:10])]
        first, second = fresh(databases, home / "one"), fresh(databases, home / "two")
        import_file(Database(first), write_csv(home / "in.csv", rows), by="t", now=NOW)
        export_figures(Database(first), home / f"out.{fmt}", year=None, history=False)
        import_file(Database(second), home / f"out.{fmt}", by="t", now=NOW)
        assert export_rows(Database(second), year=None, history=False) == export_rows(
            Database(first), year=None, history=False
        )
        notes = {r[6] for r in export_rows(Database(second), year=None, history=False)}
        # a file's own apostrophe before = + - @ ' is a spreadsheet's text marker: read as such
        assert {restored(n) for n in NOTES[:10]} <= notes
        assert {'=HYPERLINK("http://evil","x")', "-2+3", "=already", "'"} <= notes

"""Which cells of an OpenDocument sheet hold a percentage.

python-calamine reads an .ods file's values but not their types: a cell typed ``9.56%`` comes
back as 0.0956. The type is an attribute of the cell in the file's ``content.xml``
(``office:value-type="percentage"``); this walks that file once, streaming, and notes the
positions of such cells, counting repeated rows and columns as the format defines them.

Before the file is read at all, ``check_cells`` walks it the same way and counts its values,
repeated ones included: a few bytes can stand for billions of cells.
"""

import zipfile
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import Element, iterparse

from tracker.sheets.columns import letter
from tracker.sheets.limits import CELL_LIMIT, COLUMN_LIMIT, too_many_cells, too_wide

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_SHEET = f"{{{_TABLE}}}table"
_ROW = f"{{{_TABLE}}}table-row"
_CELLS = (f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell")
_NAME = f"{{{_TABLE}}}name"
_ROWS_REPEATED = f"{{{_TABLE}}}number-rows-repeated"
_COLUMNS_REPEATED = f"{{{_TABLE}}}number-columns-repeated"
_VALUE_TYPE = f"{{{_OFFICE}}}value-type"


def check_cells(path: Path) -> None:
    """Refuse an .ods file with a sheet holding values in more than ``CELL_LIMIT`` cells, or
    beyond column ``COLUMN_LIMIT``, counting repeated rows and columns (a row of a thousand
    values repeated a million times is a few bytes), before any of it is read. A file that
    cannot be read passes: its reader says so."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
            _count(content, path.name)
    except (zipfile.BadZipFile, KeyError, OSError, SyntaxError, ValueError):
        return


def _count(content: IO[bytes], file: str) -> None:
    name, row, cells, widest = "", 0, 0, 0
    row_values: list[tuple[int, int]] = []  # (first column, count) of the row's value cells
    column = 0
    for event, element in iterparse(content, events=("start", "end")):
        tag = element.tag
        if tag == _SHEET and event == "start":
            name, row, cells, widest = element.get(_NAME, ""), 0, 0, 0
        elif tag == _ROW and event == "start":
            column, row_values = 0, []
        elif tag == _ROW:
            repeated = _repeats(element, _ROWS_REPEATED)
            held = sum(n for _, n in row_values)
            if held:
                cells += held * repeated
                widest = max(widest, max(c + n for c, n in row_values))
                if widest > COLUMN_LIMIT:
                    raise too_wide(file, row + 1, letter(COLUMN_LIMIT))
                if cells > CELL_LIMIT:
                    rows = f"{row + repeated} rows of {widest} columns"
                    raise too_many_cells(file, f"sheet '{name}' has values in {rows}")
            row += repeated
            element.clear()
        elif tag in _CELLS and event == "end":
            repeated = _repeats(element, _COLUMNS_REPEATED)
            if element.get(_VALUE_TYPE) is not None or len(element):
                row_values.append((column, repeated))
            column += repeated
            element.clear()


def _repeats(element: Element, attribute: str) -> int:
    """A repeat count as written (at least 1)."""
    try:
        return max(int(element.get(attribute, "1")), 1)
    except ValueError:
        return 1


def percent_cells(path: Path, sheet: str) -> set[tuple[int, int]]:
    """The 0-based (row, column) of every percentage cell of ``sheet`` in the .ods ``path``.

    Empty when the file has no such sheet or cannot be read: the values are read elsewhere, and
    their reader reports a broken file.
    """
    found: set[tuple[int, int]] = set()
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
            _scan(content, sheet, found)
    except (zipfile.BadZipFile, KeyError, OSError, SyntaxError):
        return set()
    return found


def _scan(content: IO[bytes], sheet: str, found: set[tuple[int, int]]) -> None:
    inside = False
    row = 0
    column = 0
    row_cells: set[int] = set()
    for event, element in iterparse(content, events=("start", "end")):
        tag = element.tag
        if tag == _SHEET:
            if event == "start":
                inside = element.get(_NAME) == sheet
                row = 0
            elif inside:
                return
        elif not inside:
            if event == "end":
                element.clear()
        elif tag == _ROW:
            if event == "start":
                column = 0
                row_cells = set()
            else:
                repeated = int(element.get(_ROWS_REPEATED, "1"))
                if row_cells:  # a repeated row of percentages: rare, but counted
                    for r in range(row, row + repeated):
                        found.update((r, c) for c in row_cells)
                row += repeated
                element.clear()
        elif tag in _CELLS and event == "end":
            repeated = int(element.get(_COLUMNS_REPEATED, "1"))
            if element.get(_VALUE_TYPE) == "percentage":
                row_cells.update(range(column, column + repeated))
            column += repeated

"""Which cells of an OpenDocument sheet hold a percentage.

python-calamine reads an .ods file's values but not their types: a cell typed ``9.56%`` comes
back as 0.0956. The type is an attribute of the cell in the file's ``content.xml``
(``office:value-type="percentage"``); this walks that file once, streaming, and notes the
positions of such cells, counting repeated rows and columns as the format defines them.
"""

import zipfile
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import iterparse

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_SHEET = f"{{{_TABLE}}}table"
_ROW = f"{{{_TABLE}}}table-row"
_CELLS = (f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell")
_NAME = f"{{{_TABLE}}}name"
_ROWS_REPEATED = f"{{{_TABLE}}}number-rows-repeated"
_COLUMNS_REPEATED = f"{{{_TABLE}}}number-columns-repeated"
_VALUE_TYPE = f"{{{_OFFICE}}}value-type"


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

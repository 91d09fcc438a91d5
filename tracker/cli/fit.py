"""Tables that fit the terminal: narrow columns folded, the least needed ones dropped.

The width is ``COLUMNS`` when set, else the terminal's; output that goes to a file or a pipe
has no width to fit and is printed whole, as ``--wide`` prints it.
"""

import os
import shutil
import sys
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table
from rich.text import Text

FOLDED_WIDTH = 10  # cells a folded column is allowed before anything is dropped for it
WHOLE = 400  # the console width for a table printed whole


@dataclass(frozen=True)
class Fit:
    """How one kind of table gives way: ``drop``, the headers of the columns to leave out
    first to last; ``fold``, those whose text may wrap onto several lines."""

    drop: tuple[str, ...] = ()
    fold: tuple[str, ...] = ()


def terminal_width() -> int | None:
    """The width to fit, in cells: ``COLUMNS``, else the terminal's; None for a pipe or file."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def print_fitted(table: Table, fit: Fit, *, wide: bool = False) -> None:
    """Print ``table`` within the terminal's width (every column with ``wide``)."""
    width = None if wide else terminal_width()
    if width is not None:
        fit_table(table, fit, width)
    else:
        for column in table.columns:
            column.no_wrap = True
    Console(width=width or WHOLE, soft_wrap=width is None).print(table)


def fit_table(table: Table, fit: Fit, width: int) -> list[str]:
    """Fold and drop columns of ``table`` until it fits ``width`` cells; the dropped headers.

    A table's width is its columns' widths, each with a cell of padding either side and a
    border after it, plus the first border. A folding column counts FOLDED_WIDTH at most:
    it wraps onto more lines before any other column is dropped for it.
    """
    for column in table.columns:
        column.no_wrap = str(column.header) not in fit.fold
        if not column.no_wrap:
            column.overflow = "fold"  # Chinese names have no spaces to wrap at
    dropped = []
    for header in fit.drop:
        if _width(table, fit) <= width:
            break
        index = next((i for i, c in enumerate(table.columns) if str(c.header) == header), None)
        if index is not None:
            table.columns.pop(index)
            dropped.append(header)
    return dropped


def _width(table: Table, fit: Fit) -> int:
    total = 1
    for column in table.columns:
        cells = [str(column.header), *(str(c) for c in column._cells)]
        widest = max(
            Text.from_markup(line).cell_len if "[" in line else _cells(line)
            for c in cells
            for line in c.split("\n")  # a cell of several lines is as wide as its widest
        )
        if str(column.header) in fit.fold:
            widest = min(widest, FOLDED_WIDTH)
        total += widest + 3
    return total


def _cells(text: str) -> int:
    return Text(text).cell_len

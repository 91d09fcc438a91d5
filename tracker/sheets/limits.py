"""What a file of figures can need, and the refusal of one that would need more
(docs/imports.md, "Limits").

A workbook is a zip archive: a 1 MB .xlsx can inflate to gigabytes, and one value in column
XFD makes every row 16,384 cells wide. Each limit is far above any real table of figures and
is checked before the rows are built: the sizes from the archive's directory (zipfile never
inflates a member past the size its directory gives), the columns and cells as the rows are
read.
"""

import zipfile
from pathlib import Path

from tracker.domain.errors import InvalidInput

MIB = 1 << 20
PART_LIMIT = 256 * MIB  # bytes one part of a workbook (a sheet's XML) may inflate to
ARCHIVE_LIMIT = 512 * MIB  # bytes all its parts together may inflate to
COLUMN_LIMIT = 1024  # columns a sheet's values may reach (A to AMJ)
CELL_LIMIT = 5_000_000  # cells holding a value in one sheet
LINE_LIMIT = 128 * 1024  # characters in one line of CSV or text (Python's csv field limit)


def check_archive(path: Path) -> None:
    """Refuse a zip workbook (.xlsx, .ods) whose parts would inflate past ``PART_LIMIT`` each
    or ``ARCHIVE_LIMIT`` together. A file that is no zip archive passes: its reader says
    what is wrong with it."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return
    for part in parts:
        if part.file_size > PART_LIMIT:
            raise _too_big(path.name, part.filename, part.file_size, PART_LIMIT)
    total = sum(part.file_size for part in parts)
    if total > ARCHIVE_LIMIT:
        raise _too_big(path.name, "its parts together", total, ARCHIVE_LIMIT)


def _too_big(file: str, what: str, size: int, limit: int) -> InvalidInput:
    return InvalidInput(
        f"{file}: {what} would inflate to {size // MIB} MiB, more than the {limit // MIB} MiB "
        "a sheet of figures can need (解压后过大); check that this is the file meant.",
        zh=f"{file}解压后达{size // MIB} MiB，超过数据表所需的{limit // MIB} MiB；"
        "请确认文件是否正确",
    )


def too_wide(file: str, row: int, column: str) -> InvalidInput:
    """A value in a column past ``COLUMN_LIMIT`` (``row`` 1-based, ``column`` its letters)."""
    return InvalidInput(
        f"{file}: row {row} has a value in column {column}, past the {COLUMN_LIMIT} columns a "
        f"sheet of figures can have (超出{COLUMN_LIMIT}列); delete what is there, or copy the "
        "table to a new sheet.",
        zh=f"{file}第{row}行{column}列有内容，超出数据表可有的{COLUMN_LIMIT}列；"
        "请删除该内容，或把表格复制到新工作表",
    )


def too_many_cells(file: str, where: str) -> InvalidInput:
    """More than ``CELL_LIMIT`` cells holding a value; ``where`` says how many, and where."""
    return InvalidInput(
        f"{file}: {where}, more than the {CELL_LIMIT} cells a sheet of figures can need "
        "(单元格过多); check that this is the file meant.",
        zh=f"{file}有内容的单元格超过{CELL_LIMIT}个；请确认文件是否正确",
    )


def line_too_long(file: str, line: int) -> InvalidInput:
    """A line of CSV or text longer than ``LINE_LIMIT`` characters (``line`` 1-based)."""
    return InvalidInput(
        f"{file}: line {line} is longer than 128 KiB (第{line}行超过128 KiB); a row of figures "
        "never is: check that this is the file meant, or break its text into lines.",
        zh=f"{file}第{line}行超过128 KiB；请确认文件是否正确，或将文字分行",
    )

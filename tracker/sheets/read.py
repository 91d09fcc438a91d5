"""Reading a CSV, Excel (.xlsx, .xls) or OpenDocument (.ods) file into rows of text, whatever
its encoding, cell types or the program that wrote it.

Each format is read by a library that keeps the cell's number format, so a percentage cell is
read as the percent it shows: openpyxl for .xlsx, xlrd for .xls, python-calamine for .ods (with
the cells' percentage type read from the file beside it, see ``tracker.sheets.ods``).
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from typing import Any

from tracker.domain.errors import InvalidInput, NotFound, TrackerError
from tracker.sheets.cells import cell_text
from tracker.sheets.columns import letter
from tracker.sheets.limits import (
    CELL_LIMIT,
    COLUMN_LIMIT,
    check_archive,
    line_too_long,
    too_many_cells,
    too_wide,
)

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
WORKBOOK_SUFFIXES = (*EXCEL_SUFFIXES, ".xls", ".ods")
ZIP_MAGIC = b"PK\x03\x04"  # .xlsx and .ods are zip archives
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls is an OLE compound file
NO_CACHED_VALUE = "formula"  # a formula cell that no spreadsheet program has calculated


@dataclass
class Sheet:
    """The rows of a file as text; ``rows[i]`` is spreadsheet row ``i + 1``."""

    name: str
    rows: list[list[str]]
    encoding: str | None = None  # CSV: the encoding it was read with
    sheet: str | None = None  # Excel: the worksheet read
    unreadable: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) → why
    text: str | None = None  # CSV: the decoded text, which may be a bulletin's


def read_sheet(path: Path, *, sheet: str | None = None, encoding: str | None = None) -> Sheet:
    """The rows of ``path``: a workbook by its suffix (.xlsx, .xlsm, .xls, .ods), else CSV.

    A workbook saved under another suffix (``.csv`` on a file that is really .xlsx) is told
    apart by its first bytes. Raises NotFound for a missing file or sheet, InvalidInput for a
    file that cannot be read, or ``--encoding``/``--sheet`` given for the other kind of file.
    """
    if not path.is_file():
        what, zh = ("is a folder, not a file", "是文件夹，不是文件") if path.is_dir() else (
            "does not exist", "不存在")  # fmt: skip
        raise NotFound(f"{path} {what}; check the path.", zh=f"{path} {zh}；请检查路径。")
    suffix = path.suffix.casefold()
    if suffix not in WORKBOOK_SUFFIXES:
        with path.open("rb") as f:
            head = f.read(4)
        if head == OLE_MAGIC:
            suffix = ".xls"
        elif head == ZIP_MAGIC:
            suffix = ".ods" if _is_ods(path) else ".xlsx"
    if suffix in WORKBOOK_SUFFIXES:
        if encoding is not None:
            raise InvalidInput(
                f"{path.name} is a workbook (工作簿不需要编码); --encoding is for CSV files, "
                "leave it out."
            )
        if suffix == ".xls":
            return read_xls(path, sheet)
        if suffix == ".ods":
            return read_ods(path, sheet)
        return read_excel(path, sheet)
    if sheet is not None:
        raise InvalidInput(
            f"{path.name} is not a workbook (不是工作簿); "
            "--sheet is for .xlsx, .xls and .ods files."
        )
    return read_csv(path, encoding)


def _is_ods(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument")
    except (zipfile.BadZipFile, KeyError, OSError):
        return False


def _why(error: Exception) -> str:
    """A library's error in one short line."""
    text = " ".join(str(error).split())[:200]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _sheet_name(path: Path, names: list[str], sheet: str | None) -> str:
    if sheet is not None and sheet not in names:
        raise NotFound(
            f"{path.name} has no sheet '{sheet}'; "
            f"its sheets are: {', '.join(names)} (没有该工作表)."
        )
    if not names:
        raise InvalidInput(f"{path.name} has no worksheet (没有工作表); save it with one.")
    return sheet or names[0]


def read_csv(path: Path, encoding: str | None = None) -> Sheet:
    """A CSV file in UTF-8 (with or without the BOM Excel writes), GB18030/GBK, or ``encoding``."""
    text, used = decode(path.read_bytes(), path.name, encoding)
    return read_text(path.name, text, used)


def read_text(name: str, text: str, encoding: str | None = None) -> Sheet:
    """Comma- or tab-separated text, e.g. pasted on standard input. Raises InvalidInput for
    a line longer than ``LINE_LIMIT`` (a bulletin's included: no row of figures, nor any
    sentence, is) or text the CSV reader refuses, naming the line."""
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as error:
        line = max(reader.line_num, 1)  # the line being read when it failed
        if "field limit" in str(error):
            raise line_too_long(name, line) from None
        raise InvalidInput(
            f"{name}: line {line} cannot be read as CSV ({error}); save the file again as CSV.",
            zh=f"{name}第{line}行无法按CSV读取；请重新另存为CSV",
        ) from None
    return Sheet(name, rows, encoding=encoding, text=text)


def decode(data: bytes, name: str, encoding: str | None) -> tuple[str, str]:
    """The text and the name of the encoding that read it."""
    if encoding is not None:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise InvalidInput(
                f"Unknown encoding '{encoding}'; use e.g. utf-8, gb18030 or gbk."
            ) from None
        except UnicodeDecodeError as error:
            raise InvalidInput(
                f"{name} is not valid {encoding} (byte {error.start}); try another --encoding, "
                "or leave it out to detect UTF-8 or GB18030."
            ) from None
    try:
        text = data.decode("utf-8-sig")
        return text, "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise InvalidInput(
            f"{name} is neither UTF-8 nor GB18030/GBK; save it as 'CSV UTF-8' or pass --encoding."
        ) from None


def read_excel(path: Path, sheet: str | None = None) -> Sheet:
    """An .xlsx worksheet, read twice in read-only mode: the values the file caches, and the
    formulas, to tell a formula that was never calculated from an empty cell.

    Raises InvalidInput for a file that cannot be read (damaged anywhere, a half-downloaded
    attachment: inflating, parsing or a cell's value), or past the limits of
    ``tracker.sheets.limits`` (checked before its rows are built)."""
    check_archive(path)
    try:
        return _read_excel(path, sheet)
    except TrackerError:
        raise
    except Exception as error:  # zlib.error, a broken XML or zip, a cell of no known type
        raise InvalidInput(
            f"{path.name} cannot be read as an Excel workbook (无法读取，文件可能已损坏): "
            f"{_why(error)}; open it in Excel or WPS and save it again.",
            zh=f"{path.name}无法读取，文件可能已损坏（例如未下载完整）；请用Excel或WPS打开后重新保存",
        ) from None


def _read_excel(path: Path, sheet: str | None) -> Sheet:
    from openpyxl import load_workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    data = path.read_bytes()  # from memory: openpyxl refuses a file not named .xlsx
    values = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        title = _sheet_name(path, values.sheetnames, sheet)
        found = Sheet(path.name, [], sheet=title)
        shown_sheet, typed_sheet = values[title], formulas[title]
        # The stored sheet size (``<dimension ref="A1:D9">``) is not trusted: WPS writes "A1"
        # whatever the sheet holds, and other writers leave it a row or a column short.
        for worksheet in (shown_sheet, typed_sheet):
            if isinstance(worksheet, ReadOnlyWorksheet):
                worksheet.reset_dimensions()
        pairs = zip(shown_sheet.iter_rows(), typed_sheet.iter_rows(), strict=False)
        _Rows(found).read(pairs)
        return found
    finally:
        values.close()
        formulas.close()


class _Rows:
    """A worksheet's rows into ``sheet``: empty cells after a row's last value and empty rows
    after the last row with one are left out (a styled cell in column XFD, a formatted row
    1,048,576 are not values), and a value past the limits refuses the file."""

    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self.cells = 0
        self.empty_rows = 0  # empty rows read since the last with a value

    def read(self, pairs: Iterable[tuple[Sequence[Any], Sequence[Any]]]) -> None:
        for r, (shown, typed) in enumerate(pairs):
            cells = self._row(r, shown, typed)
            if not cells:
                self.empty_rows += 1
                continue
            self.sheet.rows.extend([] for _ in range(self.empty_rows))
            self.empty_rows = 0
            self.sheet.rows.append(cells)

    def _row(self, r: int, shown: Sequence[Any], typed: Sequence[Any]) -> list[str]:
        cells: list[str] = []
        for c, (cell, formula) in enumerate(zip_longest(shown, typed)):
            value = getattr(cell, "value", None)
            uncalculated = value is None and getattr(formula, "data_type", None) == "f"
            if value is None and not uncalculated:
                continue
            if c >= COLUMN_LIMIT:
                raise too_wide(self.sheet.name, r + 1, letter(c))
            cells.extend("" for _ in range(c - len(cells)))
            if uncalculated:
                self.sheet.unreadable[(r, c)] = NO_CACHED_VALUE
                cells.append("")
            else:
                cells.append(cell_text(value, getattr(cell, "number_format", "General")))
        self.cells += len(cells)
        if self.cells > CELL_LIMIT:
            raise too_many_cells(self.sheet.name, f"rows 1 to {r + 1} hold {self.cells} cells")
        return cells


def read_xls(path: Path, sheet: str | None = None) -> Sheet:
    """A worksheet of an Excel 97–2003 (.xls) workbook, as Excel, WPS or LibreOffice save it,
    read with xlrd, which keeps each cell's number format (a percentage cell is its percent).

    Raises InvalidInput for a file that cannot be read (damaged anywhere: xlrd's own errors,
    and the struct, index, key, assertion and decoding errors it lets through), or with a value
    past the limits of ``tracker.sheets.limits``."""
    from tracker.sheets.xls import open_xls

    try:
        book = open_xls(path)
    except Exception as error:
        raise _xls_unreadable(path, error) from None
    try:
        title = _sheet_name(path, book.sheet_names(), sheet)
        return _xls_rows(path, book, title)
    except TrackerError:
        raise
    except Exception as error:  # the sheet is parsed only now (on demand)
        raise _xls_unreadable(path, error) from None
    finally:
        book.release_resources()


def _xls_unreadable(path: Path, error: Exception) -> InvalidInput:
    return InvalidInput(
        f"{path.name} cannot be read as an .xls workbook (无法读取): {_why(error)}; open it in "
        "Excel, WPS or LibreOffice and save it again, or as .xlsx.",
        zh=f"{path.name}无法读取，文件可能已损坏；请用Excel、WPS或LibreOffice打开后重新保存",
    )


def _xls_rows(path: Path, book: Any, title: str) -> Sheet:
    import xlrd

    data = book.sheet_by_name(title)
    found = Sheet(path.name, [], sheet=title)
    if data.nrows * data.ncols > CELL_LIMIT:  # at most 65,536 × 256 in the format
        raise too_many_cells(path.name, f"sheet '{title}' spans {data.nrows} × {data.ncols}")
    for r in range(data.nrows):
        cells = []
        for c, cell in enumerate(data.row(r)):
            if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                cells.append("")
            elif cell.ctype == xlrd.XL_CELL_NUMBER:
                xf = book.xf_list[data.cell_xf_index(r, c)]
                fmt = book.format_map.get(xf.format_key)
                cells.append(cell_text(cell.value, fmt.format_str if fmt else "General"))
            elif cell.ctype == xlrd.XL_CELL_DATE:
                cells.append(cell_text(xlrd.xldate_as_datetime(cell.value, book.datemode), ""))
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                cells.append(cell_text(bool(cell.value), ""))
            elif cell.ctype == xlrd.XL_CELL_ERROR:
                found.unreadable[(r, c)] = xlrd.error_text_from_code.get(cell.value, "#ERROR")
                cells.append("")
            else:
                cells.append(str(cell.value))
        found.rows.append(cells)
    return found


def read_ods(path: Path, sheet: str | None = None) -> Sheet:
    """A sheet of an OpenDocument spreadsheet (.ods, LibreOffice's and WPS's own format),
    read with python-calamine; the cells of percentage type are scaled to their percent.

    Raises InvalidInput for a file that cannot be read, or past the limits of
    ``tracker.sheets.limits`` (checked before calamine reads it: it builds every cell)."""
    from tracker.sheets.ods import check_cells

    check_archive(path)
    check_cells(path)
    try:
        return _read_ods(path, sheet)
    except TrackerError:
        raise
    except Exception as error:  # calamine's own error, a damaged zip or XML
        raise InvalidInput(
            f"{path.name} cannot be read as an .ods spreadsheet (无法读取): {_why(error)}; open "
            "it in LibreOffice or WPS and save it again.",
            zh=f"{path.name}无法读取，文件可能已损坏；请用LibreOffice或WPS打开后重新保存",
        ) from None


def _read_ods(path: Path, sheet: str | None) -> Sheet:
    from python_calamine import CalamineWorkbook

    from tracker.sheets.ods import percent_cells

    book = CalamineWorkbook.from_path(str(path))
    try:
        title = _sheet_name(path, list(book.sheet_names), sheet)
        values = book.get_sheet_by_name(title).to_python(skip_empty_area=False)
        percent = percent_cells(path, title)
    finally:
        book.close()
    found = Sheet(path.name, [], sheet=title)
    for r, row in enumerate(values):
        cells = []
        for c, value in enumerate(row):
            if value == "" or value is None:
                cells.append("")
            else:
                cells.append(cell_text(value, "0%" if (r, c) in percent else "General"))
        while cells and not cells[-1]:
            cells.pop()
        found.rows.append(cells)
    while found.rows and not found.rows[-1]:
        found.rows.pop()
    return found

"""Reading a CSV or Excel file into rows of text, whatever its encoding or cell types."""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path

from tracker.domain.errors import InvalidInput, NotFound
from tracker.sheets.cells import cell_text

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
NO_CACHED_VALUE = "formula"  # a formula cell that no spreadsheet program has calculated


@dataclass
class Sheet:
    """The rows of a file as text; ``rows[i]`` is spreadsheet row ``i + 1``."""

    name: str
    rows: list[list[str]]
    encoding: str | None = None  # CSV: the encoding it was read with
    sheet: str | None = None  # Excel: the worksheet read
    unreadable: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) → why


def read_sheet(path: Path, *, sheet: str | None = None, encoding: str | None = None) -> Sheet:
    if not path.is_file():
        raise NotFound(f"No file {path}; check the path.")
    suffix = path.suffix.casefold()
    if suffix == ".xls":
        raise InvalidInput(
            f"{path.name} is an old .xls workbook; save it as .xlsx (Excel 2007+) or CSV first."
        )
    if suffix in EXCEL_SUFFIXES:
        if encoding is not None:
            raise InvalidInput(f"{path.name} is an Excel file; --encoding is for CSV files.")
        return read_excel(path, sheet)
    if sheet is not None:
        raise InvalidInput(f"{path.name} is not an Excel file; --sheet is for .xlsx files.")
    return read_csv(path, encoding)


def read_csv(path: Path, encoding: str | None = None) -> Sheet:
    """A CSV file in UTF-8 (with or without the BOM Excel writes), GB18030/GBK, or ``encoding``."""
    text, used = decode(path.read_bytes(), path.name, encoding)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return Sheet(path.name, rows, encoding=used)


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
    formulas, to tell a formula that was never calculated from an empty cell."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        values = load_workbook(path, read_only=True, data_only=True)
        formulas = load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        raise InvalidInput(f"{path.name} cannot be read as an Excel workbook: {error}.") from None
    try:
        if sheet is not None and sheet not in values.sheetnames:
            names = ", ".join(values.sheetnames)
            raise NotFound(f"{path.name} has no sheet '{sheet}'; its sheets are: {names}.")
        title = sheet or values.sheetnames[0]
        found = Sheet(path.name, [], sheet=title)
        pairs = zip(values[title].iter_rows(), formulas[title].iter_rows(), strict=False)
        for r, (shown, typed) in enumerate(pairs):
            cells = []
            for c, (cell, formula) in enumerate(zip_longest(shown, typed)):
                value = getattr(cell, "value", None)
                if value is None:
                    if getattr(formula, "data_type", None) == "f":
                        found.unreadable[(r, c)] = NO_CACHED_VALUE
                    cells.append("")
                else:
                    cells.append(cell_text(value, getattr(cell, "number_format", "General")))
            found.rows.append(cells)
        return found
    finally:
        values.close()
        formulas.close()

"""Writing figures out in the columns ``tracker import`` reads, so that they import back exactly."""

import csv
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from tracker.domain.errors import InvalidInput
from tracker.domain.numbers import plain
from tracker.domain.periods import Period
from tracker.domain.places import Places
from tracker.domain.revisions import Revision

if TYPE_CHECKING:  # the status's modules, which an import does not need
    from tracker.domain.workspace import FiguresByPlace

FORMATS = ("csv", "xlsx")
HEADERS = ("指标", "名称", "期间", "数值", "金额", "预计", "备注", "来源")
HISTORY_HEADERS = (*HEADERS, "版本", "修订原因", "录入人", "录入时间", "来源文件", "来源行")
PLACE_HEADER = "地区"  # the first column of an export of another place, or of every place
EXACT_DIGITS = 15  # a number cell keeps 15 significant digits; longer ones are written as text
YES = "是"
# OWASP's rule against CSV injection: a cell that a spreadsheet would read as a formula (it
# begins with = + - @, a tab or a carriage return) is written with a leading apostrophe, which
# makes it text; numbers (-3, +8.5) stay as they are. A text that begins with an apostrophe
# gets one more, so that ``restored`` gives back exactly what was written.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")

Cell = str | int | float | None


def export_path(output: Path | None, fmt: str | None, *, year: int | None, history: bool) -> Path:
    """The file to write: ``-o`` as given, else ``figures[-YEAR][-history].FORMAT``."""
    if fmt is None:
        fmt = output.suffix.lstrip(".").casefold() if output and output.suffix else "csv"
    if fmt not in FORMATS:
        raise InvalidInput(f"'{fmt}' is not an export format; use --format csv or --format xlsx.")
    if output is None:
        name = "figures" + (f"-{year}" if year else "") + ("-history" if history else "")
        return Path(f"{name}.{fmt}")
    if output.suffix.casefold() != f".{fmt}":
        raise InvalidInput(f"{output} does not end in .{fmt}; name the file figures.{fmt}.")
    return output


def export_headers(*, history: bool, with_place: bool) -> tuple[str, ...]:
    """The header row of an export: with ``with_place``, the place column first."""
    headers = HISTORY_HEADERS if history else HEADERS
    return (PLACE_HEADER, *headers) if with_place else headers


def current_rows(
    figures: "FiguresByPlace",
    names: Mapping[str, str],
    *,
    year: int | None,
    places: Places,
    with_place: bool,
) -> list[list[Cell]]:
    """The current figures (by stored place key, then indicator key) as rows of cells in
    ``HEADERS``, only those of ``year`` when given; with ``with_place``, each row beginning
    with its place's configured key (the column ``PLACE_HEADER``), so that it imports back into
    its place. ``names``: each indicator's Chinese name by key."""
    rows: list[list[Cell]] = []
    for stored, by_key in figures.items():
        first: list[Cell] = [places.configured(stored)] if with_place else []
        for key, found in by_key.items():
            for f in found:
                if year is None or f.period.year == year:
                    row = [*first, key, names[key], str(f.period), *_figure(f.value, f.amount)]
                    rows.append([*row, YES if f.preliminary else "", f.note, f.source])
    return rows


def history_rows(
    revisions: Iterable[tuple[str, str, Revision]],
    names: Mapping[str, str],
    *,
    year: int | None,
    places: Places,
    with_place: bool,
) -> list[list[Cell]]:
    """Every revision, as (stored place key, indicator key, revision), as rows of cells in
    ``HISTORY_HEADERS`` (the moment recorded in UTC), only those of ``year`` when given; with
    ``with_place`` as for ``current_rows``."""
    rows: list[list[Cell]] = []
    for place, key, r in revisions:
        if year is not None and Period.parse(r.period).year != year:
            continue
        first: list[Cell] = [places.configured(place)] if with_place else []
        when = r.recorded_at.strftime("%Y-%m-%d %H:%M:%S")
        rows.append(
            [*first, key, names[key], r.period, *_figure(r.value, r.amount),
             YES if r.preliminary else "", r.note, r.source, r.revision, r.reason,
             r.recorded_by, when, r.source_file, r.source_row]
        )  # fmt: skip
    return rows


def write_figures(path: Path, headers: tuple[str, ...], rows: list[list[Cell]]) -> None:
    """Write the rows under ``headers`` to ``path``: an .xlsx workbook, else CSV."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.casefold() == ".xlsx":
        write_xlsx(path, headers, rows, title="figures")
    else:
        write_csv(path, headers, rows)


def xlsx_bytes(headers: tuple[str, ...], rows: list[list[Cell]], title: str = "figures") -> bytes:
    """The rows under ``headers`` as the bytes of an .xlsx workbook (an email attachment)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "figures.xlsx"
        write_xlsx(path, headers, rows, title=title)
        return path.read_bytes()


def write_csv(path: Path, headers: tuple[str, ...], rows: list[list[Cell]]) -> None:
    """UTF-8 with a BOM, which Excel needs to show Chinese text in a CSV file."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        write_csv_to(f, headers, rows)


def write_csv_to(stream: TextIO, headers: tuple[str, ...], rows: list[list[Cell]]) -> None:
    """The CSV text of the rows, written to an open text stream (a file, standard output)."""
    out = csv.writer(stream)
    out.writerow(headers)
    out.writerows([_text(c) for c in row] for row in rows)


def write_xlsx(path: Path, headers: tuple[str, ...], rows: list[list[Cell]], title: str) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.append(list(headers))
    for row in rows:
        cells = []
        for value in row:
            text = neutralised(value) if isinstance(value, str) else value
            cell = WriteOnlyCell(sheet, value=text)
            if isinstance(text, str) and text.startswith("="):
                cell.data_type = "s"  # text that looks like a formula stays text
            cells.append(cell)
        sheet.append(cells)
    book.save(path)


def _figure(value: Decimal, amount: Decimal | None) -> list[Cell]:
    return [_number(value), None if amount is None else _number(amount)]


def _number(value: Decimal) -> Cell:
    """A number cell when a float holds it exactly to 15 digits, else its exact text."""
    text = plain(value)
    digits = len(text.lstrip("-").replace(".", "").lstrip("0"))
    if digits > EXACT_DIGITS or len(text) > 22:
        return text
    return int(text) if "." not in text else float(text)


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return plain(Decimal(repr(value)))
    if isinstance(value, str):
        return neutralised(value)
    return str(value)


def neutralised(text: str) -> str:
    """``text`` as a cell no spreadsheet runs as a formula: with a leading apostrophe when it
    begins with = + - @, a tab, a carriage return (or an apostrophe) and is not a number."""
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def restored(text: str) -> str:
    """The text ``neutralised`` was given (import reads an export back exactly)."""
    if text.startswith("'") and neutralised(text[1:]) == text:
        return text[1:]
    return text

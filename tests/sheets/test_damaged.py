"""Damaged and hostile files given to ``tracker import``: each is refused in one line (or read,
when nothing in it is damaged), the database unchanged, never a traceback, and never more
memory or time than a real file of figures takes. The hostile ones run as real processes
limited to 1 GiB of memory, so that a reader that would take more fails instead of the
machine."""

import random
import resource
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from tests.helpers import snapshot
from tests.sheets.conftest import write_csv, write_xlsx
from tracker.cli.main import app

MEMORY = 1 << 30  # bytes a hostile file's import may take, in its own process
ROWS = [["指标", "期间", "数值", "备注"]] + [
    [key, f"2020-{m:02d}", f"{5 + m / 10:.1f}", "说明" * 30]
    for key in ("industry", "fai", "retail", "revenue", "trade")
    for m in range(2, 8)
]


def run(engine: Engine, *args: str):
    url = engine.url.render_as_string(hide_password=False)
    return CliRunner().invoke(app, ["--db", url, *args])


def one_line(result) -> str:
    """The refusal's English line (a Chinese one may follow), or fail."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    first, *rest = result.stderr.splitlines()
    assert first.startswith("Error: "), result.stderr
    assert len(rest) <= 1, result.stderr
    assert all(line.startswith("错误：") for line in rest), result.stderr
    return first


def outcome(result) -> str:
    """A damaged file's import: read (its damage is in no value), refused as unreadable in
    one line, or refused for the values the damage changed (its problems listed)."""
    if result.exit_code == 0:
        return "read"
    assert isinstance(result.exception, SystemExit), result.exception
    said = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(said) == 1, result.stderr
    if "problem" in said[0]:  # the file was read; what it says is refused, by row
        return "values refused"
    return one_line(result)


def limited(engine: Engine, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """``tracker --db URL ARGS`` in its own process, with at most ``MEMORY`` bytes."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    url = engine.url.render_as_string(hide_password=False)
    return subprocess.run(
        [sys.executable, "-m", "tracker", "--db", url, *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        preexec_fn=limit,
        check=False,
    )


def refused(result: subprocess.CompletedProcess) -> str:
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert "Traceback" not in stderr, stderr
    first, *rest = stderr.splitlines()
    assert first.startswith("Error: "), stderr
    assert len(rest) <= 1, stderr
    return first


# -- A line longer than the CSV reader's 128 KiB field -------------------------------------


def test_a_csv_line_over_128_kib_is_one_line(loaded: Engine, tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("indicator,period,value,note\nindustry,2020-06,5.4," + "x" * 140_000 + "\n")
    before = snapshot(loaded)
    line = one_line(run(loaded, "import", str(path)))
    assert line == (
        "Error: long.csv: line 2 is longer than 128 KiB (第2行超过128 KiB); a row of figures "
        "never is: check that this is the file meant, or break its text into lines."
    )
    assert snapshot(loaded) == before


def test_a_bulletin_line_over_128_kib_is_one_line(loaded: Engine, tmp_path: Path) -> None:
    path = tmp_path / "bulletin.txt"
    text = "1-6月，全区规模以上工业增加值同比增长5.4%。" + "说明" * 70_000
    path.write_text(text, encoding="utf-8")
    before = snapshot(loaded)
    assert "line 1 is longer than 128 KiB" in one_line(run(loaded, "import", str(path)))
    assert snapshot(loaded) == before


def test_standard_input_with_a_line_over_128_kib_is_one_line(loaded: Engine) -> None:
    text = "indicator,period,value\n" + "9" * 200_000 + "\n"
    before = snapshot(loaded)
    result = CliRunner().invoke(
        app, ["--db", loaded.url.render_as_string(hide_password=False), "import", "-"], input=text
    )
    assert "stdin: line 2 is longer than 128 KiB" in one_line(result)
    assert snapshot(loaded) == before


# -- Damaged workbooks ------------------------------------------------------------------------


def flipped(data: bytes, seed: int, count: int = 5) -> bytes:
    """``data`` with ``count`` bits flipped, as a half-downloaded or damaged attachment."""
    damaged = bytearray(data)
    rng = random.Random(seed)
    for _ in range(count):
        damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
    return bytes(damaged)


def inflate_error(path: Path) -> bool:
    """Whether reading the file's worksheet raises zlib.error (the issue's damaged files)."""
    try:
        with zipfile.ZipFile(path) as archive:
            archive.read("xl/worksheets/sheet1.xml")
    except zlib.error:
        return True
    except Exception:
        return False
    return False


def test_thirty_xlsx_files_with_five_flipped_bits_are_read_or_refused_in_one_line(
    loaded: Engine, tmp_path: Path
) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", ROWS).read_bytes()  # type: ignore[arg-type]
    before = snapshot(loaded)
    inflating = []
    for seed in range(30):
        path = tmp_path / f"damaged-{seed}.xlsx"
        path.write_bytes(flipped(good, seed))
        said = outcome(run(loaded, "import", "--dry-run", str(path)))  # never a traceback
        if inflate_error(path):
            inflating.append(said)
    assert len(inflating) >= 3  # the damage the issue saw: zlib.error while rows are read
    assert all("cannot be read as an Excel workbook" in said for said in inflating)
    assert snapshot(loaded) == before


@pytest.mark.slow
def test_damaged_xls_files_are_refused_in_one_line_and_a_looping_one_quickly(
    loaded: Engine, tmp_path: Path
) -> None:
    from tests.sheets.test_workbooks import libreoffice

    source = write_xlsx(tmp_path / "figures.xlsx", ROWS[:20])  # type: ignore[arg-type]
    subprocess.run(
        [libreoffice(), "--headless", "--convert-to", "xls", "--outdir", str(tmp_path), source],
        capture_output=True,
        timeout=120,
        check=True,
    )
    good = (tmp_path / "figures.xls").read_bytes()
    before = snapshot(loaded)
    unreadable = 0
    for seed in range(20):
        path = tmp_path / f"damaged-{seed}.xls"
        path.write_bytes(flipped(good, seed))
        said = outcome(run(loaded, "import", "--dry-run", str(path)))  # never a traceback
        unreadable += "cannot be read as an .xls workbook" in said
    assert unreadable >= 3  # CompDocError and the rest of xlrd's errors among them
    looping = tmp_path / "looping.xls"
    looping.write_bytes(short_stream_loop(good))
    assert "cannot be read as an .xls workbook" in refused(limited(loaded, "import", looping))
    assert snapshot(loaded) == before


def short_stream_loop(xls: bytes) -> bytes:
    """The .xls file with its first short stream's chain of sectors pointing back to itself
    (xlrd 2.0.1 follows it without end)."""
    import struct

    shift = struct.unpack_from("<H", xls, 0x1E)[0]
    size = 1 << shift
    first_ssat = struct.unpack_from("<i", xls, 0x3C)[0]
    directory = struct.unpack_from("<i", xls, 0x30)[0]
    damaged = bytearray(xls)
    for entry in range(size // 128):  # the directory's first sector
        at = 512 + directory * size + entry * 128
        name_size = struct.unpack_from("<H", xls, at + 64)[0]
        name = xls[at : at + name_size].decode("utf-16-le").rstrip("\0")
        if name in ("Workbook", "Book"):
            start, total = struct.unpack_from("<iI", xls, at + 116)
            assert total < 4096  # a short stream, in the mini stream
            struct.pack_into("<i", damaged, 512 + first_ssat * size + 4 * start, start)
            return bytes(damaged)
    raise AssertionError("no Workbook stream")


# -- What a small file inflates to ---------------------------------------------------------


def padded_xlsx(path: Path, padding: int) -> Path:
    """A workbook whose sheet XML holds ``padding`` bytes of spaces inside a cell's text:
    a few hundred KB on disk."""
    good = write_xlsx(path.with_name("good.xlsx"), ROWS[:3])  # type: ignore[arg-type]
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(item, data)
                continue
            head, _, tail = data.partition(b"</sheetData>")
            row = b'<row r="9"><c r="A9" t="inlineStr"><is><t>'
            with dst.open(item.filename, "w", force_zip64=True) as out:
                out.write(head + row)
                for _ in range(padding >> 20):
                    out.write(b" " * (1 << 20))
                out.write(b"</t></is></c></row></sheetData>" + tail)
    return path


@pytest.mark.slow
def test_a_sheet_whose_xml_inflates_past_the_limit_is_refused_before_it_is_read(
    loaded: Engine, tmp_path: Path
) -> None:
    path = padded_xlsx(tmp_path / "padded.xlsx", 1 << 30)
    assert path.stat().st_size < 2 << 20
    before = snapshot(loaded)
    line = refused(limited(loaded, "import", path))
    assert line == (
        "Error: padded.xlsx: xl/worksheets/sheet1.xml would inflate to 1024 MiB, more than the "
        "256 MiB a sheet of figures can need (解压后过大); check that this is the file meant."
    )
    assert snapshot(loaded) == before


def test_a_value_in_a_column_past_the_limit_is_refused(loaded: Engine, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in ROWS[:3]:
        sheet.append(row)
    sheet["XFD2"] = "x"
    book.save(tmp_path / "wide.xlsx")
    before = snapshot(loaded)
    line = one_line(run(loaded, "import", str(tmp_path / "wide.xlsx")))
    assert line == (
        "Error: wide.xlsx: row 2 has a value in column XFD, past the 1024 columns a sheet of "
        "figures can have (超出1024列); delete what is there, or copy the table to a new sheet."
    )
    assert snapshot(loaded) == before


def test_empty_styled_cells_far_to_the_right_are_not_read(tmp_path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from tracker.sheets.read import read_sheet

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in ROWS[:3]:
        sheet.append(row)
    sheet["XFD2"].font = Font(bold=True)  # a styled cell without a value
    sheet["A1048576"].font = Font(bold=True)
    book.save(tmp_path / "styled.xlsx")
    rows = read_sheet(tmp_path / "styled.xlsx").rows
    assert rows == ROWS[:3]


def ods_with_repeats(path: Path, rows: int, columns: int) -> Path:
    """An OpenDocument sheet of one row of ``columns`` cells holding 9.5%, repeated
    ``rows`` times: a few KB."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Sheet1">'
        f'<table:table-row table:number-rows-repeated="{rows}">'
        f'<table:table-cell table:number-columns-repeated="{columns}" '
        'office:value-type="percentage" office:value="0.095"><text:p>9.5%</text:p>'
        "</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return path


@pytest.mark.slow
def test_an_ods_row_repeated_a_million_times_is_refused_before_it_is_read(
    loaded: Engine, tmp_path: Path
) -> None:
    path = ods_with_repeats(tmp_path / "repeated.ods", 1_000_000, 1000)
    before = snapshot(loaded)
    line = refused(limited(loaded, "import", path))
    assert line == (
        "Error: repeated.ods: sheet 'Sheet1' has values in 1000000 rows of 1000 columns, more "
        "than the 5000000 cells a sheet of figures can need (单元格过多); check that this is "
        "the file meant."
    )
    assert snapshot(loaded) == before


def test_a_small_csv_file_still_imports(loaded: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ok.csv", [r[:3] for r in ROWS[:7]])
    assert run(loaded, "import", str(path)).exit_code == 0

"""Trend charts: small indexed PNGs with no text in them, the line where the values say."""

import subprocess
import sys

import pytest

from tests.reporting.pngread import Image, read, rgb
from tracker.reporting.charts import GREY, HEIGHT, SCALE, WIDTH, draw, draw_all
from tracker.reporting.context import Chart

RED, GREEN = "#b71c1c", "#1b5e20"
WHITE = (255, 255, 255)


def chart(values: tuple[float, ...], target: float | None = None, colour: str = RED) -> Image:
    return read(draw(Chart("c@x", values, target, colour, "alt")))


def line_row(image: Image, x: int, colour: str = RED) -> float | None:
    """The mean row of the pixels in column ``x`` that are fully the line's colour."""
    rows = [y for y in range(image.height) if image.colour(x, y) == rgb(colour)]
    return sum(rows) / len(rows) if rows else None


def row_at(image: Image, x: int, colour: str = RED) -> float:
    found = line_row(image, x, colour)
    assert found is not None, f"no line in column {x}"
    return found


def test_it_draws_one_small_indexed_png_per_chart() -> None:
    charts = [
        Chart("a@x", (8.6, 3.6, 5.0), 8.5, RED, "alt"),
        Chart("b@x", (1720.0, 2050.0), None, GREEN, "alt"),
    ]
    images = draw_all(charts)
    assert len(images) == 2
    for png, drawn in zip(images, charts, strict=True):
        image = read(png)  # signature, chunks, CRCs, IDAT of height × (1 + width) bytes
        assert (image.width, image.height) == (WIDTH * SCALE, HEIGHT * SCALE)
        assert rgb(drawn.colour) in image.palette
        assert WHITE in image.palette
        assert len(png) < 2_000
    assert images[0] != images[1]
    assert read(images[0]).where(rgb(GREY))  # a target
    assert not read(images[1]).where(rgb(GREY))  # none


def test_a_chart_is_opaque_on_white_so_that_it_reads_in_dark_mode() -> None:
    image = chart((8.6, 3.6, 5.0), 8.5)  # read() admits no transparency chunk (tRNS)
    corners = [(0, 0), (image.width - 1, 0), (0, image.height - 1)]
    assert [image.colour(x, y) for x, y in corners] == [WHITE] * 3
    whites = len(image.where(WHITE))
    assert whites > image.width * image.height / 2  # a white background, a line over it


def test_no_charts_draws_nothing() -> None:
    assert draw_all([]) == []


def test_a_chart_needs_a_value() -> None:
    with pytest.raises(ValueError, match="at least one value"):
        draw(Chart("c@x", (), None, RED, "alt"))


@pytest.mark.parametrize("values", [(1.0, 2.0, 3.0, 4.0, 5.0), (-3.0, -1.0, 0.5, 2.0)])
def test_a_rising_series_is_lower_on_the_left_than_on_the_right(
    values: tuple[float, ...],
) -> None:
    image = chart(values)
    left, right = row_at(image, image.width // 4), row_at(image, image.width * 3 // 4)
    assert left > right + image.height / 4  # rows count downwards


def test_a_falling_series_is_higher_on_the_left() -> None:
    image = chart((5.0, 4.0, 3.0, 2.0, 1.0))
    assert row_at(image, image.width // 4) < row_at(image, image.width * 3 // 4)


def test_the_line_passes_through_each_value() -> None:
    image = chart((10.0, 0.0, 10.0))
    third = image.height / 3
    assert row_at(image, image.width // 2) > 2 * third  # the low value at the bottom
    assert row_at(image, image.width // 8) < third  # the high ones at the top
    assert row_at(image, image.width * 7 // 8) < third


def test_the_last_point_has_a_dot_wider_than_the_line() -> None:
    image = chart((1.0, 1.0, 1.0))
    coloured = image.where(rgb(RED))
    last = max(x for x, _ in coloured)
    thickness = {x: sum(1 for cx, _ in coloured if cx == x) for x in (image.width // 2, last - 4)}
    assert thickness[last - 4] > thickness[image.width // 2]


def test_the_target_is_a_dashed_grey_line_at_its_height() -> None:
    image = chart((5.0, 6.0, 7.0), target=2.0)
    grey = image.where(rgb(GREY))
    rows = sorted({y for _, y in grey})
    assert len(rows) == SCALE  # one CSS pixel thick, on whole rows
    lowest_line_pixel = max(y for _, y in image.where(rgb(RED)))
    assert rows[0] > lowest_line_pixel  # the target is below figures above it
    xs = [x for x, y in grey if y == rows[0]]
    dashes = [x for x in xs if x - 1 not in xs]
    assert len(dashes) >= 10
    assert all(image.colour(x - 1, rows[0]) == WHITE for x in dashes[1:])  # gaps between them
    lengths = {next(e for e in range(x, image.width) if e not in xs) - x for x in dashes[:-1]}
    assert len(lengths) == 1  # the dashes are alike


def test_a_line_without_target_has_no_grey() -> None:
    image = chart((1.0, 2.0, 1.5))
    assert image.where(rgb(RED))
    assert not image.where(rgb(GREY))


def test_a_flat_series_is_a_level_line_in_the_middle() -> None:
    image = chart((7.0, 7.0, 7.0, 7.0))
    left, right = row_at(image, image.width // 4), row_at(image, image.width * 3 // 4)
    assert left == right
    assert image.height / 3 < left < image.height * 2 / 3


def test_values_all_on_the_target_draw_the_line_over_the_target() -> None:
    image = chart((8.5, 8.5, 8.5), target=8.5)
    line = row_at(image, image.width // 2)
    grey_rows = {y for _, y in image.where(rgb(GREY))}
    assert grey_rows  # the dashes show where the line does not cover them
    assert all(abs(y - line) <= SCALE for y in grey_rows)


def test_a_single_value_is_a_dot() -> None:
    image = chart((4.0,), target=8.0)
    coloured = image.where(rgb(RED))
    assert coloured
    xs, ys = {x for x, _ in coloured}, {y for _, y in coloured}
    assert max(xs) - min(xs) <= 6 * SCALE
    assert max(ys) - min(ys) <= 6 * SCALE
    assert min(y for _, y in image.where(rgb(GREY))) < min(ys)  # the target above it


def test_negative_values_and_a_target_between_them() -> None:
    image = chart((-3.0, -1.0, 2.0), target=0.0)
    target_row = min(y for _, y in image.where(rgb(GREY)))
    assert row_at(image, image.width // 8) > target_row > row_at(image, image.width * 7 // 8)


def test_the_report_command_does_not_import_heavy_libraries() -> None:
    heavy = ("jinja2", "babel", "css_inline", "openpyxl", "apscheduler", "alembic")
    code = f"import sys, tracker.cli.main; print(sorted(set({heavy!r}) & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"

"""Trend charts: small PNGs with no text in them."""

import io

from tracker.reporting.charts import HEIGHT, SCALE, WIDTH, draw_all
from tracker.reporting.view import Chart


def test_it_draws_one_small_png_per_chart() -> None:
    charts = [
        Chart("a@x", (8.6, 3.6, 5.0), 8.5, "#b71c1c", "alt"),
        Chart("b@x", (1720.0, 2050.0), None, "#8a4b00", "alt"),
    ]
    images = draw_all(charts)
    assert len(images) == 2
    from matplotlib.image import imread

    for png in images:
        pixels = imread(io.BytesIO(png), format="png")
        assert pixels.shape[:2] == (HEIGHT * SCALE, WIDTH * SCALE)
        assert len(png) < 5_000
    assert images[0] != images[1]


def test_no_charts_means_matplotlib_is_not_needed() -> None:
    assert draw_all([]) == []


def test_the_report_command_does_not_import_heavy_libraries() -> None:
    import subprocess
    import sys

    heavy = ("matplotlib", "jinja2", "babel", "css_inline")
    code = f"import sys, tracker.cli.main; print(sorted(set({heavy!r}) & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"

"""Trend charts as small PNGs, drawn with matplotlib's Agg backend.

The images carry no text at all (titles, labels and numbers are in the HTML and the alt text),
so no CJK font is needed to draw them. matplotlib is imported here only, inside ``draw``.
"""

import io
from collections.abc import Sequence

from tracker.reporting.view import Chart

WIDTH, HEIGHT = 120, 32  # CSS pixels; drawn at twice the density for sharp screens
DPI = 100
SCALE = 2


def draw(chart: Chart) -> bytes:
    return draw_all([chart])[0]


def draw_all(charts: Sequence[Chart]) -> list[bytes]:
    """One PNG per chart: the year's figures as a line, the target as a dashed line."""
    if not charts:
        return []
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH * SCALE / DPI, HEIGHT * SCALE / DPI), dpi=DPI)
    axes = figure.add_axes((0.03, 0.1, 0.94, 0.8))
    images = []
    for chart in charts:
        axes.clear()
        axes.set_axis_off()
        xs = range(len(chart.values))
        if chart.target is not None:
            axes.axhline(chart.target, color="#9e9e9e", linewidth=1.5, linestyle=(0, (3, 2)))
        axes.plot(xs, chart.values, color=chart.colour, linewidth=2.5)
        axes.plot([xs[-1]], [chart.values[-1]], "o", color=chart.colour, markersize=5)
        axes.margins(x=0.04, y=0.15)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
        images.append(buffer.getvalue())
    return images

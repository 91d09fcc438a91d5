"""Trend charts a reader can read a number off: inline SVG on the report's page (pure).

A chart shows one goal's year: its figures as a line with a dot on each period, each period
labelled under its dot (2月 3月 … / Feb Mar …), the latest figure written by its dot (on the
side away from the target), and the target as a dashed line labelled with its value at the
right (目标8.5%). Every rate chart of a report is drawn on one scale (``Chart.low`` and
``Chart.high``, chosen by ``trends.rate_scale``), so a gap of 14 points looks five times a gap
of 3; a count is drawn from zero to its annual target. The scale's ends are labelled at the
left.

Why SVG, and why only on the page (docs/reports.md, "Charts"): a label must be text to be
read, copied and enlarged, and SVG is text; mail clients (Gmail, Outlook) show no SVG and many
block images, so the email carries no chart at all: its overview table holds the same numbers.
The SVG has a white plate of its own, so it reads the same in dark mode, and no script, font
file or external reference.
"""

from collections.abc import Callable
from html import escape

from tracker.reporting.context import Chart

WIDTH, HEIGHT = 320, 120  # the viewBox, in CSS pixels at 100%
LEFT, RIGHT, TOP, BOTTOM = 44, 64, 14, 22  # room for the scale, the target, the periods
GREY = "#757575"  # the target line and the labels
TEXT = "#333333"
FONT = 'font-family="sans-serif" font-size="10"'


def svg(chart: Chart) -> str:
    """The chart as an ``<svg>`` element (a string of markup, escaped), ``role="img"`` with
    its alt text as its title."""
    if not chart.points:
        raise ValueError("a chart needs at least one figure")
    span = chart.high - chart.low or 1.0
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(value: float) -> float:
        return TOP + (chart.high - value) / span * inner_h

    n = len(chart.points)
    step = inner_w / (n - 1) if n > 1 else 0.0
    xs = [LEFT + k * step if n > 1 else LEFT + inner_w / 2 for k in range(n)]
    ys = [y(value) for _, value in chart.points]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}">',
        f"<title>{escape(chart.alt)}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        *_scale(chart, y),
    ]
    if chart.target is not None:
        ty = y(chart.target)
        parts.append(
            f'<line x1="{LEFT}" y1="{ty:.1f}" x2="{WIDTH - RIGHT}" y2="{ty:.1f}" '
            f'stroke="{GREY}" stroke-width="1" stroke-dasharray="4 3"/>'
        )
        parts.append(_text(WIDTH - RIGHT + 4, ty + 3, chart.target_label, GREY))
    path = " ".join(f"{x:.1f},{v:.1f}" for x, v in zip(xs, ys, strict=True))
    parts.append(
        f'<polyline points="{path}" fill="none" stroke="{chart.colour}" stroke-width="2" '
        'stroke-linejoin="round" stroke-linecap="round"/>'
    )
    for (label, _), x, v in zip(chart.points, xs, ys, strict=True):
        parts.append(f'<circle cx="{x:.1f}" cy="{v:.1f}" r="2.5" fill="{chart.colour}"/>')
        parts.append(_text(x, HEIGHT - 6, label, GREY, anchor="middle"))
    # The latest figure beside its dot, on the side away from the target line.
    last_x, last_y = xs[-1], ys[-1]
    below = chart.target is not None and last_y > y(chart.target)
    label_y = last_y + 14 if below or last_y < TOP + 10 else last_y - 6
    parts.append(_text(last_x, label_y, chart.last_label, chart.colour, anchor="end", bold=True))
    parts.append("</svg>")
    return "".join(parts)


def _scale(chart: Chart, y: Callable[[float], float]) -> list[str]:
    """The scale's two ends, labelled at the left, with faint lines; and zero, when the scale
    crosses it."""
    marks = [(chart.high, chart.high_label), (chart.low, chart.low_label)]
    if chart.low < 0 < chart.high:
        marks.append((0.0, "0"))
    found = []
    for value, label in marks:
        at = y(value)
        found.append(
            f'<line x1="{LEFT}" y1="{at:.1f}" x2="{WIDTH - RIGHT}" y2="{at:.1f}" '
            'stroke="#e0e0e0" stroke-width="1"/>'
        )
        found.append(_text(LEFT - 4, at + 3, label, GREY, anchor="end"))
    return found


def _text(
    x: float, y: float, text: str, colour: str, *, anchor: str = "start", bold: bool = False
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" {FONT} fill="{colour}" text-anchor="{anchor}"{weight}>'
        f"{escape(text)}</text>"
    )

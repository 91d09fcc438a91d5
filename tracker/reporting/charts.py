"""Trend charts as small PNGs, drawn in pure Python (see ``png`` for the file format).

A chart shows the year's figures as a line in the goal's colour with a dot on the latest one,
and the target as a dashed grey line; no text at all (titles, labels and numbers are in the HTML
and the alt text), so no font is needed. Images are drawn at twice their displayed size for
sharp screens, anti-aliased with a few shades of the line's colour over white and over grey.

The line is rasterised a column at a time: in each pixel column the thick line covers one
vertical interval (its centre interpolated at the column's centre, its height the line's width
widened by the slope), and each pixel gets the share of it that the interval covers. Steep
segments go a row at a time instead, the round joins and the dot by columns and rows. Where two
pieces overlap a pixel keeps the larger cover.
"""

from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise
from math import sqrt

from tracker.reporting.context import Chart
from tracker.reporting.png import indexed_png

WIDTH, HEIGHT = 120, 32  # CSS pixels, as the <img> shows them
SCALE = 2  # device pixels a CSS pixel
GREY = "#9e9e9e"  # the target line

_W, _H = WIDTH * SCALE, HEIGHT * SCALE
_STRIDE = _W + 1  # each scanline starts with its filter byte
_PAD_X, _PAD_Y = 5.0 * SCALE, 5.0 * SCALE  # from the image's edge to the first point, the extremes
_HALF = 0.85 * SCALE  # half the line's width
_DOT = 2.1 * SCALE  # the dot's radius
_DASH, _GAP = 2 * SCALE, 3 * SCALE // 2  # the target's dashes
_LEVELS = 8  # shades of the colour: index c is c/8 of it over white, index 9 + c over grey
_OVER_GREY = bytes(c + _LEVELS + 1 if c <= _LEVELS else c for c in range(256))
_FULL = bytes([_LEVELS]) * _W


def draw(chart: Chart) -> bytes:
    """One chart as a PNG of WIDTH × HEIGHT CSS pixels (SCALE times as many device pixels)."""
    if not chart.values:
        raise ValueError("a chart needs at least one value")
    values = chart.values
    extremes = (*values, chart.target) if chart.target is not None else values
    low, high = min(extremes), max(extremes)
    span = _H - 2 * _PAD_Y

    def y(value: float) -> float:
        if high == low:
            return _H / 2
        return _H - _PAD_Y - (value - low) / (high - low) * span

    n = len(values)
    step = (_W - 2 * _PAD_X) / (n - 1) if n > 1 else 0.0
    points = [(_PAD_X + k * step if n > 1 else _W / 2, y(v)) for k, v in enumerate(values)]
    pixels = bytearray(_STRIDE * _H)
    for (x0, y0), (x1, y1) in pairwise(points):
        _segment(pixels, x0, y0, x1, y1)
    for x, middle in points[1:-1]:
        _disc(pixels, x, middle, _HALF, rows=False)  # round joins
    last_x, last_y = points[-1]
    _disc(pixels, last_x, last_y, _DOT, rows=True)
    if chart.target is not None:
        _target(pixels, y(chart.target))
    return indexed_png(_W, _H, _palette(chart.colour), pixels)


def draw_all(charts: Sequence[Chart]) -> list[bytes]:
    """One PNG per chart, in order."""
    return [draw(chart) for chart in charts]


def _segment(pixels: bytearray, x0: float, y0: float, x1: float, y1: float) -> None:
    slope = (y1 - y0) / (x1 - x0)
    if -1.0 <= slope <= 1.0:
        half = _HALF * sqrt(1.0 + slope * slope)
        for column in range(int(x0 + 0.5), int(x1 + 0.5)):
            centre = y0 + (column + 0.5 - x0) * slope
            _column(pixels, column, centre - half, centre + half)
    else:
        inverse = 1.0 / slope
        half = _HALF * sqrt(1.0 + inverse * inverse)
        top, bottom = (y0, y1) if y0 < y1 else (y1, y0)
        for row in range(int(top + 0.5), int(bottom + 0.5)):
            centre = x0 + (row + 0.5 - y0) * inverse
            _row(pixels, row, centre - half, centre + half)


def _disc(pixels: bytearray, x: float, y: float, radius: float, *, rows: bool) -> None:
    """A filled circle by columns, and also by rows for smooth left and right edges."""
    for column in range(int(x - radius + 0.5), int(x + radius + 0.5)):
        dx = column + 0.5 - x
        half = sqrt(max(0.0, radius * radius - dx * dx))
        _column(pixels, column, y - half, y + half)
    if rows:
        for row in range(int(y - radius + 0.5), int(y + radius + 0.5)):
            dy = row + 0.5 - y
            half = sqrt(max(0.0, radius * radius - dy * dy))
            _row(pixels, row, x - half, x + half)


def _column(pixels: bytearray, column: int, top: float, bottom: float) -> None:
    """Cover pixel column ``column`` from ``top`` to ``bottom`` (device pixels, y down)."""
    if top < 0.0:
        top = 0.0
    if bottom > _H:
        bottom = float(_H)
    if bottom <= top or not 0 <= column < _W:
        return
    first, last = int(top), int(bottom)
    i = first * _STRIDE + 1 + column
    if first == last:
        level = int((bottom - top) * _LEVELS + 0.5)
        if level > pixels[i]:
            pixels[i] = level
        return
    level = int((first + 1 - top) * _LEVELS + 0.5)
    if level > pixels[i]:
        pixels[i] = level
    for _ in range(first + 1, last):
        i += _STRIDE
        pixels[i] = _LEVELS
    if last < _H:
        i += _STRIDE
        level = int((bottom - last) * _LEVELS + 0.5)
        if level > pixels[i]:
            pixels[i] = level


def _row(pixels: bytearray, row: int, left: float, right: float) -> None:
    """Cover pixel row ``row`` from ``left`` to ``right``."""
    if left < 0.0:
        left = 0.0
    if right > _W:
        right = float(_W)
    if right <= left or not 0 <= row < _H:
        return
    first, last = int(left), int(right)
    start = row * _STRIDE + 1
    if first == last:
        level = int((right - left) * _LEVELS + 0.5)
        if level > pixels[start + first]:
            pixels[start + first] = level
        return
    level = int((first + 1 - left) * _LEVELS + 0.5)
    if level > pixels[start + first]:
        pixels[start + first] = level
    if last > first + 1:
        pixels[start + first + 1 : start + last] = _FULL[: last - first - 1]
    if last < _W:
        level = int((right - last) * _LEVELS + 0.5)
        if level > pixels[start + last]:
            pixels[start + last] = level


def _target(pixels: bytearray, y: float) -> None:
    """A dashed line SCALE device pixels thick (one CSS pixel), snapped to whole rows."""
    first = max(0, min(_H - SCALE, round(y - SCALE / 2)))
    left, right = SCALE, _W - SCALE
    for row in range(first, first + SCALE):
        start = row * _STRIDE + 1
        for x in range(left, right, _DASH + _GAP):
            a, b = start + x, start + min(x + _DASH, right)
            pixels[a:b] = pixels[a:b].translate(_OVER_GREY)


@lru_cache(maxsize=64)
def _palette(colour: str) -> tuple[tuple[int, int, int], ...]:
    line, grey, white = _rgb(colour), _rgb(GREY), (255, 255, 255)
    return tuple(
        _mix(line, under, c / _LEVELS) for under in (white, grey) for c in range(_LEVELS + 1)
    )


def _rgb(colour: str) -> tuple[int, int, int]:
    digits = colour.removeprefix("#")
    if len(digits) != 6:
        raise ValueError(f"colour {colour!r} is not #rrggbb")
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _mix(
    top: tuple[int, int, int], under: tuple[int, int, int], share: float
) -> tuple[int, int, int]:
    r, g, b = (round(t * share + u * (1 - share)) for t, u in zip(top, under, strict=True))
    return r, g, b

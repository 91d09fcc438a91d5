"""The indexed PNG writer: a file any reader accepts, and no file from wrong input."""

import pytest

from tests.reporting.pngread import read
from tracker.reporting.png import indexed_png

PALETTE = ((255, 255, 255), (183, 28, 28), (0, 0, 0))


def test_it_writes_the_pixels_and_palette_it_is_given() -> None:
    scanlines = bytes([0, 0, 1, 2, 0, 2, 1, 0])  # two rows of three pixels, each after filter 0
    image = read(indexed_png(3, 2, PALETTE, scanlines))
    assert (image.width, image.height) == (3, 2)
    assert image.palette == PALETTE
    assert image.rows == (bytes([0, 1, 2]), bytes([2, 1, 0]))


def test_it_refuses_a_palette_of_more_than_256_colours() -> None:
    with pytest.raises(ValueError, match="1 to 256 colours"):
        indexed_png(1, 1, [(0, 0, 0)] * 257, bytes(2))


def test_it_refuses_scanlines_of_the_wrong_length() -> None:
    with pytest.raises(ValueError, match="3×2 image"):
        indexed_png(3, 2, PALETTE, bytes(6))  # the filter bytes are missing

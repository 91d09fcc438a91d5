"""A minimal PNG writer: 8-bit indexed colour (one byte a pixel), standard library only.

Just enough of the PNG format (https://www.w3.org/TR/png/) for small generated images:
IHDR, PLTE, one IDAT, IEND. The caller hands over finished scanlines.
"""

import struct
import zlib
from collections.abc import Sequence

SIGNATURE = b"\x89PNG\r\n\x1a\n"
INDEXED = 3  # colour type: palette indices
DEPTH = 8  # bits a pixel


def indexed_png(
    width: int, height: int, palette: Sequence[tuple[int, int, int]], scanlines: bytes | bytearray
) -> bytes:
    """A PNG of ``height`` scanlines, each a filter byte (0: none) then ``width`` palette
    indices; ``palette`` holds at most 256 RGB colours."""
    if not 0 < len(palette) <= 256:
        raise ValueError(f"a palette holds 1 to 256 colours, not {len(palette)}")
    if len(scanlines) != height * (1 + width):
        raise ValueError(f"{len(scanlines)} bytes of scanlines for a {width}×{height} image")
    header = struct.pack(">IIBBBBB", width, height, DEPTH, INDEXED, 0, 0, 0)
    colours = bytes(channel for rgb in palette for channel in rgb)
    return b"".join(
        (
            SIGNATURE,
            _chunk(b"IHDR", header),
            _chunk(b"PLTE", colours),
            _chunk(b"IDAT", zlib.compress(scanlines, 6)),
            _chunk(b"IEND", b""),
        )
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

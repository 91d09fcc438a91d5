"""Reading back the indexed PNGs the charts are, checking every part of the file on the way."""

import struct
import zlib
from dataclasses import dataclass

SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Image:
    width: int
    height: int
    palette: tuple[tuple[int, int, int], ...]
    rows: tuple[bytes, ...]  # palette indices, filter bytes removed

    def colour(self, x: int, y: int) -> tuple[int, int, int]:
        return self.palette[self.rows[y][x]]

    def where(self, rgb: tuple[int, int, int]) -> list[tuple[int, int]]:
        """Every (x, y) whose colour is exactly ``rgb``."""
        pixels = ((x, y) for y in range(self.height) for x in range(self.width))
        return [(x, y) for x, y in pixels if self.colour(x, y) == rgb]


def read(png: bytes) -> Image:
    assert png[:8] == SIGNATURE
    chunks, at = [], 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind, data = png[at + 4 : at + 8], png[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", png[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(kind + data), f"bad CRC in {kind!r}"
        chunks.append((kind, data))
        at += 12 + length
    assert [kind for kind, _ in chunks] == [b"IHDR", b"PLTE", b"IDAT", b"IEND"]
    width, height, depth, colour_type, compression, filtering, interlace = struct.unpack(
        ">IIBBBBB", chunks[0][1]
    )
    assert (depth, colour_type, compression, filtering, interlace) == (8, 3, 0, 0, 0)
    plte = chunks[1][1]
    assert len(plte) % 3 == 0
    assert 0 < len(plte) <= 768
    palette = tuple(tuple(plte[i : i + 3]) for i in range(0, len(plte), 3))
    raw = zlib.decompress(chunks[2][1])
    assert len(raw) == height * (1 + width)
    lines = [raw[y * (1 + width) : (y + 1) * (1 + width)] for y in range(height)]
    assert all(line[0] == 0 for line in lines), "every scanline is unfiltered"
    rows = tuple(line[1:] for line in lines)
    assert max(max(row) for row in rows) < len(palette)
    return Image(width, height, palette, rows)  # type: ignore[arg-type]


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)

"""Report content for message tests: real text, HTML and PNG bytes, shaped like the report
renderer's bundle."""

import struct
import zlib
from dataclasses import dataclass


def png(width: int = 4, height: int = 3, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A valid PNG image of one colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


@dataclass(frozen=True)
class Chart:
    cid: str
    png: bytes
    alt: str


@dataclass(frozen=True)
class Content:
    subject: str
    text: str
    email_html: str
    images: tuple[Chart, ...]


def report_content() -> Content:
    charts = (
        Chart("chart-industry@tracker", png(rgb=(200, 30, 30)), "规模以上工业增加值增速"),
        Chart("chart-jobs@tracker", png(rgb=(30, 120, 30)), "城镇新增就业"),
    )
    html = (
        "<html><body><h1>2020年6月目标进度</h1>"
        "<p>规模以上工业增加值增速 7.2%，低于目标1.3个百分点（落后）。</p>"
        '<img src="cid:chart-industry@tracker" alt="规模以上工业增加值增速">'
        '<img src="cid:chart-jobs@tracker" alt="城镇新增就业">'
        "</body></html>"
    )
    text = (
        "2020年6月目标进度\n"
        "规模以上工业增加值增速 7.2%，低于目标1.3个百分点（落后）。\n"
        "城镇新增就业 2,200人，正常。\n"
    )
    return Content("【2020年6月】目标进度：1项落后，0项预警", text, html, charts)

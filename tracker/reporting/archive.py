"""The reports archive: ``reports/<as-of>/[<place>-]<lang>[-<owner>].<ext>`` and an index page
(``<place>-``: the report of a place other than home, ``east-zh.html``).

The archive is a small static site: ``index.html`` lists every report, newest first, with
relative links, so the folder can be opened from disk or served as it is.
"""

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tracker.domain.errors import InvalidInput
from tracker.reporting.bundle import ReportBundle
from tracker.reporting.templating import environment

EXTENSIONS = {"html": "html", "text": "txt", "md": "md", "json": "json"}
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")
INDEX = "index.html"


@dataclass(frozen=True)
class Link:
    href: str
    label: str


@dataclass(frozen=True)
class Day:
    day: str
    links: tuple[Link, ...]


def check_formats(formats: Sequence[str]) -> None:
    for fmt in formats:
        if fmt not in EXTENSIONS:
            raise InvalidInput(
                f"'{fmt}' is not a report format; use one of: html, text, md, json.",
                zh=f"'{fmt}' 不是报告格式；请用 html、text、md 或 json 之一。",
            )


def format_for(path: Path, fmt: str | None) -> str:
    """The format of a report written to ``path``: ``fmt`` when given, else the one its suffix
    names (.html/.htm, .txt, .md, .json). Raises InvalidInput when the suffix names no format
    and none is given, or names another one than ``fmt``."""
    by_suffix = {f".{ext}": name for name, ext in EXTENSIONS.items()} | {".htm": "html"}
    implied = by_suffix.get(path.suffix.casefold())
    if fmt is None and implied is None:
        raise InvalidInput(
            f"cannot tell the format of {path} from its name; end it in .html, .txt, .md or "
            ".json, or give --format.",
            zh=f"无法从文件名 {path} 判断格式；请以 .html、.txt、.md 或 .json 结尾，"
            "或用 --format 指定。",
        )
    if fmt is not None and implied is not None and implied != fmt:
        raise InvalidInput(
            f"{path} names a {implied} file but --format is {fmt}; name it "
            f"{path.with_suffix('.' + EXTENSIONS[fmt]).name}, or drop --format.",
            zh=f"{path} 是{implied}文件名，而 --format 为 {fmt}；请改名为 "
            f"{path.with_suffix('.' + EXTENSIONS[fmt]).name}，或去掉 --format。",
        )
    return fmt or implied or "html"


def file_name(bundle: ReportBundle, fmt: str) -> str:
    stem = bundle.lang
    if bundle.place is not None:
        stem = (_UNSAFE.sub("_", bundle.place) or "place") + "-" + stem
    if bundle.owner is not None:
        stem += "-" + (_UNSAFE.sub("_", bundle.owner) or "owner")
    return f"{stem}.{EXTENSIONS[fmt]}"


def write_files(bundle: ReportBundle, reports_dir: Path, formats: Sequence[str]) -> list[Path]:
    check_formats(formats)
    folder = reports_dir / bundle.as_of.isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in formats:
        path = folder / file_name(bundle, fmt)
        _write(path, bundle.formatted(fmt))
        paths.append(path)
    refresh_index(reports_dir)
    return paths


def refresh_index(reports_dir: Path) -> Path:
    """Rewrite ``index.html`` from what the archive holds, newest first."""
    days = []
    folders = [p for p in reports_dir.iterdir() if p.is_dir() and _DAY.fullmatch(p.name)]
    for folder in sorted(folders, key=lambda p: p.name, reverse=True):
        files = sorted(p for p in folder.iterdir() if p.suffix.lstrip(".") in EXTENSIONS.values())
        if files:
            links = tuple(Link(f"{folder.name}/{f.name}", f.name) for f in files)
            days.append(Day(folder.name, links))
    page = (
        environment("zh")
        .get_template(INDEX)
        .render(title="报告存档 · Report archive", entries=days)
    )
    path = reports_dir / INDEX
    _write(path, page)
    return path


def _write(path: Path, text: str) -> None:
    """Write whole or not at all: a reader never sees half a report."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)

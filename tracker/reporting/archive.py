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

from tracker.reporting.bundle import ReportBundle
from tracker.reporting.formats import FORMATS, check_formats, format_named
from tracker.reporting.formats import format_for as format_for
from tracker.reporting.templating import environment

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")
INDEX = "index.html"
_SUFFIXES = {f.suffix for f in FORMATS}


@dataclass(frozen=True)
class Link:
    href: str
    label: str


@dataclass(frozen=True)
class Day:
    day: str
    links: tuple[Link, ...]


def file_name(bundle: ReportBundle, fmt: str) -> str:
    """The report's file: ``zh.html``; the key projects' report alone ``projects-zh.html``."""
    stem = file_stem(bundle.lang, bundle.owner, bundle.place)
    projects = bundle.context.projects
    if projects is not None and projects.alone:
        stem = f"projects-{stem}"
    return stem + format_named(fmt).suffix


def file_stem(lang: str, owner: str | None, place: str | None = None) -> str:
    """The name of a report's files without the suffix: ``zh``, ``en-jobs`` (an owner's),
    ``east-zh`` (a place's other than home)."""
    stem = lang if owner is None else f"{lang}-{_UNSAFE.sub('_', owner) or 'owner'}"
    return stem if place is None else f"{_UNSAFE.sub('_', place) or 'place'}-{stem}"


def write_files(bundle: ReportBundle, reports_dir: Path, formats: Sequence[str]) -> list[Path]:
    """Write the report in each of ``formats`` (rendering only those) under its as-of date and
    refresh the index. Raises InvalidInput for an unknown format before writing anything."""
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
        files = sorted(p for p in folder.iterdir() if p.suffix in _SUFFIXES)
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


def _write(path: Path, content: str | bytes) -> None:
    """Write whole or not at all: a reader never sees half a report. Text is UTF-8."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_bytes(content if isinstance(content, bytes) else content.encode())
    partial.replace(path)

"""The reports archive: ``reports/<as-of>/[<place>-]<lang>[-<owner>].<ext>`` and an index page
(``<place>-``: the report of a place other than home, ``east-zh.html``).

The archive is a small static site: ``index.html`` lists every report by the month it reports
on, newest first, each named by its subject (the place, the month, the verdict: read from its
page's title or its JSON document) with its formats in Chinese words (网页, 文本, Word简报, …) and
relative links, so the folder can be opened from disk or served as it is.
"""

import html
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tracker.reporting.bundle import ReportBundle
from tracker.reporting.formats import FORMATS, check_formats, format_named
from tracker.reporting.formats import format_for as format_for
from tracker.reporting.templating import environment

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")
INDEX = "index.html"
_SUFFIXES = {f.suffix for f in FORMATS}


# What each format is called on the index, in the order its links are shown.
LABELS = {
    ".html": "网页", ".txt": "文本", ".md": "Markdown", ".json": "JSON数据", ".docx": "Word简报",
}  # fmt: skip
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


@dataclass(frozen=True)
class Link:
    href: str
    label: str


@dataclass(frozen=True)
class Entry:
    """One report on the index: its subject (or its file name), the day it is as of, whether it
    is the English one, and a link per format."""

    name: str
    day: str  # '2020年7月20日'
    english: bool
    links: tuple[Link, ...]


@dataclass(frozen=True)
class Month:
    month: str  # '2020年6月'
    entries: tuple[Entry, ...]


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
    """Rewrite ``index.html`` from what the archive holds: by reporting month, newest first."""
    from tracker.reporting.language import Words
    from tracker.reporting.timeline import reporting_period

    w = Words("zh")
    months: dict[str, list[Entry]] = {}
    folders = [p for p in reports_dir.iterdir() if p.is_dir() and _DAY.fullmatch(p.name)]
    for folder in sorted(folders, key=lambda p: p.name, reverse=True):
        day = date.fromisoformat(folder.name)
        month = w.month(reporting_period(day))
        months.setdefault(month, []).extend(_entries(folder, w.date(day)))
    shown = [Month(month, tuple(entries)) for month, entries in months.items() if entries]
    page = environment("zh").get_template(INDEX).render(title="报告存档", months=shown)
    path = reports_dir / INDEX
    _write(path, page)
    return path


def _entries(folder: Path, day: str) -> list[Entry]:
    """The reports of one as-of date's folder, a report being the files of one stem."""
    stems: dict[str, list[Path]] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix in _SUFFIXES and not path.name.startswith("."):
            stems.setdefault(path.stem, []).append(path)
    entries = []
    for stem, files in sorted(stems.items(), key=lambda item: _order(item[0])):
        ordered = sorted(files, key=lambda p: list(LABELS).index(p.suffix))
        links = tuple(Link(f"{folder.name}/{p.name}", LABELS[p.suffix]) for p in ordered)
        entries.append(Entry(_subject(files) or stem, day, _english(stem), links))
    return entries


def _english(stem: str) -> bool:
    """Whether the stem (``file_stem``) is an English report's: en, en-OWNER, PLACE-en…"""
    parts = stem.split("-")
    return parts[0] == "en" or (parts[0] != "zh" and parts[1:2] == ["en"])


def _order(stem: str) -> tuple[bool, bool, bool, str]:
    """Home's reports before other places', the whole report before an owner's, zh first."""
    parts = stem.split("-")
    home = parts[0] in ("zh", "en")
    return (not home, len(parts) > (1 if home else 2), _english(stem), stem)


def _subject(files: Sequence[Path]) -> str | None:
    """A report's subject: its page's title, else its JSON document's ``subject``."""
    for path in files:
        try:
            if path.suffix == ".html":
                found = _TITLE.search(path.read_text(encoding="utf-8", errors="replace"))
                if found:
                    return html.unescape(found.group(1)).strip() or None
            if path.suffix == ".json":
                subject = json.loads(path.read_text(encoding="utf-8")).get("subject")
                if isinstance(subject, str) and subject.strip():
                    return subject.strip()
        except (OSError, ValueError, AttributeError):
            continue  # a file being written, or not ours: named by its stem
    return None


def _write(path: Path, content: str | bytes) -> None:
    """Write whole or not at all: a reader never sees half a report. Text is UTF-8."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_bytes(content if isinstance(content, bytes) else content.encode())
    partial.replace(path)

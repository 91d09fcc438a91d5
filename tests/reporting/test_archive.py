"""The reports archive: files per as-of date and language, and an index, newest first."""

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tests.reporting import dataset
from tests.reporting.dom import parse
from tracker.domain.errors import InvalidInput
from tracker.reporting.bundle import ReportBundle
from tracker.reporting.render import render_goals, write_to_archive


def bundle(lang: str = "zh", owner: str | None = None) -> ReportBundle:
    return render_goals(
        dataset.goals(),
        dataset.figures(),
        as_of=dataset.AS_OF,
        lang=lang,
        owner=owner,
        charts=False,
    )


def test_it_writes_every_format_under_the_as_of_date(archive: Path) -> None:
    b = bundle()
    paths = write_to_archive(b, archive)
    folder = archive / "2020-07-20"
    assert paths == [folder / "zh.html", folder / "zh.txt", folder / "zh.md", folder / "zh.json"]
    assert (folder / "zh.txt").read_text(encoding="utf-8") == b.text
    assert (folder / "zh.html").read_text(encoding="utf-8") == b.html
    assert not list(folder.glob(".*.partial"))


def test_an_owner_report_gets_its_own_file(archive: Path) -> None:
    paths = write_to_archive(bundle("en", owner="stats"), archive, ["html"])
    assert paths == [archive / "2020-07-20" / "en-stats.html"]


def test_the_index_lists_every_report_newest_first(archive: Path) -> None:
    older = replace(bundle(), as_of=date(2020, 6, 20))
    write_to_archive(bundle("en"), archive, ["html", "json"])
    write_to_archive(older, archive, ["html"])
    (archive / "notes").mkdir()  # not a report folder: ignored
    index = parse((archive / "index.html").read_text(encoding="utf-8"))
    links = [a.attrs["href"] for a in index.all("a")]
    assert links == ["2020-07-20/en.html", "2020-07-20/en.json", "2020-06-20/zh.html"]
    for href in links:
        assert (archive / href).is_file()


def test_an_unknown_format_is_refused_before_anything_is_written(archive: Path) -> None:
    with pytest.raises(InvalidInput, match="'pdf' is not a report format"):
        write_to_archive(bundle(), archive, ["html", "pdf"])
    assert list(archive.iterdir()) == []

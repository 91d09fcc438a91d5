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


def test_the_index_lists_every_report_by_month_and_place_newest_first_in_chinese(
    archive: Path,
) -> None:
    older = replace(bundle(), as_of=date(2020, 6, 20))
    write_to_archive(bundle("en"), archive, ["html", "json"])
    write_to_archive(bundle(), archive, ["json", "docx"])
    write_to_archive(older, archive, ["html"])
    (archive / "notes").mkdir()  # not a report folder: ignored
    index = parse((archive / "index.html").read_text(encoding="utf-8"))
    assert [h.text for h in index.all("h2")] == ["2020年6月", "2020年5月"]
    names = [div.text for div in index.all("div", class_="name")]
    assert names == [
        "2020年6月目标进度：3项落后，3项预警，2项逾期未报",  # from the JSON document
        "June 2020 targets: 3 lagging, 3 at risk, 2 overdue",  # from the page's title
        "2020年6月目标进度：3项落后，3项预警，2项逾期未报",  # as of 20 June: May's heading
    ]
    links = [(a.attrs["href"], a.text) for a in index.all("a")]
    assert links == [
        ("2020-07-20/zh.json", "JSON数据"),
        ("2020-07-20/zh.docx", "Word简报"),
        ("2020-07-20/en.html", "网页"),
        ("2020-07-20/en.json", "JSON数据"),
        ("2020-06-20/zh.html", "网页"),
    ]
    metas = [div.text for div in index.all("div", class_="meta")]
    assert metas[1].startswith("截至2020年7月20日（英文）：")
    assert "zh.html" not in "".join(names + metas)  # no file names as words
    for href, _ in links:
        assert (archive / href).is_file()


def test_an_unknown_format_is_refused_before_anything_is_written(archive: Path) -> None:
    with pytest.raises(InvalidInput, match="'pdf' is not a report format"):
        write_to_archive(bundle(), archive, ["html", "pdf"])
    assert list(archive.iterdir()) == []

"""Rendering from the database: every format, both languages, on SQLite and PostgreSQL."""

import json
import os
import re
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.reporting import dataset
from tests.reporting.dom import parse
from tracker.app.database import Database
from tracker.app.reports import render_report
from tracker.domain.errors import NotFound
from tracker.reporting.bundle import ReportBundle
from tracker.reporting.render import render_goals

GOLDEN = Path(__file__).parent / "golden"
UPDATE = bool(os.environ.get("TRACKER_UPDATE_GOLDEN"))  # set it to rewrite the golden files


def bundle(lang: str = "zh", charts: bool = False, owner: str | None = None) -> ReportBundle:
    return render_goals(
        dataset.goals(),
        dataset.figures(),
        as_of=dataset.AS_OF,
        lang=lang,
        charts=charts,
        owner=owner,
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_text_report_matches_the_golden_file(reported: Engine, lang: str) -> None:
    text = render_report(Database(reported), as_of=dataset.AS_OF, lang=lang, charts=False).text
    golden = GOLDEN / f"report-{lang}.txt"
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_the_database_and_the_pure_path_give_the_same_report(reported: Engine) -> None:
    from_db = render_report(Database(reported), as_of=dataset.AS_OF, lang="en", charts=False)
    in_memory = bundle("en")
    assert from_db.json == in_memory.json
    assert from_db.markdown == in_memory.markdown


def test_a_year_without_goals_is_refused(reported: Engine) -> None:
    with pytest.raises(NotFound, match="no goals for 2031"):
        render_report(Database(reported), as_of=dataset.AS_OF, year=2031)


def test_the_html_puts_the_lagging_section_first() -> None:
    page = parse(bundle().html)
    sections = [td.attrs["id"] for td in page.all("td") if "section" in td.attrs.get("class", "")]
    assert sections == ["behind", "overdue", "changes", "others", "owners", "notes"]
    behind = page.find("td", id="behind")
    names = [
        t.find("div").text.split()[0]
        for t in behind.all("table")
        if "goal" in t.attrs.get("class", "").split()
    ]
    assert names[:3] == ["地区生产总值增速", "规模以上工业增加值增速", "居民人均可支配收入增速"]


def test_the_html_is_a_self_contained_email_layout() -> None:
    html = bundle(charts=True).html
    page = parse(html)
    assert not page.all("script")
    assert not page.all("link")
    kept = [style.text for style in page.all("style")]  # only what cannot be inlined
    assert len(kept) == 1
    assert kept[0].lstrip().startswith("@media")
    assert re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", kept[0]).strip() == ""
    main = page.find("table", class_="main")
    assert main.attrs["width"] == "100%"  # a phone's width without CSS; 640 px at most with it
    assert "max-width: 640px" in main.attrs["style"]
    assert '<!--[if mso]><table role="presentation" width="640"' in html  # Outlook's Word engine
    for img in page.all("img"):
        assert img.attrs["src"].startswith("data:image/png;base64,")
        assert img.attrs["alt"]
    assert "http://" not in html
    assert "https://" not in html
    fill = page.find("td", class_="bar-fill")  # Outlook: widths and colours as attributes
    assert fill.attrs["width"].endswith("%")
    assert fill.attrs["bgcolor"].startswith("#")
    assert "background" in fill.attrs["style"]  # the CSS was inlined


def test_the_email_html_refers_to_the_attached_images_by_content_id() -> None:
    b = bundle(charts=True)
    sources = [img.attrs["src"] for img in parse(b.email_html).all("img")]
    assert sources == [f"cid:{image.cid}" for image in b.images]
    assert "data:" not in b.email_html  # Gmail shows no data: URI
    assert len(b.images) == 5  # gdp, industry, fai, retail, jobs: two figures or more
    assert all(image.png.startswith(b"\x89PNG\r\n\x1a\n") for image in b.images)
    assert all("<" not in image.cid and "@" in image.cid for image in b.images)


def test_user_text_is_escaped_everywhere() -> None:
    b = bundle()
    page = parse(b.html)
    assert not page.all("script")
    notes = [p.text for p in page.all("p", class_="note")]
    assert any(n.startswith("情况说明") and n.endswith(dataset.HOSTILE) for n in notes)
    assert "&lt;script&gt;" in b.html
    assert "&lt;/td&gt;" in b.html
    assert "\\<script\\>" in b.markdown
    assert "<script>" not in b.markdown


def test_status_is_said_in_words_not_only_colours() -> None:
    page = parse(bundle("en").html)
    badges = [span.text for span in page.all("span") if "badge" in span.attrs.get("class", "")]
    assert badges.count("lagging") == 3
    assert badges.count("at risk") == 3


def test_the_json_has_its_documented_keys() -> None:
    document = json.loads(bundle("en").json)
    assert list(document) == [
        "schema",
        "as_of",
        "as_known",
        "period",
        "year",
        "lang",
        "owner",
        "subject",
        "headline",
        "counts",
        "behind",
        "overdue",
        "changes",
        "goals",
        "place",
        "peers",
        "children",
        "projects",
        "owners",
        "plans",
    ]
    assert document["projects"] is None  # no key projects
    assert document["period"] == "2020-06"
    assert document["as_known"] is None  # built from goals and figures in memory
    assert document["counts"]["lagging"] == 3
    assert document["changes"] == {
        "newly_behind": ["cpi"],
        "recovered": ["retail"],
        "lagging_in_a_row": {"gdp": 2, "industry": 2},
    }
    assert document["overdue"][0] == {
        "key": "revenue",
        "period": "2020-06",
        "owner": "District Finance Bureau",
    }
    jobs = next(g for g in document["goals"] if g["key"] == "jobs")
    assert jobs["expected"] == "2150"
    assert jobs["required_per_month"] == "375"
    assert jobs["text"]["gap"] == "100 people below the expected count (95.3% of expected)"


def test_the_owner_report_holds_only_that_owners_goals() -> None:
    b = bundle("zh", owner="industry")
    assert b.owner == "industry"
    assert b.subject == "【2020年6月】区工信局目标进度：1项落后"
    assert [g["key"] for g in json.loads(b.json)["goals"]] == ["industry", "energy"]
    assert "城镇新增就业" not in b.text
    assert "城镇新增就业" not in b.html


def test_both_languages_come_from_the_same_templates() -> None:
    zh, en = parse(bundle("zh").html), parse(bundle("en").html)
    assert zh.find("html").attrs["lang"] == "zh-CN"
    assert en.find("html").attrs["lang"] == "en"
    assert zh.find("h2").text == "未达目标"
    assert en.find("h2").text == "Behind the target"
    assert bundle("en").counts == bundle("zh").counts

"""The Word briefing (``--format docx``) opened back with python-docx, converted by
LibreOffice, and the format registry that renders a format only when it is asked for."""

import io
import os
import pty
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from tests.reporting import dataset
from tests.sheets.test_workbooks import libreoffice
from tracker.domain.errors import InvalidInput
from tracker.reporting.bundle import ReportBundle
from tracker.reporting.formats import DEFAULT, FORMATS, format_for, format_named
from tracker.reporting.league import Neighbourhood
from tracker.reporting.render import render_goals, write_to_archive
from tracker.reporting.settings import ReportSettings


def bundle(lang: str = "zh", charts: bool = False) -> ReportBundle:
    return render_goals(
        dataset.goals(), dataset.figures(), as_of=dataset.AS_OF, lang=lang, charts=charts
    )


def opened(content: str | bytes) -> docx.document.Document:
    assert isinstance(content, bytes)
    return docx.Document(io.BytesIO(content))


def paragraphs(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.paragraphs]


NEAR = Neighbourhood(
    "zone", ("zone", "east"), "city", {"zone": "示范区", "east": "东城区", "city": "全市"},
    {"zone": "示范区", "east": "东城区", "city": "全市"}, {},
)  # fmt: skip


def placed(lang: str = "zh") -> ReportBundle:
    """The dataset's report of the 示范区, among one peer (no figures of its own: ranks '—')."""
    return render_goals(
        dataset.goals(), dataset.figures(), as_of=dataset.AS_OF, lang=lang, charts=False,
        near=NEAR, as_known=datetime(2020, 7, 20, 1, 30, 5, tzinfo=UTC),
    )  # fmt: skip


def body(document: docx.document.Document) -> list[str]:
    """The body in order: each paragraph's text, and '<table>' where a table is."""
    found = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            found.append("<table>")
        elif child.tag == qn("w:p"):
            found.append("".join(t.text or "" for t in child.iter(qn("w:t"))))
    return found


def test_the_briefing_has_the_masthead_fields_then_the_table_then_its_sections() -> None:
    b = placed()
    text = body(opened(b.formatted("docx")))
    assert text[:6] == [
        "示范区目标进度简报",
        "第6期",
        "示范区统计局编2020年7月20日",  # the two ends of one line, a tab between them
        "示范区2020年6月主要指标完成情况",  # the title: not the masthead again
        "主要指标完成情况表",
        "<table>",
    ]
    headings = [t for t in text if t[:2] in ("一、", "二、", "三、")]
    assert headings == ["一、总体情况", "二、未达目标", "三、逾期未报"]
    assert text.index("一、总体情况") == 6
    assert "（一）地区生产总值增速（落后）" in text
    assert (
        "上半年地区生产总值同比增长1.9%，低于年度目标6.1个百分点，比一季度回升4.5个百分点。"
        "责任单位：区统计局；连续2期落后。"
    ) in text
    assert "情况说明：重点企业产能逐步恢复" in text
    assert "一般公共预算收入增速：1-6月数据尚未报送（责任单位：区财政局）。" in text
    assert "本报告依据截至2020年7月20日 9:30:05录入的数据和目标生成。" in text
    assert text[-3].startswith("报：")
    assert text[-2] == "送：" + "，".join(dict.fromkeys(line.owner for line in b.context.lines))
    assert text[-1] == "示范区统计局2020年7月20日印发"


def test_no_paragraph_is_printed_twice_and_each_line_once() -> None:
    text = [t for t in body(opened(placed().formatted("docx"))) if t and t != "<table>"]
    assert len(text) == len(set(text))
    whole = "\n".join(text)
    assert whole.count("后6个月需月均完成375人") == 1
    assert whole.count("示范区2020年6月") == 1  # the title, once; the masthead is the brief's


def test_the_table_holds_every_goal_in_the_overview_order_with_its_status_cell_coloured() -> None:
    b = placed()
    [table] = opened(b.formatted("docx")).tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["指标", "单位", "本期", "总量", "同比增长(%)", "年度目标", "差距/完成进度",
                       "位次", "状态"]  # fmt: skip
    assert [r[0] for r in rows[1:]] == [row.name for row in b.context.overview.rows]
    assert rows[1] == ["地区生产总值增速", "—", "上半年", "—", "1.9", "8%左右", "低6.1个百分点",
                       "—", "落后"]  # fmt: skip
    fills = [row.cells[-1]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) for row in table.rows[1:4]]
    assert fills == ["C62828", "C62828", "F9C623"]  # red, red, yellow


def test_without_places_the_table_has_no_rank_column() -> None:
    [table] = opened(bundle().formatted("docx")).tables
    assert "位次" not in [cell.text for cell in table.rows[0].cells]
    assert len(table.rows[0].cells) == 8
    assert len(table._tbl.tblGrid.findall(qn("w:gridCol"))) == 8


def test_every_page_is_numbered_in_the_form_of_official_documents() -> None:
    document = opened(bundle().formatted("docx"))
    footer = document.sections[0].footer.paragraphs[0]
    assert footer.text == "— 1 —"  # the field's cached value between one-character dashes
    instructions = [t.text for t in footer._p.iter(qn("w:instrText"))]
    assert instructions == [" PAGE "]
    assert footer.alignment is None
    assert footer.style.name == "简报页码"
    assert footer.style.paragraph_format.alignment == 1  # centred


def test_the_office_template_from_the_config_folder_is_used(tmp_path: Path) -> None:
    from tracker.reporting.briefing import DEFAULTS

    own = docx.Document(str(DEFAULTS / "briefing.docx"))
    own.paragraphs[0].runs[0].text = "{{ place }}经济运行简报"
    own.save(str(tmp_path / "briefing.docx"))
    b = render_goals(
        dataset.goals(), dataset.figures(), as_of=dataset.AS_OF, lang="zh",
        settings=ReportSettings(templates=tmp_path),
    )  # fmt: skip
    assert body(opened(b.formatted("docx")))[0] == "经济运行简报"
    english = render_goals(
        dataset.goals(), dataset.figures(), as_of=dataset.AS_OF, lang="en",
        settings=ReportSettings(templates=tmp_path),
    )  # fmt: skip
    assert body(opened(english.formatted("docx")))[0] == "Goal progress briefing"  # shipped


@pytest.mark.parametrize(
    ("tag", "words"), [("{{ plcae }}", "'plcae' is undefined"), ("{% if %}", "Expected an")]
)
def test_a_template_tag_that_cannot_be_filled_is_refused_naming_the_file(
    tmp_path: Path, tag: str, words: str
) -> None:
    from tracker.reporting.briefing import DEFAULTS

    own = docx.Document(str(DEFAULTS / "briefing.docx"))
    own.paragraphs[0].runs[0].text = tag
    own.save(str(tmp_path / "briefing.docx"))
    b = render_goals(
        dataset.goals(), dataset.figures(), as_of=dataset.AS_OF, lang="zh",
        settings=ReportSettings(templates=tmp_path),
    )  # fmt: skip
    with pytest.raises(
        InvalidInput,
        match=rf"briefing template .*briefing.docx could not be "
        rf"filled \(.*{words}.*remove the file to use the shipped one",
    ) as refused:
        b.formatted("docx")  # fmt: skip
    assert "简报模板" in refused.value.zh


def test_user_text_stays_text_in_the_briefing() -> None:
    content = bundle().formatted("docx")
    assert isinstance(content, bytes)
    assert "情况说明：" + dataset.HOSTILE in body(opened(content))
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
    assert "&lt;script&gt;" in xml


def test_its_chinese_text_names_an_east_asian_font() -> None:
    document = opened(bundle("zh").formatted("docx"))
    for name, font in [("简报正文", "仿宋"), ("简报一级标题", "黑体"), ("简报二级标题", "楷体")]:
        fonts = document.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == font
    body_style = document.styles["简报正文"]
    assert body_style.font.size == docx.shared.Pt(16)  # 3号
    language = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert language.get(qn("w:eastAsia")) == "zh-CN"


def test_a_report_with_no_goal_behind_says_so() -> None:
    goals = [g for g in dataset.goals() if g.key == "retail"]  # on track
    b = render_goals(goals, dataset.figures(), as_of=dataset.AS_OF, lang="en", charts=False)
    assert not b.context.behind
    assert "No goal is behind its target." in paragraphs(opened(b.formatted("docx")))


def test_only_the_format_asked_for_is_rendered() -> None:
    b = bundle(charts=True)
    assert b.context.charts  # there are charts to draw
    b.formatted("json")
    assert not {"email", "html", "text", "markdown"} & set(vars(b))
    b.formatted("docx")
    assert "html" not in vars(b)  # the briefing has no charts: the page is not drawn for it
    assert b.formatted("html") == b.html
    assert "html" in vars(b)  # the page, with its charts: drawn now, once


def test_every_format_is_registered_once_with_its_own_suffix() -> None:
    assert [f.name for f in FORMATS] == ["html", "text", "md", "json", "docx"]
    assert len({f.suffix for f in FORMATS}) == len(FORMATS)
    assert DEFAULT == ("html", "text", "md", "json")  # the briefing is written when asked for
    assert [format_for(Path("a" + f.suffix), None) for f in FORMATS] == [f.name for f in FORMATS]
    assert format_for(Path("a.HTM"), None) == "html"
    assert format_named("docx").binary
    assert not format_named("md").binary
    with pytest.raises(
        InvalidInput, match=r"names a docx file but --format is html; name it a\.html"
    ):
        format_for(Path("a.docx"), "html")


def test_the_same_report_gives_the_same_briefing_bytes() -> None:
    assert bundle().formatted("docx") == bundle().formatted("docx")


def test_the_archive_holds_the_briefing_and_its_index_links_it(archive: Path) -> None:
    b = bundle()
    [path] = write_to_archive(b, archive, ["docx"])
    assert path == archive / "2020-07-20" / "zh.docx"
    assert path.read_bytes() == b.formatted("docx")
    assert 'href="2020-07-20/zh.docx"' in (archive / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_libreoffice_opens_the_briefing_and_converts_it_to_pdf(tmp_path: Path, lang: str) -> None:
    source = tmp_path / f"briefing-{lang}.docx"
    source.write_bytes(bundle(lang).formatted("docx"))
    profile = (tmp_path / "profile").as_uri()
    done = subprocess.run(
        [libreoffice(), "--headless", "--norestore", f"-env:UserInstallation={profile}",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180, text=True,
    )  # fmt: skip
    pdf = tmp_path / f"briefing-{lang}.pdf"
    assert pdf.is_file(), done.stdout + done.stderr  # Writer missing: "could not be loaded"
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF-")
    assert len(content) > 10_000  # text and a table, not an empty page
    pages = len(re.findall(rb"/Type\s*/Page\b", content))
    assert 2 <= pages <= 6, pages
    subprocess.run(
        [libreoffice(), "--headless", "--norestore", f"-env:UserInstallation={profile}",
         "--convert-to", "fodt", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    flat = (tmp_path / f"briefing-{lang}.fodt").read_text(encoding="utf-8")
    footer = flat[flat.index("<style:footer>") : flat.index("</style:footer>")]
    number = r"— <text:page-number[^>]*>\d+</text:page-number>(<text:s/>| )—"
    assert re.search(number, footer), footer


@pytest.mark.slow
def test_the_briefing_is_refused_on_a_terminal(loaded, database_url: str, tmp_path: Path) -> None:
    tracker = shutil.which("tracker", path=str(Path(sys.executable).parent))
    assert tracker is not None
    env = {**os.environ, "TRACKER_DATABASE_URL": database_url}
    main, terminal = pty.openpty()
    try:
        done = subprocess.run(
            [tracker, "report", "--as-of", "2020-07-20", "-f", "docx", "-o", "-"],
            stdout=terminal, stderr=subprocess.PIPE, env=env, timeout=120, text=True,
        )  # fmt: skip
    finally:
        os.close(terminal)
        os.close(main)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "Error: docx is a binary format, not for a terminal; write it to a file with "
        "-o report.docx, or redirect the output.",
        "错误：docx 是二进制格式，不能显示在终端；请用 -o report.docx 写入文件，或重定向输出。",
    ]


def test_the_goals_behind_are_numbered_as_documents_write_it() -> None:
    from tracker.reporting.briefing import _numeral
    from tracker.reporting.language import Words

    zh = Words("zh")
    said = [_numeral(zh, n) for n in (1, 9, 10, 11, 20, 21, 99, 100, 1000)]
    assert said == ["一", "九", "十", "十一", "二十", "二十一", "九十九", "100", "1000"]
    assert _numeral(Words("en"), 12) == "12"

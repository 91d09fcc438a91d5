"""The Word briefing (``--format docx``) opened back with python-docx, converted by
LibreOffice, and the format registry that renders a format only when it is asked for."""

import io
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from tests.reporting import dataset
from tests.sheets.test_workbooks import libreoffice
from tracker.domain.errors import InvalidInput
from tracker.reporting.bundle import ReportBundle
from tracker.reporting.formats import DEFAULT, FORMATS, format_for, format_named
from tracker.reporting.render import render_goals, write_to_archive


def bundle(lang: str = "zh", charts: bool = False) -> ReportBundle:
    return render_goals(
        dataset.goals(), dataset.figures(), as_of=dataset.AS_OF, lang=lang, charts=charts
    )


def opened(content: str | bytes) -> docx.document.Document:
    assert isinstance(content, bytes)
    return docx.Document(io.BytesIO(content))


def paragraphs(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.paragraphs]


@pytest.mark.parametrize(
    ("lang", "masthead", "behind", "owner_line"),
    [
        ("zh", "目标进度简报", "一、未达目标", "责任单位：区统计局；连续2期落后"),
        ("en", "Goal progress briefing", "1. Behind the target", "Owner: District Statistics "
         "Bureau; lagging 2 periods in a row"),
    ],
)  # fmt: skip
def test_it_writes_a_briefing_with_title_date_headline_owners_and_every_goal(
    lang: str, masthead: str, behind: str, owner_line: str
) -> None:
    b = bundle(lang)
    ctx = b.context
    document = opened(b.formatted("docx"))
    text = paragraphs(document)
    assert text[:4] == [
        masthead,
        f"{ctx.period_text}  ·  {ctx.as_of_text}",
        ctx.title,
        ctx.headline,
    ]
    assert text[4] == behind
    for line in ctx.behind:  # every goal behind: its status, name and owner
        word = f"【{line.status_word}】" if lang == "zh" else f"[{line.status_word}] "
        assert word + line.name in text
    assert owner_line in text  # GDP, lagging twice in a row, owned by the statistics bureau
    assert [line.name for line in ctx.behind][:1] == ["地区生产总值增速" if lang == "zh" else
                                                    "GDP growth"]  # fmt: skip
    [table] = document.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert len(rows) == 1 + len(ctx.lines) == 13
    assert [r[:3] for r in rows[1:]] == [[x.name, x.owner, x.status_word] for x in ctx.lines]
    assert rows[1][3:] == [f"{ctx.lines[0].period} {ctx.lines[0].value}", ctx.lines[0].target,
                           ctx.lines[0].gap]  # fmt: skip
    assert document.core_properties.title == ctx.title


def test_its_chinese_text_names_an_east_asian_font() -> None:
    document = opened(bundle("zh").formatted("docx"))
    for name, font in [("Normal", "宋体"), ("Heading 1", "黑体"), ("Heading 2", "黑体")]:
        fonts = document.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == font
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

"""The key projects in the Word brief (简报): the 重点项目 section of the goals' brief, and the
brief of the projects' report alone (docs/projects.md, "Reports").

  四、重点项目                         the 调度通报's sentence
                                     each project behind: status, name, level, share of plan and
                                     gap, overdue milestones, owner and leader
                                     each place's totals with its rank (a place with children)
                                     every project in a table: name, level, plan, done, share,
                                     status, owner
"""

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import TYPE_CHECKING

from tracker.reporting.context import ReportContext
from tracker.reporting.project_context import ProjectLine, ProjectSection

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

TABLE_PT = 10.5  # 五号
COLUMNS_CM = (5.0, 1.6, 1.7, 1.7, 1.6, 1.6, 2.8)  # name, level, plan, done, share, status, owner
PLACE_COLUMNS_CM = (4.0, 1.8, 2.4, 2.4, 2.0, 1.6)  # place, projects, plan, done, share, rank


@dataclass(frozen=True)
class Styling:
    """How the goals' brief dresses a document (``tracker.reporting.briefing``): its fonts,
    its A4 page, the red rule under the masthead, its fixed zip times; the projects' brief
    alone looks the same."""

    fonts: Callable[["Document", str], None]
    a4: Callable[["Document"], None]
    rule: Callable[["Paragraph"], None]
    stable: Callable[[bytes], bytes]
    red: str
    heading_font: tuple[str, str]


def add_projects(
    document: "Document", section: ProjectSection | None, numbers: Iterator[str]
) -> None:
    """The 重点项目 section, headed by the next of ``numbers`` (四、) and its heading; nothing
    without projects."""
    if section is None:
        return
    words = section.words
    document.add_heading(next(numbers) + section.heading, level=2)
    document.add_paragraph(section.sentence)
    if section.behind:
        document.add_paragraph().add_run(words["behind"]).bold = True
    for line in section.behind:
        _behind(document, section, line)
    if not section.behind:
        document.add_paragraph(words["none"])
    if section.unreported:
        document.add_paragraph(
            words["unreported"] + words["colon"] + words["sep"].join(section.unreported)
        )
    if section.places:
        document.add_paragraph().add_run(words["places"]).bold = True
        headers = [
            words["place"],
            words["count"],
            words["plan"],
            words["done"],
            words["share"],
            words["rank"],
        ]
        rows = [[t.name, str(t.count), t.plan, t.done, t.share, t.rank] for t in section.places]
        _table(document, headers, rows, PLACE_COLUMNS_CM)
    if section.table:
        document.add_paragraph().add_run(words["all"]).bold = True
        headers = [words[k] for k in ("name", "level", "plan", "done", "share", "status", "owner")]
        rows = [
            [line.name + (f"（{line.place}）" if line.place else ""), line.level, line.plan,
             line.done, line.share, line.status_word, line.owner]
            for line in section.table
        ]  # fmt: skip
        _table(document, headers, rows, COLUMNS_CM)


def _behind(document: "Document", section: ProjectSection, line: ProjectLine) -> None:
    from docx.shared import RGBColor

    words = section.words
    heading = document.add_paragraph()
    zh = section.lang == "zh"
    status = heading.add_run(f"【{line.status_word}】" if zh else f"[{line.status_word}] ")
    status.bold, status.font.color.rgb = True, RGBColor.from_string(line.colour.lstrip("#").upper())
    heading.add_run(line.name + (f"（{line.place}）" if line.place else "")).bold = True
    said = words["sep"].join(p for p in (line.level, line.said, line.overdue) if p)
    document.add_paragraph(said)
    who = words["owner"] + words["colon"] + line.owner
    if line.leader:
        who += words["sep"] + words["leader"] + words["colon"] + line.leader
    document.add_paragraph(who)


def _table(
    document: "Document", headers: list[str], rows: list[list[str]], widths: tuple[float, ...]
) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Cm, Pt

    table = document.add_table(rows=1, cols=len(headers), style="Table Grid")
    table.alignment, table.autofit = WD_TABLE_ALIGNMENT.CENTER, False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for cell, header, width in zip(table.rows[0].cells, headers, widths, strict=True):
        cell.width = Cm(width)
        run = cell.paragraphs[0].add_run(header)
        run.bold, run.font.size = True, Pt(TABLE_PT)
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.paragraphs[0].add_run(value).font.size = Pt(TABLE_PT)


def projects_docx(ctx: ReportContext, styling: Styling) -> bytes:
    """The brief of the key projects' report alone: the masthead 重点项目调度通报, the period
    and the date, the title, then the section."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    section = ctx.projects
    assert section is not None
    document = docx.Document()
    styling.fonts(document, ctx.lang)
    styling.a4(document)
    document.core_properties.title = ctx.title
    day = datetime.combine(ctx.as_of, time(), UTC)
    document.core_properties.created = document.core_properties.modified = day
    document.core_properties.language = "zh-CN" if ctx.lang == "zh" else "en-US"
    masthead = document.add_paragraph()
    masthead.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = masthead.add_run(section.words["title"] if ctx.lang == "zh" else "Key projects")
    run.font.size, run.font.bold = Pt(26), True
    run.font.color.rgb = RGBColor.from_string(styling.red)
    run.font.name = styling.heading_font[0]
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), styling.heading_font[1])
    dateline = document.add_paragraph(f"{ctx.period_text}  ·  {ctx.as_of_text}")
    dateline.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styling.rule(dateline)
    title = document.add_paragraph(style="Heading 1")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(ctx.title)
    document.add_paragraph().add_run(ctx.headline).bold = True
    add_projects(document, section, iter(["一、" if ctx.lang == "zh" else "1. "]))
    if ctx.as_known:
        document.add_paragraph(section.words["known"].format(moment=ctx.as_known))
    out = io.BytesIO()
    document.save(out)
    return styling.stable(out.getvalue())

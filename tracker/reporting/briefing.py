"""The Word briefing (``tracker report --format docx``): the report in the layout of a 简报,
made with python-docx.

  目标进度简报                         masthead, red, centred
  2020年6月数据 · 2020年7月20日          the period and the as-of date
  ────────────────────────────        a red rule
  2020年6月目标进度                     the report's title
  截至……共12项目标，其中……              the headline (the verdict)
  一、未达目标                          each goal behind: status, name, sentence, owner
  二、逾期未报                          figures due and not in (when there are any)
  三、全部目标                          a table: indicator, owner, status, figure, target, gap
  说明                                 the notes

Chinese runs name an East Asian font (``w:eastAsia``: 宋体, headings 黑体) so Word shows them
in a Chinese typeface whatever the Latin font is.
"""

import io
from datetime import UTC, datetime, time
from typing import TYPE_CHECKING

from tracker.reporting.context import Line, ReportContext
from tracker.reporting.language import Words

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

    from tracker.reporting.project_briefing import Styling

RED = "C00000"
BODY_FONT = ("Times New Roman", "宋体")  # (Latin, East Asian)
HEADING_FONT = ("Arial", "黑体")
NUMERALS = "一二三四五六七八九十"
# The elements that follow w:pBdr in w:pPr, and w:lang in w:rPr (ECMA-376 part 1, 17.3.1.26
# and 17.3.2.28): a new one goes before the first of them present.
AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
TABLE_PT = 10.5  # 五号, the size of a table in an official document
COLUMNS_CM = (3.2, 3.0, 1.9, 2.4, 2.2, 3.3)  # indicator, owner, status, figure, target, gap
AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def briefing_docx(ctx: ReportContext) -> bytes:
    """The briefing of ``ctx`` as the bytes of a .docx file (Office Open XML), in the report's
    language (``ctx.lang``: zh or en)."""
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    w = Words(ctx.lang)
    document = docx.Document()
    _fonts(document, ctx.lang)
    _a4(document)
    document.core_properties.title = ctx.title
    day = datetime.combine(ctx.as_of, time(), UTC)  # the report's date, not the clock's
    document.core_properties.created = document.core_properties.modified = day
    document.core_properties.language = "zh-CN" if ctx.lang == "zh" else "en-US"

    masthead = document.add_paragraph()
    masthead.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = masthead.add_run(w("Goal progress briefing"))
    run.font.size, run.font.bold, run.font.color.rgb = Pt(26), True, RGBColor.from_string(RED)
    run.font.name = HEADING_FONT[0]
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), HEADING_FONT[1])
    dateline = document.add_paragraph(f"{ctx.period_text}  ·  {ctx.as_of_text}")
    dateline.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _rule_below(dateline)

    title = document.add_paragraph(style="Heading 1")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(ctx.title)
    document.add_paragraph().add_run(ctx.headline).bold = True

    sections = iter(_numbered(ctx.lang))
    document.add_heading(next(sections) + w("Behind the target"), level=2)
    for line in ctx.behind:
        _behind(document, w, line)
    if not ctx.behind:
        document.add_paragraph(w("No goal is behind its target."))
    if ctx.overdue:
        document.add_heading(next(sections) + w("Overdue figures"), level=2)
        for line in ctx.overdue:
            text = w("%(name)s: the %(period)s figure is not in yet", name=line.name,
                     period=line.overdue)  # fmt: skip
            document.add_paragraph(
                text + w("; ") + w("Owner") + w(": ") + line.owner, style="List Bullet"
            )

    document.add_heading(next(sections) + w("All goals"), level=2)
    headers = [w("Indicator"), w("Owner"), w("Status"), w("Latest figure"), w("Target"), w("Gap")]
    table = document.add_table(rows=1, cols=len(headers), style="Table Grid")
    table.alignment, table.autofit = WD_TABLE_ALIGNMENT.CENTER, False
    for column, width in zip(table.columns, COLUMNS_CM, strict=True):
        column.width = Cm(width)  # the grid (LibreOffice reads it); each new row copies it
    for cell, header, width in zip(table.rows[0].cells, headers, COLUMNS_CM, strict=True):
        cell.width = Cm(width)  # Word reads the cells' widths
        run = cell.paragraphs[0].add_run(header)
        run.bold, run.font.size = True, Pt(TABLE_PT)
    for line in ctx.lines:
        figure = " ".join(p for p in (line.period, line.value) if p) if line.value else "—"
        values = [line.name, line.owner, line.status_word, figure, line.target, line.gap or "—"]
        runs = [
            cell.paragraphs[0].add_run(value)
            for cell, value in zip(table.add_row().cells, values, strict=True)
        ]
        for run in runs:
            run.font.size = Pt(TABLE_PT)
        runs[2].font.color.rgb = RGBColor.from_string(line.colour.lstrip("#").upper())

    from tracker.reporting.project_briefing import add_projects

    add_projects(document, ctx.projects, sections)  # 重点项目, when there are (docs/projects.md)
    if ctx.footnotes or ctx.as_known:
        document.add_heading(w("Notes"), level=3)
        for number, note in enumerate(ctx.footnotes, start=1):
            document.add_paragraph(f"{number}. {note}")
        if ctx.as_known:
            built = w("Built from the figures and goals recorded by %(moment)s.",
                      moment=ctx.as_known)  # fmt: skip
            document.add_paragraph(built)
    out = io.BytesIO()
    document.save(out)
    return _stable(out.getvalue())


def brief_styling() -> "Styling":
    """How this brief dresses a document, for the key projects' brief alone to look the same
    (``tracker.reporting.project_briefing``)."""
    from tracker.reporting.project_briefing import Styling

    return Styling(_fonts, _a4, _rule_below, _stable, RED, HEADING_FONT)


def _stable(package: bytes) -> bytes:
    """The .docx package with fixed times in its zip entries, so that the same report gives
    the same bytes (an archived briefing rebuilt with ``--as-known`` is identical)."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(entry))
    return out.getvalue()


def _behind(document: "Document", w: Words, line: Line) -> None:
    """One goal behind its target: its status and name, what it says, its owner."""
    from docx.shared import RGBColor

    heading = document.add_paragraph()
    status = heading.add_run(
        f"【{line.status_word}】" if w.lang == "zh" else f"[{line.status_word}] "
    )
    status.bold, status.font.color.rgb = True, RGBColor.from_string(line.colour.lstrip("#").upper())
    heading.add_run(line.name).bold = True
    said = line.sentence or w("; ").join(p for p in (line.value, line.gap, line.change) if p)
    if said:
        document.add_paragraph(said)
    if line.requirement:
        document.add_paragraph(line.requirement)
    owner = w("Owner") + w(": ") + line.owner
    if line.streak >= 2:
        owner += w("; ") + w.plural(
            "lagging %(num)s period in a row", "lagging %(num)s periods in a row", line.streak,
            num=line.streak,
        )  # fmt: skip
    document.add_paragraph(owner)
    if line.note:
        document.add_paragraph(w("Explanation") + w(": ") + line.note)


def _numbered(lang: str) -> list[str]:
    """Section numbers as briefings write them: 一、二、… / 1. 2. …"""
    if lang == "zh":
        return [f"{n}、" for n in NUMERALS]
    return [f"{n}. " for n in range(1, len(NUMERALS) + 1)]


def _fonts(document: "Document", lang: str) -> None:
    """Body and heading styles in fonts that hold Chinese: the East Asian font named in
    ``w:rFonts/@w:eastAsia`` (python-docx sets only the Latin one), the language marked."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    for name, (latin, east_asian), size in [
        ("Normal", BODY_FONT, 12),
        ("Heading 1", HEADING_FONT, 18),
        ("Heading 2", HEADING_FONT, 14),
        ("Heading 3", HEADING_FONT, 12),
        ("List Bullet", BODY_FONT, 12),
    ]:
        style = document.styles[name]
        font = style.font
        font.name, font.size = latin, Pt(size)
        if name.startswith("Heading"):
            font.color.rgb = RGBColor(0, 0, 0)
        properties = style.element.get_or_add_rPr()
        fonts = properties.get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), east_asian)
        language = properties.find(qn("w:lang"))
        if language is None:
            language = properties.makeelement(qn("w:lang"), {})
            properties.insert_element_before(language, *AFTER_LANG)
        language.set(qn("w:eastAsia"), "zh-CN")
        language.set(qn("w:val"), "zh-CN" if lang == "zh" else "en-US")


def _a4(document: "Document") -> None:
    """A4 paper, 2.5 cm margins left and right (16 cm of text), as official documents use."""
    from docx.shared import Cm

    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)


def _rule_below(paragraph: "Paragraph") -> None:
    """A red rule under ``paragraph`` (its bottom border), as under a briefing's masthead."""
    from docx.oxml.ns import qn

    properties = paragraph._p.get_or_add_pPr()
    borders = properties.makeelement(qn("w:pBdr"), {})
    bottom = borders.makeelement(
        qn("w:bottom"), {qn("w:val"): "single", qn("w:sz"): "18", qn("w:space"): "1",
                         qn("w:color"): RED},
    )  # fmt: skip
    borders.append(bottom)
    properties.insert_element_before(borders, *AFTER_PBDR)  # Word wants the schema's order

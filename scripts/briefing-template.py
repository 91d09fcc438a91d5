"""Make the shipped briefing templates: tracker/reporting/docx/briefing.docx (Chinese)
and briefing-en.docx (English), the Word files an office copies into its config folder and
edits.

Usage: .venv/bin/python scripts/briefing-template.py

Each is an ordinary .docx with docxtpl's tags in its text ({{ title }}, {%p for … %}, {%tr … %},
{% cellbg … %}): what ``tracker.reporting.briefing`` fills is documented in docs/reports.md,
"The Word briefing". The layout follows what offices do for a 简报 (GB/T 9704-2012 where it
applies): A4, margins 37/35/28/26 mm, body 3号 仿宋 (16 pt) at a fixed 28 pt line, level-one
headings 3号 黑体, level-two 3号 楷体, the title 2号 (22 pt) 黑体 (offices with 方正小标宋 change
the style), the masthead in red, 第N期, the editing unit and the date over a red rule, the table in
仿宋 五号, the 版记 (报/送/印发) between rules at the end, page numbers "— 1 —" in 4号 宋体 at the
foot. Every piece of it is a named style (简报正文, 简报一级标题, …) an office can change in Word.
"""

import sys
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

ROOT = Path(__file__).resolve().parents[1]
RED = "C00000"
LATIN = "Times New Roman"
WORDS = {
    "zh": {
        "masthead": "{{ place }}{% if projects_alone %}重点项目调度通报{% else %}目标进度简报"
        "{% endif %}",
        "issue": "第{{ issue }}期",
        "editor": "{{ editor }}编",
        "headers": [
            "指标",
            "单位",
            "本期",
            "总量",
            "同比增长(%)",
            "年度目标",
            "差距/完成进度",
            "位次",
            "状态",
        ],
        "summary": "一、总体情况",
        "behind": "二、未达目标",
        "behind_item": "（{{ line.number }}）{{ line.name }}（{{ line.word }}）",
        "none": "没有未达目标的指标。",
        "overdue": "三、逾期未报",
        "notes": "注：",
        "note": "{{ loop.index }}．{{ note }}",
        "projects": "{{ projects.number }}、重点项目",
        "project_item": "{{ item.number }}．{{ item.name }}（{{ item.word }}）：{{ item.said }}"
        "{{ item.owner }}",
        "projects_none": "没有滞后项目。",
        "places_title": "各地区重点项目完成情况",
        "place_headers": [
            "位次",
            "地区",
            "项目数",
            "年度计划（亿元）",
            "累计完成（亿元）",
            "占计划",
        ],
        "projects_title": "重点项目完成情况表",
        "project_headers": [
            "项目名称",
            "级别",
            "年度计划（亿元）",
            "累计完成（亿元）",
            "占计划",
            "状态",
            "责任单位",
        ],
        "report_to": "报：{{ report_to }}",
        "send_to": "送：{{ send_to }}",
        "printed": "{{ editor }}\t{{ issued }}印发",
    },
    "en": {
        "masthead": "{% if projects_alone %}{% if place %}{{ place }} key projects bulletin"
        "{% else %}Key projects bulletin{% endif %}{% elif place %}{{ place }} goal progress "
        "briefing{% else %}Goal progress briefing{% endif %}",
        "issue": "No. {{ issue }}",
        "editor": "Edited by {{ editor }}",
        "headers": [
            "Indicator",
            "Unit",
            "Period",
            "Total",
            "Growth (%)",
            "Annual target",
            "Gap or progress",
            "Rank",
            "Status",
        ],
        "summary": "1. Overview",
        "behind": "2. Behind the target",
        "behind_item": "({{ line.number }}) {{ line.name }} ({{ line.word }})",
        "none": "No goal is behind its target.",
        "overdue": "3. Overdue figures",
        "notes": "Notes:",
        "note": "{{ loop.index }}. {{ note }}",
        "projects": "{{ projects.number }}. Key projects",
        "project_item": "{{ item.number }}. {{ item.name }} ({{ item.word }}): {{ item.said }}"
        "{{ item.owner }}",
        "projects_none": "No project is behind.",
        "places_title": "Key projects by place",
        "place_headers": [
            "Rank",
            "Place",
            "Projects",
            "Plan (100m yuan)",
            "Done (100m yuan)",
            "Share of plan",
        ],
        "projects_title": "Key projects",
        "project_headers": [
            "Project",
            "Level",
            "Plan (100m yuan)",
            "Done (100m yuan)",
            "Share of plan",
            "Status",
            "Owner",
        ],
        "report_to": "To: {{ report_to }}",
        "send_to": "Copied to: {{ send_to }}",
        "printed": "{{ editor }}\tIssued {{ issued }}",
    },
}
TEXT_MM = 156  # the width of the text: A4 less margins of 28 and 26 mm
COLUMNS_MM = (27, 10, 14, 15, 14, 21, 28, 10, 17)  # 156 mm
PLACE_COLUMNS_MM = (14, 40, 18, 30, 30, 24)  # rank, place, projects, plan, done, share
PROJECT_COLUMNS_MM = (44, 16, 20, 20, 16, 16, 24)  # name, level, plan, done, share, status, owner
# (name, East Asian font, size in points, bold, centred, first-line indent in characters)
STYLES = [
    ("简报报头", "宋体", 36, True, True, 0),
    ("简报期号", "仿宋", 16, False, True, 0),
    ("简报编发", "仿宋", 16, False, False, 0),
    ("简报标题", "黑体", 22, False, True, 0),
    ("简报表题", "黑体", 14, False, True, 0),
    ("简报表格", "仿宋", 10.5, False, False, 0),
    ("简报一级标题", "黑体", 16, False, False, 2),
    ("简报二级标题", "楷体", 16, False, False, 2),
    ("简报正文", "仿宋", 16, False, False, 2),
    ("简报附注", "仿宋", 12, False, False, 0),
    ("简报版记", "仿宋", 14, False, False, 0),
    ("简报页码", "宋体", 14, False, True, 0),
]


def main() -> int:
    for lang, name in (("zh", "briefing.docx"), ("en", "briefing-en.docx")):
        path = ROOT / "tracker" / "reporting" / "docx" / name
        template(lang).save(str(path))
        print(path.relative_to(ROOT))
    return 0


def template(lang: str) -> Any:
    words = WORDS[lang]
    document = docx.Document()
    _page(document)
    _styles(document, lang)
    document.core_properties.title = "{{ title }}"
    document.core_properties.author = "{{ editor }}"
    masthead = document.add_paragraph(style="简报报头")
    run = masthead.add_run(words["masthead"])
    run.font.color.rgb = RGBColor.from_string(RED)
    document.add_paragraph(words["issue"], style="简报期号")
    editor = document.add_paragraph(f"{words['editor']}\t{{{{ issued }}}}", style="简报编发")
    editor.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_MM), WD_TAB_ALIGNMENT.RIGHT)
    _rule(editor, "bottom", RED, 18)
    document.add_paragraph("{{ title }}", style="简报标题")
    document.add_paragraph("{%p if not projects_alone %}", style="简报正文")
    document.add_paragraph("{{ table_title }}", style="简报表题")
    _table(document, words)
    document.add_paragraph(words["summary"], style="简报一级标题")
    _loop(document, "for text in summary", "{{ text }}", "简报正文")
    document.add_paragraph(words["behind"], style="简报一级标题")
    document.add_paragraph("{%p for line in behind %}", style="简报正文")
    document.add_paragraph(words["behind_item"], style="简报二级标题")
    document.add_paragraph("{{ line.said }}{{ line.owner }}", style="简报正文")
    document.add_paragraph("{%p if line.note %}", style="简报正文")
    document.add_paragraph("{{ line.note }}", style="简报正文")
    document.add_paragraph("{%p endif %}", style="简报正文")
    document.add_paragraph("{%p endfor %}", style="简报正文")
    document.add_paragraph("{%p if not behind %}", style="简报正文")
    document.add_paragraph(words["none"], style="简报正文")
    document.add_paragraph("{%p endif %}", style="简报正文")
    document.add_paragraph("{%p if overdue %}", style="简报正文")
    document.add_paragraph(words["overdue"], style="简报一级标题")
    _loop(document, "for text in overdue", "{{ text }}", "简报正文")
    document.add_paragraph("{%p endif %}", style="简报正文")
    document.add_paragraph("{%p endif %}", style="简报正文")  # not projects_alone
    _projects(document, words)
    document.add_paragraph("{%p if notes %}", style="简报附注")
    document.add_paragraph(words["notes"], style="简报附注").paragraph_format.keep_with_next = True
    document.add_paragraph("{%p endif %}", style="简报附注")
    _loop(document, "for note in notes", words["note"], "简报附注")
    document.add_paragraph("{%p if known %}", style="简报附注")
    document.add_paragraph("{{ known }}", style="简报附注")
    document.add_paragraph("{%p endif %}", style="简报附注")
    _record(document, words)
    _footer(document)
    return document


def _projects(document: Any, words: dict[str, Any]) -> None:
    """The 重点项目 block (when the report has key projects): its heading, numbered after the
    goals' sections, the sentence, each project behind a paragraph, those not reported, each
    place's totals (a place with children) and every project in a table."""
    document.add_paragraph("{%p if projects %}", style="简报正文")
    document.add_paragraph(words["projects"], style="简报一级标题")
    _loop(document, "for text in projects.summary", "{{ text }}", "简报正文")
    _loop(document, "for item in projects.behind", words["project_item"], "简报正文")
    document.add_paragraph("{%p if not projects.behind %}", style="简报正文")
    document.add_paragraph(words["projects_none"], style="简报正文")
    document.add_paragraph("{%p endif %}", style="简报正文")
    document.add_paragraph("{%p if projects.unreported %}", style="简报正文")
    document.add_paragraph("{{ projects.unreported }}", style="简报正文")
    document.add_paragraph("{%p endif %}", style="简报正文")
    document.add_paragraph("{%p if projects.places %}", style="简报正文")
    document.add_paragraph(words["places_title"], style="简报表题")
    cells = ["{{ t.rank }}", "{{ t.name }}", "{{ t.count }}", "{{ t.plan }}", "{{ t.done }}",
             "{{ t.share }}"]  # fmt: skip
    _grid(document, words["place_headers"], "t in projects.places", cells, PLACE_COLUMNS_MM,
          right=(2, 3, 4, 5), centre=(0,))  # fmt: skip
    document.add_paragraph("{%p endif %}", style="简报正文")
    document.add_paragraph("{%p if projects.rows %}", style="简报正文")
    document.add_paragraph(words["projects_title"], style="简报表题")
    cells = ["{{ p.name }}", "{{ p.level }}", "{{ p.plan }}", "{{ p.done }}", "{{ p.share }}",
             "{% cellbg p.background %}{{r p.word }}", "{{ p.owner }}"]  # fmt: skip
    _grid(document, words["project_headers"], "p in projects.rows", cells, PROJECT_COLUMNS_MM,
          right=(2, 3, 4), centre=(1, 5))  # fmt: skip
    document.add_paragraph("{%p endif %}", style="简报正文")
    document.add_paragraph("{%p endif %}", style="简报正文")  # projects


def _grid(
    document: Any,
    headers: list[str],
    loop: str,
    cells: list[str],
    widths: tuple[int, ...],
    *,
    right: tuple[int, ...],
    centre: tuple[int, ...],
) -> None:
    """A table of the block: a header row repeated on each page, a row per item of ``loop``."""
    table = document.add_table(rows=4, cols=len(headers), style="Table Grid")
    table.alignment, table.autofit = WD_TABLE_ALIGNMENT.CENTER, False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    blank = [""] * (len(headers) - 1)
    rows = [headers, ["{%tr for " + loop + " %}", *blank], cells, ["{%tr endfor %}", *blank]]
    for row, texts in zip(table.rows, rows, strict=True):
        for n, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
            cell.width = Mm(widths[n])
            paragraph = cell.paragraphs[0]
            paragraph.style = document.styles["简报表格"]
            paragraph.add_run(text).bold = texts is headers
            if n in right and texts is not headers:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if n in centre or texts is headers:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _repeat_header(table.rows[0])
    _cell_margins(table, Mm(1))


def _page(document: Any) -> None:
    """A4, the margins of GB/T 9704 (top 37, bottom 35, left 28, right 26 mm)."""
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(20)


def _styles(document: Any, lang: str) -> None:
    """The named paragraph styles, each with its East Asian font (``w:eastAsia``) and the
    language marked; the body at a fixed 28 pt line."""
    normal = document.styles["Normal"]
    _font(normal, "仿宋", 16, lang)
    for name, east_asian, size, bold, centred, indent in STYLES:
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        _font(style, east_asian, size, lang)
        style.font.bold = bold
        f = style.paragraph_format
        f.space_before = f.space_after = Pt(0)
        if size == 16:
            f.line_spacing_rule, f.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(28)
        if centred:
            f.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if indent:
            f.first_line_indent = Pt(size * indent)
    document.styles["简报报头"].paragraph_format.space_before = Pt(12)
    document.styles["简报标题"].paragraph_format.space_before = Pt(18)
    document.styles["简报标题"].paragraph_format.space_after = Pt(12)
    document.styles["简报表题"].paragraph_format.space_after = Pt(6)
    document.styles["简报附注"].paragraph_format.space_before = Pt(3)
    document.styles["简报版记"].paragraph_format.first_line_indent = Pt(14)
    for name in ("简报一级标题", "简报二级标题", "简报表题", "简报版记"):
        document.styles[name].paragraph_format.keep_with_next = True  # never alone at a foot


def _font(style: Any, east_asian: str, size: float, lang: str) -> None:
    style.font.name, style.font.size = LATIN, Pt(size)
    properties = style.element.get_or_add_rPr()
    properties.get_or_add_rFonts().set(qn("w:eastAsia"), east_asian)
    language = properties.find(qn("w:lang"))
    if language is None:
        language = properties.makeelement(qn("w:lang"), {})
        properties.append(language)
    language.set(qn("w:val"), "zh-CN" if lang == "zh" else "en-US")
    language.set(qn("w:eastAsia"), "zh-CN")


def _table(document: Any, words: dict[str, Any]) -> None:
    """The overview table: a header row, a row repeated per goal ({%tr for %}), the status cell
    coloured; the column holding {{ row.rank }} is dropped when the report has no ranks."""
    headers = words["headers"]
    table = document.add_table(rows=4, cols=len(headers), style="Table Grid")
    table.alignment, table.autofit = WD_TABLE_ALIGNMENT.CENTER, False
    cells = [
        "{{ row.name }}", "{{ row.unit }}", "{{ row.period }}", "{{ row.amount }}",
        "{{ row.growth }}", "{{ row.target }}", "{{ row.progress }}", "{{ row.rank }}",
        "{% cellbg row.background %}{{r row.word }}",
    ]  # fmt: skip
    for column, width in zip(table.columns, COLUMNS_MM, strict=True):
        column.width = Mm(width)
    rows = [headers, ["{%tr for row in rows %}"] + [""] * 8, cells, ["{%tr endfor %}"] + [""] * 8]
    for row, texts in zip(table.rows, rows, strict=True):
        for n, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
            cell.width = Mm(COLUMNS_MM[n])
            paragraph = cell.paragraphs[0]
            paragraph.style = document.styles["简报表格"]
            paragraph.add_run(text).bold = texts is headers
            if n in (3, 4) and texts is not headers:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if n in (7, 8) or texts is headers:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _repeat_header(table.rows[0])
    _cell_margins(table, Mm(1))


def _cell_margins(table: Any, side: Any) -> None:
    """Narrow left and right cell margins (Word's default is 1.9 mm), so short cells fit."""
    properties = table._tbl.tblPr
    margins = properties.makeelement(qn("w:tblCellMar"), {})
    for edge in ("left", "right"):
        margins.append(
            margins.makeelement(qn(f"w:{edge}"), {qn("w:w"): str(side.twips), qn("w:type"): "dxa"})
        )
    properties.append(margins)


def _repeat_header(row: Any) -> None:
    """The header row repeats at the top of each page the table runs over."""
    properties = row._tr.get_or_add_trPr()
    properties.append(properties.makeelement(qn("w:tblHeader"), {}))


def _loop(document: Any, loop: str, text: str, style: str) -> None:
    document.add_paragraph("{%p " + loop + " %}", style=style)
    document.add_paragraph(text, style=style)
    document.add_paragraph("{%p endfor %}", style=style)


def _record(document: Any, words: dict[str, Any]) -> None:
    """The 版记: 报, 送 and the editing unit with the date of issue, between rules."""
    first = document.add_paragraph(words["report_to"], style="简报版记")
    first.paragraph_format.space_before = Pt(24)
    _rule(first, "top", "000000", 8)
    document.add_paragraph(words["send_to"], style="简报版记")
    printed = document.add_paragraph(words["printed"], style="简报版记")
    printed.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_MM - 5), WD_TAB_ALIGNMENT.RIGHT)
    _rule(printed, "bottom", "000000", 8)


def _rule(paragraph: Any, side: str, colour: str, size: int) -> None:
    """A rule on the ``side`` (top, bottom) of ``paragraph``: ``size`` eighths of a point."""
    properties = paragraph._p.get_or_add_pPr()
    borders = properties.find(qn("w:pBdr"))
    if borders is None:
        borders = properties.makeelement(qn("w:pBdr"), {})
        properties.insert_element_before(
            borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr"
        )
    borders.append(
        borders.makeelement(
            qn(f"w:{side}"),
            {
                qn("w:val"): "single",
                qn("w:sz"): str(size),
                qn("w:space"): "4",
                qn("w:color"): colour,
            },
        )
    )


def _footer(document: Any) -> None:
    """The page number, "— 1 —", centred at the foot of every page (a PAGE field)."""
    footer = document.sections[0].footer.paragraphs[0]
    footer.style = document.styles["简报页码"]
    footer.add_run("— ")
    for kind in ("begin", "instr", "separate", "shown", "end"):
        run = footer.add_run()._r
        if kind == "instr":
            instr = run.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
            instr.text = " PAGE "
            run.append(instr)
        elif kind == "shown":
            shown = run.makeelement(qn("w:t"), {})
            shown.text = "1"
            run.append(shown)
        else:
            run.append(run.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind}))
    footer.add_run(" —")


if __name__ == "__main__":
    sys.exit(main())

"""The Word briefing (``tracker report --format docx``): the report as a 简报 that looks issued,
filled into a .docx template the office can edit in Word (docs/reports.md, "The Word briefing").

The template is the office's ``briefing.docx`` in its config folder (``briefing-en.docx`` for
English), else the one shipped in ``tracker/defaults`` (made by ``scripts/briefing-template.py``):
masthead, 第N期, the editing unit and the date over a red rule, the title, the overview table,
一、总体情况, 二、未达目标 (each goal behind: its sentence once, its owner, its 情况说明),
三、逾期未报, 四、重点项目 (when the place has key projects), the notes, the 版记 (报/送/印发) and
page numbers "— 1 —"; the key projects' report alone fills the same template, its masthead that
of a 调度通报 and its one section 一、重点项目. docxtpl fills its Jinja tags (docxtpl: tags that
survive Word's editing, loops over table rows, cell colours; python-docx alone would need a
substitution of our own across Word's runs). What a template may use is
``briefing_fields``; text is escaped, and a tag the fields do not have is refused.
"""

import io
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from tracker.domain.errors import InvalidInput
from tracker.reporting.context import Line, OverviewRow, ReportContext
from tracker.reporting.language import Words
from tracker.reporting.project_briefing import project_fields, project_owners

DEFAULTS = Path(__file__).resolve().parent / "docx"  # the shipped templates


@dataclass(frozen=True)
class BehindItem:
    """One goal behind, as the briefing says it: every line once."""

    number: str  # 一, 二 … / 1, 2 …
    name: str
    word: str  # the status word
    said: str  # the official sentence (figure, gap, change, what the rest of the year needs)
    owner: str  # '责任单位：区统计局；连续2期落后。', after the sentence in its paragraph
    note: str  # '情况说明：……', or ''


def template_path(ctx: ReportContext, folder: Path | None) -> Path:
    """The template of the report's language: ``briefing.docx`` (``briefing-en.docx``) in the
    office's config ``folder`` when it is there, else the shipped one."""
    name = "briefing.docx" if ctx.lang == "zh" else "briefing-en.docx"
    if folder is not None and (folder / name).is_file():
        return folder / name
    return DEFAULTS / name


def briefing_docx(ctx: ReportContext, folder: Path | None = None) -> bytes:
    """The briefing of ``ctx`` as the bytes of a .docx file, filled into the template of
    ``folder`` (the office's config folder; ``template_path``). The same report gives the same
    bytes.

    Raises InvalidInput, naming the template and the fix, when the template cannot be read or
    one of its tags cannot be filled."""
    from docxtpl import DocxTemplate
    from jinja2 import Environment, StrictUndefined, TemplateError

    source = template_path(ctx, folder)
    try:
        document = DocxTemplate(str(source))
        if not ctx.overview.ranked:
            _drop_rank_column(document.get_docx())
        document.render(
            briefing_fields(ctx),
            Environment(autoescape=True, undefined=StrictUndefined),
            autoescape=True,
        )
    except (TemplateError, KeyError, ValueError, OSError) as error:
        raise _refused(source, error) from None
    properties = document.docx.core_properties
    day = datetime.combine(ctx.as_of, time(), UTC)  # the report's date, not the clock's
    properties.created = properties.modified = day
    properties.last_printed = day
    properties.revision = 1
    out = io.BytesIO()
    document.save(out)
    return _stable(out.getvalue())


def briefing_fields(ctx: ReportContext) -> dict[str, Any]:
    """What a briefing template may use: ``place``, ``issue`` (the reporting month's number:
        a monthly briefing's 第N期; write ``{{ issue - 1 }}`` in a template whose first issue of
        the year covers January–February), ``year``, ``editor`` (the editing unit: 示范区统计局),
        ``issued`` (the as-of date: 2020年7月20日), ``title``, ``table_title``, ``ranked`` (the
    column holding ``{{ row.rank }}`` is dropped when it is false), ``rows``
        (the overview's: ``name``, ``unit``, ``period``, ``amount``, ``growth``, ``target``,
        ``progress``, ``rank``, ``background`` (RRGGBB) and ``word`` (the status, coloured)),
        ``summary`` and ``overdue`` (paragraphs), ``behind`` (``BehindItem``), ``notes``, ``known``
        (the moment it was built from, as a sentence, or ''), ``report_to`` and ``send_to`` (the
        版记's lines: the leaders, and the owners the report names), ``projects`` (the 重点项目
        block: ``project_briefing.project_fields``, or none without key projects) and
        ``projects_alone`` (the key projects' report alone: no goals, the masthead of a
        调度通报)."""
    from docxtpl import RichText

    w = Words(ctx.lang)
    place = ctx.place_name or ""
    if ctx.lang == "en":
        place = place[:1].upper() + place[1:]  # 'The Zone', at a line's start
    editor = w("%(place)s Statistics Bureau", place=place).strip()
    alone = ctx.projects is not None and ctx.projects.alone
    owners = [*(line.owner for line in ctx.lines), *project_owners(ctx.projects)]
    return {
        "place": place,
        "issue": _issue(ctx),
        "year": ctx.year,
        "editor": editor,
        "issued": w.date(ctx.as_of),
        "title": _projects_title(w, ctx) if alone else _title(w, ctx),
        "table_title": w("Table of main indicators"),
        "ranked": ctx.overview.ranked,
        "rows": [_row(row, RichText) for row in ctx.overview.rows],
        "summary": _summary(w, ctx),
        "behind": [asdict(_behind(w, n, line)) for n, line in enumerate(ctx.behind, start=1)],
        "overdue": [_overdue(w, line) for line in ctx.overdue],
        "notes": list(ctx.footnotes),
        "known": _known(w, ctx),
        "report_to": w("the leaders of the party committee and the government"),
        "send_to": w(", ").join(dict.fromkeys(owners)),
        "projects": _projects(w, ctx),
        "projects_alone": alone,
    }


def _known(w: Words, ctx: ReportContext) -> str:
    """The moment the report was built from, as a sentence; '' when it records none."""
    if not ctx.known:
        return ""
    if ctx.projects is not None and ctx.projects.alone:
        return ctx.projects.words["known"].format(moment=ctx.known)
    return w("Built from the figures and goals recorded by %(moment)s.", moment=ctx.known)


def _projects(w: Words, ctx: ReportContext) -> dict[str, Any] | None:
    """The 重点项目 block, numbered after the goals' sections (一、总体情况, 二、未达目标 and,
    when there are, 三、逾期未报), or first in the key projects' report alone."""
    section = ctx.projects
    if section is None:
        return None
    if section.alone:
        return project_fields(section, _numeral(w, 1), lead=[ctx.headline])
    return project_fields(section, _numeral(w, 4 if ctx.overdue else 3))


def _issue(ctx: ReportContext) -> int:
    """The reporting month's number (12 for last year's goals after its end)."""
    from tracker.reporting.timeline import reporting_period

    period = reporting_period(ctx.as_of)
    return 12 if period.year > ctx.year else period.end_month


def _title(w: Words, ctx: ReportContext) -> str:
    """'示范区2020年6月主要指标完成情况' / 'The Zone, June 2020: main indicators'."""
    place = ctx.place_name or ""
    if w.lang == "en" and place:
        place = place[:1].upper() + place[1:] + ", "
    return w("%(place)s%(month)s: main indicators", place=place, month=ctx.period_text)


def _projects_title(w: Words, ctx: ReportContext) -> str:
    """'示范区2020年6月重点项目完成情况' / 'The Zone, June 2020: key projects'."""
    assert ctx.projects is not None
    place = ctx.place_name or ""
    if w.lang == "en" and place:
        place = place[:1].upper() + place[1:] + ", "
    return ctx.projects.words["brief_title"].format(place=place, month=ctx.period_text)


def _row(row: OverviewRow, rich: Any) -> dict[str, Any]:
    cells = {k: v for k, v in asdict(row).items() if isinstance(v, str)}
    cells["background"] = row.background.lstrip("#").upper()
    cells["word"] = rich(row.word, color=row.colour.lstrip("#").upper(), bold=True)
    return cells


def _summary(w: Words, ctx: ReportContext) -> list[str]:
    """一、总体情况: the headline, then what changed since the previous period, in a sentence."""
    said = [ctx.headline]
    changes = ctx.changes
    parts = []
    for words, lines in (
        (w("Newly behind"), changes.newly_behind),
        (w("Recovered"), changes.recovered),
        (w("Achieved the annual target"), changes.achieved),
    ):
        if lines:
            parts.append(words + w(": ") + w(", ").join(line.name for line in lines))
    parts += [
        w("%(name)s: lagging %(n)s periods in a row", name=line.name, n=line.streak)
        for line in changes.persistent
    ]
    if parts:
        said.append(w("Since the previous period: %(changes)s.", changes=w("; ").join(parts)))
    return said


def _behind(w: Words, n: int, line: Line) -> BehindItem:
    """A goal behind: its sentence (which holds what the rest of the year must deliver), else
    its figure, gap, change and requirement; its owner; its explanation."""
    said = line.sentence or w("; ").join(
        p for p in (line.value, line.gap, line.change, line.requirement) if p
    )
    owner = ("" if w.lang == "zh" else " ") + w("Owner") + w(": ") + line.owner
    if line.streak >= 2:
        owner += w("; ") + w.plural(
            "lagging %(num)s period in a row", "lagging %(num)s periods in a row", line.streak,
            num=line.streak,
        )  # fmt: skip
    note = w("Explanation") + w(": ") + line.note if line.note else ""
    return BehindItem(
        number=_numeral(w, n),
        name=line.name,
        word=line.status_word,
        said=said,
        owner=owner + w("."),
        note=note,
    )


def _overdue(w: Words, line: Line) -> str:
    text = w("%(name)s: the %(period)s figure is not in yet", name=line.name, period=line.overdue)
    return text + w(" (owner: %(owner)s).", owner=line.owner)


def _numeral(w: Words, n: int) -> str:
    """一, 二 … 十, 十一 … 九十九 / 1, 2 …; from 100 on, in digits."""
    if w.lang != "zh" or n >= 100:
        return str(n)
    digits = "一二三四五六七八九"
    if n < 10:
        return digits[n - 1]
    tens, ones = divmod(n, 10)
    return (digits[tens - 1] if tens > 1 else "") + "十" + (digits[ones - 1] if ones else "")


def _drop_rank_column(document: Any) -> None:
    """Without ranks (no places), the column of each table that holds ``{{ row.rank }}``
    goes: its cell in every row and its grid column."""
    from docx.oxml.ns import qn

    for table in document.tables:
        found = [
            n
            for row in table.rows
            for n, cell in enumerate(row._tr.findall(qn("w:tc")))
            if "row.rank" in "".join(t.text or "" for t in cell.iter(qn("w:t")))
        ]
        if not found:
            continue
        column = found[0]
        for row in table.rows:
            cells = row._tr.findall(qn("w:tc"))
            if column < len(cells):
                row._tr.remove(cells[column])
        grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
        if column < len(grid):
            table._tbl.tblGrid.remove(grid[column])


def _refused(source: Path, error: Exception) -> InvalidInput:
    detail = " ".join(str(error).split()) or type(error).__name__
    return InvalidInput(
        f"the briefing template {source} could not be filled ({detail}); correct the tag in "
        "Word (docs/reports.md lists what a template may use), or remove the file to use the "
        "shipped one.",
        zh=f"简报模板 {source} 无法填充（{detail}）；请在Word中改正该标记（可用的字段见 "
        "docs/reports.md），或删除该文件以使用自带模板。",
    )


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

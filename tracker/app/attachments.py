"""Files a job attaches to its messages (``attach`` in schedule.toml), made from the run's
workspace, so that every file shows the job's place as the report does.

figures   the year's current figures of the job's place as .xlsx, in the columns
          ``tracker import`` reads (another place's with its 地区 column, so they import back
          into it)
briefing  the report as a Word briefing (.docx, ``tracker report --format docx``)
form      a reminder only: the owner's fill-in form for their latest overdue period

And, whatever ``attach`` says, the complete report as an HTML page when the email could not
hold every goal in full (``complete_report``).
"""

from datetime import date
from typing import TYPE_CHECKING

from tracker.delivery.message import XLSX, Attachment
from tracker.domain.places import HOME
from tracker.domain.workspace import Workspace

if TYPE_CHECKING:
    from tracker.reporting.bundle import ReportBundle
    from tracker.sheets.forms import FormFile


def attachments_for(
    kinds: tuple[str, ...],
    ws: Workspace,
    *,
    as_of: date,
    owner: str | None,
    report: "ReportBundle",
) -> tuple[Attachment, ...]:
    """The attachments of one message (the same for every recipient of that message), in the
    order figures, briefing, form; ``report`` is the message's report, made from ``ws``."""
    found: list[Attachment] = []
    if "figures" in kinds:
        found.append(figures_workbook(ws, as_of=as_of))
    if "briefing" in kinds:
        found.append(_briefing(report))
    if "form" in kinds and owner is not None:
        found.extend(_forms(ws, as_of=as_of, owner=owner))
    return tuple(found)


def figures_workbook(ws: Workspace, *, as_of: date) -> Attachment:
    """The current figures of the workspace's year and place as an .xlsx workbook, named
    ``figures-YEAR-as-of-DATE.xlsx`` (``figures-PLACE-YEAR-…`` for a place other than home).
    The workspace must hold the indicators (``read_workspace(indicators=True)``)."""
    from tracker.sheets.export import current_rows, export_headers, xlsx_bytes

    other = ws.stored != HOME
    names = {i.key: i.name_zh for i in ws.indicators}  # read with the figures
    rows = current_rows(
        {ws.stored: ws.own}, names, year=ws.year, places=ws.places, with_place=other
    )
    data = xlsx_bytes(export_headers(history=False, with_place=other), rows)
    where = f"{ws.place}-" if other else ""
    return Attachment(f"figures-{where}{ws.year}-as-of-{as_of.isoformat()}.xlsx", data, *XLSX)


def _briefing(report: "ReportBundle") -> Attachment:
    """The report as a Word briefing: 简报-2020-07-20.docx, or briefing-2020-07-20.docx."""
    from tracker.reporting.formats import format_named

    docx = format_named("docx")
    stem = "简报" if report.lang == "zh" else "briefing"
    if report.owner is not None:
        stem += f"-{report.owner}"
    content = docx.render(report)
    data = content if isinstance(content, bytes) else content.encode()
    return Attachment(f"{stem}-{report.as_of.isoformat()}{docx.suffix}", data, *docx.media_type)


def _forms(ws: Workspace, *, as_of: date, owner: str) -> list[Attachment]:
    """The owner's fill-in form for their latest overdue period, of the workspace's place,
    and the form of its key projects without a figure for the month last ended."""
    from tracker.sheets.forms import form_files

    periods = [
        s.overdue
        for s in ws.statuses(as_of)
        if s.overdue is not None and s.goal.indicator.owner.key == owner
    ]
    forms = form_files(ws, max(periods), owner=owner) if periods else []
    forms += _project_forms(ws, as_of, owner)
    return [Attachment(form.filename, form.content, *XLSX) for form in forms]


def _project_forms(ws: Workspace, as_of: date, owner: str) -> "list[FormFile]":
    """The owner's form of its key projects for the month last ended, when it has projects
    without a figure for it (docs/projects.md, "Forms and reminders")."""
    from tracker.domain.project_status import without_figure
    from tracker.reporting.timeline import reporting_period
    from tracker.sheets.project_forms import project_form_files

    due = reporting_period(as_of)
    if ws.projects is None or owner not in without_figure(ws.projects, due, ws.stored):
        return []
    other = ws.places.place(ws.place) if ws.stored != HOME else None
    return project_form_files(ws.projects, due, place=ws.stored, place_of=other, owner=owner)


def complete_report(bundle: "ReportBundle") -> tuple[Attachment, ...]:
    """The report page with every goal in full (charts inside it), as ``bundle.attachment``
    names it; nothing when the email already holds everything."""
    if bundle.attachment is None:
        return ()
    return (Attachment(bundle.attachment, bundle.html.encode(), "text", "html"),)

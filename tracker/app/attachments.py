"""Files a job attaches to its messages (``attach`` in schedule.toml).

figures   the year's current figures as .xlsx, in the columns ``tracker import`` reads
briefing  the report as a Word briefing (.docx, ``tracker report --format docx``)
form      a reminder only: the owner's fill-in form for their latest overdue period

The briefing is the message's own report; the spreadsheets are read by ``tracker.sheets``,
for the periods the run's state (``Snapshot``) finds overdue. And, whatever ``attach`` says,
the complete report as an HTML page when the email could not hold every goal in full
(``complete_report``).
"""

import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from tracker.delivery.message import XLSX, Attachment

if TYPE_CHECKING:
    from tracker.reporting.bundle import ReportBundle
    from tracker.reporting.snapshot import Snapshot


def attachments_for(
    engine: Engine,
    kinds: tuple[str, ...],
    state: "Snapshot",
    *,
    as_of: date,
    owner: str | None,
    report: "ReportBundle",
) -> tuple[Attachment, ...]:
    """The attachments of one message (the same for every recipient of that message), in the
    order figures, briefing, form; ``report`` is the message's report."""
    found: list[Attachment] = []
    if "figures" in kinds:
        found.append(_figures(engine, as_of=as_of, year=state.year))
    if "briefing" in kinds:
        found.append(_briefing(report))
    if "form" in kinds and owner is not None:
        found.extend(_forms(engine, state, as_of=as_of, owner=owner))
    return tuple(found)


def _figures(engine: Engine, *, as_of: date, year: int) -> Attachment:
    from tracker.sheets.export import export_figures

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"figures-{year}-as-of-{as_of.isoformat()}.xlsx"
        export_figures(engine, path, year=year, history=False)
        return Attachment(path.name, path.read_bytes(), *XLSX)


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


def _forms(engine: Engine, state: "Snapshot", *, as_of: date, owner: str) -> list[Attachment]:
    from tracker.sheets.forms import form_files

    periods = [
        s.overdue
        for s in state.statuses(as_of)
        if s.overdue is not None and s.goal.indicator.owner.key == owner
    ]
    if not periods:
        return []
    return [
        Attachment(form.filename, form.content, *XLSX)
        for form in form_files(engine, str(max(periods)), owner=owner)
    ]


def complete_report(bundle: "ReportBundle") -> tuple[Attachment, ...]:
    """The report page with every goal in full (charts inside it), as ``bundle.attachment``
    names it; nothing when the email already holds everything."""
    if bundle.attachment is None:
        return ()
    return (Attachment(bundle.attachment, bundle.html.encode(), "text", "html"),)

"""Spreadsheets a job attaches to its messages (``attach`` in schedule.toml).

figures  the year's current figures as .xlsx, in the columns ``tracker import`` reads
form     a reminder only: the owner's fill-in form for their latest overdue period

And, whatever ``attach`` says, the complete report as an HTML page when the email could not
hold every goal in full (``complete_report``).
"""

import tempfile
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from tracker.delivery.message import XLSX, Attachment
from tracker.reporting.bundle import ReportBundle
from tracker.reporting.statuses import choose_year


def attachments_for(
    engine: Engine, kinds: tuple[str, ...], *, as_of: date, year: int | None, owner: str | None
) -> tuple[Attachment, ...]:
    """The attachments of one message (the same for every recipient of that message)."""
    found: list[Attachment] = []
    if "figures" in kinds:
        found.append(
            _figures(engine, as_of=as_of, year=choose_year(engine, as_of=as_of, year=year))
        )
    if "form" in kinds and owner is not None:
        found.extend(_forms(engine, as_of=as_of, year=year, owner=owner))
    return tuple(found)


def _figures(engine: Engine, *, as_of: date, year: int) -> Attachment:
    from tracker.sheets.export import export_figures

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"figures-{year}-as-of-{as_of.isoformat()}.xlsx"
        export_figures(engine, path, year=year, history=False)
        return Attachment(path.name, path.read_bytes(), *XLSX)


def _forms(engine: Engine, *, as_of: date, year: int | None, owner: str) -> list[Attachment]:
    from tracker.reporting.statuses import goal_statuses
    from tracker.sheets.forms import form_files

    periods = [
        s.overdue
        for s in goal_statuses(engine, as_of=as_of, year=year)
        if s.overdue is not None and s.goal.indicator.owner.key == owner
    ]
    if not periods:
        return []
    return [
        Attachment(form.filename, form.content, *XLSX)
        for form in form_files(engine, str(max(periods)), owner=owner)
    ]


def complete_report(bundle: ReportBundle) -> tuple[Attachment, ...]:
    """The report page with every goal in full (charts inside it), as ``bundle.attachment``
    names it; nothing when the email already holds everything."""
    if bundle.attachment is None:
        return ()
    return (Attachment(bundle.attachment, bundle.html.encode(), "text", "html"),)

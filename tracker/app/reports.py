"""``tracker report``: one read of the report's workspace, then every format from it."""

from collections.abc import Sequence
from datetime import date, datetime

from tracker.app.database import Database
from tracker.app.workspace import Scope, read_workspace
from tracker.domain.moments import known_before
from tracker.domain.places import Places
from tracker.domain.plans import Plan
from tracker.reporting.bundle import ReportBundle
from tracker.reporting.render import render_workspace


def render_report(
    db: Database,
    *,
    as_of: date,
    lang: str = "zh",
    owner: str | None = None,
    year: int | None = None,
    charts: bool = True,
    as_known: datetime | None = None,
    base_url: str | None = None,
    places: Places | None = None,
    place: str | None = None,
    projects: bool = False,
    plans: Sequence[Plan] = (),
) -> ReportBundle:
    """The report of ``year``'s goals (default: the year's-end rule, then the month rule) as of
    ``as_of``; with ``as_known`` (``known_moment``), built from what was recorded by that
    moment, which the report records (docs/status-rules.md, "As of, and as known").

    ``places``: the configured places (default: the home place alone); ``place``: the report's
    place, a configured key or name (default: home), with its ranks among its peers, its gap to
    the parent and its children's goals behind (docs/places.md, "Reports"). ``plans``: the
    configured plans; the place's are reported in a 规划目标 section.

    The report carries the place's key projects (docs/projects.md); with ``projects`` it is
    their report alone (the 调度通报, ``tracker report --projects``).

    Raises NotFound when the place has no goals for the year (nor any of its children; with
    ``projects``: no key projects), UnknownPlace (a NotFound) for a place that is not
    configured, InvalidInput for an owner none of the goals has.
    """
    places = places or Places()
    with db.reading() as session:
        ws = read_workspace(
            session,
            places=places,
            as_of=as_of,
            place=places.stored(place),
            year=year,
            known_before=None if as_known is None else known_before(as_known),
            scope=Scope.NEIGHBOURHOOD,
            projects=True,
            plans=plans,
        )
    if projects:
        from tracker.reporting.project_report import render_projects

        return render_projects(
            ws, as_of=as_of, lang=lang, owner=owner, as_known=as_known, base_url=base_url
        )
    return render_workspace(
        ws,
        as_of=as_of,
        lang=lang,
        owner=owner,
        charts=charts,
        as_known=as_known,
        base_url=base_url,
    )

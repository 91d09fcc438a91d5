"""Key projects in the database: their versions read as the domain's ``Project``, their
figures and milestones met as of a moment (``known_before``: ``--as-known``), and the rows a
use case adds (docs/projects.md). Rows are only ever added.
"""

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, func
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from tracker.domain.model import Owner
from tracker.domain.periods import Period
from tracker.domain.projects import Milestone, Project, ProjectFigure, ProjectRef
from tracker.store import reading
from tracker.store.project_tables import (
    MilestoneDoneRow,
    ProjectFigureRow,
    ProjectMilestoneRow,
    ProjectRow,
)

_PROJECT_COLUMNS = (
    "id", "place", "year", "key", "revision", "name", "level", "owner_key", "owner_zh",
    "owner_en", "leader", "content", "total", "plan", "start", "finish", "warning", "origin",
    "retired", "recorded_at",
)  # fmt: skip


def current_projects(
    *,
    session: Session,
    places: Collection[str] | None = None,
    year: int | None = None,
    known_before: datetime | None = None,
    retired: bool = False,
) -> list[Project]:
    """The current version of each project of ``places`` (stored keys; None: every place) of
    ``year`` (None: every year), as recorded before ``known_before``; retired ones only with
    ``retired``. In the order they were first stored (a sheet's or a file's order). Read as
    plain columns, not ORM objects: a city reads thousands."""
    query: Select[Any] = select_columns(*reading.columns(ProjectRow, _PROJECT_COLUMNS))
    if places is not None:
        query = query.where(col(ProjectRow.place).in_(list(places)))
    if year is not None:
        query = query.where(col(ProjectRow.year) == year)
    if known_before is not None:
        query = query.where(col(ProjectRow.recorded_at) < known_before)
    query = query.order_by(
        col(ProjectRow.place), col(ProjectRow.year), col(ProjectRow.key), col(ProjectRow.revision)
    )
    latest: dict[tuple[str, int, str], tuple[int, Any]] = {}  # → (first version's id, row)
    for row in reading.rows(session, query):
        ref = (row[1], row[2], row[3])
        first = latest[ref][0] if ref in latest else row[0]
        latest[ref] = (first, row)
    chosen = sorted(
        (pair for pair in latest.values() if retired or not pair[1][18]), key=lambda p: p[0]
    )
    milestones = _milestones(session, [row[0] for _, row in chosen])
    return [_project(row, milestones.get(row[0], ())) for _, row in chosen]


def _project(row: Sequence[Any], milestones: tuple[Milestone, ...]) -> Project:
    """A project from a row of ``_PROJECT_COLUMNS`` (numbers as the driver returns them)."""
    (_, place, year, key, _, name, level, owner_key, owner_zh, owner_en, leader, content, total,
     plan, start, finish, warning, origin, _, when) = row  # fmt: skip
    return Project(
        key=key, name=name, year=year, level=level, owner=Owner(owner_key, owner_zh, owner_en),
        total=reading.exact(reading.number(total)), plan=reading.exact(reading.number(plan)),
        leader=leader, place=place, content=content, start=_day(start), finish=_day(finish),
        milestones=milestones, warning=reading.exact(reading.number(warning)), origin=origin,
        recorded_at=_utc(when),
    )  # fmt: skip


def _day(value: Any) -> date | None:
    """A date column as the driver returns it (SQLite may give text)."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _utc(value: Any) -> datetime:
    when = datetime.fromisoformat(value) if isinstance(value, str) else value
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when


def _milestones(session: Session, ids: Sequence[int]) -> dict[int, tuple[Milestone, ...]]:
    found: dict[int, list[Milestone]] = {}
    for start in range(0, len(ids), 900):  # SQLite binds at most 999 parameters at once
        part = ids[start : start + 900]
        query = (
            select(ProjectMilestoneRow)
            .where(col(ProjectMilestoneRow.project_id).in_(part))
            .order_by(col(ProjectMilestoneRow.project_id), col(ProjectMilestoneRow.position))
        )
        for row in session.exec(query).all():
            found.setdefault(row.project_id, []).append(Milestone(row.name, row.due))
    return {key: tuple(value) for key, value in found.items()}


def project_from_row(row: ProjectRow, milestones: tuple[Milestone, ...]) -> Project:
    """The project one version's row holds (its milestones read beside it)."""
    when = row.recorded_at
    return Project(
        key=row.key,
        name=row.name,
        year=row.year,
        level=row.level,
        owner=Owner(row.owner_key, row.owner_zh, row.owner_en),
        total=reading.exact(row.total),
        plan=reading.exact(row.plan),
        leader=row.leader,
        place=row.place,
        content=row.content,
        start=row.start,
        finish=row.finish,
        milestones=milestones,
        warning=reading.exact(row.warning),
        origin=row.origin,
        recorded_at=when.replace(tzinfo=UTC) if when.tzinfo is None else when,
    )


@dataclass(frozen=True)
class Stored:
    """What saving a project's terms did: ``revision`` is the version now current."""

    revision: int
    changed: bool  # a new version was written (or the first)


def save_project(
    *, session: Session, project: Project, by: str, now: datetime, retired: bool = False
) -> Stored:
    """Store ``project`` as a new version when its terms differ from the current one's (or
    it was retired, or is retired now); nothing when they are the same."""
    current = _latest_row(session, project.place, project.year, project.key)
    if current is not None:
        stored = project_from_row(
            current, _milestones(session, [current.id or 0]).get(current.id or 0, ())
        )
        if stored.terms() == project.terms() and current.retired == retired:
            return Stored(current.revision, False)
    revision = 1 if current is None else current.revision + 1
    row = ProjectRow(
        place=project.place,
        year=project.year,
        key=project.key,
        revision=revision,
        name=project.name,
        level=project.level,
        owner_key=project.owner.key,
        owner_zh=project.owner.name_zh,
        owner_en=project.owner.name_en,
        leader=project.leader,
        content=project.content,
        total=project.total,
        plan=project.plan,
        start=project.start,
        finish=project.finish,
        warning=project.warning,
        origin=project.origin,
        retired=retired,
        recorded_by=by,
        recorded_at=now,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    for position, milestone in enumerate(project.milestones):
        session.add(
            ProjectMilestoneRow(
                project_id=row.id, position=position, name=milestone.name, due=milestone.due
            )
        )
    return Stored(revision, True)


def _latest_row(session: Session, place: str, year: int, key: str) -> ProjectRow | None:
    query = (
        select(ProjectRow)
        .where(ProjectRow.place == place, ProjectRow.year == year, ProjectRow.key == key)
        .order_by(col(ProjectRow.revision).desc())
    )
    return session.exec(query).first()


def current_figures(
    *,
    session: Session,
    places: Collection[str] | None,
    years: tuple[int, int],
    known_before: datetime | None = None,
) -> dict[ProjectRef, tuple[ProjectFigure, ...]]:
    """The current revision of every figure of the projects of ``places`` (stored keys; None:
    every place) of the months ending in ``years`` (first and last included), by (place,
    project key), oldest period first; withdrawn ones left out. Read as plain columns, each
    distinct number and period converted once (as ``figures.current_figures``)."""
    query: Select[Any] = select_columns(
        col(ProjectFigureRow.place),
        col(ProjectFigureRow.project),
        col(ProjectFigureRow.period),
        col(ProjectFigureRow.revision),
        reading.raw(ProjectFigureRow.value),
        col(ProjectFigureRow.progress),
        col(ProjectFigureRow.note),
        reading.raw(ProjectFigureRow.withdrawn),
    ).where(
        col(ProjectFigureRow.period_end) >= date(years[0], 1, 1),
        col(ProjectFigureRow.period_end) <= date(years[1], 12, 31),
    )
    if places is not None:
        query = query.where(col(ProjectFigureRow.place).in_(list(places)))
    if known_before is not None:
        query = query.where(col(ProjectFigureRow.recorded_at) < known_before)
    query = query.order_by(
        col(ProjectFigureRow.place),
        col(ProjectFigureRow.project),
        col(ProjectFigureRow.period_end),
        col(ProjectFigureRow.revision).desc(),
    )
    result = session.connection().execute(query)
    try:  # the driver's own rows: no result row built per figure (docs/performance.md)
        rows = result.cursor.fetchall() if result.cursor is not None else []
    finally:
        result.close()
    return figures_from_rows(rows)


def figures_from_rows(rows: Iterable[Sequence[Any]]) -> dict[ProjectRef, tuple[ProjectFigure, ...]]:
    """Per (place, project), the current figure of each period, from rows of (place, project,
    period, revision, value, progress, note, withdrawn) ordered by place, project, period and
    revision, the newest first: the first row of each period is its current revision."""
    found: dict[ProjectRef, list[ProjectFigure]] = {}
    numbers: dict[Any, Decimal] = {}
    periods: dict[str, Period] = {}
    held_place = held_project = held_period = None
    series: list[ProjectFigure] = []
    for place, project, period, revision, value, progress, note, withdrawn in rows:
        if project != held_project or place != held_place:
            series = found.setdefault((place, project), [])
            held_place, held_project, held_period = place, project, None
        elif period == held_period:
            continue  # an older revision
        held_period = period
        if withdrawn:
            continue
        when = periods.get(period)
        if when is None:
            when = periods[period] = Period.parse(period)
        number = numbers.get(value)
        if number is None:
            number = numbers[value] = reading.exact(reading.number(value))
        series.append(ProjectFigure(when, number, revision, progress, note))
    return {ref: tuple(listed) for ref, listed in found.items() if listed}


def current_completions(
    *,
    session: Session,
    places: Collection[str] | None,
    known_before: datetime | None = None,
) -> dict[ProjectRef, dict[str, date]]:
    """The day each milestone was met, by (place, project key) then milestone name, as the
    current revisions say (a withdrawn one: not met)."""
    query = select_columns(
        col(MilestoneDoneRow.place),
        col(MilestoneDoneRow.project),
        col(MilestoneDoneRow.milestone),
        col(MilestoneDoneRow.done),
        col(MilestoneDoneRow.withdrawn),
    )
    if places is not None:
        query = query.where(col(MilestoneDoneRow.place).in_(list(places)))
    if known_before is not None:
        query = query.where(col(MilestoneDoneRow.recorded_at) < known_before)
    query = query.order_by(
        col(MilestoneDoneRow.place),
        col(MilestoneDoneRow.project),
        col(MilestoneDoneRow.milestone),
        col(MilestoneDoneRow.revision).desc(),
    )
    found: dict[ProjectRef, dict[str, date]] = {}
    held: tuple[str, str, str] | None = None
    for place, project, milestone, done, withdrawn in session.execute(query):
        if (place, project, milestone) == held:
            continue
        held = (place, project, milestone)
        if not withdrawn:
            found.setdefault((place, project), {})[milestone] = done
    return found


def latest_figure(
    *, session: Session, place: str, project: str, period: str
) -> ProjectFigureRow | None:
    """The current revision of one figure of a project, None when never recorded."""
    query = (
        select(ProjectFigureRow)
        .where(
            ProjectFigureRow.place == place,
            ProjectFigureRow.project == project,
            ProjectFigureRow.period == period,
        )
        .order_by(col(ProjectFigureRow.revision).desc())
    )
    return session.exec(query).first()


def latest_completion(
    *, session: Session, place: str, project: str, milestone: str
) -> MilestoneDoneRow | None:
    """The current revision of one milestone's day, None when never recorded."""
    query = (
        select(MilestoneDoneRow)
        .where(
            MilestoneDoneRow.place == place,
            MilestoneDoneRow.project == project,
            MilestoneDoneRow.milestone == milestone,
        )
        .order_by(col(MilestoneDoneRow.revision).desc())
    )
    return session.exec(query).first()


def figure_revisions(*, session: Session, place: str, project: str) -> list[ProjectFigureRow]:
    """Every revision of a project's figures, by period then revision."""
    query = (
        select(ProjectFigureRow)
        .where(ProjectFigureRow.place == place, ProjectFigureRow.project == project)
        .order_by(col(ProjectFigureRow.period_end), col(ProjectFigureRow.revision))
    )
    return list(session.exec(query).all())


def completion_revisions(*, session: Session, place: str, project: str) -> list[MilestoneDoneRow]:
    """Every revision of a project's milestones met, by milestone then revision."""
    query = (
        select(MilestoneDoneRow)
        .where(MilestoneDoneRow.place == place, MilestoneDoneRow.project == project)
        .order_by(col(MilestoneDoneRow.milestone), col(MilestoneDoneRow.revision))
    )
    return list(session.exec(query).all())


def project_years(*, session: Session, place: str | None = None) -> list[int]:
    """The years that have projects (of one place's stored key, or of any), in order."""
    query = select(ProjectRow.year).distinct()
    if place is not None:
        query = query.where(ProjectRow.place == place)
    return sorted(session.exec(query).all())


def count_projects(*, session: Session) -> int:
    """How many projects (place, year, key) are stored, retired ones included."""
    keys = select(ProjectRow.place, ProjectRow.year, ProjectRow.key).distinct().subquery()
    return session.exec(select(func.count()).select_from(keys)).one()

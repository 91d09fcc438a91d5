"""``tracker projects import``: the office's project sheet, checked whole against the
configuration and the database, then written in one transaction, or nothing at all
(docs/projects.md, "The project sheet").

A project of the sheet is the stored project of the same place and name (of any year: its
key carries over), or a new one keyed by its name. A configured project keeps its configured
terms: the sheet must agree with its total, plan, owner and level. A project first read from a
sheet takes the sheet's terms (those of the columns it has), as a new version when they
changed. The completed column is
each project's figure for the sheet's month; actual start and completion dates are its
milestones met. A figure or a day that differs from the stored one is a revision: the sheet is
refused unless ``reason`` is given.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlmodel import Session

from tracker.app.database import Database
from tracker.app.imports import SHOWN_PROBLEMS, ImportRefused
from tracker.app.projects import read_portfolio
from tracker.domain.model import Owner
from tracker.domain.numbers import plain
from tracker.domain.periods import Period
from tracker.domain.places import Places
from tracker.domain.project_guards import figure_guards, refusals
from tracker.domain.projects import FINISH, START, Portfolio, Project
from tracker.domain.revisions import Outcome, StoredFigure, decide
from tracker.sheets.problems import Problem
from tracker.sheets.projects import ProjectSheet, SheetProject, read_projects
from tracker.sheets.read import read_sheet
from tracker.store import projects as project_store
from tracker.store.project_tables import KEY_LIMIT, MilestoneDoneRow, ProjectFigureRow


@dataclass(frozen=True)
class PlannedFigure:
    project: Project
    row: int
    value: Decimal
    progress: str | None
    note: str | None
    previous: Decimal | None  # the stored value it revises, None for a new figure


@dataclass(frozen=True)
class PlannedMilestone:
    project: Project
    row: int
    milestone: str
    done: date
    previous: date | None  # the stored day it revises, None when not met before


@dataclass
class ProjectPlan:
    """What importing a sheet would do."""

    sheet: ProjectSheet
    new_projects: list[Project] = field(default_factory=list)
    changed_projects: list[Project] = field(default_factory=list)
    unchanged_projects: int = 0
    figures: list[PlannedFigure] = field(default_factory=list)
    revised_figures: list[PlannedFigure] = field(default_factory=list)
    unchanged_figures: int = 0
    milestones: list[PlannedMilestone] = field(default_factory=list)
    revised_milestones: list[PlannedMilestone] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def period(self) -> Period | None:
        return self.sheet.period


@dataclass(frozen=True)
class ProjectImport:
    plan: ProjectPlan
    sheet: str | None  # the worksheet read
    encoding: str | None  # a CSV's encoding
    dry_run: bool


def import_projects(
    db: Database,
    path: Path,
    *,
    owners: Sequence[Owner],
    places: Places | None = None,
    place: str | None = None,
    by: str,
    now: datetime,
    year: int | None = None,
    period: str | None = None,
    level: str | None = None,
    reason: str | None = None,
    force: bool = False,
    dry_run: bool = False,
    sheet: str | None = None,
    encoding: str | None = None,
) -> ProjectImport:
    """Import a project sheet (.xlsx, .xls, .ods or CSV) of ``place`` (a configured key or
    name; None: home), all or nothing. ``owners``: the configured owners its 责任单位 name;
    ``year``, ``period``, ``level``: for a sheet that does not say them; ``force`` passes
    the fall and jump guards. Raises ImportRefused listing every problem (row and column, in
    Chinese and English) or the revisions that need ``reason``; UnknownPlace; NotFound or
    InvalidInput for a file that cannot be read."""
    at = (places or Places()).stored(place)
    data = read_sheet(path, sheet=sheet, encoding=encoding)
    read = read_projects(data, owners, year=year, period=period, level=level)
    with db.reading() if dry_run else db.writing() as session:
        plan = _plan(session, read, at, force)
        _refuse_if_needed(plan, reason)
        if not dry_run:
            _write(session, plan, path.name, by=by, now=now, reason=reason)
    return ProjectImport(plan, data.sheet, data.encoding, dry_run)


def _plan(session: Session, read: ProjectSheet, place: str, force: bool) -> ProjectPlan:
    plan = ProjectPlan(read, problems=list(read.problems))
    if read.problems or read.period is None:
        return plan
    year = read.period.year
    every = project_store.current_projects(session=session, places=[place])
    portfolio = read_portfolio(session, places=[place], year=year)
    current = {p.key: p for p in portfolio.projects}
    by_name = {p.name: p for p in sorted(every, key=lambda p: p.year)}  # the latest year wins
    for row in read.projects:
        project = _project(plan, row, place, year, by_name.get(row.name), current)
        if project is None:
            continue
        if row.done is not None:
            _figure(plan, portfolio, project, row, read.period, force)
        for name, day in ((START, row.started), (FINISH, row.finished)):
            if day is not None:
                _milestone(plan, portfolio, project, row, name, day)
    return plan


def _project(
    plan: ProjectPlan,
    row: SheetProject,
    place: str,
    year: int,
    known: Project | None,
    current: dict[str, Project],
) -> Project | None:
    """The project a row is: the stored one of this year (its terms updated from the sheet,
    or checked against the configured ones), or a new one."""
    key = known.key if known is not None else row.name[:KEY_LIMIT]
    stored = current.get(key)
    read = Project(
        key=key, name=row.name, year=year, level=row.level, owner=row.owner, total=row.total,
        plan=row.plan, leader=row.leader, place=place, content=row.content, start=row.start,
        finish=row.finish, origin=plan.sheet.file,
    )  # fmt: skip
    if stored is None:
        plan.new_projects.append(read)
        return read
    if stored.origin == "config":
        if _disagrees(plan, row, stored):
            return None
        plan.unchanged_projects += 1
        return stored
    updated = _merged(plan, read, stored)
    if updated.terms() == stored.terms():
        plan.unchanged_projects += 1
        return stored
    plan.changed_projects.append(updated)
    return updated


def _merged(plan: ProjectPlan, read: Project, stored: Project) -> Project:
    """The sheet's terms over the stored ones, those of the columns the sheet has: a
    month's form (the owner's projects, without their dates) keeps the dates stored."""
    assert plan.sheet.header is not None
    has = plan.sheet.header.columns
    dated = "span" in has
    return replace(
        read,
        leader=read.leader if "leader" in has else stored.leader,
        content=read.content if "content" in has else stored.content,
        start=read.start if "start" in has or dated else stored.start,
        finish=read.finish if "finish" in has or dated else stored.finish,
        milestones=stored.milestones,
        warning=stored.warning,
    )


def _disagrees(plan: ProjectPlan, row: SheetProject, stored: Project) -> bool:
    """Whether the sheet says another total, plan, owner or level than the configuration
    (recorded as a problem at the row and the column)."""
    header = plan.sheet.header
    assert header is not None
    checks = (
        ("total", "总投资", plain(row.total), plain(stored.total)),
        ("plan", "年度计划投资", plain(row.plan), plain(stored.plan)),
        ("owner", "责任单位", row.owner.name_zh, stored.owner.name_zh),
        ("level", "级别", row.level, stored.level),
    )
    for field_name, zh, given, configured in checks:
        if given != configured:
            column = header.columns.get(field_name, header.columns.get("name"))
            plan.problems.append(
                Problem(
                    row.row,
                    column,
                    f"{zh}为“{given}”，而配置（config/projects/{stored.year}.toml）中"
                    f"{stored.key}为“{configured}”；请更正其一",
                    f"the sheet's {field_name} '{given}' differs from config/projects/"
                    f"{stored.year}.toml's '{configured}' for {stored.key}; correct one of them",
                )
            )
            return True
    return False


def _figure(
    plan: ProjectPlan,
    portfolio: Portfolio,
    project: Project,
    row: SheetProject,
    period: Period,
    force: bool,
) -> None:
    assert row.done is not None
    header = plan.sheet.header
    assert header is not None
    figures = portfolio.figures_of(project)
    others = [f for f in figures if f.period != period]
    refused = refusals(figure_guards(project, period, row.done, others), force=force)
    if refused:
        plan.problems.append(
            Problem(row.row, header.columns.get("done"), "；".join(g.zh for g in refused),
                    "; ".join(g.en for g in refused))
        )  # fmt: skip
        return
    held = next((f for f in figures if f.period == period), None)
    current = (
        None
        if held is None
        else StoredFigure(held.revision, held.value, None, False, held.note, held.progress)
    )
    decision = decide(current, row.done, None, row.note, row.progress, False)
    if decision.outcome is Outcome.UNCHANGED:
        plan.unchanged_figures += 1
        return
    planned = PlannedFigure(
        project, row.row, decision.value, decision.source, decision.note, decision.previous
    )
    (plan.revised_figures if held is not None else plan.figures).append(planned)


def _milestone(
    plan: ProjectPlan,
    portfolio: Portfolio,
    project: Project,
    row: SheetProject,
    name: str,
    day: date,
) -> None:
    held = portfolio.completions_of(project).get(name)
    if held == day:
        return
    planned = PlannedMilestone(project, row.row, name, day, held)
    (plan.revised_milestones if held is not None else plan.milestones).append(planned)


def _refuse_if_needed(plan: ProjectPlan, reason: str | None) -> None:
    file = plan.sheet.file
    if plan.problems:
        n = len(plan.problems)
        lines = [str(p) for p in plan.problems[:SHOWN_PROBLEMS]]
        if n > SHOWN_PROBLEMS:
            lines.append(f"… 另有{n - SHOWN_PROBLEMS}处 / and {n - SHOWN_PROBLEMS} more")
        raise ImportRefused(
            f"{file}: {n} problem{'s' if n > 1 else ''} (共{n}处错误); nothing was imported "
            "(未导入任何数据). Fix them and import the sheet again:\n" + "\n".join(lines)
        )
    revised = [
        f"第{f.row}行: {f.project.name} {plan.period} 已录入为 {plain(f.previous or Decimal(0))}，"
        f"表中为 {plain(f.value)} / row {f.row}: {f.project.name} {plan.period} is stored as "
        f"{plain(f.previous or Decimal(0))}, the sheet has {plain(f.value)}"
        for f in plan.revised_figures
    ] + [
        f"第{m.row}行: {m.project.name} {m.milestone} 已录入为 {m.previous}，表中为 {m.done} / "
        f"row {m.row}: {m.project.name} {m.milestone} is stored as met on {m.previous}, the "
        f"sheet has {m.done}"
        for m in plan.revised_milestones
    ]
    if revised and reason is None:
        n = len(revised)
        raise ImportRefused(
            f"{file} would change {n} stored figure(s) or day(s) (将修改{n}处已录入的数据); "
            "nothing was imported. If the sheet is right, import it with --revise --reason "
            "'what changed and why':\n" + "\n".join(revised[:SHOWN_PROBLEMS])
        )


def _write(
    session: Session, plan: ProjectPlan, file: str, *, by: str, now: datetime, reason: str | None
) -> None:
    for project in plan.new_projects + plan.changed_projects:
        project_store.save_project(session=session, project=project, by=by, now=now)
    period = plan.period
    assert period is not None or not (plan.figures or plan.revised_figures)
    for f in plan.figures + plan.revised_figures:
        assert period is not None
        held = project_store.latest_figure(
            session=session, place=f.project.place, project=f.project.key, period=str(period)
        )
        session.add(
            ProjectFigureRow(
                place=f.project.place, project=f.project.key, period=str(period),
                period_end=period.end, revision=1 if held is None else held.revision + 1,
                value=f.value, progress=f.progress, note=f.note, source_file=file,
                source_row=f.row, reason=None if held is None or held.withdrawn else reason,
                recorded_by=by, recorded_at=now,
            )
        )  # fmt: skip
    for m in plan.milestones + plan.revised_milestones:
        held_day = project_store.latest_completion(
            session=session, place=m.project.place, project=m.project.key, milestone=m.milestone
        )
        session.add(
            MilestoneDoneRow(
                place=m.project.place, project=m.project.key, milestone=m.milestone,
                revision=1 if held_day is None else held_day.revision + 1, done=m.done,
                source_file=file, source_row=m.row,
                reason=None if held_day is None or held_day.withdrawn else reason,
                recorded_by=by, recorded_at=now,
            )
        )  # fmt: skip
    session.flush()

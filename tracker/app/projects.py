"""Key projects: loading the configured ones, recording a figure, meeting a milestone,
withdrawing either, and the status of a place's projects (docs/projects.md). Each use case
reads what it needs in one transaction and writes once."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from tracker.app.database import Database
from tracker.domain.errors import Conflict, InvalidInput, NotFound
from tracker.domain.numbers import plain
from tracker.domain.periods import Cadence, Period
from tracker.domain.places import HOME, Places
from tracker.domain.project_board import Board, board
from tracker.domain.project_guards import figure_guards, refusals
from tracker.domain.project_status import projects_year
from tracker.domain.projects import (
    FINISH,
    START,
    UNIT,
    Portfolio,
    Project,
    find_project,
)
from tracker.domain.revisions import Outcome, StoredFigure, decide, require_intent
from tracker.domain.written_periods import read_period
from tracker.domain.written_values import in_unit, read_value
from tracker.store import projects as project_store
from tracker.store.project_tables import MilestoneDoneRow, ProjectFigureRow

if TYPE_CHECKING:
    from tracker.sheets.forms import Form

ATTEMPTS = 5  # two people recording the same figure at once: the loser tries again
MILESTONE_WORDS = {"开工": START, "竣工": FINISH, "start": START, "finish": FINISH}


def portfolio_places(places: Places, stored: str, *, every_place: bool = False) -> list[str]:
    """The stored keys of the places whose projects a place's status and report cover: the
    place itself and its children (docs/projects.md, "The model"), in config order."""
    if every_place:
        return [places.stored(key) for key in places.by_key]
    key = places.configured(stored)
    children = places.children(key) if key in places.by_key else ()
    return [stored, *(places.stored(c.key) for c in children)]


def read_portfolio(
    session: Session,
    *,
    places: Sequence[str] | None,
    year: int,
    known_before: datetime | None = None,
) -> Portfolio:
    """The projects of ``places`` (stored keys; None: every place) for ``year``, with their
    figures of the year and their milestones met, as recorded before ``known_before``."""
    found = project_store.current_projects(
        session=session, places=places, year=year, known_before=known_before
    )
    if not found:
        return Portfolio(year, known_before=known_before)
    wanted = None if places is None else sorted(set(places))
    figures = project_store.current_figures(
        session=session, places=wanted, years=(year, year), known_before=known_before
    )
    completions = project_store.current_completions(
        session=session, places=wanted, known_before=known_before
    )
    return Portfolio(year, _ordered(found, places), figures, completions, known_before)


def _ordered(found: list[Project], places: Sequence[str] | None) -> tuple[Project, ...]:
    """The projects by place (in ``places``' order), each place's in list order."""
    if places is None:
        return tuple(found)
    position = {place: n for n, place in enumerate(places)}
    return tuple(sorted(found, key=lambda p: position.get(p.place, len(position))))


@dataclass(frozen=True)
class LoadedProjects:
    stored: int  # projects in the configuration
    changed: int  # new, or new versions of changed terms
    retired: int  # configured before, no longer: kept with their history, not reported


def load_projects(
    db: Database, projects: Iterable[Project], *, by: str, now: datetime
) -> LoadedProjects:
    """Store the configured projects (``tracker init``): each new one, and a new version of
    each whose terms changed; a project once configured and now removed is retired. Projects
    read from sheets are left as they are."""
    listed = list(projects)
    changed = retired = 0
    with db.writing() as session:
        for project in listed:
            changed += project_store.save_project(
                session=session, project=project, by=by, now=now
            ).changed
        keep = {(p.place, p.year, p.key) for p in listed}
        for old in project_store.current_projects(session=session):
            if old.origin == "config" and (old.place, old.year, old.key) not in keep:
                project_store.save_project(
                    session=session, project=old, by=by, now=now, retired=True
                )
                retired += 1
    return LoadedProjects(len(listed), changed, retired)


def project_board(
    db: Database,
    *,
    as_of: date,
    places: Places,
    place: str = HOME,
    year: int | None = None,
    known_before: datetime | None = None,
    level: str | None = None,
    owner: str | None = None,
) -> Board:
    """The projects of ``place`` (a stored key) and its children as of ``as_of``, for ``year``
    (default: the year of the last month ended), as recorded before ``known_before``;
    restricted to ``level`` and ``owner`` when given. Raises NotFound when the place has no
    projects that year, InvalidInput for a level or owner none of them has."""
    chosen = projects_year(as_of, year)
    covered = portfolio_places(places, place)
    with db.reading() as session:
        portfolio = read_portfolio(session, places=covered, year=chosen, known_before=known_before)
        if not portfolio.projects:
            years = project_store.project_years(session=session, place=place)
    if not portfolio.projects:
        listed = ", ".join(map(str, years)) or "none"
        raise NotFound(
            f"no key projects for {chosen}; the years with projects: {listed} (--year).",
            zh=f"{chosen}年没有重点项目；有项目的年份：{listed}（可用 --year 指定）。",
        )
    return board(portfolio, as_of, level=level, owner=owner, place_order=covered)


@dataclass(frozen=True)
class FigureInput:
    """A project's figure as a person gave it (text), for a place (stored key)."""

    project: str  # key or name
    period: str
    value: str
    progress: str | None = None  # 形象进度
    note: str | None = None
    place: str = HOME


@dataclass(frozen=True)
class RecordedFigure:
    project: Project
    period: Period
    revision: int
    value: Decimal
    previous: Decimal | None  # the value this revision replaced
    unchanged: bool = False


def record_figure(
    db: Database,
    figure: FigureInput,
    *,
    by: str,
    now: datetime,
    reason: str | None = None,
    force: bool = False,
    year: int | None = None,
) -> RecordedFigure:
    """Store a project's year-to-date investment (亿元, or written with 万元/亿元) for a month;
    with a ``reason`` it revises the stored one, else it must be new (or the very same: then
    nothing is written). ``force`` passes the fall and jump guards, never the total's.
    Raises InvalidInput, NotFound or Conflict, each in English and Chinese, with nothing
    stored."""
    if reason is not None and not reason.strip():
        raise InvalidInput(
            "A revision needs a reason: --revise --reason 'what changed and why'.",
            zh="修订须说明原因：--revise --reason '修改内容及原因'。",
        )
    period = project_period(figure.period, year)
    value = amount_of(figure.value)
    for attempt in range(ATTEMPTS):
        try:
            with db.writing() as session:
                return _record(session, figure, period, value, by, now, reason, force)
        except IntegrityError:
            if attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def project_period(text: str, year: int | None = None) -> Period:
    """The month a project's figure is for, written as people write it (``2020-06``,
    ``2020年1-6月``, ``1-6月`` with ``year``); a year or 全年 is its December."""
    period = read_period(text, cadence=Cadence.MONTHLY, year_to_date=True, year=year)
    if period.months == 12:
        return Period.month(period.year, 12)
    if period.months != 1:
        raise InvalidInput(
            f"'{text}' is not a month; a project's figures are monthly: write e.g. "
            f"{period.year}-{period.end_month:02d}.",
            zh=f"'{text}' 不是月份；项目按月报送：请写成 {period.year}-{period.end_month:02d}。",
        )
    return period


def amount_of(text: str) -> Decimal:
    """An amount of investment in 亿元: ``12.3``, ``12.3亿元``, ``1,234万元``. Raises
    InvalidInput for text that is not one, or in another unit (a percent)."""
    return in_unit(read_value(text), UNIT, text)


def _record(
    session: Session,
    figure: FigureInput,
    period: Period,
    value: Decimal,
    by: str,
    now: datetime,
    reason: str | None,
    force: bool,
) -> RecordedFigure:
    project = _project_of_year(session, figure.project, figure.place, period.year)
    portfolio = read_portfolio(session, places=[project.place], year=period.year)
    others = [f for f in portfolio.figures_of(project) if f.period != period]
    refused = refusals(figure_guards(project, period, value, others), force=force)
    if refused:
        raise InvalidInput(
            f"{project.name} {period}: " + "; ".join(g.en for g in refused) + ".",
            zh=f"{project.name} {period}：" + "；".join(g.zh for g in refused) + "。",
        )
    current = project_store.latest_figure(
        session=session, place=project.place, project=project.key, period=str(period)
    )
    decision = decide(_stored(current), value, None, figure.note, figure.progress, False)
    if current is not None and decision.outcome is Outcome.UNCHANGED:
        return RecordedFigure(project, period, current.revision, current.value, None, True)
    known = (current.value, current.revision) if current is not None else None
    require_intent(f"{project.name} {period}", decision.outcome, known, reason, unit="亿元")
    session.add(
        ProjectFigureRow(
            place=project.place,
            project=project.key,
            period=str(period),
            period_end=period.end,
            revision=decision.revision,
            value=decision.value,
            progress=decision.source,  # the 形象进度 rides in the rule's second text
            note=decision.note,
            reason=reason,
            recorded_by=by,
            recorded_at=now,
        )
    )
    session.flush()
    return RecordedFigure(project, period, decision.revision, value, decision.previous)


def _stored(row: ProjectFigureRow | None) -> StoredFigure | None:
    """A stored figure as the revision rule reads it (``revisions.decide``): its note, and
    its 形象进度 in the place of a source; no amount, never preliminary."""
    if row is None:
        return None
    return StoredFigure(row.revision, row.value, None, False, row.note, row.progress, row.withdrawn)


def _project_of_year(session: Session, text: str, place: str, year: int) -> Project:
    """The project ``text`` names (key or name) of ``place`` in ``year``; NotFound naming the
    years it has, or the close matches."""
    listed = project_store.current_projects(session=session, places=[place], year=year)
    try:
        return find_project(listed, text)
    except NotFound:
        every = project_store.current_projects(session=session, places=[place])
        try:
            other = find_project(every, text)
        except NotFound:
            if listed:
                raise
            raise NotFound(
                f"no key projects for {year}; `tracker projects status --year YEAR` lists a "
                "year's.",
                zh=f"{year}年没有重点项目。",
            ) from None
        years = sorted({p.year for p in every if p.key == other.key})
        raise NotFound(
            f"{other.name} is not a key project of {year}; it is one of "
            f"{', '.join(map(str, years))}.",
            zh=f"{other.name}不是{year}年的重点项目；它属于{'、'.join(map(str, years))}年。",
        ) from None


@dataclass(frozen=True)
class Withdrawn:
    project: Project
    what: str  # the period, or the milestone
    revision: int


def withdraw_figure(
    db: Database,
    project: str,
    period_text: str,
    *,
    reason: str,
    by: str,
    now: datetime,
    place: str = HOME,
    year: int | None = None,
) -> Withdrawn:
    """Take back a project's figure entered for the wrong month: it leaves every status and
    report, its history stays. Raises InvalidInput (no reason, a bad period) or NotFound
    (nothing to withdraw)."""
    _need_reason(reason, "A withdrawal", "撤回")
    period = project_period(period_text, year)
    with db.writing() as session:
        found = _project_of_year(session, project, place, period.year)
        current = project_store.latest_figure(
            session=session, place=found.place, project=found.key, period=str(period)
        )
        if current is None or current.withdrawn:
            raise NotFound(
                f"{found.name} {period} has no figure to withdraw.",
                zh=f"{found.name} {period} 没有数据可撤回。",
            )
        session.add(
            ProjectFigureRow(
                place=found.place, project=found.key, period=str(period),
                period_end=period.end, revision=current.revision + 1, value=current.value,
                progress=current.progress, note=current.note, reason=reason.strip(),
                recorded_by=by, recorded_at=now, withdrawn=True,
            )
        )  # fmt: skip
        return Withdrawn(found, str(period), current.revision + 1)


def _need_reason(reason: str | None, what: str, zh: str) -> None:
    if reason is None or not reason.strip():
        raise InvalidInput(
            f"{what} needs a reason: --reason 'why'.", zh=f"{zh}须说明原因：--reason '原因'。"
        )


@dataclass(frozen=True)
class Met:
    project: Project
    milestone: str
    done: date
    revision: int
    previous: date | None = None
    unchanged: bool = False


def milestone_done(
    db: Database,
    project: str,
    milestone: str,
    done: date,
    *,
    by: str,
    now: datetime,
    today: date,
    place: str = HOME,
    year: int | None = None,
    reason: str | None = None,
    note: str | None = None,
) -> Met:
    """Record that a milestone of a project (``start``/开工, ``finish``/竣工, or one of its
    named milestones) was met on ``done``; with ``reason`` it revises the day recorded.
    Raises InvalidInput (a day after ``today``, a finish before the start, a milestone the
    project does not have), NotFound or Conflict, with nothing stored."""
    if done > today:
        raise InvalidInput(
            f"--date {done} has not come yet (today is {today}); record a milestone once met.",
            zh=f"--date {done} 尚未到来（今天是{today}）；里程碑完成后再录入。",
        )
    if reason is not None and not reason.strip():
        _need_reason(reason, "A revision", "修订")
    with db.writing() as session:
        found = _project_for_milestone(session, project, place, year or done.year)
        name = _milestone_name(found, milestone)
        met = project_store.current_completions(session=session, places=[found.place]).get(
            (found.place, found.key), {}
        )
        _check_order(found, name, done, met)
        current = project_store.latest_completion(
            session=session, place=found.place, project=found.key, milestone=name
        )
        live = current is not None and not current.withdrawn
        if live and current is not None and current.done == done:
            return Met(found, name, done, current.revision, unchanged=True)
        if live and current is not None and reason is None:
            raise Conflict(
                f"{found.name}: {name} is recorded as met on {current.done}; to correct it, add "
                "--revise --reason 'why'.",
                zh=f"{found.name}：{name}已录入完成于{current.done}；如需更正，请加 --revise "
                "--reason '原因'。",
            )
        if not live and reason is not None and current is None:
            raise NotFound(
                f"{found.name}: {name} has no day to revise; record it without --revise.",
                zh=f"{found.name}：{name}尚未录入，无可修订；请去掉 --revise。",
            )
        revision = 1 if current is None else current.revision + 1
        session.add(
            MilestoneDoneRow(
                place=found.place, project=found.key, milestone=name, revision=revision,
                done=done, note=note, reason=reason, recorded_by=by, recorded_at=now,
            )
        )  # fmt: skip
        previous = current.done if live and current is not None else None
        return Met(found, name, done, revision, previous)


def _project_for_milestone(session: Session, text: str, place: str, year: int) -> Project:
    """The project ``text`` names: its version of ``year`` if it has one, else its latest."""
    every = project_store.current_projects(session=session, places=[place])
    if not every:
        raise NotFound(
            "no key projects yet; `tracker init` loads config/projects/, `tracker projects "
            "import` a project sheet.",
            zh="还没有重点项目；`tracker init` 载入 config/projects/，或用 `tracker projects "
            "import` 导入项目表。",
        )
    chosen = find_project(every, text)
    versions = [p for p in every if p.key == chosen.key]
    of_year = [p for p in versions if p.year == year]
    return of_year[0] if of_year else max(versions, key=lambda p: p.year)


def _milestone_name(project: Project, text: str) -> str:
    """The milestone ``text`` names: start/开工, finish/竣工, or a named one of the project."""
    name = MILESTONE_WORDS.get(text.strip(), text.strip())
    names = [START, FINISH, *(m.name for m in project.milestones)]
    if name in names:
        return name
    listed = ", ".join(names)
    raise InvalidInput(
        f"{project.name} has no milestone '{text}'; its milestones: {listed}.",
        zh=f"{project.name}没有里程碑“{text}”；其里程碑：{listed}。",
    )


def _check_order(project: Project, name: str, done: date, met: dict[str, date]) -> None:
    """A project is not finished before it started, nor started after it finished."""
    started, finished = met.get(START), met.get(FINISH)
    if name == FINISH and started is not None and done < started:
        raise InvalidInput(
            f"{project.name}: finished on {done}, before it started ({started}); check the date.",
            zh=f"{project.name}：竣工日期{done}早于开工日期{started}；请核对。",
        )
    if name == START and finished is not None and done > finished:
        raise InvalidInput(
            f"{project.name}: started on {done}, after it finished ({finished}); check the date.",
            zh=f"{project.name}：开工日期{done}晚于竣工日期{finished}；请核对。",
        )


def withdraw_milestone(
    db: Database,
    project: str,
    milestone: str,
    *,
    reason: str,
    by: str,
    now: datetime,
    place: str = HOME,
) -> Withdrawn:
    """Take back a milestone recorded as met: it is pending (or overdue) again, its history
    stays. Raises InvalidInput (no reason, an unknown milestone) or NotFound (not recorded)."""
    _need_reason(reason, "A withdrawal", "撤回")
    with db.writing() as session:
        found = _project_for_milestone(session, project, place, now.year)
        name = _milestone_name(found, milestone)
        current = project_store.latest_completion(
            session=session, place=found.place, project=found.key, milestone=name
        )
        if current is None or current.withdrawn:
            raise NotFound(
                f"{found.name}: {name} is not recorded as met; nothing to withdraw.",
                zh=f"{found.name}：{name}未录入完成，无可撤回。",
            )
        session.add(
            MilestoneDoneRow(
                place=found.place, project=found.key, milestone=name,
                revision=current.revision + 1, done=current.done, note=current.note,
                reason=reason.strip(), recorded_by=by, recorded_at=now, withdrawn=True,
            )
        )  # fmt: skip
        return Withdrawn(found, name, current.revision + 1)


@dataclass(frozen=True)
class HistoryLine:
    """One revision of a project's figure or milestone, as the history shows it."""

    what: str  # the period ("2020-06"), or the milestone's name
    revision: int
    value: str  # "6.5" (亿元), a day, or "" for a withdrawal
    withdrawn: bool
    progress: str | None
    note: str | None
    reason: str | None
    source: str  # "file:row" of a sheet, or ""
    recorded_by: str
    recorded_at: datetime


def project_history(
    db: Database, project: str, *, place: str = HOME
) -> tuple[Project, list[HistoryLine]]:
    """Every revision of a project's figures, then of its milestones met: who, when, why."""
    with db.reading() as session:
        every = project_store.current_projects(session=session, places=[place])
        found = find_project(every, project)
        figures = project_store.figure_revisions(session=session, place=place, project=found.key)
        met = project_store.completion_revisions(session=session, place=place, project=found.key)
    lines = [
        HistoryLine(r.period, r.revision, plain(r.value), r.withdrawn, r.progress, r.note,
                    r.reason, _origin(r.source_file, r.source_row), r.recorded_by, r.recorded_at)
        for r in figures
    ] + [
        HistoryLine(r.milestone, r.revision, r.done.isoformat(), r.withdrawn, None, r.note,
                    r.reason, _origin(r.source_file, r.source_row), r.recorded_by, r.recorded_at)
        for r in met
    ]  # fmt: skip
    return found, lines


def _origin(file: str | None, row: int | None) -> str:
    return f"{file}:{row}" if file else ""


def write_project_forms(
    db: Database,
    period_text: str,
    folder: Path,
    *,
    places: Places,
    place: str = HOME,
    owner: str | None = None,
    replace: bool = False,
    year: int | None = None,
) -> "list[Form]":
    """Write each owner's form of its key projects of ``place`` (a stored key) for the month
    (``PERIOD-OWNER-projects.xlsx``) into ``folder`` (``tracker.sheets.project_forms``). A
    form already there may have been filled in: it is replaced only with ``replace``. Raises
    NotFound (no project to fill in), Conflict (a form there), InvalidInput (a bad period)."""
    from tracker.sheets.forms import write_forms
    from tracker.sheets.project_forms import project_form_files

    period = project_period(period_text, year)
    with db.reading() as session:
        portfolio = read_portfolio(session, places=[place], year=period.year)
    other = places.place(places.configured(place)) if place != HOME else None
    files = project_form_files(portfolio, period, place=place, place_of=other, owner=owner)
    return write_forms(folder, files, replace=replace)

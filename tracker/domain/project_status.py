"""The status of key projects as of a date (docs/projects.md, "Rules"): the period judged,
the share of plan against the time share (序时进度), the milestones met or overdue, and the
verdict in the words the goals use (``tracker.domain.status.Status``).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tracker.domain.periods import Period
from tracker.domain.projects import START, Milestone, Portfolio, Project, ProjectFigure
from tracker.domain.severity import SEVERITY, is_behind
from tracker.domain.status import Status
from tracker.domain.years import goals_year, last_month_ended

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class MilestoneStatus:
    """One milestone as of a date: ``done`` the day it was met (None: not yet), ``status``
    ACHIEVED (met; ``late_days`` after its due date, 0 when on time), LAGGING (overdue by
    ``late_days``) or PENDING (not due yet)."""

    milestone: Milestone
    done: date | None
    status: Status
    late_days: int = 0
    continuing: bool = False  # the start of a project begun before its year, taken as met

    @property
    def overdue(self) -> bool:
        return self.status is Status.LAGGING


@dataclass(frozen=True)
class ProjectStatus:
    """One project as of a date, judged at ``period`` (None: no month of the year has ended).

    ``figure``: its latest figure up to the period (None: none this year); ``done`` its
    amount (0 without one); ``share`` = done ÷ plan × 100 (None for a plan of 0); ``time_share``
    = the period's month ÷ 12 × 100; ``gap`` = share − time share, percentage points.
    ``reported``: it has a figure for the period itself. ``final``: the period is December.
    """

    project: Project
    period: Period | None
    figure: ProjectFigure | None
    done: Decimal
    share: Decimal | None
    time_share: Decimal
    gap: Decimal | None
    status: Status
    milestones: tuple[MilestoneStatus, ...]
    reported: bool
    final: bool

    @property
    def overdue(self) -> tuple[MilestoneStatus, ...]:
        """The milestones past their due date and not met."""
        return tuple(m for m in self.milestones if m.overdue)

    @property
    def plan_met(self) -> bool:
        return self.done >= self.project.plan


def projects_year(as_of: date, year: int | None = None) -> int:
    """The year whose projects a status or report as of ``as_of`` is about: ``year`` when
    chosen, else that of the last month ended (the goals' month rule)."""
    return goals_year(as_of, year)


def status_period(portfolio: Portfolio, as_of: date) -> Period | None:
    """The month the projects are judged at: the latest, up to the last month ended by
    ``as_of`` and within the portfolio's year, for which any of its projects has a figure;
    without any, that last month itself; None when no month of the year has ended."""
    year = portfolio.year
    last = last_month_ended(as_of)
    if last.year < year:
        return None
    cap = last if last.year == year else Period.month(year, 12)
    latest: Period | None = None
    for project in portfolio.projects:
        for figure in reversed(portfolio.figures_of(project)):  # oldest first: the last fits
            if figure.period <= cap:
                if latest is None or figure.period > latest:
                    latest = figure.period
                break
    return latest or cap


def time_share(period: Period | None) -> Decimal:
    """序时进度 at the end of ``period``: its month ÷ 12 × 100 (0 before any month ended)."""
    return Decimal(0) if period is None else Decimal(period.end_month) * HUNDRED / 12


def milestone_statuses(
    project: Project, met: Mapping[str, date], as_of: date
) -> tuple[MilestoneStatus, ...]:
    """Each milestone of ``project`` as of ``as_of``; ``met``: milestone name → the day it was
    met (a day after ``as_of`` does not count yet)."""
    found = []
    for milestone in project.every_milestone:
        done = met.get(milestone.name)
        if done is not None and done > as_of:
            done = None
        if done is None and milestone.name == START and project.continuing:
            found.append(MilestoneStatus(milestone, None, Status.ACHIEVED, continuing=True))
        elif done is not None:
            late = max(0, (done - milestone.due).days)
            found.append(MilestoneStatus(milestone, done, Status.ACHIEVED, late))
        elif as_of > milestone.due:
            found.append(
                MilestoneStatus(milestone, None, Status.LAGGING, (as_of - milestone.due).days)
            )
        else:
            found.append(MilestoneStatus(milestone, None, Status.PENDING))
    return tuple(found)


def evaluate_project(
    project: Project,
    figures: Sequence[ProjectFigure],
    met: Mapping[str, date],
    *,
    as_of: date,
    period: Period | None,
) -> ProjectStatus:
    """The status of ``project`` as of ``as_of``, judged at ``period`` (``status_period``):
    ``figures`` its current figures of the year, oldest first; ``met`` its milestones met.
    docs/projects.md, "Rules", gives the order of the verdicts."""
    figure = _latest(figures, period)
    done = figure.value if figure else Decimal(0)
    plan = project.plan
    share = done * HUNDRED / plan if plan > 0 else None
    expected = time_share(period)
    gap = None if share is None else share - expected
    milestones = milestone_statuses(project, met, as_of)
    final = period is not None and period.end_month == 12
    status = _verdict(project, figure, done, gap, milestones, final)
    reported = figure is not None and figure.period == period
    return ProjectStatus(
        project, period, figure, done, share, expected, gap, status, milestones, reported, final
    )


def _latest(figures: Sequence[ProjectFigure], period: Period | None) -> ProjectFigure | None:
    if period is None:
        return None
    found = None
    for figure in figures:  # of the period's year only: last year's are no progress
        if figure.period <= period and figure.period.year == period.year:
            found = figure
    return found


def _verdict(
    project: Project,
    figure: ProjectFigure | None,
    done: Decimal,
    gap: Decimal | None,
    milestones: Sequence[MilestoneStatus],
    final: bool,
) -> Status:
    """The status, in the order of docs/projects.md, "Rules"."""
    plan = project.plan
    if final:
        year_end = date(project.year, 12, 31)
        overdue = any(m.overdue and m.milestone.due <= year_end for m in milestones)
        met = done >= plan and (figure is not None or plan <= 0)
        return Status.ACHIEVED if met and not overdue else Status.MISSED
    if any(m.overdue for m in milestones):
        return Status.LAGGING
    if plan <= 0 or gap is None:
        return Status.ON_TRACK  # nothing to invest this year: judged by its milestones
    if figure is None:
        return Status.NO_DATA
    if done >= plan:
        return Status.ACHIEVED
    if gap >= 0:
        return Status.ON_TRACK
    return Status.AT_RISK if gap >= -project.warning else Status.LAGGING


def evaluate_portfolio(
    portfolio: Portfolio, as_of: date, period: Period | None = None
) -> list[ProjectStatus]:
    """Every project of ``portfolio`` as of ``as_of``, in its order, judged at ``period``
    (default: ``status_period``)."""
    if period is None:
        period = status_period(portfolio, as_of)
    return [
        evaluate_project(
            p,
            portfolio.figures_of(p),
            portfolio.completions_of(p),
            as_of=as_of,
            period=period,
        )
        for p in portfolio.projects
    ]


def without_figure(portfolio: Portfolio, period: Period, place: str) -> dict[str, list[Project]]:
    """By owner key, the projects of ``place`` (a stored key) with a plan this year and no
    figure for ``period``: what a reminder names (docs/projects.md, "Forms and reminders")."""
    found: dict[str, list[Project]] = {}
    for project in portfolio.projects:
        if project.place != place or project.plan <= 0 or project.year != period.year:
            continue
        if not any(f.period == period for f in portfolio.figures_of(project)):
            found.setdefault(project.owner.key, []).append(project)
    return found


def worst_first(statuses: Sequence[ProjectStatus]) -> list[ProjectStatus]:
    """The projects behind (missed, lagging, at risk), in that order of status, each status's
    by gap, the furthest behind first (a project without a gap after those with one; those
    lagging for a milestone alone, ahead on money, after those behind on money); ties keep
    the order given."""
    behind = [s for s in statuses if is_behind(s.status)]

    def key(s: ProjectStatus) -> tuple[int, int, Decimal]:
        gap = s.gap
        return (SEVERITY.index(s.status), gap is None, gap if gap is not None else Decimal(0))

    return sorted(behind, key=key)

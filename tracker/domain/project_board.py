"""The projects of a place as of a date, as a status, a report and a 调度通报 show them: every
project judged at one period, the totals overall, per level, per owner and per place, and the
projects behind, worst first (docs/projects.md)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tracker.domain.errors import InvalidInput
from tracker.domain.model import Owner
from tracker.domain.periods import Period
from tracker.domain.project_status import (
    ProjectStatus,
    evaluate_portfolio,
    status_period,
    time_share,
    worst_first,
)
from tracker.domain.project_totals import Totals, by_level, by_owner, by_place, totals
from tracker.domain.projects import Portfolio, level_words


@dataclass(frozen=True)
class Board:
    """``statuses``: every project chosen, in list order; ``behind`` those behind, worst
    first; ``overall``, ``levels``, ``owners``, ``places`` their totals (``places``: one per
    place with projects, in ``place_order``, ranked by share of plan). ``period``: the month
    judged (None before the year's first month has ended); ``level`` and ``owner``: the
    filters applied (None: all)."""

    year: int
    as_of: date
    period: Period | None
    statuses: tuple[ProjectStatus, ...]
    behind: tuple[ProjectStatus, ...]
    overall: Totals
    levels: tuple[Totals, ...]
    owners: tuple[Totals, ...]
    places: tuple[Totals, ...]
    level: str | None = None
    owner: Owner | None = None

    @property
    def time_share(self) -> Decimal:
        """序时进度 at the period's end (percent)."""
        return time_share(self.period)

    @property
    def unreported(self) -> tuple[ProjectStatus, ...]:
        """The projects without a figure for the period, in list order."""
        return tuple(s for s in self.statuses if s.period is not None and not s.reported)


def board(
    portfolio: Portfolio,
    as_of: date,
    *,
    level: str | None = None,
    owner: str | None = None,
    place_order: Sequence[str] = (),
    period: Period | None = None,
) -> Board:
    """The board of ``portfolio`` as of ``as_of``, judged at the period of every project of
    the portfolio (``status_period``: filtering does not move it), then restricted to the
    ``level`` (as written, or without its 项目) and the ``owner`` (key or name) given.
    Raises InvalidInput for a level or owner that no project has, naming those there are.
    ``period``: the month to judge at instead (a reminder's: the month whose figures are due)."""
    if period is None:
        period = status_period(portfolio, as_of)
    statuses = evaluate_portfolio(portfolio, as_of, period)
    chosen_owner = None
    if level is not None:
        statuses = _of_level(statuses, level)
    if owner is not None:
        chosen_owner = _owner(statuses, owner)
        statuses = [s for s in statuses if s.project.owner.key == chosen_owner.key]
    return Board(
        year=portfolio.year,
        as_of=as_of,
        period=period,
        statuses=tuple(statuses),
        behind=tuple(worst_first(statuses)),
        overall=totals(statuses, as_of),
        levels=tuple(by_level(statuses, as_of)),
        owners=tuple(by_owner(statuses, as_of)),
        places=tuple(by_place(statuses, as_of, place_order)),
        level=level,
        owner=chosen_owner,
    )


def _of_level(statuses: list[ProjectStatus], level: str) -> list[ProjectStatus]:
    wanted = level_words(level, "zh")
    found = [s for s in statuses if level_words(s.project.level, "zh") == wanted]
    if not found and statuses:
        known = "、".join(dict.fromkeys(s.project.level for s in statuses))
        raise InvalidInput(
            f"no project of level '{level}'; the levels are: {known}.",
            zh=f"没有级别为“{level}”的项目；现有级别：{known}。",
        )
    return found


def _owner(statuses: list[ProjectStatus], name: str) -> Owner:
    wanted = name.strip().casefold()
    owners = {s.project.owner.key: s.project.owner for s in statuses}
    for o in owners.values():
        if wanted in (o.key.casefold(), o.name_zh.casefold(), o.name_en.casefold()):
            return o
    known = ", ".join(f"{o.key} ({o.name_zh})" for o in owners.values()) or "none"
    raise InvalidInput(
        f"no project of owner '{name}'; the owners of projects are: {known}.",
        zh=f"没有责任单位为“{name}”的项目；有项目的责任单位：{known}。",
    )

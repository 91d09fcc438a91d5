"""A workspace: everything one use case computes from, read once (``tracker.app.workspace``)
and then used in memory by the status rules, the reports, the sheets and the messages.

It is plain data: the goals of one place and year, the current figures of that year and the
one before (the baselines) of every place those goals need — the place itself, the places its
goals are scored against, and for a report its parent and its children, and its peers' of the
periods its league tables rank — and, for a report of a place with children, their goals.
Nothing here reads a database.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType

from tracker.domain.errors import NotFound
from tracker.domain.model import Figure, Goal, Indicator
from tracker.domain.periods import Period
from tracker.domain.places import HOME, Places
from tracker.domain.plans import Plan, PlanStatus, evaluate_plan
from tracker.domain.project_status import ProjectStatus, evaluate_portfolio
from tracker.domain.projects import Portfolio
from tracker.domain.status import GoalStatus, Rankings, evaluate_among, evaluate_in
from tracker.domain.years import Closing

# Stored place key -> indicator key -> the current figures of that place, oldest period first.
FiguresByPlace = Mapping[str, Mapping[str, Sequence[Figure]]]
_NONE: Mapping[str, Sequence[Figure]] = MappingProxyType({})


@dataclass(frozen=True)
class Workspace:
    """The goals of ``place`` (a configured key of ``places``) for ``year`` and every figure
    they are evaluated with, as recorded before ``known_before`` (None: everything).

    ``figures``: by stored place key (``Places.stored``), then indicator key, the current
    figures of ``year`` and ``year - 1``. ``children``: by configured key, each child place's
    goals of ``year`` (read for a report only). ``indicators``: every indicator defined, when
    the use case asked for them (forms and exports name indicators without goals). ``closing``:
    when the year was chosen by the year's-end rule, last year's goals whose last figure is
    still due (docs/status-rules.md, "The year's end"). ``sampled``: the stored keys of the
    places whose ``figures`` hold only some periods: a report's peers, read for the periods
    its league tables rank them for (each goal's latest and previous; ``tracker.app.workspace``)
    when none of its goals ranks the place among them. ``projects``: the key projects of the
    year of the place and its children, when the use case asked for them (docs/projects.md).
    """

    year: int
    places: Places
    place: str
    goals: tuple[Goal, ...]
    figures: FiguresByPlace
    children: Mapping[str, tuple[Goal, ...]] = field(default_factory=dict)
    indicators: tuple[Indicator, ...] = ()
    known_before: datetime | None = None
    closing: tuple[Closing, ...] = ()
    closing_year: int | None = None
    sampled: frozenset[str] = frozenset()
    projects: Portfolio | None = None  # the key projects of the place and its children
    # The place's multi-year plans, and the figures they add up (the years from the earliest
    # plan's baseline year), by indicator key (docs/status-rules.md, "Plan goals").
    plans: tuple[Plan, ...] = ()
    plan_figures: Mapping[str, Sequence[Figure]] = field(default_factory=dict)

    @property
    def stored(self) -> str:
        """The stored key of the workspace's place ("" for home)."""
        return HOME if self.place == self.places.home else self.place

    @property
    def own(self) -> Mapping[str, Sequence[Figure]]:
        """The place's own figures, by indicator key."""
        return self.figures.get(self.stored, _NONE)

    def figures_of(self, place: str) -> Mapping[str, Sequence[Figure]]:
        """The figures of ``place`` (a configured key), by indicator key; none when not read."""
        return self.figures.get(self.places.stored(place), _NONE)

    @property
    def peers(self) -> tuple[str, ...]:
        """The stored keys of the place's peers (same parent, itself included), config order."""
        return peers_of(self.places, self.stored)

    def statuses(self, as_of: date) -> list[GoalStatus]:
        """Every goal evaluated as of ``as_of`` (docs/status-rules.md); a goal relative to
        another place, or ranked among the peers, with their figures."""
        if not any(scored_with_places(goal) for goal in self.goals):
            own = self.own
            return [evaluate_in(goal, own, as_of) for goal in self.goals]
        rankings: Rankings = {}  # each indicator ranked once per period
        peers, groups = self.peers, self.places.ranked_among()
        return [
            evaluate_among(goal, self.figures, as_of, peers=peers, rankings=rankings, groups=groups)
            for goal in self.goals
        ]

    def statuses_by_place(self, as_of: date) -> dict[str, list[GoalStatus]]:
        """Every goal of the workspace (of every place, as ``Scope.EVERY_PLACE`` reads them)
        evaluated as of ``as_of``, by stored place key: the configured places in config order
        (those without goals left out), then any place with goals stored that is no longer
        configured. Each indicator is ranked once per period and parent."""
        grouped: dict[str, list[Goal]] = {}
        for goal in self.goals:
            grouped.setdefault(goal.place, []).append(goal)
        order = [self.places.stored(key) for key in self.places.by_key]
        order += [p for p in grouped if p not in order]
        rankings: Rankings = {}
        groups = self.places.ranked_among()
        found: dict[str, list[GoalStatus]] = {}
        for place in order:
            if place not in grouped:
                continue
            peers = peers_of(self.places, place) if _ranks(grouped[place]) else (place,)
            found[place] = [
                evaluate_among(
                    g, self.figures, as_of, peers=peers, rankings=rankings, groups=groups
                )
                for g in grouped[place]
            ]
        return found

    def own_project_statuses(
        self, as_of: date, period: Period | None = None
    ) -> list[ProjectStatus]:
        """The place's own key projects (not its children's) as of ``as_of``, judged at
        ``period`` (None: the portfolio's status period; docs/projects.md); none when the use
        case did not read projects."""
        if self.projects is None:
            return []
        return evaluate_portfolio(self.projects.of_places([self.stored]), as_of, period)

    def plan_statuses(self, as_of: date) -> tuple[tuple[Plan, tuple[PlanStatus, ...]], ...]:
        """Each plan of the place with its goals evaluated as of ``as_of``."""
        return tuple(
            (
                plan,
                tuple(
                    evaluate_plan(plan, goal, self.plan_figures.get(goal.indicator.key, ()), as_of)
                    for goal in plan.goals
                ),
            )
            for plan in self.plans
        )

    def require_goals(self) -> "Workspace":
        """Itself. Raises NotFound when the place has no goals for the year, nor any of its
        children: there is nothing to report."""
        if self.goals or any(self.children.values()):
            return self
        if self.stored == HOME:
            raise NotFound(
                f"no goals for {self.year}; `tracker goals` lists the years that have them.",
                zh=f"{self.year}年没有目标；`tracker goals` 列出有目标的年份。",
            )
        name = self.places.name(self.stored, "zh")
        raise NotFound(
            f"no goals of {name} ({self.places.name(self.stored, 'en')}) for {self.year}; "
            "`tracker goals` lists the years that have them.",
            zh=f"{name}{self.year}年没有目标；`tracker goals` 列出有目标的年份。",
        )


def _ranks(goals: list[Goal]) -> bool:
    """Whether any of the goals (in any of its versions) ranks its place among its peers."""
    return any(g.rank_among is not None for goal in goals for g in (goal, *goal.versions))


def scored_with_places(goal: Goal) -> bool:
    """Whether the goal (in any of its versions) is scored with other places' figures: relative
    to another place, a share of its total, or a rank among peers."""
    return any(
        g.reference_place is not None or g.rank_among is not None or g.share_of is not None
        for g in (goal, *goal.versions)
    )


def peers_of(places: Places | None, stored: str) -> tuple[str, ...]:
    """The stored keys of the places with the same parent as ``stored`` (a stored key), itself
    included, in config order; the place alone without places or when it is not configured."""
    if places is None:
        return (stored,)
    try:
        peers = places.peers(places.configured(stored))
    except NotFound:  # goals of a place no longer configured
        return (stored,)
    return tuple(places.stored(p.key) for p in peers)

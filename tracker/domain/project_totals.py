"""The totals of a 调度通报 (docs/projects.md, "Rules"): overall, per level, per owner and
per place, the places ranked by share of plan (位次)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from tracker.domain.project_status import HUNDRED, ProjectStatus
from tracker.domain.projects import FINISH, START, level_rank
from tracker.domain.ranking import rank_places
from tracker.domain.severity import is_behind


@dataclass(frozen=True)
class Totals:
    """The projects of one group as of a date: ``count``; ``total``, ``plan`` and ``done`` in
    亿元; ``share`` of plan (None without a plan) and its ``gap`` to ``time_share``
    (percentage points); ``starts_due`` (projects of the year whose planned start is due by
    the date), ``started`` (those of them started) and ``start_rate`` (%, None when none is
    due); ``finished`` (completions within the year by the date); ``behind`` (at risk,
    lagging or missed); ``unmet`` (projects with a plan not yet met); ``unreported``
    (without a figure for the period); ``rank`` (位次 among the places, per place only)."""

    key: str  # the level, the owner's key or the place's stored key; "" overall
    count: int
    total: Decimal
    plan: Decimal
    done: Decimal
    share: Decimal | None
    time_share: Decimal
    gap: Decimal | None
    starts_due: int
    started: int
    start_rate: Decimal | None
    finished: int
    behind: int
    unmet: int
    unreported: int
    rank: int | None = None

    @property
    def all_met(self) -> bool:
        """Every project has met its annual plan (全部完成年度投资计划)."""
        return self.count > 0 and self.unmet == 0


def totals(statuses: Sequence[ProjectStatus], as_of: date, key: str = "") -> Totals:
    """The totals of ``statuses`` (projects of one year) as of ``as_of``, in one pass."""
    total = plan = done = Decimal(0)
    due = started = finished = behind = unmet = unreported = 0
    for s in statuses:
        p = s.project
        total += p.total
        plan += p.plan
        done += s.done
        if _start_due(s, as_of):
            due += 1
            started += _met(s, START)
        finished += _met(s, FINISH, year=p.year)
        behind += is_behind(s.status)
        unmet += p.plan > 0 and not s.plan_met
        unreported += s.period is not None and not s.reported
    share = done * HUNDRED / plan if plan > 0 else None
    expected = statuses[0].time_share if statuses else Decimal(0)
    return Totals(
        key=key,
        count=len(statuses),
        total=total,
        plan=plan,
        done=done,
        share=share,
        time_share=expected,
        gap=None if share is None else share - expected,
        starts_due=due,
        started=started,
        start_rate=Decimal(started) * HUNDRED / due if due else None,
        finished=finished,
        behind=behind,
        unmet=unmet,
        unreported=unreported,
    )


def _start_due(s: ProjectStatus, as_of: date) -> bool:
    """A project of the year whose planned start falls in its year and by ``as_of``."""
    start = s.project.start
    return start is not None and start.year == s.project.year and start <= as_of


def _met(s: ProjectStatus, name: str, *, year: int | None = None) -> bool:
    for m in s.milestones:
        if m.milestone.name == name and m.done is not None:
            return year is None or m.done.year == year
    return False


def grouped(
    statuses: Sequence[ProjectStatus],
    as_of: date,
    key: Callable[[ProjectStatus], str],
    order: Callable[[str], int] | None = None,
) -> list[Totals]:
    """The totals of each group of ``statuses`` by ``key``, in the order first met (sorted by
    ``order`` when given; the sort is stable)."""
    groups: dict[str, list[ProjectStatus]] = {}
    for s in statuses:
        groups.setdefault(key(s), []).append(s)
    names = list(groups)
    if order is not None:
        names.sort(key=order)
    return [totals(groups[name], as_of, name) for name in names]


def by_level(statuses: Sequence[ProjectStatus], as_of: date) -> list[Totals]:
    """Per level, national first (``projects.level_rank``), then as first met."""
    return grouped(statuses, as_of, lambda s: s.project.level, level_rank)


def by_owner(statuses: Sequence[ProjectStatus], as_of: date) -> list[Totals]:
    """Per owner (its key), as first met."""
    return grouped(statuses, as_of, lambda s: s.project.owner.key)


def by_place(
    statuses: Sequence[ProjectStatus], as_of: date, order: Sequence[str] = ()
) -> list[Totals]:
    """Per place (its stored key), in ``order`` (stored keys; others after, as first met),
    each with its rank by share of plan among them, highest first (equal shares share a rank;
    a place without a plan has none)."""
    position = {place: n for n, place in enumerate(order)}
    found = grouped(
        statuses, as_of, lambda s: s.project.place, lambda p: position.get(p, len(position))
    )
    ranking = rank_places({t.key: t.share for t in found}, lower_is_better=False)
    return [_ranked(t, ranking.rank_of(t.key)) for t in found]


def _ranked(t: Totals, rank: int | None) -> Totals:
    return replace(t, rank=rank)

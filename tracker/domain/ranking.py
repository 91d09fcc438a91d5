"""Rank among peers (docs/status-rules.md, "Places and peers").

A place's peers are the places with the same parent, the place itself included. For one
indicator and one period they are ranked best first: highest first, or lowest first for a
ceiling indicator (CPI, energy use per unit of GDP). Equal figures share a rank and the next
rank skips (competition ranking: 1, 2, 2, 4). A peer without a figure for the period has no
rank: it is named (``Ranking.missing``) and left out, and ranks are "of N reporting".
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from tracker.domain.model import Comparator, Goal, Indicator, Measure, TargetKind


@dataclass(frozen=True)
class Standing:
    """One place in a ranking: its figure (None: no figure for the period) and its rank
    (1 is best; None when it has no figure)."""

    place: str
    value: Decimal | None
    rank: int | None


@dataclass(frozen=True)
class Ranking:
    """The places ranked for one indicator and period.

    ``standings``: the places with a figure, best first (equal figures in the order given),
    then the places without one, in the order given. ``reporting``: how many places have a
    figure (the N of "2nd of N reporting").
    """

    standings: tuple[Standing, ...]
    reporting: int

    def rank_of(self, place: str) -> int | None:
        """The place's rank (1 is best); None when it has no figure or is not in the ranking."""
        return self._ranks.get(place)

    @cached_property
    def _ranks(self) -> dict[str, int | None]:
        """Each place's rank, looked up at once: a league table asks for every peer's rank
        before and now, which a scan of the standings made quadratic in the peers (1,500
        places: ten seconds)."""
        return {s.place: s.rank for s in reversed(self.standings)}  # the first of a place

    @property
    def missing(self) -> tuple[str, ...]:
        """The places without a figure for the period, in the order given."""
        return tuple(s.place for s in self.standings if s.value is None)


def rank_places(values: Mapping[str, Decimal | None], *, lower_is_better: bool) -> Ranking:
    """Rank the places of ``values`` (place key -> figure, None when it has none; the
    mapping's order is the configured order) best first: highest first, lowest first when
    ``lower_is_better``. Ties share the better rank and the next rank skips (1, 2, 2, 4).
    Raises nothing; an empty mapping gives an empty ranking."""
    reported = [(place, value) for place, value in values.items() if value is not None]
    # sorted() is stable, so equal figures keep the configured order.
    reported.sort(key=lambda item: item[1] if lower_is_better else -item[1])
    standings: list[Standing] = []
    previous: Decimal | None = None
    rank = 0
    for position, (place, value) in enumerate(reported, start=1):
        if previous is None or value != previous:
            rank = position
            previous = value
        standings.append(Standing(place, value, rank))
    standings.extend(Standing(place, None, None) for place, v in values.items() if v is None)
    return Ranking(standings=tuple(standings), reporting=len(reported))


def lower_is_better(indicator: Indicator, goals: Iterable[Goal] = ()) -> bool:
    """Whether the indicator is a ceiling indicator, ranked lowest first.

    The goals set on the indicator decide (the first that says): a number goal with
    ``at_most`` or ``below``, or a ``between`` range with ``ceiling = true``, makes it a
    ceiling (控制在3.5%以内); ``at_least``, ``above`` or a plain range makes it a floor. An
    ``about`` goal, a rank goal (its comparator is about the rank, not the figure) or a goal
    without a number says nothing. Without a goal that says, the measure decides: a position
    (``rank``: 1 is best) is lowest first, everything else highest first. Raises nothing.
    """
    for goal in goals:
        if goal.indicator.key != indicator.key or goal.kind is not TargetKind.NUMBER:
            continue
        if goal.rank_among is not None:
            if goal.ceiling:
                return True
            continue
        if goal.comparator is Comparator.BETWEEN:
            return goal.ceiling
        if goal.comparator in (Comparator.AT_MOST, Comparator.BELOW):
            return True
        if goal.comparator in (Comparator.AT_LEAST, Comparator.ABOVE):
            return False
    return indicator.measure is Measure.RANK

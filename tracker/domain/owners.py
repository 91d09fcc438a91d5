"""Owners held to account (责任单位完成情况): per owner its goals, how many are behind, and a
weighted score (DOMAIN.md, "Owners"; docs/status-rules.md, "Owners").

The score of an owner is Σ weight × progress / Σ weight over its goals that can be judged, as a
percentage; a goal's ``weight`` is set in its goals file (default 1). A goal's progress, from 0
to 1:

- achieved or on track: 1;
- behind (at risk, lagging, missed), scored upward against a positive number (a count's
  expected count by now, a rate's target, a range's lower end): the score's share of it, from 0
  to 1 (a count at 90% of its expected count: 0.9);
- any other goal behind: 0.5 at risk, 0 lagging or missed (a ceiling exceeded, a milestone
  overdue, a judgement);
- no data, a target pending or none: not judged, left out of the score.

Owners are listed worst first: the most goals behind first, then the lowest score, then in the
order their goals come.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from tracker.domain.model import Owner
from tracker.domain.severity import MET, is_behind
from tracker.domain.status import GoalStatus, Status

HUNDRED = Decimal(100)
NOT_JUDGED = (Status.NO_DATA, Status.PENDING, Status.NO_TARGET)


@dataclass(frozen=True)
class Standing:
    """One owner: its goals' statuses (in the order given), how many are behind, and its
    weighted score in percent (None when none of its goals can be judged yet)."""

    owner: Owner
    statuses: tuple[GoalStatus, ...]
    behind: int
    score: Decimal | None

    def count(self, status: Status) -> int:
        return sum(1 for s in self.statuses if s.status is status)


def progress(s: GoalStatus) -> Decimal | None:
    """How far a goal has come, from 0 to 1; None when it cannot be judged (see above)."""
    if s.status in NOT_JUDGED:
        return None
    if s.status in MET:
        return Decimal(1)
    upward = s.goal.comparator.upward
    if upward and s.score is not None and s.reference is not None and s.reference > 0:
        return min(Decimal(1), max(Decimal(0), s.score / s.reference))
    return Decimal("0.5") if s.status is Status.AT_RISK else Decimal(0)


def score(statuses: Iterable[GoalStatus]) -> Decimal | None:
    """Σ weight × progress / Σ weight × 100 over the goals that can be judged; None without."""
    weighed = [(s.goal.weight, p) for s in statuses if (p := progress(s)) is not None]
    total = sum((w for w, _ in weighed), Decimal(0))
    if not weighed or total <= 0:
        return None
    return sum((w * p for w, p in weighed), Decimal(0)) / total * HUNDRED


def standings(statuses: Iterable[GoalStatus]) -> list[Standing]:
    """Each owner of ``statuses`` with its goals, worst first (the most behind, then the lowest
    score, then the order given)."""
    grouped: dict[str, list[GoalStatus]] = {}
    owners: dict[str, Owner] = {}
    for s in statuses:
        owner = s.goal.indicator.owner
        owners.setdefault(owner.key, owner)
        grouped.setdefault(owner.key, []).append(s)
    found = [
        Standing(owners[key], tuple(mine), sum(1 for s in mine if is_behind(s.status)), score(mine))
        for key, mine in grouped.items()
    ]
    order = {key: i for i, key in enumerate(grouped)}

    def worst(st: Standing) -> tuple[int, Decimal, int]:
        return (-st.behind, st.score if st.score is not None else HUNDRED, order[st.owner.key])

    return sorted(found, key=worst)

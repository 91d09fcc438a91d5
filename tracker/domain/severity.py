"""Which goals behind their target are the worst: the order reports list them in
(docs/status-rules.md, "Which goal comes first")."""

from collections.abc import Iterable
from decimal import Decimal

from tracker.domain.status import GoalStatus, Status

SEVERITY = (Status.MISSED, Status.LAGGING, Status.AT_RISK)  # the worst first


def relative_gap(s: GoalStatus) -> Decimal | None:
    """How far the score is from what it is compared with, as a share of that (a fraction:
    0.25 is 25%), whatever the direction: |gap| / |target or expected count|; for a range, of
    its nearer end. None when the goal has no gap or what it is compared with is zero."""
    if s.gap is None or s.reference is None:
        return None
    base = s.high if s.gap > 0 and s.high is not None else s.reference
    if base == 0:
        return None
    return abs(s.gap) / abs(base)


def by_severity(statuses: Iterable[GoalStatus]) -> list[GoalStatus]:
    """The goals behind (missed, lagging, at risk) in that order of status, each status's
    goals by relative gap, the largest first; goals without one (``relative_gap`` is None)
    after those with one. Ties keep the order given (the config's). Other goals are left out.
    """
    behind = [s for s in statuses if s.status in SEVERITY]

    def key(s: GoalStatus) -> tuple[int, int, Decimal]:
        share = relative_gap(s)
        return (SEVERITY.index(s.status), share is None, -(share or Decimal(0)))

    return sorted(behind, key=key)

"""The goals behind their target, and which of them are the worst: the one family of "behind"
that every report, the robots' summary and the terminal's tables use (docs/status-rules.md,
"Behind the target" and "Which goal comes first").

A goal is **behind** (未达目标) when it is at risk (预警), lagging (落后) or missed (未完成).
Lagging and missed are behind by more than the warning band (red in the three colours); a goal
that was behind and is now achieved or on track has recovered. How each is said is in
``tracker.domain.wording``.
"""

from collections.abc import Iterable
from decimal import Decimal

from tracker.domain.status import GoalStatus, Status

BEHIND = (Status.MISSED, Status.LAGGING, Status.AT_RISK)  # the family, the worst first
SEVERITY = BEHIND  # the order reports list the goals behind in
BEYOND_WARNING = (Status.MISSED, Status.LAGGING)  # red: what 连续N期落后 counts
MET = (Status.ACHIEVED, Status.ON_TRACK)  # behind before and one of these now: recovered


def is_behind(status: Status) -> bool:
    """Whether a goal with ``status`` is behind its target: at risk, lagging or missed."""
    return status in BEHIND


def is_beyond_warning(status: Status) -> bool:
    """Whether a goal with ``status`` is behind by more than the warning band: lagging, or
    missed at the year's end. A run of such periods is a goal lagging periods in a row."""
    return status in BEYOND_WARNING


def has_recovered(before: Status, now: Status) -> bool:
    """Whether a goal behind at the previous period's end is achieved or on track now."""
    return is_behind(before) and now in MET


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
    behind = [s for s in statuses if is_behind(s.status)]

    def key(s: GoalStatus) -> tuple[int, int, Decimal]:
        share = relative_gap(s)
        return (SEVERITY.index(s.status), share is None, -(share or Decimal(0)))

    return sorted(behind, key=key)

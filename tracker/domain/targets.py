"""A goal's target in short, the same for every kind (docs/status-rules.md, "Kinds of target").

``rule`` is what `tracker goals` prints in its Rule column ("between 5–6 (ceiling)",
"≥ 8, stretch 10", "assigned by city"); ``target_value`` is what JSON carries as ``target``.
"""

from decimal import Decimal

from tracker.domain.model import Basis, Comparator, Goal, TargetKind
from tracker.domain.numbers import plain

SIGNS = {
    Comparator.AT_LEAST: "≥ ",
    Comparator.AT_MOST: "≤ ",
    Comparator.ABOVE: "> ",
    Comparator.BELOW: "< ",
    Comparator.ABOUT: "≈ ",
}


def target_value(goal: Goal) -> Decimal | tuple[Decimal, Decimal] | None:
    """The target: a number, a ``(low, high)`` range, or None while it is assigned or none."""
    if goal.kind is not TargetKind.NUMBER:
        return None
    if goal.comparator is Comparator.BETWEEN and goal.target_high is not None:
        return (goal.target, goal.target_high)
    return goal.target


def rule(goal: Goal) -> str:
    """The target in short: '≥ 8.5', '≈ 0 ± 0.5 vs gdp', 'between 5–6 (ceiling)', 'none'."""
    if goal.kind is TargetKind.ASSIGNED:
        return "assigned" + (f" by {goal.assigned_by}" if goal.assigned_by else "")
    if goal.kind is TargetKind.NONE:
        return "none"
    value = target_value(goal)
    if isinstance(value, tuple):
        text = f"between {plain(value[0])}–{plain(value[1])}"
        if goal.ceiling:
            text += " (ceiling)"
    else:
        text = SIGNS.get(goal.comparator, "") + plain(goal.target)
    if goal.basis is Basis.CHANGE:
        text += " change"
    if goal.basis is Basis.SAME_PERIOD:
        text += " net increase"
    if goal.tolerance:
        text += f" ± {plain(goal.tolerance)}"
    if goal.reference:
        text += f" vs {goal.reference.key}"
    if goal.stretch is not None:
        text += f", stretch {plain(goal.stretch)}"
    if goal.on.value == "amount":
        text += " (amount)"
    return text

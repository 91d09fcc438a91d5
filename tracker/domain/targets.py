"""A goal's target in short, the same for every kind (docs/status-rules.md, "Kinds of target").

``rule`` is what `tracker goals` prints in its Rule column ("between 5–6 (ceiling)",
"≥ 8, stretch 10", "assigned by city"); ``target_value`` is what JSON carries as ``target``.
"""

from datetime import date
from decimal import Decimal

from tracker.domain.model import Basis, Comparator, Goal, Measure, TargetKind
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
    """The target in short: '≥ 8.5', '≈ 0 ± 0.5 vs gdp', 'between 5–6 (ceiling)', 'none',
    '≥ 2 vs city', '≥ 0 vs province:gdp', 'rank ≤ 3 among peers' (a place by its stored key;
    the home place's is empty and shown as 'home')."""
    if goal.kind is TargetKind.ASSIGNED:
        return "assigned" + (f" by {goal.assigned_by}" if goal.assigned_by else "")
    if goal.kind is TargetKind.NONE:
        return "none"
    if goal.kind is TargetKind.QUALITATIVE:
        return "qualitative (judged)"
    if goal.indicator.measure is Measure.MILESTONE:
        return "done" + (f" by {goal.due}" if goal.due else " within the year")
    text = _scored(goal)
    if goal.basis is Basis.CHANGE:
        text += " change"
    if goal.basis is Basis.SAME_PERIOD:
        text += " net increase"
    if goal.tolerance:
        text += f" ± {plain(goal.tolerance)}"
    return text + _against(goal) + _besides(goal)


def _scored(goal: Goal) -> str:
    """The number and what it is: '≥ 8', 'between 5–6 (ceiling)', 'stretch ≥ 10', 'rank ≤ 3
    among peers', 'share ≥ 30% of city'."""
    value = target_value(goal)
    if isinstance(value, tuple):
        text = f"between {plain(value[0])}–{plain(value[1])}"
        if goal.ceiling:
            text += " (ceiling)"
    else:
        text = SIGNS.get(goal.comparator, "") + plain(goal.target)
    if goal.stretch_alone:
        text = "stretch " + text
    if goal.rank_among is not None:
        text = f"rank {text} among {goal.rank_among}"
    if goal.share_of is not None:
        text = f"share {text}% of {goal.share_of or 'home'}"
    return text


def _against(goal: Goal) -> str:
    """' vs city', ' vs city:gdp', ' vs gdp': what the score is relative to, if anything."""
    if goal.reference_place is not None:
        of = f":{goal.reference.key}" if goal.reference else ""
        return f" vs {goal.reference_place or 'home'}{of}"
    return f" vs {goal.reference.key}" if goal.reference else ""


def _besides(goal: Goal) -> str:
    """', stretch 10', ' (amount)', ' by 2020-06-30'."""
    text = ""
    if goal.stretch is not None and not goal.stretch_alone:
        text += f", stretch {plain(goal.stretch)}"
    if goal.on.value == "amount":
        text += " (amount)"
    if goal.due is not None:
        text += f" by {goal.due}"
    return text


# What a version decides: changing one of these is a new version, never an edit.
TERMS = (
    "comparator", "target", "target_high", "ceiling", "stretch", "tolerance", "warning",
    "basis", "pace", "kind", "assigned_by", "on", "reference_place", "rank_among", "due",
    "share_of",
)  # fmt: skip


def changed_terms(old: Goal, new: Goal) -> list[str]:
    """The terms (``TERMS``, and the reference indicator) in which ``new`` differs from ``old``;
    labels and the reason are words, not terms."""
    changed = [name for name in TERMS if getattr(old, name) != getattr(new, name)]
    old_ref = old.reference.key if old.reference else None
    new_ref = new.reference.key if new.reference else None
    if old_ref != new_ref:
        changed.append("reference")
    return changed


def version_to_add(old: Goal, new: Goal, changed: list[str]) -> str:
    """The ``[[goals.KEY.versions]]`` table that records ``new``'s terms as a change of
    ``old`` (what ``tracker init`` shows when a number was edited in place), and how the same
    table corrects a number mistyped when the goal was first set (docs/status-rules.md,
    "Goals change during the year")."""
    lines = [
        f"[[goals.{new.key}.versions]]",
        'effective = "YYYY-MM-DD"  # the day the new target applies from',
    ]
    for name in changed:
        lines.append(
            f"{name} = {_toml(getattr(new, name) if name != 'reference' else new.reference)}"
        )
    lines.append('reason = "why the target changed"')
    if old.effective is None:
        lines.append(
            f"(to correct a number mistyped when the goal was first set: "
            f'effective = "{new.year}-01-01", 更正自1月1日起生效)'
        )
    return "\n".join(lines)


def _toml(value: object) -> str:
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return '""'
    key = getattr(value, "key", None)
    if isinstance(key, str):
        return f'"{key}"'
    return f'"{value}"'

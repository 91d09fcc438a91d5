"""Footnotes: what the status words mean, with the tolerance and warning bands of these goals."""

from collections.abc import Sequence
from decimal import Decimal

from tracker.domain.measures import GapUnit, goal_gap_unit, goal_rules
from tracker.domain.model import Goal, Measure, TargetKind
from tracker.reporting import phrases
from tracker.reporting.language import Words

NAMED = 4  # indicators named per band before "and N more"


def footnotes(w: Words, goals: Sequence[Goal]) -> tuple[str, ...]:
    notes = [
        w(
            "On track: the figure meets the target, or misses it by no more than the "
            "tolerance that an “about” target allows."
        ),
        w(
            "At risk: the figure misses the target by more than the tolerance, but by no more "
            "than the warning band beyond it."
        ),
        w("Lagging: the figure misses the target by more than the tolerance and the warning band."),
        w(
            "Counts are compared with the count expected by now: the annual target × months "
            "elapsed ÷ 12, or last year's seasonal shape where it is known."
        ),
        w("Achieved or missed: the verdict on the year's final figure."),
        w("Preliminary: an estimate, to be revised. Revised: corrected after first publication."),
    ]
    bands: dict[tuple[str, str], list[str]] = {}
    graces: dict[int, list[str]] = {}
    for goal in goals:
        if goal.kind is not TargetKind.NUMBER:
            continue  # no target yet, or none: no bands to explain
        if goal.indicator.measure is Measure.MILESTONE:  # no band: days of grace past due
            graces.setdefault(int(goal.warning), []).append(_name(w, goal))
            continue
        names = bands.setdefault(_band(w, goal), [])
        if _name(w, goal) not in names:  # two goals on one indicator: named once
            names.append(_name(w, goal))
    for (tolerance, warning), names in bands.items():
        shown = w("; ").join(names[:NAMED])
        if len(names) > NAMED:
            shown += w(" and %(n)s more", n=len(names) - NAMED)
        notes.append(
            w(
                "%(names)s: tolerance %(tolerance)s, warning band %(warning)s.",
                names=shown,
                tolerance=tolerance,
                warning=warning,
            )
        )
    for days, names in graces.items():
        notes.append(
            w.plural(
                "%(names)s: lagging for %(n)s day past the due date, then missed.",
                "%(names)s: lagging for %(n)s days past the due date, then missed.",
                days,
                names=w("; ").join(names),
            )
        )
    return tuple(notes)


def _name(w: Words, goal: Goal) -> str:
    return goal.indicator.name_zh if w.lang == "zh" else goal.indicator.name_en


def _band(w: Words, goal: Goal) -> tuple[str, str]:
    return _size(w, goal, goal.tolerance), _size(w, goal, goal.warning)


def _size(w: Words, goal: Goal, value: Decimal) -> str:
    indicator = goal.indicator
    if goal_rules(goal).relative_bands:
        return w("%(n)s of the expected count", n=w.percent(value * 100, 0))
    unit = goal_gap_unit(goal)
    if unit is GapUnit.PLACES:
        return w.plural("%(n)s place", "%(n)s places", int(value))
    if unit is GapUnit.POINTS:
        return w("%(n)s percentage points", n=w.number(value, 1))
    return phrases.amount(w, indicator, value)

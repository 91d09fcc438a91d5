"""The notes a leader reads under the report, and the appendix of the rules behind each verdict.

The notes say in plain words what the status words and the progress columns mean, what the
marks on a figure mean, and where the figures come from (the sources recorded with them). The
tolerance and warning bands of the goals (how far from its target a goal may be and still be on
track, or at risk) are engineering of the verdict: they go to an appendix (``rules``) that the
page links to from its notes (docs/reports.md, "What the report says").
"""

import re
from collections.abc import Sequence
from decimal import Decimal

from tracker.domain.measures import GapUnit, goal_gap_unit, goal_rules
from tracker.domain.model import Goal, Measure, TargetKind
from tracker.domain.status import GoalStatus
from tracker.reporting import phrases
from tracker.reporting.language import Words

NAMED = 4  # indicators named per band before "and N more"
# A source that names a file and row (an import's '2020-h1-figures.csv:4') is not for readers.
_FILE = re.compile(r"\.(csv|xlsx|xlsm|xls|ods|txt|docx?|json)(:\d+)?$", re.I)


def footnotes(w: Words, statuses: Sequence[GoalStatus]) -> tuple[str, ...]:
    """What the words of the report mean, for the goals it shows, and the figures' sources."""
    notes = [
        w(
            "On track: the figure meets the annual target (or is close enough to an “about” "
            "target); at risk: a little short of it; lagging: well short of it; achieved or "
            "missed: the verdict on the year's final figure."
        ),
        w("Growth rates and levels are compared with their targets in percentage points."),
    ]
    if any(goal_rules(s.goal).paced for s in statuses):
        notes.append(
            w(
                "Progress of a total (jobs, investment): the share of the annual target done; "
                "pace: the share the months elapsed ask for (months ÷ 12, or last year's shape)."
            )
        )
    latest = [s.latest for s in statuses if s.latest is not None]
    if any(f.preliminary or f.revised for f in latest):
        notes.append(
            w(
                "Preliminary: an estimate, to be revised. Revised: corrected after first "
                "publication."
            )
        )
    sources = _sources(w, statuses)
    if sources:
        notes.append(w("Sources: %(sources)s.", sources=sources))
    return tuple(notes)


def _sources(w: Words, statuses: Sequence[GoalStatus]) -> str:
    """'区统计局快报（地区生产总值增速）；…': the sources recorded with the figures shown."""
    by_source: dict[str, list[str]] = {}
    for s in statuses:
        source = (s.latest.source or "").strip() if s.latest else ""
        if source and not _FILE.search(source):
            name = s.goal.indicator.name_zh if w.lang == "zh" else s.goal.indicator.name_en
            by_source.setdefault(source, []).append(name)
    return w("; ").join(
        w("%(source)s (%(names)s)", source=source, names=w(", ").join(names))
        for source, names in by_source.items()
    )


def rules(w: Words, goals: Sequence[Goal]) -> tuple[str, ...]:
    """The appendix: for each set of goals sharing their bands, how far from the target still
    counts as on track and how much further as at risk, in the goals' own terms."""
    bands: dict[tuple[str, str], list[str]] = {}
    graces: dict[int, list[str]] = {}
    for goal in goals:
        if goal.kind is not TargetKind.NUMBER:
            continue  # no target yet, or none: no bands to explain
        if goal.indicator.measure is Measure.MILESTONE:  # no band: days of grace past due
            graces.setdefault(int(goal.warning), []).append(_name(w, goal))
            continue
        named = bands.setdefault(_band(w, goal), [])
        if _name(w, goal) not in named:  # two goals on one indicator: named once
            named.append(_name(w, goal))
    found = []
    for (tolerance, warning), names in bands.items():
        shown = w("; ").join(names[:NAMED])
        if len(names) > NAMED:
            shown += w(" and %(n)s more", n=len(names) - NAMED)
        if tolerance:
            found.append(
                w(
                    "%(names)s: within %(tolerance)s of the target is on track; up to "
                    "%(warning)s further is at risk; beyond that, lagging.",
                    names=shown,
                    tolerance=tolerance,
                    warning=warning,
                )
            )
        else:
            found.append(
                w(
                    "%(names)s: meeting the target is on track; short of it by up to "
                    "%(warning)s is at risk; beyond that, lagging.",
                    names=shown,
                    warning=warning,
                )
            )
    for days, names in graces.items():
        found.append(
            w.plural(
                "%(names)s: lagging for %(n)s day past the due date, then missed.",
                "%(names)s: lagging for %(n)s days past the due date, then missed.",
                days,
                names=w("; ").join(names),
            )
        )
    return tuple(found)


def _name(w: Words, goal: Goal) -> str:
    return goal.indicator.name_zh if w.lang == "zh" else goal.indicator.name_en


def _band(w: Words, goal: Goal) -> tuple[str, str]:
    """(tolerance, warning) in the goal's terms; the tolerance "" when it is zero."""
    tolerance = "" if goal.tolerance == 0 else _size(w, goal, goal.tolerance)
    return tolerance, _size(w, goal, goal.warning)


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

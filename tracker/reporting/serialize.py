"""Goal statuses as plain JSON-ready dicts: the stable keys scripts rely on.

Numbers are strings holding exact decimals ("8.5"), or null; dates are ISO 8601.
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from tracker.domain.model import Goal
from tracker.domain.numbers import plain
from tracker.domain.owners import Standing
from tracker.domain.plans import Plan, PlanStatus
from tracker.domain.status import GoalStatus, Missing, Status
from tracker.domain.targets import target_value
from tracker.reporting.context import League


def status_record(s: GoalStatus) -> dict[str, Any]:
    goal, indicator, latest = s.goal, s.goal.indicator, s.latest
    requirement = s.requirement
    return {
        "key": goal.key,
        "indicator": indicator.key,
        "name_zh": indicator.name_zh,
        "name_en": indicator.name_en,
        "unit": indicator.unit,
        "year": goal.year,
        "status": s.status.value,
        "period": str(latest.period) if latest else None,
        "value": _num(latest.value if latest else None),
        "preliminary": latest.preliminary if latest else False,
        "revised": latest.revised if latest else False,
        "comparator": goal.comparator.value,
        "target": _target(goal),
        "stretch": _num(goal.stretch),
        "stretch_met": s.stretch_met,
        "stretch_alone": goal.stretch_alone,
        "ceiling": goal.ceiling,
        "assigned_by": goal.assigned_by or None,
        "reference": _reference(s),
        "share_of": _share_of(s),
        "judgement": _judgement(s),
        "on": goal.on.value,
        "missing": _missing(s.missing),
        "goal_version": goal.effective.isoformat() if goal.effective else None,
        "due": goal.due.isoformat() if goal.due else None,
        "done_on": s.done_on.isoformat() if s.done_on else None,
        "late_days": s.late_days,
        "corrected": goal.correction > 0,
        "target_label": {"zh": goal.label_zh, "en": goal.label_en},
        "score": _num(s.score),
        "expected": _num(s.expected),
        "gap": _num(s.gap),
        "change": _num(s.change),
        "previous_period": str(s.previous.period) if s.previous else None,
        "baseline": _num(s.baseline.value if s.baseline else None),
        "final": s.final,
        "overdue": s.overdue is not None,
        "overdue_period": str(s.overdue) if s.overdue else None,
        "owner": {
            "key": indicator.owner.key,
            "zh": indicator.owner.name_zh,
            "en": indicator.owner.name_en,
        },
        "required_per_month": _num(requirement.per_month if requirement else None, 2),
        "required_growth": _num(requirement.growth if requirement else None, 2),
        "note": latest.note if latest else None,
    }


def _target(goal: Goal) -> str | list[str | None] | None:
    value = target_value(goal)
    if isinstance(value, tuple):
        return [_num(value[0]), _num(value[1])]
    return _num(value)


def _reference(s: GoalStatus) -> dict[str, Any] | None:
    """The reference indicator and its figure the score was taken against."""
    if s.goal.reference is None:
        return None
    figure = s.compared_with
    return {
        "key": s.goal.reference.key,
        "period": str(figure.period) if figure else None,
        "value": _num(figure.value if figure else None),
    }


def _judgement(s: GoalStatus) -> dict[str, Any] | None:
    """A qualitative goal's judgement that decided its status: period, verdict, note, who,
    when, revision."""
    j = s.judgement
    if j is None:
        return None
    return {
        "period": str(j.period),
        "verdict": j.verdict,
        "note": j.note,
        "by": j.recorded_by,
        "at": j.recorded_at.isoformat() if j.recorded_at else None,
        "revision": j.revision,
    }


def _share_of(s: GoalStatus) -> dict[str, Any] | None:
    """The place whose total the goal is a share of, and its figure for the period."""
    if s.goal.share_of is None:
        return None
    figure = s.compared_with
    return {
        "place": s.goal.share_of,
        "period": str(figure.period) if figure else None,
        "value": _num(figure.value if figure else None),
    }


def _missing(missing: Missing | None) -> dict[str, str] | None:
    if missing is None:
        return None
    return {
        "what": missing.lack.value,
        "indicator": missing.indicator,
        "period": str(missing.period),
    }


def owners_document(standings: Sequence[Standing], as_of: date) -> dict[str, Any]:
    """``tracker owners --json``: ``as_of`` and each ``owner`` worst first: its key and names,
    ``goals``, ``behind``, the count of each status, its weighted ``score`` (percent, two
    decimals; null when none of its goals can be judged) and its goals' keys."""
    return {
        "as_of": as_of.isoformat(),
        "owners": [
            {
                "key": st.owner.key,
                "zh": st.owner.name_zh,
                "en": st.owner.name_en,
                "goals": len(st.statuses),
                "behind": st.behind,
                "counts": {s.value: st.count(s) for s in Status if st.count(s)},
                "score": _num(st.score, 2),
                "keys": [s.goal.key for s in st.statuses],
            }
            for st in standings
        ],
    }


def plan_record(s: PlanStatus) -> dict[str, Any]:
    """One plan goal: ``key``, ``indicator``, ``basis``, ``status``, ``score`` (the average
    growth so far, the latest level or the sum), ``target``, ``expected`` (by the plan's pace),
    ``required`` (what each remaining year must average or add), ``years_done`` and
    ``years_left``, and each year's final figure."""
    goal = s.goal
    return {
        "key": goal.key,
        "indicator": goal.indicator.key,
        "basis": goal.basis.value,
        "status": s.status.value,
        "score": _num(s.score),
        "target": _num(goal.target),
        "expected": _num(s.expected),
        "required": _num(s.required),
        "years_done": list(s.years_done),
        "years_left": s.years_left,
        "finals": [
            {"year": f.period.year, "period": str(f.period), "value": _num(f.value)}
            for f in s.finals
        ],
        "baseline": _num(s.baseline.value if s.baseline else None),
        "target_label": {"zh": goal.label_zh, "en": goal.label_en},
        "final": s.final,
    }


def plan_document(plan: Plan, statuses: Sequence[PlanStatus], as_of: date) -> dict[str, Any]:
    """``status --plan NAME --json``: ``as_of``, the ``plan`` (key, names, years) and its
    ``goals`` (``plan_record``)."""
    return {
        "as_of": as_of.isoformat(),
        "plan": {
            "key": plan.key,
            "name_zh": plan.name_zh,
            "name_en": plan.name_en,
            "years": [plan.first, plan.last],
        },
        "goals": [plan_record(s) for s in statuses],
    }


def league_record(league: League) -> dict[str, Any]:
    """One indicator among peers: ``rank`` of ``reporting`` (of ``peers``), the places
    without a figure, the parent's figure and the ``difference`` to it (the place's figure −
    the parent's, percentage points for a rate), and the league table best first."""
    return {
        "indicator": league.key,
        "period": league.period_key,
        "previous_period": league.previous_period,
        "rank": league.rank,
        "reporting": league.reporting,
        "peers": league.peers,
        "missing": list(league.missing),
        "parent": (
            None
            if league.parent_place is None
            else {"place": league.parent_place, "value": _num(league.parent_value)}
        ),
        "difference": _num(league.difference),
        "table": [
            {
                "place": row.place,
                "name": row.name,
                "value": _num(row.value),
                "rank": row.rank,
                "previous_rank": row.previous_rank,
            }
            for row in league.table
        ],
        "text": league.standing,
    }


def status_document(statuses: list[GoalStatus], as_of: date) -> dict[str, Any]:
    return {"as_of": as_of.isoformat(), "goals": [status_record(s) for s in statuses]}


def _num(value: Decimal | None, places: int | None = None) -> str | None:
    if value is None:
        return None
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    return plain(value)

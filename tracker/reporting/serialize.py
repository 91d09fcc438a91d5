"""Goal statuses as plain JSON-ready dicts: the stable keys scripts rely on.

Numbers are strings holding exact decimals ("8.5"), or null; dates are ISO 8601.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from tracker.domain.numbers import plain
from tracker.domain.status import GoalStatus


def status_record(s: GoalStatus) -> dict[str, Any]:
    goal, indicator, latest = s.goal, s.goal.indicator, s.latest
    requirement = s.requirement
    return {
        "key": indicator.key,
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
        "target": _num(goal.target),
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


def status_document(statuses: list[GoalStatus], as_of: date) -> dict[str, Any]:
    return {"as_of": as_of.isoformat(), "goals": [status_record(s) for s in statuses]}


def _num(value: Decimal | None, places: int | None = None) -> str | None:
    if value is None:
        return None
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    return plain(value)

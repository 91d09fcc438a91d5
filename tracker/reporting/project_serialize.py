"""Key projects for machines: the records of ``tracker projects status --json`` and of the
report's JSON document (``projects``). Numbers are exact decimal strings or null, dates ISO
8601.

A project: ``key``, ``name``, ``year``, ``level``, ``owner`` {"key", "zh", "en"}, ``leader``,
``place`` (stored key, "" for home), ``total``, ``plan``, ``done`` (亿元), ``period`` (the
month of its figure, or null), ``reported`` (it has a figure for the period judged),
``share_of_plan``, ``time_share``, ``gap`` (percentage points), ``status``, ``progress``
(形象进度), and ``milestones``: [{"name", "due", "done", "status", "late_days"}]; in a
report's document also ``text``: {"status", "said", "overdue"} in the report's language.

Totals: ``key`` (the level, owner key or place; "" overall), ``count``, ``total``, ``plan``,
``done``, ``share_of_plan``, ``time_share``, ``gap``, ``starts_due``, ``started``,
``start_rate``, ``finished``, ``behind``, ``unmet``, ``unreported``, ``all_met``, ``rank``.
"""

from decimal import Decimal
from typing import Any

from tracker.domain.numbers import plain
from tracker.domain.project_board import Board
from tracker.domain.project_status import ProjectStatus
from tracker.domain.project_totals import Totals


def _num(value: Decimal | None) -> str | None:
    return None if value is None else plain(value.quantize(Decimal("0.0001")))


def status_record(s: ProjectStatus) -> dict[str, Any]:
    """One project's status (see the module's docstring)."""
    p = s.project
    return {
        "key": p.key,
        "name": p.name,
        "year": p.year,
        "level": p.level,
        "owner": {"key": p.owner.key, "zh": p.owner.name_zh, "en": p.owner.name_en},
        "leader": p.leader,
        "place": p.place,
        "total": _num(p.total),
        "plan": _num(p.plan),
        "done": _num(s.done),
        "period": str(s.figure.period) if s.figure else None,
        "reported": s.reported,
        "share_of_plan": _num(s.share),
        "time_share": _num(s.time_share),
        "gap": _num(s.gap),
        "status": s.status.value,
        "progress": s.figure.progress if s.figure else None,
        "milestones": [
            {
                "name": m.milestone.name,
                "due": m.milestone.due.isoformat(),
                "done": m.done.isoformat() if m.done else None,
                "status": m.status.value,
                "late_days": m.late_days,
            }
            for m in s.milestones
        ],
    }


def totals_record(t: Totals) -> dict[str, Any]:
    """One group's totals (see the module's docstring)."""
    return {
        "key": t.key,
        "count": t.count,
        "total": _num(t.total),
        "plan": _num(t.plan),
        "done": _num(t.done),
        "share_of_plan": _num(t.share),
        "time_share": _num(t.time_share),
        "gap": _num(t.gap),
        "starts_due": t.starts_due,
        "started": t.started,
        "start_rate": _num(t.start_rate),
        "finished": t.finished,
        "behind": t.behind,
        "unmet": t.unmet,
        "unreported": t.unreported,
        "all_met": t.all_met,
        "rank": t.rank,
    }


def board_document(b: Board, sentences: dict[str, str]) -> dict[str, Any]:
    """``tracker projects status --json``: {"as_of", "year", "period", "time_share",
    "sentence": {"zh", "en"}, "totals", "levels", "owners", "places", "behind" (keys, worst
    first), "projects"}."""
    return {
        "as_of": b.as_of.isoformat(),
        "year": b.year,
        "period": str(b.period) if b.period else None,
        "time_share": _num(b.time_share),
        "sentence": sentences,
        "totals": totals_record(b.overall),
        "levels": [totals_record(t) for t in b.levels],
        "owners": [totals_record(t) for t in b.owners],
        "places": [totals_record(t) for t in b.places],
        "behind": [s.project.key for s in b.behind],
        "projects": [status_record(s) for s in b.statuses],
    }

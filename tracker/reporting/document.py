"""The report for machines: one JSON document with stable keys.

Keys (numbers are exact decimal strings or null, dates ISO 8601):

- ``as_known``: the moment the report was built from ("2020-07-20 09:30:00Z"), or null
- ``schema`` (1), ``as_of``, ``period`` (the reporting month, e.g. "2020-06"), ``year``, ``lang``
- ``owner``: null, or {"key", "zh", "en"} when the report is restricted to one owner
- ``subject``, ``headline``: the verdict as sentences in ``lang``
- ``counts``: {status: number of goals} for achieved, on_track, at_risk, lagging, missed, no_data
- ``behind``: indicator keys of the lagging, missed and at-risk goals, in the report's order
- ``overdue``: [{"key", "period", "owner"}] for figures that should be out and are not
- ``changes``: {"newly_behind": [key], "recovered": [key], "lagging_in_a_row": {key: periods}}
- ``goals``: every goal as ``serialize.status_record`` gives it, plus ``lagging_periods`` and
  ``text``: {"status", "gap", "change", "requirement", "sentence"} in ``lang`` (or null)
- ``place``: null without places, else {"key", "name"} of the report's place (its name in
  ``lang``)
- ``peers``: each indicator among the place's peers, as ``serialize.league_record`` gives it:
  {"indicator", "period", "previous_period", "rank", "reporting", "peers", "missing",
  "parent": {"place", "value"} or null, "difference", "table": [{"place", "name", "value",
  "rank", "previous_rank"}], "text"}
- ``children``: a place with children: [{"place", "name", "goals", "behind": [indicator key]}]
- ``projects``: null without key projects, else ``tracker projects status --json``'s document
  (``project_serialize.board_document``: the sentence, the totals, every project)
- ``owners``: with two owners or more, each worst first: [{"key", "name", "goals", "behind",
  "score"}] (the score as the report says it, "87.5%")
- ``plans``: the place's multi-year plans: [{"plan", "name", "goals": [{"key", "status",
  "text"}]}] (their numbers: ``tracker status --plan NAME --json``)
"""

import json
from collections.abc import Sequence
from typing import Any

from tracker.domain.periods import Period
from tracker.domain.status import GoalStatus
from tracker.reporting.context import ReportContext
from tracker.reporting.projects import section_document
from tracker.reporting.serialize import league_record, status_record
from tracker.reporting.timeline import reporting_period

SCHEMA = 1


def _period(ctx: ReportContext) -> Period:
    """The reporting month; a report of last year's goals after its end covers its December."""
    period = reporting_period(ctx.as_of)
    return Period.month(ctx.year, 12) if period.year > ctx.year else period


def report_document(ctx: ReportContext, statuses: Sequence[GoalStatus]) -> dict[str, Any]:
    lines = {line.key: line for line in ctx.lines}
    goals = []
    for s in statuses:
        line = lines.get(s.goal.key)
        if line is None:  # another owner's goal
            continue
        record = status_record(s)
        record["lagging_periods"] = line.streak
        record["text"] = {
            "status": line.status_word,
            "gap": line.gap,
            "change": line.change,
            "requirement": line.requirement,
            "sentence": line.sentence,
        }
        goals.append(record)
    owner = ctx.owner
    return {
        "schema": SCHEMA,
        "as_of": ctx.as_of.isoformat(),
        "as_known": ctx.as_known,
        "period": str(_period(ctx)),
        "year": ctx.year,
        "lang": ctx.lang,
        "owner": {"key": owner.key, "zh": owner.name_zh, "en": owner.name_en} if owner else None,
        "subject": ctx.subject,
        "headline": ctx.headline,
        "counts": {c.status: c.n for c in ctx.counts},
        "behind": [line.key for line in ctx.behind],
        "overdue": [
            {"key": line.key, "period": _overdue_period(statuses, line.key), "owner": line.owner}
            for line in ctx.overdue
        ],
        "changes": {
            "newly_behind": [line.key for line in ctx.changes.newly_behind],
            "recovered": [line.key for line in ctx.changes.recovered],
            "lagging_in_a_row": {line.key: line.streak for line in ctx.changes.persistent},
        },
        "goals": goals,
        "place": None if ctx.place is None else {"key": ctx.place, "name": ctx.place_name},
        "peers": [league_record(league) for league in ctx.leagues],
        "children": [
            {
                "place": child.place,
                "name": child.name,
                "goals": child.goals,
                "behind": [line.key for line in child.behind],
            }
            for child in ctx.children
        ],
        "projects": section_document(ctx.projects),
        "owners": [
            {
                "key": o.key,
                "name": o.name,
                "goals": o.goals,
                "behind": o.behind,
                "score": o.score,
            }
            for o in ctx.owners
        ],
        "plans": [
            {
                "plan": plan.key,
                "name": plan.name,
                "goals": [
                    {"key": line.key, "status": line.status, "text": line.text}
                    for line in plan.lines
                ],
            }
            for plan in ctx.plans
        ],
    }


def report_json(ctx: ReportContext, statuses: Sequence[GoalStatus]) -> str:
    return json.dumps(report_document(ctx, statuses), ensure_ascii=False, indent=2) + "\n"


def _overdue_period(statuses: Sequence[GoalStatus], key: str) -> str | None:
    for s in statuses:
        if s.goal.key == key and s.overdue is not None:
            return str(s.overdue)
    return None

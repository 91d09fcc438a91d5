"""Multi-year plan goals as of a date: ``tracker status --plan NAME`` and the report's 规划目标
section, read from the years' final figures already recorded (or the known results loaded
from the config), nothing typed twice (docs/status-rules.md, "Plan goals")."""

from collections.abc import Mapping, Sequence
from datetime import date, datetime

from sqlmodel import Session

from tracker.app.database import Database
from tracker.domain.errors import NotFound
from tracker.domain.model import Figure
from tracker.domain.plans import Plan, PlanStatus, evaluate_plan
from tracker.store import figures as figure_store


def plan_statuses(
    db: Database, plan: Plan, *, as_of: date, known_before: datetime | None = None
) -> list[PlanStatus]:
    """Every goal of ``plan`` as of ``as_of``, as recorded before ``known_before``."""
    with db.reading() as session:
        figures = plan_figures(
            session, (plan,), as_of=as_of, known_before=known_before, place=plan.place
        )
    return [
        evaluate_plan(plan, goal, figures.get(goal.indicator.key, ()), as_of) for goal in plan.goals
    ]


def plan_figures(
    session: Session,
    plans: Sequence[Plan],
    *,
    as_of: date,
    known_before: datetime | None,
    place: str,
) -> Mapping[str, Sequence[Figure]]:
    """The current figures of ``place`` (stored key) that ``plans`` add up, by indicator key:
    from the earliest plan's baseline year (the year before its first) to ``as_of``'s year or
    the last plan's end, whichever is earlier. Nothing is read without a plan."""
    if not plans:
        return {}
    first = min(p.first for p in plans) - 1
    last = max(first, min(max(p.last for p in plans), as_of.year))
    return figure_store.current_figures(
        session=session, years=(first, last), known_before=known_before, place=place
    )


def find_plan(plans: Sequence[Plan], name: str) -> Plan:
    """The plan named ``name`` (its file's name, or its Chinese or English name). Raises
    NotFound naming the plans there are."""
    for plan in plans:
        if name in (plan.key, plan.name_zh, plan.name_en):
            return plan
    known = ", ".join(f"{p.key} ({p.name_zh})" for p in plans) or "none: add config/plans/NAME.toml"
    raise NotFound(
        f"no plan '{name}'; the plans are: {known}.",
        zh=f"没有规划'{name}'；已配置的规划：{known}。",
    )

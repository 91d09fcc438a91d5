"""Judgements of qualitative goals: every revision (rows of ``JudgementRow``), read as the
domain's ``Judgement`` (the current revision of each period) for the goals that have them."""

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from tracker.domain.model import Goal, Judgement, TargetKind
from tracker.domain.periods import Period
from tracker.store.tables import JudgementRow


def with_judgements(
    session: Session, goals: list[Goal], known_before: datetime | None = None
) -> list[Goal]:
    """The goals, each qualitative one with its judgements (the current revision of each
    period, as recorded before ``known_before``), read in one query; the others as they are."""
    judged = [g for g in goals if _qualitative(g)]
    if not judged:
        return goals
    query = select(JudgementRow).where(
        col(JudgementRow.key).in_({g.key for g in judged}),
        col(JudgementRow.year).in_({g.year for g in judged}),
    )
    if known_before is not None:
        query = query.where(col(JudgementRow.recorded_at) < known_before)
    current: dict[tuple[str, str, int, str], JudgementRow] = {}
    for row in session.exec(query):
        held = current.get((row.key, row.place, row.year, row.period))
        if held is None or row.revision > held.revision:
            current[row.key, row.place, row.year, row.period] = row
    by_goal: dict[tuple[str, str, int], list[Judgement]] = {}
    for (key, place, year, _), row in current.items():
        by_goal.setdefault((key, place, year), []).append(judgement_of(row))
    return [
        _judged(g, by_goal.get((g.key, g.place, g.year), [])) if _qualitative(g) else g
        for g in goals
    ]


def _qualitative(goal: Goal) -> bool:
    return any(v.kind is TargetKind.QUALITATIVE for v in (goal, *goal.versions))


def _judged(goal: Goal, found: Iterable[Judgement]) -> Goal:
    from dataclasses import replace

    ordered = tuple(sorted(found, key=lambda j: j.period))
    versions = tuple(replace(v, judgements=ordered) for v in goal.versions)
    return replace(goal, judgements=ordered, versions=versions)


def judgement_of(row: JudgementRow) -> Judgement:
    return Judgement(
        period=Period.parse(row.period),
        verdict=row.verdict,
        note=row.note,
        revision=row.revision,
        recorded_by=row.recorded_by,
        recorded_at=_aware(row.recorded_at),
        reason=row.reason,
    )


def revisions(*, session: Session, key: str, place: str) -> list[JudgementRow]:
    """Every revision of the judgements of the goal ``key`` of ``place`` (any year), by
    period, then revision."""
    query = (
        select(JudgementRow)
        .where(JudgementRow.key == key, JudgementRow.place == place)
        .order_by(
            col(JudgementRow.period_end), col(JudgementRow.period), col(JudgementRow.revision)
        )
    )
    return list(session.exec(query))


def latest(*, session: Session, key: str, place: str, period: str) -> JudgementRow | None:
    """The current revision of the goal's judgement for ``period``, or None."""
    query = (
        select(JudgementRow)
        .where(JudgementRow.key == key, JudgementRow.place == place, JudgementRow.period == period)
        .order_by(col(JudgementRow.revision).desc())
    )
    return session.exec(query).first()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)

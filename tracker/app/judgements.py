"""Judging a qualitative goal (``tracker judge``), and its judgements' history
(``tracker judgements``): a judgement is a revision like a figure's, who, when and why kept
(docs/status-rules.md, "Qualitative goals")."""

from dataclasses import dataclass
from datetime import datetime

from tracker.app.database import Database
from tracker.domain.errors import Conflict, InvalidInput, NotFound
from tracker.domain.model import Goal, Judgement, TargetKind
from tracker.domain.periods import Cadence, Period
from tracker.domain.places import HOME
from tracker.domain.status import Status
from tracker.domain.written_periods import read_period
from tracker.store import goals as goal_store
from tracker.store import judgements as judgement_store
from tracker.store.tables import JudgementRow

# The verdicts a person gives, by their value and their Chinese word.
VERDICTS = {
    Status.ON_TRACK: "正常",
    Status.AT_RISK: "预警",
    Status.LAGGING: "落后",
    Status.ACHIEVED: "已完成",
    Status.MISSED: "未完成",
}


@dataclass(frozen=True)
class Judged:
    """A judgement as stored: the goal's key, the period, its revision and verdict; the verdict
    it replaced (None: the first), or ``unchanged`` when the same one was given again."""

    key: str
    period: str
    revision: int
    verdict: str
    previous: str | None = None
    unchanged: bool = False


def judge_goal(
    db: Database,
    *,
    key: str,
    period: str,
    verdict: str,
    note: str,
    by: str,
    now: datetime,
    reason: str | None = None,
    place: str = HOME,
) -> Judged:
    """Record a person's ``verdict`` (a status value or its Chinese word: on_track 正常,
    at_risk 预警, lagging 落后, achieved 已完成, missed 未完成) with its ``note`` on the
    qualitative goal ``key`` of ``place`` (stored key) for ``period`` (2024-06, 2024-Q2, 2024,
    上半年 with its year, ...). With a ``reason`` it revises the period's judgement, else the
    period must not be judged yet (the very same verdict and note again changes nothing).

    Raises InvalidInput (a bad verdict, period or empty note; a goal that is not qualitative),
    NotFound (no such goal for the period's year) or Conflict (judged already, no reason),
    each in English and Chinese, with nothing stored.
    """
    said = _verdict(verdict)
    if not note.strip():
        raise InvalidInput(
            "a judgement needs --note: say why, in a sentence.",
            zh="评定须附 --note：请用一句话说明理由。",
        )
    if reason is not None and not reason.strip():
        raise InvalidInput("a revision needs --reason: say what changed.", zh="修订须附 --reason。")
    day = _period(period)
    with db.writing() as session:
        goal = _qualitative(
            goal_store.goals(session=session, year=day.year, place=place), key, day.year
        )
        current = judgement_store.latest(
            session=session, key=goal.key, place=place, period=str(day)
        )
        if current is not None and (current.verdict, current.note) == (said.value, note):
            return Judged(goal.key, str(day), current.revision, said.value, unchanged=True)
        _check_revision(goal.key, day, current, reason)
        row = JudgementRow(
            key=goal.key,
            place=place,
            year=day.year,
            period=str(day),
            period_end=day.end,
            revision=current.revision + 1 if current else 1,
            verdict=said.value,
            note=note.strip(),
            reason=reason.strip() if reason else None,
            recorded_by=by,
            recorded_at=now,
        )
        session.add(row)
        session.flush()
        previous = current.verdict if current else None
        return Judged(goal.key, str(day), row.revision, said.value, previous)


def judgement_history(db: Database, key: str, place: str = HOME) -> list[Judgement]:
    """Every revision of every judgement of the goal ``key`` of ``place`` (stored key): who,
    when, why, by period."""
    with db.reading() as session:
        rows = judgement_store.revisions(session=session, key=key, place=place)
        return [judgement_store.judgement_of(row) for row in rows]


def _verdict(text: str) -> Status:
    wanted = text.strip()
    for status, zh in VERDICTS.items():
        if wanted in (status.value, zh):
            return status
    listed = ", ".join(s.value for s in VERDICTS)
    raise InvalidInput(
        f"'{text}' is not a verdict; give one of: {listed}.",
        zh=f"'{text}' 不是评定结论；请用：{'、'.join(VERDICTS.values())}（或 {listed}）。",
    )


def _period(text: str) -> Period:
    """A period written as ``--period`` takes it, a month read as the year to date."""
    return read_period(text, cadence=Cadence.MONTHLY, year_to_date=True)


def _qualitative(goals: list[Goal], key: str, year: int) -> Goal:
    """The goal ``key`` of ``goals`` (a year's), which must be qualitative."""
    goal = next((g for g in goals if g.key == key), None)
    if goal is None:
        known = ", ".join(g.key for g in goals if g.kind is TargetKind.QUALITATIVE) or "none"
        raise NotFound(
            f"no goal '{key}' for {year}; the qualitative goals of {year} are: {known}.",
            zh=f"{year}年没有目标'{key}'；该年的定性目标：{known}。",
        )
    if all(v.kind is not TargetKind.QUALITATIVE for v in goal.history):
        raise InvalidInput(
            f"{key} is scored by its figures; only a qualitative goal "
            '(target = "qualitative") is judged.',
            zh=f'{key} 按数据评价；只有定性目标（target = "qualitative"）才人工评定。',
        )
    return goal


def _check_revision(
    key: str, period: Period, current: JudgementRow | None, reason: str | None
) -> None:
    if current is None and reason is not None:
        raise NotFound(
            f"{key} {period} is not judged yet; judge it without --revise.",
            zh=f"{key} {period} 尚未评定；请去掉 --revise 直接评定。",
        )
    if current is not None and reason is None:
        raise Conflict(
            f"{key} {period} is judged already: {current.verdict} (revision {current.revision});"
            " to change it, add --revise --reason 'why'.",
            zh=f"{key} {period} 已评定为 {current.verdict}（第{current.revision}版）；"
            "如需更改，请加 --revise --reason '原因'。",
        )

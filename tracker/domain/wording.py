"""How a status, and the family of goals behind their target, is said: one Chinese word each,
the same on every surface (a report's badges, headline and verdict, the robots' summary, the
terminal's tables), and its English on each surface (docs/status-rules.md, "Behind the target").

A list headed with a status's word holds only goals of that status; a list of every goal
behind is headed with ``BEHIND_WORDS`` (未达目标), which covers at risk, lagging and missed
(``tracker.domain.severity``).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from tracker.domain.model import Goal, Measure, TargetKind
from tracker.domain.status import GoalStatus, Status


@dataclass(frozen=True)
class Wording:
    """One status (or a family of them) in words: ``zh`` on every surface; ``en`` on its own
    (a badge, a summary's line); ``en_count`` after a number in a report's headline ('3
    without data'); ``en_terse`` in the terminal's status column, which is narrow. The last two
    default to ``en``."""

    zh: str
    en: str
    en_count: str = ""
    en_terse: str = ""

    def said(self, lang: str) -> str:
        """The word in ``lang`` ("zh" or "en"): '预警' / 'at risk'."""
        return self.zh if lang == "zh" else self.en

    def counted(self, lang: str, n: int) -> str:
        """``n`` goals of the status, as a headline counts them: '3项预警' / '3 at risk'."""
        return f"{n}项{self.zh}" if lang == "zh" else f"{n} {self.en_count or self.en}"

    def bilingual(self) -> str:
        """Both languages, as the terminal's tables show them: '预警 at risk'."""
        return f"{self.zh} {self.en_terse or self.en}"


STATUS_WORDS: Mapping[Status, Wording] = MappingProxyType(
    {
        Status.ACHIEVED: Wording("已完成", "achieved"),
        Status.ON_TRACK: Wording("正常", "on track"),
        Status.AT_RISK: Wording("预警", "at risk"),
        Status.LAGGING: Wording("落后", "lagging"),
        Status.MISSED: Wording("未完成", "missed"),
        Status.NO_DATA: Wording("无数据", "no data", en_count="without data"),
        Status.PENDING: Wording(
            "目标待下达", "target pending", en_count="awaiting a target", en_terse="pending"
        ),
        Status.NO_TARGET: Wording("未设目标", "no target", en_count="without a target"),
    }
)
# A final verdict on a preliminary figure (预计, 初步核算): the final figure may still change it
# (docs/status-rules.md, "The year's end").
PRELIMINARY_WORDS: Mapping[Status, Wording] = MappingProxyType(
    {
        Status.ACHIEVED: Wording(
            "预计完成", "expected to be achieved", en_terse="expected achieved"
        ),
        Status.MISSED: Wording("预计未完成", "expected to be missed", en_terse="expected missed"),
    }
)
# A final verdict on a stretch alone (力争增长10%, no 确保 floor): reached, or short of it by
# no more than the warning band (docs/status-rules.md, "Kinds of target").
STRETCH_WORDS: Mapping[Status, Wording] = MappingProxyType(
    {
        Status.ACHIEVED: Wording("达到力争目标", "stretch target reached", en_terse="stretch met"),
        Status.AT_RISK: Wording(
            "未达到力争目标", "short of the stretch target", en_terse="stretch not met"
        ),
    }
)
# A milestone not done and not yet due (docs/status-rules.md, "Milestones"): pending, but
# not for want of a target.
MILESTONE_WORDS: Mapping[Status, Wording] = MappingProxyType(
    {Status.PENDING: Wording("未到期", "not yet due", en_terse="not yet due")}
)
# A qualitative goal no one has judged yet for a period (docs/status-rules.md, "Qualitative
# goals").
QUALITATIVE_WORDS: Mapping[Status, Wording] = MappingProxyType(
    {Status.NO_DATA: Wording("未评定", "not yet judged", en_terse="not judged")}
)
# Goals pending of both kinds, a target to be assigned and a milestone not yet due, counted
# together.
PENDING_WORDS = Wording("待定", "pending")
# Every goal at risk, lagging or missed: the heading of a list of all three.
BEHIND_WORDS = Wording("未达目标", "behind the target")


def status_wording(s: GoalStatus) -> Wording:
    """How the status of ``s`` is said: its ``STATUS_WORDS``, but 预计完成 / 预计未完成 for a
    final verdict on a preliminary figure, and 达到力争目标 / 未达到力争目标 for the final
    verdict on a stretch alone."""
    preliminary = s.final and s.latest is not None and s.latest.preliminary
    if preliminary and s.status in PRELIMINARY_WORDS:
        return PRELIMINARY_WORDS[s.status]
    if s.final and s.goal.stretch_alone and s.status in STRETCH_WORDS:
        return STRETCH_WORDS[s.status]
    if is_milestone(s.goal) and s.status in MILESTONE_WORDS:
        return MILESTONE_WORDS[s.status]
    if s.goal.kind is TargetKind.QUALITATIVE and s.status in QUALITATIVE_WORDS:
        return QUALITATIVE_WORDS[s.status]
    return STATUS_WORDS[s.status]


def counted_words(statuses: Iterable[GoalStatus]) -> Mapping[Status, Wording]:
    """How a headline counts the goals of each status: ``STATUS_WORDS``, but the goals
    pending are 未到期 when all of them are milestones, 待定 when some are ('1项未到期')."""
    pending = [s.goal for s in statuses if s.status is Status.PENDING]
    milestones = sum(1 for goal in pending if is_milestone(goal))
    if not milestones:
        return STATUS_WORDS
    word = MILESTONE_WORDS[Status.PENDING] if milestones == len(pending) else PENDING_WORDS
    return MappingProxyType({**STATUS_WORDS, Status.PENDING: word})


def is_milestone(goal: Goal) -> bool:
    """Whether the goal is a milestone's: done on a day, or not."""
    return goal.indicator.measure is Measure.MILESTONE

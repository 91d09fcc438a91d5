"""The report's 责任单位完成情况 section: each owner's goals, how many are behind and its
weighted score, worst first (pure; docs/status-rules.md, "Owners")."""

from collections.abc import Sequence

from tracker.domain.numbers import fixed
from tracker.domain.owners import standings
from tracker.domain.severity import is_behind
from tracker.domain.status import GoalStatus
from tracker.reporting.context import OwnerLine
from tracker.reporting.language import Words


def owner_lines(w: Words, statuses: Sequence[GoalStatus]) -> tuple[OwnerLine, ...]:
    """One line per owner of ``statuses``, worst first; none when they have a single owner
    (the report then is that owner's)."""
    found = standings(statuses)
    if len(found) < 2:
        return ()
    lines = []
    for st in found:
        owner = st.owner
        behind = [
            s.goal.indicator.name_zh if w.lang == "zh" else s.goal.indicator.name_en
            for s in st.statuses
            if is_behind(s.status)
        ]
        goals = w.plural("%(n)s goal", "%(n)s goals", len(st.statuses))
        text = (
            goals
            if not behind
            else w(
                "%(goals)s, %(n)s behind: %(names)s",
                goals=goals,
                n=len(behind),
                names=("、" if w.lang == "zh" else ", ").join(behind),
            )
        )
        lines.append(
            OwnerLine(
                key=owner.key,
                name=owner.name_zh if w.lang == "zh" else owner.name_en,
                goals=len(st.statuses),
                behind=st.behind,
                score="—" if st.score is None else f"{fixed(st.score, 1)}%",
                text=text,
            )
        )
    return tuple(lines)

"""The report's 责任单位完成情况 section: each owner's goals and key projects, how many are
behind and its weighted score, worst first (pure; docs/status-rules.md, "Owners")."""

from collections.abc import Sequence

from tracker.domain.numbers import fixed
from tracker.domain.owners import Standing, standings
from tracker.domain.project_status import ProjectStatus
from tracker.domain.severity import is_behind
from tracker.domain.status import GoalStatus
from tracker.reporting.context import OwnerLine
from tracker.reporting.language import Words


def owner_lines(
    w: Words, statuses: Sequence[GoalStatus], projects: Sequence[ProjectStatus] = ()
) -> tuple[OwnerLine, ...]:
    """One line per owner of ``statuses`` and ``projects`` (the place's own key projects),
    worst first; none when they have a single owner (the report then is that owner's)."""
    found = standings(statuses, projects)
    if len(found) < 2:
        return ()
    return tuple(
        OwnerLine(
            key=st.owner.key,
            name=st.owner.name_zh if w.lang == "zh" else st.owner.name_en,
            goals=len(st.statuses),
            behind=st.behind,
            score="—" if st.score is None else f"{fixed(st.score, 1)}%",
            text=_held(w, st),
            projects=len(st.projects),
        )
        for st in found
    )


def _held(w: Words, st: Standing) -> str:
    """What an owner holds and what of it is behind: '2项目标、1个重点项目，2项未达目标：…'."""
    zh = w.lang == "zh"
    behind = [
        s.goal.indicator.name_zh if zh else s.goal.indicator.name_en
        for s in st.statuses
        if is_behind(s.status)
    ]
    behind += [p.project.name for p in st.projects if is_behind(p.status)]
    held = w.plural("%(n)s goal", "%(n)s goals", len(st.statuses))
    if st.projects:
        held = w(
            "%(goals)s and %(projects)s",
            goals=held,
            projects=w.plural("%(n)s key project", "%(n)s key projects", len(st.projects)),
        )
    if not behind:
        return held
    return w(
        "%(goals)s, %(n)s behind: %(names)s",
        goals=held,
        n=len(behind),
        names=("、" if zh else ", ").join(behind),
    )

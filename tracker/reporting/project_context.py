"""What the templates see of the key projects: the 重点项目 section of a report, already said
in the report's language (``tracker.reporting.projects`` builds it; docs/projects.md)."""

from dataclasses import dataclass

from tracker.domain.project_board import Board


@dataclass(frozen=True)
class ProjectLine:
    """One project as a report shows it: every text in the report's language."""

    key: str
    name: str
    place: str  # its place's name, "" when the section covers one place
    level: str
    owner: str
    leader: str
    status: str  # the Status value
    status_word: str
    colour: str
    background: str
    plan: str  # '6' (亿元)
    done: str  # '3.6'; '—' without a figure
    share: str  # '60%'
    gap: str  # '+10', '-12.5', '—'
    progress: str  # 形象进度
    said: str  # '完成年度计划的38.5%，落后时间进度11.5个百分点' / '38.5% of plan, 11.5 points …'
    milestones: str  # each milestone, said
    overdue: str  # the overdue milestones, said; '' when none
    reported: bool


@dataclass(frozen=True)
class TotalsLine:
    """One group's totals (a level, a place): its name and figures, said."""

    name: str
    count: int
    plan: str
    done: str
    share: str
    gap: str
    starts: str  # '9/10'; '—' when no start is due
    behind: int
    rank: str  # '2' (per place only)


@dataclass(frozen=True)
class ProjectSection:
    """The 重点项目 section. ``behind``: the projects behind, worst first (at most
    ``EMAIL_BEHIND`` in an email, ``more`` saying how many are left out); ``table``: every
    project (the page and the brief; empty in an email); ``places``: each place's totals,
    ranked (a place with children), else empty; ``alone``: the report is this section alone
    (``tracker report --projects``). ``board``: the numbers, for the JSON document."""

    words: dict[str, str]
    heading: str
    sentence: str
    period: str  # '1-6月' / 'Jan–Jun'
    time_share: str  # '50%'
    behind: tuple[ProjectLine, ...]
    more: str
    table: tuple[ProjectLine, ...]
    levels: tuple[TotalsLine, ...]
    places: tuple[TotalsLine, ...]
    unreported: tuple[str, ...]
    board: Board
    alone: bool = False
    sentences: dict[str, str] | None = None  # both languages, for the JSON document
    lang: str = "zh"

"""The 重点项目 section of a report, and the key projects' report alone (``tracker report
--projects``): what the templates see, already said in the report's language (pure;
docs/projects.md, "Reports").

The section says the 调度通报's sentence, then the projects behind, worst first (name, level,
owner, leader, share of plan, gap, overdue milestones), then, on the page and in the Word
brief, every project in a table, and for a place with children each child's totals with its
rank by share of plan. An email carries the sentence and the first projects behind; the
page carries the rest.
"""

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from tracker.domain.project_board import Board
from tracker.domain.project_status import ProjectStatus
from tracker.domain.project_totals import Totals
from tracker.domain.projects import level_words
from tracker.domain.status import Status
from tracker.reporting.lines import COLOURS
from tracker.reporting.project_context import ProjectLine, ProjectSection, TotalsLine
from tracker.reporting.project_serialize import board_document
from tracker.reporting.project_words import (
    amount,
    milestone_text,
    months,
    number,
    overdue_text,
    percent,
    points,
    sentence,
    signed,
    status_word,
)

EMAIL_BEHIND = 20  # projects behind an email lists; the page lists them all

WORDS = {
    "zh": {
        "heading": "重点项目", "behind": "滞后项目", "none": "没有滞后项目。",
        "all": "全部项目", "places": "各地区完成情况", "levels": "分级别完成情况",
        "unreported": "本期未报送", "more": "另有{n}个滞后项目，见完整报告。",
        "owner": "责任单位", "leader": "分包领导", "overdue": "逾期", "title": "重点项目调度通报",
        "name": "项目名称", "level": "级别", "status": "状态", "plan": "年度计划（亿元）",
        "done": "累计完成（亿元）", "share": "占计划", "gap": "较序时进度（百分点）",
        "progress": "形象进度", "milestones": "里程碑", "place": "地区", "count": "项目数",
        "rank": "位次", "starts": "开工", "total": "合计", "sep": "；", "colon": "：",
        "known": "据{moment}前录入的数据编制。", "link": "查看完整报告",
        "as_of": "截至{day}（{period}数据，序时进度{share}）",
    },
    "en": {
        "heading": "Key projects", "behind": "Projects behind", "none": "No project is behind.",
        "all": "Every project", "places": "By place", "levels": "By level",
        "unreported": "Not reported for the period", "more": "{n} more projects behind: see "
        "the complete report.", "owner": "Owner", "leader": "Leader", "overdue": "overdue",
        "title": "Key projects", "name": "Project", "level": "Level", "status": "Status",
        "plan": "Plan (100m yuan)", "done": "Done (100m yuan)", "share": "Share of plan",
        "gap": "Gap to time share (points)", "progress": "Progress", "milestones": "Milestones",
        "place": "Place", "count": "Projects", "rank": "Rank", "starts": "Started",
        "total": "Total", "sep": "; ", "colon": ": ",
        "known": "Built from what was recorded by {moment}.", "link": "The complete report",
        "as_of": "As of {day} ({period} figures, time share {share})",
    },
}  # fmt: skip


def project_section(
    board: Board,
    lang: str,
    *,
    place_name: Callable[[str], str],
    place: str = "",
    alone: bool = False,
) -> ProjectSection:
    """The section of ``board`` in ``lang``; ``place_name`` names a place by its stored key,
    ``place`` is the name the sentence begins with (or '')."""
    words = WORDS[lang]
    several = len({s.project.place for s in board.statuses}) > 1
    name_of = place_name if several else (lambda _: "")
    lines = {
        s.project.place + "\x00" + s.project.key: _line(s, lang, name_of) for s in board.statuses
    }

    def line(s: ProjectStatus) -> ProjectLine:
        return lines[s.project.place + "\x00" + s.project.key]

    return ProjectSection(
        words=words,
        heading=words["heading"],
        sentence=sentence(board, lang, place),
        period=months(board.period, lang),
        time_share=percent(board.time_share),
        behind=tuple(line(s) for s in board.behind),
        more="",
        table=tuple(line(s) for s in board.statuses),
        levels=tuple(_totals(t, level_words(t.key, lang)) for t in board.levels),
        places=tuple(_totals(t, place_name(t.key)) for t in board.places) if several else (),
        unreported=tuple(f"{line(s).name}" for s in board.unreported),
        board=board,
        alone=alone,
        sentences={lang_: sentence(board, lang_, place) for lang_ in ("zh", "en")},
        lang=lang,
    )


def _line(s: ProjectStatus, lang: str, place_name: Callable[[str], str]) -> ProjectLine:
    p = s.project
    colour, background = COLOURS[s.status]
    shown = [m for m in s.milestones if m.done or m.overdue or m.status is Status.PENDING]
    return ProjectLine(
        key=p.key,
        name=p.name,
        place=place_name(p.place),
        level=level_words(p.level, lang) if lang == "en" else p.level,
        owner=p.owner.name_zh if lang == "zh" else p.owner.name_en,
        leader=p.leader,
        status=s.status.value,
        status_word=status_word(s, lang),
        colour=colour,
        background=background,
        plan=number(p.plan),
        done=number(s.done) if s.figure else "—",
        share=percent(s.share) if s.figure else "—",
        gap=signed(s.gap) if s.figure else "—",
        progress=(s.figure.progress or "") if s.figure else "",
        said=_said(s, lang),
        milestones=WORDS[lang]["sep"].join(milestone_text(m, lang) for m in shown),
        overdue=overdue_text(s, lang),
        reported=s.reported,
    )


def _said(s: ProjectStatus, lang: str) -> str:
    """The project's money in a few words: its share of plan and its gap to the time share;
    a project without a figure for the period says so, with its latest figure's share."""
    if s.figure is None:
        return "本期未报送数据" if lang == "zh" else "no figure yet"
    if s.share is None:
        done = amount(s.done, lang)
        return f"累计完成投资{done}" if lang == "zh" else f"{done} invested"
    gap = points(s.gap, lang) if not s.final else ""
    stale = months(s.figure.period, lang) if not s.reported else ""
    if lang == "zh":
        share = f"完成年度计划的{percent(s.share)}"
        said = f"本期未报送（{stale}{share}）" if stale else share
        return said + (f"，{gap}" if gap else "")
    share = f"{percent(s.share)} of plan"
    said = f"not reported for the period ({stale}: {share})" if stale else share
    return said + (f", {gap}" if gap else "")


def _totals(t: Totals, name: str) -> TotalsLine:
    return TotalsLine(
        name=name,
        count=t.count,
        plan=number(t.plan),
        done=number(t.done),
        share=percent(t.share),
        gap=signed(t.gap),
        starts=f"{t.started}/{t.starts_due}" if t.starts_due else "—",
        behind=t.behind,
        rank="" if t.rank is None else str(t.rank),
    )


def for_email(section: ProjectSection | None, limit: int = EMAIL_BEHIND) -> ProjectSection | None:
    """The section as an email carries it: no table of every project, the first ``limit``
    projects behind and a line counting the rest (the page has them all)."""
    if section is None:
        return None
    left = len(section.behind) - limit
    more = section.words["more"].format(n=left) if left > 0 else ""
    return replace(
        section,
        behind=section.behind[:limit],
        more=more,
        table=(),
        unreported=section.unreported[:limit],
    )


def section_document(section: ProjectSection | None) -> dict[str, Any] | None:
    """The section in the report's JSON document: ``tracker projects status --json``'s
    document (``project_serialize.board_document``), or null without projects."""
    if section is None:
        return None
    document = board_document(section.board, section.sentences or {})
    if len(section.table) == len(document["projects"]):  # the same order: the board's
        for record, line in zip(document["projects"], section.table, strict=True):
            record["text"] = {
                "status": line.status_word,
                "said": line.said,
                "overdue": line.overdue,
            }
    return document

"""The key projects in the Word brief (简报): what the briefing template's 重点项目 block is
filled with, for the goals' brief and for the brief of the projects' report alone (pure;
docs/projects.md, "Reports"; the template: docs/reports.md, "The Word briefing").

  四、重点项目                         the 调度通报's sentence (alone: after the headline)
                                     each project behind, a paragraph: number, name, status,
                                     level, share of plan and gap, overdue milestones, owner and
                                     leader; or 没有滞后项目
                                     the projects without a figure for the period
                                     each place's totals with its rank (a place with children)
                                     every project in a table: name, level, plan, done, share,
                                     status (coloured), owner
"""

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from tracker.reporting.project_context import ProjectLine, ProjectSection, TotalsLine


@dataclass(frozen=True)
class ProjectItem:
    """One project behind, as the brief says it: one paragraph, every line once."""

    number: str  # 1, 2 …
    name: str  # with its place's name, when the section covers several
    word: str  # the status word
    said: str  # '省重点；完成年度计划的20%，落后时间进度30个百分点；建成投产 … 已逾期50天。'
    owner: str  # '责任单位：区住建局；分包领导：王副主任。'


def project_fields(
    section: ProjectSection, number: str, *, lead: Sequence[str] = ()
) -> dict[str, Any]:
    """The ``projects`` field of a briefing template: ``number`` (of the section's heading:
    四 / 4), ``summary`` (paragraphs: ``lead``, then the 调度通报's sentence), ``behind``
    (``ProjectItem``), ``unreported`` (a paragraph, or ''), ``places`` (each place's totals:
    ``rank``, ``name``, ``count``, ``plan``, ``done``, ``share``; empty for one place) and
    ``rows`` (every project: ``name``, ``level``, ``plan``, ``done``, ``share``, ``owner``,
    ``background`` (RRGGBB) and ``word`` (the status, coloured)). Amounts are in 亿元."""
    from docxtpl import RichText

    zh = section.lang == "zh"
    return {
        "number": number,
        "summary": [*lead, section.sentence],
        "behind": [asdict(_item(section, n, line)) for n, line in enumerate(section.behind, 1)],
        "unreported": _unreported(section),
        "places": [_place(t) for t in section.places],
        "rows": [_row(line, zh, RichText) for line in section.table],
    }


def project_owners(section: ProjectSection | None) -> list[str]:
    """The owners the section names, each once, in its order (the 版记's 送 line)."""
    if section is None:
        return []
    return list(dict.fromkeys(line.owner for line in section.table or section.behind))


def _item(section: ProjectSection, n: int, line: ProjectLine) -> ProjectItem:
    words, zh = section.words, section.lang == "zh"
    stop = "。" if zh else "."
    said = words["sep"].join(p for p in (line.level, line.said, line.overdue) if p)
    owner = words["owner"] + words["colon"] + line.owner
    if line.leader:
        owner += words["sep"] + words["leader"] + words["colon"] + line.leader
    return ProjectItem(
        number=str(n),
        name=_named(line, zh),
        word=line.status_word,
        said=said + stop,
        owner=("" if zh else " ") + owner + stop,
    )


def _named(line: ProjectLine, zh: bool) -> str:
    if not line.place:
        return line.name
    return f"{line.name}（{line.place}）" if zh else f"{line.name} ({line.place})"


def _unreported(section: ProjectSection) -> str:
    if not section.unreported:
        return ""
    words = section.words
    stop = "。" if section.lang == "zh" else "."
    return words["unreported"] + words["colon"] + words["sep"].join(section.unreported) + stop


def _place(t: TotalsLine) -> dict[str, str]:
    return {
        "rank": t.rank,
        "name": t.name,
        "count": str(t.count),
        "plan": t.plan,
        "done": t.done,
        "share": t.share,
    }


def _row(line: ProjectLine, zh: bool, rich: Callable[..., Any]) -> dict[str, Any]:
    return {
        "name": _named(line, zh),
        "level": line.level,
        "plan": line.plan,
        "done": line.done,
        "share": line.share,
        "owner": line.owner,
        "background": line.background.lstrip("#").upper(),
        "word": rich(line.status_word, color=line.colour.lstrip("#").upper(), bold=True),
    }

"""The report's summary for a group chat (WeCom, DingTalk): Markdown, bounded in bytes (pure).

    ### 【2020年6月】目标进度：1项落后，1项预警              the verdict (the email's subject)
    截至2020年7月15日（6月数据）：12项目标 — ……               the headline
    **未达目标**
    - 规模以上工业增加值增速（区工信局）：落后，低于年度目标1.3个百分点
    - 居民消费价格指数涨幅（区发展改革委）：预警，高于目标1.1个百分点
    - …                                   goals behind (at risk, lagging, missed): owner and gap
    另有 3 项未达目标，见完整报告。                            when the budget is reached
    [查看完整报告](https://…/2020-07-15/zh.html)               with ``[report] base_url``

A report with key projects adds their 调度通报 sentence and the first projects behind, after
the goals (the key projects' report alone: those only; docs/projects.md).

It is made from the report's JSON document (``tracker.reporting.document``: its keys are
stable), in the report's order. The goals listed are every goal behind its target, so their
heading is the word for all three statuses (``tracker.domain.wording.BEHIND_WORDS``: 未达目标),
never one status's word. Text from the config (names, owners) has the characters that would
start Markdown markup replaced by their full-width forms, so that a name cannot turn into a
link or a heading.
"""

import json
from dataclasses import dataclass
from typing import Any

from tracker.domain.wording import BEHIND_WORDS

WORDS = {
    "zh": {
        "behind": f"**{BEHIND_WORDS.zh}**",
        "none": f"没有{BEHIND_WORDS.zh}的指标。",
        "more": f"另有 {{n}} 项{BEHIND_WORDS.zh}，见完整报告。",
        "link": "[查看完整报告]({url})",
        "sep": "：",
        "comma": "，",
        "owner": "（{owner}）",
        "projects": "**重点项目**",
        "projects_more": "另有{n}个项目滞后，见完整报告。",
    },
    "en": {
        "behind": "**Goals behind**",
        "none": "No goal is behind.",
        "more": "{n} more goals behind: see the full report.",
        "link": "[Read the full report]({url})",
        "sep": ": ",
        "comma": ", ",
        "owner": " ({owner})",
        "projects": "**Key projects**",
        "projects_more": "{n} more projects behind: see the full report.",
    },
}
# Markdown's markup characters, and full-width forms that read the same in Chinese text.
_PLAIN = str.maketrans(
    {"*": "＊", "_": "＿", "[": "［", "]": "］", "<": "＜", ">": "＞", "`": "'", "#": "＃"}
)


@dataclass(frozen=True)
class Summary:
    """A chat message: ``title`` (the verdict, shown in chat lists) and ``markdown`` (at most
    the ``limit`` bytes of UTF-8 it was made for)."""

    title: str
    markdown: str


def plain(text: str) -> str:
    """``text`` on one line, its Markdown markup characters made harmless."""
    return " ".join(text.split()).translate(_PLAIN)


def summary(document: str | dict[str, Any], *, limit: int, link: str | None = None) -> Summary:
    """The summary of a report given as its JSON document (text or parsed), in the report's
    language, within ``limit`` bytes of UTF-8 (e.g. 4096): as many goals behind as fit, in
    the report's order, then a line counting the rest; ``link``: the full report's address."""
    doc = json.loads(document) if isinstance(document, str) else document
    w = WORDS["en" if doc.get("lang") == "en" else "zh"]
    lang = "en" if doc.get("lang") == "en" else "zh"
    title = plain(str(doc.get("subject", "")))
    head = [f"### {title}", plain(str(doc.get("headline", "")))]
    goals = {g["key"]: g for g in doc.get("goals", [])}
    lines = [_line(goals[key], lang, w) for key in doc.get("behind", []) if key in goals]
    tail = [w["link"].format(url=link)] if link else []
    projects = doc.get("projects") or {}
    alone = bool(projects) and not goals  # the key projects' report alone
    body = head if alone else head + ([w["behind"]] if lines else [w["none"]])
    text = _fit(body, lines, _projects(projects, lang, w) + tail, w, limit)
    return Summary(title=_cut(title, 200), markdown=text)


def _line(goal: dict[str, Any], lang: str, w: dict[str, str]) -> str:
    name = goal.get(f"name_{lang}") or goal.get("name_zh") or goal["key"]
    owner = (goal.get("owner") or {}).get(lang) or ""
    words = goal.get("text") or {}
    said = [words.get("status"), words.get("gap")]
    line = f"- {plain(str(name))}"
    line += w["owner"].format(owner=plain(owner)) if owner else ""
    details = w["comma"].join(plain(str(s)) for s in said if s)
    return line + (w["sep"] + details if details else "")


PROJECT_LINES = 5  # the projects behind a summary names; the report has them all


def _projects(projects: dict[str, Any], lang: str, w: dict[str, str]) -> list[str]:
    """The key projects' sentence and the first projects behind (docs/projects.md)."""
    if not projects:
        return []
    sentence = (projects.get("sentence") or {}).get(lang) or ""
    by_key = {p["key"]: p for p in projects.get("projects", [])}
    behind = [by_key[k] for k in projects.get("behind", []) if k in by_key]
    lines = []
    for p in behind[:PROJECT_LINES]:
        words = p.get("text") or {}
        owner = (p.get("owner") or {}).get(lang) or ""
        said = w["comma"].join(plain(str(s)) for s in (words.get("status"), words.get("said"),
                                                           words.get("overdue")) if s)  # fmt: skip
        lines.append(f"- {plain(str(p['name']))}{w['owner'].format(owner=plain(owner))}"
                     f"{w['sep']}{said}")  # fmt: skip
    rest = len(behind) - len(lines)
    more = [w["projects_more"].format(n=rest)] if rest > 0 else []
    return [w["projects"], plain(sentence), *lines, *more]


def _fit(body: list[str], lines: list[str], tail: list[str], w: dict[str, str], limit: int) -> str:
    """``body``, as many ``lines`` as fit with the count of the rest and ``tail``, joined."""

    def size(parts: list[str]) -> int:
        return len("\n".join(parts).encode())

    for shown in range(len(lines), -1, -1):
        rest = len(lines) - shown
        parts = body + lines[:shown] + ([w["more"].format(n=rest)] if rest else []) + tail
        if size(parts) <= limit:
            return "\n".join(parts)
    return _cut("\n".join(body[:1] + tail + body[1:]), limit)  # a head beyond the limit


def _cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` bytes of UTF-8, never inside a character."""
    return text.encode()[:limit].decode("utf-8", "ignore")

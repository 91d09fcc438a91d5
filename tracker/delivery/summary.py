"""The report's summary for a group chat (WeCom, DingTalk): Markdown in each service's own
rules, bounded in bytes (pure; docs/delivery.md, "WeCom and DingTalk groups").

    ### 示范区2020年6月目标进度                                   the report's subject line
    3项落后，3项预警，2项逾期未报                                 the verdict (WeCom: in colour)
    截至2020年7月20日，已出1-6月数据：12项目标中，……                the headline
    **未达目标**
    - 规模以上工业增加值增速（区工信局）：落后，低于目标3.5个百分点 <@zhangsan>
    - 居民消费价格指数涨幅（区发展改革委）：预警，高于目标1.1个百分点
    另有 3 项未达目标，见完整报告。                                when the budget is reached
    **重点项目**                                                  with key projects
    2020年实施重点项目73个，……                                     the 调度通报's sentence
    - 文汇路改造（区发展改革委）：落后，完成年度计划的15%，……       the first five behind
    [查看完整报告](https://…/2020-07-20/zh.html)                    with ``[report] base_url``

It is made from the report's JSON document (``tracker.reporting.document``: its keys are stable),
in the report's order. The goals listed are every goal behind its target, so their heading is
the word for all three statuses (``tracker.domain.wording.BEHIND_WORDS``: 未达目标), and each
goal says its own status word, as the report does.

The services differ (docs/delivery.md):

- WeCom shows a single ``\\n`` as a line break and colours ``<font color="warning|info|comment">``;
  a lagging or missed goal's owner is mentioned with ``<@userid>`` (``wecom_user`` in
  owners.toml), which is how a work group 催办.
- DingTalk ignores a single ``\\n`` in markdown (the lines run together), so every line is a
  paragraph of its own (a blank line between); it has no colour; an owner is mentioned by the
  mobile number (``mobile`` in owners.toml) written ``@138…`` in the text and listed in the
  message's ``at.atMobiles``.

Text from the config (names, owners) has the characters that would start Markdown markup
replaced by their full-width forms, so that a name cannot turn into a link or a heading.

A report with key projects adds, after the goals, their 调度通报 sentence and the first
projects behind, each with its status word (in colour on WeCom) and its owner mentioned when it
is lagging or missed; the key projects' report alone has those only (docs/projects.md).
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from tracker.domain.wording import BEHIND_WORDS

WECOM, DINGTALK = "wecom", "dingtalk"
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
RED = ("lagging", "missed")  # whose owners a post mentions: behind beyond the warning band
# Markdown's markup characters, and full-width forms that read the same in Chinese text.
_PLAIN = str.maketrans(
    {"*": "＊", "_": "＿", "[": "［", "]": "］", "<": "＜", ">": "＞", "`": "'", "#": "＃"}
)


class Contact(Protocol):
    """An owner's contact (``configuration.definitions.Contact``): whom a post mentions."""

    @property
    def wecom_user(self) -> str: ...
    @property
    def mobile(self) -> str: ...


@dataclass(frozen=True)
class Summary:
    """A chat message: ``title`` (the verdict, shown in chat lists), ``markdown`` (at most the
    ``limit`` bytes of UTF-8 it was made for) and the ``mobiles`` it mentions (DingTalk's
    ``at.atMobiles``)."""

    title: str
    markdown: str
    mobiles: tuple[str, ...] = ()


def plain(text: str) -> str:
    """``text`` on one line, its Markdown markup characters made harmless."""
    return " ".join(text.split()).translate(_PLAIN)


def summary(
    document: str | dict[str, Any],
    *,
    limit: int,
    link: str | None = None,
    kind: str = WECOM,
    contacts: Mapping[str, Contact] | None = None,
) -> Summary:
    """The summary of a report given as its JSON document (text or parsed), in the report's
    language, for the service ``kind`` (wecom or dingtalk), within ``limit`` bytes of UTF-8
    (e.g. 4096): as many goals behind as fit, in the report's order, then a line counting the
    rest, then the key projects' sentence and first projects behind; ``link``: the full report's
    address; ``contacts``: owner key -> contact, whose lagging goals and projects mention them."""
    doc = json.loads(document) if isinstance(document, str) else document
    contacts = contacts or {}
    lang = "en" if doc.get("lang") == "en" else "zh"
    w = WORDS[lang]
    title = plain(str(doc.get("subject", "")))
    goals = {g["key"]: g for g in doc.get("goals", [])}
    projects = doc.get("projects") or {}
    alone = bool(projects) and not goals  # the key projects' report alone
    head = _head(doc, title, projects.get("behind") if alone else doc.get("behind"), kind)
    shown = [goals[key] for key in doc.get("behind", []) if key in goals]
    lines = [_line(g, lang, w, kind, contacts) for g in shown]
    tail = [w["link"].format(url=link)] if link else []
    body = head if alone else head + ([w["behind"]] if lines else [w["none"]])
    named = _projects_behind(projects)
    after = _projects(projects, named, lang, w, kind, contacts) + tail
    text, fitted = _fit(body, lines, after, w, limit, "\n\n" if kind == DINGTALK else "\n")
    mentioned = [*shown[:fitted], *named]
    mobiles = tuple(dict.fromkeys(m for g in mentioned if (m := _contact(g, contacts, "mobile"))))
    return Summary(
        title=_cut(title, 200), markdown=text, mobiles=mobiles if kind == DINGTALK else ()
    )


def _head(doc: dict[str, Any], title: str, behind: object, kind: str) -> list[str]:
    """The post's title as a heading, the verdict (in colour on WeCom: warning when something
    is ``behind``) and the headline."""
    verdict = plain(str(doc.get("verdict") or ""))
    head = [f"### {title}"]
    if verdict:
        head.append(_coloured(verdict, "warning" if behind else "info", kind))
    head.append(plain(str(doc.get("headline", ""))))
    return head


def _coloured(text: str, colour: str, kind: str) -> str:
    """WeCom's ``<font color>`` (info green, comment grey, warning orange-red); DingTalk has
    none: bold instead."""
    if kind == WECOM:
        return f'<font color="{colour}">{text}</font>'
    return f"**{text}**"


def _line(
    goal: dict[str, Any], lang: str, w: dict[str, str], kind: str, contacts: Mapping[str, Contact]
) -> str:
    """'- 名称（责任单位）：落后，差距 <@userid>' (WeCom) / '… @138…' (DingTalk)."""
    name = goal.get(f"name_{lang}") or goal.get("name_zh") or goal["key"]
    owner = (goal.get("owner") or {}).get(lang) or ""
    words = goal.get("text") or {}
    status = plain(str(words.get("status") or ""))
    if status and kind == WECOM:
        status = _coloured(status, "warning", kind)
    said = [s for s in (status, plain(str(words.get("gap") or ""))) if s]
    line = f"- {plain(str(name))}"
    line += w["owner"].format(owner=plain(owner)) if owner else ""
    line += w["sep"] + w["comma"].join(said) if said else ""
    mention = _mention(goal, kind, contacts)
    return f"{line} {mention}" if mention else line


def _mention(goal: dict[str, Any], kind: str, contacts: Mapping[str, Contact]) -> str:
    """The owner's mention for a goal lagging or missed: '<@userid>' or '@13800000000'."""
    if kind == WECOM:
        user = _contact(goal, contacts, "wecom_user")
        return f"<@{user}>" if user else ""
    mobile = _contact(goal, contacts, "mobile")
    return f"@{mobile}" if mobile else ""


PROJECT_LINES = 5  # the projects behind a summary names; the report has them all


def _projects_behind(projects: dict[str, Any]) -> list[dict[str, Any]]:
    """The records of the first ``PROJECT_LINES`` projects behind, worst first."""
    by_key = {p["key"]: p for p in projects.get("projects", [])}
    return [by_key[k] for k in projects.get("behind", []) if k in by_key][:PROJECT_LINES]


def _projects(
    projects: dict[str, Any],
    named: list[dict[str, Any]],
    lang: str,
    w: dict[str, str],
    kind: str,
    contacts: Mapping[str, Contact],
) -> list[str]:
    """The key projects' heading and sentence, the projects ``named`` (behind) a line each,
    and a line counting the rest (docs/projects.md); nothing without projects."""
    if not projects:
        return []
    sentence = (projects.get("sentence") or {}).get(lang) or ""
    lines = [_project_line(p, lang, w, kind, contacts) for p in named]
    rest = len(projects.get("behind", [])) - len(named)
    more = [w["projects_more"].format(n=rest)] if rest > 0 else []
    return [w["projects"], plain(sentence), *lines, *more]


def _project_line(
    project: dict[str, Any],
    lang: str,
    w: dict[str, str],
    kind: str,
    contacts: Mapping[str, Contact],
) -> str:
    """'- 名称（责任单位）：落后，完成年度计划的20%，…，逾期 <@userid>'."""
    words = project.get("text") or {}
    owner = (project.get("owner") or {}).get(lang) or ""
    status = plain(str(words.get("status") or ""))
    if status and kind == WECOM:
        status = _coloured(status, "warning", kind)
    said = [status, *(plain(str(words.get(k) or "")) for k in ("said", "overdue"))]
    line = f"- {plain(str(project['name']))}"
    line += w["owner"].format(owner=plain(owner)) if owner else ""
    line += w["sep"] + w["comma"].join(s for s in said if s)
    mention = _mention(project, kind, contacts)
    return f"{line} {mention}" if mention else line


def _contact(goal: dict[str, Any], contacts: Mapping[str, Contact], field: str) -> str:
    """The contact ``field`` of the owner of a goal lagging or missed; "" for the others."""
    if goal.get("status") not in RED:
        return ""
    contact = contacts.get((goal.get("owner") or {}).get("key", ""))
    return str(getattr(contact, field)) if contact is not None else ""


def _fit(
    body: list[str], lines: list[str], tail: list[str], w: dict[str, str], limit: int, sep: str
) -> tuple[str, int]:
    """``body``, as many ``lines`` as fit with the count of the rest and ``tail``, joined by
    ``sep``; and how many lines it holds."""
    for shown in range(len(lines), -1, -1):
        rest = len(lines) - shown
        parts = body + lines[:shown] + ([w["more"].format(n=rest)] if rest else []) + tail
        text = sep.join(parts)
        if len(text.encode()) <= limit:
            return text, shown
    return _cut(sep.join(body[:1] + tail + body[1:]), limit), 0  # a head beyond the limit


def _cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` bytes of UTF-8, never inside a character."""
    return text.encode()[:limit].decode("utf-8", "ignore")

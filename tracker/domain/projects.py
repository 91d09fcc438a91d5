"""Key projects (重点项目): a project, its year's plan and milestones, its year-to-date
investment figures and the milestones met (docs/projects.md, "The model").

Plain, frozen data, built from the configuration, a project sheet or the store alike; the
status rules are in ``tracker.domain.project_status``.
"""

import calendar
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType
from typing import NamedTuple

from tracker.domain.errors import InvalidInput, NotFound
from tracker.domain.model import Owner
from tracker.domain.periods import Period

START = "start"  # 开工: the milestone of the planned start
FINISH = "finish"  # 竣工: the milestone of the planned completion
DEFAULT_WARNING = Decimal(10)  # percentage points behind the time share: at risk, not lagging
UNIT = "亿元"  # every amount of a project: total, plan, figures


@dataclass(frozen=True)
class Milestone:
    """A dated event of a project: ``name`` (``start``, ``finish``, or as written: 建成投产)
    and the day it is due by."""

    name: str
    due: date

    @property
    def label_zh(self) -> str:
        return {START: "开工", FINISH: "竣工"}.get(self.name, self.name)

    @property
    def label_en(self) -> str:
        return {START: "start", FINISH: "completion"}.get(self.name, self.name)


@dataclass(frozen=True)
class Project:
    """One key project of one place and year, as its current version says.

    Amounts in 亿元: ``total`` (总投资) and ``plan`` (年度计划投资, 0 for a project without
    investment this year). ``start`` and ``finish``: the planned start and completion (None
    when not said). ``milestones``: the others, in the order written. ``place``: the stored
    key of its place ("" is home). ``origin``: "config", or the sheet it was read from.
    """

    key: str
    name: str
    year: int
    level: str
    owner: Owner
    total: Decimal
    plan: Decimal
    leader: str = ""
    place: str = ""
    content: str = ""  # 建设内容
    start: date | None = None
    finish: date | None = None
    milestones: tuple[Milestone, ...] = ()
    warning: Decimal = DEFAULT_WARNING
    origin: str = "config"
    recorded_at: datetime | None = None  # when this version was stored (for --as-known)

    @property
    def every_milestone(self) -> tuple[Milestone, ...]:
        """``start``, the milestones written, then ``finish``: every dated event."""
        first = (Milestone(START, self.start),) if self.start else ()
        last = (Milestone(FINISH, self.finish),) if self.finish else ()
        return (*first, *self.milestones, *last)

    @property
    def continuing(self) -> bool:
        """Started before its year by plan (续建): its start counts as met."""
        return self.start is not None and self.start < date(self.year, 1, 1)

    def terms(self) -> tuple[object, ...]:
        """What a new version must differ in: everything but the moment it was recorded."""
        return (
            self.name, self.level, self.owner.key, self.total, self.plan, self.leader,
            self.content, self.start, self.finish, self.milestones, self.warning,
        )  # fmt: skip


class ProjectFigure(NamedTuple):
    """The year-to-date investment completed of one project, up to the end of ``period`` (a
    month), in 亿元, as its current revision says; ``progress`` is the 形象进度 written with it.
    (A named tuple: a year of 2,000 projects reads 24,000 of them, built at a tuple's cost.)"""

    period: Period
    value: Decimal
    revision: int = 1
    progress: str | None = None
    note: str | None = None


# (stored place key, project key): what figures and completions are filed under.
ProjectRef = tuple[str, str]
_NO_FIGURES: tuple[ProjectFigure, ...] = ()
_NO_COMPLETIONS: Mapping[str, date] = MappingProxyType({})


@dataclass(frozen=True)
class Portfolio:
    """The projects of some places for one year, with their figures of the year (current
    revisions, oldest period first) and their milestones met (milestone name → the day),
    as recorded before ``known_before`` (None: everything). Nothing here reads a database.
    """

    year: int
    projects: tuple[Project, ...] = ()
    figures: Mapping[ProjectRef, tuple[ProjectFigure, ...]] = field(default_factory=dict)
    completions: Mapping[ProjectRef, Mapping[str, date]] = field(default_factory=dict)
    known_before: datetime | None = None

    def figures_of(self, project: Project) -> tuple[ProjectFigure, ...]:
        return self.figures.get((project.place, project.key), _NO_FIGURES)

    def completions_of(self, project: Project) -> Mapping[str, date]:
        return self.completions.get((project.place, project.key), _NO_COMPLETIONS)

    def of_places(self, places: Iterable[str]) -> "Portfolio":
        """The same, with the projects of the stored place keys ``places`` only."""
        wanted = set(places)
        return Portfolio(
            self.year,
            tuple(p for p in self.projects if p.place in wanted),
            self.figures,
            self.completions,
            self.known_before,
        )


def find_project(projects: Iterable[Project], text: str) -> Project:
    """The project named by ``text``: its key, or its name (spaces and width ignored). Raises
    NotFound naming the close matches."""
    import difflib

    listed = list(projects)
    wanted = _folded(text)
    for project in listed:
        if project.key == text or _folded(project.key) == wanted:
            return project
    for project in listed:
        if _folded(project.name) == wanted:
            return project
    names = [p.key for p in listed] + [p.name for p in listed]
    close = difflib.get_close_matches(text, names, n=3, cutoff=0.5)
    hint_en = (
        f"did you mean {', '.join(close)}?" if close else "`tracker projects status` lists them"
    )
    hint_zh = f"是否是 {'、'.join(close)}？" if close else "`tracker projects status` 列出全部项目"
    raise NotFound(
        f"no key project '{text}'; {hint_en}",
        zh=f"没有重点项目“{text}”；{hint_zh}",
    )


def _folded(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


_MONTH = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?(?:份)?(?:底|末)?")
_DAY = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?")
_YEAR = re.compile(r"(\d{4})\s*年?(?:底|末)?")


def read_date(text: str) -> date:
    """A planned or actual date as offices write it: ``2020-05-31``, ``2020/5/31``,
    ``2020年5月31日``, a month (``2020-05``, ``2020.5``, ``2020年5月``, ``2020年5月底``: its last
    day) or a year (``2020``, ``2020年底``: 31 December). Raises InvalidInput naming the forms."""
    clean = unicodedata.normalize("NFKC", text).strip()
    for pattern, build in ((_DAY, _day), (_MONTH, _month_end), (_YEAR, _year_end)):
        found = pattern.fullmatch(clean)
        if found:
            try:
                return build(*(int(g) for g in found.groups()))
            except ValueError:
                break
    raise InvalidInput(
        f"'{text}' is not a date; write 2020-05-31, 2020-05 (its last day) or 2020年5月底.",
        zh=f"'{text}' 不是日期；请写成 2020-05-31、2020-05（该月最后一天）或 2020年5月底。",
    )


def _day(year: int, month: int, day: int) -> date:
    return date(year, month, day)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year_end(year: int) -> date:
    if not 1900 <= year <= 2999:
        raise ValueError(year)
    return date(year, 12, 31)


# How offices rank the levels: national, provincial, city, then district or county.
_LEVEL_ORDER = (("国家", 0), ("省", 1), ("市", 2), ("区", 3), ("县", 3))
_LEVEL_EN = (("国家", "national"), ("省", "provincial"), ("市", "city"), ("区", "district"),
             ("县", "county"))  # fmt: skip


def level_rank(level: str) -> int:
    """Where a level comes in a list of levels: 国家 0, 省 1, 市 2, 区/县 3, anything else 4."""
    return next((rank for word, rank in _LEVEL_ORDER if word in level), 4)


def ordered_levels(projects: Iterable[Project]) -> list[str]:
    """The levels of ``projects``, national first, then each as first met."""
    seen = list(dict.fromkeys(p.level for p in projects))
    return sorted(seen, key=level_rank)


def level_words(level: str, lang: str) -> str:
    """The level before 项目 in a sentence: '省重点' (its trailing 项目 dropped) / 'provincial'
    (the English of a level that names national, provincial, city, district or county; the
    text as written otherwise)."""
    text = level.strip().removesuffix("项目").strip() or level.strip()
    if lang == "zh":
        return text
    return next((en for word, en in _LEVEL_EN if word in text), text)

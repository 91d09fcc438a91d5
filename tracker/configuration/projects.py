"""``projects/YEAR.toml`` and ``projects/PLACE/YEAR.toml``: the key projects of a year, each
checked (docs/projects.md, "Configuration").

    warning = 10                     # optional: the at-risk band, percentage points

    [projects.mengniu4]
    name = "蒙牛四期工厂"
    level = "市重点"
    owner = "industry"
    total = 15
    plan = 6
    start = "2019-03"
    finish = "2020-05-31"

    [[projects.mengniu4.milestones]]
    name = "建成投产"
    due = "2020-05-31"

Every mistake is one problem with its line and its fix: an unknown key (with the closest known
one), a missing or negative amount, a plan above the total, an owner not in owners.toml, a
place not in places.toml, a date that cannot be read, ``finish`` before ``start``, a
milestone due before the start, two projects of one name.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from tracker.configuration.problems import Problems, Source, close_hint
from tracker.configuration.tables import NAME_LIMIT, Table, tables
from tracker.domain.errors import InvalidInput
from tracker.domain.model import Owner
from tracker.domain.places import HOME, Places
from tracker.domain.projects import (
    DEFAULT_WARNING,
    FINISH,
    START,
    Milestone,
    Project,
    read_date,
)

PROJECT_KEYS = (
    "name", "level", "owner", "leader", "place", "total", "plan", "start", "finish",
    "milestones", "warning", "content",
)  # fmt: skip
MILESTONE_KEYS = ("name", "due")
LEVEL_LIMIT, CONTENT_LIMIT = 50, 2000  # the lengths the project table holds


@dataclass(frozen=True)
class Known:
    """What a project may name: the owners that loaded, every key of owners.toml (None when
    it could not be read), the places, and the stored key of the place of the file's folder."""

    owners: Mapping[str, Owner]
    owner_keys: set[str] | None
    places: Places
    place: str = HOME


def projects(source: Source, problems: Problems, year: int, known: Known) -> list[Project]:
    """The projects of one ``projects/YEAR.toml`` file, in the order written."""
    warning = _file_warning(source, problems)
    found: list[Project] = []
    names: dict[tuple[str, str], str] = {}
    for key, table in tables(source, "projects", problems, also=("warning",)).items():
        t = Table(source, problems, f"projects.{key}", table, PROJECT_KEYS)
        project = _project(t, key, year, known, warning)
        if project is None or not t.ok:
            continue
        other = names.setdefault((project.place, project.name.strip()), key)
        if other != key:
            t.fail(
                f"名称“{project.name}”已是 projects.{other} 的名称：同一地区同一年的项目名称须"
                f"不同 / the name '{project.name}' is also projects.{other}'s; a project is named "
                "once (give each its own name)",
                "name",
            )
            continue
        found.append(project)
    return found


def _file_warning(source: Source, problems: Problems) -> Decimal:
    value = source.data.get("warning", DEFAULT_WARNING)
    if isinstance(value, bool) or not isinstance(value, Decimal | int) or value <= 0:
        problems.add(
            source, "'warning' must be a positive number of percentage points, e.g. 10",
            key="warning",
        )  # fmt: skip
        return DEFAULT_WARNING
    return Decimal(value)


def _project(t: Table, key: str, year: int, known: Known, warning: Decimal) -> Project | None:
    """One project from its table, or None with its problems recorded."""
    owner = _owner(t, known)
    place = _place(t, known)
    total = t.number("total", low=Decimal(0))
    plan = t.number("plan", low=Decimal(0))
    if t.ok and plan > total:
        t.fail(
            f"'plan' = {plan} is above 'total' = {total}: a year's plan is part of the total "
            "investment (亿元); correct one of them",
            "plan",
        )
    start, finish = _date(t, "start"), _date(t, "finish")
    if start is not None and finish is not None and finish < start:
        t.fail(f"'finish' {finish} is before 'start' {start}; correct one of them", "finish")
    project = Project(
        key=key,
        name=t.text("name", limit=NAME_LIMIT),
        year=year,
        level=t.text("level", limit=LEVEL_LIMIT),
        owner=owner or Owner("", "", ""),
        total=total,
        plan=plan,
        leader=_optional_text(t, "leader", NAME_LIMIT),
        place=place,
        content=_optional_text(t, "content", CONTENT_LIMIT),
        start=start,
        finish=finish,
        milestones=_milestones(t, key, start),
        warning=_warning(t, warning),
    )
    return project if owner is not None else None


def _owner(t: Table, known: Known) -> Owner | None:
    """``owner``: a key of owners.toml; None (with a problem) otherwise."""
    owner_key = t.text("owner")
    if not owner_key:
        return None
    if known.owner_keys is not None and owner_key not in known.owner_keys:
        hint = close_hint(owner_key, known.owner_keys)
        t.fail(f"owner '{owner_key}' is not defined in owners.toml; {hint}", "owner")
        return None
    return known.owners.get(owner_key)


def _place(t: Table, known: Known) -> str:
    """``place``: a configured place's key, the stored key returned; the folder's place
    when not given, and it must agree with the folder's."""
    place = t.table.get("place")
    if place is None:
        return known.place
    if not isinstance(place, str) or place not in known.places.by_key:
        hint = close_hint(str(place), known.places.by_key)
        t.fail(f"place {place!r} is not a [places.KEY] of places.toml; {hint}", "place")
        return known.place
    stored = known.places.stored(place)
    if stored != known.place:
        folder = known.places.configured(known.place)
        t.fail(
            f"place {place!r} is not the place of this file's folder ({folder}); move the "
            f"project to projects/{place}/, or leave 'place' out",
            "place",
        )
    return stored


def _optional_text(t: Table, name: str, limit: int) -> str:
    return t.text(name, limit=limit) if name in t.table else ""


def _warning(t: Table, default: Decimal) -> Decimal:
    value = t.table.get("warning", default)
    if isinstance(value, bool) or not isinstance(value, Decimal | int) or value <= 0:
        t.fail("'warning' must be a positive number of percentage points, e.g. 10", "warning")
        return default
    return Decimal(value)


def _date(t: Table, name: str) -> date | None:
    """A date written as a TOML date or as text (``2020-05``, ``2020-05-31``, ``2020年5月底``:
    ``projects.read_date``); None when absent or wrong (with a problem)."""
    return _read_date(t, t.table.get(name), name)


def _read_date(t: Table, value: object, name: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return read_date(value)
        except InvalidInput:
            pass
    t.fail(f'\'{name}\' = {value!r} is not a date; write "2020-05-31" or "2020-05"', name)
    return None


def _milestones(t: Table, key: str, start: date | None) -> tuple[Milestone, ...]:
    """The ``[[projects.KEY.milestones]]``: each a name and a due date, none due before the
    start, no name twice (nor ``start`` or ``finish``, which are ``start``/``finish``)."""
    listed: Any = t.table.get("milestones", [])
    if not isinstance(listed, list) or not all(isinstance(m, dict) for m in listed):
        t.fail("'milestones' must be [[projects.KEY.milestones]] tables", "milestones")
        return ()
    found: list[Milestone] = []
    where = f"projects.{key}.milestones"
    for table in listed:
        m = Table(t.source, t.problems, where, table, MILESTONE_KEYS)
        name = m.text("name", limit=NAME_LIMIT)
        due = _read_date(m, table.get("due"), "due") if "due" in table else None
        if "due" not in table:
            m.fail("a milestone needs 'due', e.g. due = \"2020-05-31\"", "name")
        if name.strip() in (START, FINISH, "开工", "竣工"):
            m.fail(f"'{name}' is the project's 'start' or 'finish': set it there", "name")
        elif any(f.name == name for f in found):
            m.fail(f"the milestone '{name}' is written twice; keep one", "name")
        elif due is not None and start is not None and due < start:
            m.fail(
                f"'{name}' is due {due}, before the project's start {start}; correct the date",
                "due",
            )
        if not m.ok:
            t.ok = False
        elif due is not None:
            found.append(Milestone(name.strip(), due))
    return tuple(found)

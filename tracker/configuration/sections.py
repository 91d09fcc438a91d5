"""The sections of a config folder, each parsed on first use with its own problems.

A section is what one part of the folder configures: the settings of tracker.toml, the owners,
the indicators, the places, the goals, the known results, SMTP, the recipients, the schedule.
Each is parsed once, from the files it needs (each file read once however many sections read
it), and keeps its problems; asking for a section raises one ConfigError listing its problems
and those of the sections it was read with (the goals: the indicators, owners and places), so
a half-edited goals file stops only what reads goals. ``Sections.check`` parses every section
and lists every problem of every file (``tracker init``, ``tracker config check``).

Without a folder (``folder=None``) every section is its default: no file is read.
"""

import os
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from tracker.configuration import definitions as d
from tracker.configuration import general as g
from tracker.configuration.files import read_source
from tracker.configuration.goals import goals
from tracker.configuration.places import FILE as PLACES_FILE
from tracker.configuration.places import places
from tracker.configuration.plans import plan
from tracker.configuration.problems import Problem, Problems, Source, close_hint
from tracker.configuration.projects import Known, projects
from tracker.configuration.recipients import Recipients, recipients
from tracker.configuration.schedule import Schedule, schedule
from tracker.configuration.smtp import SmtpSettings, smtp_settings
from tracker.configuration.tables import tables
from tracker.domain.model import Goal, Indicator, Owner
from tracker.domain.places import HOME, Places
from tracker.domain.plans import Plan
from tracker.domain.projects import Project

T = TypeVar("T")


@dataclass(frozen=True)
class Section(Generic[T]):
    """One section: its name and how it is parsed (it records its problems in ``Problems``)."""

    name: str
    parse: Callable[["Sections", Problems], T] = field(repr=False)


@dataclass(frozen=True)
class _Parsed:
    value: object
    problems: tuple[Problem, ...]
    needs: frozenset[str]  # the sections it was read with


class Sections:
    """The sections of ``folder`` (None: the defaults), parsed on first use; ``env`` (default:
    os.environ, read when a section needs it) overrides the SMTP settings (TRACKER_SMTP_*)
    and holds the channels' secrets."""

    def __init__(self, folder: Path | None, env: Mapping[str, str] | None = None) -> None:
        self.folder = folder
        self.env: Mapping[str, str] = os.environ if env is None else env
        self._sources: dict[Path, tuple[Source, tuple[Problem, ...]]] = {}
        self._parsed: dict[str, _Parsed] = {}
        self._reading: list[set[str]] = []  # what each section being parsed has read so far
        self._lock = threading.RLock()  # the scheduler's threads may ask at once

    def get(self, section: Section[T]) -> T:
        """The section, parsed once. Raises ConfigError listing its problems and those of
        the sections it was read with, one per line."""
        with self._lock:
            value = self.value(section)
            self.raise_problems(section)
        return value

    def raise_problems(self, *sections: Section[Any]) -> None:
        """Raise one ConfigError listing the problems of ``sections`` (parsed now if they
        were not) and of those they were read with; nothing when there are none."""
        with self._lock:
            for section in sections:
                self.value(section)
            Problems(list(self._problems(s.name for s in sections))).check()

    def check(self) -> None:
        """Parse every section. Raises ConfigError listing every problem of every file, one
        per line, in the order of SECTIONS."""
        self.raise_problems(*SECTIONS)

    def value(self, section: Section[T]) -> T:
        """The section, parsed once, its problems kept and not raised: what a section reads
        another with (the other then counts among its prerequisites)."""
        with self._lock:
            if self._reading:
                self._reading[-1].add(section.name)
            if section.name not in self._parsed:
                self._reading.append(set())
                problems = Problems()
                try:
                    value = section.parse(self, problems)
                finally:
                    needs = self._reading.pop()
                self._parsed[section.name] = _Parsed(value, tuple(problems.found), frozenset(needs))
            return cast(T, self._parsed[section.name].value)

    def parsed(self) -> tuple[str, ...]:
        """The names of the sections parsed so far, in the order they were first asked for."""
        return tuple(self._parsed)

    def read(self, name: str | Path, problems: Problems | None, *, required: bool = True) -> Source:
        """The file ``name`` of the folder (a name in it, or a path as ``_by_place`` lists
        them), read once; the problems of reading it are added to ``problems`` (None: not
        reported, the file is only looked at). Without a folder, an empty file."""
        if self.folder is None:
            return Source(Path(name))
        path = name if isinstance(name, Path) else self.folder / name
        if path not in self._sources:
            found = Problems()
            self._sources[path] = (read_source(path, found, required=required), tuple(found.found))
        source, reading = self._sources[path]
        if problems is not None:
            problems.found.extend(reading)
        return source

    def _problems(self, names: Iterable[str]) -> Iterable[Problem]:
        """The problems of the sections ``names`` and of those they were read with, each
        once, in the order of SECTIONS."""
        wanted: set[str] = set()
        waiting = list(names)
        while waiting:
            name = waiting.pop()
            if name not in wanted and name in self._parsed:
                wanted.add(name)
                waiting.extend(self._parsed[name].needs)
        found = (p for s in SECTIONS if s.name in wanted for p in self._parsed[s.name].problems)
        return dict.fromkeys(found)


def _general(sections: Sections, problems: Problems) -> g.General:
    return g.general(sections.read(g.FILE, problems, required=False), problems)


def _owners(sections: Sections, problems: Problems) -> dict[str, Owner]:
    return d.owners(sections.read("owners.toml", problems), problems)


def _keys(file: str, name: str) -> Callable[[Sections, Problems], set[str] | None]:
    """Every key of the ``[NAME.KEY]`` tables of ``file``, good or bad, None when the file
    could not be read: what another file's reference is checked against. Its problems are
    those of the file's own section: a file that could not be read is one problem, not one
    more per reference to it."""

    def keys(sections: Sections, _: Problems) -> set[str] | None:
        source = sections.read(file, None)
        return set(tables(source, name, Problems())) if source.ok else None

    return keys


def _indicators(sections: Sections, problems: Problems) -> dict[str, Indicator]:
    source = sections.read("indicators.toml", problems)
    owners, keys = sections.value(OWNERS), sections.value(OWNER_KEYS)
    found = d.indicators(source, problems, owners, keys)
    d.unique_names(source, problems, found)
    return found


def _places(sections: Sections, problems: Problems) -> Places:
    return places(sections.read(PLACES_FILE, problems, required=False), problems)


def _goals(sections: Sections, problems: Problems) -> tuple[Goal, ...]:
    known, keys = sections.value(INDICATORS), sections.value(INDICATOR_KEYS)
    where = sections.value(PLACES)
    return tuple(
        goal
        for place, year, path in _by_place(sections, "goals", where, problems)
        for goal in goals(
            sections.read(path, problems), problems, year, known, keys, places=where, place=place
        )
    )


def _results(sections: Sections, problems: Problems) -> tuple[d.KnownFigure, ...]:
    keys, where = sections.value(INDICATOR_KEYS), sections.value(PLACES)
    known = sections.value(INDICATORS)
    return tuple(
        replace(result, place=place)
        for place, year, path in _by_place(sections, "results", where, problems)
        for result in d.results(sections.read(path, problems), problems, year, keys, known)
    )


def _projects(sections: Sections, problems: Problems) -> tuple[Project, ...]:
    owners, keys, where = sections.value(OWNERS), sections.value(OWNER_KEYS), sections.value(PLACES)
    return tuple(
        project
        for place, year, path in _by_place(sections, "projects", where, problems)
        for project in projects(
            sections.read(path, problems), problems, year, Known(owners, keys, where, place)
        )
    )


def _plans(sections: Sections, problems: Problems) -> tuple[Plan, ...]:
    """The plans of ``plans/*.toml``, by file name (docs/status-rules.md, "Plan goals")."""
    if sections.folder is None or not (sections.folder / "plans").is_dir():
        return ()
    known, keys = sections.value(INDICATORS), sections.value(INDICATOR_KEYS)
    where = sections.value(PLACES)
    found = []
    for path in sorted((sections.folder / "plans").glob("*.toml")):
        read = plan(sections.read(path, problems), problems, known, keys, where)
        if read is not None:
            found.append(read)
    return tuple(found)


def _smtp(sections: Sections, problems: Problems) -> SmtpSettings:
    source = sections.read(g.FILE, problems, required=False)
    return smtp_settings(source, problems, sections.folder or Path.cwd(), sections.env)


def _recipients(sections: Sections, problems: Problems) -> Recipients:
    source = sections.read("recipients.toml", problems, required=False)
    return recipients(source, problems, sections.value(OWNER_KEYS), sections.env)


def _schedule(sections: Sections, problems: Problems) -> Schedule:
    source = sections.read("schedule.toml", problems, required=False)
    timezone = sections.value(GENERAL).timezone
    return schedule(source, problems, timezone, sections.value(RECIPIENTS), sections.value(PLACES))


GENERAL = Section("general", _general)  # tracker.toml: [general], [report]
OWNERS = Section("owners", _owners)
OWNER_KEYS = Section("owner keys", _keys("owners.toml", "owners"))
INDICATORS = Section("indicators", _indicators)
INDICATOR_KEYS = Section("indicator keys", _keys("indicators.toml", "indicators"))
PLACES = Section("places", _places)
GOALS = Section("goals", _goals)
RESULTS = Section("results", _results)
PROJECTS = Section("projects", _projects)  # projects/YEAR.toml: key projects (docs/projects.md)
PLANS = Section("plans", _plans)
SMTP = Section("smtp", _smtp)  # tracker.toml: [smtp], and the environment
RECIPIENTS = Section("recipients", _recipients)  # with the channels
SCHEDULE = Section("schedule", _schedule)
SECTIONS: tuple[Section[Any], ...] = (
    GENERAL, OWNERS, OWNER_KEYS, INDICATORS, INDICATOR_KEYS, PLACES, GOALS, RESULTS, PLANS,
    SMTP, RECIPIENTS, SCHEDULE, PROJECTS,
)  # fmt: skip


def _by_place(
    sections: Sections, name: str, where: Places, problems: Problems
) -> list[tuple[str, int, Path]]:
    """(stored place key, year, file): the home place's ``YEAR.toml`` files of the folder
    ``name`` (goals, results, projects), then those of each configured place's subfolder ``PLACE/``
    (docs/places.md); a subfolder that names no configured place is a problem, with the
    close match. None without a config folder."""
    if sections.folder is None or not (sections.folder / name).is_dir():
        return []
    folder = sections.folder / name
    found = [(HOME, year, path) for year, path in _yearly(folder, problems)]
    for sub in sorted(path for path in folder.iterdir() if path.is_dir()):
        if sub.name not in where.by_key:
            hint = close_hint(sub.name, where.by_key)
            problems.add(
                Source(sub),
                f"the folder {sub.name}/ names no place of places.toml; {hint} "
                "(name it after a [places.KEY], or add the place)",
            )
            continue
        place = where.stored(sub.name)
        found.extend((place, year, path) for year, path in _yearly(sub, problems))
    return found


def _yearly(folder: Path, problems: Problems) -> list[tuple[int, Path]]:
    """The ``YEAR.toml`` files of ``folder``, in order of year."""
    found = []
    for path in sorted(folder.glob("*.toml")):
        if not path.stem.isdigit():
            problems.add(Source(path), "name the file after its year, e.g. 2020.toml")
            continue
        found.append((int(path.stem), path))
    return found

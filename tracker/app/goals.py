"""Loading the configured indicators, goals and known results into the database."""

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlmodel import Session

from tracker.app.database import Database
from tracker.configuration.definitions import Definitions
from tracker.domain.errors import Conflict, InvalidInput, NotFound
from tracker.domain.model import Comparator, Goal, TargetKind
from tracker.domain.numbers import parse_number, plain
from tracker.domain.places import HOME
from tracker.domain.targets import changed_terms, version_to_add
from tracker.store import figures as figure_store
from tracker.store import goals as goal_store
from tracker.store import indicators as indicator_store
from tracker.store.schema import ensure_schema
from tracker.store.tables import FigureRow

GoalKey = tuple[str, str, int]  # (indicator key, stored place key, year)


@dataclass(frozen=True)
class Loaded:
    indicators: int
    goals: int
    results_added: int
    results_kept: int  # already stored: never overwritten by the config
    retired: int = 0  # goals removed from the config: kept with their history, not reported
    retired_goals: tuple[GoalKey, ...] = ()  # which, in the order they were stored


@dataclass(frozen=True)
class Unknown:
    """What a database holds that a config does not: the goals loading it would retire, and
    the figures (how many, by year) of indicators or years the config has none of."""

    goals: tuple[GoalKey, ...]
    figures: dict[int, int]

    def __bool__(self) -> bool:
        return bool(self.goals or self.figures)


def unknown_to(db: Database, definitions: Definitions) -> Unknown:
    """What ``db`` holds that ``definitions`` do not (see ``Unknown``); nothing for a
    database without tables."""
    if not db.has_schema():
        return Unknown((), {})
    keys = {i.key for i in definitions.indicators}
    years = {g.year for g in definitions.goals} | {r.period.year for r in definitions.results}
    with db.reading() as session:
        goals = _retired_by(session, definitions)
        figures: dict[int, int] = {}
        for (_, key, period), figure in figure_store.stored_figures(session=session).items():
            year = int(period[:4])
            if not figure.withdrawn and (key not in keys or year not in years):
                figures[year] = figures.get(year, 0) + 1
    return Unknown(goals, dict(sorted(figures.items())))


def refuse_taking_over(db: Database, definitions: Definitions) -> None:
    """Refuse to load the demo's ``definitions`` into a database that holds goals or figures
    they do not (a place's own database): it would retire the place's goals and put the
    demo's indicators in place of its own. Raises Conflict naming them."""
    unknown = unknown_to(db, definitions)
    if not unknown:
        return
    said = []
    if unknown.goals:
        years = sorted({year for _, _, year in unknown.goals})
        keys = list(dict.fromkeys(key for key, _, _ in unknown.goals))
        shown = ", ".join(keys[:12]) + (", …" if len(keys) > 12 else "")
        said.append(
            f"{len(unknown.goals)} goal{'s' if len(unknown.goals) > 1 else ''} of "
            f"{', '.join(map(str, years))} ({shown})"
        )
    if unknown.figures:
        n = sum(unknown.figures.values())
        said.append(f"{n} figure{'s' if n > 1 else ''} of {', '.join(map(str, unknown.figures))}")
    raise Conflict(
        f"the database holds what the demo does not: {' and '.join(said)}; the demo would "
        "retire those goals and put its own indicators in place of the database's. Leave out "
        "--db and TRACKER_DATABASE_URL to load the demo into a database of its own, or add "
        "--replace to retire them.",
        zh=f"数据库中有示范配置没有的目标（{len(unknown.goals)}个）和数据"
        f"（{sum(unknown.figures.values())}条）；载入示范配置会停用这些目标并替换指标定义。"
        "请去掉 --db 和 TRACKER_DATABASE_URL，让示范使用自己的数据库；确需替换请加 --replace",
    )


def _retired_by(session: Session, definitions: Definitions) -> tuple[GoalKey, ...]:
    """The goals in force that loading ``definitions`` would retire."""
    keep = {(g.key, g.place, g.year) for g in definitions.goals}
    stored = goal_store.goals(session=session, retired=False, place=None)
    return tuple((g.key, g.place, g.year) for g in stored if (g.key, g.place, g.year) not in keep)


def load_definitions_into(
    db: Database, definitions: Definitions, *, by: str, now: datetime
) -> Loaded:
    """Create the schema, then insert or update every definition. Figures are never deleted;
    a known result is added only where the period has no figure yet."""
    ensure_schema(db.engine)
    added = kept = 0
    with db.writing() as session:
        ids = {}
        for indicator in definitions.indicators:
            row = indicator_store.save_indicator(session=session, indicator=indicator)
            assert row.id is not None
            ids[indicator.key] = row.id
        retiring = _retired_by(session, definitions)
        for goal in _matched(session, definitions.goals):
            for version in goal.history:
                goal_store.save_version(
                    session=session,
                    goal=version,
                    indicator_id=ids[goal.indicator.key],
                    recorded_at=now,
                )
        retired = goal_store.retire_others(
            session=session, keep={(g.key, g.place, g.year) for g in definitions.goals}
        )
        for result in definitions.results:
            indicator_id = ids[result.key]
            period = str(result.period)
            if figure_store.latest_revision(
                session=session, indicator_id=indicator_id, period=period, place=result.place
            ):
                kept += 1
                continue
            session.add(
                FigureRow(
                    indicator_id=indicator_id,
                    place=result.place,
                    period=period,
                    period_end=result.period.end,
                    revision=1,
                    value=result.value,
                    preliminary=result.preliminary,
                    note=result.note,
                    source=result.source,
                    recorded_by=by,
                    recorded_at=now,
                )
            )
            added += 1
    return Loaded(
        len(definitions.indicators), len(definitions.goals), added, kept, retired, retiring
    )


def _matched(session: Session, goals: tuple[Goal, ...]) -> list[Goal]:
    """The configured goals, each version matched with the stored one of its date that has
    its terms (the version as written, or a correction of it: the config may say either).
    Raises Conflict when a version says another number than every one stored for its date: a
    change is a new version, so past reports stay as they were (docs/status-rules.md, "Goals
    change during the year"), and the message shows the version to add."""
    stored = {
        (g.key, g.place, g.year): g
        for g in goal_store.goals(session=session, retired=True, place=None)
    }
    problems, found = [], []
    for goal in goals:
        old = stored.get((goal.key, goal.place, goal.year))
        versions = []
        for version in goal.history:
            same_day = [v for v in (old.history if old else ()) if v.effective == version.effective]
            match = next((v for v in same_day if not changed_terms(v, version)), None)
            if same_day and match is None:
                problems.append(_edited(goal, same_day[-1], version))
            versions.append(
                version if match is None else replace(version, correction=match.correction)
            )
        first, *later = versions
        found.append(replace(first, versions=tuple(later)))
    if problems:
        raise Conflict("\n".join(problems))
    return found


def _edited(goal: Goal, before: Goal, version: Goal) -> str:
    """The refusal of a version whose terms were edited in place, with the version to add."""
    changed = changed_terms(before, version)
    when = f"the version of {version.effective}" if version.effective else "it"
    return (
        f"goal {goal.key} {goal.year}: {', '.join(changed)} changed since {when} was loaded; "
        "目标数值不能直接修改，请恢复原值并添加一个版本 / keep the stored number and add a "
        f"version instead:\n{version_to_add(before, version, changed)}"
    )


def goal_years(db: Database, place: str | None = None) -> list[int]:
    """The years that have goals (of any place; of ``place``, a stored key, when given), in
    order."""
    with db.reading() as session:
        return sorted(goal_store.goal_years(session=session, place=place))


def no_goals_lines(year: int, years: list[int], of: str = "", of_zh: str = "") -> tuple[str, str]:
    """What to say, in English and in Chinese, of ``year`` without goals (``of``: " of PLACE",
    ``of_zh``: the place's Chinese name), naming the ``years`` that have them (the place's)."""
    if not years:
        return (
            f"No goals{of} for {year}, nor for any year; `tracker init` loads them from the "
            "config.",
            f"{of_zh}{year}年没有目标，也没有任何年份的目标；`tracker init` 从配置载入目标。",
        )
    shown = ", ".join(map(str, years))
    return (
        f"No goals{of} for {year}; the years with goals: {shown} (`tracker goals` lists them).",
        f"{of_zh}{year}年没有目标；有目标的年份：{shown}（`tracker goals` 列出）。",
    )


def stored_goals(db: Database, place: str | None = HOME) -> list[Goal]:
    """Every goal in the database (of every year, retired ones too) of one place (stored key,
    "" for home; None: every place), by year, in the order the indicators were defined, each
    with its versions."""
    with db.reading() as session:
        return goal_store.goals(session=session, retired=True, place=place)


def revise_goal(
    db: Database,
    *,
    key: str,
    effective: date,
    reason: str,
    target: str | None = None,
    stretch: str | None = None,
    tolerance: str | None = None,
    year: int | None = None,
    label_zh: str = "",
    label_en: str = "",
    now: datetime,
    place: str = HOME,
) -> Goal:
    """Add a version to the goal ``key`` of ``year`` (default: the effective date's year),
    in force from ``effective``; returns it. ``target``: a number, or 'low-high' for a range;
    an assigned goal whose number arrives becomes a goal with that number. The new version
    keeps the terms it does not restate; its labels are the ones given (the old ones would
    name the old number).

    ``place``: the goal's place (stored key, "" for home).

    A revision from the date of one of the goal's versions (1 January: the goal as first set)
    is a correction of that version: it replaces it from its date, as if it had been written
    so, and is no change of target (docs/status-rules.md, "Goals change during the year").

    Raises NotFound (no such goal), InvalidInput (a date outside the goal's year, or before
    its latest version and none of its dates, a bad number, nothing that changes) with nothing
    stored.
    """
    year = effective.year if year is None else year
    if not reason.strip():
        raise InvalidInput("a revision needs --reason: say why the target changed.")
    with db.writing() as session:
        stored = {g.key: g for g in goal_store.goals(session=session, year=year, place=place)}
        goal = stored.get(key)
        if goal is None:
            known = ", ".join(stored) or "none"
            raise NotFound(
                f"no goal '{key}' for {year}; the goals of {year} are: {known}.",
                zh=f"{year}年没有目标 '{key}'；{year}年的目标：{known}。",
            )
        base, correction = _revised(goal, key, effective)
        version = replace(
            base,
            effective=None if effective == date(year, 1, 1) else effective,
            correction=correction,
            reason=reason.strip(),
            previous=None,
            versions=(),
            label_zh=label_zh,
            label_en=label_en,
        )
        version = _with_terms(version, target, stretch, tolerance)
        if not changed_terms(base, version):
            raise InvalidInput(
                f"nothing to revise: {key} {year} already has these terms; give --target, "
                "--stretch or --tolerance with a new value."
            )
        ids = indicator_store.indicator_ids(session=session)
        goal_store.save_version(
            session=session, goal=version, indicator_id=ids[goal.indicator.key], recorded_at=now
        )
    return version


def _revised(goal: Goal, key: str, effective: date) -> tuple[Goal, int]:
    """The version a revision from ``effective`` restates, and its correction number: the
    version of that very date corrected (1 January: the goal as first set, a number mistyped
    in January), 0 for a new version after the latest. Raises InvalidInput for a date outside
    the goal's year, or before its latest version and not one of its dates."""
    year = goal.year
    if not date(year, 1, 1) <= effective <= date(year, 12, 31):
        raise InvalidInput(
            f"--effective {effective} is outside {year}: a revision of the {year} goal takes "
            f"effect from 1 January (a correction of the number as first set) to 31 December "
            f"{year}."
        )
    same_day = [v for v in goal.history if (v.effective or date(year, 1, 1)) == effective]
    if same_day:
        return same_day[-1], max(v.correction for v in same_day) + 1
    start = goal.history[-1].effective or date(year, 1, 1)
    if effective <= start:
        raise InvalidInput(
            f"--effective {effective} is not after the latest version of {key} ({start}); "
            "versions follow one another: give a later date, or a version's own date to "
            "correct it."
        )
    return goal.in_force(date(year, 12, 31)), 0


def _with_terms(goal: Goal, target: str | None, stretch: str | None, tolerance: str | None) -> Goal:
    """The goal with the terms given on the command line, checked as the config checks them."""
    if target is not None:
        low, sep, high = target.replace("—", "-").replace("–", "-").partition("-")
        if sep and low.strip():
            values = parse_number(low), parse_number(high)
            if values[0] >= values[1]:
                raise InvalidInput(
                    f"--target '{target}': the range's low end must be below its high end."
                )
            goal = replace(
                goal,
                comparator=Comparator.BETWEEN,
                target=values[0],
                target_high=values[1],
                kind=TargetKind.NUMBER,
                assigned_by="",
            )
        else:
            goal = replace(
                goal, target=parse_number(target), kind=TargetKind.NUMBER, assigned_by=""
            )
            if goal.comparator is Comparator.BETWEEN:
                raise InvalidInput(
                    f"--target '{target}': {goal.key} is a range; give both ends, "
                    "e.g. --target 5-6."
                )
    elif goal.kind is not TargetKind.NUMBER:
        raise InvalidInput(f"{goal.key} has no number yet; give --target N.")
    if tolerance is not None:
        goal = replace(goal, tolerance=parse_number(tolerance))
    if stretch is not None and goal.stretch_alone and target is None:
        value = parse_number(stretch)  # 力争 alone: the number it is scored against moves too
        return replace(goal, target=value, stretch=value)
    if stretch is not None:
        value = parse_number(stretch)
        if goal.comparator.upward and value <= goal.target:
            raise InvalidInput(
                f"--stretch {stretch} must be above the target {plain(goal.target)}."
            )
        if not goal.comparator.upward and value >= goal.target:
            raise InvalidInput(
                f"--stretch {stretch} must be below the target {plain(goal.target)}."
            )
        goal = replace(goal, stretch=value)
    return goal

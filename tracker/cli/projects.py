"""``tracker projects``: key projects (重点项目) — their status, a month's figure, a milestone
met, a withdrawal, the history, the office's project sheet and the owners' forms
(docs/projects.md)."""

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from tracker.cli import state as clock
from tracker.cli.errors import fail, friendly
from tracker.cli.places import PlaceOption, place_label, stored_place
from tracker.cli.state import state

projects_app = typer.Typer(
    help="Key projects (重点项目): their status, figures and milestones.", no_args_is_help=True
)
YEAR_HELP = "The projects' year (default: the last ended month's year)."
ProjectArgument = Annotated[
    str, typer.Argument(metavar="PROJECT", help="The project's key or name (项目名称).")
]
ByOption = Annotated[
    str | None, typer.Option("--by", help="Who records it (default: the OS user).")
]
YearOption = Annotated[int | None, typer.Option(min=1900, max=2999, help=YEAR_HELP)]


def register(app: typer.Typer) -> None:
    app.add_typer(projects_app, name="projects")
    projects_app.command()(friendly(status))
    # A negative figure (-2.6) is a value, not an option: the guards refuse it in words.
    projects_app.command(context_settings={"ignore_unknown_options": True})(friendly(record))
    projects_app.command()(friendly(done))
    projects_app.command()(friendly(withdraw))
    projects_app.command()(friendly(history))
    projects_app.command(name="import")(friendly(import_sheet))
    projects_app.command()(friendly(forms))


def status(
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="YYYY-MM-DD (default: today).")
    ] = None,
    year: YearOption = None,
    as_known: Annotated[
        str | None,
        typer.Option("--as-known", help="Only what was recorded by then (a date, or a moment)."),
    ] = None,
    level: Annotated[
        str | None, typer.Option(help="Only the projects of this level, e.g. 省重点.")
    ] = None,
    owner: Annotated[
        str | None, typer.Option(help="Only this owner's projects (key or name).")
    ] = None,
    by: Annotated[
        str, typer.Option("--totals", help="The totals per level, owner or place.")
    ] = "level",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    brief: Annotated[
        bool, typer.Option("--brief", help="Only the sentence and the totals, no project table.")
    ] = False,
    wide: Annotated[bool, typer.Option(help="Every column, however wide.")] = False,
    place: PlaceOption = None,
) -> None:
    """Each key project's status as of a date (of the home place and its children, or
    --place), the 调度通报's sentence and the totals."""
    from tracker.app.projects import project_board
    from tracker.cli.status import parse_date, readable
    from tracker.domain.moments import known_before, parse_moment
    from tracker.reporting.project_words import sentence

    if by not in ("level", "owner", "place"):
        fail(
            f"--totals {by}: use level, owner or place.",
            f"--totals {by}：请用 level、owner 或 place。",
        )
    day = parse_date(as_of)
    before = None
    if as_known is not None:
        before = known_before(parse_moment(as_known, clock.timezone()))
    where = stored_place(place)
    b = project_board(
        readable(state.database()), as_of=day, places=state.config().places, place=where,
        year=year, known_before=before, level=level, owner=owner,
    )  # fmt: skip
    said = {lang: sentence(b, lang) for lang in ("zh", "en")}
    if as_json:
        import json

        from tracker.reporting.project_serialize import board_document

        print(json.dumps(board_document(b, said), ensure_ascii=False, indent=2))
        return
    from tracker.cli.project_tables import (
        PROJECTS_FIT,
        TOTALS_FIT,
        projects_table,
        status_title,
        totals_table,
    )
    from tracker.cli.status import place_name
    from tracker.cli.tables import print_table

    if where:
        print(f"地区 / place: {place_label(where)}")
    if brief:
        print(status_title(b))
    else:
        print_table(projects_table(b, place_name), PROJECTS_FIT, wide=wide)
    print(said["zh"])
    print(said["en"])
    groups = {"level": b.levels, "owner": b.owners, "place": b.places}[by]
    owners = {s.project.owner.key: s.project.owner.name_zh for s in b.statuses}
    names: dict[str, Callable[[str], str]] = {
        "level": str,
        "owner": lambda key: owners.get(key, key),
        "place": place_name,
    }
    title = {"level": "按级别 By level", "owner": "按责任单位 By owner", "place": "按地区 By place"}
    print_table(totals_table(title[by], groups, b.overall, names[by]), TOTALS_FIT, wide=wide)


def record(
    project: ProjectArgument,
    value: Annotated[
        str,
        typer.Argument(
            metavar="VALUE",
            help="Year-to-date investment completed: 6.5 (亿元), 6.5亿元, 65000万元.",
        ),
    ],
    period: Annotated[
        str, typer.Option("--period", "-p", help="The month: 2020-06, 2020年1-6月, 1-6月.")
    ],
    progress: Annotated[
        str | None, typer.Option(help="形象进度: what stands on the site, e.g. 主体封顶.")
    ] = None,
    note: Annotated[str | None, typer.Option(help="Explanation (情况说明).")] = None,
    revise: Annotated[bool, typer.Option(help="Replace the stored figure by a revision.")] = False,
    reason: Annotated[str | None, typer.Option(help="Why the figure is revised.")] = None,
    force: Annotated[
        bool, typer.Option(help="Accept a figure the typo guards doubt (a fall, a jump).")
    ] = False,
    year: Annotated[
        int | None, typer.Option(min=1900, max=2999, help="The year of 1-6月 written alone.")
    ] = None,
    by: ByOption = None,
    place: PlaceOption = None,
) -> None:
    """Record a project's year-to-date investment completed for a month (亿元)."""
    from tracker.app.projects import FigureInput, record_figure
    from tracker.domain.numbers import plain

    _revision_options(revise, reason)
    figure = FigureInput(project, period, value, progress, note, stored_place(place))
    done = record_figure(
        state.database(), figure, by=by or clock.user(), now=clock.now(), reason=reason,
        force=force, year=year,
    )  # fmt: skip
    name = done.project.name
    if done.unchanged:
        print(f"{name} {done.period} is already recorded as {plain(done.value)}亿元; nothing "
              "changed. 已录入，未作更改。")  # fmt: skip
    elif done.previous is None:
        print(f"Recorded {name} {done.period} = {plain(done.value)}亿元")
    else:
        print(
            f"Revised {name} {done.period}: {plain(done.previous)} → {plain(done.value)}亿元 "
            f"(revision {done.revision})"
        )


def _revision_options(revise: bool, reason: str | None) -> None:
    if revise and reason is None:
        fail(
            "--revise needs --reason 'what changed and why'.",
            "--revise 须附 --reason '修改内容及原因'。",
        )
    if reason is not None and not revise:
        fail(
            "--reason goes with --revise; add --revise to store a revision.",
            "--reason 须与 --revise 同用；请加 --revise 以保存修订。",
        )


def done(
    project: ProjectArgument,
    milestone: Annotated[
        str,
        typer.Argument(
            metavar="MILESTONE", help="start (开工), finish (竣工), or a milestone's name."
        ),
    ],
    date: Annotated[str, typer.Option("--date", help="The day it was met: YYYY-MM-DD.")],
    note: Annotated[str | None, typer.Option(help="Explanation (情况说明).")] = None,
    revise: Annotated[bool, typer.Option(help="Correct the day recorded.")] = False,
    reason: Annotated[str | None, typer.Option(help="Why the day is corrected.")] = None,
    year: YearOption = None,
    by: ByOption = None,
    place: PlaceOption = None,
) -> None:
    """Record that a project's milestone was met on a day (who and when are kept)."""
    from tracker.app.projects import milestone_done
    from tracker.cli.status import parse_date

    _revision_options(revise, reason)
    day = parse_date(date)
    met = milestone_done(
        state.database(), project, milestone, day, by=by or clock.user(), now=clock.now(),
        today=clock.today(), place=stored_place(place), year=year, reason=reason, note=note,
    )  # fmt: skip
    name = met.project.name
    if met.unchanged:
        print(f"{name}: {met.milestone} is already recorded as met on {met.done}; nothing "
              "changed. 已录入，未作更改。")  # fmt: skip
    elif met.previous is None:
        print(f"Recorded {name}: {met.milestone} met on {met.done}")
    else:
        print(
            f"Revised {name}: {met.milestone} met on {met.previous} → {met.done} "
            f"(revision {met.revision})"
        )


def withdraw(
    project: ProjectArgument,
    reason: Annotated[str, typer.Option(help="Why it is taken back.")],
    period: Annotated[
        str | None, typer.Option("--period", "-p", help="The month of the figure to take back.")
    ] = None,
    milestone: Annotated[
        str | None, typer.Option(help="The milestone recorded as met by mistake.")
    ] = None,
    year: YearOption = None,
    by: ByOption = None,
    place: PlaceOption = None,
) -> None:
    """Take back a figure entered for the wrong month (--period) or a milestone recorded as
    met by mistake (--milestone): it leaves every status and report, its history stays."""
    from tracker.app.projects import withdraw_figure, withdraw_milestone

    if (period is None) == (milestone is None):
        fail(
            "give --period (a figure) or --milestone (a milestone met), one of them.",
            "请给出 --period（数据）或 --milestone（里程碑）其中之一。",
        )
    who, now, where = by or clock.user(), clock.now(), stored_place(place)
    if period is not None:
        taken = withdraw_figure(
            state.database(), project, period, reason=reason, by=who, now=now, place=where,
            year=year,
        )  # fmt: skip
    else:
        assert milestone is not None
        taken = withdraw_milestone(
            state.database(), project, milestone, reason=reason, by=who, now=now, place=where
        )
    print(
        f"Withdrew {taken.project.name} {taken.what} (revision {taken.revision}); 已撤回。"
        f"`tracker projects history {taken.project.key}` shows it."
    )


def history(
    project: ProjectArgument,
    wide: Annotated[bool, typer.Option(help="Every column, however wide.")] = False,
    place: PlaceOption = None,
) -> None:
    """Every revision of a project's figures and milestones met: who, when, why."""
    from tracker.app.projects import project_history
    from tracker.cli.project_tables import HISTORY_FIT, history_table
    from tracker.cli.tables import print_table

    found, lines = project_history(state.database(), project, place=stored_place(place))
    if not lines:
        print(f"No figures or milestones recorded for {found.name} yet.")
        return
    print_table(history_table(found, lines, clock.timezone()), HISTORY_FIT, wide=wide)


def import_sheet(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="The project sheet: .xlsx, .xls, .ods or CSV.")
    ],
    year: Annotated[
        int | None,
        typer.Option(min=1900, max=2999, help="The year, when the title does not say it."),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(help="The month of the completed column, when its header names none."),
    ] = None,
    level: Annotated[
        str | None, typer.Option(help="The level of every project, without group rows.")
    ] = None,
    sheet: Annotated[str | None, typer.Option(help="The worksheet (default: the first).")] = None,
    encoding: Annotated[str | None, typer.Option(help="A CSV's encoding (gb18030...).")] = None,
    revise: Annotated[bool, typer.Option(help="Let the sheet revise stored figures.")] = False,
    reason: Annotated[str | None, typer.Option(help="Why the figures are revised.")] = None,
    force: Annotated[
        bool, typer.Option(help="Accept figures the typo guards doubt (a fall, a jump).")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check the sheet and say what it would do.")
    ] = False,
    by: ByOption = None,
    place: PlaceOption = None,
) -> None:
    """Import the office's project sheet (one row per project, group rows 一、省重点项目 as the
    level, a 合计 row): the projects, their figures for the sheet's month and their milestones
    met; all or nothing."""
    from tracker.app.project_import import import_projects

    _revision_options(revise, reason)
    config = state.config()
    done = import_projects(
        state.database(), file, owners=config.owners, places=config.places, place=place,
        by=by or clock.user(), now=clock.now(), year=year, period=period, level=level,
        reason=reason, force=force, dry_run=dry_run, sheet=sheet, encoding=encoding,
    )  # fmt: skip
    plan = done.plan
    read = plan.sheet
    units = "/".join(sorted({u for u in read.units.values() if u})) or "亿元"
    where = f" (sheet {done.sheet})" if done.sheet else ""
    where += f" (encoding {done.encoding})" if done.encoding else ""
    count = len(read.projects)
    print(
        f"Read {file.name}{where}: {count} projects, figures of {plan.period}, amounts in "
        f"{units} · 读取{count}个项目"
    )
    projects = len(plan.new_projects), len(plan.changed_projects), plan.unchanged_projects
    figures = len(plan.figures), len(plan.revised_figures), plan.unchanged_figures
    met = len(plan.milestones) + len(plan.revised_milestones)
    verb = "Would import" if dry_run else "Imported"
    print(
        f"{verb}: projects {projects[0]} new, {projects[1]} changed, {projects[2]} unchanged; "
        f"figures {figures[0]} added, {figures[1]} revised, {figures[2]} unchanged; "
        f"{met} milestones met · {'试导入，未写入' if dry_run else '已导入'}"
    )


def forms(
    period: Annotated[str, typer.Option("--period", "-p", help="The month: 2020-06, 1-6月.")],
    folder: Annotated[Path, typer.Option(help="Where to write the forms.")] = Path("forms"),
    owner: Annotated[str | None, typer.Option(help="Only this owner's form.")] = None,
    replace: Annotated[bool, typer.Option(help="Write over forms already there.")] = False,
    year: Annotated[
        int | None, typer.Option(min=1900, max=2999, help="The year of 1-6月 written alone.")
    ] = None,
    place: PlaceOption = None,
) -> None:
    """Write each owner's fill-in form of its key projects for a month (重点项目填报表); a
    filled form imports with `tracker projects import`."""
    from tracker.app.projects import write_project_forms

    written = write_project_forms(
        state.database(), period, folder, places=state.config().places,
        place=stored_place(place), owner=owner, replace=replace, year=year,
    )  # fmt: skip
    for form in written:
        print(f"{form.path}  {form.owner.name_zh}: {form.rows} projects")

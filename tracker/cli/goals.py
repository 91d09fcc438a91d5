"""``tracker goals``: the goals and their versions; ``tracker goals revise``: a new version."""

from typing import Annotated

import typer

from tracker.cli import state as clock
from tracker.cli.errors import friendly
from tracker.cli.state import state

goals_app = typer.Typer(
    help="The goals: list them (with --history KEY, a goal's versions), or revise one.",
    invoke_without_command=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(goals_app, name="goals")
    goals_app.callback()(friendly(goals))
    goals_app.command()(friendly(revise))


def goals(
    ctx: typer.Context,
    history: Annotated[
        str | None, typer.Option("--history", help="List this goal's versions (a goal key).")
    ] = None,
    year: Annotated[
        int | None, typer.Option(min=1900, max=2999, help="Only the goals of this year.")
    ] = None,
    wide: Annotated[bool, typer.Option(help="Every column, however wide.")] = False,
) -> None:
    """List the indicators and their goals; retired goals (removed from the config) are
    marked."""
    if ctx.invoked_subcommand is not None:
        return
    from tracker.app.goals import stored_goals
    from tracker.cli.tables import GOALS_FIT, goals_table, history_of_goal, print_table
    from tracker.domain.errors import NotFound

    found = [g for g in stored_goals(state.database()) if year is None or g.year == year]
    if history is not None:
        chosen = [g for g in found if g.key == history]
        if not chosen:
            keys = ", ".join(sorted({g.key for g in found})) or "none"
            raise NotFound(
                f"no goal '{history}'; the goals are: {keys}.",
                zh=f"没有目标 '{history}'；现有目标：{keys}。",
            )
        for goal in chosen:
            print_table(history_of_goal(goal, clock.timezone()))
        return
    if not found and year is not None:
        from tracker.app.goals import goal_years, no_goals_lines

        print("\n".join(no_goals_lines(year, goal_years(state.database()))))
        return
    if not found:
        print("No goals yet; run `tracker init` to load them from the config.")
        return
    print_table(goals_table(found), GOALS_FIT, wide=wide)


def revise(
    key: Annotated[str, typer.Argument(help="The goal's key, e.g. gdp.")],
    effective: Annotated[
        str, typer.Option("--effective", help="YYYY-MM-DD: the day the new target applies from.")
    ],
    reason: Annotated[str, typer.Option("--reason", help="Why the target changed.")],
    target: Annotated[
        str | None, typer.Option("--target", help="The new target: a number, or low-high.")
    ] = None,
    stretch: Annotated[str | None, typer.Option("--stretch", help="The new 力争 number.")] = None,
    tolerance: Annotated[str | None, typer.Option("--tolerance", help="The new tolerance.")] = None,
    label_zh: Annotated[str, typer.Option("--label-zh", help="The target as written.")] = "",
    label_en: Annotated[str, typer.Option("--label-en", help="The same in English.")] = "",
    year: Annotated[
        int | None,
        typer.Option(min=1900, max=2999, help="The goal's year (default: the effective date's)."),
    ] = None,
) -> None:
    """Change a goal from a date on: a new version, the old one kept (status before the date
    is unchanged)."""
    from tracker.app.goals import revise_goal
    from tracker.cli.status import parse_date
    from tracker.domain.targets import rule

    day = parse_date(effective)
    version = revise_goal(
        state.database(),
        key=key,
        effective=day,
        reason=reason,
        target=target,
        stretch=stretch,
        tolerance=tolerance,
        year=year,
        label_zh=label_zh,
        label_en=label_en,
        now=clock.now(),
    )
    done = "Corrected" if version.correction else "Revised"
    print(f"{done} {key} {version.year} from {day}: {rule(version)} ({version.reason})")

"""``tracker judge`` and ``tracker judgements``: a person's verdict on a qualitative goal."""

from typing import Annotated

import typer

from tracker.cli import state as clock
from tracker.cli.errors import fail, friendly
from tracker.cli.places import PlaceOption, stored_place
from tracker.cli.state import state


def register(app: typer.Typer) -> None:
    app.command()(friendly(judge))
    app.command()(friendly(judgements))


def judge(
    key: Annotated[str, typer.Argument(metavar="KEY", help="The qualitative goal's key.")],
    period: Annotated[
        str, typer.Option("--period", "-p", help="The period judged: 2024-06, 2024-Q2, 2024.")
    ],
    verdict: Annotated[
        str,
        typer.Option(
            help="on_track 正常, at_risk 预警, lagging 落后, achieved 已完成, missed 未完成."
        ),
    ],
    note: Annotated[str, typer.Option(help="Why, in a sentence (shown in the report).")],
    revise: Annotated[bool, typer.Option(help="Replace the period's judgement.")] = False,
    reason: Annotated[str | None, typer.Option(help="Why the judgement is revised.")] = None,
    by: Annotated[str | None, typer.Option(help="Who judges (default: the OS user).")] = None,
    place: PlaceOption = None,
) -> None:
    """Judge a qualitative goal (target = "qualitative") for a period: its status until the
    next judgement."""
    if revise != (reason is not None):
        fail(
            "--revise and --reason go together: a revision says why.",
            "--revise 与 --reason 须同时使用：修订须说明原因。",
        )
    from tracker.app.judgements import judge_goal

    done = judge_goal(
        state.database(), key=key, period=period, verdict=verdict, note=note,
        by=by or clock.user(), now=clock.now(), reason=reason, place=stored_place(place),
    )  # fmt: skip
    if done.unchanged:
        print(
            f"{done.key} {done.period} is already judged {done.verdict}; nothing changed. "
            "已评定，未作更改。"
        )
    elif done.previous is None:
        print(f"Judged {done.key} {done.period}: {done.verdict}")
    else:
        print(
            f"Revised the judgement of {done.key} {done.period}: {done.previous} → "
            f"{done.verdict} (revision {done.revision})"
        )


def judgements(
    key: Annotated[str, typer.Argument(metavar="KEY", help="The qualitative goal's key.")],
    place: PlaceOption = None,
) -> None:
    """Every judgement of a qualitative goal, each revision with who, when and why."""
    from tracker.app.judgements import judgement_history
    from tracker.cli.tables import judgements_table, print_table

    rows = judgement_history(state.database(), key, stored_place(place))
    if not rows:
        print(f"No judgements of {key} yet; `tracker judge {key} --period P --verdict V --note T`.")
        return
    print_table(judgements_table(key, rows, clock.timezone()))

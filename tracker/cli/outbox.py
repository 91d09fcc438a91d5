"""``tracker outbox [--failed]``, ``outbox retry [ID]...``, ``outbox mark-sent ID``."""

from contextlib import suppress
from typing import Annotated

import typer

from tracker.cli import state as clock
from tracker.cli.errors import friendly
from tracker.cli.state import state
from tracker.cli.text import terminal


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="The messages sent or to send, and what to do with failed ones.")
    group.callback(invoke_without_command=True)(friendly(show))
    group.command("retry")(friendly(retry))
    group.command("mark-sent")(friendly(mark_sent))
    app.add_typer(group, name="outbox")


def show(
    context: typer.Context,
    failed: Annotated[
        bool,
        typer.Option("--failed", help="Only messages that need a person: failed, uncertain."),
    ] = False,
) -> None:
    """List the outbox. An `uncertain` message needs a decision: retry ID or mark-sent ID."""
    if context.invoked_subcommand is not None:
        return
    from tracker.app.outbox import messages, settle_abandoned
    from tracker.cli.delivery_tables import decisions, outbox_table, print_table
    from tracker.delivery.channels.robot import credentials
    from tracker.domain.errors import ConfigError

    # Claims whose sender is gone become uncertain; a broken config still lists the outbox.
    hidden: list[str] = []
    with suppress(ConfigError):
        settle_abandoned(state.database(), state.config().smtp, now=clock.now())
        channels = state.config().schedule.channels.values()
        hidden = [secret for spec in channels for secret in credentials(spec)]
    rows = messages(state.database(), failed_only=failed)
    if not rows:
        print("No failed messages." if failed else "The outbox is empty.")
        return
    print_table(outbox_table(rows, clock.timezone(), hidden))
    for line in decisions(rows, hidden):
        print(line)


def retry(
    ids: Annotated[
        list[int] | None,
        typer.Argument(
            metavar="[ID]...",
            help="Messages to resend (default: every failed or waiting one, never an uncertain "
            "one).",
        ),
    ] = None,
) -> None:
    """Send failed and waiting messages now (an `uncertain` one only when named by its ID)."""
    from tracker.app.outbox import deliver_due, requeue
    from tracker.scheduling.lock import holder_name

    config = state.config()  # a bad config changes nothing
    settings, db = config.smtp, state.database()
    requeued = requeue(db, ids or (), settings=settings, now=clock.now())
    done = deliver_due(
        db,
        settings,
        clock=clock.now,
        by=holder_name().removeprefix("tracker scheduler "),
        channels=config.schedule.channels,
    )
    print(f"Requeued {len(requeued)}: {done.sent} sent, ", end="")
    print(f"{done.retrying} to retry, {done.failed} failed", end="")
    print(f", {done.uncertain} uncertain" if done.uncertain else "")
    for error in done.errors:
        print(f"  {terminal(error)}")


def mark_sent(id: Annotated[int, typer.Argument(metavar="ID", help="The message's ID.")]) -> None:
    """Record that a message reached its recipient (e.g. an `uncertain` one)."""
    from tracker.app.outbox import mark_sent as mark

    mark(state.database(), id, now=clock.now(), by=clock.user())
    print(f"Message #{id} marked sent.")

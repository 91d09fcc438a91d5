"""``tracker email test``."""

from typing import Annotated

import typer

from tracker.cli import state as clock
from tracker.cli.errors import friendly
from tracker.cli.state import state
from tracker.cli.text import terminal


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Email settings.")
    group.command("test")(friendly(send_test))
    app.add_typer(group, name="email", no_args_is_help=True)


def send_test(
    to: Annotated[str | None, typer.Option("--to", help="Recipient (default: the sender).")] = None,
) -> None:
    """Send a small test message; say exactly what failed if it fails (DNS, refused, TLS, auth)."""
    from tracker.delivery.check import send_test_message

    settings = state.config().smtp
    print(f"Sending a test message via {settings.describe()} to {to or settings.sender}")
    accepted = send_test_message(settings, to=to, now=clock.now())
    print(f"Accepted: {terminal(accepted.reply)}")

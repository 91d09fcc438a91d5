"""``tracker db upgrade``, ``tracker db current``, ``tracker db copy``."""

from typing import Annotated

import typer

from tracker.cli.errors import friendly
from tracker.cli.state import state

db_app = typer.Typer(help="The database: schema migrations, copying to another database.")


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
    db_app.command()(friendly(upgrade))
    db_app.command()(friendly(current))
    db_app.command()(friendly(copy))


def upgrade() -> None:
    """Bring the database to the current schema (creating it if it is empty)."""
    from tracker.app.admin import describe_revision as describe
    from tracker.app.admin import upgrade

    db = state.database(create=True)
    print(f"Database: {db.where()}")
    done = upgrade(db)
    if done.adopted:
        print(f"Found tables made before migrations: recorded them as {describe(done.before)}")
    if done.before == done.after:
        print(f"Already at the current schema: {describe(done.after)}")
    else:
        print(f"Upgraded from {describe(done.before)} to {describe(done.after)}")


def current() -> None:
    """Show the database's schema revision and whether it is the newest."""
    from tracker.app.admin import describe_revision as describe
    from tracker.app.admin import masked_url, schema_version
    from tracker.domain.errors import NotFound

    try:
        db = state.database()
    except NotFound:  # a database file not made yet: say so, and make none
        print(f"Database: {masked_url(state.settings().database_url)} (does not exist yet)")
        print("Revision: none (no tables yet; `tracker init` or `tracker db upgrade` makes them)")
        return
    version = schema_version(db)
    print(f"Database: {db.where()}")
    if version.effective is None:
        print("Revision: none (no tables yet; `tracker init` or `tracker db upgrade` makes them)")
        return
    if version.unversioned:
        print("Revision: none recorded (tables made before migrations; `tracker db upgrade`")
        print(f"          adopts them as {describe(version.effective)})")
    else:
        print(f"Revision: {describe(version.current)}")
    if version.up_to_date:
        print("Schema:   current")
    else:
        print(f"Schema:   behind {describe(version.head)}; run `tracker db upgrade`")


def copy(
    source: Annotated[str, typer.Option("--from", help="URL of the database to copy.")],
    target: Annotated[str, typer.Option("--to", help="URL of an empty database to fill.")],
) -> None:
    """Copy every table (goals, every revision, ...) into an empty database, verified."""
    from tracker.app.admin import copy_database, masked_url

    print(f"Copying {masked_url(source)} → {masked_url(target)}")
    digests = copy_database(source, target)
    for digest in digests:
        print(f"  {digest.table:<16} {digest.rows:>8} rows  checksum {digest.checksum[:16]}  ok")
    total = sum(d.rows for d in digests)
    print(f"Copied {total} rows in {len(digests)} tables; counts and checksums match.")

"""Alembic's environment.

``tracker.store.migrate`` runs it with an open connection in ``config.attributes``. The
``alembic`` command (for writing migrations, with the repository's alembic.ini) gives a URL
instead: ``-x url=...``, else TRACKER_DATABASE_URL.
"""

import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection
from sqlalchemy.engine import make_url

from tracker.store.db import make_engine
from tracker.store.migrate import migration_connection, migration_options
from tracker.store.schema import all_tables

DATABASE_ENV = "TRACKER_DATABASE_URL"


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=all_tables(),
        **migration_options(connection.dialect.name),
    )
    with context.begin_transaction():
        context.run_migrations()


def from_command_line() -> None:
    if context.config.config_file_name:
        fileConfig(context.config.config_file_name)
    url = context.get_x_argument(as_dictionary=True).get("url") or os.environ.get(DATABASE_ENV)
    if not url:
        raise SystemExit(f"Name the database: alembic -x url=sqlite:///... or {DATABASE_ENV}.")
    if context.is_offline_mode():
        context.configure(
            url=url,
            target_metadata=all_tables(),
            literal_binds=True,
            **migration_options(make_url(url).get_backend_name()),
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(url)
    try:
        with migration_connection(engine) as connection:
            run(connection)
    finally:
        engine.dispose()


given = context.config.attributes.get("connection")
if given is not None:
    run(given)
else:
    from_command_line()

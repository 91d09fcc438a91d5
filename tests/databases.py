"""Fresh test databases, and copies of template databases built once per session.

Running every migration, and loading the tests' config, takes a tenth of a second or more per
test and backend; copying a database built that way takes a few milliseconds. A template is
built once per session and backend by the real code:

- ``MIGRATED``: an empty database at the newest schema revision (``tracker.store.migrate``);
- ``LOADED``: that, with the tests' config loaded by ``tracker.app.goals.load_definitions_into``
  as the ``loaded`` fixture always did (``by="test"``, ``now=LOADED_AT``).

A copy is exact. On SQLite it is the template's file itself, closed first so that nothing of
it is left in a write-ahead log. On PostgreSQL, where each test has a schema of its own in the
one test database, it is the template schema as ``pg_dump`` writes it (tables, sequences and
where they stand, defaults, constraints, indexes, rows), replayed into the test's schema; the
first copy of each template is dumped again and must read the same, so a copy that differed
from its template would fail every test that uses it. Where ``pg_dump`` is missing or cannot
read the server, each copy is built by the real code instead: slower, the same database.
"""

import os
import re
import shutil
import subprocess
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL, make_url

from tracker.store.db import make_engine

MIGRATED = "migrated"
LOADED = "loaded"
LOADED_AT = datetime(2020, 1, 10, tzinfo=UTC)
SQLITE_FILE_MODE = 0o644  # the mode SQLite gives a database file it creates (less the umask)
_CREATE_SCHEMA = re.compile(r"^CREATE SCHEMA (\w+);$", re.MULTILINE)


def build(engine: Engine, kind: str, config: Path) -> None:
    """Make the template ``kind`` (MIGRATED or LOADED) in the empty database of ``engine``."""
    from tracker.store.migrate import upgrade

    upgrade(engine)
    if kind == LOADED:
        from tracker.app.database import Database
        from tracker.app.goals import load_definitions_into
        from tracker.configuration.load import load_config

        definitions = load_config(config).definitions
        load_definitions_into(Database(engine), definitions, by="test", now=LOADED_AT)


class Databases:
    """The session's test databases: ``new`` makes an empty one, ``fill`` copies a template
    into one that nothing has opened yet, ``drop`` removes one (PostgreSQL: its schema)."""

    def __init__(self, folder: Path, config: Path) -> None:
        self.folder = folder  # the SQLite templates' files
        self.config = config  # the folder LOADED loads
        self.schemas: dict[str, tuple[str, str]] = {}  # PostgreSQL: URL -> (server, schema)
        self.admins: dict[str, Engine] = {}  # PostgreSQL: the server's URL -> an engine on it
        self.dumps: dict[tuple[str, str], str | None] = {}  # (server, kind) -> pg_dump's SQL

    def new(self, backend: str, where: str) -> str:
        """The URL of an empty database: ``where`` is a folder for SQLite, the server's URL for
        PostgreSQL (raises what connecting raises when it cannot be reached)."""
        if backend == "sqlite":
            return f"sqlite:///{Path(where) / 'tracker.db'}"
        schema = f"t_{uuid.uuid4().hex[:12]}"
        self._execute(where, f"CREATE SCHEMA {schema}")
        url = _in_schema(where, schema)
        self.schemas[url] = (where, schema)
        return url

    def new_like(self, url: str, folder: Path) -> str:
        """The URL of an empty database of the backend (and server) of ``url``; a SQLite file
        goes in ``folder``."""
        if url in self.schemas:
            return self.new("postgresql", self.schemas[url][0])
        folder.mkdir(parents=True, exist_ok=True)
        return self.new("sqlite", str(folder))

    def drop(self, url: str) -> None:
        if url in self.schemas:
            server, schema = self.schemas.pop(url)
            self._execute(server, f"DROP SCHEMA {schema} CASCADE")

    def fill(self, url: str, kind: str) -> None:
        """Make the database at ``url``, new and never opened, a copy of the template ``kind``."""
        if url.startswith("sqlite"):
            target = Path(make_url(url).database or "")
            try:  # made as SQLite makes a database file: its mode, less the umask
                made = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, SQLITE_FILE_MODE)
            except FileExistsError:
                raise RuntimeError(
                    f"{target} was opened before the template was copied to it"
                ) from None
            with open(made, "wb") as copy, self._sqlite_template(kind).open("rb") as original:
                shutil.copyfileobj(original, copy)
            return
        server, schema = self.schemas[url]
        if (server, kind) not in self.dumps:
            self.dumps[server, kind] = self._dump(server, kind)
        script = self.dumps[server, kind]
        if script is None:
            engine = make_engine(url)
            try:
                build(engine, kind, self.config)
            finally:
                engine.dispose()
        else:
            self._replay(server, script, schema)

    def close(self) -> None:
        for (server, _kind), script in self.dumps.items():
            if script is not None:
                self._execute(server, f"DROP SCHEMA {_template_schema(script)} CASCADE")
        for admin in self.admins.values():
            admin.dispose()

    def _sqlite_template(self, kind: str) -> Path:
        path = self.folder / f"{kind}.db"
        if not path.exists():
            engine = make_engine(f"sqlite:///{path}")
            try:
                build(engine, kind, self.config)
            finally:
                engine.dispose()  # the last connection to close writes the log into the file
            log = path.with_name(path.name + "-wal")
            assert not log.exists() or log.stat().st_size == 0, f"{log} was left behind"
        return path

    def _dump(self, server: str, kind: str) -> str | None:
        """The template ``kind`` built in a schema of its own on ``server`` and written out by
        pg_dump, once copied and dumped again to prove the copy the same; None (and no
        template) where pg_dump cannot be used."""
        template = f"tracker_template_{uuid.uuid4().hex[:12]}"
        self._execute(server, f"CREATE SCHEMA {template}")
        try:
            engine = make_engine(_in_schema(server, template))
            try:
                build(engine, kind, self.config)
            finally:
                engine.dispose()
            script = _pg_dump(server, template)
            if script is not None:
                self._check(server, script, kind)
        except BaseException:
            self._execute(server, f"DROP SCHEMA {template} CASCADE")
            raise
        if script is None:
            self._execute(server, f"DROP SCHEMA {template} CASCADE")
        return script

    def _check(self, server: str, script: str, kind: str) -> None:
        """Raises AssertionError unless a copy of the template dumps as the template does."""
        check = self.new("postgresql", server)
        copy = self.schemas[check][1]
        try:
            self._replay(server, script, copy)
            copied = _pg_dump(server, copy) or ""
        finally:
            self.drop(check)
        if copied.replace(copy, "SCHEMA") != script.replace(_template_schema(script), "SCHEMA"):
            raise AssertionError(f"a copy of the {kind} template differs from it:\n{copied}")

    def _replay(self, server: str, script: str, schema: str) -> None:
        sql = _CREATE_SCHEMA.sub("", script, count=1).replace(_template_schema(script), schema)
        with self._admin(server).begin() as conn:
            # pg_dump's SET lines hold for the session: RESET ALL undoes them for the pool
            conn.connection.driver_connection.execute(sql + "\nRESET ALL;")  # type: ignore[union-attr]

    def _execute(self, server: str, statement: str) -> None:
        with self._admin(server).begin() as conn:
            conn.exec_driver_sql(statement)

    def _admin(self, server: str) -> Engine:
        if server not in self.admins:
            self.admins[server] = make_engine(server)
        return self.admins[server]


def _in_schema(server: str, schema: str) -> str:
    """The URL of ``server`` whose connections see ``schema`` only."""
    sep = "&" if "?" in server else "?"
    return f"{server}{sep}options=-csearch_path%3D{schema}"


def _template_schema(script: str) -> str:
    found = _CREATE_SCHEMA.search(script)
    assert found is not None, "pg_dump wrote no CREATE SCHEMA"
    return found.group(1)


def _pg_dump(server: str, schema: str) -> str | None:
    """The schema ``schema`` (tables, sequences, rows as INSERTs) as plain SQL without psql's
    own commands, or None where pg_dump is missing or fails (an older pg_dump than the server,
    no right to read it)."""
    program = shutil.which("pg_dump")
    if program is None:
        return None
    url = make_url(server)  # as libpq reads it, the password apart
    target = URL.create(
        "postgresql", url.username, None, url.host, url.port, url.database, url.query
    ).render_as_string()
    env = {**os.environ, "PGPASSWORD": url.password or ""}
    rows = "--rows-per-insert=1000"  # one INSERT a table: quicker to replay than one a row
    arguments = ["--no-owner", "--no-privileges", rows, f"--schema={schema}", target]
    done = subprocess.run(
        [program, *arguments], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    if done.returncode != 0:
        return None
    # \restrict and \unrestrict (pg_dump since 15.14) are psql's, not SQL
    return "\n".join(line for line in done.stdout.splitlines() if not line.startswith("\\"))

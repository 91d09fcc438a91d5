"""What the global options chose, and the things built from it on demand."""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.app.database import Database
    from tracker.configuration.load import Config
    from tracker.configuration.settings import Settings


@dataclass
class State:
    database_url: str | None = None
    config_dir: Path | None = None
    debug: bool = False
    loaded: Config | None = None  # the config, read once per command
    databases: dict[str, Database] = field(default_factory=dict)  # opened during this command

    def settings(self) -> Settings:
        from tracker.configuration.settings import load_settings

        return load_settings(database_url=self.database_url, config_dir=self.config_dir)

    def config(self) -> Config:
        """The config folder's settings, read once per command. A folder named by --config or
        TRACKER_CONFIG_DIR must exist; without one, a missing own folder means the defaults
        (docs/configuration.md)."""
        from tracker.configuration.load import default_config, load_config

        if self.loaded is None:
            settings = self.settings()
            if settings.config_named or settings.config_dir.is_dir():
                self.loaded = load_config(settings.config_dir)
            else:
                self.loaded = default_config()
        return self.loaded

    def database(self, *, create: bool = False) -> Database:
        """The chosen database: opened once per command, closed by ``close``. Only the commands
        that make a database (``init``, ``db upgrade``) pass ``create``; for the others a
        database file that does not exist is an error, not a new empty file."""
        from tracker.app.database import Database

        url = self.settings().database_url
        if url not in self.databases:
            self.databases[url] = Database.open(url, create=create)
        return self.databases[url]

    def close(self) -> None:
        """Close the command's database connections (PostgreSQL keeps them open otherwise)."""
        self.loaded = None
        while self.databases:
            self.databases.popitem()[1].close()


state = State()


def now() -> datetime:
    return datetime.now(UTC)


def timezone() -> str:
    """The configured time zone ([general] timezone), for "today" and the times shown."""
    return state.config().timezone


def today() -> date:
    return datetime.now(state.config().zone).date()


def user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"

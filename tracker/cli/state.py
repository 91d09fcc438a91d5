"""What the global options chose, and the things built from it on demand."""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from tracker.configuration.settings import Settings

TIMEZONE = "Asia/Shanghai"


@dataclass
class State:
    database_url: str | None = None
    config_dir: Path | None = None
    debug: bool = False
    engines: dict[str, Engine] = field(default_factory=dict)  # made during this command

    def settings(self) -> Settings:
        from tracker.configuration.settings import load_settings

        return load_settings(database_url=self.database_url, config_dir=self.config_dir)

    def engine(self) -> Engine:
        """The engine for the chosen database: one per command, closed by ``close``."""
        from tracker.database import open_engine

        url = self.settings().database_url
        if url not in self.engines:
            self.engines[url] = open_engine(url)
        return self.engines[url]

    def close(self) -> None:
        """Close the command's database connections (PostgreSQL keeps them open otherwise)."""
        while self.engines:
            self.engines.popitem()[1].dispose()


state = State()


def now() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(TIMEZONE)).date()


def user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"

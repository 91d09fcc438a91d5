"""What the global options chose, and the things built from it on demand."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
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
    _engine: Engine | None = None

    def settings(self) -> Settings:
        from tracker.configuration.settings import load_settings

        return load_settings(database_url=self.database_url, config_dir=self.config_dir)

    def engine(self) -> Engine:
        """The command's engine, made on first use; ``close`` releases its connections."""
        if self._engine is None:
            from tracker.store.db import make_engine

            self._engine = make_engine(self.settings().database_url)
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


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

"""Where things live: the database URL, the config folder, the reports archive.

Each comes from an option, else the environment, else the user's own folders: the data folder
(``$XDG_DATA_HOME/tracker``, else ``~/.local/share/tracker``) holds the database and the
reports archive, whatever folder a command is run from."""

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DATABASE_ENV = "TRACKER_DATABASE_URL"
CONFIG_ENV = "TRACKER_CONFIG_DIR"
REPORTS_ENV = "TRACKER_REPORTS_DIR"


@dataclass(frozen=True)
class Settings:
    database_url: str
    config_dir: Path
    reports_dir: Path
    config_named: bool = False  # the folder came from --config or TRACKER_CONFIG_DIR
    database_named: bool = False  # the URL came from --db or TRACKER_DATABASE_URL


def load_settings(
    *,
    database_url: str | None = None,
    config_dir: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Settings:
    """Options win over the environment, which wins over the defaults."""
    env = os.environ if env is None else env
    named = config_dir or (Path(env[CONFIG_ENV]) if env.get(CONFIG_ENV) else None)
    url = database_url or env.get(DATABASE_ENV)
    return Settings(
        database_url=url or default_database_url(env),
        config_dir=named or user_config_dir(env),
        reports_dir=Path(env[REPORTS_ENV]) if env.get(REPORTS_ENV) else data_dir(env) / "reports",
        config_named=named is not None,
        database_named=bool(url),
    )


def default_database_url(env: Mapping[str, str]) -> str:
    """A SQLite file in the user's data directory (XDG_DATA_HOME, else ~/.local/share)."""
    return f"sqlite:///{data_dir(env) / 'tracker.db'}"


def demo_database_url(env: Mapping[str, str]) -> str:
    """The demo's own SQLite file beside the default one, so that ``tracker init --demo``
    without --db never loads the demo into a place's database."""
    return f"sqlite:///{data_dir(env) / 'demo.db'}"


def data_dir(env: Mapping[str, str]) -> Path:
    """tracker's folder in the user's data directory: XDG_DATA_HOME/tracker, else
    ~/.local/share/tracker."""
    return Path(env.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "tracker"


def user_config_dir(env: Mapping[str, str]) -> Path:
    """The user's own config folder: XDG_CONFIG_HOME/tracker, else ~/.config/tracker."""
    return Path(env.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "tracker"


def demo_config_dir() -> Path:
    """The demo district's config (the repository's ``config/``, packaged as
    ``tracker/defaults``): loaded only by ``tracker init --demo``."""
    return (Path(__file__).resolve().parent.parent / "defaults").resolve()

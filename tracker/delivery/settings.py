"""SMTP settings: ``[smtp]`` in ``tracker.toml``, each overridden by the environment.

Read and checked by ``tracker.configuration.load`` (see ``tracker.configuration.smtp``); the
password is kept out of ``repr`` and of every message.
"""

from collections.abc import Mapping
from pathlib import Path

from tracker.configuration.smtp import DEFAULT_PORTS, ENV, PASSWORD_ENV, SECURITY, SmtpSettings

__all__ = ["DEFAULT_PORTS", "ENV", "PASSWORD_ENV", "SECURITY", "SmtpSettings", "load_smtp_settings"]


def load_smtp_settings(config_dir: Path, env: Mapping[str, str] | None = None) -> SmtpSettings:
    """The SMTP settings of a config folder with ``env``'s overrides (default: os.environ);
    ConfigError lists every problem of the folder."""
    from tracker.configuration.load import load_config

    return load_config(config_dir, env=env).smtp

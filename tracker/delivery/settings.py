"""SMTP settings: ``[smtp]`` in ``config/tracker.toml``, each overridden by the environment.

The password never comes from a committed file: it is read from TRACKER_SMTP_PASSWORD, or from
the file named by ``password_file``. It is kept out of ``repr`` and of every message.
"""

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.utils import parseaddr
from pathlib import Path
from typing import Any

from tracker.configuration.files import read_toml
from tracker.domain.errors import ConfigError

SECURITY = ("starttls", "tls", "none")
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}
ENV = {
    "host": "TRACKER_SMTP_HOST",
    "port": "TRACKER_SMTP_PORT",
    "user": "TRACKER_SMTP_USER",
    "security": "TRACKER_SMTP_SECURITY",
    "from": "TRACKER_SMTP_FROM",
}
PASSWORD_ENV = "TRACKER_SMTP_PASSWORD"


@dataclass(frozen=True)
class SmtpSettings:
    host: str = "localhost"
    port: int = 587
    security: str = "starttls"
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    sender: str = "tracker <tracker@localhost>"
    timeout: float = 30.0
    ca_file: Path | None = None  # a private CA to trust besides the system's
    max_attempts: int = 5  # transient failures are retried this many times in all
    retry_seconds: int = 60  # the first retry's delay; each next one doubles

    @property
    def sender_address(self) -> str:
        return parseaddr(self.sender)[1]

    @property
    def sender_domain(self) -> str:
        return self.sender_address.rpartition("@")[2] or "localhost"

    def describe(self) -> str:
        """Where mail goes, for people (never the password)."""
        who = f" as {self.user}" if self.user else ""
        return f"{self.host}:{self.port} ({self.security}){who}, from {self.sender}"


def load_smtp_settings(config_dir: Path, env: Mapping[str, str] | None = None) -> SmtpSettings:
    env = os.environ if env is None else env
    path = config_dir / "tracker.toml"
    table = _smtp_table(path)
    where = f"{path} [smtp]"
    if "password" in table:
        raise ConfigError(
            f"{where}: remove 'password'; set TRACKER_SMTP_PASSWORD or password_file = PATH"
        )
    values: dict[str, Any] = {k: table[k] for k in ("host", "port", "user", "from") if k in table}
    values["security"] = table.get("security", "starttls")
    for key, name in ENV.items():
        if env.get(name):
            values[key] = env[name]
    security = str(values["security"]).lower()
    if security not in SECURITY:
        raise ConfigError(f"SMTP security '{security}' is unknown; use one of: starttls, tls, none")
    port = _port(values.get("port", DEFAULT_PORTS[security]))
    sender = str(values.get("from", SmtpSettings.sender))
    if "@" not in parseaddr(sender)[1] or not parseaddr(sender)[1].isascii():
        raise ConfigError(
            f"{where}: 'from' = {sender!r} has no email address in ASCII; set it or "
            "TRACKER_SMTP_FROM (a name in Chinese is fine: '区统计局 <stats@example.gov.cn>')"
        )
    ca_file = table.get("ca_file")
    return SmtpSettings(
        host=str(values.get("host", "localhost")),
        port=port,
        security=security,
        user=str(values["user"]) if values.get("user") else None,
        password=_password(table, env, config_dir, where),
        sender=sender,
        timeout=_bounded(table, "timeout", 30, 1, 600, where),
        ca_file=(config_dir / str(ca_file)) if ca_file else None,
        max_attempts=int(_bounded(table, "max_attempts", 5, 1, 20, where)),
        retry_seconds=int(_bounded(table, "retry_seconds", 60, 1, 86400, where)),
    )


def _bounded(
    table: dict[str, Any], name: str, default: int, low: int, high: int, where: str
) -> float:
    """A number of the [smtp] table, checked against its sensible range."""
    value = table.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise ConfigError(f"{where}: '{name}' = {value!r} must be a number from {low} to {high}")
    return float(value)


def _smtp_table(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    table = read_toml(path).get("smtp", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [smtp] must be a table")
    return table


def _port(value: object) -> int:
    try:
        port = int(str(value))
    except ValueError:
        port = 0
    if not 0 < port < 65536:
        raise ConfigError(f"SMTP port {value!r} is not a port number (1 to 65535)")
    return port


def _password(
    table: dict[str, Any], env: Mapping[str, str], config_dir: Path, where: str
) -> str | None:
    if env.get(PASSWORD_ENV):
        return env[PASSWORD_ENV]
    name = table.get("password_file")
    if not name:
        return None
    path = config_dir / str(name)
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError as e:
        raise ConfigError(f"{where}: password_file {path} cannot be read ({e.strerror})") from None

"""SMTP settings: ``[smtp]`` in ``tracker.toml``, each overridden by the environment.

The password never comes from a committed file: it is read from TRACKER_SMTP_PASSWORD, or from
the file named by ``password_file``. It is kept out of ``repr`` and of every message.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from email.utils import parseaddr
from pathlib import Path
from typing import Any

from tracker.configuration.problems import Problems, Source, control_character

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
SMTP_KEYS = (
    "host", "port", "security", "user", "from", "timeout", "max_attempts", "retry_seconds",
    "ca_file", "password_file", "ehlo_name",
)  # fmt: skip
# A host name (letters, digits, '-' between them, labels joined by dots) or an address
# literal, [192.0.2.1] or [IPv6:2001:db8::1] (RFC 5321, section 4.1.3).
_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how mail is sent (the defaults: a local relay with STARTTLS on port 587)."""

    host: str = "localhost"
    port: int = 587
    security: str = "starttls"
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    sender: str = "tracker <tracker@localhost>"
    timeout: float = 30.0  # seconds
    ca_file: Path | None = None  # a private CA to trust besides the system's
    max_attempts: int = 5  # transient failures are retried this many times in all
    retry_seconds: int = 60  # the first retry's delay; each next one doubles
    ehlo_name: str | None = None  # the name given in EHLO; None: this machine's (getfqdn)

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


Fail = Callable[[str, str | None], None]


def smtp_settings(
    source: Source, problems: Problems, folder: Path, env: Mapping[str, str]
) -> SmtpSettings:
    """The ``[smtp]`` table of ``source`` (tracker.toml) with the environment's overrides;
    relative paths (``ca_file``, ``password_file``) are relative to ``folder``."""
    table = source.data.get("smtp", {})
    if not isinstance(table, dict):
        problems.add(source, "[smtp] must be a table", key="smtp")
        table = {}

    def fail(message: str, key: str | None = None) -> None:
        if key in ENV and env.get(ENV[key]):  # the value came from the environment
            problems.add_plain(message)
        else:
            problems.add(source, f"[smtp] {message}", table="smtp", key=key)

    if "password" in table:
        fail("remove 'password'; set TRACKER_SMTP_PASSWORD or password_file = PATH", "password")
    problems.unknown_keys(
        source, "smtp", {k: v for k, v in table.items() if k != "password"}, SMTP_KEYS
    )
    values = _values(table, env)
    security = _security(values, fail)
    port = _port(values.get("port", DEFAULT_PORTS[security]))
    if port is None:
        fail(f"SMTP port {values.get('port')!r} is not a port number (1 to 65535)", "port")
    sender = _sender(values, fail)
    ca_file = table.get("ca_file")
    host = str(values.get("host", "localhost"))
    password = _password(table, env, folder, fail)
    if security == "none" and password and not _loopback(host):
        fail(
            f'security = "none" would send the password in clear text to {host}; use '
            '"starttls" or "tls", or "none" only with a relay on this machine (localhost)',
            "security",
        )
    ehlo_name = _ehlo_name(table, fail)
    return SmtpSettings(
        host=host,
        port=port or DEFAULT_PORTS[security],
        security=security,
        user=str(values["user"]) if values.get("user") else None,
        password=password,
        sender=sender,
        timeout=_bounded(table, "timeout", 30, 1, 600, fail),
        ca_file=(folder / str(ca_file)) if ca_file else None,
        max_attempts=int(_bounded(table, "max_attempts", 5, 1, 20, fail)),
        retry_seconds=int(_bounded(table, "retry_seconds", 60, 1, 86400, fail)),
        ehlo_name=ehlo_name,
    )


def _values(table: dict[str, Any], env: Mapping[str, str]) -> dict[str, Any]:
    """host, port, user, from and security as written, each overridden by its TRACKER_SMTP_*
    variable when that is set."""
    values: dict[str, Any] = {k: table[k] for k in ("host", "port", "user", "from") if k in table}
    values["security"] = table.get("security", "starttls")
    for key, name in ENV.items():
        if env.get(name):
            values[key] = env[name]
    return values


def _security(values: dict[str, Any], fail: Fail) -> str:
    """starttls, tls or none (starttls, with a problem, for anything else)."""
    security = str(values["security"]).lower()
    if security not in SECURITY:
        fail(f"SMTP security '{security}' is unknown; use one of: starttls, tls, none", "security")
        return "starttls"
    return security


def _sender(values: dict[str, Any], fail: Fail) -> str:
    """``from``: one line holding an address in ASCII (a name in Chinese is fine)."""
    sender = str(values.get("from", SmtpSettings.sender))
    if control_character(sender):
        fail(
            f"'from' = {sender!r} contains the control character {control_character(sender)}; "
            "write the sender on one line",
            "from",
        )
    elif "@" not in parseaddr(sender)[1] or not parseaddr(sender)[1].isascii():
        fail(
            f"'from' = {sender!r} has no email address in ASCII; set it or "
            "TRACKER_SMTP_FROM (a name in Chinese is fine: '区统计局 <stats@example.gov.cn>')",
            "from",
        )
    return sender


def _ehlo_name(table: dict[str, Any], fail: Fail) -> str | None:
    """``ehlo_name`` when it is one (``ehlo_name_problem``), else None."""
    ehlo_name = table.get("ehlo_name")
    if ehlo_name is None:
        return None
    problem = ehlo_name_problem(ehlo_name)
    if problem:
        fail(f"'ehlo_name' = {ehlo_name!r} {problem}", "ehlo_name")
        return None
    return str(ehlo_name)


def ehlo_name_problem(value: object) -> str:
    """Why ``value`` cannot be the name given in EHLO ("is not text", ...), or "" when it can:
    a fully qualified host name such as ``tracker.stats.example.gov.cn``, or an address
    literal such as ``[192.0.2.1]`` (RFC 5321, sections 2.3.5 and 4.1.3)."""
    import ipaddress

    fix = (
        "; write this machine's host name as the mail server knows it (e.g. "
        "tracker.stats.example.gov.cn) or its address in brackets ([192.0.2.1])"
    )
    if not isinstance(value, str):
        return "is not text" + fix
    if value.startswith("[") and value.endswith("]"):
        literal = value[1:-1]
        ipv6 = literal[:5].lower() == "ipv6:"
        try:
            address = ipaddress.ip_address(literal[5:] if ipv6 else literal)
        except ValueError:
            return "is not an address literal" + fix
        return "" if (address.version == 6) == ipv6 else "is not an address literal" + fix
    labels = value.removesuffix(".").split(".")
    if len(value) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        return "is not a host name (letters, digits and '-', parts joined by dots)" + fix
    if len(labels) < 2:
        return "is not a fully qualified host name (it has no dot)" + fix
    return ""


def _bounded(
    table: dict[str, Any], name: str, default: int, low: int, high: int, fail: Fail
) -> float:
    """A number of the [smtp] table, checked against its sensible range."""
    value = table.get(name, default)
    number = isinstance(value, int | float | Decimal) and not isinstance(value, bool)
    if not number or not low <= value <= high:
        fail(f"'{name}' = {value!r} must be a number from {low} to {high}", name)
        return float(default)
    return float(value)


def _loopback(host: str) -> bool:
    """Whether ``host`` is this machine (localhost, 127.0.0.0/8, ::1): no network to cross."""
    import ipaddress

    if host.strip().rstrip(".").lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _port(value: object) -> int | None:
    try:
        port = int(str(value))
    except ValueError:
        return None
    return port if 0 < port < 65536 else None


def _password(
    table: dict[str, Any], env: Mapping[str, str], folder: Path, fail: Fail
) -> str | None:
    if env.get(PASSWORD_ENV):
        return env[PASSWORD_ENV]
    name = table.get("password_file")
    if not name:
        return None
    path = folder / str(name)
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError as e:
        fail(f"password_file {path} cannot be read ({e.strerror})", "password_file")
        return None

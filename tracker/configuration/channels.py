"""``[channels.NAME]`` of ``recipients.toml``: where a report's summary goes besides email.

    [channels.leaders-wecom]          # a WeCom (企业微信) group robot
    kind = "wecom"
    webhook = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=..."

    [channels.leaders-dingtalk]       # a DingTalk (钉钉) group robot, signed ("加签")
    kind = "dingtalk"
    webhook = "https://oapi.dingtalk.com/robot/send?access_token=..."
    secret_env = "TRACKER_DINGTALK_SECRET"   # or secret = "SEC..."

    [channels.office]                 # email: a named set of addresses
    kind = "email"
    addresses = ["区政府办公室 <office@example.gov.cn>"]

A list of ``[lists]`` or a job's ``recipients`` names a channel by its name. A webhook must be
https on the service's own host; ``TRACKER_WEBHOOK_ALLOW_LOOPBACK=1`` (a testing aid) also
accepts ``http://127.0.0.1:PORT/...``, so that tests can run local servers in its place. The
webhook holds the robot's key and is never shown whole: messages name the channel instead.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tracker.configuration.addresses import valid_address
from tracker.configuration.problems import Problems, Source, control_character, name_problem

EMAIL, WECOM, DINGTALK = "email", "wecom", "dingtalk"
CHANNEL_KINDS = (EMAIL, WECOM, DINGTALK)
HOSTS = {WECOM: "qyapi.weixin.qq.com", DINGTALK: "oapi.dingtalk.com"}
TOKENS = {WECOM: "key", DINGTALK: "access_token"}  # the query parameter naming the robot
KEYS = {
    EMAIL: ("kind", "addresses"),
    WECOM: ("kind", "webhook", "timeout"),
    DINGTALK: ("kind", "webhook", "secret", "secret_env", "timeout"),
}
LOOPBACK_ENV = "TRACKER_WEBHOOK_ALLOW_LOOPBACK"
DEFAULT_TIMEOUT = 10.0  # seconds, for each step of a robot's request
NAME_LIMIT = 64  # a channel's name is the recipient of its messages in the outbox


@dataclass(frozen=True)
class ChannelSpec:
    """One ``[channels.NAME]`` table, checked. ``webhook`` and ``secret`` are kept out of
    ``repr`` (the webhook's query is the robot's key); ``addresses`` is for kind email."""

    name: str
    kind: str  # email, wecom or dingtalk
    webhook: str = field(default="", repr=False)
    secret: str | None = field(default=None, repr=False)  # DingTalk's signing secret
    addresses: tuple[str, ...] = ()
    timeout: float = DEFAULT_TIMEOUT  # seconds, connect to the last byte of the reply

    @property
    def host(self) -> str:
        """Where the robot's messages go, without its key: for people and errors."""
        return urlsplit(self.webhook).netloc


Channels = Mapping[str, ChannelSpec]
NO_CHANNELS: Channels = MappingProxyType({})


def webhook_problem(kind: str, url: str, env: Mapping[str, str]) -> str | None:
    """Why ``url`` cannot be the webhook of a ``kind`` robot, or None: it must be https on the
    service's host (http://127.0.0.1 too when ``TRACKER_WEBHOOK_ALLOW_LOOPBACK=1``) and name
    the robot (``key=`` for WeCom, ``access_token=`` for DingTalk)."""
    host, token = HOSTS[kind], TOKENS[kind]
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return f"is not a URL; copy the robot's webhook, https://{host}/...?{token}=..."
    loopback = env.get(LOOPBACK_ENV) == "1" and parts.hostname == "127.0.0.1"
    if loopback and parts.scheme in ("http", "https"):
        pass
    elif parts.scheme != "https":
        return f"must begin with https:// (the robot's webhook is https://{host}/...)"
    elif parts.hostname != host or parts.username or parts.password or port not in (None, 443):
        return f"must be on {host} (the {kind} robot's own host), not {parts.hostname or '?'}"
    if not parse_qs(parts.query).get(token):
        return f"has no {token}=...: copy the robot's whole webhook"
    return None


def channels(source: Source, problems: Problems, env: Mapping[str, str]) -> Channels:
    """The ``[channels]`` tables of ``source`` (recipients.toml), each checked. A channel
    with a problem (recorded at its line) is kept as a name without a webhook, so that the
    lists and jobs naming it are not refused a second time: with a problem recorded, the
    config never loads."""
    tables = source.data.get("channels", {})
    if not isinstance(tables, dict):
        problems.add(source, "[channels] must hold [channels.NAME] tables", key="channels")
        return NO_CHANNELS
    found = {}
    for name, table in tables.items():
        spec = _channel(source, problems, name, table, env)
        kind = table.get("kind") if isinstance(table, dict) else None
        found[name] = spec or ChannelSpec(name, kind if kind in CHANNEL_KINDS else DINGTALK)
    return MappingProxyType(found)


def _channel(
    source: Source, problems: Problems, name: str, table: Any, env: Mapping[str, str]
) -> ChannelSpec | None:
    where = f"channels.{name}"
    bad_name = name_problem(name) or ("may not contain @" if "@" in name else None)
    if len(name) > NAME_LIMIT:
        bad_name = f"is longer than {NAME_LIMIT} characters"
    if bad_name:
        problems.add(source, f"[channels.{name!r}] the name {bad_name}", table=where)
        return None
    if not isinstance(table, dict):
        problems.add(source, f"[{where}] must be a table", table="channels", key=name)
        return None
    before = len(problems.found)

    def fail(key: str | None, value: object, message: str) -> None:
        problems.add(source, f"[{where}] {message}", table=where, key=key, value=value)

    kind = table.get("kind")
    if kind not in CHANNEL_KINDS:
        fail("kind", kind, f"kind {kind!r} is unknown; use wecom, dingtalk or email")
        return None
    problems.unknown_keys(source, where, table, KEYS[kind])
    if kind == EMAIL:
        return _email(source, problems, name, table, before)
    webhook = table.get("webhook")
    if not isinstance(webhook, str) or not webhook:
        fail(None, None, f'needs webhook = "https://{HOSTS[kind]}/...": the robot\'s webhook')
    else:
        problem = (
            "has a control character"
            if control_character(webhook)
            else webhook_problem(str(kind), webhook, env)
        )
        if problem:
            fail("webhook", None, f"webhook {problem}")
    timeout = table.get("timeout", DEFAULT_TIMEOUT)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not 1 <= timeout <= 120:
        fail("timeout", timeout, "timeout must be a number of seconds from 1 to 120")
        timeout = DEFAULT_TIMEOUT
    secret = _secret(table, env, fail) if kind == DINGTALK else None
    if len(problems.found) > before:
        return None
    return ChannelSpec(
        name=name, kind=kind, webhook=str(webhook), secret=secret, timeout=float(timeout)
    )


def _secret(table: dict[str, Any], env: Mapping[str, str], fail: Any) -> str | None:
    """DingTalk's signing secret, from ``secret`` or the variable named by ``secret_env``."""
    secret, variable = table.get("secret"), table.get("secret_env")
    if secret is not None and variable is not None:
        fail("secret_env", None, "write secret or secret_env, not both")
        return None
    if variable is not None:
        if not isinstance(variable, str) or not variable:
            fail("secret_env", None, "secret_env must name an environment variable")
            return None
        secret = env.get(variable)
        if not secret:
            fail("secret_env", None, f"the environment variable {variable} is not set")
            return None
    if not isinstance(secret, str) or not secret:
        fail(
            None,
            None,
            'needs the robot\'s signing secret ("加签"): secret_env = "VARIABLE" (or '
            'secret = "SEC..."); tracker signs every message with it',
        )
        return None
    if control_character(secret) or not secret.isascii():
        fail("secret", None, "the secret must be the robot's ASCII secret, SEC...")
        return None
    return secret


def _email(
    source: Source, problems: Problems, name: str, table: dict[str, Any], before: int
) -> ChannelSpec | None:
    where = f"channels.{name}"
    addresses = table.get("addresses")
    addresses = [addresses] if isinstance(addresses, str) else addresses
    if not isinstance(addresses, list) or not addresses:
        problems.add(
            source,
            f'[{where}] an email channel needs addresses = ["name@domain", ...]',
            table=where,
        )
        return None
    for address in addresses:
        if not isinstance(address, str) or not valid_address(address):
            problems.add(
                source,
                f"[{where}] {address!r} is not an email address; write name@domain "
                "or 'Name <name@domain>' (the address in ASCII)",
                table=where,
                key="addresses",
                value=address,
            )
    if len(problems.found) > before:
        return None
    return ChannelSpec(name=name, kind=EMAIL, addresses=tuple(addresses))

"""``recipients.toml``: the named lists of addresses, the owners' addresses for reminders and
the channels (``tracker.configuration.channels``), each address checked with its line.

    [lists]
    leadership = ["区领导 <leadership@example.gov.cn>", "leaders-wecom"]

    [owners]
    stats = ["区统计局 <stats@example.gov.cn>"]
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from tracker.configuration.addresses import valid_address
from tracker.configuration.channels import NO_CHANNELS, Channels
from tracker.configuration.channels import channels as read_channels
from tracker.configuration.problems import Problems, Source, close_hint

Addresses = Mapping[str, tuple[str, ...]]
NO_ADDRESSES: Addresses = MappingProxyType({})


@dataclass(frozen=True)
class Recipients:
    """What recipients.toml names: ``lists`` (name → addresses and channel names), ``owners``
    (owner key → addresses, for reminders) and ``channels``."""

    lists: Addresses = field(default_factory=lambda: NO_ADDRESSES)
    owners: Addresses = field(default_factory=lambda: NO_ADDRESSES)
    channels: Channels = field(default_factory=lambda: NO_CHANNELS)


def recipients(
    source: Source,
    problems: Problems,
    owner_keys: set[str] | None,
    env: Mapping[str, str] | None = None,
) -> Recipients:
    """The named lists, the owners' addresses and the channels of ``recipients.toml``, each
    address and channel checked; a list may name channels among its addresses.
    ``owner_keys``: the keys of owners.toml, None when it could not be read; ``env``: where a
    channel's ``secret_env`` is read (default: none)."""
    problems.unknown_keys(source, "", source.data, ("lists", "owners", "channels"))
    channels = read_channels(source, problems, env or {})
    lists = {
        key: _addresses(source, problems, "lists", key, addresses, channels)
        for key, addresses in _section(source, problems, "lists").items()
        if _list_name(source, problems, key)
    }
    owners = {
        key: _addresses(source, problems, "owners", key, addresses)
        for key, addresses in _section(source, problems, "owners").items()
        if _owner_key(source, problems, key, owner_keys)
    }
    return Recipients(MappingProxyType(lists), MappingProxyType(owners), channels)


def _section(source: Source, problems: Problems, name: str) -> dict[str, Any]:
    """The ``[lists]`` or ``[owners]`` table ({} with a problem when it is not a table)."""
    tables = source.data.get(name, {})
    if not isinstance(tables, dict):
        problems.add(source, f"[{name}] must be a table of address lists", key=name)
        return {}
    return tables


def _list_name(source: Source, problems: Problems, key: str) -> bool:
    """Whether a list's name is its own: not also a channel's."""
    if key not in source.data.get("channels", {}):
        return True
    message = f"list '{key}' has the name of a channel; give one of them another name"
    problems.add(source, message, table="lists", key=key)
    return False


def _owner_key(source: Source, problems: Problems, key: str, owner_keys: set[str] | None) -> bool:
    """Whether ``[owners] KEY`` names an owner of owners.toml (unknown when it was unread)."""
    if owner_keys is None or key in owner_keys:
        return True
    hint = close_hint(key, owner_keys)
    message = f"owner '{key}' is not defined in owners.toml; {hint}"
    problems.add(source, message, table="owners", key=key)
    return False


def _addresses(
    source: Source,
    problems: Problems,
    section: str,
    key: str,
    addresses: Any,
    channels: Channels = NO_CHANNELS,
) -> tuple[str, ...]:
    """The addresses of one list, each checked; ``channels``: the channel names it may hold
    (kept as they are, by name)."""
    where = f"{section}.{key}"
    if isinstance(addresses, str):
        addresses = [addresses]
    if not isinstance(addresses, list):
        problems.add(source, f"{where} must be a list of addresses", table=section, key=key)
        return ()
    good = []
    for address in addresses:
        problem = _address_problem(address, section, channels)
        if problem is None:
            good.append(address)
        else:
            problems.add(source, f"{where}: {problem}", table=section, key=key, value=address)
    return tuple(good)


def _address_problem(address: object, section: str, channels: Channels) -> str | None:
    """Why ``address`` cannot stand in a list of ``section``, or None: an address (in ASCII),
    or in ``[lists]`` the name of a channel."""
    if isinstance(address, str) and address in channels:
        return None
    if isinstance(address, str) and "@" not in address and section == "lists":
        hint = close_hint(address, channels) if channels else "there are no [channels]"
        return (
            f"{address!r} is neither an email address nor a channel of recipients.toml "
            f"([channels.NAME]); {hint}"
        )
    if not isinstance(address, str) or not valid_address(address):
        return (
            f"{address!r} is not an email address; write name@domain or 'Name <name@domain>' "
            "(the address in ASCII), one per string"
        )
    return None

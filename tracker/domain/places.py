"""Places: the home place (the zone), its parent (the city), the province, the nation, and its
peers (the places with the same parent). DOMAIN.md, "Places and peers"; the rules are written
in docs/places.md.

Stored keys: the home place's figures and goals are stored with the place key ``HOME`` (the
empty string), so a database made before places keeps its figures and the home place can be
renamed in the config; every other place is stored under its configured key. ``Places.stored``
and ``Places.configured`` convert between the two.
"""

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from tracker.domain.errors import NotFound

HOME = ""  # the stored key of the home place
DEFAULT_HOME = "home"  # the home place's key when no places.toml is configured


@dataclass(frozen=True)
class Place:
    """One place: ``key`` as configured, its names, and ``parent`` (a configured key, or None
    for the top of the chain, usually the nation)."""

    key: str
    name_zh: str
    name_en: str
    parent: str | None = None

    def name(self, language: str) -> str:
        """The place's name in ``language`` ("zh" or "en")."""
        return self.name_zh if language == "zh" else self.name_en


@dataclass(frozen=True)
class Group:
    """A named group of places ranked among each other, not an administrative one (全省县域
    经济前十: the counties of a province across its cities): ``members``, configured keys in
    the order given (docs/places.md, "Groups")."""

    key: str
    name_zh: str
    name_en: str
    members: tuple[str, ...]


class UnknownPlace(NotFound):
    """A place key that is not configured; the message names the close matches."""


def _default_places() -> Mapping[str, Place]:
    return MappingProxyType({DEFAULT_HOME: Place(DEFAULT_HOME, "本地", "home")})


@dataclass(frozen=True)
class Places:
    """Every configured place, by key in config order, and which one is home.

    Without a places.toml there is one place, ``home`` (本地), with no parent and no peers.
    """

    home: str = DEFAULT_HOME
    by_key: Mapping[str, Place] = field(default_factory=_default_places)
    groups: Mapping[str, Group] = field(default_factory=dict)  # by key, in config order

    def place(self, key: str) -> Place:
        """The place of ``key`` (its configured key or its Chinese or English name).

        Raises UnknownPlace, naming the close matches and where places are configured."""
        found = self.by_key.get(key) or self._by_name(key)
        if found is None:
            en, zh = _unknown(key, self.by_key)
            raise UnknownPlace(en, zh=zh)
        return found

    def _by_name(self, text: str) -> Place | None:
        for place in self.by_key.values():
            if text in (place.name_zh, place.name_en):
                return place
        return None

    def stored(self, key: str | None) -> str:
        """The stored key of the place ``key`` (a configured key or name; None: home): HOME for
        the home place. Raises UnknownPlace."""
        if key is None:
            return HOME
        found = self.place(key).key
        return HOME if found == self.home else found

    def configured(self, stored: str) -> str:
        """The configured key of a stored place key (HOME: the home place's key)."""
        return self.home if stored == HOME else stored

    def parent(self, key: str) -> Place | None:
        """The parent of the place ``key`` (configured key), None at the top of the chain."""
        parent = self.place(key).parent
        return None if parent is None else self.by_key[parent]

    def children(self, key: str) -> tuple[Place, ...]:
        """The places whose parent is ``key``, in config order."""
        return tuple(p for p in self.by_key.values() if p.parent == key)

    def peers(self, key: str) -> tuple[Place, ...]:
        """The places with the same parent as ``key``, the place itself included, in config
        order; just the place itself at the top of the chain."""
        place = self.place(key)
        if place.parent is None:
            return (place,)
        return self.children(place.parent)

    def name(self, key: str, language: str) -> str:
        """The name of the place ``key`` (configured or stored key) in ``language``."""
        return self.place(self.configured(key)).name(language)

    def ranked_among(self) -> dict[str, tuple[str, ...]]:
        """Every group's members by the group's key, as stored keys (HOME for the home
        place): whom a goal with ``rank_among = "KEY"`` is ranked among."""
        return {
            key: tuple(self.stored(member) for member in group.members)
            for key, group in self.groups.items()
        }

    @property
    def single(self) -> bool:
        """Whether the home place is the only one configured."""
        return len(self.by_key) == 1


def _unknown(key: str, known: Mapping[str, Place]) -> tuple[str, str]:
    names = dict(known)
    for place in known.values():
        names[place.name_zh] = place
        names[place.name_en] = place
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.5)
    keys = list(dict.fromkeys(names[c].key for c in close))
    if keys:
        en = f"did you mean {', '.join(keys)}?"
        zh = f"是否是 {', '.join(keys)}？"
    else:
        listed = ", ".join(known) or "none"
        en = f"the configured places are: {listed}"
        zh = f"已配置的地区：{listed}"
    return (
        f"no place '{key}' in places.toml; {en}",
        f"places.toml 中没有地区“{key}”；{zh}",
    )

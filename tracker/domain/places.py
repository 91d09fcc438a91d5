"""Places and their parents (DOMAIN.md "Places and peers"): the home place, its city, its
province, the nation, and the places beside it.

The home place's figures and goals are stored under the key ``HOME`` (``""``), so that a
database made before places keeps its figures and the home can be renamed; any other place is
stored under its configured key.
"""

import difflib
from collections.abc import Mapping
from dataclasses import dataclass

from tracker.domain.errors import NotFound

HOME = ""  # the stored key of the home place


class UnknownPlace(NotFound):
    """A place key that is not configured."""


@dataclass(frozen=True)
class Place:
    """One configured place; ``parent`` is None for the top (the nation)."""

    key: str
    name_zh: str
    name_en: str
    parent: str | None


@dataclass(frozen=True)
class Places:
    """Every configured place, in config order, and which of them is home."""

    home: str
    by_key: Mapping[str, Place]

    def place(self, key: str) -> Place:
        """The place configured under ``key``; UnknownPlace (with close matches) otherwise."""
        found = self.by_key.get(key)
        if found is None:
            close = difflib.get_close_matches(key, list(self.by_key), n=3)
            hint = f" Did you mean: {', '.join(close)}?" if close else ""
            raise UnknownPlace(
                f"No place '{key}' is configured.{hint} config/places.toml lists the places.",
                zh=f"没有地区'{key}'。请在 config/places.toml 中配置。",
            )
        return found

    def stored(self, key: str | None) -> str:
        """The stored key of a configured place (None: home)."""
        if key is None or key == self.home:
            return HOME
        return self.place(key).key

    def configured(self, stored: str) -> str:
        """The configured key of a stored one."""
        return self.home if stored == HOME else stored

    def parent(self, key: str) -> Place | None:
        """The parent of ``key``, None for the top or a parent not configured."""
        parent = self.place(key).parent
        return None if parent is None else self.by_key.get(parent)

    def peers(self, key: str) -> tuple[Place, ...]:
        """The places with the same parent as ``key``, itself included, config order."""
        parent = self.place(key).parent
        return tuple(p for p in self.by_key.values() if p.parent == parent)

    def name(self, key: str, language: str) -> str:
        """The place's name in ``language`` ("zh" or "en")."""
        place = self.place(key)
        return place.name_zh if language == "zh" else place.name_en

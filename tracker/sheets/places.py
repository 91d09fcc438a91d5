"""The place a sheet's row names: a configured key, a Chinese or English name, or the short
form bureaus write ("某某" for "某某区"), and the total row (全市, 合计) of a district table.

Names are matched exactly first (after NFKC and removing spaces; English in any case), then
without the suffix 区, 县 or 市 on either side; a short form that fits two places (长沙 for
长沙市 and 长沙县) is refused, naming both.
"""

import difflib
import unicodedata
from dataclasses import dataclass, field

from tracker.domain.errors import InvalidInput, NotFound, TrackerError
from tracker.domain.places import Places

SUFFIXES = ("区", "县", "市")
# The row of a district table that sums its districts: the parent place's figure.
TOTALS = frozenset({"全市", "合计", "总计", "全市合计", "全市总计", "全市平均", "全省", "全省合计"})


def one_place() -> Places:
    """The places of a config without places.toml: home alone."""
    return Places()


def _folded(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def _short(name: str) -> str:
    """``name`` without its suffix 区/县/市, when something remains."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


@dataclass
class PlaceNames:
    """Reads written place names against the configured places, each name once."""

    places: Places
    _exact: dict[str, set[str]] = field(default_factory=dict, init=False)
    _short: dict[str, set[str]] = field(default_factory=dict, init=False)
    _memo: dict[str, str | TrackerError] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        for key, place in self.places.by_key.items():
            for name in (key, place.name_zh, place.name_en):
                if name.strip():
                    self._exact.setdefault(_folded(name), set()).add(key)
            self._short.setdefault(_short(_folded(place.name_zh)), set()).add(key)

    def is_total(self, text: str) -> bool:
        """Whether ``text`` names a table's total row (全市, 合计)."""
        return _folded(text) in TOTALS

    def key(self, text: str) -> str:
        """The configured key of the place ``text`` names.

        Raises NotFound (with up to three close matches) for a name no place has, and
        InvalidInput for a short form that fits more than one place.
        """
        found = self._memo.get(text)
        if found is None:
            try:
                found = self._find(text)
            except TrackerError as error:
                found = error
            self._memo[text] = found
        if isinstance(found, TrackerError):
            raise found
        return found

    def _find(self, text: str) -> str:
        name = _folded(text)
        if not name:
            raise InvalidInput("the place is empty; write its key or name.", zh="地区为空")
        exact = self._exact.get(name)
        if exact and len(exact) == 1:
            return next(iter(exact))
        fits = exact or self._short.get(_short(name), set())
        order = list(self.places.by_key)
        if len(fits) == 1:
            return next(iter(fits))
        if len(fits) > 1:
            names = sorted(fits, key=order.index)
            shown = " or ".join(f"{self.places.by_key[k].name_zh} ({k})" for k in names)
            zh = "或".join(self.places.by_key[k].name_zh for k in names)
            raise InvalidInput(
                f"'{text.strip()}' could be {shown}; write the full name or the key.",
                zh=f"地区'{text.strip()}'不明确，可能是{zh}；请写全称",
            )
        close = self.suggestions(text)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        zh_hint = f"是否要找：{'、'.join(close)}？" if close else ""
        raise NotFound(
            f"No place '{text.strip()}' is configured.{hint} Add it to config/places.toml, "
            "or correct the name.",
            zh=f"没有地区'{text.strip()}'。{zh_hint}请在 config/places.toml 中配置或改正名称",
        )

    def suggestions(self, text: str) -> list[str]:
        """Up to three places whose key or names are close to ``text``, as ``name_zh (key)``."""
        wanted = _short(_folded(text))
        scores: dict[str, float] = {}
        for key, place in self.places.by_key.items():
            for name in (key, place.name_zh, place.name_en):
                candidate = _short(_folded(name))
                score = difflib.SequenceMatcher(None, wanted, candidate).ratio()
                scores[key] = max(scores.get(key, 0.0), score)
        ranked = sorted(((s, k) for k, s in scores.items() if s >= 0.5), reverse=True)
        return [f"{self.places.by_key[k].name_zh} ({k})" for _, k in ranked[:3]]

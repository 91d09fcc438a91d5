"""``places.toml``: the home place, its parent chain and its peers (DOMAIN.md, "Places and
peers"; docs/places.md).

    home = "zone"
    [places.zone]
    name_zh = "开发区"
    name_en = "the Zone"
    parent = "city"

Refused with file and line: a missing or unknown home, two homes, a parent that is not
configured (with the close match), a parent chain that loops, two places sharing a name (or a
key and a name; case ignored: ``--place`` takes either). Without the file there is one place,
the home (``Places()``).
"""

from typing import Any

from tracker.configuration.problems import Problems, Source, close_hint
from tracker.configuration.tables import NAME_LIMIT, Table, clashing_names, tables
from tracker.domain.places import Group, Place, Places

PLACE_KEYS = ("name_zh", "name_en", "parent")
FILE = "places.toml"


def places(source: Source, problems: Problems) -> Places:
    """The places of ``places.toml`` (``Places()`` when the file is absent or has problems,
    which are recorded in ``problems``)."""
    if not source.data:
        return Places()
    found: dict[str, Place] = {}
    for key, table in tables(source, "places", problems, also=("home", "groups")).items():
        t = Table(source, problems, f"places.{key}", table, PLACE_KEYS)
        parent = table.get("parent")
        if parent is not None and (not isinstance(parent, str) or not parent.strip()):
            t.fail("'parent' must be the key of another place, or left out at the top", "parent")
            parent = None
        place = Place(
            key,
            t.text("name_zh", limit=NAME_LIMIT),
            t.text("name_en", limit=NAME_LIMIT),
            parent,
        )
        if t.ok:
            found[key] = place
    before = len(problems.found)
    home = _home(source, problems, found)
    _parents(source, problems, found)
    _unique_names(source, problems, found)
    groups = _groups(source, problems, found)
    if len(problems.found) > before or home is None:
        return Places()
    return Places(home=home, by_key=found, groups=groups)


GROUP_KEYS = ("name_zh", "name_en", "members")


def _groups(source: Source, problems: Problems, found: dict[str, Place]) -> dict[str, Group]:
    """The ``[groups.KEY]`` tables: a name and the ``members`` (keys of places, two or more,
    each once) ranked among each other (``rank_among = "KEY"``); not "peers", which names
    the places with the same parent."""
    if "groups" not in source.data:
        return {}
    groups = {}
    for key, table in tables(source, "groups", problems, also=("home", "places")).items():
        t = Table(source, problems, f"groups.{key}", table, GROUP_KEYS)
        if key == "peers":
            t.fail("'peers' names the places with the same parent; give the group another key")
        members = _members(t, table.get("members"), found)
        group = Group(
            key,
            str(table.get("name_zh", key)),
            str(table.get("name_en", key)),
            members,
        )
        if t.ok:
            groups[key] = group
    return groups


def _members(t: Table, members: object, found: dict[str, Place]) -> tuple[str, ...]:
    """A group's ``members``: keys of places.toml, two or more, each once."""
    if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
        t.fail('\'members\' must be a list of place keys, e.g. members = ["east", "west"]',
               "members")  # fmt: skip
        return ()
    for member in members:
        if member not in found:
            t.fail(f"no place '{member}' in places.toml; {close_hint(member, found)}", "members")
    if len(set(members)) != len(members):
        t.fail("a place is listed twice in 'members'; list each once", "members")
    if len(set(members)) < 2:
        t.fail("a group needs two places or more to rank among", "members")
    return tuple(members)


def _home(source: Source, problems: Problems, found: dict[str, Place]) -> str | None:
    home: Any = source.data.get("home")
    if isinstance(home, list):
        problems.add(
            source,
            f"home names {len(home)} places; a database has one home place: name one, "
            'e.g. home = "zone", and track the others as places',
            key="home",
        )
        return None
    if not isinstance(home, str) or not home:
        problems.add(source, 'name the home place at the top of the file, e.g. home = "zone"')
        return None
    if home not in found:
        hint = close_hint(home, found)
        problems.add(source, f"home = {home!r} is not a [places.KEY] table; {hint}", key="home")
        return None
    return home


def _parents(source: Source, problems: Problems, found: dict[str, Place]) -> None:
    """Each parent is a configured place, and following parents always reaches the top."""
    for place in found.values():
        if place.parent is not None and place.parent not in found:
            hint = close_hint(place.parent, found)
            problems.add(
                source,
                f"[places.{place.key}] parent {place.parent!r} is not a configured place; "
                f"{hint} (add [places.{place.parent}] or correct the key)",
                table=f"places.{place.key}",
                key="parent",
            )
    reported: set[str] = set()
    for place in found.values():
        chain = [place.key]
        current = place
        while current.parent is not None and current.parent in found:
            if current.parent in chain:
                loop = [*chain[chain.index(current.parent) :], current.parent]
                if not reported & set(loop):
                    problems.add(
                        source,
                        f"[places.{place.key}] the parents go round in a loop: "
                        f"{' → '.join(loop)}; the top place (the nation) has no parent",
                        table=f"places.{place.key}",
                        key="parent",
                    )
                    reported.update(loop)
                break
            chain.append(current.parent)
            current = found[current.parent]


def _unique_names(source: Source, problems: Problems, found: dict[str, Place]) -> None:
    """Every key and name (Chinese, English; case ignored) names one place only: ``--place``,
    an import's place column and the league tables would mix up two places sharing one."""
    named = {key: (key, place.name_zh, place.name_en) for key, place in found.items()}
    for key, name, other in clashing_names(named):
        place = found[key]
        field = next((f for f in ("name_zh", "name_en") if getattr(place, f).strip() == name), None)
        problems.add(
            source,
            f"[places.{key}] 名称 '{name}' 已是 places.{other} 的键或名称：请给每个地区各自的"
            f"键和名称 / the name '{name}' is also places.{other}'s; give each place its own "
            "key and names",
            table=f"places.{key}",
            key=field,
        )

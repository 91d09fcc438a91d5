"""The layers, read from the source with ``ast``, imports inside functions included: the CLI
calls the application layer and never the store, only the application layer (and the store
under it) reaches the database, the domain imports nothing but the standard library and
itself, and no two modules of tracker import each other, directly or round a loop.

Dependencies point inward (docs/code.md): cli, scheduling → app → store, reporting, sheets,
delivery, configuration → domain.
"""

import ast
import functools
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tracker"


def module_files(package: Path = PACKAGE) -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its ``__init__``)."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imported(source: str, known: Iterable[str], *, module_level_only: bool) -> set[str]:
    """The modules ``source`` imports: ``from a import b`` names ``a.b`` when that is one of
    ``known``, else ``a``. With ``module_level_only``, imports inside functions and classes are
    left out (those in a module-level ``if`` or ``try``, e.g. TYPE_CHECKING, count)."""
    known = set(known)
    tree = _parsed(source)
    nodes = _module_level(tree.body) if module_level_only else ast.walk(tree)
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                names.add(full if full in known else node.module)
    return names


@functools.cache
def _parsed(source: str) -> ast.Module:
    """The syntax tree of ``source``, parsed once for the three checks (nothing changes it)."""
    return ast.parse(source)


def _module_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    for node in body:
        yield node
        if isinstance(node, ast.If | ast.Try):
            yield from _module_level(node.body + node.orelse)
            if isinstance(node, ast.Try):
                yield from _module_level([s for h in node.handlers for s in h.body])
                yield from _module_level(node.finalbody)


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The import cycles of ``graph`` (module → modules it imports): its strongly connected
    components of more than one module, and modules that import themselves."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                component.append(other)
                if other == node:
                    break
            if len(component) > 1 or node in graph.get(node, ()):
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def dependencies(*, module_level_only: bool) -> dict[str, set[str]]:
    """Each module of tracker and the modules (of tracker or not) it imports."""
    files = module_files()
    return {
        name: imported(path.read_text(encoding="utf-8"), files, module_level_only=module_level_only)
        for name, path in files.items()
    }


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def cli_imports_of_store(graph: Mapping[str, set[str]]) -> list[str]:
    return sorted(
        f"{module} imports {name}"
        for module, names in graph.items()
        if _within(module, "tracker.cli")
        for name in names
        if _within(name, "tracker.store")
    )


def domain_imports_outside(graph: Mapping[str, set[str]]) -> list[str]:
    return sorted(
        f"{module} imports {name}"
        for module, names in graph.items()
        if _within(module, "tracker.domain")
        for name in names
        if not _within(name, "tracker.domain")
        and name.partition(".")[0] not in sys.stdlib_module_names
    )


def test_the_cli_never_imports_the_store_not_even_inside_a_function() -> None:
    assert cli_imports_of_store(dependencies(module_level_only=False)) == []


def test_the_domain_imports_only_the_standard_library_and_itself() -> None:
    assert domain_imports_outside(dependencies(module_level_only=False)) == []


def test_no_modules_of_tracker_import_each_other_round_a_loop() -> None:
    graph = dependencies(module_level_only=True)
    ours = {module: {n for n in names if n in graph} for module, names in graph.items()}
    assert cycles(ours) == []


def test_no_loop_either_when_the_imports_inside_functions_are_counted() -> None:
    graph = dependencies(module_level_only=False)
    ours = {module: {n for n in names if n in graph} for module, names in graph.items()}
    assert cycles(ours) == []


# What each package of tracker may import from the others (its own modules and the standard
# library always). The scheduler's lock is the one exception: it holds a database lock itself.
ALLOWED = {
    "domain": set(),
    "configuration": {"domain"},
    "store": {"domain"},
    "figures": {"domain"},
    "reporting": {"domain", "configuration"},
    "sheets": {"domain", "configuration", "figures"},
    "delivery": {"domain", "configuration"},
    "app": {"domain", "configuration", "store", "figures", "reporting", "sheets", "delivery"},
    "scheduling": {"domain", "configuration", "delivery", "app"},
    "cli": {"domain", "configuration", "figures", "reporting", "sheets", "delivery", "app",
            "scheduling"},
}  # fmt: skip
EXCEPTIONS = {("tracker.scheduling.lock", "tracker.store.capabilities")}
DATABASE_LIBRARIES = ("sqlalchemy", "sqlmodel", "alembic", "psycopg")


def _package(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


def outward_imports(graph: Mapping[str, set[str]]) -> list[str]:
    """Imports of one package of tracker from another that ``ALLOWED`` does not allow."""
    found = []
    for module, names in graph.items():
        mine = _package(module)
        if mine not in ALLOWED:
            continue
        for name in names:
            other = _package(name) if name.startswith("tracker.") else ""
            allowed = other in ALLOWED[mine] or (module, name) in EXCEPTIONS
            if other and other != mine and not allowed:
                found.append(f"{module} imports {name}")
    return sorted(found)


def database_imports_outside_the_application(graph: Mapping[str, set[str]]) -> list[str]:
    """Modules outside the application layer and the store that import a database library."""
    return sorted(
        f"{module} imports {name}"
        for module, names in graph.items()
        if _package(module) not in ("app", "store") and module != "tracker.scheduling.lock"
        for name in names
        if name.partition(".")[0] in DATABASE_LIBRARIES
    )


def test_dependencies_point_inward() -> None:
    assert outward_imports(dependencies(module_level_only=False)) == []


def test_only_the_application_layer_and_the_store_reach_the_database() -> None:
    assert database_imports_outside_the_application(dependencies(module_level_only=False)) == []


def test_every_package_of_tracker_has_its_place_in_the_layers() -> None:
    packages = {_package(m) for m in module_files() if m.count(".") > 1 or m == "tracker"}
    assert packages - {""} <= set(ALLOWED)


def test_the_checks_see_an_outward_import_and_a_database_library() -> None:
    graph = {
        "tracker.reporting.x": {"tracker.app.reports", "tracker.domain.model"},
        "tracker.sheets.y": {"sqlmodel", "tracker.sheets.read"},
    }
    assert outward_imports(graph) == ["tracker.reporting.x imports tracker.app.reports"]
    assert database_imports_outside_the_application(graph) == ["tracker.sheets.y imports sqlmodel"]


# The checks themselves: each finds what it is there to find.


def test_the_check_sees_a_cli_import_of_the_store_inside_a_function() -> None:
    source = "def goals():\n    from tracker.store import goals\n"
    names = imported(source, {"tracker.store.goals"}, module_level_only=False)
    assert cli_imports_of_store({"tracker.cli.setup": names}) == [
        "tracker.cli.setup imports tracker.store.goals"
    ]


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("import sqlalchemy\n", ["tracker.domain.x imports sqlalchemy"]),
        (
            "def f():\n    from tracker.store.db import x\n",
            ["tracker.domain.x imports tracker.store.db"],
        ),
        ("import decimal\nfrom tracker.domain.periods import Period\n", []),
    ],
)
def test_the_check_sees_a_domain_import_from_outside(source: str, found: list[str]) -> None:
    names = imported(source, {"tracker.domain.periods"}, module_level_only=False)
    assert domain_imports_outside({"tracker.domain.x": names}) == found


def test_the_check_finds_a_loop_and_ignores_imports_inside_functions() -> None:
    a = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from tracker.b import B\n"
    b = "import tracker.c\n"
    c = "from tracker import a\n"
    lazy = "def f():\n    import tracker.a\n"
    known = {"tracker.a", "tracker.b", "tracker.c", "tracker.d"}

    def graph(**sources: str) -> dict[str, set[str]]:
        return {
            f"tracker.{name}": imported(text, known, module_level_only=True)
            for name, text in sources.items()
        }

    assert cycles(graph(a=a, b=b, c=c)) == [["tracker.a", "tracker.b", "tracker.c"]]
    assert cycles(graph(a=a, b=b, c=lazy)) == []

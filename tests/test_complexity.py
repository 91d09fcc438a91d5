"""Every function stays under cyclomatic complexity 20, as radon measures it: a function past
that is split by the questions it asks (docs/code.md)."""

from collections.abc import Iterable, Iterator
from pathlib import Path

from radon.complexity import cc_visit
from radon.visitors import Class, Function

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 20
FOLDERS = ("tracker", "benchmarks", "scripts", "tests")


def functions(blocks: Iterable[Function | Class]) -> Iterator[Function]:
    """Every function of radon's blocks (which list the methods of classes beside them), the
    functions defined inside functions included."""
    for block in blocks:
        if isinstance(block, Function):
            yield block
            yield from functions(block.closures)


def too_complex(source: str, name: str) -> list[str]:
    """``name:line function (complexity)`` of each function of ``source`` at or over LIMIT."""
    return [
        f"{name}:{f.lineno} {f.name} ({f.complexity})"
        for f in functions(cc_visit(source))
        if f.complexity >= LIMIT
    ]


def test_every_function_stays_under_complexity_20() -> None:
    found = []
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            found += too_complex(source, str(path.relative_to(ROOT)))
    assert found == []


def test_the_check_sees_a_function_with_twenty_branches() -> None:
    branches = "".join(f"    if x == {n}:\n        return {n}\n" for n in range(19))
    source = f"class A:\n    def f(self, x):\n{branches.replace('    ', '        ')}"
    assert too_complex(source, "a.py") == ["a.py:2 f (20)"]
    assert too_complex(source.replace("x == 18", "x == 18 and False"), "a.py") != []

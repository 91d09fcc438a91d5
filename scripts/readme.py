"""Rewrite the checked console blocks of README.md and docs/*.md with what they print now.

Usage: .venv/bin/python scripts/readme.py [--check] [FILE ...]
The blocks, the sessions they run in and how output is compared: ``tests/readme.py``.
FILE names the documents to rewrite (default: README.md and every docs/*.md). With --check
nothing is written, and the exit code is 1 when a document is stale. The PostgreSQL session
runs when TRACKER_TEST_POSTGRES_URL names a server (`make test` sets it).
"""

import os
import sys
import tempfile
from contextlib import nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.readme import ROOT, documents, postgres_schema, rewritten, sessions


def fresh(lines: list[str], base: str | None) -> list[str]:
    """A document's ``lines`` with its checked blocks as the commands print them now.

    ``base``: the PostgreSQL server's URL; the document's ``postgres`` session, if it has one,
    runs in a new schema of it, and is left as it is without one.
    """
    schema = postgres_schema(base) if base and "postgres" in sessions(lines) else None
    with tempfile.TemporaryDirectory() as work, schema or nullcontext(None) as url:
        return rewritten(lines, Path(work), url)


def main() -> int:
    check = "--check" in sys.argv[1:]
    named = [Path(arg).resolve() for arg in sys.argv[1:] if arg != "--check"]
    unknown = [path for path in named if path not in documents()]
    if unknown:
        print(f"not a checked document (README.md or docs/*.md): {unknown[0]}")
        return 2
    base = os.environ.get("TRACKER_TEST_POSTGRES_URL")
    stale = 0
    for path in named or documents():
        name = path.relative_to(ROOT)
        lines = path.read_text(encoding="utf-8").splitlines()
        new = fresh(lines, base)
        if new == lines:
            print(f"{name} is up to date")
        elif check:
            print(f"{name} is stale: run .venv/bin/python scripts/readme.py {name}")
            stale += 1
        else:
            path.write_text("\n".join(new) + "\n", encoding="utf-8")
            print(f"{name} rewritten; review it with git diff")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())

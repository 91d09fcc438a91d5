"""Rewrite the README's checked console blocks with what their commands print now.

Usage: .venv/bin/python scripts/readme.py [--check]
The blocks, the sessions they run in and how output is compared: ``tests/readme.py``.
With --check nothing is written, and the exit code is 1 when the README is stale. The
PostgreSQL session runs when TRACKER_TEST_POSTGRES_URL names a server (`make test` sets it).
"""

import os
import sys
import tempfile
from contextlib import nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.readme import README, postgres_schema, rewritten


def main() -> int:
    lines = README.read_text(encoding="utf-8").splitlines()
    base = os.environ.get("TRACKER_TEST_POSTGRES_URL")
    with (
        tempfile.TemporaryDirectory() as work,
        postgres_schema(base) if base else nullcontext(None) as url,
    ):
        new = rewritten(lines, Path(work), url)
    if new == lines:
        print("README.md is up to date")
        return 0
    if "--check" in sys.argv[1:]:
        print("README.md is stale: run .venv/bin/python scripts/readme.py")
        return 1
    README.write_text("\n".join(new) + "\n", encoding="utf-8")
    print("README.md rewritten; review it with git diff")
    return 0


if __name__ == "__main__":
    sys.exit(main())

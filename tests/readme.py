"""The example sessions of README.md and docs/*.md, run for real and compared with what they show.

A console block preceded by ``<!-- session NAME -->`` is checked: each ``$ `` line is run with
``sh`` in a sandbox folder of its own session (a fresh SQLite database, the repository's
``examples/`` beside it), and what it prints must be what the document shows under it. Blocks of
one session run in the document's order on the same database, so a later block sees what an
earlier one recorded. A session lives in one document (README.md or one file of docs/): each
document's sessions run on their own. ``SETUP`` holds the commands a session runs before its
first block without showing them, and ``FILES`` the files it needs.

What legitimately differs from one machine or run to the next is normalised before comparing:
the sandbox's, the repository's and the home folder's paths; the minute a revision was
recorded, and so the checksum of a table that holds it; the moment a report was built from;
and, in the ``postgres`` session, the URL of the server the tests use, which the document shows
as ``PG_SHOWN``. That session runs only where the tests have a PostgreSQL server, each time in
a schema of its own.

``python scripts/readme.py`` rewrites the checked blocks with what the commands print now.
"""

import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
MARKER = re.compile(r"^<!-- session (?P<name>[\w-]+) -->$")
# What differs from run to run: the minute a figure was recorded, and so the checksum of a
# table holding that time; the moment a report was built from (to the second).
VARYING = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2}Z)?|checksum [0-9a-f]{16}")
WHO = "统计员"  # the OS user the sessions run as (shown by `tracker history`)
PG_SHOWN = "postgresql+psycopg://tracker:***@localhost:5432/tracker"
DEMO_DB = "sqlite:///build/demo/tracker.db"

# Files a session writes before its first block: (name, text, encoding).
FILES: dict[str, list[tuple[str, str, str]]] = {
    "districts": [("typo.csv", "地区,指标,期间,数值\n西域区,industry,2020-06,5.0\n", "utf-8")],
    "projects": [
        (
            "bad-projects.csv",
            "2020年重点项目进度表\n序号,项目名称,总投资（万元）,1-6月完成投资（万元）,责任单位\n"
            "一、区重点项目\n1,滨河公园,35000,9000,区住建局\n",
            "utf-8",
        )
    ],
    "import": [
        (
            "bad.csv",
            "指标,期间,数值\nindustry,2020-08,8..5\ngdp,2020-08,2.1\n规模以上工业增加值,2020-08,5.5\n",
            "utf-8",
        )
    ],
}
# Commands a session runs, unseen, before its first block.
SETUP: dict[str, list[str]] = {
    "goals": ["tracker init --demo"],
    "record": ["tracker init --demo", "tracker import examples/2020-h1-figures.csv"],
    "reports": ["sh examples/demo.sh"],
    "import": ["tracker init --demo"],
    "bureau": ["tracker init --demo"],
    "districts": ["tracker init"],
    "clerk": ["tracker init --demo"],
    "postgres": [f"TRACKER_DATABASE_URL={DEMO_DB} sh examples/demo.sh"],
    "places": ["sh examples/demo.sh"],
}
# Settings a session's commands run with, beside the database and the reports folder.
# The places' sessions read the demo config (its places.toml) as the user's config folder.
ENV: dict[str, dict[str, str]] = {
    **{s: {"TRACKER_CONFIG_DIR": str(ROOT / "config")} for s in ("places", "districts")},
    # The county of docs/targets.md: every kind of target, from examples/county-2024.
    "county": {"TRACKER_CONFIG_DIR": str(ROOT / "examples" / "county-2024")},
}
# The key projects' session reads the zone's projects folder (docs/projects.md).
ENV["projects"] = {"TRACKER_CONFIG_DIR": str(ROOT / "examples" / "zone-projects")}


def documents() -> list[Path]:
    """The documents whose sessions are checked: README.md, then docs/*.md by name."""
    return [README, *sorted(DOCS.glob("*.md"))]


def sessions(lines: list[str]) -> set[str]:
    """The names of the sessions a document's ``lines`` check."""
    return {block.session for block in blocks(lines)}


@dataclass(frozen=True)
class Command:
    """One ``$ `` line of a checked block and the lines the document shows under it."""

    session: str
    line: int  # 1-based line of the command in its document
    text: str
    shown: tuple[str, ...]


@dataclass(frozen=True)
class Block:
    session: str
    first: int  # 0-based index of the block's first line after ```console
    last: int  # 0-based index of the closing ```
    commands: tuple[Command, ...]


def blocks(lines: list[str]) -> Iterator[Block]:
    """The checked console blocks of a document's ``lines``, in order.

    ValueError when a checked block is not closed by a line of its own ```` ``` ```` before the
    next fence (it would swallow the text after it).
    """
    session = None
    i = 0
    while i < len(lines):
        marker = MARKER.match(lines[i])
        if marker:
            session = marker["name"]
        elif lines[i].startswith("```console") and session is not None:
            end = next((j for j in range(i + 1, len(lines)) if lines[j].startswith("```")), None)
            if end is None or lines[end] != "```":
                raise ValueError(f"line {i + 1}: the session {session}'s block is not closed")
            yield Block(session, i + 1, end, tuple(_commands(session, lines, i + 1, end)))
            session, i = None, end
        elif lines[i].strip():
            session = None  # a marker applies to the block right after it
        i += 1


def _commands(session: str, lines: list[str], start: int, end: int) -> Iterator[Command]:
    at = [j for j in range(start, end) if lines[j].startswith("$ ")]
    for k, j in enumerate(at):
        stop = at[k + 1] if k + 1 < len(at) else end
        yield Command(session, j + 1, lines[j][2:], tuple(lines[j + 1 : stop]))


class Sandbox:
    """A folder per session: its database, its reports, ``examples/`` linked in."""

    def __init__(self, root: Path, session: str, postgres_url: str | None = None) -> None:
        self.folder = root / session
        self.folder.mkdir(parents=True)
        (self.folder / "examples").symlink_to(ROOT / "examples")
        for name, text, encoding in FILES.get(session, []):
            (self.folder / name).write_text(text, encoding=encoding)
        bin_dir = Path(sys.executable).parent
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")},
            "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
            "TRACKER_DATABASE_URL": postgres_url or DEMO_DB,
            "TRACKER_REPORTS_DIR": "reports",
            "LOGNAME": WHO,
            "USER": WHO,
            "COLUMNS": "200",
            "PYTHONIOENCODING": "utf-8",
            **ENV.get(session, {}),
        }
        self.shown_urls: dict[str, str] = {}
        if postgres_url:
            from sqlalchemy import make_url

            masked = make_url(postgres_url).render_as_string(hide_password=True)
            self.shown_urls = {masked: PG_SHOWN, postgres_url: PG_SHOWN}
        for command in SETUP.get(session, []):
            self.run(command, check=True)

    def run(self, command: str, *, check: bool = False) -> list[str]:
        """What ``command`` prints (stdout then stderr), normalised, one string a line.

        ``check``: a command that fails raises ``CalledProcessError`` (a session's set-up must
        not fail unseen).
        """
        done = subprocess.run(
            ["sh", "-c", command],
            cwd=self.folder,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=check,
        )
        text = done.stdout + done.stderr
        for url, shown in self.shown_urls.items():
            text = text.replace(url, shown)
        for path in (str(self.folder.resolve()), str(ROOT)):
            text = text.replace(path + "/", "").replace(path, ".")
        return [line.rstrip() for line in text.replace(str(Path.home()), "~").splitlines()]


def matches(shown: tuple[str, ...], printed: list[str]) -> bool:
    """Whether the document's lines are what was printed, what varies between runs aside."""
    return len(shown) == len(printed) and all(
        VARYING.sub("<varies>", a) == VARYING.sub("<varies>", b)
        for a, b in zip(shown, printed, strict=True)
    )


def run_all(
    work: Path, lines: list[str], postgres_url: str | None = None
) -> Iterator[tuple[Block, list[list[str]]]]:
    """Each checked block with what each of its commands printed, sessions run in order.

    ``postgres_url``: an empty schema for the ``postgres`` session; without it that session's
    blocks are left out.
    """
    sandboxes: dict[str, Sandbox] = {}
    for block in blocks(lines):
        if block.session == "postgres" and postgres_url is None:
            continue
        if block.session not in sandboxes:
            url = postgres_url if block.session == "postgres" else None
            sandboxes[block.session] = Sandbox(work, block.session, url)
        box = sandboxes[block.session]
        yield block, [box.run(c.text) for c in block.commands]


def rewritten(lines: list[str], work: Path, postgres_url: str | None = None) -> list[str]:
    """A document's lines with every checked block holding what its commands print now.

    A line the document shows that differs only in the recorded minute is kept as it is, so
    rewriting an unchanged document changes nothing.
    """
    out = list(lines)
    for block, printed in reversed(list(run_all(work, lines, postgres_url))):
        new: list[str] = []
        for command, got in zip(block.commands, printed, strict=True):
            new.append(f"$ {command.text}")
            new.extend(command.shown if matches(command.shown, got) else got)
        out[block.first : block.last] = new
    return out


@contextmanager
def postgres_schema(base_url: str) -> Iterator[str]:
    """A URL to a new, empty schema of the server at ``base_url``, dropped afterwards."""
    from sqlalchemy import create_engine

    schema = f"readme_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base_url)
    try:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        sep = "&" if "?" in base_url else "?"
        yield f"{base_url}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        admin.dispose()

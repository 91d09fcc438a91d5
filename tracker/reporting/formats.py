"""The report formats, registered in one place: a format is added here and nowhere else.

Each has a name (``--format``), the suffix of its files, whether it is binary, its media
type (for an email attachment), and the function that renders it from a ``ReportBundle``
(``Rendered``); that function runs only when the format is asked for.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from tracker.domain.errors import InvalidInput
from tracker.reporting.context import ReportContext


class Rendered(Protocol):
    """What a format is rendered from (``bundle.ReportBundle`` is one): the report's context
    and its text formats, each made when first read."""

    @property
    def context(self) -> ReportContext: ...
    @property
    def html(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def markdown(self) -> str: ...
    @property
    def json(self) -> str: ...


@dataclass(frozen=True)
class ReportFormat:
    name: str  # as --format names it
    suffix: str  # of its files, with the dot: ".html"
    binary: bool  # bytes (written as they are), else UTF-8 text
    media_type: tuple[str, str]  # (maintype, subtype) of it as an attachment
    render: Callable[[Rendered], str | bytes]
    by_default: bool = True  # written to the archive when no format is named
    other_suffixes: tuple[str, ...] = ()  # also recognised in a file name: ".htm"
    terminal: bool = False  # shown on a terminal as text (notes and sources escaped)


def _docx(bundle: Rendered) -> bytes:
    from tracker.reporting.briefing import brief_styling, briefing_docx

    ctx = bundle.context
    if ctx.projects is not None and ctx.projects.alone:  # tracker report --projects
        from tracker.reporting.project_briefing import projects_docx

        return projects_docx(ctx, brief_styling())
    return briefing_docx(ctx)


DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
FORMATS: tuple[ReportFormat, ...] = (
    ReportFormat("html", ".html", False, ("text", "html"), lambda b: b.html, True, (".htm",)),
    ReportFormat("text", ".txt", False, ("text", "plain"), lambda b: b.text, terminal=True),
    ReportFormat("md", ".md", False, ("text", "markdown"), lambda b: b.markdown, terminal=True),
    ReportFormat("json", ".json", False, ("application", "json"), lambda b: b.json),
    ReportFormat("docx", ".docx", True, DOCX_TYPE, _docx, by_default=False),  # the 简报
)
NAMES = tuple(f.name for f in FORMATS)
DEFAULT = tuple(f.name for f in FORMATS if f.by_default)  # html, text, md, json
_BY_NAME = {f.name: f for f in FORMATS}


def format_named(name: str) -> ReportFormat:
    """The format called ``name``. Raises InvalidInput for any other name."""
    found = _BY_NAME.get(name)
    if found is None:
        raise InvalidInput(
            f"'{name}' is not a report format; use one of: {', '.join(NAMES)}.",
            zh=f"'{name}' 不是报告格式；请用 {'、'.join(NAMES)} 之一。",
        )
    return found


def check_formats(names: Sequence[str]) -> None:
    """Raises InvalidInput for the first name that is not a report format."""
    for name in names:
        format_named(name)


def by_suffix(suffix: str) -> ReportFormat | None:
    """The format whose files end in ``suffix`` (".html", ".HTM", ...), if any."""
    wanted = suffix.casefold()
    return next((f for f in FORMATS if wanted in (f.suffix, *f.other_suffixes)), None)


def format_for(path: Path, fmt: str | None) -> str:
    """The format of a report written to ``path``: ``fmt`` when given, else the one its suffix
    names (.html/.htm, .txt, .md, .json, .docx). Raises InvalidInput when the suffix names no
    format and none is given, or names another one than ``fmt``."""
    implied = by_suffix(path.suffix)
    suffixes = ", ".join(f.suffix for f in FORMATS)
    if fmt is None and implied is None:
        raise InvalidInput(
            f"cannot tell the format of {path} from its name; end it in one of {suffixes}, "
            "or give --format.",
            zh=f"无法从文件名 {path} 判断格式；请以 {'、'.join(f.suffix for f in FORMATS)} "
            "之一结尾，或用 --format 指定。",
        )
    if fmt is not None and implied is not None and implied.name != fmt:
        name = path.with_suffix(format_named(fmt).suffix).name
        raise InvalidInput(
            f"{path} names a {implied.name} file but --format is {fmt}; name it {name}, or "
            "drop --format.",
            zh=f"{path} 是{implied.name}文件名，而 --format 为 {fmt}；请改名为 {name}，"
            "或去掉 --format。",
        )
    return fmt or (implied.name if implied else "html")

"""``tracker report``."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.errors import friendly
from tracker.cli.places import PlaceOption
from tracker.cli.state import state
from tracker.cli.status import parse_date, readable
from tracker.domain.errors import InvalidInput


def register(app: typer.Typer) -> None:
    app.command()(friendly(report))


def report(
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="YYYY-MM-DD (default: today).")
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="html, text, md, json or docx (the Word briefing) (default: all but docx; "
            "with -o, from its suffix).",
        ),
    ] = None,
    lang: Annotated[
        str | None, typer.Option(help="zh or en (default: [report] language in tracker.toml).")
    ] = None,
    owner: Annotated[
        str | None, typer.Option(help="Only this owner's goals (key or name).")
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            min=1900, max=2999, help="The goals' year (default: the last ended month's year)."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write one format here ('-': stdout).")
    ] = None,
    charts: Annotated[bool, typer.Option(help="Draw the trend charts.")] = True,
    as_known: Annotated[
        str | None,
        typer.Option(
            "--as-known",
            help="Only what was recorded by then (a date, or the moment a report records), "
            "to rebuild a past report exactly (default: now).",
        ),
    ] = None,
    place: PlaceOption = None,
    projects: Annotated[
        bool, typer.Option("--projects", help="The key projects' report alone (重点项目调度通报).")
    ] = False,
) -> None:
    """Render the status report (of the home place, or --place, with its ranks among its peers);
    without -o it goes into the archive (TRACKER_REPORTS_DIR)."""
    from tracker.app.reports import render_report
    from tracker.cli import state as clock
    from tracker.domain.moments import known_moment, parse_moment
    from tracker.reporting.formats import DEFAULT, check_formats, format_for, format_named
    from tracker.reporting.render import write_to_archive

    formats = [fmt] if fmt else ([] if output is None else ["html"]) or list(DEFAULT)
    check_formats(formats)
    if output is not None and str(output) != "-":
        formats = [format_for(output, fmt)]
    chosen = format_named(formats[0])
    if output is not None and str(output) == "-" and chosen.binary and sys.stdout.isatty():
        raise InvalidInput(
            f"{chosen.name} is a binary format, not for a terminal; write it to a file with "
            f"-o report{chosen.suffix}, or redirect the output.",
            zh=f"{chosen.name} 是二进制格式，不能显示在终端；请用 -o report{chosen.suffix} "
            "写入文件，或重定向输出。",
        )
    settings = state.settings()
    moment = (
        known_moment(clock.now()) if as_known is None else parse_moment(as_known, clock.timezone())
    )
    db = readable(state.database())
    try:
        bundle = render_report(
            db,
            as_of=parse_date(as_of),
            lang=lang or state.config().report_language,
            owner=owner,
            year=year,
            charts=charts,
            as_known=moment,
            places=state.config().places,
            plans=state.config().plans,
            place=place,
            projects=projects,
        )
    finally:
        db.close()
    if output is None:
        for path in write_to_archive(bundle, settings.reports_dir, formats):
            print(path)
    elif str(output) == "-":
        from tracker.cli.text import terminal

        content = chosen.render(bundle)
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
        else:  # notes and sources reach a terminal as text
            sys.stdout.write(terminal(content, lines=True) if chosen.terminal else content)
        sys.stdout.flush()  # a full disk shows here, as one line, not at exit
    else:
        content = chosen.render(bundle)
        output.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            output.write_bytes(content)
        else:
            output.write_text(content, encoding="utf-8")
        print(output)

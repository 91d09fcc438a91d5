"""``tracker import``, ``tracker export`` and ``tracker forms export``."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from tracker.cli import state as clock
from tracker.cli.errors import fail, friendly
from tracker.cli.state import state

forms_app = typer.Typer(help="Fill-in forms (填报表) for the owners of indicators.")


def register(app: typer.Typer) -> None:
    app.command("import")(friendly(import_))
    app.command("export")(friendly(export))
    forms_app.command("export")(friendly(forms_export))
    app.add_typer(forms_app, name="forms")


def import_(
    file: Annotated[
        Path,
        typer.Argument(
            help="A .csv, .xlsx, .xls or .ods file of figures, a bulletin's text, or - for "
            "standard input."
        ),
    ],
    dry_run: Annotated[bool, typer.Option(help="Check and show what would change.")] = False,
    revise: Annotated[bool, typer.Option(help="Let the file revise stored figures.")] = False,
    reason: Annotated[str | None, typer.Option(help="Why the figures are revised.")] = None,
    sheet: Annotated[str | None, typer.Option(help="The worksheet (default: the first).")] = None,
    encoding: Annotated[str | None, typer.Option(help="CSV encoding (default: detect).")] = None,
    by: Annotated[str | None, typer.Option(help="Who imports (default: the OS user).")] = None,
    period: Annotated[
        str | None,
        typer.Option(
            help="A statistical or district table's period when no title row names it: 2020-07."
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            min=1900,
            max=2999,
            help="The year of periods written without one (1-6月), and of a bulletin's text.",
        ),
    ] = None,
    yes: Annotated[bool, typer.Option(help="Record what a bulletin states (else: a dry run).")] = (
        False
    ),
    force: Annotated[
        bool, typer.Option(help="Accept figures only the range and typo guards refuse.")
    ] = False,
    place: Annotated[
        str | None,
        typer.Option(help="The place of rows that name none (default: home)."),
    ] = None,
) -> None:
    """Import figures from a file or a bulletin's text: all of them or none.

    A file has a header row naming the indicator, period and value columns (and, for other
    places than home, a 地区/place column), or is a bureau's statistical table (one indicator
    per row) or district table (one place per row, one indicator per column). A bulletin's
    sentences are shown as a dry run; --yes records them.
    """
    if revise != (reason is not None):
        fail(
            "--revise and --reason go together: --revise --reason 'what changed and why'.",
            "--revise 与 --reason 须同时使用：--revise --reason '修改内容及原因'。",
        )
    text = None
    if str(file) == "-":
        import sys

        text, file = sys.stdin.read(), Path("stdin")
    from tracker.app.imports import import_file
    from tracker.cli.progress import StderrProgress
    from tracker.cli.sheets_output import import_summary

    with StderrProgress() as progress:
        result = import_file(
            state.database(), file, by=by or clock.user(), now=clock.now(), reason=reason,
            dry_run=dry_run, sheet=sheet, encoding=encoding, progress=progress,
            period=period, year=year, yes=yes, text=text, force=force,
            places=state.config().places, place=place,
        )  # fmt: skip
    print(import_summary(result))


def export(
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write ('-': standard output).")
    ] = None,
    format: Annotated[str | None, typer.Option(help="csv or xlsx (default: from -o).")] = None,
    year: Annotated[
        int | None, typer.Option(min=1900, max=2999, help="Only this year's periods.")
    ] = None,
    history: Annotated[bool, typer.Option(help="Every revision, not only the current.")] = False,
    replace: Annotated[bool, typer.Option(help="Write over a file that exists.")] = False,
    place: Annotated[
        str | None, typer.Option(help="Another place's figures, with a 地区 column.")
    ] = None,
    all_places: Annotated[
        bool, typer.Option(help="Every place's figures, with a 地区 column.")
    ] = False,
) -> None:
    """Write the figures in the columns `tracker import` reads: the home place's, or with
    --place or --all-places, a first column 地区 and the figures of those places."""
    from tracker.app.sheets import export_figures, export_rows
    from tracker.sheets.export import export_headers, export_path, write_csv_to

    if place is not None and all_places:
        fail(
            "--place and --all-places exclude each other; give one of them.",
            "--place 与 --all-places 不能同时使用，请只给其中一个。",
        )
    places = state.config().places
    headers = export_headers(history=history, with_place=place is not None or all_places)

    if str(output) == "-":
        if format not in (None, "csv"):
            fail(
                f"-o - writes CSV text; {format} needs a file: -o figures.{format}.",
                f"-o - 只能输出CSV文本；{format} 须写入文件：-o figures.{format}。",
            )
        rows = export_rows(
            state.database(), year=year, history=history, places=places, place=place,
            all_places=all_places,
        )  # fmt: skip
        write_csv_to(sys.stdout, headers, rows)
        return
    path = export_path(output, format, year=year, history=history)
    if path.exists() and not path.is_dir() and not replace:  # a folder: the OS says so
        fail(
            f"{path} exists; add --replace to write over it, or name another file with -o.",
            f"{path} 已存在；如需覆盖请加 --replace，或用 -o 指定其他文件名。",
        )
    count = export_figures(
        state.database(), path, year=year, history=history, places=places, place=place,
        all_places=all_places,
    )  # fmt: skip
    print(f"Wrote {count} figure{'s' if count != 1 else ''} to {path}")


def forms_export(
    period: Annotated[str, typer.Option("--period", "-p", help="2020-07, 2020-Q3 or 2020.")],
    owner: Annotated[str | None, typer.Option(help="Only this owner (key or name).")] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder for the forms.")] = Path(
        "forms"
    ),
    replace: Annotated[bool, typer.Option(help="Write over forms already there.")] = False,
    place: Annotated[str | None, typer.Option(help="Another place's forms.")] = None,
    all_places: Annotated[
        bool, typer.Option(help="The forms of every place with goals that year.")
    ] = False,
) -> None:
    """Write one .xlsx fill-in form per owner for a period: the home place's, or with --place
    another place's (PERIOD-PLACE-OWNER.xlsx), or with --all-places every place's."""
    from tracker.app.sheets import export_forms

    if place is not None and all_places:
        fail(
            "--place and --all-places exclude each other; give one of them.",
            "--place 与 --all-places 不能同时使用，请只给其中一个。",
        )
    forms = export_forms(
        state.database(), period, output, owner=owner, replace=replace,
        places=state.config().places, place=place, all_places=all_places,
    )  # fmt: skip
    for form in forms:
        where = f"{form.place.name_zh} " if form.place is not None else ""
        print(f"{form.path}  {where}{form.owner.name_zh}: {form.rows} indicator(s)")

"""``tracker record`` and ``tracker import`` follow one rule for what a revision keeps.

docs/status-rules.md, section "Revisions": a revision carries over the amount, note, source
and preliminary flag it does not restate; ``--final`` (or 否 in the 预计 column) says a
correction is the final figure; a new figure that does not say is not preliminary; over a
withdrawn figure a figure is new again, carrying nothing of it.
"""

import csv
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import pytest
from sqlmodel import col, select

from tests.cli.conftest import Run
from tests.helpers import snapshot
from tracker.store.db import make_engine, read_session
from tracker.store.tables import FigureRow


class Given(NamedTuple):
    value: str
    amount: str | None = None
    note: str | None = None
    source: str | None = None
    preliminary: bool | None = None


class Held(NamedTuple):
    """The current revision of a figure as stored: what both paths are compared on."""

    revision: int
    value: Decimal
    amount: Decimal | None
    preliminary: bool
    note: str | None
    source: str | None


ESTIMATE = Given("5.5", "1000", "快报", "区统计局", preliminary=True)
FINAL = Given("5.5", "1000", "快报", "区统计局", preliminary=False)

CASES = {
    "a correction that does not say keeps the preliminary flag": (
        ESTIMATE,
        Given("5.6"),
        Held(2, Decimal("5.6"), Decimal(1000), True, "快报", "区统计局"),
    ),
    "a correction said to be final clears the flag": (
        ESTIMATE,
        Given("5.6", preliminary=False),
        Held(2, Decimal("5.6"), Decimal(1000), False, "快报", "区统计局"),
    ),
    "the same value said to be final is a revision of the flag alone": (
        ESTIMATE,
        Given("5.5", preliminary=False),
        Held(2, Decimal("5.5"), Decimal(1000), False, "快报", "区统计局"),
    ),
    "a final figure can be revised to an estimate": (
        FINAL,
        Given("5.4", preliminary=True),
        Held(2, Decimal("5.4"), Decimal(1000), True, "快报", "区统计局"),
    ),
    "a restated note and amount replace the stored ones, the rest is kept": (
        ESTIMATE,
        Given("5.6", amount="1010", note="修订"),
        Held(2, Decimal("5.6"), Decimal(1010), True, "修订", "区统计局"),
    ),
    "a new figure that does not say is not preliminary": (
        None,
        Given("5.5"),
        Held(1, Decimal("5.5"), None, False, None, None),
    ),
    "a new figure can be an estimate": (
        None,
        Given("5.5", preliminary=True),
        Held(1, Decimal("5.5"), None, True, None, None),
    ),
}


def record_args(period: str, given: Given, revise: bool) -> list[str]:
    args = ["record", "industry", given.value, "--period", period]
    for option in ("amount", "note", "source"):
        text = getattr(given, option)
        if text is not None:
            args += [f"--{option}", text]
    if given.preliminary is not None:
        args.append("--preliminary" if given.preliminary else "--final")
    return args + (["--revise", "--reason", "区统计局修订"] if revise else [])


def import_args(folder: Path, period: str, given: Given, revise: bool) -> list[str]:
    path = folder / f"{period}.csv"
    flag = {None: "", True: "是", False: "否"}[given.preliminary]
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(
            [
                ["指标", "期间", "数值", "金额", "备注", "来源", "预计"],
                ["industry", period, given.value, given.amount or "", given.note or "",
                 given.source or "", flag],
            ]
        )  # fmt: skip
    return ["import", str(path)] + (["--revise", "--reason", "区统计局修订"] if revise else [])


def current(database_url: str, period: str) -> Held | None:
    engine = make_engine(database_url)
    try:
        with read_session(engine) as session:
            rows = session.exec(
                select(FigureRow)
                .where(FigureRow.period == period)
                .order_by(col(FigureRow.revision).desc())
            ).all()
    finally:
        engine.dispose()
    if not rows:
        return None
    r = rows[0]
    return Held(r.revision, r.value, r.amount, r.preliminary, r.note, r.source)


@pytest.mark.parametrize(("stored", "given", "expected"), CASES.values(), ids=CASES.keys())
def test_record_and_import_store_the_same_revision(
    initialised: Run,
    database_url: str,
    tmp_path: Path,
    stored: Given | None,
    given: Given,
    expected: Held,
) -> None:
    by_record, by_import = "2020-05", "2020-04"  # the same stored state in two periods
    if stored is not None:
        for period in (by_record, by_import):
            result = initialised(*record_args(period, stored, revise=False))
            assert result.exit_code == 0, result.output
    revise = stored is not None

    recorded = initialised(*record_args(by_record, given, revise))
    imported = initialised(*import_args(tmp_path, by_import, given, revise))

    assert recorded.exit_code == 0, recorded.output
    assert imported.exit_code == 0, imported.output
    assert current(database_url, by_record) == expected
    assert current(database_url, by_import) == expected


def test_a_revision_that_restates_only_what_is_stored_is_unchanged_on_both_paths(
    initialised: Run, database_url: str, tmp_path: Path
) -> None:
    for period in ("2020-05", "2020-04"):
        assert initialised(*record_args(period, ESTIMATE, revise=False)).exit_code == 0
    engine = make_engine(database_url)
    before = snapshot(engine)

    recorded = initialised(*record_args("2020-05", Given("5.5", note="快报"), revise=True))
    imported = initialised(*import_args(tmp_path, "2020-04", Given("5.5", note="快报"), True))

    assert recorded.exit_code == 0, recorded.output
    assert "already recorded as 5.5; nothing changed" in recorded.stdout
    assert imported.exit_code == 0, imported.output
    assert "1 unchanged" in imported.stdout
    assert snapshot(engine) == before
    engine.dispose()


# docs/status-rules.md, "Revisions": over a withdrawn figure, a figure is new again.
WITHDRAWN_CASES = {
    "another value, without --revise": (
        Given("5.7"),
        False,
        Held(3, Decimal("5.7"), None, False, None, None),
    ),
    "another value, with --revise": (
        Given("5.7"),
        True,
        Held(3, Decimal("5.7"), None, False, None, None),
    ),
    "the withdrawn value, without --revise": (
        Given("5.5"),
        False,
        Held(3, Decimal("5.5"), None, False, None, None),
    ),
    "the withdrawn value, with --revise": (
        Given("5.5"),
        True,
        Held(3, Decimal("5.5"), None, False, None, None),
    ),
    "the withdrawn figure's amount, note, source and flag given again": (
        ESTIMATE,
        False,
        Held(3, Decimal("5.5"), Decimal(1000), True, "快报", "区统计局"),
    ),
    "a note of its own, the rest not carried": (
        Given("5.7", note="正式数"),
        False,
        Held(3, Decimal("5.7"), None, False, "正式数", None),
    ),
    "the withdrawn value said to be final": (
        Given("5.5", preliminary=False),
        True,
        Held(3, Decimal("5.5"), None, False, None, None),
    ),
}


def withdrawn(run: Run, *periods: str) -> None:
    """The estimate recorded, then withdrawn, in each of ``periods``."""
    for period in periods:
        assert run(*record_args(period, ESTIMATE, revise=False)).exit_code == 0
        taken = run("withdraw", "industry", "--period", period, "--reason", "应为上月数据")
        assert taken.exit_code == 0, taken.output


def reason_and_flag(database_url: str, period: str) -> tuple[str | None, bool]:
    """The latest revision's reason and withdrawn flag."""
    engine = make_engine(database_url)
    try:
        with read_session(engine) as session:
            row = session.exec(
                select(FigureRow)
                .where(FigureRow.period == period)
                .order_by(col(FigureRow.revision).desc())
            ).first()
    finally:
        engine.dispose()
    assert row is not None
    return row.reason, row.withdrawn


@pytest.mark.parametrize(
    ("given", "revise", "expected"), WITHDRAWN_CASES.values(), ids=WITHDRAWN_CASES.keys()
)
def test_over_a_withdrawn_figure_record_and_import_both_store_a_new_clean_figure(
    initialised: Run,
    database_url: str,
    tmp_path: Path,
    given: Given,
    revise: bool,
    expected: Held,
) -> None:
    by_record, by_import = "2020-05", "2020-04"
    withdrawn(initialised, by_record, by_import)

    recorded = initialised(*record_args(by_record, given, revise))
    imported = initialised(*import_args(tmp_path, by_import, given, revise))

    assert recorded.exit_code == 0, recorded.output
    assert recorded.stdout == f"Recorded industry {by_record} = {given.value}\n"
    assert imported.exit_code == 0, imported.output
    assert imported.stdout.splitlines()[-1] == (
        "Imported: 1 added, 0 revised, 0 unchanged · 已导入：新增1条，修订0条，未变0条"
    )
    reason = "区统计局修订" if revise else None
    for period in (by_record, by_import):
        assert (current(database_url, period), reason_and_flag(database_url, period)) == (
            expected,
            (reason, False),
        )


def test_a_figure_recorded_anew_is_then_unchanged_or_revised_from_itself_on_both_paths(
    initialised: Run, database_url: str, tmp_path: Path
) -> None:
    by_record, by_import = "2020-05", "2020-04"
    withdrawn(initialised, by_record, by_import)
    anew = Given("5.7", note="正式数")
    assert initialised(*record_args(by_record, anew, revise=False)).exit_code == 0
    assert initialised(*import_args(tmp_path, by_import, anew, revise=False)).exit_code == 0
    engine = make_engine(database_url)
    before = snapshot(engine)

    recorded = initialised(*record_args(by_record, anew, revise=False))
    imported = initialised(*import_args(tmp_path, by_import, anew, revise=False))

    assert "already recorded as 5.7; nothing changed" in recorded.stdout
    assert "0 added, 0 revised, 1 unchanged" in imported.stdout
    assert snapshot(engine) == before
    engine.dispose()

    assert initialised(*record_args(by_record, Given("5.8"), revise=True)).exit_code == 0
    assert initialised(*import_args(tmp_path, by_import, Given("5.8"), revise=True)).exit_code == 0
    expected = Held(4, Decimal("5.8"), None, False, "正式数", None)
    assert (current(database_url, by_record), current(database_url, by_import)) == (
        expected,
        expected,
    )

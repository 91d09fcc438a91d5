"""A province's reports stay byte for byte what they were: every format of three reports of a
generated province of 24 districts (league tables long enough to be cut short, a peer without
a June figure, a withdrawn figure, revised figures, ties, the province's own figures as the
parent's), compared with the golden files in ``golden/province/``, on SQLite and PostgreSQL.

Set TRACKER_UPDATE_GOLDEN=1 to write them again (and read the diff before committing it)."""

import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, insert, select

from benchmarks import province_data
from tests.conftest import POSTGRES_ENV
from tracker.app.database import Database
from tracker.app.reports import render_report
from tracker.app.status import all_goal_statuses
from tracker.configuration.load import load_config
from tracker.domain.periods import Period
from tracker.reporting.serialize import status_document
from tracker.store.tables import FigureRow, IndicatorRow

GOLDEN = Path(__file__).parent / "golden" / "province"
UPDATE = bool(os.environ.get("TRACKER_UPDATE_GOLDEN"))
FORMATS = ("html", "email_html", "text", "markdown", "json")
REPORTS = (("d000", "zh"), ("d012", "zh"), ("d012", "en"), ("province", "zh"))
WHEN = datetime(2020, 7, 10, tzinfo=UTC)
GOLDEN_WRITTEN: dict[str, bool] = {}  # with TRACKER_UPDATE_GOLDEN: by the first backend only


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def province(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Any]:
    url = None
    if request.param == "postgresql":
        url = os.environ.get(POSTGRES_ENV)
        if not url:
            pytest.skip(f"no PostgreSQL: set {POSTGRES_ENV} (see docs/testing.md, 'PostgreSQL')")
    built = province_data.build(
        tmp_path_factory.mktemp("province"),
        backend=request.param,
        postgres_url=url,
        places=24,
        indicators=5,
        years=2,
    )
    _vary(built)
    yield built
    built.close()


def _vary(built: Any) -> None:
    """What a real province has and the generated one lacks."""
    table = FigureRow.__table__  # type: ignore[attr-defined]
    with built.engine.begin() as conn:
        ids = dict(conn.execute(select(IndicatorRow.key, IndicatorRow.id)).all())
        rows = []
        for n, key in enumerate(sorted(ids)):  # the province's own figures: the parent's
            for month, value in ((5, 4 + n), (6, 5 + n)):
                rows.append(_row(ids[key], "province", month, 1, value))
        rows.append(_row(ids["i000"], "d005", 6, 3, 7, withdrawn=True))  # taken back
        rows.append(_row(ids["i002"], "d003", 6, 3, 12))  # revised ...
        rows.append(_row(ids["i002"], "d004", 6, 3, 12))  # ... to tie with another
        rows.append(_row(ids["i001"], "d012", 5, 3, 99))  # the place's own May, revised
        conn.execute(insert(table), rows)
        conn.execute(
            delete(table).where(
                table.c.place == "d007", table.c.period == "2020-06", table.c.indicator_id == 2
            )
        )


def _row(
    indicator_id: int, place: str, month: int, revision: int, value: int, withdrawn: bool = False
) -> dict[str, Any]:
    return {
        "indicator_id": indicator_id,
        "place": place,
        "period": f"2020-{month:02d}",
        "period_end": Period.month(2020, month).end,
        "revision": revision,
        "value": value,
        "preliminary": False,
        "recorded_by": "golden",
        "recorded_at": WHEN,
        "withdrawn": withdrawn,
    }


def _made(province: Any, place: str, lang: str) -> dict[str, str]:
    places = load_config(province.config, env={}).places
    bundle = render_report(
        Database(province.engine),
        as_of=province.as_of,
        year=province.year,
        places=places,
        place=place,
        lang=lang,
        charts=False,
    )
    return {name: getattr(bundle, name) for name in FORMATS}


def _compare(name: str, made: dict[str, str]) -> None:
    golden = GOLDEN / f"{name}.json"
    if UPDATE and not GOLDEN_WRITTEN.get(name):
        GOLDEN_WRITTEN[name] = True
        golden.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(made, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        golden.write_text(text, encoding="utf-8")
    stored = json.loads(golden.read_text(encoding="utf-8"))
    assert sorted(made) == sorted(stored)
    for fmt, content in made.items():
        assert content == stored[fmt], f"{name}: {fmt} differs from {golden}"


@pytest.mark.parametrize(("place", "lang"), REPORTS)
def test_a_province_report_is_the_golden_one(province: Any, place: str, lang: str) -> None:
    _compare(f"report-{place}-{lang}", _made(province, place, lang))


def test_the_status_of_every_place_is_the_golden_one(province: Any) -> None:
    places = load_config(province.config, env={}).places
    by_place = all_goal_statuses(
        Database(province.engine), as_of=province.as_of, year=province.year, places=places
    )
    made = {
        place or "home": json.dumps(
            status_document(statuses, province.as_of), ensure_ascii=False, sort_keys=True
        )
        for place, statuses in by_place.items()
    }
    _compare("status-every-place", made)

"""One bureau's writer process: ``python -m benchmarks.writer URL PLACE SECONDS BY``.

Records the figure of WRITTEN_PERIOD for every indicator of the place (stored key ``PLACE``)
again and again for ``SECONDS`` with ``record_figure`` (the first time new, then as revisions
with a reason, each with a value different from the one before), and prints as JSON what it
was told was stored: per indicator key the (revision, value) pairs, and the failures.
"""

import json
import sys
import time
from datetime import UTC, datetime
from decimal import Decimal

from tracker.app.database import Database

WRITTEN_PERIOD = "2020-07"  # after the generated figures, which run up to June 2020


def value_of(round_: int) -> Decimal:
    """The value written in round ``round_``: a different one each round, inside every
    generated indicator's range."""
    return Decimal(200 + round_ % 50) / 10


def main(url: str, place: str, seconds: float, by: str) -> dict[str, object]:
    from tracker.app.figures import FigureInput, record_figure
    from tracker.store.db import make_engine, read_session
    from tracker.store.indicators import indicator_ids

    engine = make_engine(url, create=False)
    with read_session(engine) as session:
        keys = sorted(indicator_ids(session=session))
    written: dict[str, list[tuple[int, str]]] = {key: [] for key in keys}
    failures: list[str] = []
    failed = 0
    deadline = time.monotonic() + seconds
    round_ = 0
    while time.monotonic() < deadline:
        for key in keys:
            value = str(value_of(round_))
            try:
                recorded = record_figure(
                    Database(engine),
                    FigureInput(key, WRITTEN_PERIOD, value, place=place, source=by),
                    by=by,
                    now=datetime.now(UTC),
                    reason=None if round_ == 0 else f"round {round_}",
                    force=True,
                )
            except Exception as error:  # counted and reported: the parent fails the case
                failed += 1
                if len(failures) < 5:
                    failures.append(f"{type(error).__name__}: {error}"[:300])
                continue
            written[key].append((recorded.revision, str(recorded.value)))
        round_ += 1
    engine.dispose()
    return {"place": place, "written": written, "failed": failed, "failures": failures}


if __name__ == "__main__":
    url, place, seconds, by = sys.argv[1:]
    print(json.dumps(main(url, place, float(seconds), by)))

"""The status of every goal of a province computed by others, on the same rows, as references:
a plain Python loop over the driver's tuples, and polars (the ``bench`` extra). Both read the
same revisions with the driver alone, keep each period's newest revision, and decide each
goal's verdict with the rules of docs/status-rules.md for the kinds of goal the province
benchmark sets (``benchmarks.data.KINDS``): growth at least / at most a value, a count at least
a value (paced by month, achieved once reached, bands as shares), a level's and a rank's change
over last year's December. A goal of another kind is refused (``Unsupported``), so a reference
never gives a verdict the project would not.

``check`` compares their verdicts with the project's, goal by goal: a reference that decides
otherwise is broken, and its time means nothing.
"""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

# (stored place key, indicator key) -> status, as ``Status.value`` says it.
Verdicts = dict[tuple[str, str], str]

FIGURES = (
    "SELECT e.place, i.key, e.period, e.period_end, e.revision, e.value, e.withdrawn "
    "FROM entry e JOIN indicator i ON i.id = e.indicator_id "
    "WHERE e.period_end BETWEEN {0} AND {0}"
)
GOALS = (
    "SELECT g.place, i.key, i.measure, g.comparator, g.basis, g.target, g.tolerance, g.warning, "
    "g.kind, g.pace, g.reference, g.reference_place, g.rank_among, g.scored_on "
    "FROM goal g JOIN indicator i ON i.id = g.indicator_id WHERE g.year = {0} AND NOT g.retired"
)
MEASURES = ("growth", "level", "count", "rank")


class Unsupported(Exception):
    """A goal the references do not know how to decide."""


def _queries(connection: Any, year: int, as_of: date) -> tuple[list[Any], list[Any]]:
    """The rows both references start from: every revision of ``year - 1`` and ``year`` that
    has ended by ``as_of``, and the year's goals."""
    mark = "?" if type(connection).__module__.startswith("sqlite3") else "%s"
    first, last = date(year - 1, 1, 1), min(as_of, date(year, 12, 31))
    bounds: tuple[Any, ...] = (first, last)
    if mark == "?":
        bounds = (str(first), str(last))
    figures = connection.execute(FIGURES.format(mark), bounds).fetchall()
    goals = connection.execute(GOALS.format(mark), (year,)).fetchall()
    for goal in goals:
        _supported(goal)
    return figures, goals


def _supported(goal: Any) -> None:
    _, _, measure, comparator, basis, _, _, _, kind, pace, reference, place, rank, on = goal
    plain = (kind, pace, reference, place, rank, on) == (
        "number",
        "linear",
        None,
        None,
        None,
        "value",
    )
    if not plain or measure not in MEASURES or comparator not in ("at_least", "at_most"):
        raise Unsupported(f"the references do not decide a goal like {goal!r}")
    if basis not in ("value", "change") or (basis == "value" and measure in ("level", "rank")):
        raise Unsupported(f"the references do not decide a goal like {goal!r}")


def _is_sqlite(connection: Any) -> bool:
    return type(connection).__module__.startswith("sqlite3")


def tuple_loop(connection: Any, *, year: int, as_of: date) -> Verdicts:
    """Every goal's verdict, in plain Python over the driver's tuples."""
    figures, goals = _queries(connection, year, as_of)
    current: dict[tuple[str, str, str], tuple[int, Any, Any, bool]] = {}
    for place, key, period, end, revision, value, withdrawn in figures:
        held = current.get((place, key, period))
        if held is None or revision > held[0]:
            current[(place, key, period)] = (revision, end, value, withdrawn)
    latest: dict[tuple[str, str], tuple[Any, Any]] = {}
    baseline: dict[tuple[str, str], Any] = {}
    december = f"{year - 1}-12"
    for (place, key, period), (_, end, value, withdrawn) in current.items():
        if withdrawn:
            continue
        if period == december:
            baseline[(place, key)] = value
        if str(end) >= f"{year}-01-01":  # this year's: keep the latest period
            held_latest = latest.get((place, key))
            if held_latest is None or str(end) > str(held_latest[0]):
                latest[(place, key)] = (end, value)
    verdicts: Verdicts = {}
    numbers: dict[Any, Decimal] = {}

    def number(value: Any) -> Decimal:
        found = numbers.get(value)
        if found is None:
            found = numbers[value] = Decimal(value)
        return found

    for place, key, measure, comparator, basis, target, tolerance, warning, *_ in goals:
        found = latest.get((place, key))
        if found is None:
            verdicts[(place, key)] = "no_data"
            continue
        end, value = found
        score = number(value)
        if basis == "change":
            base = baseline.get((place, key))
            if base is None:
                verdicts[(place, key)] = "no_data"
                continue
            score = number(base) - score if measure == "rank" else score - number(base)
        month = end.month if isinstance(end, date) else int(str(end)[5:7])
        verdicts[(place, key)] = _verdict(
            measure, comparator, score, number(target), number(tolerance), number(warning), month
        )
    return verdicts


def _verdict(
    measure: str,
    comparator: str,
    score: Decimal,
    target: Decimal,
    tolerance: Decimal,
    warning: Decimal,
    month: int,
) -> str:
    """docs/status-rules.md, "The verdict", for the kinds ``_supported`` lets through."""
    final = month == 12
    upward = comparator == "at_least"
    against = target
    if measure == "count":
        if not final:
            against = target * month / 12
            if upward and score >= target:
                return "achieved"
        tolerance, warning = abs(against) * tolerance, abs(against) * warning
    margin = score - against if upward else against - score
    if final:
        return "achieved" if margin >= -tolerance else "missed"
    if margin >= -tolerance:
        return "on_track"
    return "at_risk" if margin >= -(tolerance + warning) else "lagging"


def polars_frames(connection: Any, *, year: int, as_of: date) -> Verdicts:
    """Every goal's verdict, computed by polars from the driver's rows."""
    import polars as pl

    figures, goals = _queries(connection, year, as_of)
    number = pl.Decimal(20, 6)
    rows = pl.DataFrame(
        figures,
        schema=["place", "key", "period", "end", "revision", "value", "withdrawn"],
        orient="row",
        infer_schema_length=None,
    ).with_columns(pl.col("value").cast(pl.String).cast(number), pl.col("end").cast(pl.Date))
    current = (
        rows.sort("revision")
        .group_by(["place", "key", "period"])
        .last()
        .filter(~pl.col("withdrawn").cast(pl.Boolean))
    )
    latest = (
        current.filter(pl.col("end").dt.year() == year)
        .sort("end")
        .group_by(["place", "key"])
        .last()
        .select(
            "place", "key", pl.col("value").alias("latest"), pl.col("end").dt.month().alias("m")
        )
    )
    baseline = current.filter(pl.col("period") == f"{year - 1}-12").select(
        "place", "key", pl.col("value").alias("base")
    )
    names = ["place", "key", "measure", "comparator", "basis", "target", "tolerance", "warning"]
    frame = pl.DataFrame([g[:8] for g in goals], schema=names, orient="row").with_columns(
        *(pl.col(c).cast(pl.String).cast(number) for c in ("target", "tolerance", "warning"))
    )
    joined = frame.join(latest, on=["place", "key"], how="left").join(
        baseline, on=["place", "key"], how="left"
    )
    decided = joined.with_columns(_status_expression(pl)).select("place", "key", "status")
    return {(p, k): s for p, k, s in decided.iter_rows()}


def _status_expression(pl: Any) -> Any:
    """The verdict as one polars expression over the joined goals and figures."""
    change = pl.col("basis") == "change"
    score = (
        pl.when(change & (pl.col("measure") == "rank"))
        .then(pl.col("base") - pl.col("latest"))
        .when(change)
        .then(pl.col("latest") - pl.col("base"))
        .otherwise(pl.col("latest"))
    )
    final = pl.col("m") == 12
    count = pl.col("measure") == "count"
    against = (
        pl.when(count & ~final)
        .then(pl.col("target") * pl.col("m") / 12)
        .otherwise(pl.col("target"))
    )
    scale = pl.when(count).then(against.abs()).otherwise(1)
    tolerance, warning = pl.col("tolerance") * scale, pl.col("warning") * scale
    upward = pl.col("comparator") == "at_least"
    margin = pl.when(upward).then(score - against).otherwise(against - score)
    return (
        pl.when(pl.col("latest").is_null() | score.is_null())
        .then(pl.lit("no_data"))
        .when(count & ~final & upward & (score >= pl.col("target")))
        .then(pl.lit("achieved"))
        .when(final & (margin >= -tolerance))
        .then(pl.lit("achieved"))
        .when(final)
        .then(pl.lit("missed"))
        .when(margin >= -tolerance)
        .then(pl.lit("on_track"))
        .when(margin >= -(tolerance + warning))
        .then(pl.lit("at_risk"))
        .otherwise(pl.lit("lagging"))
        .alias("status")
    )


REFERENCES: dict[str, Callable[..., Verdicts]] = {
    "tuple loop": tuple_loop,
    "polars": polars_frames,
}


def available(name: str) -> bool:
    """Whether a reference's library is installed (polars comes with the ``bench`` extra)."""
    if name != "polars":
        return True
    import importlib.util

    return importlib.util.find_spec("polars") is not None


def check(name: str, theirs: Verdicts, ours: Verdicts) -> None:
    """Raises RuntimeError naming the first goals whose verdicts differ."""
    if theirs == ours:
        return
    differ = sorted(k for k in ours.keys() | theirs.keys() if ours.get(k) != theirs.get(k))
    shown = ", ".join(f"{k}: ours {ours.get(k)}, {name} {theirs.get(k)}" for k in differ[:5])
    raise RuntimeError(f"{name} decides {len(differ)} goals otherwise: {shown}")

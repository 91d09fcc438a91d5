"""``plans/<name>.toml``: multi-year plans (十四五规划) and their goals, each checked
(docs/status-rules.md, "Plan goals").

    name_zh = "十四五规划"
    name_en = "14th Five-Year Plan"
    years = [2021, 2025]

    [goals.gdp]
    basis = "annual_average"   # 年均增长6%
    target = 6

Each mistake is one problem with its line and its fix: an unknown key (with the closest known
one), years that are not [first, last], a goal on an unknown indicator, a basis its indicator's
measure cannot add up (an average of a count, a sum of a rate).
"""

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

from tracker.configuration.problems import Problems, Source, close_hint
from tracker.configuration.tables import NAME_LIMIT, Table, tables
from tracker.domain.model import Comparator, Indicator, Measure
from tracker.domain.places import Places
from tracker.domain.plans import Plan, PlanBasis, PlanGoal

PLAN_KEYS = ("name_zh", "name_en", "years", "place", "goals")
PLAN_GOAL_KEYS = (
    "basis", "target", "indicator", "comparator", "tolerance", "warning", "label_zh", "label_en",
)  # fmt: skip
# The measures each basis adds up: a growth averages, a level or stock ends, a count sums.
MEASURES_OF = {
    PlanBasis.ANNUAL_AVERAGE: (Measure.GROWTH,),
    PlanBasis.END_LEVEL: (Measure.LEVEL, Measure.STOCK, Measure.RANK),
    PlanBasis.CUMULATIVE: (Measure.COUNT,),
}
DEFAULT_WARNING = {  # points; a cumulative total's, a share of the sum expected by then
    PlanBasis.ANNUAL_AVERAGE: Decimal(1),
    PlanBasis.END_LEVEL: Decimal(1),
    PlanBasis.CUMULATIVE: Decimal("0.10"),
}


def plan(
    source: Source,
    problems: Problems,
    known: Mapping[str, Indicator],
    indicator_keys: set[str] | None,
    places: Places,
) -> Plan | None:
    """The plan of one file (its key is the file's name); None with its problems recorded."""
    data = source.data
    top = _Top(source, problems, "", {k: v for k, v in data.items() if k != "goals"}, PLAN_KEYS)
    name_zh = top.text("name_zh", limit=NAME_LIMIT)
    name_en = top.text("name_en", limit=NAME_LIMIT)
    years = _years(top)
    place = _place(top, places)
    found = []
    for key, table in tables(source, "goals", problems, also=PLAN_KEYS).items():
        t = Table(source, problems, f"goals.{key}", table, PLAN_GOAL_KEYS)
        goal = _goal(t, key, known, indicator_keys)
        if goal is not None and t.ok:
            found.append(goal)
    if not top.ok or years is None or place is None:
        return None
    key = Path(source.path).stem
    return Plan(key, name_zh, name_en, years[0], years[1], tuple(found), place)


class _Top(Table):
    """The file's top-level keys: their problems say no table."""

    def fail(self, message: str, key: str | None = None) -> None:
        self.ok = False
        self.problems.add(self.source, message, key=key)


def _years(t: Table) -> tuple[int, int] | None:
    """``years = [first, last]``: the plan's first and last years, first before last."""
    years = t.table.get("years")
    if (
        not isinstance(years, list)
        or len(years) != 2
        or not all(isinstance(y, int) and not isinstance(y, bool) for y in years)
        or not 1900 <= years[0] < years[1] <= 2999
    ):
        t.fail("'years' must be [first, last], e.g. years = [2021, 2025]", "years")
        return None
    return years[0], years[1]


def _place(t: Table, places: Places) -> str | None:
    """``place``: the plan's place (a key of places.toml; default home), as a stored key."""
    key = t.table.get("place")
    if key is None:
        return places.stored(None)
    if not isinstance(key, str) or key not in places.by_key:
        t.fail(f"'place': no place '{key}' in places.toml; {close_hint(str(key), places.by_key)}",
               "place")  # fmt: skip
        return None
    return places.stored(key)


def _goal(
    t: Table, key: str, known: Mapping[str, Indicator], indicator_keys: set[str] | None
) -> PlanGoal | None:
    """One plan goal from its table, or None with its problems recorded."""
    indicator_key = t.text("indicator") if "indicator" in t.table else key
    if indicator_keys is not None and indicator_key not in indicator_keys:
        hint = close_hint(indicator_key, indicator_keys)
        t.fail(f"no indicator '{indicator_key}' in indicators.toml; {hint}",
               "indicator" if "indicator" in t.table else None)  # fmt: skip
        return None
    indicator = known.get(indicator_key)
    basis = t.choice("basis", PlanBasis)
    comparator = t.choice("comparator", Comparator, "at_least")
    if comparator not in (Comparator.AT_LEAST, Comparator.AT_MOST):
        t.fail('a plan goal takes comparator = "at_least" or "at_most"', "comparator")
    if indicator is not None and t.ok and indicator.measure not in MEASURES_OF[basis]:
        measures = " or ".join(m.value for m in MEASURES_OF[basis])
        t.fail(f"basis = \"{basis.value}\" adds up a {measures}, and {indicator_key} is a "
               f"{indicator.measure.value}", "basis")  # fmt: skip
    target = t.number("target")
    tolerance = t.number("tolerance", Decimal(0), low=Decimal(0))
    warning = t.number("warning", DEFAULT_WARNING[basis], low=Decimal(0))
    if indicator is None or not t.ok:
        return None
    return PlanGoal(
        key=key,
        indicator=indicator,
        basis=basis,
        target=target,
        comparator=comparator,
        tolerance=tolerance,
        warning=warning,
        label_zh=str(t.table.get("label_zh", "")),
        label_en=str(t.table.get("label_en", "")),
    )

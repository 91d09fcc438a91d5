"""The typo guards: a figure that is possible but most likely mistyped (DOMAIN.md, "Figures as
bureaus write them", plausibility). Each is refused unless forced.

- a year-to-date count below the previous period's of the same year (a count cannot fall);
- a rate (unit ``%``) that moves further than the indicator's ``max_step`` (default 10
  percentage points) from the previous period of the same year: 56 typed for 5.6; or, for the
  year's first figure, from last year's last when it is also five times as large (a slipped
  decimal point: 15 typed for 1.5 in January, not GDP's fall from 8 to −2.6 in 2020);
- a fraction of a person (or of any unit counted whole).
"""

from decimal import Decimal

from tracker.domain.errors import InvalidInput
from tracker.domain.measures import rules_of
from tracker.domain.model import Figure, Indicator
from tracker.domain.numbers import plain
from tracker.domain.periods import Period, periods_of_year
from tracker.domain.written_values import WHOLE_UNITS

DEFAULT_MAX_STEP = Decimal(10)  # percentage points
SLIPPED = 5  # the year's first figure this many times last year's last: a slipped decimal point


class Implausible(InvalidInput):
    """A figure a typo guard stops; ``--force`` records it anyway."""


def previous_figure(
    period: Period, figures: list[Figure], indicator: Indicator | None = None
) -> Figure | None:
    """The latest of ``figures`` before ``period`` in the same year (year-to-date figures start
    again in January); for the first period of the year of ``indicator`` (January, or
    January–February; Q1), the latest of last year (its December, Q4 or year): what a
    mistyped January is held against. None without either."""
    earlier = [f for f in figures if f.period.year == period.year and f.period < period]
    if not earlier and indicator is not None and period == _first_period(indicator, period.year):
        earlier = [f for f in figures if f.period.year == period.year - 1]
    return max(earlier, key=lambda f: f.period, default=None)


def _first_period(indicator: Indicator, year: int) -> Period:
    return periods_of_year(year, indicator.cadence, indicator.start_month)[0]


def check_plausible(
    indicator: Indicator, period: Period, value: Decimal, previous: Figure | None
) -> None:
    """Raise Implausible (English and Chinese, with the fix) when a guard stops ``value``.

    ``previous``: the figure of the latest earlier period of the same year, or for the year's
    first figure last year's latest (``previous_figure``); None when none. A year-to-date
    count starts again in January: it is held against the same year's only.
    """
    where = f"{indicator.key} {period}"
    if indicator.unit in WHOLE_UNITS and value != value.to_integral_value():
        raise Implausible(
            f"{where}: {plain(value)}{indicator.unit} is a fraction of one; write a whole "
            "number (a count), or use --force if it is right.",
            zh=f"{where}：{plain(value)}{indicator.unit}不是整数；请填写整数，"
            "确属无误可加 --force。",
        )
    if previous is None:
        return
    same_year = previous.period.year == period.year
    if rules_of(indicator).cumulative and same_year and value < previous.value:
        raise Implausible(
            f"{where}: {plain(value)} is below {plain(previous.value)} recorded for "
            f"{previous.period}, but a year-to-date count cannot fall; check the figure "
            "(a missing digit?), or use --force if it is right.",
            zh=f"{where}：{plain(value)}低于{previous.period}的{plain(previous.value)}，"
            "累计数不会下降；请核对（是否漏了一位？），确属无误可加 --force。",
        )
    if indicator.unit == "%":
        step = indicator.max_step if indicator.max_step is not None else DEFAULT_MAX_STEP
        moved = abs(value - previous.value)
        # Across the year's turn a real swing is common (base effects): there only a move
        # that also reads as a slipped decimal point (five times as large, or more) is held.
        slipped = same_year or abs(value) >= SLIPPED * abs(previous.value)
        if moved > step and slipped:
            raise Implausible(
                f"{where}: {plain(value)}% moves {plain(moved)} points from "
                f"{plain(previous.value)}% in {previous.period}, more than {plain(step)} "
                "(max_step); check the decimal point, or use --force if it is right.",
                zh=f"{where}：{plain(value)}%较{previous.period}的{plain(previous.value)}%"
                f"变动{plain(moved)}个百分点，超过{plain(step)}（max_step）；请核对小数点，"
                "确属无误可加 --force。",
            )

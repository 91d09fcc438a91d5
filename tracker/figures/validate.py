"""The checks every figure passes, typed or imported, before anything is written."""

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from tracker.domain.errors import InvalidInput, NotFound
from tracker.domain.model import Indicator
from tracker.domain.numbers import checked, parse_number, plain
from tracker.domain.periods import Cadence, Period, check_cadence

# Plain ASCII numbers ("8.5", "-3", "4300") read exactly as parse_number reads them, without
# its normalisation steps: a file of 100,000 figures is mostly such numbers.
_PLAIN_ASCII = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


@dataclass(frozen=True)
class CheckedFigure:
    indicator: Indicator
    period: Period
    value: Decimal
    amount: Decimal | None


class Checker:
    """Validates figures against the indicators and the years that have goals.

    Built once from what the database holds, then used for one figure or a whole file.
    """

    def __init__(self, indicators: Iterable[Indicator], goal_years: Iterable[int]) -> None:
        self.by_key = {i.key: i for i in indicators}
        self.by_name = {
            n.casefold(): i for i in self.by_key.values() for n in (i.name_zh, i.name_en)
        }
        self.years = sorted({y for year in goal_years for y in (year - 1, year)})
        # Memos for checking many figures: a file repeats the same periods thousands of times.
        self._periods: dict[str, Period] = {}
        self._fits: dict[tuple[Cadence, int, str], str | None] = {}

    def indicator(self, text: str) -> Indicator:
        """The indicator named by its key, or its Chinese or English name."""
        name = text.strip()
        found = self.by_key.get(name) or self.by_name.get(name.casefold())
        if found is not None:
            return found
        names = list(self.by_key) + [i.name_zh for i in self.by_key.values()]
        close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
        keys = dict.fromkeys(
            self.by_key[c].key if c in self.by_key else self._key_of(c) for c in close
        )
        hint = f" Did you mean: {', '.join(keys)}?" if keys else ""
        raise NotFound(f"No indicator '{name}'.{hint} `tracker goals` lists every indicator.")

    def _key_of(self, name_zh: str) -> str:
        return next(i.key for i in self.by_key.values() if i.name_zh == name_zh)

    def figure(
        self,
        indicator: Indicator,
        period_text: str,
        value_text: str,
        amount_text: str | None = None,
        *,
        force: bool = False,
    ) -> CheckedFigure:
        period = self._periods.get(period_text) or self._period(period_text)
        value = _number(value_text)
        amount = _number(amount_text) if amount_text not in (None, "") else None
        if not force:
            fit = (indicator.cadence, indicator.start_month, period_text)
            problem = self._fits[fit] if fit in self._fits else self._fit(fit, period)
            if problem:
                raise InvalidInput(problem.replace("{key}", indicator.key))
            self._check_range(indicator, value)
        return CheckedFigure(indicator, period, value, amount)

    def _period(self, text: str) -> Period:
        period = self._periods[text] = Period.parse(text)
        return period

    def _fit(self, fit: tuple[Cadence, int, str], period: Period) -> str | None:
        """Why a period does not fit a cadence or the goal years, with {key} to fill in."""
        problem = check_cadence(period, fit[0], fit[1])
        if problem:
            self._fits[fit] = f"Period {period} does not fit {{key}}: {problem}."
        elif period.year not in self.years:
            span = f"{self.years[0]}–{self.years[-1]}" if self.years else "none yet"
            self._fits[fit] = (
                f"Period {period} is outside the years that have goals (with their baseline "
                f"years: {span}); add goals for {period.year} to the config, or use --force."
            )
        else:
            self._fits[fit] = None
        return self._fits[fit]

    def _check_range(self, indicator: Indicator, value: Decimal) -> None:
        low, high = indicator.minimum, indicator.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            raise InvalidInput(
                f"{plain(value)}{indicator.unit} is outside the plausible range of "
                f"{indicator.key} ({plain(low or Decimal(0))} to {plain(high or Decimal(0))}); "
                "check the figure, or use --force if it is right."
            )


def _number(text: str) -> Decimal:
    if _PLAIN_ASCII.fullmatch(text):
        value = checked(Decimal(text), text)  # bounds hold even with --force
        return value if value else Decimal(0)  # "-0" becomes 0, as parse_number does
    return parse_number(text)

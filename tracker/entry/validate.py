"""The checks every figure passes, typed or imported, before anything is written."""

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from tracker.domain.errors import InvalidInput, NotFound
from tracker.domain.model import Indicator
from tracker.domain.numbers import parse_number, plain
from tracker.domain.periods import Period, check_cadence


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
        period = Period.parse(period_text)
        value = parse_number(value_text)
        amount = parse_number(amount_text) if amount_text not in (None, "") else None
        if not force:
            self._check_period(indicator, period)
            self._check_range(indicator, value)
        return CheckedFigure(indicator, period, value, amount)

    def _check_period(self, indicator: Indicator, period: Period) -> None:
        problem = check_cadence(period, indicator.cadence, indicator.start_month)
        if problem:
            raise InvalidInput(f"Period {period} does not fit {indicator.key}: {problem}.")
        if period.year not in self.years:
            span = f"{self.years[0]}–{self.years[-1]}" if self.years else "none yet"
            raise InvalidInput(
                f"Period {period} is outside the years that have goals (with their baseline "
                f"years: {span}); add goals for {period.year} to the config, or use --force."
            )

    def _check_range(self, indicator: Indicator, value: Decimal) -> None:
        low, high = indicator.minimum, indicator.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            raise InvalidInput(
                f"{plain(value)}{indicator.unit} is outside the plausible range of "
                f"{indicator.key} ({plain(low or Decimal(0))} to {plain(high or Decimal(0))}); "
                "check the figure, or use --force if it is right."
            )

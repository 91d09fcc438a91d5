"""The checks every figure passes, typed or imported, before anything is written."""

import difflib
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from tracker.domain.errors import InvalidInput, NotFound
from tracker.domain.measures import rules_of
from tracker.domain.model import Figure, Indicator
from tracker.domain.numbers import MAX_MAGNITUDE, checked, parse_number, plain
from tracker.domain.periods import Cadence, Period, check_cadence
from tracker.domain.plausibility import check_plausible, previous_figure
from tracker.domain.written_periods import read_period
from tracker.domain.written_values import WrongUnit, in_unit, read_value

# Plain ASCII numbers ("8.5", "-3", "4300") read exactly as parse_number reads them, without
# its normalisation steps: a file of 100,000 figures is mostly such numbers.
_PLAIN_ASCII = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


class BadPeriod(InvalidInput):
    """The period cannot be read, or does not fit the indicator or the goal years."""


class BadValue(InvalidInput):
    """The value cannot be read, is in a unit that does not fit, or is out of range."""


class BadAmount(InvalidInput):
    """The amount cannot be read."""


class CheckedFigure(NamedTuple):
    """A figure that passed the checks (a tuple: a file makes one for each of its figures)."""

    indicator: Indicator
    period: Period
    value: Decimal
    amount: Decimal | None


class Checker:
    """Validates figures against the indicators and the years that have goals.

    Built once from what the database holds, then used for one figure or a whole file.
    """

    def __init__(
        self, indicators: Iterable[Indicator], goal_years: Iterable[int], year: int | None = None
    ) -> None:
        """``year``: the year of periods written without one (``1-6月``): --year or the file's."""
        self.by_key = {i.key: i for i in indicators}
        self.by_name: dict[str, Indicator] = {}
        for i in self.by_key.values():
            for name in (i.name_zh, i.name_en, *i.aliases):
                self.by_name.setdefault(_folded(name), i)
        self.by_folded_key = {_folded(k): i for k, i in self.by_key.items()}
        self.years = sorted({y for year in goal_years for y in (year - 1, year)})
        self.year = year
        # Memos for checking many figures: a file repeats the same periods thousands of times.
        self._periods: dict[str, Period] = {}
        self._written: dict[tuple[str, Cadence, bool], Period] = {}
        self._fits: dict[tuple[Cadence, int, str], str | None] = {}
        # (indicator key, period as written) → (that indicator, its period, why it does not fit)
        self._known: dict[tuple[str, str], tuple[Indicator, Period, str | None]] = {}

    def indicator(self, text: str) -> Indicator:
        """The indicator named by its key, Chinese or English name or an alias, in any case.

        Raises NotFound with up to three real close matches (by key, name or alias).
        """
        name = text.strip()
        found = self.by_key.get(name) or self.by_folded_key.get(_folded(name))
        found = found or self.by_name.get(_folded(name))
        if found is not None:
            return found
        keys = self.suggestions(name)
        hint = f" Did you mean: {', '.join(keys)}?" if keys else ""
        zh_hint = f"是否要找：{'、'.join(keys)}？" if keys else ""
        raise NotFound(
            f"No indicator '{name}'.{hint} `tracker goals` lists every indicator.",
            zh=f"没有指标'{name}'。{zh_hint}`tracker goals` 列出所有指标。",
        )

    def suggestions(self, text: str) -> list[str]:
        """The keys of up to three indicators whose key, names or aliases are close to
        ``text``, closest first; none when nothing is really close."""
        wanted = _folded(text)
        scores: dict[str, float] = {}
        for i in self.by_key.values():
            for name in (i.key, i.name_zh, i.name_en, *i.aliases):
                candidate = _folded(name)
                score = difflib.SequenceMatcher(None, wanted, candidate).ratio()
                if len(wanted) >= 2 and wanted in candidate:
                    score = max(score, 0.6 + 0.4 * len(wanted) / len(candidate))
                scores[i.key] = max(scores.get(i.key, 0.0), score)
        ranked = sorted((s, k) for k, s in scores.items() if s >= 0.6)
        best = [k for _, k in reversed(ranked)]
        return best[:3]

    def figure(
        self,
        indicator: Indicator,
        period_text: str,
        value_text: str,
        amount_text: str | None = None,
        *,
        force: bool = False,
        previous: list[Figure] | None = None,
    ) -> CheckedFigure:
        """One figure checked: the period resolved against the indicator's cadence, the value
        converted to its unit, the range, the cadence, the goal years and, with ``previous``
        (the indicator's current figures), the typo guards. ``force`` passes all but what
        cannot be read. Raises InvalidInput (with English and Chinese) naming the fix."""
        known = self._known.get((indicator.key, period_text))
        if known is None or known[0] is not indicator:
            known = self._resolved(indicator, period_text)
        period, problem = known[1], known[2]
        try:
            value = _value(indicator, value_text, force)
        except InvalidInput as error:
            raise BadValue(str(error), zh=error.zh) from None
        try:
            amount = _number(amount_text) if amount_text else None
        except InvalidInput as error:
            raise BadAmount(str(error), zh=error.zh) from None
        if not force:
            if problem:
                message = problem.replace("{key}", indicator.key)
                raise BadPeriod(message, zh=_fit_zh(message, indicator, period))
            self._check_range(indicator, value)
            if previous is not None:
                check_plausible(
                    indicator, period, value, previous_figure(period, previous, indicator)
                )
        return CheckedFigure(indicator, period, value, amount)

    def _resolved(self, indicator: Indicator, text: str) -> tuple[Indicator, Period, str | None]:
        """The period ``text`` names for ``indicator``, and why it does not fit its cadence or
        the goal years (None when it does), remembered by the indicator's key and the text:
        every row of a file names one of a few periods. Raises BadPeriod when it names none."""
        try:
            period = self._periods.get(text) or self._period_of(indicator, text)
        except InvalidInput as error:
            raise BadPeriod(str(error), zh=error.zh) from None
        fit = (indicator.cadence, indicator.start_month, str(period))
        problem = self._fits[fit] if fit in self._fits else self._fit(fit, period)
        known = self._known[(indicator.key, text)] = (indicator, period, problem)
        return known

    def _period_of(self, indicator: Indicator, text: str) -> Period:
        """A period in any written form: canonical ones memoised for every indicator, the others
        per cadence and kind of measure."""
        try:
            return self._period(text)
        except InvalidInput:
            pass
        year_to_date = _year_to_date(indicator)
        memo = (text, indicator.cadence, year_to_date)
        period = self._written.get(memo)
        if period is None:
            period = read_period(
                text, cadence=indicator.cadence, year_to_date=year_to_date, year=self.year
            )
            self._written[memo] = period
        return period

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
            raise BadValue(
                f"{plain(value)}{indicator.unit} is outside the plausible range of "
                f"{indicator.key} ({plain(low or Decimal(0))} to {plain(high or Decimal(0))}); "
                "check the figure, or use --force if it is right.",
                zh=f"{plain(value)}{indicator.unit}超出{indicator.key}的合理范围"
                f"（{plain(low or Decimal(0))}至{plain(high or Decimal(0))}）；请核对，"
                "确属无误可加 --force。",
            )


def _number(text: str) -> Decimal:
    if _PLAIN_ASCII.fullmatch(text):
        value = checked(Decimal(text), text)  # bounds hold even with --force
        return value if value else Decimal(0)  # "-0" becomes 0, as parse_number does
    return parse_number(text)


def _not_a_number_zh(text: str) -> str:
    """What a value that is not a number is told in Chinese (a comma only groups thousands)."""
    comma = (
        "（逗号只用于千位分隔，如 1,234；小数点写作 '.'）" if "," in text or "，" in text else ""
    )
    return f"'{text}' 不是数字{comma}；请写成 8.5、8.5%、增长8.5% 或 2050人。"


def _value(indicator: Indicator, text: str, force: bool) -> Decimal:
    """The value in the indicator's unit: a plain number as written; a bulletin's form
    (增长8.5%, 2.05万人) read and converted. A percent sign on a count is refused unless forced."""
    if _PLAIN_ASCII.fullmatch(text):
        value = Decimal(text)  # finite: only its size may be out of bounds
        if not -MAX_MAGNITUDE < value < MAX_MAGNITUDE:
            checked(value, text)  # bounds hold even with --force: raises
        return value if value else Decimal(0)
    try:
        number = parse_number(text)
    except InvalidInput as error:
        try:
            written = read_value(text)
        except InvalidInput:
            raise InvalidInput(str(error), zh=_not_a_number_zh(text)) from None
    else:
        if "%" not in text and "％" not in text:
            return number
        written = read_value(text)
    try:
        return checked(in_unit(written, indicator.unit, text), text)
    except WrongUnit:
        if not force:
            raise
        return checked(written.number, text)


_CADENCE_ZH = {Cadence.MONTHLY: "按月", Cadence.QUARTERLY: "按季", Cadence.ANNUAL: "按年"}
_EXAMPLE = re.compile(r"(?:e\.g\.|alone, e\.g\.|is) (\d{4}(?:-(?:Q\d|\d{2}))?)")


def _fit_zh(message: str, indicator: Indicator, period: Period) -> str:
    """The Chinese line of a period that does not fit the cadence or the goal years."""
    if "does not fit" in message:
        example = _EXAMPLE.search(message)
        write = f"；请写成 {example[1]}" if example else ""
        return (
            f"期间{period}与指标{indicator.key}的发布频率（"
            f"{_CADENCE_ZH[indicator.cadence]}）不符{write}。"
        )
    return f"期间{period}所在年度没有目标；请在配置中添加{period.year}年的目标，或加 --force。"


def _year_to_date(indicator: Indicator) -> bool:
    """Figures counted from January: growth over the same months, or a cumulative count."""
    measure = rules_of(indicator)
    return measure.year_on_year or measure.cumulative


def _folded(name: str) -> str:
    """A name as compared: case, width and spaces ignored."""
    return unicodedata.normalize("NFKC", name).casefold().replace(" ", "")

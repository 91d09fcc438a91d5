"""Words and numbers in the reader's language: gettext catalogs, and Babel with explicit patterns.

The source language of the messages is English; ``locale/zh`` holds the Chinese catalog
(``messages.po`` and its compiled ``messages.mo``, both shipped in the package).
"""

import gettext
from datetime import date, datetime
from datetime import date as Day
from decimal import Decimal
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, parse_pattern

from tracker.domain.errors import InvalidInput
from tracker.domain.periods import Period

LANGUAGES = {"zh": "zh_CN", "en": "en_US"}
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
# Units people read in English; the indicator's own unit is what Chinese readers see.
UNITS_EN = {"人": "people", "位": "places", "个": "", "家": "firms", "项": "projects"}
QUARTERS_ZH = {3: "一季度", 6: "上半年", 9: "前三季度", 12: "全年"}
QUARTERS_EN = {3: "Q1", 6: "H1", 9: "Q1–Q3", 12: "full year"}


def marked(message: str) -> str:
    """Mark a message for extraction where it is translated later (gettext's N_)."""
    return message


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise InvalidInput(
            f"'{lang}' is not a report language; use one of: zh, en.",
            zh=f"'{lang}' 不是报告语言；请用 zh 或 en。",
        )
    return lang


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog for ``lang``; English is the source language and needs none."""
    if check_language(lang) == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])


@cache
def _pattern(places: int) -> NumberPattern:
    return parse_pattern("#,##0" + ("." + "0" * places if places > 0 else ""))


class Words:
    """Everything a report says, in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = check_language(lang)
        self.locale = Locale.parse(LANGUAGES[lang])
        self.catalog = translations(lang)
        # Each number said once per report: the email is made several times over to fit
        # its budget, and every format says the same figures (docs/performance.md).
        self._numbers: dict[tuple[Decimal, bool, int], str] = {}

    def __call__(self, message: str, **values: object) -> str:
        text = self.catalog.gettext(message)
        return text % values if values else text

    def plural(self, singular: str, plural: str, n: int, **values: object) -> str:
        return self.catalog.ngettext(singular, plural, n) % {"n": n, **values}

    def number(self, value: Decimal, places: int) -> str:
        """1234.5 → '1,234.5' with exactly ``places`` decimals (Babel's default would round)."""
        key = (value, value.is_signed(), places)  # -0 is said as it is written
        said = self._numbers.get(key)
        if said is None:
            said = self._numbers[key] = str(_pattern(places).apply(value, self.locale))
        return said

    def percent(self, value: Decimal, places: int = 1) -> str:
        """A figure already in percent: 8.5 → '8.5%'."""
        return self.number(value, places) + "%"

    def short_month(self, month: int) -> str:
        """A month under a chart's dot: '6月' / 'Jun'."""
        if self.lang == "zh":
            return f"{month}月"
        return format_date(date(2000, month, 1), "MMM", locale=self.locale)

    def date(self, day: date) -> str:
        return format_date(day, "long", locale=self.locale)

    def moment(self, moment: datetime, zone: str) -> str:
        """A moment in the zone ``zone``, as people write it: '2020年7月20日 9:30:05' /
        '20 July 2020, 9:30:05' (to the second: a report's moment rebuilds it, ``--as-known``)."""
        local = moment.astimezone(ZoneInfo(zone))
        clock = f"{local.hour}:{local:%M:%S}"
        if self.lang == "zh":
            return f"{local.year}年{local.month}月{local.day}日 {clock}"
        return f"{self.date(local.date())}, {clock}"

    def day(self, day: "Day") -> str:
        """A day of the report's year, without the year: '6月30日' / 'June 30'."""
        return format_date(day, "M月d日" if self.lang == "zh" else "MMMM d", locale=self.locale)

    def unit(self, unit: str) -> str:
        if self.lang == "zh" or unit == "%":
            return unit
        return UNITS_EN.get(unit, unit)

    def month(self, period: Period) -> str:
        """The calendar month of a report: '2020年6月' / 'June 2020'."""
        return format_date(period.end, "yyyy年M月" if self.lang == "zh" else "MMMM y", self.locale)

    def period_end(self, period: Period) -> str:
        """A level at a period's end: '6月末', '2020年末' / 'end of June', 'end of 2020'."""
        if period.months == 12:
            return f"{period.year}年末" if self.lang == "zh" else f"end of {period.year}"
        if self.lang == "zh":
            return f"{period.end_month}月末"
        return "end of " + format_date(period.end, "MMMM", locale=self.locale)

    def period(self, period: Period) -> str:
        """A year-to-date period as bulletins write it: '1-6月', '上半年' / 'Jan–Jun', 'H1'."""
        last = period.end_month
        if period.months == 12:
            return f"{period.year}年" if self.lang == "zh" else str(period.year)
        if period.months == 3:
            return (QUARTERS_ZH if self.lang == "zh" else QUARTERS_EN)[last]
        if self.lang == "zh":
            return f"{last}月" if last == 1 else f"1-{last}月"
        name = format_date(period.end, "MMM", locale=self.locale)
        return name if last == 1 else f"Jan–{name}"

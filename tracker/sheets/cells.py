"""Excel cells read for what they show: percentages scaled, floats at their displayed precision."""

import re
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from tracker.domain.numbers import plain

_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
SIGNIFICANT_DIGITS = 15  # what Excel itself keeps and shows of a number


def cell_text(value: object, number_format: str) -> str:
    """The text a cell's value stands for, as the importer parses it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return plain(shown_number(value, number_format))
    if isinstance(value, datetime | date):
        if value.day == 1:  # Excel turns a typed "2020-07" into 1 July 2020
            return f"{value.year}-{value.month:02d}"
        return value.strftime("%Y-%m-%d")
    if isinstance(value, time):
        return value.isoformat()
    return str(value)


def shown_number(value: int | float, number_format: str) -> Decimal:
    """The decimal a number cell displays.

    A percentage format shows 0.138 as 13.8(%): the figure is 13.8. A float is taken at 15
    significant digits (0.1 + 0.2 is 0.3), then at the decimals the format shows, if it fixes them.
    """
    section = _QUOTED.sub("", (number_format or "General").split(";")[0])
    number = value * 100 if "%" in section else value
    if isinstance(number, int):
        return Decimal(number)
    shown = Decimal(f"{number:.{SIGNIFICANT_DIGITS}g}")
    places = _places(section)
    exponent = shown.as_tuple().exponent
    if places is not None and isinstance(exponent, int) and exponent < -places:
        shown = shown.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return shown


def _places(section: str) -> int | None:
    """How many decimals a number format shows, or None when it does not fix them (General)."""
    if section.strip().casefold() in ("general", "@", ""):
        return None
    point = section.find(".")
    if point < 0:
        return 0 if re.search(r"[0#?]", section) else None
    digits = re.match(r"[0#?]*", section[point + 1 :])
    return len(digits.group()) if digits else 0

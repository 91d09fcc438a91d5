"""Spreadsheet cells as text: percentages scaled, floats at the 15 digits Excel keeps."""

import re
from datetime import date, datetime, time
from decimal import Decimal

from tracker.domain.numbers import plain

_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
SIGNIFICANT_DIGITS = 15  # what Excel itself keeps and shows of a number


def cell_text(value: object, number_format: str) -> str:
    """The text a cell's value stands for, as the importer parses it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return plain(cell_number(value, number_format))
    if isinstance(value, datetime | date):
        if value.day == 1:  # Excel turns a typed "2020-07" into 1 July 2020
            return f"{value.year}-{value.month:02d}"
        return value.strftime("%Y-%m-%d")
    if isinstance(value, time):
        return value.isoformat()
    return str(value)


def cell_number(value: int | float, number_format: str) -> Decimal:
    """The decimal a number cell stores, in percent when its format is a percentage.

    Excel keeps 15 significant digits of a number, so a float is taken at 15 (0.1 + 0.2 is
    0.3); a percentage format scales it, exactly, by 100 (0.0956 in a ``0%`` cell is 9.56). The
    decimals the format displays are not applied: 9.56% shown as ``10%`` is still 9.56, and a
    value finer than its indicator shows is reported by the import's dry run.
    """
    section = _QUOTED.sub("", (number_format or "General").split(";")[0])
    if isinstance(value, int):
        number = Decimal(value)
    else:
        number = Decimal(f"{value:.{SIGNIFICANT_DIGITS}g}")
    return number * 100 if "%" in section else number

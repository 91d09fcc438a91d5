"""Numbers as people type them: ``8.5``, ``8.5%``, ``１２．５％``, ``1,234``, ``−3``."""

import re
import unicodedata
from decimal import Decimal

from tracker.domain.errors import InvalidInput

ACCEPTED_FORMS = "8.5, 8.5%, -3, 1,234 (full-width digits are fine)"

# No figure, target or bound of any indicator comes near this: an amount in yuan of a whole
# province stays below 10^15. Below it, sums and ratios keep 13 digits after the point within
# the 28 digits of Decimal's arithmetic.
MAX_MAGNITUDE = Decimal(10) ** 15

_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-", "\ufe63": "-"})
_PLAIN = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")
_NOT_FINITE = re.compile(r"[+-]?(nan|snan|inf|infinity)", re.IGNORECASE)
_EXPONENT = re.compile(r"[+-]?[0-9.]+e[+-]?[0-9]+", re.IGNORECASE)


def parse_number(text: str) -> Decimal:
    """Parse a figure typed by a person into an exact Decimal.

    The percent sign is a unit marker, not a scale: ``8.5%`` is 8.5 (percent).
    Raises InvalidInput for anything that is not plainly a finite number.
    """
    raw = text
    if any(unicodedata.category(ch) == "No" for ch in raw):
        raise InvalidInput(_refusal(raw, "contains a superscript, fraction or circled digit"))
    s = unicodedata.normalize("NFKC", raw).translate(_MINUS_SIGNS).strip()
    s = s.removesuffix("%").strip()
    if not s:
        raise InvalidInput(_refusal(raw, "is empty"))
    if not s.isascii():
        detail = "only the digits 0-9, half- or full-width" if _has_digit(s) else None
        raise InvalidInput(_refusal(raw, _not_a_number(detail)))
    if _GROUPED.fullmatch(s):
        s = s.replace(",", "")
    if not _PLAIN.fullmatch(s):
        raise InvalidInput(_refusal(raw, _not_a_number(_detail(s))))
    value = checked(Decimal(s), raw)
    return value if value else Decimal(0)  # "-0" becomes 0


def out_of_bounds(value: Decimal) -> str | None:
    """Why a number cannot be a figure, target or bound of any indicator (NaN, an infinity,
    a magnitude of 10^15 or more), or None when it can."""
    if not value.is_finite():
        return "NaN and infinity are not figures"
    if abs(value) >= MAX_MAGNITUDE:
        return "it is 10^15 or more in size, beyond any figure"
    return None


def checked(value: Decimal, raw: str | None = None) -> Decimal:
    """``value`` when it is within the bounds of ``out_of_bounds``; else InvalidInput naming
    ``raw`` (the text as typed) and the fix. Not even --force lets such a number in."""
    problem = out_of_bounds(value)
    if problem is None:
        return value
    shown = raw if raw is not None else plain(value) if value.is_finite() else str(value)
    raise InvalidInput(
        f"'{shown}' 不能作为数值（须为有限数，绝对值小于10的15次方）/ "
        f"'{shown}' cannot be a figure: {problem}; write it in the indicator's unit, "
        f"such as {ACCEPTED_FORMS}."
    )


def _has_digit(s: str) -> bool:
    return any(unicodedata.category(ch) == "Nd" and not ch.isascii() for ch in s)


def _detail(s: str) -> str | None:
    """What is wrong with an ASCII text that is not a plain number, when it can be told."""
    if _NOT_FINITE.fullmatch(s):
        return "NaN and infinity are not figures"
    if _EXPONENT.fullmatch(s):
        return "write it out, without an exponent"
    if "_" in s:
        return "no underscores"
    if "," in s:
        return "commas only group thousands, as in 1,234; the decimal point is '.'"
    return None


def _not_a_number(detail: str | None) -> str:
    return f"is not a number ({detail})" if detail else "is not a number"


def _refusal(raw: str, problem: str) -> str:
    shown = f"'{raw}'" if raw.strip() else "The value"
    return f"{shown} {problem}; write a number such as {ACCEPTED_FORMS}."


def plain(value: Decimal) -> str:
    """The shortest exact text of a Decimal: 8.50 → '8.5', 4300 → '4300'.

    Exact at any precision: no rounding to the decimal context.
    """
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").removesuffix(".")
    return "0" if text in ("-0", "") else text


def fixed(value: Decimal, places: int) -> str:
    """A Decimal rounded half-up to ``places`` decimals, as text."""
    quantum = Decimal(1).scaleb(-places)
    rounded = value.quantize(quantum, rounding="ROUND_HALF_UP")
    return format(rounded if rounded else abs(rounded), "f")  # never "-0.0"

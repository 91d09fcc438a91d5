"""Values as bulletins write them, and their units converted to an indicator's unit.

The forms (DOMAIN.md, "Figures as bureaus write them"): ``8.5``, ``8.5%``, ``增长8.5%``,
``同比增长8.5%``, ``下降2.1%`` (−2.1), ``持平`` (0), ``增长1.6倍`` (+160 percent),
``8.5个百分点``, full-width forms and ``8。5``; counts and amounts with a unit (``2050人``,
``2.05万人``, ``12.3亿元``, ``1,234万元``). The empty markers of a sheet (``—``, ``-``, ``/``,
``暂无``, ``…``) say "no figure" and are read as an empty cell.
"""

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from tracker.domain.errors import InvalidInput
from tracker.domain.numbers import parse_number, plain

EMPTY_MARKERS = frozenset(
    {"—", "——", "-", "--", "－", "/", "／", "\\", "暂无", "无", "…", "……", "...", "—/—", "N/A"}
)

PERCENT = "%"
POINTS = "个百分点"
TIMES = "倍"

# Each unit family: unit → how many of the family's base unit it is.
_FAMILIES: tuple[dict[str, Decimal], ...] = (
    {"人": Decimal(1), "万人": Decimal(10_000), "人次": Decimal(1), "万人次": Decimal(10_000)},
    {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)},
    {"个": Decimal(1), "家": Decimal(1), "户": Decimal(1), "件": Decimal(1), "项": Decimal(1)},
)
# Units counted in whole things: a fraction of one is a typo.
WHOLE_UNITS = frozenset({"人", "人次", "个", "家", "户", "件", "项", "名", "头", "位"})

_UP = ("同比增长", "同比上升", "同比提高", "同比增加", "增长", "上升", "提高", "增加", "回升")
_DOWN = ("同比下降", "同比下滑", "同比减少", "同比回落", "下降", "下滑", "减少", "回落", "降低")
_FLAT = ("持平", "同比持平", "基本持平", "与上年持平", "与上年同期持平")
_UNIT = re.compile(
    r"(%|个百分点|百分点|倍|万人次|人次|万人|人|亿元|万元|元|个|家|户|件|项|名|头|位)$"
)


@dataclass(frozen=True)
class WrittenValue:
    """A number and the unit written after it (None when none was written)."""

    number: Decimal
    unit: str | None


def is_empty_marker(text: str) -> bool:
    """True for the marks a sheet uses for "no figure": ``—``, ``-``, ``/``, ``暂无``, ``…``."""
    return unicodedata.normalize("NFKC", text).strip() in _NORMALISED_MARKERS


_NORMALISED_MARKERS = frozenset(unicodedata.normalize("NFKC", m) for m in EMPTY_MARKERS)


def read_value(text: str) -> WrittenValue:
    """The number ``text`` says and its unit: ``下降2.1%`` → (−2.1, "%").

    ``增长1.6倍`` is +160 percent; ``持平`` is 0 percent. Raises InvalidInput when no number
    can be read, with the forms accepted.
    """
    s = unicodedata.normalize("NFKC", text).strip().replace("。", ".")
    if s in _FLAT:
        return WrittenValue(Decimal(0), PERCENT)
    sign = 1
    for words, factor in ((_DOWN, -1), (_UP, 1)):
        word = next((w for w in words if s.startswith(w)), None)
        if word is not None:
            s, sign = s.removeprefix(word).strip(), factor
            break
    unit = None
    if match := _UNIT.search(s):
        unit = {"百分点": POINTS}.get(match[1], match[1])
        s = s[: match.start()].strip()
    try:
        number = parse_number(s)
    except InvalidInput:
        raise InvalidInput(
            f"'{text}' is not a figure; write a number such as 8.5, 8.5%, 增长8.5%, 下降2.1%, "
            "2050人 or 12.3亿元.",
            zh=f"'{text}' 不是数字；请写成 8.5、8.5%、增长8.5%、下降2.1%、2050人 或 12.3亿元。",
        ) from None
    if unit == TIMES:
        number, unit = number * 100, PERCENT
    return WrittenValue(number * sign if number else Decimal(0), unit)


def in_unit(written: WrittenValue, unit: str, text: str) -> Decimal:
    """The value converted to ``unit`` (the indicator's): 2.05万人 → 20500 for 人.

    A number without a unit is taken as written. A percent, percentage points or 倍 fit a
    ``%`` indicator only; a count or amount converts within its family (人/万人,
    元/万元/亿元). Raises InvalidInput for a unit that does not fit, naming both.
    """
    given = written.unit
    if given is None or given == unit:
        return written.number
    if given in (PERCENT, POINTS):
        if unit == PERCENT:
            return written.number
        raise WrongUnit(
            f"'{text}' is a percentage, but the indicator counts {unit}; write the number of "
            f"{unit}, or use --force if the percent sign is a slip.",
            zh=f"'{text}' 是百分数，而该指标的单位是{unit}；请填写{unit}数，"
            "若百分号是误写可加 --force。",
        )
    for family in _FAMILIES:
        if given in family and unit in family:
            converted = written.number * family[given] / family[unit]
            return Decimal(plain(converted))
    raise InvalidInput(
        f"'{text}' is in {given}, but the indicator's unit is {unit}; write it in {unit}.",
        zh=f"'{text}' 的单位是{given}，而该指标的单位是{unit}；请以{unit}填写。",
    )


class WrongUnit(InvalidInput):
    """A percent sign on a count: refused unless forced (a slip of the keyboard)."""

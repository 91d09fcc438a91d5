"""Plain, frozen data the status rules work on. Built from the store or from tests alike."""

import enum
from dataclasses import dataclass
from decimal import Decimal

from tracker.domain.periods import Cadence, Period


class Measure(enum.StrEnum):
    """What a figure is: the kind decides how it is scored."""

    GROWTH = "growth"  # year-to-date growth or change, in percent
    LEVEL = "level"  # a level in percent (e.g. the urbanisation rate)
    COUNT = "count"  # a year-to-date cumulative count (e.g. people)
    RANK = "rank"  # a position, 1 is best


class Comparator(enum.StrEnum):
    AT_LEAST = "at_least"
    AT_MOST = "at_most"


class Basis(enum.StrEnum):
    """What is compared with the target: the figure itself, or its change over the baseline."""

    VALUE = "value"
    CHANGE = "change"


class Pace(enum.StrEnum):
    """How a cumulative count's expected value grows through the year."""

    LINEAR = "linear"  # target × months elapsed / 12
    SEASONAL = "seasonal"  # last year's share reached by the same month


@dataclass(frozen=True)
class Owner:
    key: str
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class Indicator:
    key: str
    name_zh: str
    name_en: str
    unit: str  # "%", "人", "位" ...
    measure: Measure
    cadence: Cadence
    owner: Owner
    start_month: int = 1  # 2 when the first monthly figure is January–February combined
    lag_days: int = 20  # publication lag after the period ends
    minimum: Decimal | None = None  # plausible range; outside it needs --force
    maximum: Decimal | None = None
    decimals: int = 1
    aliases: tuple[str, ...] = ()  # other names bureaus write: "规上工业增加值"
    max_step: Decimal | None = None  # a rate's largest plausible move from the previous period


@dataclass(frozen=True)
class Goal:
    indicator: Indicator
    year: int
    comparator: Comparator
    target: Decimal
    tolerance: Decimal = Decimal(0)  # the band that still meets an "about" target
    warning: Decimal = Decimal(1)  # beyond tolerance: at risk; counts: a share of expected
    basis: Basis = Basis.VALUE
    pace: Pace = Pace.LINEAR
    label_zh: str = ""  # the target as officials write it: "8%左右"
    label_en: str = ""


@dataclass(frozen=True)
class Figure:
    """A figure: the value of an indicator for a period, as its current revision says."""

    period: Period
    value: Decimal
    amount: Decimal | None = None  # year-to-date absolute amount, when entered
    preliminary: bool = False
    revision: int = 1
    note: str | None = None
    source: str | None = None

    @property
    def revised(self) -> bool:
        return self.revision > 1

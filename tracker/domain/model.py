"""Plain, frozen data the status rules work on. Built from the store or from tests alike."""

import enum
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from tracker.domain.periods import Cadence, Period


class Measure(enum.StrEnum):
    """What a figure is: the kind decides how it is scored."""

    GROWTH = "growth"  # year-to-date growth or change, in percent
    LEVEL = "level"  # a level in percent (e.g. the urbanisation rate)
    COUNT = "count"  # a year-to-date cumulative count (e.g. people)
    RANK = "rank"  # a position, 1 is best
    STOCK = "stock"  # a level at the period's end (patents held, pigs on hand), not a sum
    MILESTONE = "milestone"  # done on a day, or not (建成投产): tracker.domain.milestones


class Comparator(enum.StrEnum):
    """How the score is held against the target (docs/status-rules.md, "Kinds of target")."""

    AT_LEAST = "at_least"  # a floor: 增长8.5%
    AT_MOST = "at_most"  # a ceiling: 控制在3.5%以内
    ABOVE = "above"  # strictly above: 保持正增长 (0.0 is not growth)
    BELOW = "below"  # strictly below: 继续下降
    ABOUT = "about"  # two-sided: 基本持平, 4%左右 (within the tolerance either way)
    BETWEEN = "between"  # a range: 5%—6% (``target`` low, ``target_high`` high)

    @property
    def upward(self) -> bool:
        """Whether a higher score is better (at least, above, between without a ceiling)."""
        return self in (Comparator.AT_LEAST, Comparator.ABOVE, Comparator.BETWEEN)


class TargetKind(enum.StrEnum):
    """Whether the goal has a number yet."""

    NUMBER = "number"
    ASSIGNED = "assigned"  # set later by a superior (完成市下达目标): status pending
    NONE = "none"  # tracked without a target (不提出具体目标): status no_target
    QUALITATIVE = "qualitative"  # no number (重大风险有效防控): a person's judgement decides


class On(enum.StrEnum):
    """Which number of a figure a goal scores: its value, or its year-to-date amount."""

    VALUE = "value"
    AMOUNT = "amount"


class Basis(enum.StrEnum):
    """What is compared with the target: the figure itself, or its change over the baseline."""

    VALUE = "value"
    CHANGE = "change"
    SAME_PERIOD = "same_period"  # net increase: value − last year's value for the same period


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
class Judgement:
    """A person's verdict on a qualitative goal for a period (docs/status-rules.md,
    "Qualitative goals"): a revision like a figure's, who, when and why kept. ``verdict`` is a
    status value: on_track, at_risk, lagging, achieved or missed."""

    period: Period
    verdict: str
    note: str
    revision: int = 1
    recorded_by: str = ""
    recorded_at: datetime | None = None
    reason: str | None = None  # why a revision changed the verdict


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
    own_key: str = ""  # a second goal on an indicator names itself ([goals.revenue_total])
    kind: TargetKind = TargetKind.NUMBER
    target_high: Decimal | None = None  # between: the range's upper end
    ceiling: bool = False  # between: above the range is behind, not on track
    stretch: Decimal | None = None  # 力争: the higher aim beside ``target`` (确保)
    assigned_by: str = ""  # assigned: who sets the number ("city")
    reference: "Indicator | None" = None  # scored relative to its figure, same period
    on: On = On.VALUE
    # Places (docs/status-rules.md, "Places and peers"): scored against another place's figure
    # of the same period (its config key; ``reference`` then names the indicator, None: the
    # goal's own), or by the rank among the places with the same parent ("peers").
    reference_place: str | None = None
    rank_among: str | None = None  # "peers": the score is the rank, 1 is best
    # 占全市比重: the score is this place's figure (or amount) ÷ that place's (its stored key)
    # for the same period × 100, a level in percent.
    share_of: str | None = None
    # Versions (docs/status-rules.md, "Goals change during the year"): the goal as first set
    # has no ``effective`` date; each later version is a whole Goal of its own, in ``versions``
    # in the order of their dates, and ``previous`` is the one it replaced. A correction
    # (``correction`` > 0: the first, second...) restates the version of its own date, the
    # goal as first set included (a target mistyped in January): it replaces it from that
    # date, as if it had been written so, and is no change of target.
    effective: date | None = None  # None: in force from the year's start
    reason: str = ""
    versions: "tuple[Goal, ...]" = ()
    previous: "Goal | None" = None
    correction: int = 0  # 0: as first written; n: the nth correction of its date's version
    recorded_at: datetime | None = None  # when this version was stored (for --as-known)
    retired: bool = False  # removed from the config: kept with its history, not reported
    place: str = ""  # the stored key of its place (tracker.domain.places: "" is home)
    # A date inside the year (6月底前): paced to it, and judged final on the figure of the
    # period ending on or after it (docs/status-rules.md, "Kinds of target"); a milestone's
    # deadline. None: the year's end.
    due: date | None = None
    # A qualitative goal's judgements as recorded (known by the time asked), oldest period
    # first, the current revision of each period.
    judgements: tuple[Judgement, ...] = ()
    weight: Decimal = Decimal(1)  # its share in its owner's score (docs/status-rules.md, "Owners")

    def in_force(self, day: date) -> "Goal":
        """The version in force on ``day`` (on the year's last day for any later date): the
        latest whose effective date is on or before it, with ``previous`` set (a correction
        keeps the ``previous`` of the version it corrects); the goal as first set when none
        is. Raises nothing."""
        day = min(day, date(self.year, 12, 31))
        current: Goal = self
        for version in self.versions:
            if (version.effective or date(self.year, 1, 1)) > day:
                continue
            if version.correction and version.effective == current.effective:
                current = replace(version, previous=current.previous, versions=())
            else:
                current = replace(version, previous=current, versions=())
        return current

    @property
    def history(self) -> "tuple[Goal, ...]":
        """Every version, the goal as first set first."""
        return (replace(self, versions=()), *self.versions)

    @property
    def key(self) -> str:
        """The goal's key: its own, or its indicator's."""
        return self.own_key or self.indicator.key

    @property
    def due_month(self) -> int:
        """The month the goal is due by: the due date's, else December."""
        return self.due.month if self.due is not None else 12

    def final_on(self, period: Period) -> bool:
        """Whether a figure for ``period`` gives the goal's final verdict: the year's final
        period, or one ending on or after its due date."""
        return period.is_year_end or (self.due is not None and period.end >= self.due)

    @property
    def stretch_alone(self) -> bool:
        """A 力争 number with no 确保 floor beside it (力争增长10%): scored against the stretch,
        which is then also its ``target`` (docs/status-rules.md, "Kinds of target")."""
        return self.stretch is not None and self.stretch == self.target


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

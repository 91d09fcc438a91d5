"""The status rules: ``evaluate(goal, figures, as_of)`` decides where a goal stands."""

import enum
import functools
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from tracker.domain.measures import Gain, MeasureRules, goal_rules, rules_of
from tracker.domain.milestones import grace_ends, progress
from tracker.domain.model import (
    Basis,
    Comparator,
    Figure,
    Goal,
    Indicator,
    Judgement,
    Measure,
    On,
    TargetKind,
)
from tracker.domain.pace import (
    Requirement,
    expected_count,
    expected_level,
    requirement,
)
from tracker.domain.periods import Cadence, Period, periods_of_year
from tracker.domain.ranking import Ranking, lower_is_better, rank_places
from tracker.domain.series import Series

HUNDRED = Decimal(100)


class Status(enum.StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    LAGGING = "lagging"
    MISSED = "missed"
    NO_DATA = "no_data"
    PENDING = "pending"  # the target is to be set by a superior (目标待下达)
    NO_TARGET = "no_target"  # tracked without a target (不提出具体目标)


class Lack(enum.StrEnum):
    """What a goal lacks to be scored (docs/status-rules.md, "What is missing")."""

    BASELINE = "baseline"  # last year's final figure, for a change or a stock
    REFERENCE = "reference"  # the reference's figure (indicator or place) for the same period
    SAME_PERIOD = "same_period"  # last year's figure for the same period, for a net increase
    AMOUNT = "amount"  # the year-to-date amount, for a goal on the amount


@dataclass(frozen=True)
class Missing:
    """Why a goal with a figure has no score: ``lack`` of ``indicator`` for ``period``, of
    ``place`` when it is another place's figure (a goal relative to another place)."""

    lack: Lack
    indicator: str  # the key of the indicator whose figure is missing
    period: Period
    place: str | None = None  # the stored key of the place whose figure is missing


@dataclass(frozen=True)
class GoalStatus:
    """Where one goal stands as of a date, with the numbers that decided it."""

    goal: Goal
    as_of: date
    status: Status
    latest: Figure | None = None
    previous: Figure | None = None  # the figure before ``latest`` in the same year
    baseline: Figure | None = None  # last year's final figure
    score: Decimal | None = None  # what is compared: the value, its change, places gained
    reference: Decimal | None = None  # what the score is compared with: target, or expected
    expected: Decimal | None = None  # counts: where the count should be by now
    gap: Decimal | None = None  # score − reference (negative is below)
    change: Decimal | None = None  # latest − previous value
    overdue: Period | None = None  # the period whose figure should be out and is not
    requirement: Requirement | None = None
    series: Sequence[Figure] = ()  # the year's figures up to as_of, oldest first
    stretch_met: bool | None = None  # None: the goal has no stretch target, or no score
    stretch_gap: Decimal | None = None  # score − the stretch target (counts: as expected by now)
    compared_with: Figure | None = None  # the reference's or last year's same-period figure
    missing: Missing | None = None  # why there is no score although there is a figure
    judgement: Judgement | None = None  # a qualitative goal: the verdict that decided it
    high: Decimal | None = None  # between: the range's upper end by now (counts: expected)
    ranking: Ranking | None = None  # a rank goal: the peers ranked for the latest period
    done_on: date | None = None  # a milestone: the day it was done (tracker.domain.milestones)
    late_days: int | None = None  # a milestone done: days after its due date (0: on time)
    days_left: int | None = None  # a milestone not done: days to its due date (< 0: overdue)

    @property
    def final(self) -> bool:
        """Whether the verdict is final: on the year's last figure, or the one ending on the
        goal's due date; a milestone's once done, or missed."""
        if self.goal.indicator.measure is Measure.MILESTONE or self.judgement is not None:
            return self.status in (Status.ACHIEVED, Status.MISSED)
        return self.latest is not None and self.goal.final_on(self.latest.period)


def evaluate(
    goal: Goal,
    figures: Iterable[Figure],
    as_of: date,
    reference: Iterable[Figure] = (),
    *,
    peers: Mapping[str, Sequence[Figure]] | None = None,
    place: str = "",
    rankings: "Rankings | None" = None,
) -> GoalStatus:
    """Decide the status of ``goal`` as of ``as_of`` from the indicator's figures (any years).

    Only figures whose period has ended by ``as_of`` count; of two figures for one period, the
    higher revision wins. The goal's version in force on ``as_of`` decides
    (docs/status-rules.md, "Goals change during the year"). ``reference``: the figures the goal
    is relative to, when it is (its reference indicator's, or another place's: "Kinds of
    target", "Places and peers"). A rank goal (``rank_among``) is scored by ``place``'s rank
    among ``peers`` (stored place key -> that place's figures of the goal's indicator, every
    peer in the configured order, ``place`` itself included; its own figures are ``figures``)
    for the latest period: the score is the rank, 1 is best ("Places and peers").
    ``rankings``: the rankings already made, kept for the next goal of a peer (the same
    indicator, period, date and peers rank once; start each batch with an empty dict).
    """
    goal = goal.in_force(as_of)  # the final verdict: the version in force at the year's end
    if goal.indicator.measure is Measure.MILESTONE:
        return _milestone(goal, figures, as_of)
    years = _years(goal, figures, as_of)
    latest = years.latest
    overdue = _overdue(goal, latest, as_of)
    if goal.kind is TargetKind.QUALITATIVE:
        return _judged(goal, as_of, years, overdue)
    if goal.kind is not TargetKind.NUMBER:
        status = Status.PENDING if goal.kind is TargetKind.ASSIGNED else Status.NO_TARGET
        if latest is None:
            return GoalStatus(goal, as_of, status, baseline=years.baseline, overdue=overdue)
        return _unscored(goal, as_of, status, years, overdue, None)
    if latest is None:
        return GoalStatus(goal, as_of, Status.NO_DATA, baseline=years.baseline, overdue=overdue)
    compared = _compared(goal, latest, as_of, reference, years.last_year)
    if isinstance(compared, Missing):
        return _unscored(goal, as_of, Status.NO_DATA, years, overdue, compared)
    ranking = None
    if goal.rank_among is not None:
        ranking = _ranking(goal, latest, as_of, peers or {}, place, rankings)
        score: Decimal | None = Decimal(ranking.rank_of(place) or 0)
    else:
        score = _score(goal, latest, years.baseline, compared)
    final = goal.final_on(latest.period)
    if score is None or (_rules(goal).paced_from_baseline and years.baseline is None and not final):
        lack = Lack.BASELINE  # a change over the baseline, or a stock, and no baseline
        missing = Missing(lack, goal.indicator.key, Period.year_of(goal.year - 1))
        return _unscored(goal, as_of, Status.NO_DATA, years, overdue, missing)
    return _scored(goal, as_of, years, score, overdue, compared, ranking)


class _Years(NamedTuple):
    """The figures that count for a goal: its year's, oldest first, and last year's."""

    this_year: Series
    last_year: Series
    baseline: Figure | None  # last year's final figure
    latest: Figure | None  # the latest of the year
    previous: Figure | None  # the figure before the latest in the same year


def _years(goal: Goal, figures: Iterable[Figure], as_of: date) -> _Years:
    """The goal's year and the year before, of the figures known by ``as_of`` (a goal on the
    amount: their amounts). Only the figures a status shows are made (``Series``)."""
    known = _known_by(figures, as_of)  # oldest first, so each year's figures are a slice
    if goal.on is On.AMOUNT:  # the amounts are the figures this goal scores
        known = known.amounts()
    last_year, this_year = known.years(goal.year)
    rows = this_year.rows
    return _Years(
        this_year,
        last_year,
        last_year.year_end(),
        Figure(*rows[-1]) if rows else None,
        Figure(*rows[-2]) if len(rows) > 1 else None,
    )


def _compared(
    goal: Goal,
    latest: Figure,
    as_of: date,
    reference: Iterable[Figure],
    last_year: Series,
) -> Figure | Missing | None:
    """The figure the latest one is compared with: the reference's (another indicator's or
    place's) for the same period, or last year's same period for a net increase; None when
    the goal compares with none; Missing when the one it needs is not known."""
    if goal.rank_among is not None:
        return None
    if goal.share_of is not None:
        return _share_of(goal, latest, _known_by(reference, as_of))
    if _relative(goal):
        compared_with = figure_for(_known_by(reference, as_of), latest.period)
        if compared_with is not None and goal.on is On.AMOUNT and goal.reference_place:
            # another place's amount (its figures come as recorded)
            amount = compared_with.amount
            compared_with = None if amount is None else _amount_as_value(compared_with)
        if compared_with is None:
            of = goal.reference or goal.indicator
            period = due_period(of, latest.period) or latest.period  # a quarterly one's Q4
            return Missing(Lack.REFERENCE, of.key, period, goal.reference_place)
        return compared_with
    if goal.basis is Basis.SAME_PERIOD:
        a_year_earlier = latest.period.a_year_earlier()
        compared_with = last_year.figure_of(a_year_earlier)
        if compared_with is None:
            return Missing(Lack.SAME_PERIOD, goal.indicator.key, a_year_earlier)
        return compared_with
    return None


class _Pace(NamedTuple):
    """What an annual number asks by the latest figure's period (docs/status-rules.md, "The
    score" and "Stocks"): itself for what is not paced and at the year's end; for a count,
    the expected count; for a stock, the level expected from last year's."""

    goal: Goal
    rules: MeasureRules
    latest: Figure
    years: _Years
    final: bool  # the latest figure gives the final verdict (``Goal.final_on``)

    def by_now(self, target: Decimal) -> Decimal:
        if not self.rules.paced or self.final:
            return target
        baseline = self.years.baseline
        due = self.goal.due_month
        if self.rules.paced_from_baseline and self.goal.basis is Basis.CHANGE:
            # a stock's net increase: the change itself is paced, from none on 1 January
            return expected_level(target, self.latest.period, Decimal(0), due)
        if self.rules.paced_from_baseline and baseline is not None:
            return expected_level(target, self.latest.period, baseline.value, due)
        return expected_count(self.goal, self.latest.period, self.years.last_year, target)


def _scored(
    goal: Goal,
    as_of: date,
    years: _Years,
    score: Decimal,
    overdue: Period | None,
    compared_with: Figure | None,
    ranking: Ranking | None,
) -> GoalStatus:
    """The status of a goal with a score: the verdict against the target by now, the
    stretch target, and what the rest of the year needs."""
    latest, previous = years.latest, years.previous
    assert latest is not None
    rules = _rules(goal)
    pace = _Pace(goal, rules, latest, years, goal.final_on(latest.period))
    reference_value = pace.by_now(goal.target)
    high = None if goal.target_high is None else pace.by_now(goal.target_high)
    tolerance, warning = goal.tolerance, goal.warning
    if rules.relative_bands:  # shares of the reference's size, whatever its sign
        size = abs(reference_value)
        tolerance, warning = size * tolerance, size * warning
    status = _classify(goal, score, reference_value, high, tolerance, warning, pace.final)
    stretch_met, stretch_gap = _stretch(goal, score, pace)
    return GoalStatus(
        goal,
        as_of,
        status,
        latest=latest,
        previous=previous,
        baseline=years.baseline,
        score=score,
        reference=reference_value,
        expected=reference_value if rules.paced and not pace.final else None,
        gap=_gap(goal, score, reference_value, high),
        change=latest.value - previous.value if previous else None,
        overdue=overdue,
        requirement=_requirement(goal, status, latest, years.last_year),
        series=years.this_year,
        stretch_met=stretch_met,
        stretch_gap=stretch_gap,
        compared_with=compared_with,
        high=high,
        ranking=ranking,
    )


def _stretch(goal: Goal, score: Decimal, pace: _Pace) -> tuple[bool | None, Decimal | None]:
    """Whether the score meets the stretch target by now, and by how much; None without one."""
    if goal.stretch is None:
        return None, None
    aim = pace.by_now(goal.stretch)
    return (score >= aim if goal.comparator.upward else score <= aim), score - aim


def _requirement(
    goal: Goal, status: Status, latest: Figure, last_year: Sequence[Figure]
) -> Requirement | None:
    """What the rest of the year must deliver, for a goal not achieved that is scored on its
    own figure (not relative, ranked or a net increase)."""
    if (
        status is Status.ACHIEVED
        or _relative(goal)
        or goal.rank_among is not None
        or goal.share_of is not None
        or goal.basis is Basis.SAME_PERIOD
    ):
        return None
    return requirement(goal, latest, last_year)


def evaluate_in(goal: Goal, figures: Mapping[str, Sequence[Figure]], as_of: date) -> GoalStatus:
    """``evaluate`` with the figures of every indicator of the goal's place by key: the goal's
    own, and its reference indicator's when it has one. A goal relative to another place
    finds none of that place's figures here (``evaluate_among`` has them): no data, saying
    which is missing."""
    reference: Sequence[Figure] = ()
    if goal.reference is not None and goal.reference_place is None:
        reference = figures.get(goal.reference.key, ())
    return evaluate(goal, figures.get(goal.indicator.key, ()), as_of, reference)


def evaluate_among(
    goal: Goal,
    by_place: Mapping[str, Mapping[str, Sequence[Figure]]],
    as_of: date,
    *,
    place: str | None = None,
    peers: Sequence[str] = (),
    rankings: "Rankings | None" = None,
    groups: Mapping[str, Sequence[str]] | None = None,
) -> GoalStatus:
    """``evaluate`` with the figures of every place: stored place key -> indicator key ->
    figures. ``place``: the stored key of the place whose goal it is (default: the goal's);
    ``peers``: the stored keys of the places with the same parent, in the configured order,
    ``place`` included (a rank goal's ranking); ``groups``: the stored keys of each named
    group's members, by the group's key (a goal ranked among a group:
    ``Places.ranked_among``). A goal relative to another place, or a share of its total, reads
    that place's figures. ``rankings``: as for ``evaluate``."""
    place = goal.place if place is None else place
    own = by_place.get(place, {})
    reference: Sequence[Figure] = ()
    if goal.share_of is not None:
        reference = by_place.get(goal.share_of, {}).get(goal.indicator.key, ())
    elif goal.reference_place is not None:
        of = goal.reference.key if goal.reference else goal.indicator.key
        reference = by_place.get(goal.reference_place, {}).get(of, ())
    elif goal.reference is not None:
        reference = own.get(goal.reference.key, ())
    ranked: dict[str, Sequence[Figure]] | None = None
    if goal.rank_among is not None:
        key = goal.indicator.key
        among = (groups or {}).get(goal.rank_among, peers)
        ranked = {peer: by_place.get(peer, {}).get(key, ()) for peer in among}
    return evaluate(
        goal,
        own.get(goal.indicator.key, ()),
        as_of,
        reference,
        peers=ranked,
        place=place,
        rankings=rankings,
    )


def _judged(goal: Goal, as_of: date, years: _Years, overdue: Period | None) -> GoalStatus:
    """A qualitative goal (docs/status-rules.md, "Qualitative goals"): the verdict of the
    latest judgement of its year for a period ended by ``as_of``, no data without one; the
    indicator's figures are shown beside it."""
    judged = [j for j in goal.judgements if j.period.year == goal.year and j.period.end <= as_of]
    judgement = max(judged, key=lambda j: j.period) if judged else None
    status = Status(judgement.verdict) if judgement is not None else Status.NO_DATA
    latest, previous = years.latest, years.previous
    return GoalStatus(
        goal,
        as_of,
        status,
        latest=latest,
        previous=previous,
        baseline=years.baseline,
        change=latest.value - previous.value if latest and previous else None,
        overdue=overdue,
        series=years.this_year,
        judgement=judgement,
    )


def _share_of(goal: Goal, latest: Figure, reference: Sequence[Figure]) -> Figure | Missing:
    """The figure (or amount) of the place the goal is a share of, for the latest's period;
    Missing when it has none (or none above zero: nothing is a share of it)."""
    total = figure_for(reference, latest.period)
    if total is not None and goal.on is On.AMOUNT:
        total = None if total.amount is None else _amount_as_value(total)
    if total is None or total.value <= 0:
        period = due_period(goal.indicator, latest.period) or latest.period
        return Missing(Lack.REFERENCE, goal.indicator.key, period, goal.share_of)
    return total


def _milestone(goal: Goal, figures: Iterable[Figure], as_of: date) -> GoalStatus:
    """A milestone as of ``as_of`` (docs/status-rules.md, "Milestones"): achieved once done;
    before its due date pending; past it lagging while the grace of ``warning`` days runs,
    then missed."""
    found = progress(goal, figures, as_of)
    if found.done_on is not None:
        status = Status.ACHIEVED
    elif found.days_left >= 0:
        status = Status.PENDING
    else:
        status = Status.LAGGING if as_of <= grace_ends(goal) else Status.MISSED
    return GoalStatus(
        goal,
        as_of,
        status,
        latest=found.figure,
        done_on=found.done_on,
        late_days=found.late_days,
        days_left=None if found.done_on is not None else found.days_left,
    )


def _relative(goal: Goal) -> bool:
    """Whether the score is the figure less another figure of the same period: another
    indicator's, or another place's."""
    return goal.reference is not None or goal.reference_place is not None


def _rules(goal: Goal) -> MeasureRules:
    """The measure's rules; a rank goal's score is a position whatever the indicator is."""
    return goal_rules(goal)


# Rankings made, by (indicator key, number scored, period, date, lowest first, peers).
Rankings = MutableMapping[tuple[str, On, Period, date, bool, tuple[str, ...]], Ranking]


def _ranking(
    goal: Goal,
    latest: Figure,
    as_of: date,
    peers: Mapping[str, Sequence[Figure]],
    place: str,
    rankings: Rankings | None = None,
) -> Ranking:
    """The peers ranked by their figures for ``latest``'s period known by ``as_of``; the
    place's own figure is ``latest`` (docs/status-rules.md, "Places and peers")."""
    lowest_first = lower_is_better(goal.indicator, (goal,))
    key = (goal.indicator.key, goal.on, latest.period, as_of, lowest_first, tuple(peers))
    if rankings is not None and place in peers:
        made = rankings.get(key)
        if made is None:
            made = rankings[key] = _rank(goal, latest, as_of, peers, place, lowest_first)
        return made
    return _rank(goal, latest, as_of, peers, place, lowest_first)


def _rank(
    goal: Goal,
    latest: Figure,
    as_of: date,
    peers: Mapping[str, Sequence[Figure]],
    place: str,
    lowest_first: bool,
) -> Ranking:
    values: dict[str, Decimal | None] = {}
    for peer, figures in peers.items():
        if peer == place:
            values[peer] = latest.value  # already the amount for a goal on the amount
            continue
        row = _known_by(figures, as_of).row_for(latest.period)
        if row is None:
            values[peer] = None
        else:
            values[peer] = row[2] if goal.on is On.AMOUNT else row[1]
    if place not in values:
        values[place] = latest.value
    return rank_places(values, lower_is_better=lowest_first)


def _unscored(
    goal: Goal,
    as_of: date,
    status: Status,
    years: _Years,
    overdue: Period | None,
    missing: Missing | None,
) -> GoalStatus:
    """A goal with a figure and no score: pending, without a target, or lacking a number."""
    latest, previous = years.latest, years.previous
    assert latest is not None
    return GoalStatus(
        goal,
        as_of,
        status,
        latest=latest,
        previous=previous,
        baseline=years.baseline,
        change=latest.value - previous.value if previous else None,
        overdue=overdue,
        series=years.this_year,
        missing=missing,
    )


def _amount_as_value(figure: Figure) -> Figure:
    assert figure.amount is not None
    return Figure(
        figure.period,
        figure.amount,
        None,
        figure.preliminary,
        figure.revision,
        figure.note,
        figure.source,
    )


def figure_for(figures: Iterable[Figure], period: Period) -> Figure | None:
    """The figure of ``figures`` (one per period, oldest first) for ``period``: its own; for
    the year's end, any figure that ends the same year when there is none of its own
    (December, Q4 and the year are the same year to date: an annual figure is compared with a
    quarterly indicator's Q4, docs/status-rules.md, "Which figure counts"). None without."""
    row = Series.of(figures).row_for(period)
    return None if row is None else Figure(*row)


def _gap(goal: Goal, score: Decimal, low: Decimal, high: Decimal | None) -> Decimal:
    """score − the target (counts: the expected value); for a range, from its nearer end, 0
    inside it."""
    if goal.comparator is Comparator.BETWEEN and high is not None:
        if score < low:
            return score - low
        return score - high if score > high else Decimal(0)
    return score - low


def _known_by(figures: Iterable[Figure], as_of: date) -> Series:
    """The figures whose period ended by ``as_of``, one per period, oldest first.

    Figures read from the store come as a ``Series``, one per period, oldest first: those are
    cut at ``as_of`` as they are; any others are put in order first (``Series.known_by``).
    """
    return Series.of(figures).known_by(as_of)


def _score(
    goal: Goal, latest: Figure, baseline: Figure | None, compared_with: Figure | None
) -> Decimal | None:
    if compared_with is not None and goal.share_of is not None:  # 占全市比重, in percent
        return latest.value / compared_with.value * HUNDRED
    if compared_with is not None:  # a reference indicator, or last year's same period
        return latest.value - compared_with.value
    if goal.basis is Basis.VALUE:
        return latest.value
    if baseline is None:
        return None
    if rules_of(goal.indicator).gain is Gain.PLACES:
        return baseline.value - latest.value  # places gained
    return latest.value - baseline.value


def _classify(
    goal: Goal,
    score: Decimal,
    reference: Decimal,
    high: Decimal | None,
    tolerance: Decimal,
    warning: Decimal,
    final: bool,
) -> Status:
    """The verdict of docs/status-rules.md, "The verdict" and "Kinds of target": against the
    target at the year's end, else against the target by now (``reference``; ``high``: a
    range's upper end by now)."""
    against = goal.target if final else reference
    if goal.comparator is Comparator.BETWEEN:
        top = goal.target_high if final else high  # None: a range open above, a floor
        return _between(goal, score, against, top, tolerance, warning, final)
    if goal.comparator is Comparator.ABOUT:
        return _about(abs(score - against), tolerance, warning, final)
    upward = goal.comparator.upward
    strict = goal.comparator in (Comparator.ABOVE, Comparator.BELOW)
    reached = score > goal.target or (score == goal.target and not strict)
    if not final and _rules(goal).cumulative and upward and reached:
        return Status.ACHIEVED  # a year-to-date sum that has reached the annual target
    status = _one_sided(upward, not strict, score, against, tolerance, warning, final)
    if final and status is Status.MISSED and goal.stretch_alone:
        # 力争 alone, short by no more than the warning band: 未达到力争目标, not 未完成
        near = _one_sided(upward, not strict, score, against, tolerance, warning, False)
        return Status.AT_RISK if near is Status.AT_RISK else status
    return status


def _between(
    goal: Goal,
    score: Decimal,
    low: Decimal,
    top: Decimal | None,
    tolerance: Decimal,
    warning: Decimal,
    final: bool,
) -> Status:
    """A range: above it is achieved, unless the range's top is a ceiling; below it, judged
    as a floor at its lower end."""
    if top is not None and score > top and goal.ceiling:
        return _one_sided(False, True, score, top, tolerance, warning, final)
    if top is not None and score > top:
        return Status.ACHIEVED if final else Status.ON_TRACK  # above the range
    return _one_sided(True, True, score, low, tolerance, warning, final)


def _about(off: Decimal, tolerance: Decimal, warning: Decimal, final: bool) -> Status:
    """About a target: within the tolerance either side, ``off`` being the distance."""
    if final:
        return Status.ACHIEVED if off <= tolerance else Status.MISSED
    if off <= tolerance:
        return Status.ON_TRACK
    return Status.AT_RISK if off <= tolerance + warning else Status.LAGGING


def _one_sided(
    upward: bool,
    inclusive: bool,
    score: Decimal,
    against: Decimal,
    tolerance: Decimal,
    warning: Decimal,
    final: bool,
) -> Status:
    """A floor (``upward``) or a ceiling; ``inclusive``: meeting it exactly counts (at least,
    at most), else it must be passed (above: 0.0 is not growth)."""
    margin = score - against if upward else against - score  # positive is better

    def meets(band: Decimal) -> bool:
        return margin >= -band if inclusive else margin > -band

    if final:
        return Status.ACHIEVED if meets(tolerance) else Status.MISSED
    if meets(tolerance):
        return Status.ON_TRACK
    return Status.AT_RISK if meets(tolerance + warning) else Status.LAGGING


def overdue_period(goal: Goal, figures: Iterable[Figure], as_of: date) -> Period | None:
    """The latest period of the goal's year that should be published by ``as_of`` and is not.

    A later figure makes an earlier gap moot: a year-to-date April covers a missing March.
    """
    _, this_year = _known_by(figures, as_of).years(goal.year)
    return _overdue(goal, this_year.last(), as_of)


def due_period(indicator: Indicator, period: Period) -> Period | None:
    """The indicator's own period that ends with ``period`` (a month, a quarter or a year), or
    None when it publishes no figure ending then (docs/status-rules.md, "Overdue")."""
    periods = periods_of_year(period.year, indicator.cadence, indicator.start_month)
    return next((p for p in periods if p.end == period.end), None)


def _overdue(goal: Goal, latest: Figure | None, as_of: date) -> Period | None:
    """The overdue period, given the latest figure of the goal's year known by ``as_of``."""
    indicator = goal.indicator
    last_due = _last_due(
        goal.year, indicator.cadence, indicator.start_month, indicator.lag_days, as_of
    )
    if last_due is None or (latest is not None and latest.period >= last_due):
        return None
    return last_due


@functools.lru_cache(maxsize=1024)
def _last_due(
    year: int, cadence: Cadence, start_month: int, lag_days: int, as_of: date
) -> Period | None:
    """The latest period of the year due by ``as_of``: the same for every goal of a kind."""
    periods = periods_of_year(year, cadence, start_month)
    due = [p for p in periods if p.published_by(lag_days) <= as_of]
    return due[-1] if due else None

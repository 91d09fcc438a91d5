"""What a report says before its sections (pure): the title and subject with the place's name,
the verdict a leader reads in five seconds, the headline that says which months' figures are in,
and the counts shown as badges (docs/reports.md, "What the report says").

- The verdict names only what is behind (3项落后，2项预警，1项逾期未报), never a zero count; when
  nothing is: 全部完成 (every goal achieved), 全部正常, 尚无数据, or 无未达目标.
- The headline says what the report holds: the day, the months whose figures are in (截至2020年
  7月15日，已出1-5月数据), and the goals by status, zeros left out; a goal whose first figure is
  not due yet reads 年底出数 (or the month it is due), never 无数据.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tracker.domain.model import Owner
from tracker.domain.periods import Cadence, Period
from tracker.domain.severity import BEHIND
from tracker.domain.status import GoalStatus, Status
from tracker.domain.wording import STATUS_WORDS, counted_words
from tracker.domain.years import goals_year
from tracker.reporting.context import Count
from tracker.reporting.language import Words
from tracker.reporting.lines import COLOURS
from tracker.reporting.phrases import due_word
from tracker.reporting.timeline import reporting_period

# The badges and the headline's counts, behind first; then goals without a figure by why.
SHOWN = (*BEHIND, Status.ACHIEVED, Status.ON_TRACK, Status.PENDING, Status.NO_TARGET)
VERDICT = (Status.LAGGING, Status.MISSED, Status.AT_RISK)  # the order a verdict names them
GREY = ("#555555", "#f0f0f0")
OVERDUE = ("#8a4b00", "#fff3e0")


@dataclass(frozen=True)
class Headings:
    """The goals' year and the report's month, its title, subject, verdict, headline and
    badges."""

    year: int
    month: str  # '2020年6月' / 'June 2020'
    title: str
    subject: str
    verdict: str
    headline: str
    badges: tuple[Count, ...]


def headings(
    w: Words,
    statuses: Sequence[GoalStatus],
    as_of: date,
    *,
    owner: Owner | None = None,
    place_name: str | None = None,
) -> Headings:
    """The headings of a report of ``statuses`` (those of ``owner``, when one is chosen), as of
    ``as_of``; ``place_name``: the report's place, named in the title and subject."""
    year, period = year_and_period(statuses, as_of)
    month = w.month(period)
    other_year = year if year != period.year else None  # --year: the words name it
    owner_name = None if owner is None else (owner.name_zh if w.lang == "zh" else owner.name_en)
    title = named_title(w, place_name, _title(w, month, owner_name, other_year))
    verdict = _verdict(w, statuses)
    badges = _badges(w, statuses, as_of)
    return Headings(
        year=year,
        month=month,
        title=title,
        subject=w("%(title)s: %(verdict)s", title=title, verdict=verdict),
        verdict=verdict,
        headline=_headline(w, statuses, as_of, badges),
        badges=badges,
    )


def year_and_period(statuses: Sequence[GoalStatus], as_of: date) -> tuple[int, Period]:
    """The goals' year, and the month the report covers: the last that has ended by
    ``as_of``, or the goals' December after their year's end."""
    year = statuses[0].goal.year if statuses else goals_year(as_of)
    period = reporting_period(as_of)
    if period.year > year:  # last year's goals after its end: its December
        period = Period.month(year, 12)
    return year, period


def named_title(w: Words, place_name: str | None, text: str) -> str:
    """``text`` after the place's name: '示范区2020年6月目标进度' / 'The Zone: June 2020
    targets'."""
    if place_name is None:
        return text
    return w("%(place)s: %(title)s", place=_capital(place_name), title=text)


def _capital(name: str) -> str:
    """'the Zone' → 'The Zone', at the start of an English title; Chinese as it is."""
    return name[:1].upper() + name[1:]


def _title(w: Words, month: str, owner: str | None, year: int | None) -> str:
    if year is not None:
        if owner:
            return w(
                "%(year)s targets as of %(month)s (%(owner)s)", year=year, month=month, owner=owner
            )
        return w("%(year)s targets as of %(month)s", year=year, month=month)
    if owner:
        return w("%(month)s targets (%(owner)s)", month=month, owner=owner)
    return w("%(month)s targets", month=month)


def _verdict(w: Words, statuses: Sequence[GoalStatus]) -> str:
    """'3项落后，2项预警，1项逾期未报': what is behind, no zero counts; when nothing is, 全部完成
    (every goal achieved), 全部正常 (every goal met), 尚无数据, or 无未达目标; a place whose
    goals are all its children's: 本级未设目标."""
    if not statuses:
        return w("no goals of its own")
    parts = []
    for status in VERDICT:
        n = sum(1 for s in statuses if s.status is status)
        if n:
            parts.append(STATUS_WORDS[status].counted(w.lang, n))
    overdue = sum(1 for s in statuses if s.overdue)
    if overdue:
        parts.append(w("%(n)s overdue", n=overdue))
    if parts:
        return w(", ").join(parts)
    found = {s.status for s in statuses}
    if found == {Status.ACHIEVED}:
        return w("all achieved")
    if found <= {Status.ACHIEVED, Status.ON_TRACK} and found:
        return w("all on track")
    if all(s.latest is None for s in statuses):
        return w("no figures yet")
    return w("none behind")


def _badges(w: Words, statuses: Sequence[GoalStatus], as_of: date) -> tuple[Count, ...]:
    """The counts a report shows, none of them zero: the goals of each status behind first;
    those without a figure by why (年底出数, 8月出数); the figures overdue; no data (a figure
    that cannot be scored)."""
    counts = []
    words = counted_words(statuses)  # milestones not yet due: 未到期
    for status in SHOWN:
        n = sum(1 for s in statuses if s.status is status)
        if n:
            colour, background = COLOURS[status]
            counts.append(Count(status.value, words[status].said(w.lang), n, colour, background))
    waiting: dict[str, int] = {}
    unscored = 0
    for s in statuses:
        if s.status is not Status.NO_DATA or s.overdue is not None:
            continue
        word = due_word(w, s.goal, as_of) if s.latest is None else None
        if word is None:
            unscored += 1
        else:
            waiting[word] = waiting.get(word, 0) + 1
    counts += [Count("not_due", word, n, *GREY) for word, n in waiting.items()]
    overdue = sum(1 for s in statuses if s.overdue)
    if overdue:
        counts.append(Count("overdue", w("overdue"), overdue, *OVERDUE))
    if unscored:
        word = STATUS_WORDS[Status.NO_DATA].said(w.lang)
        counts.append(Count(Status.NO_DATA.value, word, unscored, *GREY))
    return tuple(counts)


def _headline(
    w: Words, statuses: Sequence[GoalStatus], as_of: date, badges: Sequence[Count]
) -> str:
    """'截至2020年7月20日，已出1-6月数据：12项目标中，3项落后，…，3项年底出数。'"""
    day = w.date(as_of)
    if not statuses:  # a place with children and no goals of its own
        return w("As of %(day)s: no goals of its own; its places' goals behind are below.",
                 day=day)  # fmt: skip
    latest = figures_in(statuses)
    if latest is None:
        year = statuses[0].goal.year if statuses else as_of.year
        held = w("As of %(day)s, no %(year)s figures are in", day=day, year=year)
    else:
        held = w("As of %(day)s, figures to %(period)s are in", day=day, period=w.period(latest))
    parts = w(", ").join(_counted(w, c) for c in badges)
    goals = w.plural("%(n)s goal", "%(n)s goals", len(statuses))
    return w("%(held)s: of %(goals)s, %(parts)s.", held=held, goals=goals, parts=parts)


def _counted(w: Words, count: Count) -> str:
    """'3项落后' / '3 lagging', '1 awaiting a target'; '3项年底出数' / "3 due at the year's end";
    a status in a word of its own ('1项未到期': milestones not yet due) in that word."""
    if count.status in Status.__members__.values():
        words = STATUS_WORDS[Status(count.status)]
        if count.word == words.said(w.lang):
            return words.counted(w.lang, count.n)
    return w("%(n)s %(word)s", n=count.n, word=count.word)


def figures_in(statuses: Sequence[GoalStatus]) -> Period | None:
    """The year-to-date months whose figures are in: up to the latest month of the monthly
    indicators' figures (of the quarterly ones' when none is monthly, then the yearly ones');
    None when no goal has a figure."""
    for cadence in (Cadence.MONTHLY, Cadence.QUARTERLY, Cadence.ANNUAL):
        ends = [
            s.latest.period.end
            for s in statuses
            if s.latest is not None and s.goal.indicator.cadence is cadence
        ]
        if ends:
            last = max(ends)
            return Period.month(last.year, last.month)
    return None
